"""The programme's key figures over a period, computed from plain rows.

Plain Python, no Frappe: the reports *Duo Outcomes* and *Programme KPIs* and the funder export
query the rows and hand them here. Each row is a mapping (a ``frappe._dict`` or a ``dict``).

Definitions, for a period ``[start, end]`` (both days included):

- a duo is *proposed* in the period when ``proposed_on`` falls in it, *started* when ``start_date``
  does, *active during* the period when it started on or before its end and had not ended before
  its start; it *completed* or *ended early* in the period when its end (``actual_end``) does;
- *days from intake to match*: the mentee's intake date to the duo's proposal, for duos proposed
  in the period; *days from match to start*: proposal to start, for duos started in the period;
- *meetings held*: held meetings dated in the period, against the meetings the cadence plans for
  the part of each active duo's run that falls in the period (up to today);
- *objectives achieved by axis*: objectives of the duos active in the period, dropped ones left out;
- *outcomes at 12 months*: the mentees' 12-month follow-ups due in the period and answered: in a
  job, in a stable job (a permanent contract), in training or an internship, and any of these;
- *mentors who mentor again*: mentors active in the period who have had more than one duo, and the
  mentors' 3-month answers "would mentor again";
- *participation by partner organisation*: duos active in the period, by the mentor's employer;
- *attendance*: network events and training sessions held in the period, attended against
  registered (invited-only rows are not counted as registered).

Rows may come aggregated by the database: a row's ``count`` (1 when absent) says how many records it
stands for, and meeting and objective rows without a ``duo`` are taken as already restricted to the
duos active during the period (``n2w_mentoring.kpis.active_criterion`` is the SQL twin of
:func:`active_during`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from n2w_mentoring.programme import lifecycle, rules
from n2w_mentoring.programme.rules import DEFAULT_LIMITS, ProgrammeLimits, _

AXES = ("Co-constructed", "Concrete", "Moral support", "Relational", "Technical")
IN_JOB = ("Employed",)
IN_TRAINING_OR_INTERNSHIP = ("Training", "Internship")
STABLE_CONTRACT = "Permanent"
TWELVE_MONTHS = "12 months"

# Sections and indicators: English labels, translated by the reports.
MATCHING = _("Matching")
MEETINGS = _("Meetings")
OBJECTIVES = _("Objectives achieved by axis")
OUTCOMES = _("Outcomes at 12 months")
MENTORS = _("Mentors")
PARTICIPATION = _("Participation by partner organisation")
EVENTS = _("Events and training")
SURVEYS = _("Satisfaction")

PROPOSED = _("Proposed")
STARTED = _("Started")
ACTIVE_DURING = _("Active during the period")
NO_ORGANISATION = _("No partner organisation")


@dataclass(frozen=True)
class Period:
	start: date
	end: date

	def __contains__(self, day: date | None) -> bool:
		return day is not None and self.start <= day <= self.end


def average(values: Iterable[float]) -> float | None:
	values = list(values)
	return round(sum(values) / len(values), 1) if values else None


def rate(part: float, whole: float | None) -> float | None:
	return round(100 * part / whole, 1) if whole else None


def count(row: Mapping) -> int:
	return row.get("count", 1)


def in_scope(row: Mapping, active_names: set[str]) -> bool:
	return "duo" not in row or row["duo"] in active_names


def kpi(section: str, indicator: str, value, out_of=None) -> dict:
	return {
		"section": section,
		"indicator": indicator,
		"value": value,
		"out_of": out_of,
		"rate": rate(value or 0, out_of) if out_of is not None else None,
	}


# --- Duos -------------------------------------------------------------------------------------


def duo_end(duo: Mapping) -> date | None:
	"""The day a duo ended, None while it runs (or when it never started)."""
	if duo.get("actual_end"):
		return duo["actual_end"]
	if duo.get("status") == lifecycle.COMPLETED:
		return duo.get("planned_end")
	return None


def active_during(duo: Mapping, period: Period) -> bool:
	start = duo.get("start_date")
	if not start or start > period.end:
		return False
	end = duo_end(duo)
	return end is None or end >= period.start


def duo_outcomes(duos: Iterable[Mapping], period: Period) -> list[dict]:
	"""Duos proposed, started, active, and closed in the period by outcome and reason.

	Rows: ``{"outcome", "reason", "duos"}``; a closed outcome has a total row (reason "") and one
	row per end reason.
	"""
	duos = list(duos)
	rows = [
		{"outcome": PROPOSED, "reason": "", "duos": sum(1 for d in duos if d.get("proposed_on") in period)},
		{"outcome": STARTED, "reason": "", "duos": sum(1 for d in duos if d.get("start_date") in period)},
		{"outcome": ACTIVE_DURING, "reason": "", "duos": sum(1 for d in duos if active_during(d, period))},
	]
	for outcome in (lifecycle.COMPLETED, lifecycle.ENDED_EARLY):
		closed = [d for d in duos if d.get("status") == outcome and duo_end(d) in period]
		rows.append({"outcome": outcome, "reason": "", "duos": len(closed)})
		reasons = Counter(d.get("end_reason") or "" for d in closed)
		for reason in (*lifecycle.END_REASONS, ""):
			if reasons.get(reason):
				rows.append({"outcome": outcome, "reason": reason or _("Not given"), "duos": reasons[reason]})
	return rows


# --- Programme KPIs ---------------------------------------------------------------------------


def matching_kpis(duos: list[Mapping], period: Period) -> list[dict]:
	to_match = [
		(d["proposed_on"] - d["intake_date"]).days
		for d in duos
		if d.get("proposed_on") in period and d.get("intake_date")
	]
	to_start = [
		(d["start_date"] - d["proposed_on"]).days
		for d in duos
		if d.get("start_date") in period and d.get("proposed_on")
	]
	return [
		kpi(MATCHING, _("Average days from intake to match"), average(to_match)),
		kpi(MATCHING, _("Average days from match to start"), average(to_start)),
	]


def planned_in_period(
	duo: Mapping, period: Period, today: date, limits: ProgrammeLimits = DEFAULT_LIMITS
) -> int:
	"""Meetings the cadence plans for the part of the duo's run inside the period (and before today)."""
	start = max(duo["start_date"], period.start)
	ends = [d for d in (duo_end(duo), duo.get("planned_end"), period.end, today) if d]
	return rules.planned_meetings(start, min(ends), limits)


