"""The Net2Work programme's rules: durations, counts, dates, cadence and eligibility.

Every check takes plain values and returns a list of :class:`Problem` (empty when all is well);
none raises. Messages are English templates with ``{0}``-style placeholders, marked with ``_`` so
that Frappe's string extraction finds them; the caller translates them (``frappe._``) and formats
them with the problem's arguments.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

ERROR = "error"
WARNING = "warning"


def _(message: str) -> str:
	"""Mark a message for translation; the caller translates it."""
	return message


@dataclass(frozen=True)
class Problem:
	code: str
	message: str
	args: tuple = ()
	severity: str = ERROR

	@property
	def is_error(self) -> bool:
		return self.severity == ERROR


@dataclass(frozen=True)
class ProgrammeLimits:
	"""The programme's limits, as a Mentoring Programme holds them (defaults from the seeds)."""

	programme_months: int = 6
	max_meetings: int = 12
	meetings_per_month: int = 2
	max_meeting_minutes: int = 90
	training_required: bool = True


DEFAULT_LIMITS = ProgrammeLimits()

# Meeting kinds and statuses. Only a held meeting of kind "Meeting" counts towards the maximum;
# phone calls, e-mails and messages keep the link between meetings and never count.
MEETING = "Meeting"
CONTACT_KINDS = ("Phone call", "E-mail", "Message")
MEETING_KINDS = (MEETING, *CONTACT_KINDS)
PLANNED, HELD, CANCELLED, NO_SHOW = "Planned", "Held", "Cancelled", "No-show"
MEETING_STATUSES = (PLANNED, HELD, CANCELLED, NO_SHOW)


DAYS_PER_MONTH = 365.25 / 12


def counts_as_meeting(kind: str, status: str) -> bool:
	return kind == MEETING and status == HELD


def add_months(start: date, months: int) -> date:
	"""The same day ``months`` later, clamped to the month's last day (31 Aug + 6 = 28/29 Feb)."""
	month_index = start.month - 1 + months
	year = start.year + month_index // 12
	month = month_index % 12 + 1
	day = min(start.day, calendar.monthrange(year, month)[1])
	return date(year, month, day)


def planned_end(start: date, limits: ProgrammeLimits = DEFAULT_LIMITS) -> date:
	"""Last day of a duo that starts on ``start``: six months from 15 January end on 14 July."""
	return add_months(start, limits.programme_months) - timedelta(days=1)


def planned_meetings(start: date, end: date, limits: ProgrammeLimits = DEFAULT_LIMITS) -> int:
	"""Meetings the cadence plans between two dates (both included), capped by the programme's maximum.

	Months are counted by length, not by the calendar months the dates touch: 15 January to
	14 July is six months, so twelve meetings at two a month.
	"""
	if end < start:
		return 0
	months = ((end - start).days + 1) / DAYS_PER_MONTH
	return min(round(months * limits.meetings_per_month), limits.max_meetings)


# --- Meetings ---------------------------------------------------------------------------------


def check_meeting_duration(minutes: int | None, limits: ProgrammeLimits = DEFAULT_LIMITS) -> list[Problem]:
	if minutes is None or minutes <= 0:
		return [Problem("duration_missing", _("Give the meeting's duration in minutes."))]
	if minutes > limits.max_meeting_minutes:
		return [
			Problem(
				"duration_too_long",
				_("A meeting lasts at most {0} minutes; this one lasts {1}."),
				(limits.max_meeting_minutes, minutes),
			)
		]
	return []


def check_meeting_count(
	held_elsewhere: int, counts: bool, limits: ProgrammeLimits = DEFAULT_LIMITS
) -> list[Problem]:
	"""``held_elsewhere``: held meetings of the duo other than this one."""
	if counts and held_elsewhere >= limits.max_meetings:
		return [
			Problem(
				"too_many_meetings",
				_("This duo has already held its {0} meetings; no further meeting can be recorded."),
				(limits.max_meetings,),
			)
		]
	return []


def check_meeting_after_convention(
	meeting_date: date, convention_signed_on: date | None, counts: bool
) -> list[Problem]:
	"""A held meeting needs a signed convention; the signing meeting itself is the first one."""
	if not counts:
		return []
	if convention_signed_on is None:
		return [
			Problem(
				"convention_not_signed",
				_("The duo's convention is not signed yet: a meeting can only be recorded once it is."),
			)
		]
	if meeting_date < convention_signed_on:
		return [
			Problem(
				"before_convention",
				_("The meeting on {0} is before the convention was signed on {1}."),
				(meeting_date, convention_signed_on),
			)
		]
	return []


