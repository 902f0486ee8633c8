"""Concurrent writes, one mechanism per test: the order of locks, counts read as last committed, the
retry on a deadlock and the answers people get. The same on a real server: test_stress.py."""

from __future__ import annotations

import json
import re

import frappe
import pytest
from frappe.utils import add_days, getdate, today
from werkzeug.wrappers import Response

from n2w_mentoring import concurrency
from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import MeetingLimitError, TryAgainError
from n2w_mentoring.portal import portal_write, refused

LOCKING = re.compile(r"from `tab([^`]+)`.*for update", re.I | re.S)


@pytest.fixture
def locks(monkeypatch):
	"""The tables of every locking read, in the order they are made."""
	seen = []
	sql = frappe.db.sql

	def spy(query, *args, **kwargs):
		match = LOCKING.search(str(query))
		if match:
			seen.append(match.group(1))
		return sql(query, *args, **kwargs)

	monkeypatch.setattr(frappe.db, "sql", spy)
	return seen


@pytest.fixture
def in_request(monkeypatch):
	"""As in an HTTP request, where a method is the whole transaction and may be run again."""
	monkeypatch.setattr(frappe.local, "request", object(), raising=False)
	monkeypatch.setattr(concurrency.time, "sleep", lambda seconds: None)
	frappe.local.response = frappe._dict(docs=[])
	frappe.local.lang = "fr"


def first_kinds(tables: list[str], count: int) -> list[str]:
	return list(dict.fromkeys(tables))[:count]


# --- One order of locks -----------------------------------------------------------------------------


def test_a_meeting_locks_the_people_then_the_duo_before_anything_else(world, locks):
	duo = world.active_duo()
	locks.clear()
	b.log_meeting(duo.name, today(), 60)
	assert first_kinds(locks, 4) == ["Mentee", "Mentor", "Duo", "Series"]


def test_a_proposal_locks_the_mentee_then_the_mentor_before_the_duos(world, locks):
	mentee, mentor = world.mentee(), world.mentor()
	locks.clear()
	b.propose_duo(mentee, mentor)
	assert first_kinds(locks, 4) == ["Mentee", "Mentor", "Series", "Duo"]


def test_a_signature_locks_the_duo_before_the_convention(world, locks):
	duo = b.act(b.propose_duo(world.mentee(), world.mentor()), "Accept")
	convention = b.make_convention(duo.name, signed_on=None, submit=False)
	locks.clear()
	convention.signatories[0].signed_on = today()
	convention.save()
	assert first_kinds(locks, 4) == ["Mentee", "Mentor", "Duo", "Convention"]


def test_a_batch_takes_all_its_people_before_its_duos(world, locks):
	duos = [world.active_duo().name for _i in range(3)]
	locks.clear()
	rows = concurrency.lock_duos(duos)
	assert locks == ["Mentee", "Mentor", "Duo"] and sorted(rows) == sorted(duos)


# --- Counts read as last committed ----------------------------------------------------------------


def test_a_wrong_stored_count_never_lets_a_thirteenth_meeting_through(world):
	duo = world.active_duo(started_days_ago=175)
	start = getdate(duo.start_date)
	for i in range(12):
		b.log_meeting(duo.name, add_days(start, i * 14), 60)
	frappe.db.set_value("Duo", duo.name, "meetings_held", 3, update_modified=False)
	with pytest.raises(MeetingLimitError):
		b.log_meeting(duo.name, today(), 60)


def test_the_counters_are_recounted_from_the_meetings(world):
	duo = world.active_duo()
	b.log_meeting(duo.name, today(), 60)
	frappe.db.set_value("Duo", duo.name, {"meetings_held": 7, "hours_of_mentoring": 9}, update_modified=False)
	b.log_meeting(duo.name, today(), 30, kind="Phone call")
	assert frappe.db.get_value("Duo", duo.name, ["meetings_held", "hours_of_mentoring"]) == (1, 1.0)


# --- One retry, then a clean answer ---------------------------------------------------------------


def deadlocking(times: int):
	calls = []

	def method(value):
		calls.append(value)
		if len(calls) <= times:
			raise frappe.QueryDeadlockError("Deadlock found when trying to get lock")
		return {"ok": True, "value": value}

	return method, calls


def test_a_request_that_meets_a_deadlock_is_run_once_more(in_request):
	method, calls = deadlocking(1)
	assert concurrency.retry_on_conflict(method)(5) == {"ok": True, "value": 5}
	assert calls == [5, 5]


def test_a_second_deadlock_asks_to_try_again_in_the_users_language(in_request):
	method, calls = deadlocking(2)
	with pytest.raises(TryAgainError, match="Veuillez réessayer") as raised:
		concurrency.retry_on_conflict(method)(5)
	assert len(calls) == 2 and raised.value.http_status_code == 409


