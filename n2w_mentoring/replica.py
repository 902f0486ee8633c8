"""The site's read replica: the heavy reads go there when it answers, and say how fresh they are.

Frappe reads from a replica when the site config has ``read_from_replica`` and ``replica_host``
(``replica_db_port``, and ``different_credentials_for_replica`` with ``replica_db_name`` and
``replica_db_password`` if the replica has its own login): its own list and report endpoints
(``frappe.desk.reportview.get``, ``get_count``, ``frappe.desk.query_report.run``) carry
``@frappe.read_only()``. This module adds what a programme needs on top:

- :func:`read` runs the app's heavy reads (the reports, the funder export, the cohort proposal, a
  partner organisation's page) on the replica and answers a note for the reader: ``None`` when the
  figures are as fresh as the main database's, else a sentence saying they may be behind, or that
  the replica could not be reached and the main database answered.
- Freshness without any privilege: the main database's last transaction (``@@gtid_binlog_pos``)
  is waited for on the replica (``MASTER_GTID_WAIT``) for at most ``replica_wait_seconds`` (0.5 s
  by default). Reached: the reader sees every change made before the question. Not reached
  (replication stopped or lagging): the figures are read anyway, with how many changes are missing.
- A replica that does not answer: the read runs again on the main database, and the replica is
  taken as down for :data:`DOWN_SECONDS`; meanwhile :func:`before_request` (and the job hook)
  make every request read from the main database, Frappe's own list endpoints included, so the
  desk and the portal keep working. Nothing is ever written through the replica connection.
"""

from __future__ import annotations

import functools
import json

import frappe
import pymysql
from frappe import _

# pymysql's errors for a server that cannot be reached or went away.
CONNECTION_ERRORS = {2002, 2003, 2005, 2006, 2013, 2055}
STATE_KEY = "n2w_mentoring:replica_state"
UP_SECONDS = 5
DOWN_SECONDS = 30
CONNECT_TIMEOUT = 2
WAIT_SECONDS = 0.5


def configured() -> bool:
	"""Whether this request may read from a replica (Frappe's own settings)."""
	conf = frappe.local.conf
	return bool(conf.get("read_from_replica") and conf.get("replica_host"))


def _credentials() -> dict:
	conf = frappe.local.conf
	user, password = conf.db_name, conf.db_password
	if conf.get("different_credentials_for_replica"):
		user, password = conf.replica_db_name, conf.replica_db_password
	return {
		"host": conf.replica_host,
		"port": int(conf.get("replica_db_port") or 3306),
		"user": user,
		"password": password,
		"database": conf.db_name,
	}


def is_connection_error(error: BaseException) -> bool:
	if isinstance(error, pymysql.err.InterfaceError):
		return True
	return (
		isinstance(error, pymysql.err.OperationalError)
		and bool(error.args)
		and error.args[0] in CONNECTION_ERRORS
	)


# --- Is it up? ----------------------------------------------------------------------------------


def state() -> str:
	"""``up`` or ``down``, as last seen (kept a few seconds in the cache, shared by the workers)."""
	known = frappe.cache.get_value(STATE_KEY)
	if known:
		return known
	try:
		connection = pymysql.connect(connect_timeout=CONNECT_TIMEOUT, **_credentials())
		try:
			with connection.cursor() as cursor:
				cursor.execute("select 1")
		finally:
			connection.close()
	except pymysql.err.MySQLError:
		mark_down()
		return "down"
	frappe.cache.set_value(STATE_KEY, "up", expires_in_sec=UP_SECONDS)
	return "up"


def mark_down() -> None:
	frappe.cache.set_value(STATE_KEY, "down", expires_in_sec=DOWN_SECONDS)


def forget_state() -> None:
	frappe.cache.delete_value(STATE_KEY)


def before_request(*args, **kwargs) -> None:
	"""While the replica is down, the whole request reads from the main database (hook for requests
	and background jobs)."""
	if configured() and state() == "down":
		frappe.local.conf.read_from_replica = 0
		frappe.local.flags.n2w_replica_down = True


