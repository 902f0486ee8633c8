"""Screenshots of matching in the desk (1280×860), from a served site holding the demo programme.

    bench --site SITE n2w-mentoring demo
    python docs/screenshots/matching_screenshots.py http://SITE:8000

Needs Python playwright and a Chromium (``N2W_CHROMIUM``, default /usr/bin/chromium). Writes
docs/screenshots/desk-suggest-mentors.png, desk-why-not.png and desk-cohort-proposal.png, as the
demo's coordinator (whose desk speaks French).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
PASSWORD = "Demo-N2W-2026!"
COORDINATOR = "camille.martin@demo.n2w.example"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def mentee(page, email: str) -> str:
	return page.evaluate(
		"""async (email) => (await frappe.db.get_value("Mentee", {email}, "name")).message.name""", email
	)


def open_form(page, email: str):
	page.goto("/app/mentee")
	page.wait_for_function("() => window.frappe && frappe.db")
	page.goto(f"/app/mentee/{mentee(page, email)}")
	page.wait_for_selector(".page-actions .btn", state="visible")
	page.wait_for_timeout(800)


def main(base: str) -> None:
	with sync_playwright() as p:
		browser = p.chromium.launch(
			executable_path=os.environ.get("N2W_CHROMIUM", "/usr/bin/chromium"), args=ARGS
		)
		context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=base, locale="fr-BE")
		page = context.new_page()
		page.request.post("/api/method/login", form={"usr": COORDINATOR, "pwd": PASSWORD})

		open_form(page, "jean-paul.mukendi@demo.n2w.example")
		page.get_by_role("button", name="Suggérer des mentors").click()
		page.wait_for_selector(".modal.show table")
		page.wait_for_timeout(500)
		page.screenshot(path=HERE / "desk-suggest-mentors.png")

		open_form(page, "esther.nkulu@demo.n2w.example")
		page.get_by_role("button", name="Pourquoi pas ce mentor ?").click()
		page.wait_for_selector(".modal.show input[data-fieldname='other']")
		page.locator(".modal.show input[data-fieldname='other']").press_sequentially("Nathalie", delay=80)
		page.get_by_text("Nathalie Jacquet", exact=True).first.wait_for()
		page.get_by_text("Nathalie Jacquet", exact=True).first.click()
		page.wait_for_selector(".modal.show table")
		page.wait_for_timeout(500)
		page.screenshot(path=HERE / "desk-why-not.png")

		page.goto("/app/duo")
		page.wait_for_selector(".page-actions .btn", state="visible")
		# Without background workers: the job's result is the proposal, asked for directly.
		proposal = page.request.get("/api/method/n2w_mentoring.api.matching.cohort_proposal").json()[
			"message"
		]
		page.route(
			"**/api/method/n2w_mentoring.jobs.start*",
			lambda route: route.fulfill(json={"message": "screenshot"}),
		)
		page.route(
			"**/api/method/n2w_mentoring.jobs.result*",
			lambda route: route.fulfill(json={"message": {"done": True, "result": proposal}}),
		)
		page.get_by_role("button", name="Proposition pour la cohorte").click()
		page.wait_for_selector(".modal.show table")
		page.wait_for_timeout(1000)
		page.evaluate("() => $('.modal.show').has('.progress').modal('hide')")
		page.wait_for_timeout(800)
		page.screenshot(path=HERE / "desk-cohort-proposal.png")
		browser.close()


if __name__ == "__main__":
	main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
