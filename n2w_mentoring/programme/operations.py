"""Running the programme: training, network events, follow-ups after a duo, surveys.

Plain Python, no Frappe: each check returns a list of :class:`~n2w_mentoring.programme.rules.Problem`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from n2w_mentoring.programme import lifecycle
from n2w_mentoring.programme.rules import Problem, _, add_months

# --- Mentor training and network events ------------------------------------------------------

REGISTERED, ATTENDED, ABSENT, INVITED = "Registered", "Attended", "Absent", "Invited"
ATTENDANCE_MARKS = (ATTENDED, ABSENT)


def duplicates(values: list[str]) -> list[str]:
	return sorted(v for v, n in Counter(v for v in values if v).items() if n > 1)


def check_no_duplicate_participants(names: list[str]) -> list[Problem]:
	found = duplicates(names)
	if found:
		return [
			Problem(
				"duplicate_participant",
				_("{0} appears more than once in the list."),
				(", ".join(found),),
			)
		]
	return []


def check_attendance_after_the_date(statuses: list[str], on: date | None, today: date) -> list[Problem]:
	"""Attendance is recorded on or after the day: nobody attends a session that has not taken place."""
	if on and on > today and any(s in ATTENDANCE_MARKS for s in statuses):
		return [
			Problem(
				"attendance_in_future",
				_("Attendance can be recorded from {0}, the day it takes place."),
				(on,),
			)
		]
	return []


def check_places_left(registered: int, capacity: int | None) -> list[Problem]:
	if capacity and registered > capacity:
		return [
			Problem(
				"session_full",
				_("This session has {0} places; {1} mentors are registered."),
				(capacity, registered),
			)
		]
	return []


def check_registration_open(session_date: date, today: date) -> list[Problem]:
	if session_date < today:
		return [
			Problem(
				"session_past",
				_("The session on {0} has taken place: registrations are closed."),
				(session_date,),
			)
		]
	return []


def places_left(registered: int, capacity: int | None) -> int | None:
	"""Places still free, None when the session has no limit."""
	if not capacity:
		return None
	return max(capacity - registered, 0)


# --- Follow-up after the duo --------------------------------------------------------------------

MENTEE, MENTOR = "Mentee", "Mentor"
MILESTONES = {3: "3 months", 6: "6 months", 12: "12 months"}
# Who is asked how things went, and when (months after the duo's end).
FOLLOW_UP_PLAN = ((MENTEE, 3), (MENTEE, 6), (MENTEE, 12), (MENTOR, 3))
# A duo that reaches one of these states gets its follow-ups.
FOLLOWED_UP_STATES = (lifecycle.COMPLETED, lifecycle.ENDED_EARLY)

SITUATIONS = ("Employed", "Training", "Internship", "Volunteering", "Still searching", "Other")
CONTRACT_TYPES = ("Permanent", "Fixed-term", "Temporary", "Other")


def follow_up_plan(end: date) -> list[tuple[str, str, date]]:
	"""(person type, milestone, due date) of each follow-up of a duo that ended on ``end``."""
	return [(person, MILESTONES[months], add_months(end, months)) for person, months in FOLLOW_UP_PLAN]


def check_follow_up_answer(
	person_type: str, done: bool, situation: str | None, would_mentor_again: str | None
) -> list[Problem]:
	"""A follow-up marked done records its answer."""
	if not done:
		return []
	if person_type == MENTEE and not situation:
		return [
			Problem(
				"follow_up_without_situation",
				_("Record the mentee's situation before marking the follow-up done."),
			)
		]
	if person_type == MENTOR and not would_mentor_again:
		return [
			Problem(
				"follow_up_without_answer",
				_("Record whether the mentor would mentor again before marking the follow-up done."),
			)
		]
	return []


# --- Surveys ----------------------------------------------------------------------------------

SATISFACTION_RANGE = (1, 5)


def check_satisfaction(value: int | None) -> list[Problem]:
	low, high = SATISFACTION_RANGE
	if value is None or not low <= value <= high:
		return [
			Problem("satisfaction_out_of_range", _("Satisfaction is a score from {0} to {1}."), (low, high))
		]
	return []
