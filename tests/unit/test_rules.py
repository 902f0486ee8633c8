"""The programme's rules (n2w_mentoring/programme/rules.py): plain values in, problems out."""

import re
import string
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from n2w_mentoring.programme import rules
from n2w_mentoring.programme.rules import (
	CANCELLED,
	CONTACT_KINDS,
	DEFAULT_LIMITS,
	HELD,
	MEETING,
	MEETING_STATUSES,
	NO_SHOW,
	PLANNED,
	ProgrammeLimits,
	add_months,
	planned_end,
	planned_meetings,
)

TODAY = date(2026, 3, 10)


def codes(problems):
	return [p.code for p in problems]


# --- Problem and helpers ------------------------------------------------------------------------


def test_problem_is_an_error_by_default():
	assert rules.Problem("x", "m").is_error


def test_warning_problem_is_not_an_error():
	assert not rules.Problem("x", "m", (), rules.WARNING).is_error


def test_errors_and_warnings_split_problems():
	error, warning = rules.Problem("e", "m"), rules.Problem("w", "m", (), rules.WARNING)
	assert rules.errors([error, warning]) == [error]
	assert rules.warnings([error, warning]) == [warning]


def test_default_limits_are_the_seeds():
	assert DEFAULT_LIMITS == ProgrammeLimits(6, 12, 2, 90, True)


def test_only_a_held_meeting_of_kind_meeting_counts():
	assert rules.counts_as_meeting(MEETING, HELD)


@pytest.mark.parametrize("status", [PLANNED, CANCELLED, NO_SHOW])
def test_a_meeting_not_held_does_not_count(status):
	assert not rules.counts_as_meeting(MEETING, status)


@pytest.mark.parametrize("kind", CONTACT_KINDS)
def test_a_held_contact_does_not_count(kind):
	assert not rules.counts_as_meeting(kind, HELD)


# --- Dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, months, expected",
	[
		(date(2025, 8, 31), 6, date(2026, 2, 28)),
		(date(2023, 8, 31), 6, date(2024, 2, 29)),
		(date(2026, 1, 31), 1, date(2026, 2, 28)),
		(date(2024, 1, 31), 1, date(2024, 2, 29)),
		(date(2026, 3, 31), 1, date(2026, 4, 30)),
		(date(2025, 12, 15), 1, date(2026, 1, 15)),
		(date(2025, 11, 15), 3, date(2026, 2, 15)),
		(date(2025, 7, 1), 30, date(2028, 1, 1)),
		(date(2026, 5, 20), 12, date(2027, 5, 20)),
		(date(2026, 5, 20), 0, date(2026, 5, 20)),
	],
)
def test_add_months_keeps_the_day_clamped_to_the_month(start, months, expected):
	assert add_months(start, months) == expected


def test_planned_end_of_six_months_from_15_january_is_14_july():
	assert planned_end(date(2026, 1, 15)) == date(2026, 7, 14)


def test_planned_end_from_the_first_of_a_month_is_the_last_day_of_the_sixth_month():
	assert planned_end(date(2026, 3, 1)) == date(2026, 8, 31)


def test_planned_end_follows_the_programme_length():
	assert planned_end(date(2026, 1, 15), ProgrammeLimits(programme_months=3)) == date(2026, 4, 14)


def test_planned_meetings_over_the_whole_programme_is_capped_at_the_maximum():
	assert planned_meetings(date(2026, 1, 15), date(2026, 7, 14)) == 12


def test_planned_meetings_within_one_month_is_the_monthly_cadence():
	assert planned_meetings(date(2026, 1, 1), date(2026, 1, 31)) == 2


def test_planned_meetings_over_three_months():
	assert planned_meetings(date(2026, 1, 1), date(2026, 3, 31)) == 6


def test_planned_meetings_across_a_year_end():
	assert planned_meetings(date(2025, 12, 1), date(2026, 1, 31)) == 4


def test_planned_meetings_is_zero_when_end_is_before_start():
	assert planned_meetings(date(2026, 2, 1), date(2026, 1, 31)) == 0


def test_planned_meetings_follows_custom_limits():
	limits = ProgrammeLimits(meetings_per_month=1, max_meetings=20)
	assert planned_meetings(date(2026, 1, 15), date(2026, 7, 14), limits) == 6


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
months = st.integers(min_value=1, max_value=36)


