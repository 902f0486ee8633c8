"""Concurrency on a real server: gunicorn with several workers, people acting at the same moment.

Each round fires requests at once over HTTP (mentor and mentee in the portal, staff in the desk, a
REST client) at the same duos, then checks what the tables hold. Whatever the timing, every
request ends in a clean answer: saved, or the programme's refusal in the user's language (the
users are French), never a server error; every cap holds and every derived counter equals what
the meetings say. Run with ``-s`` to see the rounds and the requests made.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import frappe
import pytest
import requests
from conftest import SITE, free_port, sites_path, start_serving
from frappe import _
from frappe.utils import add_days, getdate, today
from support import PASSWORD, report

from n2w_mentoring.demo import builders as b
from n2w_mentoring.programme import lifecycle

WORKERS = 4
APPLICATION = "gunicorn_app:application"  # frappe.app's, on the tests' clock
PORTAL = "/api/method/n2w_mentoring.portal.api"
MAX_MEETINGS = 12

ROUNDS: list[dict] = []  # what each round sent and got back, printed at the end


# --- The server --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gunicorn(site):
	"""The test site behind gunicorn with several workers, as `bench setup production` serves it."""
	port = free_port()
	binary = Path(sys.executable).parent / "gunicorn"
	command = [str(binary), "-b", f"127.0.0.1:{port}", "-w", str(WORKERS), "-t", "120", "--preload"]
	DEADLOCKS_AT_START[0] = deadlocks()
	process, base = start_serving(
		[*command, "--pythonpath", str(Path(__file__).parent), APPLICATION], port, "gunicorn", HEADERS
	)
	yield base
	process.terminate()
	process.wait(timeout=20)
	for r in ROUNDS:
		errors = f", server errors {r['server errors']}" if r.get("server errors") else ""
		report(
			f"stress {r['round']}: {r['requests']} requests in {r['seconds']:.1f} s, HTTP {r['statuses']}{errors}"
		)
	report(
		f"stress: {sum(r['requests'] for r in ROUNDS)} requests in {len(ROUNDS)} rounds on gunicorn "
		f"({WORKERS} workers); deadlocks seen by MariaDB meanwhile: {deadlocks() - DEADLOCKS_AT_START[0]}"
	)


DEADLOCKS_AT_START = [0]


def deadlocks() -> int:
	"""Deadlocks MariaDB detected since it started (all databases of the server)."""
	row = frappe.db.sql("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")
	return int(row[0][1]) if row else 0


HEADERS = {"X-Frappe-Site-Name": SITE or "", "Accept": "application/json"}


class Agent:
	"""One logged-in person; methods run in threads and make no frappe call."""

	def __init__(self, base: str, user: str):
		self.base, self.user = base, user
		self.session = requests.Session()
		self.session.headers.update(HEADERS)
		answer = self.session.post(
			f"{base}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30
		)
		assert answer.ok, answer.text

	def call(self, method: str, **payload) -> requests.Response:
		return self.session.post(f"{self.base}/api/method/{method}", json=payload, timeout=90)

	def portal(self, method: str, **payload) -> requests.Response:
		return self.call(f"n2w_mentoring.portal.api.{method}", **payload)

	def rest_insert(self, doc: dict) -> requests.Response:
		return self.session.post(f"{self.base}/api/resource/{doc['doctype']}", json=doc, timeout=90)

	def desk_insert(self, doc: dict) -> requests.Response:
		"""What the desk's form sends when a new record is saved."""
		return self.call("frappe.desk.form.save.savedocs", doc=json.dumps(doc), action="Save")

	def desk_get(self, doctype: str, name: str) -> dict:
		answer = self.session.get(
			f"{self.base}/api/method/frappe.client.get",
			params={"doctype": doctype, "name": name},
			timeout=90,
		)
		return answer.json()["message"]


# --- Reading the answers ------------------------------------------------------------------------


