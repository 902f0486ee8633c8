"""Meeting rules on a real site: each test fails if its rule is removed."""

import frappe
import pytest
from frappe.utils import add_days, add_months, getdate, today
from support import set_programme

from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import MeetingDateError, MeetingLimitError


def first_of_next_month(day):
	day = getdate(day)
	return getdate(add_months(day.replace(day=1), 1))


def meetings_of(duo) -> int:
	return frappe.db.count("Meeting", {"duo": duo})


def test_meeting_longer_than_the_maximum_is_refused_and_nothing_saved(world):
	duo = world.active_duo()
	with pytest.raises(MeetingLimitError, match="90"):
		b.log_meeting(duo.name, today(), 91)
	assert meetings_of(duo.name) == 0


def test_meeting_of_the_maximum_length_is_accepted(world):
	duo = world.active_duo()
	b.log_meeting(duo.name, today(), 90)
	assert frappe.db.get_value("Duo", duo.name, "meetings_held") == 1


def test_the_maximum_length_comes_from_settings(world):
	duo = world.active_duo()
	set_programme(max_meeting_minutes=60)
	with pytest.raises(MeetingLimitError, match="60"):
		b.log_meeting(duo.name, today(), 75)


def test_thirteenth_held_meeting_is_refused(world):
	duo = world.active_duo(started_days_ago=175)
	start = getdate(duo.start_date)
	for i in range(12):
		b.log_meeting(duo.name, add_days(start, i * 14), 60)
	assert frappe.db.get_value("Duo", duo.name, "meetings_held") == 12
	with pytest.raises(MeetingLimitError, match="12"):
		b.log_meeting(duo.name, today(), 60)
	assert meetings_of(duo.name) == 12


def test_contacts_between_meetings_never_count(world):
	duo = world.active_duo()
	b.log_meeting(duo.name, today(), 20, kind="Phone call")
	b.log_meeting(duo.name, today(), 0, kind="E-mail")
	assert frappe.db.get_value("Duo", duo.name, "meetings_held") == 0


def test_held_meeting_without_signed_convention_is_refused(world):
	duo = b.act(b.propose_duo(world.mentee(), world.mentor()), "Accept")
	with pytest.raises(MeetingDateError):
		b.log_meeting(duo.name, today(), 60)
	assert meetings_of(duo.name) == 0


def test_planned_signing_meeting_is_allowed_before_the_convention(world):
	duo = b.act(b.propose_duo(world.mentee(), world.mentor()), "Accept")
	b.log_meeting(duo.name, add_days(today(), 3), 60, status="Planned")
	assert meetings_of(duo.name) == 1


def test_meeting_before_the_convention_signature_is_refused(world):
	duo = world.active_duo(started_days_ago=10)
	with pytest.raises(MeetingDateError):
		b.log_meeting(duo.name, add_days(today(), -11), 60)


def test_meeting_on_the_signing_day_is_the_first_meeting(world):
	duo = world.active_duo(started_days_ago=10)
	b.log_meeting(duo.name, add_days(today(), -10), 60)
	assert frappe.db.get_value("Duo", duo.name, "meetings_held") == 1


def test_meeting_after_the_planned_end_is_refused(world):
	duo = world.active_duo(started_days_ago=10)
	after_end = add_days(duo.planned_end, 1)
	with pytest.raises(MeetingDateError):
		b.log_meeting(duo.name, after_end, 60, status="Planned")


def test_planned_end_is_start_plus_programme_length(world):
	duo = world.active_duo(started_days_ago=10)
	assert getdate(duo.planned_end) == add_days(add_months(duo.start_date, 6), -1)


def test_held_meeting_in_the_future_is_refused(world):
	duo = world.active_duo()
	with pytest.raises(MeetingDateError):
		b.log_meeting(duo.name, add_days(today(), 2), 60, status="Held")


def test_third_meeting_in_a_month_is_saved_with_a_warning(world):
	duo = world.active_duo(started_days_ago=60)
	# The first day of the first whole month of the duo: 60 days ago, a whole month lies between the
	# start and today, so the three meetings are inside the duo and in the past, whatever today is.
	first = first_of_next_month(duo.start_date)
	assert getdate(duo.start_date) < first and add_days(first, 14) <= getdate(today())
	b.log_meeting(duo.name, first, 60)
	b.log_meeting(duo.name, add_days(first, 7), 60)
	frappe.local.message_log = []
	b.log_meeting(duo.name, add_days(first, 14), 60)
	assert meetings_of(duo.name) == 3
	messages = " ".join(str(m) for m in frappe.local.message_log)
	assert "This is meeting 3 this month; the programme plans 2 a month." in messages


def test_meetings_held_is_derived_not_typed(world):
	duo = world.active_duo()
	b.log_meeting(duo.name, today(), 60)
	doc = frappe.get_doc("Duo", duo.name)
	doc.meetings_held = 11
	doc.save()
	assert frappe.db.get_value("Duo", duo.name, "meetings_held") == 1


def test_deleting_a_meeting_updates_the_count(world):
	duo = world.active_duo()
	meeting = b.log_meeting(duo.name, today(), 60)
	meeting.delete()
	assert frappe.db.get_value("Duo", duo.name, "meetings_held") == 0


def test_objective_from_another_plan_is_refused(world):
	duo = world.active_duo()
	other = world.active_duo()
	plan = b.make_action_plan(other.name, [{"objective": "CV", "axis": "Technical"}])
	with pytest.raises(frappe.ValidationError):
		b.log_meeting(
			duo.name, today(), 60, objectives=[{"plan_objective": plan.objectives[0].name, "objective": "x"}]
		)


def test_objective_worked_on_takes_its_text_from_the_plan(world):
	duo = world.active_duo()
	plan = b.make_action_plan(duo.name, [{"objective": "Préparer le CV", "axis": "Technical"}])
	meeting = b.log_meeting(
		duo.name, today(), 60, objectives=[{"plan_objective": plan.objectives[0].name, "objective": "?"}]
	)
	assert meeting.objectives[0].objective == "Préparer le CV"
	assert meeting.objectives[0].axis == "Technical"