@given(dates, months)
def test_planned_end_is_after_start_and_before_the_same_day_months_later(start, n):
	limits = ProgrammeLimits(programme_months=n)
	end = planned_end(start, limits)
	assert start < end < add_months(start, n) + timedelta(days=1)


@given(dates, dates)
def test_planned_end_never_moves_back_when_start_moves_forward(a, b):
	early, late = sorted((a, b))
	assert planned_end(early) <= planned_end(late)


@given(dates, st.integers(min_value=0, max_value=240))
def test_add_months_lands_in_the_right_month_on_a_day_not_after_the_start_day(start, n):
	result = add_months(start, n)
	assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
	assert result.day <= start.day


@given(dates, dates)
def test_planned_meetings_is_between_zero_and_the_maximum(a, b):
	assert 0 <= planned_meetings(a, b) <= DEFAULT_LIMITS.max_meetings


# --- Meeting duration -----------------------------------------------------------------------------


def test_meeting_of_90_minutes_is_allowed():
	assert rules.check_meeting_duration(90) == []


def test_meeting_of_91_minutes_is_too_long():
	assert codes(rules.check_meeting_duration(91)) == ["duration_too_long"]


def test_too_long_meeting_names_the_limit_and_the_duration():
	assert rules.check_meeting_duration(91)[0].args == (90, 91)


def test_meeting_of_one_minute_is_allowed():
	assert rules.check_meeting_duration(1) == []


@pytest.mark.parametrize("minutes", [None, 0, -5])
def test_meeting_without_a_positive_duration_is_refused(minutes):
	assert codes(rules.check_meeting_duration(minutes)) == ["duration_missing"]


def test_custom_limit_refuses_a_meeting_of_61_minutes():
	assert codes(rules.check_meeting_duration(61, ProgrammeLimits(max_meeting_minutes=60))) == [
		"duration_too_long"
	]


def test_custom_limit_allows_a_meeting_of_60_minutes():
	assert rules.check_meeting_duration(60, ProgrammeLimits(max_meeting_minutes=60)) == []


def test_custom_limit_refuses_what_the_default_allows():
	assert rules.check_meeting_duration(75) == []
	assert rules.check_meeting_duration(75, ProgrammeLimits(max_meeting_minutes=60))


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_a_longer_meeting_never_passes_when_a_shorter_one_fails(a, b):
	shorter, longer = sorted((a, b))
	if rules.check_meeting_duration(shorter):
		assert rules.check_meeting_duration(longer)


# --- Meeting count --------------------------------------------------------------------------------


def test_eleventh_meeting_held_elsewhere_leaves_room_for_the_twelfth():
	assert rules.check_meeting_count(11, counts=True) == []


def test_twelve_meetings_held_elsewhere_refuse_a_thirteenth():
	assert codes(rules.check_meeting_count(12, counts=True)) == ["too_many_meetings"]


@pytest.mark.parametrize("held_elsewhere", [12, 13, 100])
def test_a_meeting_that_does_not_count_is_never_refused_for_the_count(held_elsewhere):
	assert rules.check_meeting_count(held_elsewhere, counts=False) == []


def test_custom_maximum_changes_the_count_limit():
	limits = ProgrammeLimits(max_meetings=4)
	assert rules.check_meeting_count(3, True, limits) == []
	assert codes(rules.check_meeting_count(4, True, limits)) == ["too_many_meetings"]


# --- Meeting and convention -----------------------------------------------------------------------


def test_held_meeting_before_the_convention_is_refused():
	problems = rules.check_meeting_after_convention(date(2026, 1, 9), date(2026, 1, 10), counts=True)
	assert codes(problems) == ["before_convention"]


def test_held_meeting_on_the_signing_date_is_allowed():
	assert rules.check_meeting_after_convention(date(2026, 1, 10), date(2026, 1, 10), counts=True) == []


def test_held_meeting_after_the_signing_date_is_allowed():
	assert rules.check_meeting_after_convention(date(2026, 2, 1), date(2026, 1, 10), counts=True) == []


def test_held_meeting_without_a_convention_is_refused():
	assert codes(rules.check_meeting_after_convention(date(2026, 1, 10), None, counts=True)) == [
		"convention_not_signed"
	]


