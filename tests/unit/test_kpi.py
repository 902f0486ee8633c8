"""The programme's key figures on rows whose right answers are known."""

from datetime import date, timedelta

import pytest

from n2w_mentoring.programme import kpi, operations
from n2w_mentoring.programme.kpi import Period
from n2w_mentoring.programme.rules import planned_end

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def d(month: int, day: int = 1, year: int = 2026) -> date:
	return date(year, month, day)


def duo(
	name,
	status="Active",
	proposed=None,
	start=None,
	end=None,
	reason=None,
	intake=None,
	mentor=None,
	org="Org A",
):
	return {
		"name": name,
		"mentor": mentor or f"M-{name}",
		"partner_organisation": org,
		"status": status,
		"proposed_on": proposed,
		"start_date": start,
		"actual_end": end,
		"planned_end": planned_end(start) if start else None,
		"end_reason": reason,
		"intake_date": intake,
	}


def by_indicator(rows):
	return {(r["section"], r["indicator"]): r for r in rows}


# --- Outcomes ---------------------------------------------------------------------------------

DUOS = [
	duo("D1", "Proposed", proposed=d(3)),
	duo("D2", "Active", proposed=d(2), start=d(3)),
	duo("D3", "Completed", proposed=d(1, 1, 2025), start=d(7, 1, 2025), end=d(1, 10), reason="Job found"),
	duo("D4", "Ended Early", proposed=d(2), start=d(3), end=d(5), reason="Mentee withdrew"),
	duo("D5", "Ended Early", proposed=d(2), start=d(3), end=d(6), reason="Mentee withdrew"),
	duo(
		"D6", "Ended Early", proposed=d(1, 1, 2025), start=d(2, 1, 2025), end=d(5, 1, 2025), reason="Mismatch"
	),
	duo("D7", "Declined", proposed=d(4)),
	duo(
		"D8", "Completed", proposed=d(1, 1, 2025), start=d(1, 15, 2025), reason="Training"
	),  # ends on its planned end
]


def test_duo_outcomes_count_each_duo_where_it_belongs():
	rows = {(r["outcome"], r["reason"]): r["duos"] for r in kpi.duo_outcomes(DUOS, YEAR)}
	assert rows == {
		("Proposed", ""): 5,  # D1, D2, D4, D5, D7
		("Started", ""): 3,  # D2, D4, D5
		("Active during the period", ""): 4,  # D2, D3, D4, D5 (D8 ended on 14 July 2025)
		("Completed", ""): 1,
		("Completed", "Job found"): 1,
		("Ended Early", ""): 2,
		("Ended Early", "Mentee withdrew"): 2,
	}


def test_a_completed_duo_without_an_actual_end_ends_on_its_planned_end():
	assert kpi.duo_end(DUOS[-1]) == date(2025, 7, 14)
	assert not kpi.active_during(DUOS[-1], YEAR)


def test_outcomes_of_an_empty_period_are_zero():
	rows = kpi.duo_outcomes([], YEAR)
	assert [r["duos"] for r in rows] == [0, 0, 0, 0, 0]


# --- Outcomes at 12 months: 72 % in a job, training or an internship ---------------------------


def twelve_months(situation, contract=None, done=True, due=None):
	due = due or d(6)
	return {
		"person_type": "Mentee",
		"milestone": "12 months",
		"due_date": due,
		"done_on": due if done else None,
		"situation": situation,
		"contract_type": contract,
	}


FOLLOW_UPS = (
	[twelve_months("Employed", "Permanent")] * 6
	+ [twelve_months("Employed", "Fixed-term")] * 3
	+ [twelve_months("Employed", "Temporary")]
	+ [twelve_months("Training")] * 5
	+ [twelve_months("Internship")] * 4
	+ [twelve_months("Still searching")] * 4
	+ [twelve_months("Volunteering")] * 2
	# not counted: not done, another milestone, a mentor's, outside the period
	+ [twelve_months("Employed", "Permanent", done=False)]
	+ [{**twelve_months("Employed", "Permanent"), "milestone": "6 months"}]
	+ [{**twelve_months("Employed"), "person_type": "Mentor"}]
	+ [twelve_months("Still searching", due=d(12, 1, 2025))]
)


def test_outcomes_at_twelve_months():
	rows = by_indicator(kpi.outcome_kpis(FOLLOW_UPS, YEAR))
	section = "Outcomes at 12 months"
	assert rows[(section, "Mentees followed up at 12 months")]["value"] == 25
	assert rows[(section, "In a job")]["rate"] == 40.0
	assert rows[(section, "In a stable job (permanent contract)")]["rate"] == 24.0
	assert rows[(section, "In training or an internship")]["rate"] == 36.0
	assert rows[(section, "In a job, training or an internship")]["value"] == 19
	assert rows[(section, "In a job, training or an internship")]["rate"] == 76.0


def test_seventy_two_percent_in_a_job_training_or_an_internship():
	rows = (
		[twelve_months("Employed", "Permanent")] * 10
		+ [twelve_months("Training")] * 5
		+ [twelve_months("Internship")] * 3
		+ [twelve_months("Still searching")] * 7
	)
	got = by_indicator(kpi.outcome_kpis(rows, YEAR))[
		("Outcomes at 12 months", "In a job, training or an internship")
	]
	assert (got["value"], got["out_of"], got["rate"]) == (18, 25, 72.0)


