"""A real MariaDB replica serves the reports, the funder export, the cohort proposal and the lists.

The test starts its own primary (binary log, GTIDs) and replica (MariaDB replication, read-only) on
loopback (replication.py), copies the test site's database onto the primary under a new name, and
serves that copy over HTTP with Frappe's replica settings (``read_from_replica``, ``replica_host``,
``replica_db_port``). A row written on the replica alone (``sql_log_bin=0``, as root) is the proof:
an answer that shows it was read from the replica; one that does not, from the primary.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import time
import uuid
from pathlib import Path

import frappe
import pytest
import replication
from conftest import serve, sites_path, start_worker
from frappe.utils import add_days, today
from support import login

from n2w_mentoring.replica import STATE_KEY, changes_behind

SITE = f"n2w-replica-{uuid.uuid4().hex[:6]}.localhost"
missing = replication.available()
if missing and os.environ.get("CI"):
	raise RuntimeError(f"the replica tests need MariaDB's server binaries: {missing}")
pytestmark = pytest.mark.skipif(bool(missing), reason=f"no MariaDB server binaries: {missing}")

DOWN = "The read replica cannot be reached: these figures are read from the main database."
BEHIND = "changes behind the main database: they may be behind."
WRITES = ("insert", "update", "delete", "replace", "create", "alter", "drop", "truncate")


class Replicated:
	"""The pair, the copied site and its server, and the people the tests log in as."""

	def __init__(self, pair, conf, base, world, mentor_user):
		self.pair, self.conf, self.base, self.world = pair, conf, base, world
		self.db = conf["db_name"]
		self.mentor_user = mentor_user
		self.coordinator = login(base, world.coordinator)

	def on_replica(self, query: str, values=None):
		"""As root on the replica, outside replication: the row exists there alone."""
		connection = self.pair.replica.admin()
		try:
			with connection.cursor() as cursor:
				cursor.execute("set session sql_log_bin = 0")
				cursor.execute(f"use `{self.db}`")
				cursor.execute(query, values)
				return cursor.fetchall()
		finally:
			connection.close()

	def on_primary(self, query: str, values=None):
		return self.pair.primary.sql(f"select * from `{self.db}`.{query}", values)

	def set_state(self, value: str | None):
		"""The replica's state as the site caches it (what a worker saw a moment ago)."""
		key = f"{self.db}|{STATE_KEY}"
		if value is None:
			frappe.cache.delete(key)
		else:
			frappe.cache.set(key, pickle.dumps(value), ex=30)

	def report(self, name: str, filters: dict, lang: str = "en"):
		response = self.coordinator.post(
			f"{self.base}/api/method/frappe.desk.query_report.run",
			data={"report_name": name, "filters": json.dumps(filters), "_lang": lang},
			timeout=60,
		)
		assert response.ok, response.text[-2000:]
		return response.json()["message"]

	def funder_csv(self, filters: dict) -> list[list[str]]:
		response = self.coordinator.get(
			f"{self.base}/api/method/n2w_mentoring.kpis.funder_export",
			params={**filters, "file_format": "csv", "_lang": "en"},
			timeout=60,
		)
		assert response.ok, response.text[-2000:]
		return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

	def cohort(self) -> dict:
		response = self.coordinator.post(
			f"{self.base}/api/method/n2w_mentoring.api.matching.cohort_proposal",
			data={"_lang": "en"},
			timeout=120,
		)
		assert response.ok, response.text[-2000:]
		return response.json()["message"]

	def desk_list(self, doctype: str, filters: dict) -> list:
		response = self.coordinator.post(
			f"{self.base}/api/method/frappe.desk.reportview.get",
			data={"doctype": doctype, "fields": json.dumps(["name"]), "filters": json.dumps(filters)},
			timeout=30,
		)
		assert response.ok, response.text[-2000:]
		message = response.json()["message"]
		return [row[0] for row in message.get("values", [])] if message else []