def after_request(response=None, request=None) -> None:
	"""A request that failed with the replica's connection open (one of Frappe's own read-only
	endpoints, in the seconds before the replica was seen down): look at the replica again at once,
	so the next requests read from the main database, and tell the user in plain words."""
	if response is None or response.status_code < 500 or not configured():
		return
	if not hasattr(frappe.local, "replica_db"):
		return
	forget_state()
	if state() != "down" or response.mimetype != "application/json":
		return
	message = {"message": unreachable_note(), "title": _("Figures not available"), "indicator": "orange"}
	response.status_code = 503
	response.set_data(
		json.dumps({"exc_type": "ReplicaUnavailable", "_server_messages": json.dumps([json.dumps(message)])})
	)


# --- Reading ------------------------------------------------------------------------------------


def unreachable_note() -> str:
	return _("These figures could not be read: the read replica stopped answering. Try again in a moment.")


def down_note() -> str:
	return _("The read replica cannot be reached: these figures are read from the main database.")


def behind_note(changes: int) -> str:
	return _(
		"These figures are read from the read replica, which is {0} changes behind the main database: "
		"they may be behind."
	).format(changes)


def _positions(text: str | None) -> dict[int, int]:
	"""``0-1-1069,1-2-7`` → {domain: sequence number}."""
	found = {}
	for gtid in (text or "").split(","):
		parts = gtid.strip().split("-")
		if len(parts) == 3:
			found[int(parts[0])] = int(parts[2])
	return found


def changes_behind(primary_position: str | None, replica_position: str | None) -> int:
	replica = _positions(replica_position)
	return sum(max(0, seq - replica.get(domain, 0)) for domain, seq in _positions(primary_position).items())


def freshness(primary, replica) -> str | None:
	"""Wait briefly for the replica to apply what the main database has; a note if it does not."""
	target = primary.sql("select @@global.gtid_binlog_pos")[0][0]
	if not target:
		# The main database keeps no binary log: nothing to compare with.
		return None
	wait = frappe.local.conf.get("replica_wait_seconds")
	wait = WAIT_SECONDS if wait is None else float(wait)
	reached = replica.sql("select master_gtid_wait(%s, %s)", (target, wait))[0][0]
	# A new snapshot: the reads that follow see what was just waited for.
	replica.sql("rollback")
	if reached == 0:
		return None
	return behind_note(changes_behind(target, replica.sql("select @@global.gtid_slave_pos")[0][0]))


def on_replica() -> bool:
	replica = getattr(frappe.local, "replica_db", None)
	return replica is not None and frappe.local.db is replica


def _forget_connections() -> None:
	for name in ("replica_db", "primary_db"):
		if hasattr(frappe.local, name):
			delattr(frappe.local, name)


def read(fn, *args, **kwargs) -> tuple:
	"""``fn(*args, **kwargs)`` on the replica when the site has one: (its answer, a note or None).

	Inside Frappe's own ``@frappe.read_only()`` (a query report), the connection it opened is used.
	``fn`` must only read: the replica refuses writes (``read_only`` on the server)."""
	if not configured():
		note = down_note() if frappe.local.flags.get("n2w_replica_down") else None
		return fn(*args, **kwargs), note
	nested = on_replica()
	if not nested:
		_forget_connections()
		frappe.connect_replica()
	local = frappe.local
	replica, primary = local.replica_db, local.primary_db
	try:
		try:
			note = freshness(primary, replica)
			value = fn(*args, **kwargs)
		except Exception as error:
			if not is_connection_error(error):
				raise
			primary.sql("select 1")  # the main database answers: it was the replica that did not
			mark_down()
			local.db = primary
			try:
				value = fn(*args, **kwargs)
			finally:
				local.db = replica
			note = down_note()
	finally:
		if not nested:
			replica.close()
			local.db = primary
			_forget_connections()
	return value, note


def reads_from_replica(fn):
	"""Decorator: ``fn`` runs through :func:`read`; its answer alone is returned."""

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		return read(fn, *args, **kwargs)[0]

	return wrapper