def test_non_counting_meeting_without_a_convention_is_allowed():
	assert rules.check_meeting_after_convention(date(2026, 1, 10), None, counts=False) == []


def test_non_counting_meeting_before_the_convention_is_allowed():
	assert rules.check_meeting_after_convention(date(2026, 1, 1), date(2026, 1, 10), counts=False) == []


# --- Meeting within the duo -----------------------------------------------------------------------


def test_meeting_on_the_planned_end_is_allowed():
	assert rules.check_meeting_within_duo(date(2026, 7, 14), date(2026, 7, 14)) == []


def test_meeting_after_the_planned_end_is_refused():
	assert codes(rules.check_meeting_within_duo(date(2026, 7, 15), date(2026, 7, 14))) == ["after_duo_end"]


def test_meeting_after_the_actual_end_is_refused():
	problems = rules.check_meeting_within_duo(date(2026, 5, 2), date(2026, 7, 14), date(2026, 5, 1))
	assert codes(problems) == ["after_duo_end"]


def test_meeting_after_the_actual_end_names_the_earlier_end():
	problems = rules.check_meeting_within_duo(date(2026, 5, 2), date(2026, 7, 14), date(2026, 5, 1))
	assert problems[0].args == (date(2026, 5, 2), date(2026, 5, 1))


def test_meeting_after_the_actual_end_is_refused_without_a_planned_end():
	assert rules.check_meeting_within_duo(date(2026, 5, 2), None, date(2026, 5, 1))


def test_meeting_of_a_duo_without_end_dates_is_allowed():
	assert rules.check_meeting_within_duo(date(2030, 1, 1), None, None) == []


# --- Meeting in the future ------------------------------------------------------------------------


@pytest.mark.parametrize("status", [HELD, NO_SHOW])
def test_held_or_no_show_meeting_in_the_future_is_refused(status):
	assert codes(rules.check_meeting_not_in_future(TODAY + timedelta(days=1), status, TODAY)) == [
		"held_in_future"
	]


@pytest.mark.parametrize("status", [HELD, NO_SHOW])
def test_held_or_no_show_meeting_today_is_allowed(status):
	assert rules.check_meeting_not_in_future(TODAY, status, TODAY) == []


@pytest.mark.parametrize("status", [PLANNED, CANCELLED])
def test_planned_or_cancelled_meeting_in_the_future_is_allowed(status):
	assert rules.check_meeting_not_in_future(TODAY + timedelta(days=30), status, TODAY) == []


# --- Monthly cadence ------------------------------------------------------------------------------


def test_third_meeting_in_a_month_with_limit_two_is_a_warning():
	problems = rules.check_monthly_cadence(3, counts=True)
	assert codes(problems) == ["above_cadence"]
	assert problems[0].severity == rules.WARNING


def test_third_meeting_in_a_month_is_not_an_error():
	assert rules.errors(rules.check_monthly_cadence(3, counts=True)) == []


def test_second_meeting_in_a_month_is_within_the_cadence():
	assert rules.check_monthly_cadence(2, counts=True) == []


def test_non_counting_meeting_never_breaks_the_cadence():
	assert rules.check_monthly_cadence(9, counts=False) == []


def test_custom_cadence_of_three_allows_a_third_meeting():
	assert rules.check_monthly_cadence(3, True, ProgrammeLimits(meetings_per_month=3)) == []


# --- Duo state accepts meetings -------------------------------------------------------------------


@pytest.mark.parametrize("state", ["Declined", "Cancelled"])
def test_declined_or_cancelled_duo_accepts_no_meeting(state):
	assert codes(rules.check_duo_accepts_meetings(state)) == ["duo_not_running"]


@pytest.mark.parametrize("state", ["Proposed", "Accepted", "Active", "Suspended", "Completed", "Ended Early"])
def test_other_duo_states_do_not_refuse_meetings_here(state):
	assert rules.check_duo_accepts_meetings(state) == []


# --- Duo dates ------------------------------------------------------------------------------------


def test_end_before_start_is_refused():
	assert codes(rules.check_dates_in_order(date(2026, 2, 1), date(2026, 1, 31))) == ["end_before_start"]


def test_end_on_start_is_allowed():
	assert rules.check_dates_in_order(date(2026, 2, 1), date(2026, 2, 1)) == []