@pytest.fixture(scope="module")
def replicated(world):
	# The people and records the tests use, committed on the test site before it is copied.
	mentor = world.mentor(with_user=True)
	world.b.start_duo(world.mentee(), mentor, add_days(today(), -30))
	# A mentee waiting and a mentor who suits her, for the cohort proposal.
	world.mentee(
		target_sector="Construction",
		target_profession="Ingénieure civile",
		aspirations="Travailler sur des chantiers de génie civil",
		availability="mardi soir",
		postal_code="5000",
		french_level="B1",
		languages=[{"language": "fr", "level": "Native"}],
	)
	world.mentor(
		sector="Construction",
		profession="Conductrice de chantier",
		expertise="chantiers de génie civil, sécurité, gestion de projet",
		availability="Tuesday evenings",
		workplace_postal_code="5100",
		languages=[{"language": "fr", "level": "Native"}],
	)
	frappe.db.commit()
	started = time.monotonic()
	pair = replication.Pair()
	process = None
	conf = None
	try:
		pair.start()
		conf = pair.copy_site(dict(frappe.local.conf), sites_path(), SITE, {"replica_wait_seconds": 0.3})
		process, base = serve(SITE)
		print(f"\nreplica set-up: {time.monotonic() - started:.1f} s")
		yield Replicated(pair, conf, base, world, world.user_of("Mentor", mentor))
	finally:
		if process:
			process.terminate()
			process.wait(timeout=10)
		pair.stop()
		replication.remove_site(sites_path(), SITE)
		if conf:
			for key in frappe.cache.scan_iter(f"{conf['db_name']}|*"):
				frappe.cache.delete(key)


@pytest.fixture
def marker_duo(replicated):
	"""A proposed duo needing attention that exists on the replica only."""
	name = f"RPL-{uuid.uuid4().hex[:8]}"
	replicated.on_replica(
		"insert into `tabDuo` (name, creation, modified, owner, modified_by, docstatus, status, proposed_on,"
		" partner_organisation, coordinator, needs_attention, mentee_name, mentor_name)"
		" values (%s, now(), now(), 'Administrator', 'Administrator', 0, 'Proposed', %s, %s, %s, 1,"
		" 'Only on the replica', 'Only on the replica')",
		(name, today(), replicated.world.organisation, replicated.world.coordinator),
	)
	yield name
	replicated.on_replica("delete from `tabDuo` where name = %s", (name,))


def period(organisation) -> dict:
	return {"from_date": add_days(today(), -365), "to_date": today(), "partner_organisation": organisation}


def proposed(rows) -> int:
	return next(int(r["duos"]) for r in rows if r["outcome"] == "Proposed" and not r["reason"])


def test_changes_behind_counts_the_missing_transactions_of_every_domain():
	assert changes_behind("0-1-1069", "0-1-1069") == 0
	assert changes_behind("0-1-1070", "0-1-1064") == 6
	assert changes_behind("0-1-10,1-3-7", "0-1-9") == 8
	assert changes_behind("0-1-5", "0-1-9") == 0  # a replica ahead (written to) is not behind
	assert changes_behind("", "0-1-9") == 0


# --- Reads that go to the replica -----------------------------------------------------------------


def test_the_replica_is_a_real_replica(replicated):
	status = replicated.pair.replica.replication_status()
	assert (status["Slave_IO_Running"], status["Slave_SQL_Running"]) == ("Yes", "Yes")
	assert status["Using_Gtid"] == "Slave_Pos"
	assert replicated.pair.replica.sql("select @@read_only") == [(1,)]
	assert replicated.pair.primary.sql("select @@log_bin") == [(1,)]
	assert replicated.pair.replica.sql("select @@gtid_slave_pos")[0][0]


