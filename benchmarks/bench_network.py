"""A centre's coordinator against the network's manager, on the same generated data, in the same run.

The generator spreads its rows over eight centres, a programme each (``generator.CENTRES``); the
coordinator of centre 0 is restricted to it by a User Permission on Mentoring Centre, the network
manager is not. Each list, report and count below is timed for both, the two users taking turns
call by call (so that both meet the same machine load), and the restricted side's median is divided
by the other's.

    cd $BENCH/sites && ../env/bin/python /path/to/app/benchmarks/bench_network.py --site SITE1X --site SITE10X

Times are in-process server times (no HTTP), medians of ``--repeat`` calls of each user after one
warm-up call each; "queries" is the number of ``frappe.db.sql`` calls one call makes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).parent))

import statistics
import time

from bench_scale import QueryCounter, list_call, report_call

LIST_FIELDS = {
	"Mentee": ["name", "full_name", "status", "programme", "centre"],
}


def mentee_list():
	return lambda: frappe.get_list(
		"Mentee", fields=LIST_FIELDS["Mentee"], limit_page_length=20, order_by="`tabMentee`.modified desc"
	)


def query_report(name: str, filters: dict | None = None):
	from frappe.desk.query_report import run

	return lambda: run(name, filters=filters or {})


def count_call(doctype: str, filters: dict | None = None):
	from n2w_mentoring.data_protection.read_paths import get_count

	return lambda: get_count(doctype, filters=filters or {})


def as_new_request(call):
	"""The call as the first of its request: what a request keeps (the app's reads of the user's
	scope, Frappe's copies of what it read from Redis) starts empty, as a new request's does; Redis
	keeps what it holds between requests."""

	def fn():
		frappe.local.n2w_centres = {}
		frappe.local.cache = {}
		return call()

	return fn


def taking_turns(fn, repeat: int, users: tuple[str, ...]) -> list[tuple[float, int]]:
	"""(median ms, queries of one call) of ``fn`` for each user, the users taking turns call by call."""
	times: dict[str, list[float]] = {user: [] for user in users}
	queries = {}
	for user in users:
		frappe.set_user(user)
		fn()  # warm-up
		with QueryCounter() as counter:
			fn()
		queries[user] = counter.count
	for _ in range(repeat):
		for user in users:
			frappe.set_user(user)
			frappe.local.form_dict = frappe._dict()
			start = time.perf_counter()
			fn()
			times[user].append((time.perf_counter() - start) * 1000)
	frappe.set_user("Administrator")
	return [(statistics.median(times[user]), queries[user]) for user in users]


def cases() -> list[tuple[str, object]]:
	return [
		("Duo list (get_list, 20)", list_call("Duo")),
		("Duo report view (reportview.get + count)", report_call("Duo")),
		("Meeting list (get_list, 20)", list_call("Meeting")),
		("Meeting report view", report_call("Meeting")),
		("Mentor list (get_list, 20)", list_call("Mentor")),
		("Mentee list (get_list, 20)", mentee_list()),
		("Active duos (number card count)", count_call("Duo", {"status": "Active"})),
		("Programme KPIs (report)", query_report("Programme KPIs")),
		("Duo outcomes (report)", query_report("Duo Outcomes")),
		("Duos needing attention (report)", query_report("Duos Needing Attention")),
	]


def run_site(site: str, repeat: int) -> list[tuple]:
	from n2w_mentoring.demo import generator

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	rows = []
	try:
		if not generator.generated_exists():
			sys.exit(f"Generate the data on {site} first (bench --site {site} n2w-mentoring generate).")
		generator.make_network()
		frappe.db.commit()
		duos = frappe.db.count("Duo")
		centre = generator.centre_coordinator(0)
		print(f"site {site}: {duos:,} duos, {generator.CENTRES} centres")
		print(f"{'what':44} {'network':>9} {'centre':>9} {'ratio':>6} {'queries (network/centre)':>26}")
		for label, call in cases():
			fn = as_new_request(call)
			(network_ms, network_q), (centre_ms, centre_q) = taking_turns(
				fn, repeat, (generator.NETWORK_MANAGER, centre)
			)
			ratio = centre_ms / network_ms if network_ms else 0
			rows.append((site, label, network_ms, centre_ms, ratio, network_q, centre_q))
			print(
				f"{label:44} {network_ms:7.1f}ms {centre_ms:7.1f}ms {ratio:5.2f}x {network_q:>12} / {centre_q}"
			)
	finally:
		frappe.destroy()
	return rows


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", action="append", required=True)
	parser.add_argument("--repeat", type=int, default=25)
	args = parser.parse_args()
	for site in args.site:
		run_site(site, args.repeat)


if __name__ == "__main__":
	main()