def check_meeting_within_duo(
	meeting_date: date, planned_end_date: date | None, actual_end: date | None = None
) -> list[Problem]:
	last_day = (
		min(d for d in (planned_end_date, actual_end) if d) if (planned_end_date or actual_end) else None
	)
	if last_day and meeting_date > last_day:
		return [
			Problem(
				"after_duo_end",
				_("The meeting on {0} is after the duo's end on {1}."),
				(meeting_date, last_day),
			)
		]
	return []


def check_meeting_not_in_future(meeting_date: date, status: str, today: date) -> list[Problem]:
	if status in (HELD, NO_SHOW) and meeting_date > today:
		return [
			Problem(
				"held_in_future",
				_("A meeting on {0} cannot be marked as held or missed before it takes place."),
				(meeting_date,),
			)
		]
	return []


def check_monthly_cadence(
	meetings_in_month: int, counts: bool, limits: ProgrammeLimits = DEFAULT_LIMITS
) -> list[Problem]:
	"""``meetings_in_month``: held meetings in the same calendar month, this one included."""
	if counts and meetings_in_month > limits.meetings_per_month:
		return [
			Problem(
				"above_cadence",
				_("This is meeting {0} this month; the programme plans {1} a month."),
				(meetings_in_month, limits.meetings_per_month),
				WARNING,
			)
		]
	return []


def check_duo_accepts_meetings(duo_state: str) -> list[Problem]:
	if duo_state in ("Declined", "Cancelled"):
		return [
			Problem(
				"duo_not_running",
				_("This duo is {0}: no meeting can be recorded for it."),
				(duo_state,),
			)
		]
	return []


# --- Duos -------------------------------------------------------------------------------------


def check_dates_in_order(start: date | None, end: date | None) -> list[Problem]:
	if start and end and end < start:
		return [
			Problem("end_before_start", _("The end date {0} is before the start date {1}."), (end, start))
		]
	return []


def check_mentee_single_open_duo(other_open_duos: list[str]) -> list[Problem]:
	if other_open_duos:
		return [
			Problem(
				"mentee_already_in_duo",
				_("This mentee already has an open duo ({0}); a mentee takes part in one duo at a time."),
				(", ".join(other_open_duos),),
			)
		]
	return []


def check_mentor_capacity(open_duos_elsewhere: int, capacity: int) -> list[Problem]:
	capacity = max(capacity or 0, 0)
	if open_duos_elsewhere >= capacity:
		return [
			Problem(
				"mentor_at_capacity",
				_("This mentor already accompanies {0} duo(s), their capacity is {1}."),
				(open_duos_elsewhere, capacity),
			)
		]
	return []


def check_activation(
	mentor_trained: bool, mentee_consent: bool, limits: ProgrammeLimits = DEFAULT_LIMITS
) -> list[Problem]:
	problems = []
	if limits.training_required and not mentor_trained:
		problems.append(
			Problem(
				"mentor_untrained",
				_("The mentor has not completed the mentor training; the duo cannot start."),
			)
		)
	if not mentee_consent:
		problems.append(
			Problem(
				"mentee_no_consent",
				_("The mentee's consent to data processing is not recorded; the duo cannot start."),
			)
		)
	return problems


def check_mentor_available(mentor_status: str) -> list[Problem]:
	if mentor_status in ("Paused", "Left the programme"):
		return [
			Problem(
				"mentor_unavailable",
				_("The mentor's status is {0}: they cannot be proposed a duo."),
				(mentor_status,),
			)
		]
	return []


def check_mentee_available(mentee_status: str) -> list[Problem]:
	if mentee_status in ("Withdrawn", "Completed"):
		return [
			Problem(
				"mentee_unavailable",
				_("The mentee's status is {0}: they cannot be proposed a duo."),
				(mentee_status,),
			)
		]
	return []


def check_consent(
	consent_given: bool, consent_date: date | None, notice_version: str | None
) -> list[Problem]:
	if consent_given and not (consent_date and notice_version):
		return [
			Problem(
				"consent_incomplete",
				_("Record the date of the consent and the version of the privacy notice it was given for."),
			)
		]
	return []


def check_capacity_value(capacity: int | None) -> list[Problem]:
	if capacity is None or capacity < 1:
		return [Problem("capacity_invalid", _("A mentor's capacity is at least one duo."))]
	return []


