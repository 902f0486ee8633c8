"""The portal in a real headless Chromium at phone width: what a mentor, a mentee, a partner contact
and a guest see and do, and an axe-core accessibility check (WCAG 2.1 A and AA) of every page."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import frappe
import pytest
from frappe.utils import add_days, today
from support import PASSWORD, missing_browser_tool

from n2w_mentoring.demo import builders as b

# The browser and its switches are the portal benchmark's (benchmarks/bench_portal_weight.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_portal_weight import ARGS, CHROMIUM, PHONE

AXE_PLACES = (
	os.environ.get("N2W_AXE_JS", ""),
	"/tmp/node_modules/axe-core/axe.min.js",
	str(Path.home() / "node_modules/axe-core/axe.min.js"),
	"/usr/local/lib/node_modules/axe-core/axe.min.js",
	"/usr/lib/node_modules/axe-core/axe.min.js",
)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

try:
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None

AXE_JS = next((p for p in AXE_PLACES if p and Path(p).is_file()), None)


def missing(what: str) -> None:
	missing_browser_tool("PORTAL BROWSER TESTS", what)


if sync_playwright is None:
	missing("the Python package playwright is not installed (pip install playwright)")
if not Path(CHROMIUM).exists():
	missing(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set N2W_CHROMIUM)")
if not AXE_JS:
	missing("axe-core not found (npm i axe-core, then set N2W_AXE_JS to its axe.min.js)")


@pytest.fixture(scope="module")
def duo(world):
	active = b.start_duo(world.mentee(with_user=True), world.mentor(with_user=True), add_days(today(), -20))
	plan = b.make_action_plan(
		active.name, [{"objective": "Préparer un CV adapté au marché belge", "axis": "Technical"}]
	)
	other = b.start_duo(world.mentee(), world.mentor(), add_days(today(), -20))
	frappe.db.commit()
	return frappe._dict(
		name=active.name,
		plan=plan.name,
		other=other.name,
		mentor=frappe.db.get_value("Mentor", active.mentor, "user"),
		mentee=frappe.db.get_value("Mentee", active.mentee, "user"),
		mentee_name=frappe.db.get_value("Mentee", active.mentee, "full_name"),
		mentor_name=frappe.db.get_value("Mentor", active.mentor, "full_name"),
	)


@pytest.fixture(scope="module")
def browser():
	with sync_playwright() as playwright:
		chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
		yield chromium
		chromium.close()


@pytest.fixture
def as_user(browser, server):
	"""A fresh phone-sized page, logged in as the given user (None: a guest)."""
	contexts = []

	def open_as(user: str | None):
		context = browser.new_context(viewport=PHONE, base_url=server)
		contexts.append(context)
		page = context.new_page()
		if user:
			response = page.request.post("/api/method/login", form={"usr": user, "pwd": PASSWORD})
			assert response.ok, response.text()
		return page

	yield open_as
	for context in contexts:
		context.close()


def check_accessibility(page, label: str):
	page.add_script_tag(path=AXE_JS)
	violations = page.evaluate(
		"""async (tags) => {
			const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
			return result.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
		}""",
		WCAG,
	)
	assert violations == [], f"{label}: {violations}"


# The builders' portal users speak French (n2w_mentoring.demo.builders.make_user): the labels are French.


def test_guest_logs_in_through_the_portals_login_page(browser, server, duo):
	"""With JavaScript: the form goes to Frappe's /api/method/login, then to the page asked for."""
	context = browser.new_context(viewport=PHONE, base_url=server, locale="fr-BE")
	try:
		page = context.new_page()
		page.goto(f"/mentoring/duo?name={duo.name}")
		assert "/mentoring/login?redirect-to=" in page.url
		check_accessibility(page, "login page")
		page.get_by_label("E-mail").fill(duo.mentee)
		page.get_by_label("Mot de passe").fill("not-the-password")
		with page.expect_response("**/api/method/login") as answer:
			page.get_by_role("button", name="Se connecter").click()
		assert answer.value.status == 401
		error = page.locator("[data-n2w-answer].error")
		error.wait_for()
		assert error.inner_text() == "Adresse e-mail ou mot de passe incorrect."
		assert "/mentoring/login" in page.url and page.get_by_label("E-mail").input_value() == duo.mentee
		check_accessibility(page, "login page with an error")
		page.get_by_label("Mot de passe").fill(PASSWORD)
		page.get_by_role("button", name="Se connecter").click()
		page.wait_for_url(f"**/mentoring/duo?name={duo.name}")
		assert page.get_by_role("heading", level=1).inner_text().startswith("Duo avec")
	finally:
		context.close()
	frappe.cache.hdel("login_failed_count", duo.mentee)