def meeting_kpis(
	active: list[Mapping],
	meetings: Iterable[Mapping],
	period: Period,
	today: date,
	limits: ProgrammeLimits = DEFAULT_LIMITS,
) -> list[dict]:
	"""``meetings``: per duo, ``held`` meetings in the period and their ``minutes``."""
	active_names = {d["name"] for d in active}
	held = minutes = 0
	for row in meetings:
		if in_scope(row, active_names):
			held += row.get("held") or 0
			minutes += row.get("minutes") or 0
	planned = sum(planned_in_period(d, period, today, limits) for d in active)
	return [
		kpi(MEETINGS, _("Meetings held against planned"), held, planned),
		kpi(MEETINGS, _("Hours of mentoring"), round(minutes / 60, 1)),
		kpi(MEETINGS, _("Average meetings per active duo"), round(held / len(active), 1) if active else None),
	]


def objective_kpis(active: list[Mapping], objectives: Iterable[Mapping]) -> list[dict]:
	active_names = {d["name"] for d in active}
	achieved: Counter = Counter()
	total: Counter = Counter()
	for row in objectives:
		if not in_scope(row, active_names) or row.get("status") == "Dropped":
			continue
		total[row.get("axis")] += count(row)
		if row.get("status") == "Achieved":
			achieved[row.get("axis")] += count(row)
	return [kpi(OBJECTIVES, axis, achieved[axis], total[axis]) for axis in AXES]


def outcome_kpis(follow_ups: Iterable[Mapping], period: Period) -> list[dict]:
	answered = [
		f
		for f in follow_ups
		if f.get("person_type") == "Mentee"
		and f.get("milestone") == TWELVE_MONTHS
		and f.get("done_on")
		and f.get("situation")
		and f.get("due_date") in period
	]
	n = sum(count(f) for f in answered)
	in_job = [f for f in answered if f["situation"] in IN_JOB]
	return [
		kpi(OUTCOMES, _("Mentees followed up at 12 months"), n),
		kpi(OUTCOMES, _("In a job"), sum(count(f) for f in in_job), n),
		kpi(
			OUTCOMES,
			_("In a stable job (permanent contract)"),
			sum(count(f) for f in in_job if f.get("contract_type") == STABLE_CONTRACT),
			n,
		),
		kpi(
			OUTCOMES,
			_("In training or an internship"),
			sum(count(f) for f in answered if f["situation"] in IN_TRAINING_OR_INTERNSHIP),
			n,
		),
		kpi(
			OUTCOMES,
			_("In a job, training or an internship"),
			sum(count(f) for f in answered if f["situation"] in IN_JOB + IN_TRAINING_OR_INTERNSHIP),
			n,
		),
	]


