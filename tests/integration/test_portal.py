"""The portal over HTTP, logged in for real as each portal role: pages, POST methods, public forms."""

from __future__ import annotations

import re

import frappe
import pytest
import requests
from frappe.utils import add_days, today
from support import login, programme_doc, uid

from n2w_mentoring.demo import builders as b

API = "/api/method/n2w_mentoring.portal"
CSRF = re.compile(r'frappe\.csrf_token = "([^"]*)"')


class Client:
	"""A browser-like session: pages give the CSRF token that the POSTs send back."""

	def __init__(self, base: str, user: str | None = None):
		self.base = base
		self.session = login(base, user) if user else requests.Session()
		self.token = ""

	def page(self, path: str, **kwargs) -> requests.Response:
		response = self.session.get(self.base + path, timeout=15, allow_redirects=False, **kwargs)
		if match := CSRF.search(response.text):
			self.token = match.group(1)
		return response

	def post(self, method: str, payload: dict) -> requests.Response:
		return self.session.post(
			f"{self.base}{API}.{method}",
			json=payload,
			headers={"X-Frappe-CSRF-Token": self.token, "Accept": "application/json"},
			timeout=15,
		)

	def get(self, method: str, **params) -> requests.Response:
		return self.session.get(f"{self.base}{API}.{method}", params=params, timeout=15)


def user_of(doctype, name):
	return frappe.db.get_value(doctype, name, "user")


@pytest.fixture(scope="module")
def people(world):
	"""Duos in each state the portal meets, whose parties have portal users; committed for the server."""
	started = add_days(today(), -20)
	active = b.start_duo(world.mentee(with_user=True), world.mentor(with_user=True), started)
	plan = b.make_action_plan(
		active.name,
		[
			{"objective": "Préparer un CV", "axis": "Technical"},
			{"objective": "Rencontrer trois professionnels", "axis": "Relational"},
		],
	)
	b.log_meeting(active.name, add_days(today(), 7), 60, status="Planned", start_time="14:00:00")
	other = b.start_duo(world.mentee(with_user=True), world.mentor(with_user=True), started)
	proposed = b.propose_duo(world.mentee(with_user=True), world.mentor(with_user=True))
	to_decline = b.propose_duo(world.mentee(with_user=True), world.mentor(with_user=True))
	accepted = b.act(b.propose_duo(world.mentee(with_user=True), world.mentor(with_user=True)), "Accept")
	convention = b.make_convention(accepted.name, signed_on=None, submit=False)
	for row in convention.signatories:
		if not row.user:
			row.signed_on, row.signature_method = today(), "On paper"
	convention.save()
	frappe.db.commit()
	return frappe._dict(
		active=active.name,
		plan=plan.name,
		objectives=[r.name for r in plan.objectives],
		other=other.name,
		proposed=proposed.name,
		to_decline=to_decline.name,
		accepted=accepted.name,
		convention=convention.name,
		mentor=user_of("Mentor", active.mentor),
		mentee=user_of("Mentee", active.mentee),
		other_mentor=user_of("Mentor", other.mentor),
		other_mentee_name=frappe.db.get_value("Mentee", other.mentee, "full_name"),
		active_mentee_name=frappe.db.get_value("Mentee", active.mentee, "full_name"),
		proposed_mentor=user_of("Mentor", proposed.mentor),
		proposed_mentee=user_of("Mentee", proposed.mentee),
		decline_mentee=user_of("Mentee", to_decline.mentee),
		accepted_mentor=user_of("Mentor", accepted.mentor),
		accepted_mentee=user_of("Mentee", accepted.mentee),
	)


def pages_of(people):
	return [
		"/mentoring",
		f"/mentoring/duo?name={people.active}",
		f"/mentoring/plan?duo={people.active}",
		f"/mentoring/meeting?duo={people.active}",
		f"/mentoring/convention?duo={people.active}",
		"/mentoring/calendar",
	]


# --- Pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize("party", ["mentor", "mentee"])
def test_every_page_opens_for_the_duos_parties(server, people, party):
	client = Client(server, people[party])
	for path in pages_of(people):
		response = client.page(path)
		assert response.status_code == 200, path
		assert "n2w-message" in response.text or path == "/mentoring", path
	home = client.page("/mentoring").text
	assert people.active in home
	assert people.other not in home


def test_the_portal_style_is_in_the_page(server, people):
	html = Client(server, people.mentor).page("/mentoring").text
	assert ".n2w-card" in html and "<h1>" in html


