"""Duo health signals: plain facts in, the signal codes out."""

from datetime import date, timedelta

import pytest

from n2w_mentoring.programme import health
from n2w_mentoring.programme.health import DuoHealthFacts
from n2w_mentoring.programme.rules import ProgrammeLimits, planned_end

TODAY = date(2026, 6, 15)


def days_ago(n: int) -> date:
	return TODAY - timedelta(days=n)


def active(started_days_ago: int, **facts) -> DuoHealthFacts:
	start = days_ago(started_days_ago)
	return DuoHealthFacts(status="Active", start_date=start, planned_end=planned_end(start), **facts)


def test_a_duo_on_track_has_no_signal():
	facts = active(30, last_meeting_date=days_ago(3), meetings_held=2)
	assert health.signals(facts, TODAY) == []


def test_no_meeting_for_three_weeks():
	assert health.signals(active(60, last_meeting_date=days_ago(21), meetings_held=4), TODAY) == [
		health.NO_RECENT_MEETING
	]
	assert health.signals(active(60, last_meeting_date=days_ago(20), meetings_held=4), TODAY) == []


def test_the_signing_meeting_counts_as_the_first_one():
	assert health.signals(active(20, meetings_held=1), TODAY) == []
	assert health.NO_RECENT_MEETING in health.signals(active(21, meetings_held=1), TODAY)


@pytest.mark.parametrize(
	"started_days_ago, held, behind",
	[
		(30, 1, False),  # 2 planned, one behind is tolerated
		(30, 0, True),
		(91, 5, False),  # 6 planned
		(91, 4, True),
		(400, 11, False),  # capped at the programme's 12
		(400, 10, True),
	],
)
def test_behind_the_cadence(started_days_ago, held, behind):
	facts = active(started_days_ago, last_meeting_date=days_ago(1), meetings_held=held)
	assert (health.BEHIND_CADENCE in health.signals(facts, TODAY)) is behind


def test_the_cadence_follows_the_programme_limits():
	facts = active(30, last_meeting_date=days_ago(1), meetings_held=1)
	assert health.signals(facts, TODAY, ProgrammeLimits(meetings_per_month=4)) == [health.BEHIND_CADENCE]


def test_objectives_overdue_only_when_still_open():
	overdue = ((days_ago(1), "In progress"),)
	done = (
		(days_ago(1), "Achieved"),
		(days_ago(5), "Dropped"),
		(TODAY, "Not started"),
		(None, "Not started"),
	)
	base = {"last_meeting_date": days_ago(2), "meetings_held": 2}
	assert health.signals(active(30, objectives=overdue, **base), TODAY) == [health.OBJECTIVES_OVERDUE]
	assert health.signals(active(30, objectives=done, **base), TODAY) == []


def test_end_approaching_within_two_weeks():
	start = days_ago(170)
	end = planned_end(start)
	assert 0 <= (end - TODAY).days <= 14
	facts = DuoHealthFacts("Active", start, end, last_meeting_date=days_ago(2), meetings_held=11)
	assert health.signals(facts, TODAY) == [health.END_APPROACHING]
	later = DuoHealthFacts(
		"Active", days_ago(150), planned_end(days_ago(150)), last_meeting_date=days_ago(2), meetings_held=10
	)
	assert health.signals(later, TODAY) == []


def test_a_suspended_duo_is_not_asked_for_meetings_but_its_end_still_shows():
	start = days_ago(175)
	facts = DuoHealthFacts(
		"Suspended", start, planned_end(start), last_meeting_date=days_ago(60), meetings_held=3
	)
	assert health.signals(facts, TODAY) == [health.END_APPROACHING]


@pytest.mark.parametrize("accepted_days_ago, unsigned", [(6, False), (7, True), (30, True)])
def test_convention_unsigned_a_week_after_acceptance(accepted_days_ago, unsigned):
	facts = DuoHealthFacts("Accepted", accepted_on=days_ago(accepted_days_ago))
	assert (health.signals(facts, TODAY) == [health.CONVENTION_UNSIGNED]) is unsigned


def test_acceptance_is_the_later_agreement():
	assert health.accepted_on(days_ago(10), days_ago(3)) == days_ago(3)
	assert health.accepted_on(days_ago(10), None) is None


def test_concerns_at_the_last_check_in():
	facts = active(10, last_meeting_date=days_ago(2), meetings_held=1, last_checkin_concerns=True)
	assert health.signals(facts, TODAY) == [health.CONCERNS_RAISED]


@pytest.mark.parametrize("status", ["Proposed", "Completed", "Ended Early", "Declined", "Cancelled"])
def test_closed_or_unstarted_duos_have_no_signal(status):
	start = days_ago(175)
	facts = DuoHealthFacts(
		status,
		start,
		planned_end(start),
		accepted_on=days_ago(200),
		objectives=((days_ago(9), "In progress"),),
	)
	assert health.signals(facts, TODAY) == []


def test_signals_come_in_a_fixed_order_and_are_stored_one_a_line():
	facts = active(
		40, meetings_held=0, objectives=((days_ago(1), "Not started"),), last_checkin_concerns=True
	)
	codes = health.signals(facts, TODAY)
	assert codes == [
		health.NO_RECENT_MEETING,
		health.BEHIND_CADENCE,
		health.OBJECTIVES_OVERDUE,
		health.CONCERNS_RAISED,
	]
	stored = health.describe(codes)
	assert health.labels_of(stored) == [health.LABELS[c] for c in codes]
	assert health.labels_of(None) == []


def test_meetings_planned_so_far():
	assert health.meetings_planned_so_far(None, None, TODAY) == 0
	assert health.meetings_planned_so_far(TODAY + timedelta(days=1), None, TODAY) == 0
	start = days_ago(400)
	assert health.meetings_planned_so_far(start, planned_end(start), TODAY) == 12