def test_login_never_sends_the_browser_to_another_site(browser, server, duo):
	context = browser.new_context(viewport=PHONE, base_url=server)
	try:
		page = context.new_page()
		page.goto("/mentoring/login?redirect-to=https://evil.example")
		page.locator("#login-email").fill(duo.mentor)
		page.locator("#login-password").fill(PASSWORD)
		page.locator("#login-form button[type=submit]").click()
		page.wait_for_url(f"{server}/mentoring")
		assert page.url == f"{server}/mentoring"
	finally:
		context.close()


def test_login_hands_a_second_factor_over_to_frappes_login(browser, server, world):
	"""Two-factor authentication on: the light page sends the person on to Frappe's /login."""
	from frappe.twofactor import set_default

	user = frappe.db.get_value("Mentee", world.mentee(with_user=True), "user")
	method = frappe.db.get_single_value("System Settings", "two_factor_method")
	set_default(user + "_otplogin", 1)  # an authenticator app already set up: no e-mail to send
	frappe.db.set_value("Role", "Mentee", "two_factor_auth", 1)
	settings = {"two_factor_method": "OTP App", "enable_two_factor_auth": 1}
	for field, value in settings.items():
		frappe.db.set_single_value("System Settings", field, value)
	frappe.db.commit()
	frappe.clear_document_cache("System Settings", "System Settings")
	context = browser.new_context(viewport=PHONE, base_url=server)
	try:
		page = context.new_page()
		page.goto("/mentoring/login?redirect-to=/mentoring/calendar")
		page.locator("#login-email").fill(user)
		page.locator("#login-password").fill(PASSWORD)
		page.locator("#login-form button[type=submit]").click()
		link = page.locator("[data-n2w-answer] a")
		link.wait_for()
		assert link.get_attribute("href") == "/login?redirect-to=%2Fmentoring%2Fcalendar"
		assert "/mentoring/login" in page.url
	finally:
		context.close()
		frappe.db.set_value("Role", "Mentee", "two_factor_auth", 0)
		frappe.db.set_single_value("System Settings", "enable_two_factor_auth", 0)
		frappe.db.set_single_value("System Settings", "two_factor_method", method)
		frappe.db.commit()
		frappe.clear_document_cache("System Settings", "System Settings")


def test_mentor_opening_another_duo_is_refused(as_user, duo):
	page = as_user(duo.mentor)
	response = page.goto(f"/mentoring/duo?name={duo.other}")
	assert response.status == 403
	assert page.get_by_role("heading", level=1).inner_text() == "Non autorisé"
	check_accessibility(page, "403 page")
	response = page.goto("/mentoring/no-such-page")
	assert response.status == 404
	assert page.get_by_role("heading", level=1).inner_text() == "Page introuvable"
	check_accessibility(page, "404 page")


def test_mentor_logs_a_meeting_and_sees_it(as_user, duo):
	page = as_user(duo.mentor)
	page.goto("/mentoring")
	check_accessibility(page, "home")
	page.get_by_role("link", name="Noter une rencontre").first.click()
	page.wait_for_url("**/mentoring/meeting?duo=*")
	check_accessibility(page, "meeting form")
	page.get_by_label("Durée (minutes)").fill("45")
	page.get_by_role("checkbox", name="Préparer un CV").check()
	page.get_by_label("Résumé").fill("Premier point sur le CV")
	page.get_by_role("button", name="Enregistrer la rencontre").click()
	page.wait_for_url("**/mentoring/duo?name=*saved=*")
	saved = page.locator("#saved-meeting")
	assert saved.is_visible() and "45" in saved.inner_text()
	check_accessibility(page, "duo page")
	frappe.db.rollback()
	assert frappe.db.count("Meeting", {"duo": duo.name, "summary": "Premier point sur le CV"}) == 1