def test_guest_is_sent_to_login(server, people):
	guest = Client(server)
	for path in [*pages_of(people), "/mentoring/partner"]:
		response = guest.page(path)
		assert response.status_code in (301, 302), path
		assert response.headers["Location"].startswith("/mentoring/login?redirect-to="), path


@pytest.mark.parametrize(
	"path",
	[
		"/mentoring/duo?name={}",
		"/mentoring/plan?duo={}",
		"/mentoring/meeting?duo={}",
		"/mentoring/convention?duo={}",
	],
)
def test_another_duos_pages_are_refused(server, people, path):
	client = Client(server, people.mentor)
	assert client.page(path.format(people.other)).status_code in (403, 404)
	assert client.page(path.format("DUO-NOT-THERE")).status_code in (403, 404)


def test_mentor_home_shows_progress_next_meeting_and_coordinator(server, people):
	html = Client(server, people.mentor).page("/mentoring").text
	assert people.active_mentee_name in html
	assert "14:00" in html
	assert "/mentoring/meeting?duo=" in html


def test_pages_are_in_the_users_language(server, people, world):
	frappe.db.set_value("User", people.mentee, "language", "fr")
	frappe.db.commit()
	html = Client(server, people.mentee).page("/mentoring").text
	assert "Mon mentorat" in html and "Prochaine rencontre" in html


# --- Partner organisation -------------------------------------------------------------------------


def test_partner_sees_its_mentors_and_no_mentee_data(server, people, world):
	client = Client(server, world.partner)
	response = client.page("/mentoring/partner")
	assert response.status_code == 200
	mentor_name = frappe.db.get_value("Mentor", {"user": people.mentor}, "full_name")
	assert mentor_name in response.text
	for name in frappe.get_all("Mentee", pluck="full_name"):
		assert name not in response.text
	assert "Mentee" not in response.text.split('class="n2w"')[1]


def test_mentor_cannot_open_the_partner_page(server, people):
	assert Client(server, people.mentor).page("/mentoring/partner").status_code in (403, 404)


def test_partner_nominates_a_colleague(server, people, world):
	client = Client(server, world.partner)
	client.page("/mentoring/partner")
	email = f"colleague-{uid()}@people.example"
	data = {"first_name": "Céline", "last_name": "Collègue", "email": email, "colleague_agreed": 1}
	response = client.post("api.nominate_mentor", {"organisation": world.organisation, "data": data})
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	mentor = frappe.db.get_value("Mentor", {"email": email}, ["status", "partner_organisation"], as_dict=True)
	assert mentor.status == "Applicant" and mentor.partner_organisation == world.organisation


def test_nomination_refuses_other_fields_and_other_organisations(server, people, world):
	client = Client(server, world.partner)
	client.page("/mentoring/partner")
	email = f"colleague-{uid()}@people.example"
	data = {"first_name": "A", "last_name": "B", "email": email, "colleague_agreed": 1, "status": "Available"}
	response = client.post("api.nominate_mentor", {"organisation": world.organisation, "data": data})
	assert response.status_code == 417 and "status" in response.json()["message"]["message"]
	del data["status"]
	response = client.post("api.nominate_mentor", {"organisation": world.other_organisation, "data": data})
	assert response.status_code == 403
	response = Client(server, people.mentor).post(
		"api.nominate_mentor", {"organisation": world.organisation, "data": data}
	)
	assert response.status_code == 403
	frappe.db.rollback()
	assert not frappe.db.exists("Mentor", {"email": email})


# --- Accept / decline ----------------------------------------------------------------------------


def test_both_parties_accept_and_the_duo_is_accepted(server, people):
	mentor = Client(server, people.proposed_mentor)
	mentor.page(f"/mentoring/duo?name={people.proposed}")
	response = mentor.post("api.respond_to_duo", {"duo": people.proposed, "answer": "accept"})
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	duo = frappe.db.get_value("Duo", people.proposed, ["status", "mentor_agreed_on"], as_dict=True)
	assert duo.status == "Proposed" and duo.mentor_agreed_on
	mentee = Client(server, people.proposed_mentee)
	response = mentee.post("api.respond_to_duo", {"duo": people.proposed, "answer": "accept"})
	assert response.json()["message"]["status"] == "Accepted"
	frappe.db.rollback()
	assert frappe.db.get_value("Duo", people.proposed, "status") == "Accepted"


def test_a_party_declines_with_a_reason(server, people):
	client = Client(server, people.decline_mentee)
	response = client.post("api.respond_to_duo", {"duo": people.to_decline, "answer": "decline"})
	assert response.status_code == 417
	response = client.post(
		"api.respond_to_duo", {"duo": people.to_decline, "answer": "decline", "reason": "Trop loin"}
	)
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	duo = frappe.db.get_value("Duo", people.to_decline, ["status", "decline_reason"], as_dict=True)
	assert duo.status == "Declined" and duo.decline_reason == "Trop loin"