def check_programme_limits(limits: ProgrammeLimits) -> list[Problem]:
	values = {
		"programme_months": limits.programme_months,
		"max_meetings": limits.max_meetings,
		"meetings_per_month": limits.meetings_per_month,
		"max_meeting_minutes": limits.max_meeting_minutes,
	}
	return [
		Problem("limit_not_positive", _("{0} must be greater than zero."), (name,))
		for name, value in values.items()
		if not value or value < 1
	]


# --- Intakes: the periods (or cohorts) in which a programme takes mentees -------------------------


@dataclass(frozen=True)
class Intake:
	"""An intake period of a programme, named by its label (unique within the programme). A missing
	date leaves that side open: no start, open since always; no end, open from its start on."""

	label: str
	start: date | None = None
	end: date | None = None

	def covers(self, day: date) -> bool:
		"""Whether ``day`` falls in the intake, both its first and its last day included."""
		return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

	def overlaps(self, other: Intake) -> bool:
		starts_before_other_ends = self.start is None or other.end is None or self.start <= other.end
		other_starts_before_end = other.start is None or self.end is None or other.start <= self.end
		return starts_before_other_ends and other_starts_before_end


def intake_key(label: str | None) -> str:
	"""What makes two labels the same intake: case and surrounding spaces do not count."""
	return (label or "").strip().casefold()


def application_date(created: date, intake_date: date | None = None) -> date:
	"""The day a mentee applied: the day their record was made, or their intake date when that is
	earlier (a record entered after the fact, an import of a programme under way)."""
	return min(created, intake_date) if intake_date else created


def intake_on(intakes: list[Intake], day: date) -> str | None:
	"""The label of the intake open on ``day``; None before the first, after the last, or in a gap
	between two. A programme's intakes never overlap (:func:`check_intakes`)."""
	for intake in intakes:
		if intake.covers(day):
			return intake.label
	return None


def find_intake(intakes: list[Intake], label: str | None) -> str | None:
	"""The programme's own spelling of ``label``, or None when it is not one of its intakes."""
	key = intake_key(label)
	return next((i.label for i in intakes if intake_key(i.label) == key), None) if key else None


def check_intakes(intakes: list[Intake]) -> list[Problem]:
	"""A programme's intakes: each label given once, each closing after it opens, no two at once."""
	problems, seen = [], {}
	for intake in intakes:
		key = intake_key(intake.label)
		if key in seen:
			problems.append(
				Problem(
					"intake_twice",
					_("The intake {0} is given twice: name each intake once."),
					(intake.label,),
				)
			)
		seen[key] = intake
		if intake.start and intake.end and intake.end < intake.start:
			problems.append(Problem("intake_dates", _("Intake {0} closes before it opens."), (intake.label,)))
	ordered = [i for i in intakes if not (i.start and i.end and i.end < i.start)]
	for k, first in enumerate(ordered):
		for second in ordered[k + 1 :]:
			if first.overlaps(second) and intake_key(first.label) != intake_key(second.label):
				problems.append(
					Problem(
						"intakes_overlap",
						_("Intakes {0} and {1} overlap: a day belongs to one intake at most."),
						(first.label, second.label),
					)
				)
	return problems


def check_mentee_intake(label: str | None, intakes: list[Intake], programme: str) -> list[Problem]:
	if label and not find_intake(intakes, label):
		return [
			Problem(
				"intake_unknown",
				_("{0} is not an intake of the programme {1}: choose one of its intakes."),
				(label, programme),
			)
		]
	return []


# --- The public figures of a programme ---------------------------------------------------------------


def count_phrases(limits: ProgrammeLimits) -> dict[str, tuple[str, tuple]]:
	"""The programme's figures as the public forms say them: each a message (singular when the
	count is one) and its arguments, for the caller to translate and format."""

	def counted(value: int, one: str, many: str) -> tuple[str, tuple]:
		return (one, ()) if value == 1 else (many, (value,))

	return {
		"duration": counted(limits.programme_months, _("one month"), _("{0} months")),
		"meetings": counted(limits.max_meetings, _("one meeting"), _("{0} meetings")),
		"cadence": counted(limits.meetings_per_month, _("once a month"), _("{0} times a month")),
		"minutes": (_("{0} minutes"), (limits.max_meeting_minutes,)),
	}


def errors(problems: list[Problem]) -> list[Problem]:
	return [p for p in problems if p.is_error]


def warnings(problems: list[Problem]) -> list[Problem]:
	return [p for p in problems if not p.is_error]
