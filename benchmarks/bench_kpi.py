"""The KPI reports on a big programme: 10,000 duos, 120,000 meetings, their plans and follow-ups.

Run with the bench's Python from the bench's sites folder, on a site of its own (it fills the site
with generated records and leaves them there, so that later runs only time):

    cd $BENCH && bench new-site n2w-bench.localhost --install-app n2w_mentoring
    cd $BENCH/sites && N2W_SITE=n2w-bench.localhost ../env/bin/python \\
        /path/to/app/benchmarks/bench_kpi.py [--duos 10000] [--meetings 120000] [--repeat 5]

The records are written with ``frappe.db.bulk_insert`` (a few seconds), every name starting with
``B-``; ``--regenerate`` deletes them and writes them again. Times are wall-clock medians of the
reports as ``frappe.desk.query_report.run`` answers them (permission checks included).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta

import frappe
from frappe.utils import add_months, getdate, now, today

AXES = ("Co-constructed", "Concrete", "Moral support", "Relational", "Technical")
REASONS_COMPLETED = ("Completed", "Job found", "Training", "Internship")
REASONS_EARLY = ("Job found", "Mentee withdrew", "Mentor withdrew", "Mismatch", "Other")
SITUATIONS = ("Employed", "Employed", "Training", "Internship", "Volunteering", "Still searching", "Other")
CONTRACTS = ("Permanent", "Fixed-term", "Temporary", "Other")
TABLES = (
	"Partner Organisation",
	"Mentee",
	"Mentor",
	"Duo",
	"Meeting",
	"Action Plan",
	"Action Plan Objective",
	"Post-Duo Follow-up",
	"Network Event",
	"Network Event Participant",
	"Mentor Training Session",
	"Mentor Training Attendance",
)
BASE = ("name", "creation", "modified", "owner", "modified_by", "docstatus")


class Writer:
	"""Rows gathered per DocType, written with bulk_insert."""

	def __init__(self):
		self.stamp = now()
		self.rows: dict[str, tuple[list[str], list[tuple]]] = {}

	def add(self, doctype: str, name: str, **values):
		_fields, rows = self.rows.setdefault(doctype, (list(BASE) + list(values), []))
		rows.append((name, self.stamp, self.stamp, "Administrator", "Administrator", 0, *values.values()))

	def flush(self):
		for doctype, (fields, rows) in self.rows.items():
			frappe.db.bulk_insert(doctype, fields, rows, chunk_size=5000)
		self.rows.clear()


def delete_generated():
	for doctype in TABLES:
		frappe.db.sql(f"delete from `tab{doctype}` where name like 'B-%%'")  # nosemgrep
	frappe.db.commit()


def generate(duos: int, meetings_per_duo: int, meetings: int, seed: int = 7) -> None:
	rng = random.Random(seed)
	w = Writer()
	day0 = getdate(today())
	organisations = [f"B-Org {i:02d}" for i in range(25)]
	for org in organisations:
		w.add("Partner Organisation", org, organisation_name=org, organisation_type="Private", active=1)
	mentors = []
	for j in range(duos // 2):
		name = f"B-MTR-{j:05d}"
		mentors.append((name, organisations[j % len(organisations)]))
		w.add(
			"Mentor", name, first_name="Bench", last_name=f"{j:05d}", full_name=f"Mentor {j:05d}", status="Available",
			capacity=2, training_completed=1, partner_organisation=mentors[-1][1],
		)  # fmt: skip
	for i in range(duos):
		proposed = day0 - timedelta(days=rng.randint(0, 3 * 365))
		intake = proposed - timedelta(days=rng.randint(5, 120))
		mentee = f"B-MTE-{i:05d}"
		w.add(
			"Mentee", mentee, first_name="Bench", last_name=f"{i:05d}", full_name=f"Mentee {i:05d}",
			status="In duo", intake_date=intake, consent_given=1,
		)  # fmt: skip
		mentor, org = mentors[i % len(mentors)]
		duo = f"B-DUO-{i:05d}"
		age = (day0 - proposed).days
		start = planned = end = reason = None
		if age < 20:
			status = rng.choice(("Proposed", "Accepted", "Declined"))
		else:
			start = proposed + timedelta(days=rng.randint(3, 20))
			planned = add_months(start, 6) - timedelta(days=1)
			if planned >= day0:
				status = rng.choice(("Active",) * 9 + ("Suspended",))
			elif rng.random() < 0.8:
				status, end, reason = "Completed", planned, rng.choice(REASONS_COMPLETED)
			else:
				status = "Ended Early"
				end = start + timedelta(days=rng.randint(20, 150))
				reason = rng.choice(REASONS_EARLY)
		held = 0
		last = None
		if start:
			for k in range(meetings_per_duo):
				when = start + timedelta(days=14 * k)
				done = when <= min(day0, end or day0)
				held += done
				last = when if done else last
				w.add(
					"Meeting", f"B-MTG-{i:05d}-{k:02d}", duo=duo, duo_title=f"Mentee {i:05d}", kind="Meeting",
					status="Held" if done else "Planned", meeting_date=when, duration_minutes=rng.choice((60, 75, 90)),
				)  # fmt: skip
			plan = f"B-PLAN-{i:05d}"
			w.add("Action Plan", plan, duo=duo, agreed_on=start)
			for k in range(4):
				target = start + timedelta(days=40 * (k + 1))
				state = (
					"Achieved"
					if (end or day0) > target and rng.random() < 0.7
					else rng.choice(("In progress", "Not started", "Dropped"))
				)
				w.add(
					"Action Plan Objective", f"B-OBJ-{i:05d}-{k}", parent=plan, parenttype="Action Plan",
					parentfield="objectives", idx=k + 1, objective="Objectif", axis=AXES[(i + k) % 5], status=state,
					target_date=target,
				)  # fmt: skip
		w.add(
			"Duo", duo, mentee=mentee, mentee_name=f"Mentee {i:05d}", mentor=mentor, mentor_name=f"Mentor {i % len(mentors):05d}",
			title=f"Mentee {i:05d} · Mentor", status=status, partner_organisation=org, coordinator="Administrator",
			proposed_on=proposed, start_date=start, planned_end=planned, actual_end=end, end_reason=reason,
			meetings_held=held, hours_of_mentoring=round(held * 75 / 60, 1), last_meeting_date=last,
			mentor_agreed_on=proposed, mentee_agreed_on=proposed,
		)  # fmt: skip
		if end:
			for person, months in (("Mentee", 3), ("Mentee", 6), ("Mentee", 12), ("Mentor", 3)):
				due = add_months(end, months)
				done = due <= day0 and rng.random() < 0.85
				situation = rng.choice(SITUATIONS) if done and person == "Mentee" else None
				w.add(
					"Post-Duo Follow-up", f"B-FUP-{i:05d}-{person[4]}{months}", title=f"Mentee {i:05d}", duo=duo,
					person_type=person, person_name=f"Mentee {i:05d}", milestone=f"{months} months", due_date=due,
					done_on=due if done else None, coordinator="Administrator", partner_organisation=org,
					situation=situation, contract_type=rng.choice(CONTRACTS) if situation == "Employed" else None,
					would_mentor_again=rng.choice(("Yes", "Yes", "No", "Maybe")) if done and person == "Mentor" else None,
					todo_created=1,
				)  # fmt: skip
		if i % 5000 == 4999:
			w.flush()
	for e in range(120):
		event = f"B-NEV-{e:03d}"
		w.add(
			"Network Event",
			event,
			theme=f"Rencontre {e}",
			event_date=day0 - timedelta(days=9 * e),
			invited_count=30,
			attended_count=0,
		)
		for p in range(30):
			w.add(
				"Network Event Participant", f"B-NEP-{e:03d}-{p:02d}", parent=event, parenttype="Network Event",
				parentfield="participants", idx=p + 1, party_type="Mentor", party=mentors[(e * 30 + p) % len(mentors)][0],
				party_name="Mentor", status=rng.choice(("Invited", "Registered", "Attended", "Attended", "Absent")),
			)  # fmt: skip
	for s in range(60):
		session = f"B-MTS-{s:03d}"
		w.add(
			"Mentor Training Session",
			session,
			session_date=day0 - timedelta(days=18 * s),
			trainer="Centre",
			registered_count=20,
		)
		for p in range(20):
			w.add(
				"Mentor Training Attendance", f"B-MTA-{s:03d}-{p:02d}", parent=session, parenttype="Mentor Training Session",
				parentfield="attendees", idx=p + 1, mentor=mentors[(s * 20 + p) % len(mentors)][0], mentor_name="Mentor",
				status=rng.choice(("Attended", "Attended", "Attended", "Absent")),
			)  # fmt: skip
	w.flush()
	# Phone calls and messages between meetings, until the meetings table holds the count asked for.
	started = frappe.get_all(
		"Duo", {"name": ("like", "B-%"), "start_date": ("is", "set")}, ["name", "start_date"]
	)
	missing = meetings - frappe.db.count("Meeting", {"name": ("like", "B-%")})
	for k in range(max(missing, 0)):
		duo = started[k % len(started)]
		w.add(
			"Meeting", f"B-CALL-{k:06d}", duo=duo.name, duo_title="Mentee", kind=rng.choice(("Phone call", "Message")),
			status="Held", meeting_date=getdate(duo.start_date) + timedelta(days=7), duration_minutes=15,
		)  # fmt: skip
	w.flush()
	frappe.db.commit()


def timed(fn, repeat: int) -> tuple[float, float]:
	times = []
	for _ in range(repeat):
		start = time.perf_counter()
		fn()
		times.append(time.perf_counter() - start)
	return statistics.median(times), max(times)


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--duos", type=int, default=10_000)
	parser.add_argument("--meetings-per-duo", type=int, default=12)
	parser.add_argument("--meetings", type=int, default=120_000, help="meetings and contacts in all")
	parser.add_argument("--repeat", type=int, default=5)
	parser.add_argument("--regenerate", action="store_true")
	args = parser.parse_args()

	site = os.environ.get("N2W_SITE") or sys.exit("Set N2W_SITE to the benchmark's own site.")
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		if args.regenerate:
			delete_generated()
		if not frappe.db.exists("Duo", "B-DUO-00000"):
			start = time.perf_counter()
			generate(args.duos, args.meetings_per_duo, args.meetings)
			print(f"generated in {time.perf_counter() - start:.1f} s")
		counts = {
			dt: frappe.db.count(dt)
			for dt in ("Duo", "Meeting", "Action Plan Objective", "Post-Duo Follow-up")
		}
		print("records:", ", ".join(f"{dt} {n:,}" for dt, n in counts.items()))

		from frappe.desk.query_report import run

		from n2w_mentoring import duo_health, kpis

		median, _ = timed(lambda: duo_health.refresh(), 1)
		print(f"{'Daily health refresh (first run after generating)':48} {median * 1000:7.0f} ms")
		frappe.db.commit()
		median, _ = timed(lambda: duo_health.refresh(), 1)
		print(f"{'Daily health refresh (nothing changed)':48} {median * 1000:7.0f} ms")
		frappe.db.commit()
		last_year = {"from_date": add_months(today(), -12), "to_date": today()}
		three_years = {"from_date": add_months(today(), -36), "to_date": today()}
		with_org = {**last_year, "partner_organisation": "B-Org 03"}
		cases = [
			("Programme KPIs, last 12 months", lambda: run("Programme KPIs", filters=last_year)),
			("Programme KPIs, 3 years", lambda: run("Programme KPIs", filters=three_years)),
			("Programme KPIs, one partner organisation", lambda: run("Programme KPIs", filters=with_org)),
			("Duo Outcomes, last 12 months", lambda: run("Duo Outcomes", filters=last_year)),
			("Duo Outcomes, 3 years", lambda: run("Duo Outcomes", filters=three_years)),
			("Duos Needing Attention, all coordinators", lambda: run("Duos Needing Attention", filters={})),
			(
				"Funder export (xlsx), last 12 months",
				lambda: kpis.funder_export_file(last_year["from_date"], today()),
			),
		]
		print(f"{'what':48} {'median':>9} {'max':>9}")
		for label, fn in cases:
			fn()  # warm the caches once
			median, worst = timed(fn, args.repeat)
			print(f"{label:48} {median * 1000:7.0f} ms {worst * 1000:7.0f} ms")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
