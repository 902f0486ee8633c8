"""What the portal's pages weigh on a phone, and how long they take to become usable on a slow line.

    bench --site SITE n2w-mentoring demo
    cd $BENCH/sites && ../env/bin/python /path/to/n2w_mentoring/benchmarks/bench_portal_weight.py SITE

Serves the site on a loopback port (werkzeug, with /assets, every text response gzip-compressed at
level 6 as nginx sends it), then drives a headless Chromium (playwright; ``N2W_CHROMIUM``, default
/usr/bin/chromium) logged in as the demo's mentor, mentee and partner contact, and as a guest:

- weight: every portal page opened with a cold cache (a new browser context), and each one again as
  the next page of a visit. Bytes are counted as a production server sends them: the gzip size
  (level 6) of every text response's body, the body itself for fonts and images; a next page counts
  its HTML and whatever it fetches that the visit had not fetched yet.
- throttled time to interactive of the home page and of the log-a-meeting page, cold cache, under
  Chromium's network emulation (400 kbit/s both ways, 400 ms latency): the moment the document's
  scripts have run (DOMContentLoaded: the forms answer from then on) and its load event, median of
  ``--repeat`` runs.

The weighing functions are also what tests/integration/test_portal_weight.py holds to the budgets.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

CHROMIUM = os.environ.get("N2W_CHROMIUM", "/usr/bin/chromium")
ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
]
PHONE = {"width": 390, "height": 844}
# Budgets, in gzip-compressed bytes.
FIRST_VISIT_BUDGET = 150 * 1024
NEXT_PAGE_BUDGET = 20 * 1024
# Already compressed: counted as they are.
COMPRESSED = ("font/woff2", "font/woff", "image/png", "image/jpeg", "image/webp", "image/gif")
# Chromium's network emulation for the timings: 400 kbit/s, 400 ms latency.
THROTTLE = {
	"offline": False,
	"latency": 400,
	"downloadThroughput": 400_000 / 8,
	"uploadThroughput": 400_000 / 8,
}

DEMO_PASSWORD = "Demo-N2W-2026!"
DEMO_MENTOR = "claire.dubois@demo.n2w.example"
DEMO_MENTEE = "amina.haddad@demo.n2w.example"
DEMO_PARTNER = "isabelle.lemaire@demo.n2w.example"


def gzip_size(body: bytes) -> int:
	return len(gzip.compress(body, compresslevel=6, mtime=0))


def wire_size(content_type: str, body: bytes) -> int:
	"""The bytes a production server sends for this body: gzip level 6 unless already compressed."""
	if content_type.split(";")[0].strip().lower() in COMPRESSED:
		return len(body)
	return gzip_size(body)


@dataclass
class Resource:
	url: str
	kind: str
	raw: int
	wire: int
	status: int = 200


@dataclass
class PageWeight:
	path: str
	html: Resource | None = None
	others: list[Resource] = field(default_factory=list)

	@property
	def total(self) -> int:
		return (self.html.wire if self.html else 0) + sum(r.wire for r in self.others)

	@property
	def raw(self) -> int:
		return (self.html.raw if self.html else 0) + sum(r.raw for r in self.others)


def new_context(browser, base: str, user: str | None, password: str):
	"""A fresh browser context (an empty cache), logged in as ``user`` unless None."""
	context = browser.new_context(viewport=PHONE, base_url=base)
	if user:
		response = context.request.post("/api/method/login", form={"usr": user, "pwd": password})
		assert response.ok, response.text()
	return context


def load(page, path: str, seen: set[str], action=None) -> PageWeight:
	"""Open ``path`` in ``page`` (or run ``action``, which leads there) and weigh what it fetched
	that ``seen`` (the visit so far) did not."""
	responses = []

	def collect(response):
		responses.append(response)

	page.on("response", collect)
	try:
		if action:
			action()
		else:
			page.goto(path, wait_until="load")
		page.wait_for_load_state("networkidle")
	finally:
		page.remove_listener("response", collect)
	weight = PageWeight(path)
	for response in responses:
		url = response.url
		if url.startswith("data:") or response.status in (301, 302, 303, 304, 307, 308):
			continue
		is_document = (
			response.request.resource_type == "document" and response.request.frame == page.main_frame
		)
		if url in seen and not is_document:
			continue
		try:
			body = response.body()
		except Exception:
			continue
		kind = response.headers.get("content-type", "")
		resource = Resource(url, kind, len(body), wire_size(kind, body), response.status)
		seen.add(url)
		if is_document and weight.html is None:
			weight.html = resource
		else:
			weight.others.append(resource)
	return weight


def weigh(browser, base: str, user: str | None, paths: list[str], password: str):
	"""Each path opened with a cold cache, and the paths one after the other as a visit:
	(first-visit weights, next-page weights of paths[1:])."""
	cold = []
	for path in paths:
		context = new_context(browser, base, user, password)
		try:
			cold.append(load(context.new_page(), path, set()))
		finally:
			context.close()
	visit = []
	context = new_context(browser, base, user, password)
	try:
		page, seen = context.new_page(), set()
		for path in paths:
			visit.append(load(page, path, seen))
	finally:
		context.close()
	return cold, visit[1:]


def weigh_login(browser, base: str, user: str, password: str, target: str = "/mentoring"):
	"""The real first page of a visit: the portal's login page, cold cache, as a guest sent there;
	then ``target`` after logging in through it, as the next page (the login's answer counted in).
	(login page weight, next page weight)"""
	context = browser.new_context(viewport=PHONE, base_url=base)
	try:
		page, seen = context.new_page(), set()
		first = load(page, "/mentoring/login?" + urlencode({"redirect-to": target}), seen)
		page.locator("#login-email").fill(user)
		page.locator("#login-password").fill(password)

		def log_in():
			page.locator("#login-form button[type=submit]").click()
			page.wait_for_url(base + target, wait_until="load")

		return first, load(page, target, seen, action=log_in)
	finally:
		context.close()


def throttled_timings(browser, base: str, user: str | None, path: str, password: str) -> tuple[float, float]:
	"""(interactive, loaded) in ms for ``path`` opened cold on the emulated slow line."""
	context = new_context(browser, base, user, password)
	try:
		page = context.new_page()
		cdp = context.new_cdp_session(page)
		cdp.send("Network.enable")
		cdp.send("Network.emulateNetworkConditions", THROTTLE)
		page.goto(path, wait_until="load", timeout=180_000)
		timing = page.evaluate(
			"""() => { const n = performance.getEntriesByType("navigation")[0];
			return [n.domContentLoadedEventEnd, n.loadEventEnd]; }"""
		)
		return timing[0], timing[1]
	finally:
		context.close()


def kb(n: int) -> str:
	return f"{n / 1024:.1f} KB"


# --- Serving the site, gzip-compressed -----------------------------------------------------------

GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def gzip_middleware(app):
	"""What nginx's ``gzip on`` does for the text responses of a bench (level 6)."""
	from werkzeug.wrappers import Request, Response

	def wrapped(environ, start_response):
		request = Request(environ)
		response = Response.from_app(app, environ)
		kind = (response.headers.get("Content-Type") or "").lower()
		if (
			"gzip" in request.headers.get("Accept-Encoding", "")
			and response.status_code == 200
			and kind.startswith(GZIP_TYPES)
			and "Content-Encoding" not in response.headers
		):
			response.direct_passthrough = False
			response.set_data(gzip.compress(response.get_data(), compresslevel=6))
			response.headers["Content-Encoding"] = "gzip"
			response.headers["Vary"] = "Accept-Encoding"
		return response(environ, start_response)

	return wrapped


def serve(site: str, sites_path: str, port: int):
	import logging

	import frappe.app
	from werkzeug.serving import make_server

	logging.getLogger("werkzeug").setLevel(logging.ERROR)

	frappe.app._site, frappe.app._sites_path = site, sites_path
	server = make_server(
		"127.0.0.1", port, gzip_middleware(frappe.app.application_with_statics()), threaded=True
	)
	threading.Thread(target=server.serve_forever, daemon=True).start()
	return server


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("site")
	parser.add_argument("--sites-path", default=os.getcwd())
	parser.add_argument("--port", type=int, default=8124)
	parser.add_argument("--repeat", type=int, default=3)
	parser.add_argument("--no-timings", action="store_true")
	args = parser.parse_args()

	import requests
	from playwright.sync_api import sync_playwright

	server = serve(args.site, args.sites_path, args.port)
	base = f"http://127.0.0.1:{args.port}"
	for _ in range(100):
		try:
			if requests.get(f"{base}/api/method/ping", timeout=2).ok:
				break
		except requests.ConnectionError:
			time.sleep(0.2)
	session = requests.Session()
	session.post(f"{base}/api/method/login", data={"usr": DEMO_MENTOR, "pwd": DEMO_PASSWORD}, timeout=30)
	duo = re.search(r"duo\?name=([\w-]+)", session.get(f"{base}/mentoring", timeout=30).text).group(1)
	visits = [
		(
			"mentor",
			DEMO_MENTOR,
			[
				"/mentoring",
				f"/mentoring/duo?name={duo}",
				f"/mentoring/meeting?duo={duo}",
				"/mentoring/calendar",
			],
		),
		(
			"mentee",
			DEMO_MENTEE,
			["/mentoring", f"/mentoring/plan?duo={duo}", f"/mentoring/convention?duo={duo}"],
		),
		("partner", DEMO_PARTNER, ["/mentoring", "/mentoring/partner"]),
		("guest", None, ["/mentoring/volunteer", "/mentoring/apply"]),
	]
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
		print(f"{'page':<40} {'as':<8} {'first visit':>12} {'(raw)':>10} {'as next page':>13}")
		for label, user, paths in visits:
			cold, following = weigh(browser, base, user, paths, DEMO_PASSWORD)
			following = [None, *following]
			for first, next_page in zip(cold, following, strict=True):
				shown = re.sub(r"=[\w-]+", "=…", first.path)
				print(
					f"{shown:<40} {label:<8} {kb(first.total):>12} {kb(first.raw):>10} "
					f"{kb(next_page.total) if next_page else '—':>13}"
				)
				for r in [first.html, *first.others]:
					if r:
						print(f"    {kb(r.wire):>10} {kb(r.raw):>10}  {r.url.replace(base, '')[:90]}")
		for label, user in (("mentor", DEMO_MENTOR), ("mentee", DEMO_MENTEE), ("partner", DEMO_PARTNER)):
			first, home = weigh_login(browser, base, user, DEMO_PASSWORD)
			print(
				f"{'/mentoring/login, then /mentoring':<40} {label:<8} {kb(first.total):>12} "
				f"{kb(first.raw):>10} {kb(home.total):>13}"
			)
		for label, path in (("403", f"/mentoring/duo?name={duo}"), ("404", "/mentoring/no-such-page")):
			error = weigh(browser, base, DEMO_PARTNER if label == "403" else None, [path], DEMO_PASSWORD)[0][
				0
			]
			print(
				f"{path.split('?')[0] + ' (' + label + ')':<40} {'partner' if label == '403' else 'guest':<8} "
				f"{kb(error.total):>12} {kb(error.raw):>10} {'—':>13}"
			)
		if not args.no_timings:
			print(f"\nThrottled (400 kbit/s, 400 ms latency), cold cache, median of {args.repeat}:")
			for label, path in (("home", "/mentoring"), ("log a meeting", f"/mentoring/meeting?duo={duo}")):
				runs = [
					throttled_timings(browser, base, DEMO_MENTOR, path, DEMO_PASSWORD)
					for _ in range(args.repeat)
				]
				interactive = statistics.median(r[0] for r in runs)
				loaded = statistics.median(r[1] for r in runs)
				print(f"{label:<16} interactive {interactive / 1000:6.2f} s   loaded {loaded / 1000:6.2f} s")
		browser.close()
	server.shutdown()


if __name__ == "__main__":
	sys.exit(main())
