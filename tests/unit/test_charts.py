"""The funders' charts, from plain rows."""

from datetime import date

from n2w_mentoring.programme import charts
from n2w_mentoring.programme.kpi import Period

PERIOD = Period(date(2026, 1, 15), date(2026, 4, 10))


def test_the_months_of_a_period_are_cut_to_it():
	assert charts.months(PERIOD) == [
		(date(2026, 1, 15), date(2026, 1, 31)),
		(date(2026, 2, 1), date(2026, 2, 28)),
		(date(2026, 3, 1), date(2026, 3, 31)),
		(date(2026, 4, 1), date(2026, 4, 10)),
	]


def test_duos_by_status_at_each_months_end():
	duos = [
		{"status": "Proposed", "proposed_on": date(2026, 2, 3)},
		{"status": "Active", "proposed_on": date(2026, 1, 2), "start_date": date(2026, 2, 20)},
		{
			"status": "Completed",
			"proposed_on": date(2025, 6, 1),
			"start_date": date(2025, 7, 1),
			"actual_end": date(2026, 3, 5),
		},
	]
	data = charts.duos_by_status_over_time(duos, PERIOD)
	assert data["labels"] == ["2026-01", "2026-02", "2026-03", "2026-04"]
	values = {d["name"]: d["values"] for d in data["datasets"]}
	assert values[charts.WAITING] == [1, 1, 1, 1]
	assert values[charts.RUNNING] == [1, 2, 1, 1]
	assert values[charts.ENDED] == [0, 0, 1, 1]


def test_meetings_held_against_planned_by_month():
	duos = [
		{"name": "D1", "status": "Active", "start_date": date(2026, 1, 1), "planned_end": date(2026, 6, 30)}
	]
	held = [{"meeting_date": date(2026, 2, 3), "count": 2}, {"meeting_date": date(2026, 2, 17)}]
	data = charts.meetings_held_against_planned(duos, held, PERIOD, today=date(2026, 3, 31))
	values = {d["name"]: d["values"] for d in data["datasets"]}
	assert values[charts.HELD] == [0, 3, 0, 0]
	assert values[charts.PLANNED][1] == 2 and values[charts.PLANNED][3] == 0  # April is after today


def test_outcomes_at_milestones_count_the_mentees_answers():
	rows = [
		{
			"person_type": "Mentee",
			"milestone": "3 months",
			"done_on": date(2026, 1, 1),
			"situation": "Employed",
		},
		{
			"person_type": "Mentee",
			"milestone": "12 months",
			"done_on": date(2026, 1, 1),
			"situation": "Training",
			"count": 3,
		},
		{
			"person_type": "Mentor",
			"milestone": "3 months",
			"done_on": date(2026, 1, 1),
			"situation": "Employed",
		},
		{"person_type": "Mentee", "milestone": "6 months", "situation": "Employed"},  # not answered
	]
	data = charts.outcomes_at_milestones(rows)
	assert data["labels"] == ["3 months", "6 months", "12 months"]
	values = {d["name"]: d["values"] for d in data["datasets"]}
	assert values[charts.IN_A_JOB] == [1, 0, 0] and values[charts.IN_TRAINING] == [0, 0, 3]