def message_of(response: requests.Response) -> tuple[str, str]:
	"""(exception class or "", the message a person reads) of an answer."""
	try:
		body = response.json()
	except ValueError:
		return "", response.text[:200]
	if isinstance(body.get("message"), dict) and "ok" in body["message"]:
		return body.get("exc_type", ""), body["message"].get("message", "")
	messages = []
	for raw in json.loads(body.get("_server_messages") or "[]"):
		item = json.loads(raw)
		messages.append(item.get("message", "") if isinstance(item, dict) else str(item))
	return body.get("exc_type", ""), " ".join(messages)


def ok(response: requests.Response) -> bool:
	if response.status_code != 200:
		return False
	body = response.json()
	return not (isinstance(body.get("message"), dict) and body["message"].get("ok") is False)


def french(source: str) -> re.Pattern:
	"""The French text of an app message, its placeholders matching anything (tests/unit checks that
	every app message has its French)."""
	previous = frappe.local.lang
	frappe.local.lang = "fr"
	try:
		translated = _(source)
	finally:
		frappe.local.lang = previous
	return re.compile(re.sub(r"\\\{\d\\\}", ".+", re.escape(translated)), re.S)


def busy() -> list[re.Pattern]:
	"""The answers of a request that met others holding what it needed, even after its retry."""
	return [
		french("Several people were saving this at the same moment and nothing was saved. Please try again."),
		french("Someone else changed this at the same moment. Reload the page to see it, then try again."),
	]


def reload() -> list[re.Pattern]:
	"""Frappe's own answer in the desk to a form saved from a stale copy."""
	return [french("Error: Document has been modified after you have opened it")]


def fire(name: str, calls: list, refusals: list[re.Pattern], workers: int = 16) -> list:
	"""Send ``calls`` (who, function) at once; record the round; check every answer is clean."""
	started = time.monotonic()
	with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
		futures = [(who, pool.submit(fn)) for who, fn in calls]
		answers = [(who, f.result()) for who, f in futures]
	elapsed = time.monotonic() - started
	statuses = Counter(r.status_code for _who, r in answers)
	ROUNDS.append({"round": name, "requests": len(answers), "statuses": dict(statuses), "seconds": elapsed})
	server_errors = [(who, r.status_code, message_of(r)) for who, r in answers if r.status_code >= 500]
	ROUNDS[-1]["server errors"] = dict(Counter(e[2][0] or str(e[1]) for e in server_errors))
	assert not server_errors, f"{name}: server errors {server_errors}"
	for who, response in answers:
		if ok(response):
			continue
		exc_type, text = message_of(response)
		assert response.status_code in (409, 417), (name, who, response.status_code, text)
		assert any(p.search(text) for p in refusals), (name, who, exc_type, text)
	frappe.db.rollback()  # read what the server committed
	return answers


def assert_counters_match_meetings(duo: str):
	meeting = frappe.qb.DocType("Meeting")
	count, minutes, last = (
		frappe.qb.from_(meeting)
		.select(
			frappe.query_builder.functions.Count(meeting.name),
			frappe.query_builder.functions.Sum(meeting.duration_minutes),
			frappe.query_builder.functions.Max(meeting.meeting_date),
		)
		.where((meeting.duo == duo) & (meeting.kind == "Meeting") & (meeting.status == "Held"))
		.run()[0]
	)
	row = frappe.db.get_value("Duo", duo, ["meetings_held", "hours_of_mentoring", "last_meeting_date"])
	assert row[0] == count, f"{duo}: meetings_held {row[0]}, {count} held meetings"
	assert float(row[1] or 0) == round((minutes or 0) / 60, 1), f"{duo}: hours {row[1]} for {minutes} min"
	assert (getdate(row[2]) if row[2] else None) == (getdate(last) if last else None), duo
	return count


# --- People ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cast(world, gunicorn):
	"""Staff, and a helper to make duos whose parties log in."""
	frappe.db.commit()
	return frappe._dict(
		coordinator=Agent(gunicorn, world.coordinator),
		manager=Agent(gunicorn, world.manager),
		base=gunicorn,
	)