def test_no_follow_up_gives_no_rate():
	rows = by_indicator(kpi.outcome_kpis([], YEAR))
	assert rows[("Outcomes at 12 months", "In a job")]["rate"] is None


# --- Matching, meetings, objectives ---------------------------------------------------------


def test_days_from_intake_to_match_and_to_start():
	duos = [
		duo("A", proposed=d(3, 11), start=d(3, 21), intake=d(3, 1)),  # 10, then 10
		duo("B", proposed=d(4, 1), start=d(4, 3), intake=d(2, 1)),  # 59, then 2
		duo("C", "Proposed", proposed=d(5, 1), intake=d(4, 30)),  # 1
		duo("D", proposed=d(12, 1, 2025), start=d(1, 5), intake=d(11, 1, 2025)),  # match outside, start 35
	]
	rows = by_indicator(kpi.matching_kpis(duos, YEAR))
	assert rows[("Matching", "Average days from intake to match")]["value"] == round((10 + 59 + 1) / 3, 1)
	assert rows[("Matching", "Average days from match to start")]["value"] == round((10 + 2 + 35) / 3, 1)


def test_meetings_held_against_planned_and_hours():
	period = Period(d(1, 1), d(3, 31))
	duos = [duo("A", start=d(1, 1)), duo("B", start=d(3, 1)), duo("C", "Proposed", proposed=d(1, 1))]
	meetings = [
		{"duo": "A", "held": 6, "minutes": 6 * 60},
		{"duo": "B", "held": 1, "minutes": 90},
		{"duo": "X", "held": 9, "minutes": 900},  # not a duo in scope
	]
	active = [x for x in duos if kpi.active_during(x, period)]
	rows = by_indicator(kpi.meeting_kpis(active, meetings, period, today=d(12, 31)))
	held = rows[("Meetings", "Meetings held against planned")]
	# A: 1 Jan – 31 Mar is 90 days ≈ 2.96 months → 6; B: 1 – 31 Mar is 31 days → 2
	assert (held["value"], held["out_of"]) == (7, 8)
	assert held["rate"] == 87.5
	assert rows[("Meetings", "Hours of mentoring")]["value"] == 7.5
	assert rows[("Meetings", "Average meetings per active duo")]["value"] == 3.5


def test_planned_meetings_stop_at_today():
	period = Period(d(1, 1), d(12, 31))
	assert kpi.planned_in_period(duo("A", start=d(1, 1)), period, today=d(1, 31)) == 2


def test_objectives_by_axis_leave_dropped_ones_out():
	duos = [duo("A", start=d(1, 1))]
	objectives = [
		{"duo": "A", "axis": "Technical", "status": "Achieved"},
		{"duo": "A", "axis": "Technical", "status": "In progress"},
		{"duo": "A", "axis": "Relational", "status": "Dropped"},
		{"duo": "Z", "axis": "Relational", "status": "Achieved"},
	]
	rows = by_indicator(kpi.objective_kpis(duos, objectives))
	assert (
		rows[("Objectives achieved by axis", "Technical")]["value"],
		rows[("Objectives achieved by axis", "Technical")]["out_of"],
	) == (1, 2)
	assert rows[("Objectives achieved by axis", "Relational")]["out_of"] == 0
	assert rows[("Objectives achieved by axis", "Relational")]["rate"] is None


# --- Mentors, partners, events --------------------------------------------------------------


def test_mentors_who_mentor_again():
	duos = [
		duo("A", start=d(2, 1), mentor="M1"),
		duo("B", "Completed", start=d(1, 1, 2025), end=d(7, 1, 2025), mentor="M1"),
		duo("C", start=d(3, 1), mentor="M2"),
	]
	active = [x for x in duos if kpi.active_during(x, YEAR)]
	answers = [
		{"person_type": "Mentor", "done_on": d(5), "due_date": d(5), "would_mentor_again": a}
		for a in ("Yes", "Yes", "Yes", "No", "Maybe")
	]
	rows = by_indicator(kpi.mentor_kpis(duos, active, answers, YEAR))
	assert rows[("Mentors", "Active mentors")]["value"] == 2
	assert rows[("Mentors", "Mentors in their second duo or more")]["rate"] == 50.0
	assert rows[("Mentors", "Mentors who would mentor again")]["rate"] == 60.0


def test_participation_by_partner_organisation():
	active = [duo("A", org="Org A"), duo("B", org="Org A"), duo("C", org="Org B"), duo("D", org=None)]
	rows = kpi.participation_kpis(active)
	assert [(r["indicator"], r["value"], r["rate"]) for r in rows] == [
		("Org A", 2, 50.0),
		("No partner organisation", 1, 25.0),
		("Org B", 1, 25.0),
	]


