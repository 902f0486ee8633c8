"""Screenshots of the portal at phone width (390×844), from a served site holding the demo programme.

    bench --site SITE n2w-mentoring demo
    python docs/screenshots/portal_screenshots.py http://SITE:8000

Needs Python playwright and a Chromium (``N2W_CHROMIUM``, default /usr/bin/chromium). Writes
docs/screenshots/portal-*.png next to this file.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
PASSWORD = "Demo-N2W-2026!"
MENTOR = "claire.dubois@demo.n2w.example"
MENTEE = "amina.haddad@demo.n2w.example"
PARTNER = "isabelle.lemaire@demo.n2w.example"
ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
]


def shoot(browser, base: str, user: str | None, shots: list[tuple[str, str]], action=None):
	context = browser.new_context(
		viewport={"width": 390, "height": 844}, base_url=base, device_scale_factor=1, locale="fr-BE"
	)
	page = context.new_page()
	if user:
		page.request.post("/api/method/login", form={"usr": user, "pwd": PASSWORD})
	for name, path in shots:
		if "{duo}" in path:
			page.goto("/mentoring")
			duo = re.search(r"duo\?name=([\w-]+)", page.content()).group(1)
			path = path.format(duo=duo)
		page.goto(path)
		if action and name in action:
			action[name](page)
		page.screenshot(path=str(HERE / f"portal-{name}.png"), full_page=True)
		print("portal-" + name + ".png")
	context.close()


def open_all_details(page):
	page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def invalid_meeting(page):
	page.locator("#meeting-duration").fill("120")
	page.locator("#meeting-summary").fill("Visite de l'atelier et préparation de l'entretien.")
	page.locator("button[type=submit]").click()
	page.locator(".n2w-message.error").wait_for()


def main(base: str):
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(
			executable_path=os.environ.get("N2W_CHROMIUM", "/usr/bin/chromium"), args=ARGS
		)
		shoot(
			browser,
			base,
			MENTOR,
			[
				("home", "/mentoring"),
				("duo", "/mentoring/duo?name={duo}"),
				("meeting", "/mentoring/meeting?duo={duo}"),
				("meeting-error", "/mentoring/meeting?duo={duo}"),
				("calendar", "/mentoring/calendar"),
			],
			action={"meeting-error": invalid_meeting},
		)
		shoot(
			browser,
			base,
			MENTEE,
			[("plan", "/mentoring/plan?duo={duo}"), ("convention", "/mentoring/convention?duo={duo}")],
		)
		shoot(browser, base, PARTNER, [("partner", "/mentoring/partner")])
		shoot(
			browser,
			base,
			None,
			[("volunteer", "/mentoring/volunteer"), ("apply", "/mentoring/apply?for=referral")],
		)
		browser.close()


if __name__ == "__main__":
	main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