def test_reports_read_from_the_replica(replicated, marker_duo):
	organisation = replicated.world.organisation
	outcomes = replicated.report("Duo Outcomes", period(organisation))
	assert outcomes["message"] is None  # in sync: no note
	attention = replicated.report("Duos Needing Attention", {"partner_organisation": organisation})
	assert marker_duo in [row["duo"] for row in attention["result"]]
	kpis = replicated.report("Programme KPIs", period(organisation))
	assert kpis["result"]
	assert not replicated.on_primary("`tabDuo` where name = %s", (marker_duo,))
	# The same report without the row: one fewer proposed duo.
	replicated.on_replica("update `tabDuo` set partner_organisation = null where name = %s", (marker_duo,))
	without = replicated.report("Duo Outcomes", period(organisation))
	assert proposed(outcomes["result"]) == proposed(without["result"]) + 1


def test_the_funder_export_reads_from_the_replica(replicated, marker_duo):
	organisation = replicated.world.organisation
	with_row = replicated.funder_csv(period(organisation))
	assert not any(row[:1] == ["Note"] for row in with_row)
	replicated.on_replica("delete from `tabDuo` where name = %s", (marker_duo,))
	without = replicated.funder_csv(period(organisation))

	def proposed_in(table):
		return next(int(row[2]) for row in table if row[:2] == ["Proposed", ""])

	assert proposed_in(with_row) == proposed_in(without) + 1


def test_the_cohort_proposal_reads_from_the_replica(replicated):
	name = f"RPL-MENTEE-{uuid.uuid4().hex[:6]}"
	before = replicated.cohort()
	replicated.on_replica(
		"insert into `tabMentee` (name, creation, modified, owner, modified_by, docstatus, full_name, status,"
		" programme, centre)"
		" select %s, now(), now(), 'Administrator', 'Administrator', 0, 'Only on the replica',"
		" 'Waiting for match', p.name, p.centre from `tabMentoring Programme` p where p.name = ("
		"select value from `tabSingles` where doctype = 'Mentoring Settings' and field = 'default_programme')",
		(name,),
	)
	try:
		after = replicated.cohort()
	finally:
		replicated.on_replica("delete from `tabMentee` where name = %s", (name,))
	assert after["mentees"] == before["mentees"] + 1
	assert name in [p["mentee"] for p in after["pairs"]] + [u["mentee"] for u in after["unmatched"]]
	assert after["notice"] is None


def test_the_desk_list_reads_from_the_replica_and_the_rest_api_from_the_primary(replicated, marker_duo):
	# Frappe's list and report view (frappe.desk.reportview.get) carries @frappe.read_only().
	assert replicated.desk_list("Duo", {"name": marker_duo}) == [marker_duo]
	# The REST API's list (frappe.client.get_list) does not: it reads from the primary.
	response = replicated.coordinator.get(
		f"{replicated.base}/api/resource/Duo",
		params={"filters": json.dumps({"name": marker_duo})},
		timeout=30,
	)
	assert response.ok and response.json()["data"] == []


def test_a_partner_page_reads_from_the_replica(replicated):
	name = f"RPL-MENTOR-{uuid.uuid4().hex[:6]}"
	replicated.on_replica(
		"insert into `tabMentor` (name, creation, modified, owner, modified_by, docstatus, full_name, status,"
		" partner_organisation) values (%s, now(), now(), 'Administrator', 'Administrator', 0,"
		" 'Replica Only Mentor', 'Available', %s)",
		(name, replicated.world.organisation),
	)
	try:
		partner = login(replicated.base, replicated.world.partner)
		page = partner.get(f"{replicated.base}/mentoring/partner", timeout=30)
	finally:
		replicated.on_replica("delete from `tabMentor` where name = %s", (name,))
	assert page.ok
	assert "Replica Only Mentor" in page.text


# --- Writes, lag --------------------------------------------------------------------------------