def test_attendance_at_events_and_training():
	events = [
		{"event": "E1", "status": "Attended"},
		{"event": "E1", "status": "Absent"},
		{"event": "E1", "status": "Invited"},
		{"event": "E2", "status": "Registered"},
		{"event": "E2", "status": "Attended"},
	]
	trainings = [{"event": "T1", "status": "Attended"}] * 3 + [{"event": "T1", "status": "Absent"}]
	rows = by_indicator(kpi.event_kpis(events, trainings))
	section = "Events and training"
	assert rows[(section, "Network events")]["value"] == 2
	got = rows[(section, "Attendance at network events")]
	assert (got["value"], got["out_of"], got["rate"]) == (2, 4, 50.0)
	assert rows[(section, "Attendance at training sessions")]["rate"] == 75.0


def test_satisfaction_averages_by_moment():
	surveys = [
		{"moment": "Mid-point", "satisfaction": 4, "answered_on": d(3)},
		{"moment": "Mid-point", "satisfaction": 5, "answered_on": d(4)},
		{"moment": "End", "satisfaction": 3, "answered_on": d(5)},
		{"moment": "End", "satisfaction": 1, "answered_on": d(5, 1, 2025)},
	]
	rows = [r["value"] for r in kpi.survey_kpis(surveys, YEAR)]
	assert rows == [4.5, 3.0]


def test_programme_kpis_put_every_section_together():
	rows = kpi.programme_kpis(YEAR, DUOS, follow_ups=FOLLOW_UPS, today=d(12, 31))
	sections = list(dict.fromkeys(r["section"] for r in rows))
	assert sections == [
		"Matching",
		"Meetings",
		"Objectives achieved by axis",
		"Outcomes at 12 months",
		"Mentors",
		"Participation by partner organisation",
		"Events and training",
		"Satisfaction",
	]
	assert all(set(r) == {"section", "indicator", "value", "out_of", "rate"} for r in rows)


# --- Follow-up plan and the operations' checks -------------------------------------------------


def test_follow_up_plan_after_the_end():
	assert operations.follow_up_plan(date(2026, 8, 31)) == [
		("Mentee", "3 months", date(2026, 11, 30)),
		("Mentee", "6 months", date(2027, 2, 28)),
		("Mentee", "12 months", date(2027, 8, 31)),
		("Mentor", "3 months", date(2026, 11, 30)),
	]


@pytest.mark.parametrize(
	"person, done, situation, again, ok",
	[
		("Mentee", False, None, None, True),
		("Mentee", True, None, None, False),
		("Mentee", True, "Employed", None, True),
		("Mentor", True, None, None, False),
		("Mentor", True, None, "Maybe", True),
	],
)
def test_a_follow_up_done_records_its_answer(person, done, situation, again, ok):
	assert (operations.check_follow_up_answer(person, done, situation, again) == []) is ok


def test_training_checks():
	today = date(2026, 6, 15)
	assert operations.check_attendance_after_the_date(["Attended"], today + timedelta(days=1), today)
	assert operations.check_attendance_after_the_date(["Registered"], today + timedelta(days=1), today) == []
	assert operations.check_attendance_after_the_date(["Absent"], today, today) == []
	assert operations.check_places_left(3, 2) and operations.check_places_left(3, 0) == []
	assert operations.places_left(1, 3) == 2 and operations.places_left(5, None) is None
	assert operations.check_registration_open(today - timedelta(days=1), today)
	assert operations.check_no_duplicate_participants(["a", "b", "a"])[0].args == ("a",)


@pytest.mark.parametrize("value, ok", [(None, False), (0, False), (1, True), (5, True), (6, False)])
def test_satisfaction_is_one_to_five(value, ok):
	assert (operations.check_satisfaction(value) == []) is ok


def test_rows_counted_by_the_database_give_the_same_answers():
	aggregated = [
		{**twelve_months("Employed", "Permanent"), "count": 10},
		{**twelve_months("Training"), "count": 5},
		{**twelve_months("Internship"), "count": 3},
		{**twelve_months("Still searching"), "count": 7},
		{"person_type": "Mentor", "done_on": d(5), "due_date": d(5), "would_mentor_again": "Yes", "count": 3},
		{"person_type": "Mentor", "done_on": d(5), "due_date": d(5), "would_mentor_again": "No", "count": 1},
	]
	got = by_indicator(kpi.outcome_kpis(aggregated, YEAR))[
		("Outcomes at 12 months", "In a job, training or an internship")
	]
	assert (got["value"], got["out_of"], got["rate"]) == (18, 25, 72.0)
	mentors = by_indicator(kpi.mentor_kpis([], [], aggregated, YEAR))[
		("Mentors", "Mentors who would mentor again")
	]
	assert (mentors["value"], mentors["out_of"]) == (3, 4)
	objectives = [
		{"axis": "Technical", "status": "Achieved", "count": 3},
		{"axis": "Technical", "status": "In progress", "count": 1},
	]
	assert (
		by_indicator(kpi.objective_kpis([], objectives))[("Objectives achieved by axis", "Technical")]["rate"]
		== 75.0
	)
	meetings = by_indicator(kpi.meeting_kpis([], [{"held": 4, "minutes": 300}], YEAR, today=d(12, 31)))
	assert meetings[("Meetings", "Hours of mentoring")]["value"] == 5.0