def running_duo(world, base: str, held: int, started_days_ago: int = 170):
	"""A running duo whose mentor and mentee log in, followed by the world's coordinator (who gets a
	to-do when its last meeting is held)."""
	mentor, mentee = world.mentor(with_user=True), world.mentee(with_user=True)
	duo = b.start_duo(mentee, mentor, add_days(today(), -started_days_ago), coordinator=world.coordinator)
	start = getdate(duo.start_date)
	for i in range(held):
		b.log_meeting(duo.name, add_days(start, 1 + i * 12), 60)
	return frappe._dict(
		name=duo.name,
		start=start,
		mentor=mentor,
		mentee=mentee,
		mentor_user=world.user_of("Mentor", mentor),
		mentee_user=world.user_of("Mentee", mentee),
	)


# --- Rounds ------------------------------------------------------------------------------------


def test_meetings_logged_at_once_never_pass_the_cap(world, cast):
	"""14 held meetings sent at once into each of duos holding 0, 6 and 11, by all four hands."""
	duos = [running_duo(world, cast.base, held) for held in (0, 6, 11)]
	frappe.db.commit()
	calls = []
	for duo in duos:
		mentor = Agent(cast.base, duo.mentor_user)
		mentee = Agent(cast.base, duo.mentee_user)
		for k in range(14):
			day = str(add_days(duo.start, 2 + k * 11))
			values = {"meeting_date": day, "duration_minutes": 45 + k, "kind": "Meeting", "status": "Held"}
			doc = {"doctype": "Meeting", "duo": duo.name, **values}
			hand = k % 4
			if hand == 0:
				calls.append(
					("mentor", lambda m=mentor, d=duo, v=values: m.portal("log_meeting", duo=d.name, data=v))
				)
			elif hand == 1:
				calls.append(
					("mentee", lambda m=mentee, d=duo, v=values: m.portal("log_meeting", duo=d.name, data=v))
				)
			elif hand == 2:
				calls.append(("coordinator", lambda d=doc: cast.coordinator.desk_insert(d)))
			else:
				calls.append(("manager", lambda d=doc: cast.manager.rest_insert(d)))
	fire(
		"meetings into duos at 0, 6 and 11 held",
		calls,
		[french("This duo has already held its {0} meetings; no further meeting can be recorded."), *busy()],
	)
	for duo in duos:
		assert assert_counters_match_meetings(duo.name) == MAX_MEETINGS


def test_the_coordinator_sends_24_meetings_at_once_into_one_duo_four_times(world, cast):
	"""The report of issue 19, as it was made: 24 held meetings sent at once through the REST API by
	the duo's coordinator, on four duos one after the other."""
	sessions = [Agent(cast.base, world.coordinator) for _i in range(4)]
	for round_number in range(4):
		duo = running_duo(world, cast.base, 0)
		frappe.db.commit()
		calls = []
		for k in range(24):
			doc = {
				"doctype": "Meeting",
				"duo": duo.name,
				"meeting_date": str(add_days(duo.start, 2 + k * 6)),
				"duration_minutes": 60,
				"kind": "Meeting",
				"status": "Held",
			}
			calls.append(("coordinator", lambda a=sessions[k % 4], d=doc: a.rest_insert(d)))
		fire(
			f"24 meetings at once into one duo, REST, duo {round_number + 1} of 4",
			calls,
			[
				french("This duo has already held its {0} meetings; no further meeting can be recorded."),
				*busy(),
			],
			workers=24,
		)
		assert assert_counters_match_meetings(duo.name) == MAX_MEETINGS


