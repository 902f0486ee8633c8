"""Throughput and p95 of the portal's main pages and of logging a meeting under concurrent load, at
1x and 10x side by side in one run.

Run with the bench's Python from the bench's sites folder, one site per size filled by the
generator (``bench --site SITE n2w-mentoring generate --size 1x``, ``--size 10x``):

    cd $BENCH/sites && ../env/bin/python /path/to/app/benchmarks/bench_load.py \\
        --site 1x=n2w-scale1.localhost --site 10x=n2w-scale10.localhost [--workers 4 --readers 8 --duos 8]

On each site the script makes (or finds again) ``--duos`` running duos whose mentor and mentee log
in, and a partner organisation's contact, all named ``load-…@bench.n2w.example``; it removes the
meetings those duos were given by an earlier run. One gunicorn (``--workers`` workers, as
``bench setup production`` serves a site) then serves the sites one after the other: ``--readers``
people read the portal's pages in a loop while each duo's mentor logs its 12 meetings through the
portal's form, one after the other; the reading stops when the last meeting is logged. Times are
wall-clock times of whole requests on the same machine; throughput is requests answered per second
during that window.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import frappe
import requests

PASSWORD = "Load-Bench-2026!"
DOMAIN = "bench.n2w.example"
MEETINGS = 12


# --- People, on each site -----------------------------------------------------------------------


def prepare(site: str, duos: int) -> dict:
	"""The load's people and running duos on ``site``; their meetings of an earlier run removed."""
	from frappe.utils import add_days, today

	from n2w_mentoring.demo import builders as b

	frappe.init(site=site, sites_path=os.getcwd())
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		frappe.local.conf.throttle_user_limit = 100_000
		organisation = b.make_partner_organisation("Load Bench Organisation", municipality="Namur")
		partner = b.make_partner_contact(organisation, f"load-partner@{DOMAIN}", "Load", "Partner", PASSWORD)
		pairs = []
		for i in range(duos):
			mentor_user = b.make_user(
				f"load-mentor-{i}@{DOMAIN}", "Load", f"Mentor {i}", ["Mentor"], PASSWORD
			)
			mentee_user = b.make_user(
				f"load-mentee-{i}@{DOMAIN}", "Load", f"Mentee {i}", ["Mentee"], PASSWORD
			)
			mentor = b.make_mentor(
				"Load", f"Mentor {i}", f"load-mentor-{i}@{DOMAIN}", organisation, user=mentor_user
			)
			mentee = b.make_mentee("Load", f"Mentee {i}", f"load-mentee-{i}@{DOMAIN}", user=mentee_user)
			duo = b.start_duo(mentee, mentor, add_days(today(), -170))
			pairs.append(
				{"duo": duo.name, "start": str(duo.start_date), "mentor": mentor_user, "mentee": mentee_user}
			)
		names = [p["duo"] for p in pairs]
		meetings = frappe.get_all("Meeting", {"duo": ("in", names)}, pluck="name")
		if meetings:
			for table in ("Meeting Theme", "Meeting Objective"):
				frappe.db.delete(table, {"parent": ("in", meetings)})
			frappe.db.delete("Meeting", {"name": ("in", meetings)})
		for name in names:
			frappe.get_doc("Duo", name).update_progress()
		frappe.db.commit()
		return {"pairs": pairs, "partner": partner}
	finally:
		frappe.destroy()


# --- The load -----------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


class Person:
	def __init__(self, base: str, site: str, user: str):
		self.base = base
		self.session = requests.Session()
		self.session.headers.update({"X-Frappe-Site-Name": site})
		answer = self.session.post(
			f"{base}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=60
		)
		answer.raise_for_status()

	def get(self, path: str) -> float:
		start = time.perf_counter()
		response = self.session.get(self.base + path, timeout=60)
		response.raise_for_status()
		return (time.perf_counter() - start) * 1000

	def log_meeting(self, duo: str, day: str) -> tuple[float, int]:
		data = {"meeting_date": day, "duration_minutes": 60, "kind": "Meeting", "status": "Held"}
		start = time.perf_counter()
		response = self.session.post(
			f"{self.base}/api/method/n2w_mentoring.portal.api.log_meeting",
			json={"duo": duo, "data": data},
			headers={"Accept": "application/json"},
			timeout=60,
		)
		return (time.perf_counter() - start) * 1000, response.status_code


def pages_of(pair: dict) -> dict[str, list[str]]:
	duo = pair["duo"]
	return {
		"mentor": [
			"/mentoring",
			f"/mentoring/duo?name={duo}",
			f"/mentoring/meeting?duo={duo}",
			"/mentoring/calendar",
		],
		"mentee": ["/mentoring", f"/mentoring/plan?duo={duo}", f"/mentoring/convention?duo={duo}"],
	}


def alone(base: str, site: str, people: dict, repeat: int = 10) -> dict[str, list[float]]:
	"""Each page requested on its own, one after the other: the reference for the figures under load."""
	pair = people["pairs"][0]
	times: dict[str, list[float]] = defaultdict(list)
	readers = [(Person(base, site, pair[role]), paths) for role, paths in pages_of(pair).items()]
	readers.append((Person(base, site, people["partner"]), ["/mentoring/partner"]))
	for person, paths in readers:
		for path in paths:
			person.get(path)
			times[path.split("?")[0]] += [person.get(path) for _i in range(repeat)]
	return times


