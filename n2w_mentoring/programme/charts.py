"""The funders' charts, from the same plain rows as the KPIs (no Frappe).

- *duos by status over time*: at the end of each month of the period, the duos waiting to start
  (proposed or accepted, not started), running (started, not ended) and ended;
- *meetings held against planned*: per month, the held meetings dated in it, against the meetings
  the programme's cadence plans for the part of each duo's run in that month (up to today);
- *outcomes at 3, 6 and 12 months*: the mentees' answered follow-ups at each milestone, by situation.

Each function returns the ``data`` of a Frappe report chart: ``{"labels": [...], "datasets": [...]}``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from n2w_mentoring.programme import lifecycle, operations
from n2w_mentoring.programme.kpi import (
	IN_JOB,
	IN_TRAINING_OR_INTERNSHIP,
	Period,
	count,
	duo_end,
	planned_in_period,
)
from n2w_mentoring.programme.rules import DEFAULT_LIMITS, ProgrammeLimits, _

WAITING = _("Waiting to start")
RUNNING = _("Running")
ENDED = _("Ended")
HELD = _("Meetings held")
PLANNED = _("Meetings planned")
IN_A_JOB = _("In a job")
IN_TRAINING = _("In training or an internship")
OTHER = _("Other situation")
NOT_STARTED = (lifecycle.PROPOSED, lifecycle.ACCEPTED)


def months(period: Period) -> list[tuple[date, date]]:
	"""(first day, last day) of each month the period touches, cut to the period."""
	found = []
	first = period.start.replace(day=1)
	while first <= period.end:
		following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
		found.append((max(first, period.start), min(following - timedelta(days=1), period.end)))
		first = following
	return found


def label(day: date) -> str:
	return day.strftime("%Y-%m")


def status_on(duo: Mapping, day: date) -> str | None:
	"""Where a duo stood at the end of ``day``: waiting to start, running, ended, or not yet there."""
	proposed, start, end = duo.get("proposed_on"), duo.get("start_date"), duo_end(duo)
	if end and end <= day and start:
		return ENDED
	if start and start <= day:
		return RUNNING
	if proposed and proposed <= day and (duo.get("status") in NOT_STARTED or (start and start > day)):
		return WAITING
	return None


def duos_by_status_over_time(duos: Iterable[Mapping], period: Period) -> dict:
	duos = list(duos)
	spans = months(period)
	counts = [Counter(status_on(d, last) for d in duos) for _first, last in spans]
	return {
		"labels": [label(first) for first, _last in spans],
		"datasets": [
			{"name": state, "values": [c[state] for c in counts]} for state in (WAITING, RUNNING, ENDED)
		],
	}


def meetings_held_against_planned(
	duos: Iterable[Mapping],
	held_on: Iterable[Mapping],
	period: Period,
	today: date,
	limits: ProgrammeLimits = DEFAULT_LIMITS,
) -> dict:
	"""``held_on``: rows of ``meeting_date`` and ``count`` (held meetings of the period)."""
	spans = months(period)
	held = Counter()
	for row in held_on:
		held[label(row["meeting_date"])] += count(row)
	started = [d for d in duos if d.get("start_date")]
	planned = []
	for first, last in spans:
		month = Period(first, last)
		planned.append(
			sum(
				planned_in_period(d, month, today, limits)
				for d in started
				if d["start_date"] <= last and (duo_end(d) is None or duo_end(d) >= first) and first <= today
			)
		)
	return {
		"labels": [label(first) for first, _last in spans],
		"datasets": [
			{"name": HELD, "values": [held[label(first)] for first, _last in spans]},
			{"name": PLANNED, "values": planned},
		],
	}


def outcomes_at_milestones(follow_ups: Iterable[Mapping]) -> dict:
	"""The mentees' answered follow-ups at 3, 6 and 12 months, by situation."""
	milestones = list(operations.MILESTONES.values())
	found = {m: Counter() for m in milestones}
	for row in follow_ups:
		if row.get("person_type") != operations.MENTEE or row.get("milestone") not in found:
			continue
		if not (row.get("done_on") and row.get("situation")):
			continue
		situation = row["situation"]
		group = (
			IN_A_JOB
			if situation in IN_JOB
			else IN_TRAINING
			if situation in IN_TRAINING_OR_INTERNSHIP
			else OTHER
		)
		found[row["milestone"]][group] += count(row)
	return {
		"labels": milestones,
		"datasets": [
			{"name": group, "values": [found[m][group] for m in milestones]}
			for group in (IN_A_JOB, IN_TRAINING, OTHER)
		],
	}
