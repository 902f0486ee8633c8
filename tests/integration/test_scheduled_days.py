"""The daily jobs, day after day, across month ends, a leap day, the year's end and the two days
Belgium changes its clocks: every closure to-do, follow-up to-do and reminder is made exactly once,
on its day; none is missed and none is sent twice.

The scenario is built on the timeline itself: each duo is started, and ended, with the clock frozen
at that day (tests/integration/clock.py). Then the scheduler's day is played for every day of the
windows below, twice a day (just after midnight and late in the evening; on the day the clocks go
back, also in the hour that happens twice), as a scheduler that runs more than once a day would.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import frappe
import pytest
from clock import TIME_ZONE, freeze
from frappe.utils import get_datetime, getdate
from support import centre_doc, programme_doc

from n2w_mentoring import reminders, tasks
from n2w_mentoring.demo import builders as b

WINDOWS = (
	(date(2027, 1, 28), date(2027, 2, 2)),  # a 31st into a 28-day February
	(date(2027, 2, 26), date(2027, 3, 3)),  # the end of February
	(date(2027, 3, 26), date(2027, 3, 30)),  # clocks go forward on Sunday 28 March
	(date(2027, 4, 28), date(2027, 5, 2)),  # the end of a 30-day month
	(date(2027, 10, 29), date(2027, 11, 2)),  # clocks go back on Sunday 31 October
	(date(2027, 12, 29), date(2028, 1, 2)),  # the year's end
	(date(2028, 2, 27), date(2028, 3, 2)),  # a leap day
)
CLOCK_CHANGES = (date(2027, 3, 28), date(2027, 10, 31))


def days():
	for first, last in WINDOWS:
		day = first
		while day <= last:
			yield day
			day += timedelta(days=1)


SIMULATED = list(days())


def runs_of(day: date) -> list[datetime]:
	"""When the scheduler runs on ``day`` (local times)."""
	moments = [time(0, 5), time(23, 55)]
	if day == CLOCK_CHANGES[0]:
		moments.insert(1, time(3, 30))  # 02:00-03:00 does not exist that night
	if day == CLOCK_CHANGES[1]:
		moments.insert(1, time(2, 30))  # 02:00-03:00 happens twice that night
	return [datetime.combine(day, moment) for moment in moments]


def at(day: date, hour: int = 10):
	return freeze(datetime.combine(day, time(hour, 0)))


def switch_reminders_on():
	centre = centre_doc()
	centre.email = centre.email or "mentorat@centre.example"
	centre.save()
	settings = programme_doc()
	for field in reminders.SWITCHES.values():
		settings.set(field, 1)
	settings.save()


def start_on(world, day: date):
	with at(day):
		duo = b.start_duo(world.mentee(), world.mentor(), day)
		frappe.db.set_value("Duo", duo.name, "coordinator", world.coordinator)
		return frappe.get_doc("Duo", duo.name)


def end_on(duo, day: date):
	with at(day):
		duo.reload()
		duo.end_reason = "Job found"
		duo.save()
		return b.act(duo, "Complete")


def plan_meeting(duo, day: date, created: date):
	with at(created):
		return b.log_meeting(duo.name, day, 60, status="Planned").name


@pytest.fixture(autouse=True)
def isolate(site):
	"""The timeline is shared by this module's tests and rolled back once, at the module's end (it
	is never committed: the days it played stay out of the site)."""
	frappe.set_user("Administrator")
	yield


@pytest.fixture(scope="module")
def timeline(world):
	"""Duos whose closure, meetings and follow-ups fall on the hard days of the calendar."""
	frappe.db.rollback()
	switch_reminders_on()
	# Closure: a duo signed on 31 July 2026 plans its end on 30 January 2027 (six months less a day)
	# and is due for closure from 31 January; one signed on 1 May 2027 ends on 31 October 2027.
	closing = [start_on(world, date(2026, 7, 31)), start_on(world, date(2027, 5, 1))]
	# Meetings planned on a 31st, the last day of February, and both clock-change Sundays.
	running = start_on(world, date(2026, 12, 1))
	meetings = {
		day: plan_meeting(running, day, date(2026, 12, 1))
		for day in (date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 28))
	}
	meetings[date(2027, 10, 31)] = plan_meeting(closing[1], date(2027, 10, 31), date(2027, 5, 1))
	# Follow-ups: a duo that ends on 31 October 2026 is followed up on 31 January, 30 April and
	# 31 October 2027; one that ends on 31 August 2027 on 29 February 2028 (six months).
	ended = [
		end_on(start_on(world, date(2026, 5, 1)), date(2026, 10, 31)),
		end_on(start_on(world, date(2027, 3, 1)), date(2027, 8, 31)),
	]
	follow_ups = frappe.get_all(
		"Post-Duo Follow-up",
		filters={"duo": ("in", [d.name for d in ended])},
		fields=["name", "due_date", "milestone", "person_type"],
	)
	# The scheduler's days.
	for day in SIMULATED:
		for moment in runs_of(day):
			with freeze(moment):
				tasks.flag_duos_due_for_closure()
				tasks.assign_due_follow_ups()
				tasks.send_reminders()
	yield frappe._dict(closing=closing, meetings=meetings, follow_ups=follow_ups)
	frappe.db.rollback()


def local_day(value) -> date:
	return get_datetime(value).date()


def test_the_scenario_lands_on_the_hard_days(timeline):
	assert [getdate(d.planned_end) for d in timeline.closing] == [date(2027, 1, 30), date(2027, 10, 31)]
	due = sorted((getdate(f.due_date), f.milestone, f.person_type) for f in timeline.follow_ups)
	assert due == sorted(
		[
			(date(2027, 1, 31), "3 months", "Mentee"),
			(date(2027, 1, 31), "3 months", "Mentor"),
			(date(2027, 4, 30), "6 months", "Mentee"),
			(date(2027, 10, 31), "12 months", "Mentee"),
			(date(2027, 11, 30), "3 months", "Mentee"),
			(date(2027, 11, 30), "3 months", "Mentor"),
			(date(2028, 2, 29), "6 months", "Mentee"),
			(date(2028, 8, 31), "12 months", "Mentee"),
		]
	)


def test_each_duo_is_flagged_for_closure_once_the_day_after_its_planned_end(timeline, world):
	for duo in timeline.closing:
		assert frappe.db.get_value("Duo", duo.name, "closure_due") == 1
		todos = frappe.get_all(
			"ToDo",
			{"reference_type": "Duo", "reference_name": duo.name, "allocated_to": world.coordinator},
			["creation"],
		)
		assert [local_day(t.creation) for t in todos] == [getdate(duo.planned_end) + timedelta(days=1)]


def first_run_for(due: date) -> date | None:
	"""The day a follow-up is taken up: its due day, or the first day the scheduler ran within the
	catch-up window after it (a scheduler that did not run on the due day misses nothing)."""
	from n2w_mentoring.follow_up import ASSIGN_WITHIN_DAYS

	return next((d for d in SIMULATED if due <= d <= due + timedelta(days=ASSIGN_WITHIN_DAYS)), None)


def test_each_follow_up_becomes_one_todo_on_its_due_day_or_the_first_run_after(timeline, world):
	taken_up = 0
	for follow_up in timeline.follow_ups:
		todos = frappe.get_all(
			"ToDo",
			{"reference_type": "Post-Duo Follow-up", "reference_name": follow_up.name},
			["creation", "allocated_to"],
		)
		day = first_run_for(getdate(follow_up.due_date))
		expected = [(day, world.coordinator)] if day else []
		assert [(local_day(t.creation), t.allocated_to) for t in todos] == expected, follow_up
		taken_up += bool(day)
	# 31 Jan (two), 30 Apr, 31 Oct, 29 Feb on their day; the two of 30 Nov on 29 Dec, in the window.
	assert taken_up == 7


def sent(reference_name: str) -> list[tuple[str, date, str]]:
	rows = frappe.get_all(
		"Mentoring Reminder Log",
		{"reference_name": reference_name},
		["reminder", "sent_on", "recipient"],
	)
	return sorted((r.reminder, local_day(r.sent_on), r.recipient) for r in rows)


def test_each_follow_up_reminder_is_sent_once_when_its_todo_is_made(timeline, world):
	email = frappe.db.get_value("User", world.coordinator, "email")
	for follow_up in timeline.follow_ups:
		day = first_run_for(getdate(follow_up.due_date))
		expected = [(reminders.FOLLOW_UP_DUE, day, email)] if day else []
		assert sent(follow_up.name) == expected, follow_up


def test_each_planned_meeting_is_announced_the_day_before_and_asked_about_the_day_after(timeline):
	for day, meeting in timeline.meetings.items():
		duo = frappe.db.get_value("Meeting", meeting, "duo")
		mentor, mentee = frappe.db.get_value("Duo", duo, ["mentor", "mentee"])
		mentor_email = frappe.db.get_value("Mentor", mentor, "email")
		mentee_email = frappe.db.get_value("Mentee", mentee, "email")
		before, after = day - timedelta(days=1), day + timedelta(days=1)
		assert sent(meeting) == sorted(
			[
				(reminders.UPCOMING_MEETING, before, mentor_email),
				(reminders.UPCOMING_MEETING, before, mentee_email),
				(reminders.LOG_YOUR_MEETING, after, mentor_email),
			]
		), day


def test_no_email_is_queued_twice(timeline):
	names = [*timeline.meetings.values(), *(f.name for f in timeline.follow_ups)]
	queued = frappe.get_all("Email Queue", {"reference_name": ("in", names)}, ["reference_name", "message"])
	per_record = Counter(q.reference_name for q in queued)
	logged = Counter(
		frappe.get_all("Mentoring Reminder Log", {"reference_name": ("in", names)}, pluck="reference_name")
	)
	assert per_record == logged and sum(logged.values()) == 4 * 3 + 7


@pytest.mark.parametrize("day", CLOCK_CHANGES)
def test_frappes_scheduler_runs_a_daily_job_once_a_day_over_a_clock_change(day):
	"""Frappe's own decision (Scheduled Job Type, on the site's local time), asked every four minutes
	of real (UTC) time as its scheduler does, from the evening before to the night after."""
	job = frappe.get_doc("Scheduled Job Type", {"method": "n2w_mentoring.tasks.send_reminders"})
	job.last_execution = datetime.combine(day - timedelta(days=1), time(0, 1))
	zone = ZoneInfo(TIME_ZONE)
	tick = datetime.combine(day - timedelta(days=1), time(22, 0), zone).astimezone(timezone.utc)
	end = datetime.combine(day + timedelta(days=1), time(2, 0), zone).astimezone(timezone.utc)
	runs = []
	while tick < end:
		local = tick.astimezone(zone).replace(tzinfo=None)
		if job.is_event_due(local):
			runs.append(local)
			job.last_execution = local
		tick += timedelta(minutes=4)
	assert [r.date() for r in runs] == [day, day + timedelta(days=1)]
