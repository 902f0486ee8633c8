"""Lists, forms and logging a meeting on a generated programme at 1x and 10x, as each role.

Run with the bench's Python from the bench's sites folder, on a site of its own per size (the
first run writes the generated programme, ``bench --site SITE n2w-mentoring generate``; later runs
only time):

    cd $BENCH && bench new-site n2w-scale10.localhost --install-app n2w_mentoring
    cd $BENCH/sites && ../env/bin/python /path/to/app/benchmarks/bench_scale.py --site-size 10x

Times are in-process server times (no HTTP), medians of ``--repeat`` calls after one warm-up call;
"queries" is the number of ``frappe.db.sql`` calls one request makes. Restricted users: a mentor
with a running duo (Duo and Meeting lists) and a partner organisation's contact (Mentor list: a
contact sees no duo, meeting or mentee); the coordinator sees everything.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import frappe

SITES = {"1x": "n2w-scale1.localhost", "10x": "n2w-scale10.localhost"}
MENTOR_USER = "scale.mentor@gen.n2w.example"
PARTNER_USER = "scale.partner@gen.n2w.example"
COORDINATOR = "coordinator0@gen.n2w.example"
LIST_FIELDS = {
	"Duo": ["name", "title", "status", "mentee_name", "mentor_name", "start_date", "meetings_held"],
	"Meeting": ["name", "duo_title", "kind", "status", "meeting_date", "duration_minutes"],
	"Mentor": ["name", "full_name", "status", "partner_organisation", "capacity"],
}


class QueryCounter:
	"""Counts frappe.db.sql calls while active."""

	def __init__(self):
		self.count = 0
		self._sql = None

	def __enter__(self):
		self._sql = frappe.db.sql

		def sql(*args, **kwargs):
			self.count += 1
			return self._sql(*args, **kwargs)

		frappe.db.sql = sql
		return self

	def __exit__(self, *exc):
		frappe.db.sql = self._sql


def timed(fn, repeat: int, user: str, rollback: bool = False) -> tuple[float, float, int]:
	"""(median ms, max ms, queries of one call) of ``fn`` run as ``user``."""
	frappe.set_user(user)
	fn()  # warm-up
	if rollback:
		frappe.db.rollback()
	times = []
	for _ in range(repeat):
		frappe.local.form_dict = frappe._dict()
		start = time.perf_counter()
		fn()
		times.append((time.perf_counter() - start) * 1000)
		if rollback:
			frappe.db.rollback()
	with QueryCounter() as counter:
		fn()
	if rollback:
		frappe.db.rollback()
	frappe.set_user("Administrator")
	return statistics.median(times), max(times), counter.count


def prepare() -> dict:
	"""The benchmark's users: a mentor with a running duo, a partner organisation's contact."""
	from n2w_mentoring.demo import builders

	duo = frappe.get_all(
		"Duo",
		{"name": ("like", "GEN-%"), "status": "Active", "meetings_held": ("<", 9)},
		["name", "mentor", "partner_organisation", "planned_end"],
		order_by="name",
		limit=1,
	)[0]
	builders.make_user(MENTOR_USER, "Scale", "Mentor", ["Mentor"])
	current = frappe.db.get_value("Mentor", {"user": MENTOR_USER}, "name")
	if current != duo.mentor:
		if current:
			frappe.db.set_value("Mentor", current, "user", None)
		frappe.db.set_value("Mentor", duo.mentor, "user", MENTOR_USER)
	builders.make_partner_contact(duo.partner_organisation, PARTNER_USER, "Scale", "Partner")
	frappe.db.commit()
	return duo


def list_call(doctype: str):
	return lambda: frappe.get_list(
		doctype, fields=LIST_FIELDS[doctype], limit_page_length=20, order_by=f"`tab{doctype}`.modified desc"
	)


def report_call(doctype: str):
	from frappe.desk import reportview

	def call():
		frappe.local.form_dict = frappe._dict(
			doctype=doctype,
			fields=json.dumps([f"`tab{doctype}`.`{f}`" for f in LIST_FIELDS[doctype]]),
			order_by=f"`tab{doctype}`.`modified` desc",
			start=0,
			page_length=20,
			view="Report",
			with_comment_count=1,
		)
		reportview.get()
		frappe.local.form_dict = frappe._dict(doctype=doctype, filters="[]", fields="[]", distinct="false")
		reportview.get_count()

	return call


def getdoc_call(name: str):
	from frappe.desk.form.load import getdoc
	from frappe.desk.notifications import get_open_count

	def call():
		frappe.local.response = frappe._dict(docs=[])
		getdoc("Duo", name)
		get_open_count("Duo", name)

	return call


def log_meeting_call(duo: str):
	from frappe.utils import today

	def call():
		frappe.get_doc(
			{
				"doctype": "Meeting",
				"duo": duo,
				"meeting_date": today(),
				"duration_minutes": 60,
				"status": "Held",
				"kind": "Meeting",
				"summary": "Benchmark",
			}
		).insert()
		frappe.local.message_log = []

	return call


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site-size", choices=sorted(SITES), required=True)
	parser.add_argument("--site", help="defaults to n2w-scale1.localhost / n2w-scale10.localhost")
	parser.add_argument("--repeat", type=int, default=20)
	parser.add_argument("--seed", type=int, default=1)
	args = parser.parse_args()

	site = args.site or SITES[args.site_size]
	if not Path(site).is_dir():
		sys.exit(f"Create the site {site} first (bench new-site … --install-app n2w_mentoring).")
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		from n2w_mentoring.demo import generator

		if not generator.generated_exists():
			start = time.perf_counter()
			generator.load(args.site_size, args.seed)
			print(f"generated {args.site_size} in {time.perf_counter() - start:.1f} s")
		counts = {dt: frappe.db.count(dt) for dt in ("Mentor", "Duo", "Meeting")}
		print(f"site {site}:", ", ".join(f"{dt} {n:,}" for dt, n in counts.items()))
		duo = prepare()
		cases = [
			("Duo list (get_list, 20)", list_call("Duo"), COORDINATOR, MENTOR_USER),
			("Duo report view (reportview.get + count)", report_call("Duo"), COORDINATOR, MENTOR_USER),
			("Meeting list (get_list, 20)", list_call("Meeting"), COORDINATOR, MENTOR_USER),
			("Meeting report view", report_call("Meeting"), COORDINATOR, MENTOR_USER),
			("Mentor list (get_list, 20)", list_call("Mentor"), COORDINATOR, PARTNER_USER),
			("Mentor report view", report_call("Mentor"), COORDINATOR, PARTNER_USER),
		]
		print(f"{'what':44} {'as':12} {'median':>8} {'max':>8} {'queries':>8}")
		for label, fn, staff, restricted in cases:
			for who, user in (("coordinator", staff), (restricted.split("@")[0].split(".")[1], restricted)):
				median, worst, queries = timed(fn, args.repeat, user)
				print(f"{label:44} {who:12} {median:6.1f}ms {worst:6.1f}ms {queries:8d}")
		for label, fn, user, rollback in (
			("Open a duo (getdoc + connections)", getdoc_call(duo.name), COORDINATOR, False),
			("Open a duo (getdoc + connections)", getdoc_call(duo.name), MENTOR_USER, False),
			("Log a meeting (insert, every rule)", log_meeting_call(duo.name), COORDINATOR, True),
			("Log a meeting (insert, every rule)", log_meeting_call(duo.name), MENTOR_USER, True),
		):
			median, worst, queries = timed(fn, args.repeat, user, rollback)
			who = "coordinator" if user == COORDINATOR else "mentor"
			print(f"{label:44} {who:12} {median:6.1f}ms {worst:6.1f}ms {queries:8d}")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
