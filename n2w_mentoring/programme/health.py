"""A duo's health: the signals that tell a coordinator a duo needs a call.

Plain Python, no Frappe. The daily job (``n2w_mentoring.tasks.refresh_duo_health``) reads each open
duo's facts, asks :func:`signals` for the codes and stores their labels on the duo; the report
*Duos Needing Attention* lists the duos that have any.

The signals:

- ``no_recent_meeting``: an active duo has logged no held meeting for three weeks (counted from
  the last meeting, or from the start, whose signing meeting is the first one);
- ``behind_cadence``: an active duo has held fewer meetings than the cadence plans so far
  (:func:`n2w_mentoring.programme.rules.planned_meetings` from the start to today), by more than one;
- ``objectives_overdue``: an objective of the action plan is past its target date and neither
  achieved nor dropped;
- ``end_approaching``: the planned end is within two weeks;
- ``convention_unsigned``: a week after acceptance, the convention is still not signed (the duo
  is still Accepted);
- ``concerns_raised``: the coordinator's last check-in noted concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from n2w_mentoring.programme import lifecycle, rules
from n2w_mentoring.programme.rules import DEFAULT_LIMITS, ProgrammeLimits, _

NO_MEETING_DAYS = 21
END_APPROACHING_DAYS = 14
CONVENTION_GRACE_DAYS = 7
# Meetings a duo may lag behind the cadence before it shows.
CADENCE_TOLERANCE = 1

NO_RECENT_MEETING = "no_recent_meeting"
BEHIND_CADENCE = "behind_cadence"
OBJECTIVES_OVERDUE = "objectives_overdue"
END_APPROACHING = "end_approaching"
CONVENTION_UNSIGNED = "convention_unsigned"
CONCERNS_RAISED = "concerns_raised"

# In the order they are shown. English labels, translated where they are displayed.
LABELS = {
	NO_RECENT_MEETING: _("No meeting logged for 3 weeks"),
	BEHIND_CADENCE: _("Behind the meeting cadence"),
	OBJECTIVES_OVERDUE: _("Objectives overdue"),
	END_APPROACHING: _("End approaching"),
	CONVENTION_UNSIGNED: _("Convention unsigned a week after acceptance"),
	CONCERNS_RAISED: _("Concerns raised at the last check-in"),
}

OPEN_OBJECTIVE_STATES = ("Not started", "In progress")


@dataclass(frozen=True)
class DuoHealthFacts:
	"""What the signals look at, read from the duo, its plan and its check-ins."""

	status: str
	start_date: date | None = None
	planned_end: date | None = None
	accepted_on: date | None = None
	last_meeting_date: date | None = None
	meetings_held: int = 0
	# (target date, status) of each objective of the action plan
	objectives: tuple[tuple[date | None, str], ...] = ()
	last_checkin_concerns: bool = False


def accepted_on(mentor_agreed_on: date | None, mentee_agreed_on: date | None) -> date | None:
	"""A duo is accepted once both parties agreed: the later of the two agreements."""
	if mentor_agreed_on and mentee_agreed_on:
		return max(mentor_agreed_on, mentee_agreed_on)
	return None


def meetings_planned_so_far(
	start: date | None, planned_end: date | None, today: date, limits: ProgrammeLimits = DEFAULT_LIMITS
) -> int:
	if not start or start > today:
		return 0
	last_day = min(today, planned_end) if planned_end else today
	return rules.planned_meetings(start, last_day, limits)


def signals(facts: DuoHealthFacts, today: date, limits: ProgrammeLimits = DEFAULT_LIMITS) -> list[str]:
	"""The codes of the duo's signals, in the order of :data:`LABELS` (empty when all is well)."""
	found: set[str] = set()
	running = facts.status in lifecycle.RUNNING_STATES
	active = facts.status == lifecycle.ACTIVE

	if active and facts.start_date and facts.start_date <= today:
		last = max(d for d in (facts.last_meeting_date, facts.start_date) if d)
		if (today - last).days >= NO_MEETING_DAYS:
			found.add(NO_RECENT_MEETING)
		planned = meetings_planned_so_far(facts.start_date, facts.planned_end, today, limits)
		if facts.meetings_held + CADENCE_TOLERANCE < planned:
			found.add(BEHIND_CADENCE)

	if running and any(
		target and target < today and state in OPEN_OBJECTIVE_STATES for target, state in facts.objectives
	):
		found.add(OBJECTIVES_OVERDUE)

	if running and facts.planned_end and 0 <= (facts.planned_end - today).days <= END_APPROACHING_DAYS:
		found.add(END_APPROACHING)

	if (
		facts.status == lifecycle.ACCEPTED
		and facts.accepted_on
		and (today - facts.accepted_on).days >= CONVENTION_GRACE_DAYS
	):
		found.add(CONVENTION_UNSIGNED)

	if running and facts.last_checkin_concerns:
		found.add(CONCERNS_RAISED)

	return [code for code in LABELS if code in found]


def describe(codes: list[str]) -> str:
	"""The labels of ``codes``, one a line, as the duo stores them."""
	return "\n".join(LABELS[c] for c in codes)


def labels_of(stored: str | None) -> list[str]:
	"""The labels a duo stores, back as a list."""
	return [line for line in (stored or "").splitlines() if line.strip()]
