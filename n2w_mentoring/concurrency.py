"""Concurrent writes to the same duo: one order of locks, and one retry when MariaDB picks a victim.

**One order.** Whatever changes a duo or a record of a duo (a meeting, its convention, a survey, its
derived counters and health fields) first locks, with locking reads (``SELECT … FOR UPDATE``):

1. the duo's mentee, then its mentor (a proposal checks the mentee's open duo and the mentor's
   capacity under these two locks),
2. then the duo itself,
3. then the records of the duo.

Two requests on the same duo therefore wait for each other at step 1 instead of each holding half
of what the other needs. A batch (a daily job) takes all its mentees, then all its mentors, then
all its duos, each in name order, so it cannot hold a lock a request needs while waiting for one
that request holds. The controllers take these locks in ``check_if_latest``, the first step Frappe
runs on every insert, save, submit and cancel, before naming series, links or any write.

A locking read returns the row as last committed; a plain read returns the transaction's snapshot,
which may predate the commit of the request we waited for. What decides a rule or a counter after
the locks (the number of held meetings, the open duos) is therefore read with a locking read too.

**One retry.** MariaDB can still choose a deadlock victim (two different duos whose records sit
side by side in an index) or time a lock wait out. A request that fails so is rolled back and run
once more, as Frappe's background jobs retry theirs; if it fails again the person is asked to try
again with a translated message (HTTP 409), never a server error:

- the portal's methods carry :func:`retry_on_conflict` (and answer a refusal the portal shows);
- the desk's write methods (save, submit, cancel, delete, workflow actions, ``frappe.client``) are
  wrapped for the app's DocTypes through ``override_whitelisted_methods`` (:func:`desk_method`);
- anything else that still ends on a deadlock or a lock wait timeout (the REST API's
  ``/api/resource``, which no hook can wrap) is answered by :func:`answer_conflicts` as the same
  409 "try again" instead of Frappe's 500.

Two people saving the same record from stale copies is not a deadlock: the desk keeps Frappe's
"modified after you opened it, refresh" message (``TimestampMismatchError``), which asks the person
to look at the other change first. The portal loads what it changes under the locks, so that only
happens there when the record changed between two retries; it answers a translated message.
"""

from __future__ import annotations

import functools
import importlib
import json
import random
import time

import frappe
from frappe import _

from n2w_mentoring.exceptions import TryAgainError

RETRYABLE = (frappe.QueryDeadlockError, frappe.QueryTimeoutError)
CONFLICTS = {"QueryDeadlockError", "QueryTimeoutError"}
MODULE = "Mentoring"


# --- Locks, in one order ------------------------------------------------------------------------


def _lock(doctype: str, names) -> list[str]:
	"""Lock the rows of ``names`` in name order (one locking read); return those that exist."""
	names = sorted({n for n in names if n})
	if not names:
		return []
	table = frappe.qb.DocType(doctype)
	return (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table.name.isin(names))
		.orderby(table.name)
		.for_update()
		.run(pluck=True)
	)


def lock_people(mentees=(), mentors=()) -> None:
	"""Step 1: the mentees, then the mentors."""
	_lock("Mentee", mentees)
	_lock("Mentor", mentors)


DUO_FIELDS = (
	"name",
	"status",
	"programme",
	"mentee",
	"mentor",
	"start_date",
	"planned_end",
	"actual_end",
	"mentor_agreed_on",
	"mentee_agreed_on",
	"last_meeting_date",
	"meetings_held",
	"health_signals",
	"needs_attention",
	"closure_due",
)


def lock_duos(names, fields=DUO_FIELDS) -> dict[str, frappe._dict]:
	"""Steps 1 and 2 for a batch of duos: their people, then the duos; the duos' rows as committed."""
	names = sorted({n for n in names if n})
	if not names:
		return {}
	duo = frappe.qb.DocType("Duo")
	people = frappe.qb.from_(duo).select(duo.mentee, duo.mentor).where(duo.name.isin(names)).run()
	lock_people([p[0] for p in people], [p[1] for p in people])
	rows = (
		frappe.qb.from_(duo)
		.select(*[duo[f] for f in fields])
		.where(duo.name.isin(names))
		.orderby(duo.name)
		.for_update()
		.run(as_dict=True)
	)
	return {row.name: row for row in rows}


def lock_duo(name: str | None, fields=DUO_FIELDS) -> frappe._dict | None:
	"""Steps 1 and 2 for one duo; its row as last committed (None when there is no such duo)."""
	return lock_duos([name], fields).get(name) if name else None


# --- One retry ----------------------------------------------------------------------------------


def in_request() -> bool:
	return bool(getattr(frappe.local, "request", None))


def busy_message() -> str:
	return _("Several people were saving this at the same moment and nothing was saved. Please try again.")


def throw_try_again():
	frappe.throw(busy_message(), title=_("Please try again"), exc=TryAgainError)


