"""Time the portal's pages as a served site answers them, logged in as the demo's portal users.

    bench --site SITE n2w-mentoring demo
    bench --site SITE serve --port 8000        # or tests/integration/serve.py SITE SITES_PATH 8000
    python benchmarks/bench_portal.py http://SITE:8000 [--repeat 50]

Each page is requested a few times to warm up, then ``--repeat`` times one after the other; the
figures are wall-clock times of the whole request on the same machine (login cookies sent, the full
HTML read), printed as p50 and p95 per page.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

import requests

PASSWORD = "Demo-N2W-2026!"
MENTOR = "claire.dubois@demo.n2w.example"
MENTEE = "amina.haddad@demo.n2w.example"
PARTNER = "isabelle.lemaire@demo.n2w.example"
WARM_UP = 3


def session_for(base: str, user: str | None) -> requests.Session:
	session = requests.Session()
	if user:
		response = session.post(f"{base}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30)
		response.raise_for_status()
	return session


def percentile(values: list[float], share: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_page(session: requests.Session, url: str, repeat: int) -> list[float]:
	for _ in range(WARM_UP):
		session.get(url, timeout=30).raise_for_status()
	times = []
	for _ in range(repeat):
		start = time.perf_counter()
		response = session.get(url, timeout=30)
		response.raise_for_status()
		times.append((time.perf_counter() - start) * 1000)
	return times


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
	parser.add_argument("--repeat", type=int, default=50)
	args = parser.parse_args()
	base = args.base.rstrip("/")

	mentor = session_for(base, MENTOR)
	home = mentor.get(f"{base}/mentoring", timeout=30).text
	duo = re.search(r"duo\?name=([\w-]+)", home).group(1)
	pages = [
		(MENTOR, mentor, "/mentoring"),
		(MENTOR, mentor, f"/mentoring/duo?name={duo}"),
		(MENTOR, mentor, f"/mentoring/meeting?duo={duo}"),
		(MENTOR, mentor, "/mentoring/calendar"),
		(MENTEE, session_for(base, MENTEE), f"/mentoring/plan?duo={duo}"),
		(MENTEE, session_for(base, MENTEE), f"/mentoring/convention?duo={duo}"),
		(PARTNER, session_for(base, PARTNER), "/mentoring/partner"),
		("guest", session_for(base, None), "/mentoring/volunteer"),
		("guest", session_for(base, None), "/mentoring/apply"),
	]
	print(f"{'page':<42} {'as':<8} {'p50 ms':>8} {'p95 ms':>8}")
	worst = 0.0
	for user, session, path in pages:
		times = time_page(session, base + path, args.repeat)
		p95 = percentile(times, 0.95)
		worst = max(worst, p95)
		print(f"{path:<42} {user.split('.')[0]:<8} {statistics.median(times):8.1f} {p95:8.1f}")
	print(f"worst p95: {worst:.1f} ms over {args.repeat} requests a page")


if __name__ == "__main__":
	main()