def general_log(replicated, since: float) -> list[str]:
	rows = replicated.pair.replica.sql(
		"select argument from mysql.general_log where command_type = 'Query' and user_host like %s"
		" and event_time >= from_unixtime(%s)",
		(f"{replicated.conf['replica_db_name']}%", since),
	)
	return [row[0].decode() if isinstance(row[0], bytes) else row[0] for row in rows]


def test_with_replication_stopped_writes_go_to_the_primary_and_reports_say_they_may_be_behind(replicated):
	organisation = replicated.world.organisation
	pair = replicated.pair
	pair.replica.sql("set global log_output = 'TABLE'")
	pair.replica.sql("set global general_log = 1")
	# The replica's own clock, which reads the log (the tests' clock may be frozen on another day).
	since = float(pair.replica.sql("select unix_timestamp(now(6))")[0][0]) - 1
	pair.stop_replication()
	try:
		# A write through the desk's API (a new mentee) and a portal login: both on the primary.
		response = replicated.coordinator.post(
			f"{replicated.base}/api/resource/Mentee",
			json={
				"first_name": "Written",
				"last_name": "Primary",
				"email": f"w{uuid.uuid4().hex[:6]}@x.example",
			},
			timeout=30,
		)
		assert response.ok, response.text[-2000:]
		mentee = response.json()["data"]["name"]
		mentor = login(replicated.base, replicated.mentor_user)
		assert mentor.get(f"{replicated.base}/mentoring", timeout=30).ok
		assert replicated.on_primary("`tabMentee` where name = %s", (mentee,))
		assert not replicated.on_replica("select name from `tabMentee` where name = %s", (mentee,))

		# The reports, the export and the proposal still answer from the replica, and say so.
		outcomes = replicated.report("Duo Outcomes", period(organisation))
		assert BEHIND in (outcomes["message"] or "")
		assert BEHIND in (replicated.report("Programme KPIs", period(organisation))["message"] or "")
		assert BEHIND in (replicated.report("Duos Needing Attention", {})["message"] or "")
		assert any(
			row[:1] == ["Note"] and BEHIND in row[1] for row in replicated.funder_csv(period(organisation))
		)
		assert BEHIND in (replicated.cohort()["notice"] or "")
		assert replicated.desk_list("Mentee", {"name": mentee}) == []  # the list is behind too

		# Nothing the site did reached the replica but reads.
		statements = general_log(replicated, since)
		assert any(s.lower().lstrip().startswith("select") for s in statements)
		written = [s for s in statements if s.lower().lstrip().startswith(WRITES)]
		assert not written, written[:5]
	finally:
		pair.start_replication()
		pair.replica.sql("set global general_log = 0")
	pair.wait_in_sync()
	assert replicated.on_replica("select name from `tabMentee` where name = %s", (mentee,))
	assert replicated.report("Duo Outcomes", period(organisation))["message"] is None


def test_accepting_the_cohort_proposal_writes_the_duos_on_the_primary(replicated):
	proposal = replicated.cohort()
	assert proposal["pairs"], "the copied site has a mentee waiting and a mentor available"
	pair = proposal["pairs"][0]
	replicated.pair.stop_replication()
	try:
		response = replicated.coordinator.post(
			f"{replicated.base}/api/method/n2w_mentoring.api.matching.accept_proposal",
			json={"pairs": [{"mentee": pair["mentee"], "mentor": pair["mentor"]}]},
			timeout=60,
		)
		assert response.ok, response.text[-2000:]
		[duo] = response.json()["message"]["duos"]
		assert replicated.on_primary("`tabDuo` where name = %s", (duo["duo"],))
		assert not replicated.on_replica("select name from `tabDuo` where name = %s", (duo["duo"],))
	finally:
		replicated.pair.start_replication()
	replicated.pair.wait_in_sync()
	assert replicated.on_replica("select name from `tabDuo` where name = %s", (duo["duo"],))


@pytest.fixture
def worker(replicated):
	process = start_worker()
	yield process
	process.terminate()
	process.wait(timeout=30)


