"""The portal stays light enough for a prepaid phone: every portal page, opened in a real headless
Chromium with a cold cache, weighs at most 150 KB in all (gzip-compressed, as a production server
sends it), and as the next page of a visit at most 20 KB of HTML plus what it fetches that the visit
had not fetched yet. The weighing is benchmarks/bench_portal_weight.py's (docs/performance.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import frappe
import pytest
from frappe.utils import add_days, today
from support import PASSWORD, login, missing_browser_tool, report

from n2w_mentoring.demo import builders as b

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_portal_weight import (
	ARGS,
	CHROMIUM,
	FIRST_VISIT_BUDGET,
	NEXT_PAGE_BUDGET,
	PHONE,
	kb,
	weigh,
	weigh_login,
)

try:
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None


def missing(what: str) -> None:
	missing_browser_tool("PORTAL WEIGHT TEST", what)


if sync_playwright is None:
	missing("the Python package playwright is not installed (pip install playwright)")
if not Path(CHROMIUM).exists():
	missing(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set N2W_CHROMIUM)")


# The error pages weighed with the others, and the status each must answer (any other page: 200).
EXPECTED_STATUS = {"/mentoring/no-such-page": 404}


@pytest.fixture(scope="module")
def visits(world):
	"""Each portal role's pages, in the order a visit goes through them."""
	mentor = world.mentor(with_user=True, organisation=world.organisation)
	active = b.start_duo(world.mentee(with_user=True), mentor, add_days(today(), -20))
	b.make_action_plan(
		active.name, [{"objective": "Préparer un CV adapté au marché belge", "axis": "Technical"}]
	)
	other = b.start_duo(world.mentee(), world.mentor(), add_days(today(), -20))
	frappe.db.commit()
	duo = active.name
	EXPECTED_STATUS[f"/mentoring/duo?name={other.name}"] = 403
	mentor_user = frappe.db.get_value("Mentor", active.mentor, "user")
	mentee_user = frappe.db.get_value("Mentee", active.mentee, "user")
	return [
		(
			"mentor",
			mentor_user,
			[
				"/mentoring",
				f"/mentoring/duo?name={duo}",
				f"/mentoring/meeting?duo={duo}",
				"/mentoring/calendar",
				# The error pages: someone else's duo (403), a page that does not exist (404).
				f"/mentoring/duo?name={other.name}",
				"/mentoring/no-such-page",
			],
		),
		(
			"mentee",
			mentee_user,
			["/mentoring", f"/mentoring/plan?duo={duo}", f"/mentoring/convention?duo={duo}"],
		),
		("partner", world.partner, ["/mentoring", "/mentoring/partner"]),
		("guest", None, ["/mentoring/volunteer", "/mentoring/apply"]),
	]


@pytest.fixture(scope="module")
def browser():
	with sync_playwright() as playwright:
		chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
		yield chromium
		chromium.close()


def test_every_portal_page_stays_within_its_budgets(browser, server, visits):
	over = []
	for label, user, paths in visits:
		cold, following = weigh(browser, server, user, paths, PASSWORD)
		for when, weights, budget in (
			("first visit", cold, FIRST_VISIT_BUDGET),
			("next page", following, NEXT_PAGE_BUDGET),
		):
			for weight in weights:
				status = weight.html.status if weight.html else None
				shown = weight.path.split("?")[0] + ("" if status == 200 else f" ({status})")
				report(f"portal weight: {shown} as {label}, {when} {kb(weight.total)}")
				if weight.total > budget or status != EXPECTED_STATUS.get(weight.path, 200):
					over.append((weight.path, label, when, kb(weight.total), weight.others))
	assert over == [], over


def test_the_login_page_as_the_first_page_of_a_visit(browser, server, visits):
	"""A guest sent to the portal's login page (cold cache), then the home page once logged in."""
	over = []
	for label, user, _paths in visits[:3]:
		first, home = weigh_login(browser, server, user, PASSWORD)
		for what, weight, budget in (
			("/mentoring/login, first visit", first, FIRST_VISIT_BUDGET),
			("/mentoring after logging in, next page", home, NEXT_PAGE_BUDGET),
		):
			report(f"portal weight: {what} as {label} {kb(weight.total)}")
			if weight.total > budget or weight.html is None:
				over.append((what, label, kb(weight.total), weight.others))
	assert over == [], over


def test_without_javascript_the_pages_read_and_a_meeting_is_logged(browser, server, visits):
	"""A phone with JavaScript off: the pages show everything, the meeting form is a plain POST."""
	_label, user, paths = visits[0]
	duo = paths[1].split("=")[1]
	context = browser.new_context(viewport=PHONE, base_url=server, java_script_enabled=False)
	try:
		assert context.request.post("/api/method/login", form={"usr": user, "pwd": PASSWORD}).ok
		page = context.new_page()
		page.goto("/mentoring")
		assert page.locator(f'a[href="/mentoring/duo?name={duo}"]').is_visible()
		page.goto(f"/mentoring/meeting?duo={duo}")
		page.locator("#meeting-duration").fill("150")
		page.locator("#meeting-summary").fill("Sans JavaScript")
		page.locator("#meeting-form button[type=submit]").click()
		page.wait_for_load_state()
		assert "90" in page.locator(".n2w-message.error").first.inner_text()
		assert page.locator("#meeting-summary").input_value() == "Sans JavaScript"
		page.locator("#meeting-duration").fill("45")
		page.locator("#meeting-form button[type=submit]").click()
		page.wait_for_url("**/mentoring/duo?name=*saved=*")
		assert "45" in page.locator("#saved-meeting").inner_text()
	finally:
		context.close()
	frappe.db.rollback()
	assert frappe.db.count("Meeting", {"duo": duo, "summary": "Sans JavaScript"}) == 1


def test_the_page_frame_takes_the_users_language_and_direction(server, world):
	"""<html lang dir> follow the user's language: a right-to-left language needs nothing more."""
	french = frappe.db.get_value("Mentee", world.mentee(with_user=True), "user")
	arabic = frappe.db.get_value("Mentee", world.mentee(with_user=True), "user")
	frappe.db.set_value("User", arabic, "language", "ar")
	frappe.db.commit()
	page = login(server, french).get(f"{server}/mentoring", timeout=15).text
	assert '<html lang="fr" dir="ltr">' in page
	page = login(server, arabic).get(f"{server}/mentoring", timeout=15).text
	assert '<html lang="ar" dir="rtl">' in page
	# The frame brings nothing of the host's website bundles, icon sprite or web font.
	for heavy in ("frappe-web.bundle", "website.bundle", "<symbol", "InterVariable", "file_uploader"):
		assert heavy not in page, heavy
