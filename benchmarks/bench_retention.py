"""The retention job over a large backlog (run from the bench's sites folder with the bench's Python):

    N2W_SITE=n2w-scale10.localhost ../env/bin/python /path/to/benchmarks/bench_retention.py

Turns retention on (``N2W_RETENTION_MONTHS``, 12 by default), counts the people past the period, then
runs the daily job as the scheduler would (``N2W_RUNS`` times, 1 by default; ``N2W_TIME_BUDGET``
seconds each, the job's own budget by default) and prints, for each
run, how many people it anonymised, its time and its batches' pace. It COMMITS: the people it erases
are erased for good. Run it on a scratch site filled by the generator, never on real data.
"""

import os
import time

import frappe
from frappe.utils import add_months, getdate, today


def main():
	site = os.environ["N2W_SITE"]
	months = int(os.environ.get("N2W_RETENTION_MONTHS", "12"))
	runs = int(os.environ.get("N2W_RUNS", "1"))
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.flags.mute_emails = True
	try:
		from n2w_mentoring.data_protection import retention
		from n2w_mentoring.data_protection.scope import PERSON_DOCTYPES

		frappe.db.set_single_value("Mentoring Settings", "retention_months", months)
		frappe.db.commit()
		cutoff = add_months(getdate(today()), -months)
		backlog = {dt: len(retention.due_for_erasure(dt, cutoff, 10**9)) for dt in PERSON_DOCTYPES}
		print(
			f"site {site}: Duo {frappe.db.count('Duo'):,}, Meeting {frappe.db.count('Meeting'):,}, "
			f"Version {frappe.db.count('Version'):,}; past {months} months: {backlog}"
		)
		budget = float(os.environ.get("N2W_TIME_BUDGET", retention.TIME_BUDGET_SECONDS))
		print(f"batch {retention.BATCH_SIZE}, time budget {budget:.0f} s")
		for run in range(1, runs + 1):
			started = time.perf_counter()
			erased = retention.apply_retention_policy(time_budget=budget)
			elapsed = time.perf_counter() - started
			pace = elapsed / erased if erased else 0
			print(f"run {run}: {erased} people anonymised in {elapsed:.1f} s ({pace:.2f} s a person)")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