def test_answer_refused_to_another_user_and_to_get(server, people):
	response = Client(server, people.mentor).post(
		"api.respond_to_duo", {"duo": people.to_decline, "answer": "accept"}
	)
	assert response.status_code == 403
	response = Client(server, people.proposed_mentor).get(
		"api.respond_to_duo", duo=people.proposed, answer="accept"
	)
	assert response.status_code in (403, 405)


# --- Log a meeting -------------------------------------------------------------------------------


def meeting(**values):
	return {"kind": "Meeting", "status": "Held", "meeting_date": today(), "duration_minutes": 60, **values}


def test_mentor_logs_a_meeting_with_themes_and_objectives(server, people):
	client = Client(server, people.mentor)
	client.page(f"/mentoring/meeting?duo={people.active}")
	theme = frappe.get_all("Intercultural Theme", pluck="name", limit=1)[0]
	data = meeting(
		summary=f"Rencontre {uid()}",
		themes={"0": {"theme": theme, "there": "Souple", "here": "Ponctuel"}, "1": {"theme": ""}},
		objectives=[people.objectives[0]],
	)
	response = client.post("api.log_meeting", {"duo": people.active, "data": data})
	assert response.status_code == 200, response.text
	name = response.json()["message"]["name"]
	frappe.db.rollback()
	saved = frappe.get_doc("Meeting", name)
	assert saved.summary == data["summary"] and saved.owner == people.mentor
	assert [t.theme for t in saved.themes] == [theme] and saved.themes[0].here == "Ponctuel"
	assert [o.plan_objective for o in saved.objectives] == [people.objectives[0]]
	assert 'id="saved-meeting"' in client.page(f"/mentoring/duo?name={people.active}&saved={name}").text


def test_invalid_meeting_gives_the_rule_and_saves_nothing(server, people):
	client = Client(server, people.mentee)
	before = frappe.db.count("Meeting", {"duo": people.active})
	response = client.post(
		"api.log_meeting", {"duo": people.active, "data": meeting(duration_minutes=180, summary="Trop long")}
	)
	assert response.status_code == 417
	assert "90" in response.json()["message"]["message"]
	frappe.db.rollback()
	assert frappe.db.count("Meeting", {"duo": people.active}) == before


def test_meeting_refuses_other_fields_other_duos_and_get(server, people):
	client = Client(server, people.mentor)
	before = frappe.db.count("Meeting")
	response = client.post("api.log_meeting", {"duo": people.active, "data": meeting(owner="x", duo="y")})
	assert response.status_code == 417 and "owner" in response.json()["message"]["message"]
	response = client.post("api.log_meeting", {"duo": people.other, "data": meeting()})
	assert response.status_code == 403
	response = client.post(
		"api.log_meeting", {"duo": people.active, "data": meeting(objectives=["not-a-row"])}
	)
	assert response.status_code == 417
	assert client.get("api.log_meeting", duo=people.active).status_code in (403, 405)
	frappe.db.rollback()
	assert frappe.db.count("Meeting") == before


# --- Action plan ---------------------------------------------------------------------------------


def test_duo_updates_status_and_progress_of_its_plan(server, people):
	client = Client(server, people.mentee)
	client.page(f"/mentoring/plan?duo={people.active}")
	rows = {"0": {"name": people.objectives[1], "status": "Achieved", "progress_notes": "Fait !"}}
	response = client.post("api.update_plan", {"duo": people.active, "rows": rows})
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	row = frappe.db.get_value(
		"Action Plan Objective", people.objectives[1], ["status", "progress_notes"], as_dict=True
	)
	assert row.status == "Achieved" and row.progress_notes == "Fait !"
	assert frappe.db.get_value("Action Plan", people.plan, "objectives_achieved") == 1


def test_plan_update_refuses_other_fields_rows_and_users(server, people):
	client = Client(server, people.mentor)
	original = frappe.db.get_value("Action Plan Objective", people.objectives[0], "objective")
	rows = [{"name": people.objectives[0], "objective": "Changé"}]
	response = client.post("api.update_plan", {"duo": people.active, "rows": rows})
	assert response.status_code == 417 and "objective" in response.json()["message"]["message"]
	response = client.post("api.update_plan", {"duo": people.active, "rows": [{"name": "other-row"}]})
	assert response.status_code == 417
	response = client.post(
		"api.update_plan", {"duo": people.active, "rows": [{"name": people.objectives[0], "status": "Done"}]}
	)
	assert response.status_code == 417
	other = Client(server, people.other_mentor)
	response = other.post("api.update_plan", {"duo": people.active, "rows": []})
	assert response.status_code == 403
	frappe.db.rollback()
	assert frappe.db.get_value("Action Plan Objective", people.objectives[0], "objective") == original