def test_mentor_and_mentee_accept_the_same_proposal_at_once(world, cast):
	pairs = []
	for _i in range(4):
		mentor, mentee = world.mentor(with_user=True), world.mentee(with_user=True)
		duo = b.propose_duo(mentee, mentor)
		pairs.append((duo.name, world.user_of("Mentor", mentor), world.user_of("Mentee", mentee)))
	frappe.db.commit()
	calls = []
	for duo, mentor_user, mentee_user in pairs:
		for user in (mentor_user, mentee_user):
			agent = Agent(cast.base, user)
			calls.append((user, lambda a=agent, d=duo: a.portal("respond_to_duo", duo=d, answer="accept")))
	answers = fire("mentor and mentee accept the same proposal", calls, busy())
	assert all(ok(r) for _who, r in answers), [message_of(r) for _who, r in answers if not ok(r)]
	for duo, _mentor, _mentee in pairs:
		row = frappe.db.get_value(
			"Duo", duo, ["status", "mentor_agreed_on", "mentee_agreed_on"], as_dict=True
		)
		assert row.status == lifecycle.ACCEPTED and row.mentor_agreed_on and row.mentee_agreed_on, row


def test_proposals_at_once_respect_the_open_duo_and_the_capacity(world, cast):
	"""One mentee proposed to four mentors, four mentees to one mentor of capacity 1, at once."""
	one_mentee = world.mentee()
	four_mentors = [world.mentor(capacity=2) for _i in range(4)]
	one_mentor = world.mentor(capacity=1)
	four_mentees = [world.mentee() for _i in range(4)]
	frappe.db.commit()
	staff = [cast.coordinator, cast.manager]
	calls = []
	for i, mentor in enumerate(four_mentors):
		doc = {"doctype": "Duo", "mentee": one_mentee, "mentor": mentor}
		calls.append(("staff", lambda a=staff[i % 2], d=doc: a.desk_insert(d)))
	for i, mentee in enumerate(four_mentees):
		doc = {"doctype": "Duo", "mentee": mentee, "mentor": one_mentor}
		send = staff[i % 2].rest_insert if i % 2 else staff[i % 2].desk_insert
		calls.append(("staff", lambda send=send, d=doc: send(d)))
	fire(
		"proposals against one mentee and one mentor of capacity 1",
		calls,
		[
			french("This mentee already has an open duo ({0}); a mentee takes part in one duo at a time."),
			french("This mentor already accompanies {0} duo(s), their capacity is {1}."),
			*busy(),
		],
	)
	assert frappe.db.count("Duo", {"mentee": one_mentee}) == 1
	assert frappe.db.count("Duo", {"mentor": one_mentor}) == 1


def test_the_four_parties_sign_one_convention_at_once(world, cast):
	conventions = []
	for _i in range(3):
		mentor, mentee = world.mentor(with_user=True), world.mentee(with_user=True)
		duo = b.act(b.propose_duo(mentee, mentor), "Accept")
		convention = b.make_convention(duo.name, signed_on=None, submit=False)
		assert [r.party for r in convention.signatories] == [
			"Mentee",
			"Mentor",
			"Centre",
			"Partner Organisation",
		]
		conventions.append(
			(convention.name, duo.name, world.user_of("Mentor", mentor), world.user_of("Mentee", mentee))
		)
	frappe.db.commit()

	signing_day = today()

	def sign_in_desk(agent, convention, party):
		"""A staff member ticks a paper signature on the form; on "reload", reloads and saves again."""
		response = None
		for _attempt in range(6):
			doc = agent.desk_get("Convention", convention)
			if doc["docstatus"]:
				return response or nothing_left_to_do()
			for row in doc["signatories"]:
				if row["party"] == party:
					row["signed_on"], row["signature_method"] = signing_day, "On paper"
			response = agent.call("frappe.desk.form.save.savedocs", doc=json.dumps(doc), action="Save")
			if message_of(response)[0] != "TimestampMismatchError":
				return response
		return response

	calls = []
	for convention, _duo, mentor_user, mentee_user in conventions:
		for user in (mentor_user, mentee_user):
			agent = Agent(cast.base, user)
			calls.append(
				(user, lambda a=agent, c=convention: a.portal("sign_convention", convention=c, agree=1))
			)
		calls.append(("coordinator", lambda c=convention: sign_in_desk(cast.coordinator, c, "Centre")))
		calls.append(("manager", lambda c=convention: sign_in_desk(cast.manager, c, "Partner Organisation")))
	fire(
		"four parties sign one convention",
		calls,
		[french("This convention is already signed by every party."), *busy(), *reload()],
	)
	for convention, duo, _mentor, _mentee in conventions:
		doc = frappe.get_doc("Convention", convention)
		assert all(r.signed_on for r in doc.signatories), convention
		if doc.docstatus == 0:  # the last signature came from the desk: staff submit it
			answer = cast.coordinator.call("frappe.client.submit", doc=json.dumps(doc.as_dict(), default=str))
			assert answer.ok, message_of(answer)
			frappe.db.rollback()
		assert frappe.db.get_value("Duo", duo, "status") == lifecycle.ACTIVE