def test_invalid_meeting_shows_the_error_and_saves_nothing(as_user, duo):
	page = as_user(duo.mentor)
	before = frappe.db.count("Meeting", {"duo": duo.name})
	page.goto(f"/mentoring/meeting?duo={duo.name}")
	page.get_by_label("Durée (minutes)").fill("180")
	page.get_by_label("Résumé").fill("Une très longue rencontre")
	page.get_by_role("button", name="Enregistrer la rencontre").click()
	error = page.locator(".n2w-message.error")
	error.wait_for()
	assert "90" in error.inner_text()
	assert page.get_by_label("Résumé").input_value() == "Une très longue rencontre"
	assert "/mentoring/meeting" in page.url
	check_accessibility(page, "meeting form with an error")
	frappe.db.rollback()
	assert frappe.db.count("Meeting", {"duo": duo.name}) == before


def test_mentee_reads_the_plan(as_user, duo):
	page = as_user(duo.mentee)
	page.goto(f"/mentoring/duo?name={duo.name}")
	page.get_by_role("link", name="Plan d'action").click()
	page.wait_for_url("**/mentoring/plan?duo=*")
	assert page.get_by_role("heading", name="Préparer un CV adapté au marché belge").is_visible()
	check_accessibility(page, "action plan")
	for path in (f"/mentoring/convention?duo={duo.name}", "/mentoring/calendar"):
		page.goto(path)
		check_accessibility(page, path)


def test_partner_sees_its_mentors_and_no_mentee_data(as_user, duo, world):
	page = as_user(world.partner)
	page.goto("/mentoring/partner")
	text = page.locator(".n2w").inner_text()
	assert duo.mentor_name in text
	assert duo.mentee_name not in page.content()
	check_accessibility(page, "partner page")


@pytest.mark.parametrize("path", ["/mentoring/volunteer", "/mentoring/apply"])
def test_public_forms_are_accessible(as_user, path):
	page = as_user(None)
	page.goto(path)
	assert page.get_by_role("button").last.is_visible()
	check_accessibility(page, path)


# --- Right to left -----------------------------------------------------------------------------------

# The mentee's pages in a right-to-left language (and one left-to-right one), with the consent asked
# again for a new privacy notice. N2W_SCREENSHOTS=<folder> keeps a phone-sized screenshot of each
# (docs/screenshots/ holds the ones the documentation shows).
MENTEE_PAGES = (
	("home", "/mentoring"),
	("meeting", "/mentoring/meeting?duo={duo}"),
	("calendar", "/mentoring/calendar"),
)


# Ukrainian and Tigrinya (left to right) only when taking the documentation's screenshots: CI checks the two
# right-to-left languages.
LANGUAGES = [("ar", "rtl"), ("fa-AF", "rtl")] + (
	[("uk", "ltr"), ("ti", "ltr")] if os.environ.get("N2W_SCREENSHOTS") else []
)


@pytest.mark.parametrize("lang, direction", LANGUAGES)
def test_the_mentees_pages_read_in_their_language_and_direction(as_user, duo, lang, direction):
	programme = frappe.db.get_value("Mentee", {"user": duo.mentee}, "programme")
	version = frappe.db.get_value("Mentoring Programme", programme, "consent_notice_version")
	frappe.db.set_value("User", duo.mentee, "language", lang)
	frappe.db.set_value("Mentoring Programme", programme, "consent_notice_version", "2099-01")
	frappe.db.commit()
	shots = os.environ.get("N2W_SCREENSHOTS")
	try:
		page = as_user(duo.mentee)
		for name, path in MENTEE_PAGES:
			page.goto(path.format(duo=duo.name))
			assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
				lang,
				direction,
			], name
			check_accessibility(page, f"{name} in {lang}")
			if direction == "rtl":
				# The page's start is on the right: the heading ends at the right edge of the text column.
				box = page.locator("h1").bounding_box()
				assert box["x"] + box["width"] > PHONE["width"] - 40, name
			if shots:
				page.screenshot(path=f"{shots}/portal-{name}-{lang}.png", full_page=True)
		guest = as_user(None)
		guest.goto(f"/mentoring/apply?_lang={lang}")
		assert guest.evaluate("document.documentElement.dir") == direction
		check_accessibility(guest, f"apply form in {lang}")
		if shots:
			guest.locator("details.n2w-hint").last.evaluate("d => d.open = true")
			guest.screenshot(path=f"{shots}/portal-apply-{lang}.png", full_page=True)
	finally:
		frappe.db.set_value("User", duo.mentee, "language", "fr")
		frappe.db.set_value("Mentoring Programme", programme, "consent_notice_version", version)
		frappe.db.commit()
