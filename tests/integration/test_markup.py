"""Markup typed by anyone stays text: values sent through the public forms, then shown in the portal's
pages (text and attributes) and in the print formats, never break out of the HTML around them."""

import frappe
import pytest
from frappe.utils import add_days, today
from support import acting_as, login, uid

from n2w_mentoring.demo import builders as b

ATTACK = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
# Frappe stores Data fields sanitised (the script escaped, the image kept, the quote kept): what is
# stored must be shown as text, never as markup.
LIVE = ("<script>alert", "<img src", "onerror=")


class Guest:
	"""A browser without a login: pages give the CSRF token the form's POST sends back."""

	def __init__(self, base: str):
		import requests

		self.base, self.session, self.token = base, requests.Session(), ""

	def submit(self, page: str, method: str, data: dict):
		import re

		html = self.session.get(f"{self.base}{page}", timeout=15).text
		if match := re.search(r'csrf_token\s*=\s*"([^"]+)"', html):
			self.token = match.group(1)
		response = self.session.post(
			f"{self.base}/api/method/n2w_mentoring.portal.public.{method}",
			json={"data": data},
			headers={"X-Frappe-CSRF-Token": self.token, "Accept": "application/json"},
			timeout=15,
		)
		assert response.status_code == 200, response.text[:300]


@pytest.fixture(scope="module")
def hostile(server, world):
	"""A mentor and a mentee who applied through the public forms with markup in every text field,
	then became a duo with a meeting and a plan, as the centre would make them."""
	for method in ("apply_as_mentor", "apply_as_mentee"):
		frappe.cache.delete_value(f"rl:n2w_mentoring.portal.public.{method}:127.0.0.1")
	suffix = uid()
	guest = Guest(server)
	mentor_email, mentee_email = f"xss-mentor-{suffix}@people.example", f"xss-mentee-{suffix}@people.example"
	guest.submit(
		"/mentoring/volunteer",
		"apply_as_mentor",
		{
			"first_name": "Eve",
			"last_name": ATTACK,
			"email": mentor_email,
			"profession": ATTACK,
			"job_title": ATTACK,
			"workplace_municipality": ATTACK,
			"consent": 1,
		},
	)
	guest.submit(
		"/mentoring/apply",
		"apply_as_mentee",
		{
			"first_name": "Mallory",
			"last_name": ATTACK,
			"email": mentee_email,
			"municipality": ATTACK,
			"target_profession": ATTACK,
			"consent": 1,
		},
	)
	frappe.db.rollback()
	mentor = frappe.db.get_value("Mentor", {"email": mentor_email})
	mentee = frappe.db.get_value("Mentee", {"email": mentee_email})
	assert mentor and mentee
	mentor_user = b.make_user(
		f"xss-mentor-user-{suffix}@test.example", "Eve", ATTACK, ["Mentor"], "Test-Pass-2026!"
	)
	mentee_user = b.make_user(
		f"xss-mentee-user-{suffix}@test.example", "Mal", ATTACK, ["Mentee"], "Test-Pass-2026!"
	)
	frappe.db.set_value(
		"Mentor",
		mentor,
		{
			"user": mentor_user,
			"partner_organisation": world.organisation,
			"training_completed": 1,
			"training_date": today(),
			"status": "Available",
		},
	)
	frappe.db.set_value("Mentee", mentee, {"user": mentee_user, "status": "Waiting for match"})
	duo = b.start_duo(mentee, mentor, add_days(today(), -10))
	b.log_meeting(duo.name, add_days(today(), -5), 60, place=ATTACK, summary=ATTACK)
	b.make_action_plan(duo.name, [{"objective": ATTACK, "axis": "Technical", "progress_notes": ATTACK}])
	frappe.db.commit()
	stored = {
		frappe.db.get_value("Mentor", mentor, "full_name"),
		frappe.db.get_value("Mentor", mentor, "workplace_municipality"),
		frappe.db.get_value("Mentee", mentee, "full_name"),
		frappe.db.get_value("Meeting", {"duo": duo.name}, "place"),
		frappe.db.get_value("Action Plan Objective", {"objective": ("like", "%img%")}, "objective"),
	}
	return frappe._dict(
		duo=duo.name,
		mentor=mentor,
		mentee=mentee,
		mentor_user=mentor_user,
		mentee_user=mentee_user,
		stored={v for v in stored if v},
	)


def assert_inert(html: str, hostile, where: str):
	for live in LIVE:
		assert live not in html, f"{where}: {live!r} is live markup"
	for value in hostile.stored:
		assert value not in html, f"{where}: {value!r} is placed unescaped"


def shown(html: str, hostile) -> bool:
	from markupsafe import escape

	return any(str(escape(value)) in html for value in hostile.stored)


def test_what_is_stored_still_holds_a_quote_and_markup(hostile):
	assert any('"' in v and "<" in v for v in hostile.stored), hostile.stored


@pytest.mark.parametrize("party", ["mentor_user", "mentee_user"])
def test_portal_pages_show_markup_as_text(server, hostile, party):
	session = login(server, hostile[party])
	seen = False
	for path in (
		"/mentoring",
		f"/mentoring/duo?name={hostile.duo}",
		f"/mentoring/meeting?duo={hostile.duo}",
		f"/mentoring/plan?duo={hostile.duo}",
		f"/mentoring/convention?duo={hostile.duo}",
	):
		response = session.get(f"{server}{path}", timeout=15)
		assert response.status_code == 200, (path, response.status_code)
		assert_inert(response.text, hostile, path)
		seen = seen or shown(response.text, hostile)
	assert seen, "the hostile values were not shown at all"


def test_the_partner_page_shows_markup_as_text(server, hostile, world):
	response = login(server, world.partner).get(f"{server}/mentoring/partner", timeout=15)
	assert response.status_code == 200
	assert_inert(response.text, hostile, "/mentoring/partner")
	assert shown(response.text, hostile)


@pytest.mark.parametrize(
	"doctype, print_format",
	[("Convention", "Convention"), ("Action Plan", "Action Plan"), ("Duo", "Attestation of participation")],
)
def test_print_formats_show_markup_as_text(hostile, world, doctype, print_format):
	name = hostile.duo if doctype == "Duo" else frappe.db.get_value(doctype, {"duo": hostile.duo})
	with acting_as(world.coordinator):
		html = frappe.get_print(doctype, name, print_format)
	assert_inert(html, hostile, print_format)