def retry_on_conflict(fn):
	"""Run a request's method again, once, when it ended on a deadlock or a lock wait timeout.

	Only in an HTTP request, where the method is the whole transaction (MariaDB has rolled all of it
	back): a test or a job that calls the method inside its own transaction gets the error as is
	(Frappe's workers retry their jobs themselves)."""

	@functools.wraps(fn)
	def method(*args, **kwargs):
		if not in_request():
			return fn(*args, **kwargs)
		try:
			return fn(*args, **kwargs)
		except RETRYABLE:
			start_again()
		try:
			return fn(*args, **kwargs)
		except RETRYABLE:
			frappe.db.rollback()
			throw_try_again()

	return method


def start_again():
	"""Roll back what is left of the failed attempt and let the other request finish first."""
	frappe.db.rollback()
	frappe.clear_messages()
	frappe.local.response.pop("http_status_code", None)
	if hasattr(frappe.local, "document_cache"):
		frappe.local.document_cache.clear()
	time.sleep(random.uniform(0.05, 0.25))


# --- Daily jobs --------------------------------------------------------------------------------


def in_job() -> bool:
	"""Running in one of Frappe's background workers (the scheduler's daily jobs run there)."""
	return bool(getattr(frappe.local, "job", None))


def in_batches(items: list, work, size: int = 50, commit: bool | None = None) -> list:
	"""``work(batch)`` for each batch of ``items``; the list of what each batch returned. In a
	background job (or with ``commit``), each batch is committed on its own (``run_batch``)."""
	commit = in_job() if commit is None else commit
	return [run_batch(work, items[start : start + size], commit) for start in range(0, len(items), size)]


def run_batch(work, batch, commit: bool = True):
	"""``work(batch)``; with ``commit``, committed on its own, and run once more if it ended on a
	deadlock: the scheduler does not retry a daily job, and one batch is all a deadlock may cost."""
	if not commit:
		return work(batch)
	try:
		result = work(batch)
	except RETRYABLE:
		frappe.db.rollback()
		time.sleep(random.uniform(0.1, 0.5))
		result = work(batch)
	frappe.db.commit()
	return result


# --- The desk's write methods -------------------------------------------------------------------


def _doctype_of(kwargs: dict) -> str | None:
	for key in ("doc", "docs"):
		value = kwargs.get(key)
		if isinstance(value, str):
			try:
				value = json.loads(value)
			except ValueError:
				return None
		if isinstance(value, list) and value:
			value = value[0]
		if isinstance(value, dict):
			return value.get("doctype")
	return kwargs.get("doctype")


def is_app_doctype(doctype) -> bool:
	return bool(
		isinstance(doctype, str)
		and doctype
		and frappe.db.get_value("DocType", doctype, "module", cache=True) == MODULE
	)


def desk_method(path: str):
	"""Frappe's whitelisted method at ``path``, retried once on a conflict for the app's DocTypes and
	unchanged for any other DocType of the site."""
	module, _sep, attribute = path.rpartition(".")
	original = getattr(importlib.import_module(module), attribute)
	retried = retry_on_conflict(original)

	@functools.wraps(original)
	def method(*args, **kwargs):
		if is_app_doctype(_doctype_of(kwargs)):
			return retried(*args, **kwargs)
		return original(*args, **kwargs)

	methods = frappe.allowed_http_methods_for_whitelisted_func.get(original) or ["POST"]
	return frappe.whitelist(methods=methods)(method)


savedocs = desk_method("frappe.desk.form.save.savedocs")
cancel = desk_method("frappe.desk.form.save.cancel")
client_insert = desk_method("frappe.client.insert")
client_insert_many = desk_method("frappe.client.insert_many")
client_save = desk_method("frappe.client.save")
client_set_value = desk_method("frappe.client.set_value")
client_submit = desk_method("frappe.client.submit")
client_cancel = desk_method("frappe.client.cancel")
client_delete = desk_method("frappe.client.delete")
apply_workflow = desk_method("frappe.model.workflow.apply_workflow")


# --- Whatever is left: a clean answer -------------------------------------------------------------


def answer_conflicts(response=None, request=None):
	"""``after_request`` hook: a JSON answer that ended on a deadlock or a lock wait timeout becomes
	the translated "try again" (HTTP 409) instead of a server error. Its error was logged already."""
	if response is None or response.status_code < 500 or not getattr(frappe.local, "response", None):
		return
	errors = frappe.local.response.get("errors") or []
	kinds = {frappe.local.response.get("exc_type")} | {e.get("type") for e in errors if isinstance(e, dict)}
	if not kinds & CONFLICTS or response.mimetype != "application/json":
		return
	message = {"message": busy_message(), "title": _("Please try again"), "indicator": "orange"}
	body = {
		"exc_type": TryAgainError.__name__,
		"_server_messages": json.dumps([json.dumps({**message, "raise_exception": 1})]),
		"errors": [{"type": TryAgainError.__name__, "message": message["message"]}],
	}
	response.set_data(json.dumps(body))
	response.status_code = TryAgainError.http_status_code
