"""The 10x reports read from the primary and from a real replica, side by side in one run.

Starts a MariaDB primary (binary log, GTIDs) and its replica on loopback
(``tests/integration/replication.py``), copies a site's database onto the primary under a new name
(a fresh site with the app is enough), loads the 10x programme into the copy with the app's
generator (``n2w-mentoring generate --size 10x``), waits for the replica to catch up, then times each
report, the funder export, the cohort proposal and the desk's report view with Frappe's
``read_from_replica`` off (primary) and on (replica), alternately. Everything is taken away at the
end: servers stopped, their folder and the site folder removed.

    cd $BENCH/sites && ../env/bin/python /path/to/app/benchmarks/bench_replica.py --source SITE [--repeat 5]

Times are wall-clock medians in the process (no HTTP), as the coordinator of the generated
programme; "from the replica" includes opening the replica connection and the freshness check
(``MASTER_GTID_WAIT`` on the primary's last GTID), as a request pays them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "integration"))

import frappe  # noqa: E402
import replication  # noqa: E402
from frappe.utils import add_months, today  # noqa: E402

COORDINATOR = "coordinator0@gen.n2w.example"


def forget_replica_connection():
	"""Frappe's ``read_only`` leaves its (closed) connections on ``frappe.local``; a request starts
	without them. Each timed call does the same."""
	from n2w_mentoring.replica import _forget_connections

	if getattr(frappe.local, "primary_db", None) is not None:
		frappe.local.db = frappe.local.primary_db
	_forget_connections()


def report_view(doctype: str, fields: list[str]):
	from frappe.desk import reportview

	def call():
		frappe.local.form_dict = frappe._dict(
			doctype=doctype,
			fields=json.dumps([f"`tab{doctype}`.`{f}`" for f in fields]),
			order_by=f"`tab{doctype}`.`modified` desc",
			start=0,
			page_length=20,
			view="Report",
		)
		reportview.get()
		forget_replica_connection()
		frappe.local.form_dict = frappe._dict(doctype=doctype, filters="[]", fields="[]", distinct="false")
		reportview.get_count()

	return call


def timed(fn, repeat: int, replica: bool) -> float:
	frappe.local.conf.read_from_replica = 1 if replica else 0
	times = []
	for _ in range(repeat):
		start = time.perf_counter()
		fn()
		times.append(time.perf_counter() - start)
		forget_replica_connection()
	return statistics.median(times)


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--source", required=True, help="a site with the app, copied onto the pair")
	parser.add_argument("--size", default="10x", choices=["demo", "1x", "10x"])
	parser.add_argument("--repeat", type=int, default=5)
	args = parser.parse_args()
	sites = os.getcwd()
	site = f"n2w-replica-bench-{uuid.uuid4().hex[:6]}.localhost"
	source_conf = frappe.get_site_config(sites_path=sites, site_path=os.path.join(sites, args.source))

	pair = replication.Pair(buffer_pool="1G")
	conf = None
	try:
		started = time.perf_counter()
		pair.start()
		conf = pair.copy_site(dict(source_conf), sites, site)
		print(f"pair started and site copied in {time.perf_counter() - started:.1f} s")

		frappe.init(site=site, sites_path=sites)
		frappe.connect()
		frappe.set_user("Administrator")
		from n2w_mentoring.demo.generator import load

		started = time.perf_counter()
		frappe.local.conf.read_from_replica = 0
		counts = load(args.size, 1)
		frappe.db.commit()
		loaded = time.perf_counter() - started
		pair.wait_in_sync(timeout=600)
		print(
			f"{args.size} loaded on the primary in {loaded:.1f} s, on the replica "
			f"{time.perf_counter() - started - loaded:.1f} s later: "
			+ ", ".join(f"{k} {v:,}" for k, v in counts.items())
		)

		from frappe.desk.query_report import run

		from n2w_mentoring import kpis
		from n2w_mentoring.api.matching import cohort_proposal

		frappe.set_user(COORDINATOR if frappe.db.exists("User", COORDINATOR) else "Administrator")
		last_year = {"from_date": add_months(today(), -12), "to_date": today()}
		three_years = {"from_date": add_months(today(), -36), "to_date": today()}
		cases = [
			("Programme KPIs, last 12 months", lambda: run("Programme KPIs", filters=last_year)),
			("Programme KPIs, 3 years", lambda: run("Programme KPIs", filters=three_years)),
			("Duo Outcomes, last 12 months", lambda: run("Duo Outcomes", filters=last_year)),
			("Duo Outcomes, 3 years", lambda: run("Duo Outcomes", filters=three_years)),
			("Duos Needing Attention, all coordinators", lambda: run("Duos Needing Attention", filters={})),
			(
				"Funder export (xlsx), last 12 months",
				lambda: kpis.funder_export_file(last_year["from_date"], today()),
			),
			("Cohort proposal", cohort_proposal),
			(
				"Duo report view (page + count)",
				report_view("Duo", ["name", "mentee_name", "mentor_name", "status", "start_date"]),
			),
			(
				"Meeting report view (page + count)",
				report_view("Meeting", ["name", "duo", "meeting_date", "status"]),
			),
		]
		print("\n| What | From the primary | From the replica |\n| --- | --- | --- |")
		for label, fn in cases:
			for replica in (False, True):
				timed(fn, 1, replica)  # warm both servers' caches once
			primary_time = timed(fn, args.repeat, False)
			replica_time = timed(fn, args.repeat, True)
			print(f"| {label} | {primary_time * 1000:.0f} ms | {replica_time * 1000:.0f} ms |", flush=True)
	finally:
		if getattr(frappe.local, "db", None):
			frappe.db.rollback()
			frappe.destroy()
		pair.stop()
		replication.remove_site(sites, site)
		if conf:
			import redis

			cache = redis.Redis.from_url(source_conf.get("redis_cache") or "redis://127.0.0.1:13000")
			for key in cache.scan_iter(f"{conf['db_name']}|*"):
				cache.delete(key)


if __name__ == "__main__":
	main()