def nothing_left_to_do() -> requests.Response:
	"""The answer of a signer who finds the convention already submitted: nothing to send."""
	response = requests.Response()
	response.status_code, response._content = 200, b'{"message": "already submitted"}'
	return response


def test_a_survey_sent_twice_at_once_is_answered_once(world, cast):
	"""Mentor and mentee answer the mid-point survey at once, the mentor with a double click."""
	duos = [running_duo(world, cast.base, 0, started_days_ago=120) for _i in range(3)]
	frappe.db.commit()
	calls = []
	for duo in duos:
		mentor, mentee = Agent(cast.base, duo.mentor_user), Agent(cast.base, duo.mentee_user)
		for agent in (mentor, mentor, mentee):
			answer = {"duo": duo.name, "moment": "Mid-point", "satisfaction": 4, "comments": "Bien."}
			calls.append(("party", lambda a=agent, v=answer: a.portal("answer_survey", **v)))
	fire(
		"survey answered twice at once",
		calls,
		[
			french("This survey is not open for you now, or you have already answered it."),
			french("This duo already has the survey {0} for this respondent and moment."),
			*busy(),
		],
	)
	for duo in duos:
		for party in ("Mentor", "Mentee"):
			assert frappe.db.count("Duo Survey", {"duo": duo.name, "respondent_type": party}) == 1


def test_contacts_logged_while_the_daily_jobs_run(world, cast):
	duos = [running_duo(world, cast.base, held, started_days_ago=120) for held in (0, 3, 6)]
	frappe.db.commit()
	jobs_errors: list[str] = []
	jobs_done = threading.Event()

	def daily_jobs():
		from frappe.utils.background_jobs import execute_job

		frappe.init(site=SITE, sites_path=sites_path())
		frappe.connect()
		try:
			frappe.set_user("Administrator")
			for _pass in range(2):
				for method in frappe.get_hooks("scheduler_events")["daily"]:
					try:  # as a worker runs it: commits, and retries on a deadlock
						execute_job(SITE, method, "daily", method, {}, is_async=False)
					except Exception as exc:
						frappe.db.rollback()
						jobs_errors.append(f"{method}: {exc!r}")
		finally:
			frappe.destroy()
			jobs_done.set()

	runner = threading.Thread(target=daily_jobs)
	calls = []
	for duo in duos:
		mentor, mentee = Agent(cast.base, duo.mentor_user), Agent(cast.base, duo.mentee_user)
		for k in range(8):
			kind = ("Phone call", "E-mail", "Message", "Meeting")[k % 4]
			values = {"meeting_date": str(add_days(today(), -k)), "kind": kind, "status": "Held"}
			if kind == "Meeting":
				values["duration_minutes"] = 60
			agent = (mentor, mentee)[k % 2]
			calls.append(
				("party", lambda a=agent, d=duo, v=values: a.portal("log_meeting", duo=d.name, data=v))
			)
			doc = {
				"doctype": "Meeting",
				"duo": duo.name,
				**values,
				"meeting_date": str(add_days(today(), -k - 8)),
			}
			calls.append(("coordinator", lambda d=doc: cast.coordinator.desk_insert(d)))
	runner.start()
	try:
		fire("contacts while the daily jobs run", calls, busy())
	finally:
		runner.join(timeout=120)
	assert jobs_done.is_set() and not jobs_errors, jobs_errors
	for duo in duos:
		assert_counters_match_meetings(duo.name)