# --- Convention ----------------------------------------------------------------------------------


def test_parties_sign_and_the_last_signature_starts_the_duo(server, people):
	mentee = Client(server, people.accepted_mentee)
	page = mentee.page(f"/mentoring/convention?duo={people.accepted}")
	assert page.status_code == 200 and "download_pdf" in page.text
	response = mentee.post("api.sign_convention", {"convention": people.convention})
	assert response.status_code == 417  # the box is not ticked
	response = mentee.post("api.sign_convention", {"convention": people.convention, "agree": 1})
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	assert frappe.db.get_value("Convention", people.convention, "docstatus") == 0
	response = Client(server, people.mentor).post(
		"api.sign_convention", {"convention": people.convention, "agree": 1}
	)
	assert response.status_code == 403
	response = Client(server, people.accepted_mentor).post(
		"api.sign_convention", {"convention": people.convention, "agree": 1}
	)
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	convention = frappe.get_doc("Convention", people.convention)
	assert convention.docstatus == 1
	assert {r.signature_method for r in convention.signatories if r.user} == {"In the portal"}
	assert frappe.db.get_value("Duo", people.accepted, "status") == "Active"


# --- Calendar ------------------------------------------------------------------------------------


def test_calendar_download_and_private_feed(server, people):
	client = Client(server, people.mentor)
	client.page("/mentoring/calendar")
	download = client.get("calendar_feed.download")
	assert download.status_code == 200 and "BEGIN:VCALENDAR" in download.text
	assert "attachment" in download.headers["Content-Disposition"]
	url = client.post("calendar_feed.regenerate_token", {}).json()["message"]["url"]
	token = url.split("token=")[1]
	feed = requests.get(f"{server}{API}.calendar_feed.feed", params={"token": token}, timeout=15)
	assert feed.status_code == 200 and feed.headers["Content-Type"].startswith("text/calendar")
	assert feed.text.count("BEGIN:VEVENT") == 1 and "DTSTART;TZID=Europe/Brussels:" in feed.text
	new_url = client.post("calendar_feed.regenerate_token", {}).json()["message"]["url"]
	assert (
		requests.get(f"{server}{API}.calendar_feed.feed", params={"token": token}, timeout=15).status_code
		== 404
	)
	client.post("calendar_feed.revoke_token", {})
	new_token = new_url.split("token=")[1]
	assert (
		requests.get(f"{server}{API}.calendar_feed.feed", params={"token": new_token}, timeout=15).status_code
		== 404
	)
	assert requests.get(f"{server}{API}.calendar_feed.feed", timeout=15).status_code == 404


def test_feed_lists_only_that_persons_meetings(server, people):
	client = Client(server, people.other_mentor)
	client.page("/mentoring/calendar")
	url = client.post("calendar_feed.regenerate_token", {}).json()["message"]["url"]
	feed = requests.get(url.replace(url.split("/api/")[0], server), timeout=15)
	assert feed.status_code == 200 and "BEGIN:VEVENT" not in feed.text


# --- Public forms --------------------------------------------------------------------------------


@pytest.fixture
def fresh_limits(server):
	"""The public forms' rate limits start afresh for each test (all requests come from 127.0.0.1)."""
	for method in ("apply_as_mentor", "apply_as_mentee"):
		frappe.cache.delete_value(f"rl:n2w_mentoring.portal.public.{method}:127.0.0.1")
	yield
	for method in ("apply_as_mentor", "apply_as_mentee"):
		frappe.cache.delete_value(f"rl:n2w_mentoring.portal.public.{method}:127.0.0.1")


@pytest.mark.parametrize("path", ["/mentoring/volunteer", "/mentoring/apply"])
def test_public_forms_open_without_login(server, path):
	response = Client(server).page(path)
	assert response.status_code == 200 and 'type="checkbox" id="consent"' in response.text


def test_volunteer_application_makes_an_applicant_mentor(server, fresh_limits):
	email = f"volunteer-{uid()}@people.example"
	data = {
		"first_name": "Vincent",
		"last_name": "Volontaire",
		"email": email,
		"profession": "Comptable",
		"consent": 1,
	}
	response = Client(server).post("public.apply_as_mentor", {"data": data})
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	mentor = frappe.db.get_value(
		"Mentor", {"email": email}, ["status", "consent_given", "consent_notice_version"], as_dict=True
	)
	assert mentor.status == "Applicant" and mentor.consent_given and mentor.consent_notice_version