def mentor_kpis(
	duos: list[Mapping], active: list[Mapping], follow_ups: Iterable[Mapping], period: Period
) -> list[dict]:
	started_per_mentor = Counter(
		d.get("mentor") for d in duos if d.get("start_date") and d["start_date"] <= period.end
	)
	mentors = {d.get("mentor") for d in active}
	again = sum(1 for m in mentors if started_per_mentor[m] > 1)
	answers = [
		f
		for f in follow_ups
		if f.get("person_type") == "Mentor"
		and f.get("done_on")
		and f.get("would_mentor_again")
		and f.get("due_date") in period
	]
	return [
		kpi(MENTORS, _("Active mentors"), len(mentors)),
		kpi(MENTORS, _("Mentors in their second duo or more"), again, len(mentors)),
		kpi(
			MENTORS,
			_("Mentors who would mentor again"),
			sum(count(f) for f in answers if f["would_mentor_again"] == "Yes"),
			sum(count(f) for f in answers),
		),
	]


def participation_kpis(active: list[Mapping]) -> list[dict]:
	per_organisation = Counter(d.get("partner_organisation") or "" for d in active)
	return [
		kpi(PARTICIPATION, organisation or NO_ORGANISATION, count, len(active))
		for organisation, count in sorted(per_organisation.items(), key=lambda item: (-item[1], item[0]))
	]


def attendance(rows: list[Mapping]) -> tuple[int, int, int]:
	"""(occasions, registered, attended) of participant rows carrying ``event`` and ``status``."""
	registered = [r for r in rows if r.get("status") in ("Registered", "Attended", "Absent")]
	attended = [r for r in rows if r.get("status") == "Attended"]
	return len({r.get("event") for r in rows}), len(registered), len(attended)


def event_kpis(events: Iterable[Mapping], trainings: Iterable[Mapping]) -> list[dict]:
	events_held, event_registered, event_attended = attendance(list(events))
	sessions, session_registered, session_attended = attendance(list(trainings))
	return [
		kpi(EVENTS, _("Network events"), events_held),
		kpi(EVENTS, _("Attendance at network events"), event_attended, event_registered),
		kpi(EVENTS, _("Training sessions"), sessions),
		kpi(EVENTS, _("Attendance at training sessions"), session_attended, session_registered),
	]


def survey_kpis(surveys: Iterable[Mapping], period: Period) -> list[dict]:
	rows = [s for s in surveys if s.get("answered_on") in period and s.get("satisfaction")]
	return [
		kpi(SURVEYS, label, average(s["satisfaction"] for s in rows if s.get("moment") == moment))
		for moment, label in (
			("Mid-point", _("Average satisfaction at mid-point (1 to 5)")),
			("End", _("Average satisfaction at the end (1 to 5)")),
		)
	]


def programme_kpis(
	period: Period,
	duos: Iterable[Mapping],
	meetings: Iterable[Mapping] = (),
	objectives: Iterable[Mapping] = (),
	follow_ups: Iterable[Mapping] = (),
	events: Iterable[Mapping] = (),
	trainings: Iterable[Mapping] = (),
	surveys: Iterable[Mapping] = (),
	today: date | None = None,
	limits: ProgrammeLimits = DEFAULT_LIMITS,
) -> list[dict]:
	"""Every indicator as ``{"section", "indicator", "value", "out_of", "rate"}`` (rate in %).

	``duos``: every duo in scope (all periods: the mentors' earlier duos count), with ``name``,
	``mentor``, ``partner_organisation``, ``status``, ``proposed_on``, ``start_date``, ``actual_end``,
	``planned_end``, ``end_reason`` and the mentee's ``intake_date``; ``meetings``: per duo, the
	meetings ``held`` in the period and their ``minutes``; ``objectives``: ``duo``, ``axis``,
	``status``; ``follow_ups``: the Post-Duo Follow-up rows; ``events`` and ``trainings``: participant
	rows (``event``, ``status``) of the events and sessions held in the period.
	"""
	duos = list(duos)
	follow_ups = list(follow_ups)
	today = today or period.end
	active = [d for d in duos if active_during(d, period)]
	return [
		*matching_kpis(duos, period),
		*meeting_kpis(active, meetings, period, today, limits),
		*objective_kpis(active, objectives),
		*outcome_kpis(follow_ups, period),
		*mentor_kpis(duos, active, follow_ups, period),
		*participation_kpis(active),
		*event_kpis(events, trainings),
		*survey_kpis(surveys, period),
	]
