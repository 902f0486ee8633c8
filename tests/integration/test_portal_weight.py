"""The portal stays light enough for a prepaid phone: every portal page, opened in a real headless
Chromium with a cold cache, weighs at most 150 KB in all (gzip-compressed, as a production server
sends it), and as the next page of a visit at most 20 KB of HTML plus what it fetches that the visit
had not fetched yet. The weighing is benchmarks/bench_portal_weight.py's (docs/performance.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import frappe
import pytest
from frappe.utils import add_days, today
from support import PASSWORD, login, report

from n2w_mentoring.demo import builders as b

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_portal_weight import (
	ARGS,
	CHROMIUM,
	FIRST_VISIT_BUDGET,
	NEXT_PAGE_BUDGET,
	kb,
	weigh,
)

try:
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None


def missing(what: str) -> None:
	"""Under CI a missing browser tool is a failure; on a developer's machine a listed skip (-rs)."""
	message = f"PORTAL WEIGHT TEST CANNOT RUN: {what}"
	if os.environ.get("CI"):
		pytest.fail(message, pytrace=False)
	pytest.skip(message, allow_module_level=True)


if sync_playwright is None:
	missing("the Python package playwright is not installed (pip install playwright)")
if not Path(CHROMIUM).exists():
	missing(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set N2W_CHROMIUM)")


@pytest.fixture(scope="module")
def visits(world):
	"""Each portal role's pages, in the order a visit goes through them."""
	mentor = world.mentor(with_user=True, organisation=world.organisation)
	active = b.start_duo(world.mentee(with_user=True), mentor, add_days(today(), -20))
	b.make_action_plan(
		active.name, [{"objective": "Préparer un CV adapté au marché belge", "axis": "Technical"}]
	)
	frappe.db.commit()
	duo = active.name
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


def test_every_portal_page_stays_within_its_budgets(server, visits):
	over = []
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
		try:
			for label, user, paths in visits:
				cold, following = weigh(browser, server, user, paths, PASSWORD)
				for weight in cold:
					report(
						f"portal weight: {weight.path.split('?')[0]} as {label}, first visit {kb(weight.total)}"
					)
					if weight.total > FIRST_VISIT_BUDGET or weight.html is None:
						over.append((weight.path, label, "first visit", kb(weight.total), weight.others))
				for weight in following:
					report(
						f"portal weight: {weight.path.split('?')[0]} as {label}, next page {kb(weight.total)}"
					)
					if weight.total > NEXT_PAGE_BUDGET or weight.html is None:
						over.append((weight.path, label, "next page", kb(weight.total), weight.others))
		finally:
			browser.close()
	assert over == [], over


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
