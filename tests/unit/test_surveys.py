from datetime import date

from n2w_mentoring.programme.surveys import END, MID_POINT, due_moments

START, END_DATE = date(2026, 1, 15), date(2026, 7, 14)


def test_nothing_is_due_in_the_first_half():
	assert due_moments("Active", START, END_DATE, date(2026, 3, 1), set()) == []


def test_mid_point_is_due_after_half_the_duo():
	assert due_moments("Active", START, END_DATE, date(2026, 4, 20), set()) == [MID_POINT]


def test_end_is_due_in_the_last_two_weeks_and_after_closing():
	assert END in due_moments("Active", START, END_DATE, date(2026, 7, 1), set())
	assert due_moments("Completed", START, END_DATE, date(2026, 8, 1), set()) == [END]
	assert due_moments("Ended Early", START, END_DATE, date(2026, 3, 1), set()) == [END]


def test_an_answered_moment_is_never_due_again():
	assert due_moments("Active", START, END_DATE, date(2026, 7, 10), {MID_POINT, END}) == []


def test_proposed_or_declined_duos_have_no_survey():
	for state in ("Proposed", "Accepted", "Declined", "Cancelled"):
		assert due_moments(state, START, END_DATE, date(2026, 7, 10), set()) == []