def test_mentee_referral_records_consent_and_referrer(server, fresh_limits):
	phone = f"+32 470 {int(uid(), 16) % 1_000_000:06d}"
	data = {
		"referred": "referral",
		"first_name": "Rania",
		"last_name": "Referred",
		"phone": phone,
		"french_level": "A2",
		"referrer_name": "Sam Social",
		"referring_organisation": "CPAS de Namur",
		"referrer_email": "sam@cpas.example",
		"consent": 1,
	}
	response = Client(server).post("public.apply_as_mentee", {"data": data})
	assert response.status_code == 200, response.text
	frappe.db.rollback()
	mentee = frappe.get_doc("Mentee", {"phone": phone})
	assert mentee.status == "Applicant" and mentee.referring_organisation == "CPAS de Namur"
	assert str(mentee.consent_date) == today()
	assert mentee.consent_notice_version == programme_doc().consent_notice_version


def test_public_forms_refuse_extra_fields_and_missing_consent(server, fresh_limits):
	email = f"intruder-{uid()}@people.example"
	guest = Client(server)
	for method, extra in (("apply_as_mentor", "training_completed"), ("apply_as_mentee", "residence_status")):
		data = {"first_name": "I", "last_name": "X", "email": email, "consent": 1, extra: 1}
		response = guest.post(f"public.{method}", {"data": data})
		assert response.status_code == 417 and extra in response.json()["message"]["message"]
		del data[extra], data["consent"]
		assert guest.post(f"public.{method}", {"data": data}).status_code == 417
	assert guest.get("public.apply_as_mentor").status_code in (403, 405)
	frappe.db.rollback()
	assert not frappe.db.exists("Mentor", {"email": email}) and not frappe.db.exists(
		"Mentee", {"email": email}
	)


def test_public_forms_are_rate_limited(server, fresh_limits):
	from n2w_mentoring.portal.public import LIMIT

	guest = Client(server)
	codes = [guest.post("public.apply_as_mentor", {"data": {}}).status_code for _ in range(LIMIT + 1)]
	assert codes[:LIMIT] == [417] * LIMIT and codes[-1] == 429


# --- Surveys ------------------------------------------------------------------------------------


@pytest.fixture
def survey_duo(world):
	"""A running duo past its mid-point, whose mentor has a portal login."""
	mentor = world.mentor(with_user=True)
	duo = b.start_duo(world.mentee(with_user=True), mentor, add_days(today(), -100))
	frappe.db.commit()
	return frappe._dict(
		name=duo.name, mentor=world.user_of("Mentor", mentor), mentee=world.user_of("Mentee", duo.mentee)
	)


def test_the_mentor_answers_the_mid_point_survey_once(server, survey_duo):
	client = Client(server, survey_duo.mentor)
	page = client.page(f"/mentoring/duo?name={survey_duo.name}")
	assert "answer_survey" in page.text
	answer = {"duo": survey_duo.name, "moment": "Mid-point", "satisfaction": 4, "comments": "Très utile"}
	response = client.post("api.answer_survey", answer)
	assert response.ok and response.json()["message"]["ok"], response.text
	frappe.db.rollback()
	filters = {"duo": survey_duo.name, "respondent_type": "Mentor", "moment": "Mid-point"}
	assert frappe.db.get_value("Duo Survey", filters, "satisfaction") == 4
	assert client.post("api.answer_survey", {**answer, "satisfaction": 5}).status_code == 417
	frappe.db.rollback()
	assert frappe.db.count("Duo Survey", {"duo": survey_duo.name}) == 1


def test_a_survey_answer_out_of_range_or_on_another_duo_is_refused(server, survey_duo, world):
	client = Client(server, survey_duo.mentor)
	client.page(f"/mentoring/duo?name={survey_duo.name}")
	answer = {"duo": survey_duo.name, "moment": "Mid-point", "satisfaction": 9}
	assert client.post("api.answer_survey", answer).status_code == 417
	stranger = world.user_of("Mentor", world.mentor(with_user=True))
	frappe.db.commit()
	other = Client(server, stranger)
	other.page("/mentoring")
	assert other.post("api.answer_survey", {**answer, "satisfaction": 3}).status_code in (403, 404)
	frappe.db.rollback()
	assert frappe.db.count("Duo Survey", {"duo": survey_duo.name}) == 0