def run_load(base: str, site: str, people: dict, readers: int) -> dict:
	from datetime import date, timedelta

	pairs = people["pairs"]
	times: dict[str, list[float]] = defaultdict(list)
	statuses: dict[int, int] = defaultdict(int)
	stop = threading.Event()
	lock = threading.Lock()

	def read(i: int):
		pair = pairs[i % len(pairs)]
		if i % 4 == 3:
			person, paths = Person(base, site, people["partner"]), ["/mentoring/partner"]
		else:
			role = "mentor" if i % 2 == 0 else "mentee"
			person, paths = Person(base, site, pair[role]), pages_of(pair)[role]
		for path in paths:  # warm up
			person.get(path)
		answered = 0
		while not stop.is_set():
			for path in paths:
				took = person.get(path)
				with lock:
					times[path.split("?")[0]].append(took)
				answered += 1
		return answered

	def log(pair: dict):
		person = Person(base, site, pair["mentor"])
		start = date.fromisoformat(pair["start"])
		for k in range(MEETINGS):
			took, status = person.log_meeting(pair["duo"], str(start + timedelta(days=3 + k * 13)))
			with lock:
				times["log a meeting"].append(took)
				statuses[status] += 1

	with concurrent.futures.ThreadPoolExecutor(max_workers=readers + len(pairs)) as pool:
		reading = [pool.submit(read, i) for i in range(readers)]
		time.sleep(2)  # the readers are logged in and warm
		started = time.perf_counter()
		logging = [pool.submit(log, pair) for pair in pairs]
		for future in logging:
			future.result()
		elapsed = time.perf_counter() - started
		stop.set()
		for future in reading:
			future.result()
	page_count = sum(len(v) for k, v in times.items() if k != "log a meeting")
	return {
		"times": times,
		"elapsed": elapsed,
		"pages_per_second": page_count / elapsed,
		"meetings_per_second": len(times["log a meeting"]) / elapsed,
		"statuses": dict(statuses),
	}


def serve(sites_path: str, workers: int):
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		port = s.getsockname()[1]
	binary = Path(sys.executable).parent / "gunicorn"
	command = [str(binary), "-b", f"127.0.0.1:{port}", "-w", str(workers), "-t", "120", "--preload"]
	process = subprocess.Popen(
		[*command, "frappe.app:application"],
		cwd=sites_path,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	base = f"http://127.0.0.1:{port}"
	for _attempt in range(150):
		try:
			requests.get(f"{base}/api/method/ping", timeout=2)
			return process, base
		except requests.ConnectionError:
			time.sleep(0.2)
	process.terminate()
	raise RuntimeError("gunicorn did not start")


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("--site", action="append", default=[], help="SIZE=SITE, e.g. 1x=n2w-scale1.localhost")
	parser.add_argument("--workers", type=int, default=4)
	parser.add_argument("--readers", type=int, default=8)
	parser.add_argument("--duos", type=int, default=8)
	args = parser.parse_args()
	sites = dict(s.split("=", 1) for s in args.site) or {
		"1x": "n2w-scale1.localhost",
		"10x": "n2w-scale10.localhost",
	}
	people = {size: prepare(site, args.duos) for size, site in sites.items()}
	process, base = serve(os.getcwd(), args.workers)
	try:
		quiet = {size: alone(base, site, people[size]) for size, site in sites.items()}
		results = {size: run_load(base, site, people[size], args.readers) for size, site in sites.items()}
	finally:
		process.terminate()
		process.wait(timeout=20)

	sizes = list(sites)
	print(
		f"gunicorn {args.workers} workers; {args.readers} people reading pages while {args.duos} mentors "
		f"log {MEETINGS} meetings each"
	)
	header = "| What | " + " | ".join(f"{s} alone p50 | {s} p50 | {s} p95" for s in sizes) + " |"
	print(header)
	print("|" + " --- |" * (1 + 3 * len(sizes)))
	rows = sorted({k for r in results.values() for k in r["times"]}, key=lambda k: (k == "log a meeting", k))
	for row in rows:
		cells = []
		for size in sizes:
			values = results[size]["times"].get(row, [])
			reference = quiet[size].get(row, [])
			cells += [
				f"{statistics.median(reference):.0f} ms" if reference else "-",
				f"{statistics.median(values):.0f} ms" if values else "-",
				f"{percentile(values, 0.95):.0f} ms" if values else "-",
			]
		print(f"| {row} | " + " | ".join(cells) + " |")
	print(
		"| Throughput | "
		+ " | ".join(
			f"- | {results[s]['pages_per_second']:.1f} pages/s | {results[s]['meetings_per_second']:.1f} meetings/s"
			for s in sizes
		)
		+ " |"
	)
	for size in sizes:
		r = results[size]
		print(
			f"{size}: {sum(len(v) for v in r['times'].values())} requests in {r['elapsed']:.1f} s; "
			f"meetings answered {r['statuses']}"
		)


if __name__ == "__main__":
	main()