@pytest.mark.parametrize("start, end", [(None, date(2026, 1, 1)), (date(2026, 1, 1), None), (None, None)])
def test_missing_dates_are_not_out_of_order(start, end):
	assert rules.check_dates_in_order(start, end) == []


# --- Mentee and mentor ----------------------------------------------------------------------------


def test_mentee_without_another_open_duo_is_allowed():
	assert rules.check_mentee_single_open_duo([]) == []


def test_mentee_with_another_open_duo_is_refused():
	problems = rules.check_mentee_single_open_duo(["DUO-2026-0001", "DUO-2026-0002"])
	assert codes(problems) == ["mentee_already_in_duo"]
	assert problems[0].args == ("DUO-2026-0001, DUO-2026-0002",)


def test_mentor_with_capacity_two_and_one_duo_elsewhere_is_allowed():
	assert rules.check_mentor_capacity(1, 2) == []


def test_mentor_with_capacity_two_and_two_duos_elsewhere_is_refused():
	assert codes(rules.check_mentor_capacity(2, 2)) == ["mentor_at_capacity"]


@pytest.mark.parametrize("capacity", [0, None, -1])
def test_mentor_without_capacity_is_treated_as_capacity_zero(capacity):
	problems = rules.check_mentor_capacity(0, capacity)
	assert codes(problems) == ["mentor_at_capacity"]
	assert problems[0].args == (0, 0)


def test_untrained_mentor_is_refused_when_training_is_required():
	assert codes(rules.check_activation(mentor_trained=False, mentee_consent=True)) == ["mentor_untrained"]


def test_untrained_mentor_is_allowed_when_training_is_not_required():
	limits = ProgrammeLimits(training_required=False)
	assert rules.check_activation(mentor_trained=False, mentee_consent=True, limits=limits) == []


def test_activation_without_mentee_consent_is_refused():
	assert codes(rules.check_activation(mentor_trained=True, mentee_consent=False)) == ["mentee_no_consent"]


def test_activation_reports_both_problems_at_once():
	assert codes(rules.check_activation(False, False)) == ["mentor_untrained", "mentee_no_consent"]


def test_activation_with_trained_mentor_and_consent_is_allowed():
	assert rules.check_activation(True, True) == []


@pytest.mark.parametrize("status", ["Paused", "Left the programme"])
def test_paused_or_departed_mentor_is_unavailable(status):
	assert codes(rules.check_mentor_available(status)) == ["mentor_unavailable"]


@pytest.mark.parametrize("status", ["Applicant", "Trained", "Available", "In duo"])
def test_other_mentor_statuses_are_available(status):
	assert rules.check_mentor_available(status) == []


@pytest.mark.parametrize("status", ["Withdrawn", "Completed"])
def test_withdrawn_or_completed_mentee_is_unavailable(status):
	assert codes(rules.check_mentee_available(status)) == ["mentee_unavailable"]


@pytest.mark.parametrize("status", ["Applicant", "Intake done", "Waiting for match", "In duo"])
def test_other_mentee_statuses_are_available(status):
	assert rules.check_mentee_available(status) == []


# --- Consent and settings -------------------------------------------------------------------------


def test_consent_with_date_and_notice_version_is_complete():
	assert rules.check_consent(True, date(2026, 1, 5), "2026-01") == []


@pytest.mark.parametrize("consent_date, version", [(None, "2026-01"), (date(2026, 1, 5), None), (None, "")])
def test_consent_without_date_or_notice_version_is_incomplete(consent_date, version):
	assert codes(rules.check_consent(True, consent_date, version)) == ["consent_incomplete"]


def test_no_consent_needs_no_date_nor_version():
	assert rules.check_consent(False, None, None) == []


@pytest.mark.parametrize("capacity", [None, 0, -1])
def test_capacity_below_one_is_invalid(capacity):
	assert codes(rules.check_capacity_value(capacity)) == ["capacity_invalid"]


def test_capacity_of_one_is_valid():
	assert rules.check_capacity_value(1) == []


def test_default_programme_limits_are_valid():
	assert rules.check_programme_limits(DEFAULT_LIMITS) == []