def test_outside_a_request_the_deadlock_is_left_to_the_caller():
	method, calls = deadlocking(1)
	with pytest.raises(frappe.QueryDeadlockError):
		concurrency.retry_on_conflict(method)(5)
	assert calls == [5]


def test_the_portal_answers_try_again_as_a_refusal(in_request):
	method, _calls = deadlocking(2)
	answer = portal_write(method)(5)
	assert answer["ok"] is False and "réessayer" in answer["message"]
	assert frappe.local.response["http_status_code"] == 409


def test_the_portal_explains_a_record_changed_meanwhile_in_words(in_request):
	answer = refused(frappe.TimestampMismatchError("Error: Document has been modified (2026-…)"))
	assert answer["message"].startswith("Quelqu'un d'autre a modifié ceci au même moment")
	assert frappe.local.response["http_status_code"] == 409


def test_a_deadlock_left_to_frappe_is_answered_try_again_not_500(in_request):
	frappe.local.response = frappe._dict(exc_type="QueryDeadlockError")
	response = Response(json.dumps({"exc_type": "QueryDeadlockError"}), 500, mimetype="application/json")
	concurrency.answer_conflicts(response)
	body = json.loads(response.get_data())
	assert response.status_code == 409 and body["exc_type"] == "TryAgainError"
	assert "réessayer" in json.loads(json.loads(body["_server_messages"])[0])["message"]


def test_any_other_server_error_is_left_as_it_is(in_request):
	frappe.local.response = frappe._dict(exc_type="ZeroDivisionError")
	response = Response("{}", 500, mimetype="application/json")
	concurrency.answer_conflicts(response)
	assert response.status_code == 500


def test_the_desk_methods_retry_only_for_the_apps_doctypes():
	assert concurrency.is_app_doctype(concurrency._doctype_of({"doc": json.dumps({"doctype": "Meeting"})}))
	assert concurrency.is_app_doctype(concurrency._doctype_of({"doctype": "Duo", "name": "x"}))
	assert not concurrency.is_app_doctype(concurrency._doctype_of({"doc": {"doctype": "ToDo"}}))
	hooks = frappe.get_hooks("override_whitelisted_methods")
	assert hooks["frappe.desk.form.save.savedocs"] == ["n2w_mentoring.concurrency.savedocs"]


# --- Daily jobs -------------------------------------------------------------------------------------


def test_a_batch_that_meets_a_deadlock_is_run_once_more_and_committed(monkeypatch):
	monkeypatch.setattr(concurrency.time, "sleep", lambda seconds: None)
	commits = []
	monkeypatch.setattr(frappe.db, "commit", lambda: commits.append(1))
	monkeypatch.setattr(frappe.db, "rollback", lambda: None)
	runs = []

	def work(batch):
		runs.append(tuple(batch))
		if len(runs) == 1:
			raise frappe.QueryDeadlockError("deadlock")
		return len(batch)

	assert concurrency.in_batches(list(range(5)), work, size=3, commit=True) == [3, 2]
	assert runs == [(0, 1, 2), (0, 1, 2), (3, 4)] and len(commits) == 2


def test_the_migration_counts_every_duos_meetings_again(world):
	from n2w_mentoring.patches import recount_duo_progress

	duo = world.active_duo()
	b.log_meeting(duo.name, today(), 90)
	frappe.db.set_value(
		"Duo", duo.name, {"meetings_held": 5, "last_meeting_date": None}, update_modified=False
	)
	recount_duo_progress.execute()
	row = frappe.db.get_value("Duo", duo.name, ["meetings_held", "hours_of_mentoring", "last_meeting_date"])
	assert row == (1, 1.5, getdate(today()))


def test_the_portal_reads_again_when_the_record_changed_before_it_saved(in_request):
	calls = []

	def method():
		calls.append(1)
		if len(calls) == 1:
			return refused(frappe.TimestampMismatchError("Error: Document has been modified"))
		return {"ok": True}

	assert portal_write(method)() == {"ok": True} and len(calls) == 2


def test_a_desk_save_that_meets_a_deadlock_is_saved_by_its_retry(world, in_request, monkeypatch):
	from n2w_mentoring.mentoring.doctype.meeting.meeting import Meeting

	duo = world.active_duo()
	frappe.db.commit()  # the retry rolls back what the request did not commit
	check = Meeting.check_meeting_count
	calls = []

	def deadlock_once(self):
		calls.append(1)
		if len(calls) == 1:
			raise frappe.QueryDeadlockError("Deadlock found when trying to get lock")
		return check(self)

	monkeypatch.setattr(Meeting, "check_meeting_count", deadlock_once)
	doc = {"doctype": "Meeting", "duo": duo.name, "meeting_date": today(), "duration_minutes": 60}
	concurrency.savedocs(doc=json.dumps(doc), action="Save")
	assert len(calls) == 2 and frappe.db.count("Meeting", {"duo": duo.name}) == 1
