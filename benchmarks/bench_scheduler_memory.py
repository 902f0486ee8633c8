"""Peak memory and time of the app's scheduled jobs over a site's data (run from the bench's sites
folder with the bench's Python):

    N2W_SITE=n2w-scale10.localhost ../env/bin/python /path/to/benchmarks/bench_scheduler_memory.py

Runs every daily and weekly job the app registers, in one process as a worker would, and prints
each job's time and the process's peak resident memory (ru_maxrss). Nothing is committed: the jobs'
writes are rolled back at the end.
"""

import os
import resource
import time

import frappe


def peak_mib() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
	site = os.environ["N2W_SITE"]
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.flags.mute_emails = True
	try:
		events = frappe.get_hooks("scheduler_events", app_name="n2w_mentoring")
		jobs = [job for period in ("daily", "weekly") for job in events.get(period, [])]
		print(f"site {site}: Duo {frappe.db.count('Duo'):,}, Meeting {frappe.db.count('Meeting'):,}")
		print(f"{'job':55} {'seconds':>8} {'peak MiB':>9}")
		print(f"{'(connected)':55} {'':>8} {peak_mib():9.0f}")
		for job in jobs:
			started = time.perf_counter()
			frappe.get_attr(job)()
			print(f"{job:55} {time.perf_counter() - started:8.2f} {peak_mib():9.0f}")
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