@pytest.mark.parametrize(
	"field", ["programme_months", "max_meetings", "meetings_per_month", "max_meeting_minutes"]
)
@pytest.mark.parametrize("value", [0, -1, None])
def test_programme_limit_not_positive_is_refused(field, value):
	problems = rules.check_programme_limits(ProgrammeLimits(**{field: value}))
	assert codes(problems) == ["limit_not_positive"]
	assert problems[0].args == (field,)


def test_every_non_positive_programme_limit_is_reported():
	assert len(rules.check_programme_limits(ProgrammeLimits(0, 0, 0, 0))) == 4


def test_training_not_required_is_a_valid_setting():
	assert rules.check_programme_limits(ProgrammeLimits(training_required=False)) == []


# --- Messages -------------------------------------------------------------------------------------


def assert_formats(problem):
	fields = {name for _, name, _, _ in string.Formatter().parse(problem.message) if name is not None}
	assert fields == {str(i) for i in range(len(problem.args))}, problem
	problem.message.format(*problem.args)


def every_problem():
	day = date(2026, 1, 10)
	yield from rules.check_meeting_duration(None)
	yield from rules.check_meeting_duration(500)
	yield from rules.check_meeting_count(12, True)
	yield from rules.check_meeting_after_convention(day, None, True)
	yield from rules.check_meeting_after_convention(day, day + timedelta(days=1), True)
	yield from rules.check_meeting_within_duo(day, day - timedelta(days=1))
	yield from rules.check_meeting_not_in_future(day, HELD, day - timedelta(days=1))
	yield from rules.check_monthly_cadence(3, True)
	yield from rules.check_duo_accepts_meetings("Declined")
	yield from rules.check_dates_in_order(day, day - timedelta(days=1))
	yield from rules.check_mentee_single_open_duo(["DUO-1"])
	yield from rules.check_mentor_capacity(1, 1)
	yield from rules.check_activation(False, False)
	yield from rules.check_mentor_available("Left the programme")
	yield from rules.check_mentee_available("Withdrawn")
	yield from rules.check_consent(True, None, None)
	yield from rules.check_capacity_value(0)
	yield from rules.check_programme_limits(ProgrammeLimits(0, 0, 0, 0))
	spring = rules.Intake("Spring", day, day + timedelta(days=30))
	yield from rules.check_intakes(
		[spring, rules.Intake("spring", day - timedelta(days=1), day - timedelta(days=2))]
	)
	yield from rules.check_intakes([spring, rules.Intake("Summer", day + timedelta(days=30))])
	yield from rules.check_mentee_intake("Autumn", [spring], "P1")


def test_every_problem_code_in_rules_is_reached():
	source = Path(rules.__file__).read_text()
	assert {p.code for p in every_problem()} == set(re.findall(r'Problem\(\s*"(\w+)"', source))


@pytest.mark.parametrize("problem", list(every_problem()), ids=lambda p: p.code)
def test_problem_message_placeholders_match_its_arguments(problem):
	assert_formats(problem)


small_ints = st.one_of(st.none(), st.integers(min_value=-5, max_value=200))
positive = st.integers(min_value=1, max_value=200)
valid_limits = st.builds(ProgrammeLimits, positive, positive, positive, positive, st.booleans())


@given(
	minutes=small_ints,
	count=st.integers(min_value=0, max_value=30),
	counts=st.booleans(),
	limits=valid_limits,
	day=dates,
	other=st.one_of(st.none(), dates),
	status=st.sampled_from(MEETING_STATUSES),
	capacity=small_ints,
	duos=st.lists(st.text(min_size=1, max_size=8), max_size=3),
)
def test_any_problem_formats_with_its_arguments(
	minutes, count, counts, limits, day, other, status, capacity, duos
):
	problems = [
		*rules.check_meeting_duration(minutes, limits),
		*rules.check_meeting_count(count, counts, limits),
		*rules.check_meeting_after_convention(day, other, counts),
		*rules.check_meeting_within_duo(day, other, other),
		*rules.check_meeting_not_in_future(day, status, other or day),
		*rules.check_monthly_cadence(count, counts, limits),
		*rules.check_dates_in_order(other, day),
		*rules.check_mentee_single_open_duo(duos),
		*rules.check_mentor_capacity(count, capacity),
		*rules.check_capacity_value(capacity),
		*rules.check_programme_limits(limits),
	]
	for problem in problems:
		assert_formats(problem)