def test_the_funder_export_job_reads_from_the_replica_and_saves_its_file_on_the_primary(replicated, worker):
	replicated.pair.stop_replication()
	try:
		# A change the replica does not have yet: the job's figures may be behind, and say so.
		replicated.pair.primary.sql(
			f"insert into `{replicated.db}`.`tabDefaultValue` (name, parent, defkey, defvalue)"
			" values (%s, '__replica_test', 'k', 'v')",
			(uuid.uuid4().hex[:10],),
		)
		response = replicated.coordinator.post(
			f"{replicated.base}/api/method/n2w_mentoring.jobs.start",
			json={"job": "funder_export", "args": {"file_format": "csv"}},
			timeout=30,
		)
		assert response.ok, response.text[-2000:]
		job_id = response.json()["message"]
		deadline = time.monotonic() + 120
		while time.monotonic() < deadline:
			answer = replicated.coordinator.get(
				f"{replicated.base}/api/method/n2w_mentoring.jobs.result",
				params={"job_id": job_id},
				timeout=10,
			)
			assert answer.ok, answer.text[-1000:]
			if answer.json()["message"]["done"]:
				break
			time.sleep(0.5)
		else:
			raise AssertionError("the worker did not do the export")
		file_url = answer.json()["message"]["result"]["file_url"]
		assert replicated.on_primary("`tabFile` where file_url = %s", (file_url,))
		assert not replicated.on_replica("select name from `tabFile` where file_url = %s", (file_url,))
		content = (Path(sites_path()) / SITE / file_url.lstrip("/")).read_text(encoding="utf-8-sig")
		# In the coordinator's language (the site's, French here) or in English.
		assert BEHIND in content or "de retard sur la base de données principale" in content
	finally:
		replicated.pair.start_replication()
	replicated.pair.wait_in_sync()


# --- The replica down (last: it stops the replica) ----------------------------------------------------


def test_with_the_replica_down_the_desk_and_the_portal_work_from_the_primary(replicated):
	organisation = replicated.world.organisation
	replicated.pair.replica.stop()
	try:
		# A worker saw it up a moment ago: Frappe's own read-only endpoint meets the dead replica once,
		# with a plain message, and the next requests read from the primary.
		replicated.set_state("up")
		response = replicated.coordinator.post(
			f"{replicated.base}/api/method/frappe.desk.reportview.get",
			data={"doctype": "Duo", "fields": json.dumps(["name"]), "_lang": "en"},
			timeout=30,
		)
		assert response.status_code == 503
		messages = [json.loads(m)["message"] for m in json.loads(response.json()["_server_messages"])]
		assert "the read replica stopped answering" in messages[0]
		assert replicated.desk_list("Duo", {"partner_organisation": organisation})

		# The app's own reads notice it themselves, even when the replica was seen up a moment ago.
		replicated.set_state("up")
		assert any(row[:2] == ["Note", DOWN] for row in replicated.funder_csv(period(organisation)))

		assert replicated.report("Duo Outcomes", period(organisation))["message"] == DOWN
		assert replicated.report("Programme KPIs", period(organisation))["message"] == DOWN
		assert replicated.cohort()["notice"] == DOWN
		form = replicated.coordinator.get(
			f"{replicated.base}/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Mentoring Settings", "name": "Mentoring Settings"},
			timeout=30,
		)
		assert form.ok
		partner = login(replicated.base, replicated.world.partner)
		page = partner.get(f"{replicated.base}/mentoring/partner", timeout=30)
		assert page.ok and DOWN not in page.text
		mentor = login(replicated.base, replicated.mentor_user)
		assert mentor.get(f"{replicated.base}/mentoring", timeout=30).ok

		# In French too.
		answer = replicated.report("Duo Outcomes", period(organisation), lang="fr")
		assert answer["message"].startswith("La réplique en lecture est injoignable")
	finally:
		replicated.pair.replica.start()
		replicated.pair.start_replication()
		replicated.set_state(None)
