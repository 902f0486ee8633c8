"""A programme's intakes (n2w_mentoring/programme/rules.py): which intake covers a day, what a
programme may hold, and the figures the public forms say."""

from datetime import date

import pytest

from n2w_mentoring.programme.rules import (
	Intake,
	ProgrammeLimits,
	application_date,
	check_intakes,
	check_mentee_intake,
	count_phrases,
	find_intake,
	intake_on,
)

SPRING = Intake("Spring 2026", date(2026, 3, 1), date(2026, 5, 31))
AUTUMN = Intake("Autumn 2026", date(2026, 9, 1), date(2026, 11, 30))
INTAKES = [SPRING, AUTUMN]


def codes(problems):
	return [p.code for p in problems]


@pytest.mark.parametrize(
	("day", "expected"),
	[
		(date(2026, 3, 1), "Spring 2026"),  # first day
		(date(2026, 5, 31), "Spring 2026"),  # last day
		(date(2026, 2, 28), None),  # the day before the first intake
		(date(2026, 6, 1), None),  # the day after: the gap between two intakes
		(date(2026, 8, 31), None),  # the gap's last day
		(date(2026, 9, 1), "Autumn 2026"),
		(date(2026, 11, 30), "Autumn 2026"),
		(date(2026, 12, 1), None),  # after the last intake
	],
)
def test_the_intake_covering_a_day(day, expected):
	assert intake_on(INTAKES, day) == expected


def test_an_intake_without_an_end_stays_open_and_one_without_a_start_was_always_open():
	rolling = [Intake("Rolling", date(2026, 1, 1)), Intake("Before", None, date(2025, 12, 31))]
	assert intake_on(rolling, date(2030, 1, 1)) == "Rolling"
	assert intake_on(rolling, date(2026, 1, 1)) == "Rolling"
	assert intake_on(rolling, date(2020, 1, 1)) == "Before"
	assert check_intakes(rolling) == []


def test_no_intake_covers_any_day_of_a_programme_without_intakes():
	assert intake_on([], date(2026, 3, 1)) is None


def test_intakes_in_turn_are_accepted_even_back_to_back():
	back_to_back = [SPRING, Intake("Summer 2026", date(2026, 6, 1), date(2026, 8, 31)), AUTUMN]
	assert check_intakes(back_to_back) == []


@pytest.mark.parametrize(
	"other",
	[
		Intake("Late spring", date(2026, 5, 31), date(2026, 6, 30)),  # shares the last day
		Intake("Inside", date(2026, 4, 1), date(2026, 4, 30)),
		Intake("Open end", date(2026, 1, 1)),
		Intake("Open start", None, date(2026, 3, 1)),  # shares the first day
	],
)
def test_overlapping_intakes_are_refused(other):
	problems = check_intakes([SPRING, other])
	assert codes(problems) == ["intakes_overlap"]
	assert problems[0].args == ("Spring 2026", other.label)


def test_an_intake_named_twice_or_closing_before_it_opens_is_refused():
	assert codes(check_intakes([SPRING, Intake(" spring 2026", date(2027, 1, 1), date(2027, 2, 1))])) == [
		"intake_twice"
	]
	assert codes(check_intakes([Intake("Backwards", date(2026, 5, 1), date(2026, 4, 1))])) == ["intake_dates"]


def test_a_mentee_s_intake_is_one_of_their_programme_s():
	assert check_mentee_intake("Spring 2026", INTAKES, "P1") == []
	assert check_mentee_intake(None, INTAKES, "P1") == []
	assert codes(check_mentee_intake("Spring 2025", INTAKES, "P1")) == ["intake_unknown"]
	assert codes(check_mentee_intake("Spring 2026", [], "P1")) == ["intake_unknown"]
	assert find_intake(INTAKES, "  SPRING 2026 ") == "Spring 2026"


def test_the_application_date_is_the_earlier_of_the_record_and_the_intake():
	assert application_date(date(2026, 4, 1)) == date(2026, 4, 1)
	assert application_date(date(2026, 4, 1), date(2026, 3, 2)) == date(2026, 3, 2)
	assert application_date(date(2026, 4, 1), date(2026, 4, 20)) == date(2026, 4, 1)


def test_the_public_figures_come_from_the_programme_with_the_singular_for_one():
	phrases = count_phrases(ProgrammeLimits(programme_months=4, max_meetings=8, meetings_per_month=2))
	assert phrases["duration"] == ("{0} months", (4,))
	assert phrases["meetings"] == ("{0} meetings", (8,))
	assert phrases["cadence"] == ("{0} times a month", (2,))
	assert phrases["minutes"] == ("{0} minutes", (90,))
	one = count_phrases(ProgrammeLimits(programme_months=1, max_meetings=1, meetings_per_month=1))
	assert (one["duration"], one["meetings"], one["cadence"]) == (
		("one month", ()),
		("one meeting", ()),
		("once a month", ()),
	)
