"""Running the programme on a real site: training, duo health, follow-ups after a duo, KPI reports,
the funder export, reminders and who may see all that."""

from __future__ import annotations

import email
from email.header import decode_header, make_header

import frappe
import pytest
from frappe.desk.query_report import run as run_report
from frappe.utils import add_days, add_months, getdate, today
from support import PASSWORD, acting_as, centre_doc, programme_doc, uid

from n2w_mentoring import kpis, reminders, tasks, training
from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import MentoringError
from n2w_mentoring.programme import health

# --- Mentor training ------------------------------------------------------------------------


def test_attending_the_training_marks_the_mentor_trained(world):
	mentor = world.mentor(trained=False)
	assert frappe.db.get_value("Mentor", mentor, "status") == "Applicant"
	day = add_days(today(), -2)
	session = b.make_training_session(day, f"Trainer {uid()}", [(mentor, "Registered")], place="Namur")
	assert not frappe.db.get_value("Mentor", mentor, "training_completed")

	session.attendees[0].status = "Attended"
	session.save()

	trained = frappe.db.get_value(
		"Mentor", mentor, ["training_completed", "training_date", "status"], as_dict=True
	)
	assert trained.training_completed == 1
	assert getdate(trained.training_date) == getdate(day)
	assert trained.status == "Trained"
	assert session.attended_count == 1


def test_attendance_is_recorded_once_the_session_has_taken_place(world):
	with pytest.raises(MentoringError):
		b.make_training_session(
			add_days(today(), 5), f"Trainer {uid()}", [(world.mentor(trained=False), "Attended")]
		)


def test_a_mentor_registers_for_an_upcoming_session(world):
	mentor = world.mentor(trained=False, with_user=True)
	other = world.mentor(trained=False, with_user=True)
	session = b.make_training_session(add_days(today(), 10), f"Trainer {uid()}", capacity=5)
	past = b.make_training_session(add_days(today(), -10), f"Trainer {uid()}")

	with acting_as(world.user_of("Mentor", mentor)):
		assert training.register_for_training(session.name)["registered"]
		again = training.register_for_training(session.name)
		with pytest.raises(MentoringError):
			training.register_for_training(past.name)
		with pytest.raises(frappe.PermissionError):
			training.register_for_training(session.name, mentor=other)
	assert again["already"]
	rows = frappe.get_all("Mentor Training Attendance", {"parent": session.name}, ["mentor", "status"])
	assert [(r.mentor, r.status) for r in rows] == [(mentor, "Registered")]

	listed = {s.name: s for s in training.upcoming_sessions(mentor)}
	assert listed[session.name].registered and listed[session.name].places_left == 4
	assert past.name not in listed

	with acting_as(world.host_user), pytest.raises(frappe.PermissionError):
		training.register_for_training(session.name)


def test_a_network_event_counts_its_participants(world):
	mentor, mentee = world.mentor(), world.mentee()
	event = b.make_network_event(
		f"Réseau {uid()}",
		add_days(today(), -1),
		[("Mentor", mentor, "Attended"), ("Mentee", mentee, "Absent")],
	)
	assert event.invited_count == 2 and event.attended_count == 1
	assert event.participants[0].party_name == frappe.db.get_value("Mentor", mentor, "full_name")
	event.append("participants", {"party_type": "Mentor", "party": mentor, "status": "Invited"})
	with pytest.raises(MentoringError):
		event.save()


# --- Duo health -----------------------------------------------------------------------------


@pytest.fixture()
def coordinator():
	return b.make_user(f"coord-ops-{uid()}@test.example", "Cora", "Ops", ["Mentoring Coordinator"], PASSWORD)


def signals_of(duo: str) -> list[str]:
	return health.labels_of(frappe.db.get_value("Duo", duo, "health_signals"))


def test_health_signals_on_crafted_duos(world, coordinator):
	quiet = world.active_duo(started_days_ago=40)
	fine = world.active_duo(started_days_ago=5)
	b.log_meeting(fine.name, add_days(today(), -1), 60)
	ending = world.active_duo(started_days_ago=175)
	overdue = world.active_duo(started_days_ago=10)
	b.log_meeting(overdue.name, add_days(today(), -2), 60)
	b.make_action_plan(
		overdue.name,
		[
			{
				"objective": "CV",
				"axis": "Technical",
				"status": "In progress",
				"target_date": add_days(today(), -1),
			}
		],
	)
	accepted = b.act(
		b.propose_duo(world.mentee(), world.mentor(), proposed_on=add_days(today(), -10)), "Accept"
	)
	names = [quiet.name, fine.name, ending.name, overdue.name, accepted.name]
	for name in names:
		frappe.db.set_value("Duo", name, "coordinator", coordinator)

	tasks.refresh_duo_health()

	assert signals_of(quiet.name) == [
		health.LABELS[health.NO_RECENT_MEETING],
		health.LABELS[health.BEHIND_CADENCE],
	]
	assert signals_of(fine.name) == []
	assert health.LABELS[health.END_APPROACHING] in signals_of(ending.name)
	assert signals_of(overdue.name) == [health.LABELS[health.OBJECTIVES_OVERDUE]]
	assert signals_of(accepted.name) == [health.LABELS[health.CONVENTION_UNSIGNED]]
	assert frappe.db.get_value("Duo", fine.name, "needs_attention") == 0
	assert frappe.db.get_value("Duo", quiet.name, "needs_attention") == 1

	# A check-in with concerns shows at once; a meeting logged clears "no meeting".
	b.make_check_in(fine.name, today(), "Le mentee ne répond plus.", concerns=True, concern_notes="Silence")
	assert signals_of(fine.name) == [health.LABELS[health.CONCERNS_RAISED]]

	with acting_as(coordinator):
		result = run_report("Duos Needing Attention", filters={"coordinator": coordinator})
	rows = {r["duo"]: r for r in result["result"]}
	assert set(rows) == {quiet.name, ending.name, overdue.name, accepted.name, fine.name}
	assert rows[quiet.name]["meetings_held"] == 0
	assert rows[quiet.name]["meetings_planned"] == 3
	assert health.LABELS[health.NO_RECENT_MEETING] in rows[quiet.name]["signals"]


# --- Follow-ups after the duo ---------------------------------------------------------------


def complete(duo, reason="Job found"):
	duo.reload()
	duo.end_reason = reason
	duo.save()
	return b.act(duo, "Complete")


def test_a_completed_duo_gets_its_follow_ups_and_a_todo_when_one_is_due(world, coordinator):
	duo = world.active_duo(started_days_ago=200)
	frappe.db.set_value("Duo", duo.name, "coordinator", coordinator)
	duo = complete(duo)
	end = getdate(duo.actual_end)

	rows = frappe.get_all(
		"Post-Duo Follow-up",
		{"duo": duo.name},
		["name", "person_type", "milestone", "due_date", "coordinator"],
	)
	assert sorted((r.person_type, r.milestone, getdate(r.due_date)) for r in rows) == sorted(
		[
			("Mentee", "3 months", getdate(add_months(end, 3))),
			("Mentee", "6 months", getdate(add_months(end, 6))),
			("Mentee", "12 months", getdate(add_months(end, 12))),
			("Mentor", "3 months", getdate(add_months(end, 3))),
		]
	)
	assert {r.coordinator for r in rows} == {coordinator}

	def todos():
		return frappe.get_all(
			"ToDo",
			{
				"reference_type": "Post-Duo Follow-up",
				"reference_name": ("in", [r.name for r in rows]),
				"allocated_to": coordinator,
			},
			pluck="reference_name",
		)

	tasks.assign_due_follow_ups()
	assert todos() == []

	due = next(r for r in rows if r.person_type == "Mentee" and r.milestone == "3 months")
	frappe.db.set_value("Post-Duo Follow-up", due.name, "due_date", today())
	tasks.assign_due_follow_ups()
	tasks.assign_due_follow_ups()
	assert todos() == [due.name]

	# A follow-up that fell due long ago (history, or days without the scheduler) stays in its list.
	old = next(r for r in rows if r.person_type == "Mentor")
	frappe.db.set_value("Post-Duo Follow-up", old.name, "due_date", add_days(today(), -60))
	tasks.assign_due_follow_ups()
	assert old.name not in todos()

	follow_up = frappe.get_doc("Post-Duo Follow-up", due.name)
	follow_up.done_on = today()
	with pytest.raises(MentoringError):
		follow_up.save()
	follow_up = frappe.get_doc("Post-Duo Follow-up", due.name)
	follow_up.update({"done_on": today(), "situation": "Employed", "contract_type": "Permanent"})
	follow_up.save()


def test_an_ended_early_duo_gets_its_follow_ups_too(world):
	duo = world.active_duo(started_days_ago=60)
	duo.reload()
	duo.end_reason, duo.actual_end = "Mentee withdrew", add_days(today(), -5)
	duo.save()
	b.act(duo, "End Early")
	assert frappe.db.count("Post-Duo Follow-up", {"duo": duo.name}) == 4


def test_erasing_a_person_reaches_the_programme_records(world):
	"""Names copied by check-ins, follow-ups, events, training and reminders go with the person."""
	from n2w_mentoring.data_protection.erasure import erase_personal_data

	def found_anywhere(token: str) -> list[str]:
		columns = frappe.db.sql(
			"""select table_name, column_name from information_schema.columns
			where table_schema = %s and data_type in ('varchar', 'text', 'mediumtext', 'longtext')""",
			frappe.conf.db_name,
		)
		return [
			f"{t}.{c}"
			for t, c in columns
			if frappe.db.sql(f"select 1 from `{t}` where `{c}` like %s limit 1", f"%{token}%")
		]

	token = f"Quillon{uid()}"
	mentor = b.make_mentor(
		token, "Mentor", f"{token.lower()}@people.example", world.organisation, trained=False
	)
	b.make_training_session(add_days(today(), -400), f"Trainer {uid()}", [(mentor, "Attended")])
	duo = b.start_duo(world.mentee(), mentor, add_days(today(), -200))
	b.make_check_in(
		duo.name, add_days(today(), -100), f"{token} est disponible", concerns=True, concern_notes=token
	)
	b.make_network_event(f"Réseau {uid()}", add_days(today(), -50), [("Mentor", mentor, "Attended")])
	frappe.get_doc(
		{
			"doctype": "Duo Survey",
			"duo": duo.name,
			"respondent_type": "Mentor",
			"moment": "Mid-point",
			"satisfaction": 4,
			"comments": token,
		}
	).insert()
	duo = complete(duo)
	follow_up = frappe.get_doc("Post-Duo Follow-up", {"duo": duo.name, "person_type": "Mentor"})
	follow_up.update({"done_on": today(), "would_mentor_again": "Yes", "feedback": f"{token} reviendra"})
	follow_up.save()
	assert found_anywhere(token)

	with acting_as(world.manager):
		erase_personal_data("Mentor", mentor)
	assert found_anywhere(token) == []


# --- KPI reports and the funder export ------------------------------------------------------


@pytest.fixture()
def programme(world):
	"""A partner organisation of its own, with three duos whose figures are known."""
	organisation = b.make_partner_organisation(f"KPI Org {uid()}", "Public")
	start = add_days(today(), -90)
	running = b.start_duo(
		world.mentee(intake_date=add_days(today(), -130)),
		world.mentor(organisation=organisation),
		start,
		proposed_on=add_days(today(), -100),
	)
	b.log_meeting(running.name, start, 60)
	b.log_meeting(running.name, add_days(start, 14), 90)
	b.make_action_plan(
		running.name,
		[
			{"objective": "CV", "axis": "Technical", "status": "Achieved"},
			{"objective": "Réseau", "axis": "Relational", "status": "In progress"},
			{"objective": "Abandonné", "axis": "Relational", "status": "Dropped"},
		],
	)
	b.propose_duo(
		world.mentee(intake_date=add_days(today(), -60)),
		world.mentor(organisation=organisation),
		proposed_on=add_days(today(), -50),
	)
	ended = b.start_duo(
		world.mentee(intake_date=add_days(today(), -310)),
		world.mentor(organisation=organisation),
		add_days(today(), -300),
	)
	ended.reload()
	ended.end_reason, ended.actual_end = "Mentee withdrew", add_days(today(), -200)
	ended.save()
	b.act(ended, "End Early")
	twelve = frappe.get_doc("Post-Duo Follow-up", {"duo": ended.name, "milestone": "12 months"})
	twelve.update(
		{
			"due_date": add_days(today(), -1),
			"done_on": today(),
			"situation": "Employed",
			"contract_type": "Permanent",
		}
	)
	twelve.save()
	b.make_training_session(
		add_days(today(), -3),
		f"Trainer {uid()}",
		[(frappe.db.get_value("Duo", running.name, "mentor"), "Attended")],
	)
	return frappe._dict(organisation=organisation, running=running.name, ended=ended.name)


def filters_for(programme) -> dict:
	return {
		"from_date": add_days(today(), -365),
		"to_date": today(),
		"partner_organisation": programme.organisation,
	}


def test_duo_outcomes_report_gives_the_known_answer(world, programme):
	with acting_as(world.coordinator):
		result = run_report("Duo Outcomes", filters=filters_for(programme))
	frappe.local.lang = "en"
	got = {(r["outcome"], r["reason"]): r["duos"] for r in result["result"]}
	assert got == {
		("Proposed", ""): 3,
		("Started", ""): 2,
		("Active during the period", ""): 2,
		("Completed", ""): 0,
		("Ended Early", ""): 1,
		("Ended Early", "Mentee withdrew"): 1,
	}


def test_programme_kpis_report_gives_the_known_answers(world, programme):
	frappe.db.set_value("User", world.coordinator, "language", "en")
	with acting_as(world.coordinator):
		frappe.local.lang = "en"
		result = run_report("Programme KPIs", filters=filters_for(programme))
	got = {(r["section"], r["indicator"]): r for r in result["result"]}
	assert got[("Matching", "Average days from intake to match")]["value"] == round((30 + 10 + 10) / 3, 1)
	assert got[("Matching", "Average days from match to start")]["value"] == 5.0
	assert got[("Meetings", "Hours of mentoring")]["value"] == 2.5
	assert got[("Meetings", "Meetings held against planned")]["value"] == 2
	assert got[("Objectives achieved by axis", "Technical")]["rate"] == 100.0
	assert got[("Objectives achieved by axis", "Relational")]["out_of"] == 1
	assert got[("Outcomes at 12 months", "In a stable job (permanent contract)")]["rate"] == 100.0
	assert got[("Participation by partner organisation", programme.organisation)]["value"] == 2
	assert got[("Events and training", "Attendance at training sessions")]["value"] == 1


def test_funder_export_as_xlsx_and_csv(world, programme):
	with acting_as(world.coordinator):
		name, content = kpis.funder_export_file(
			add_days(today(), -365), today(), programme.organisation, "xlsx"
		)
		assert name.endswith(".xlsx") and content[:2] == b"PK"
		name, content = kpis.funder_export_file(
			add_days(today(), -365), today(), programme.organisation, "csv"
		)
	assert name.endswith(".csv")
	assert programme.organisation in content.decode("utf-8-sig")


@pytest.mark.parametrize("who", ["mentor", "partner", "host_user"])
def test_portal_users_cannot_run_the_staff_reports_or_the_export(world, who):
	user = world.partner if who == "partner" else world.host_user
	if who == "mentor":
		user = world.user_of("Mentor", world.mentor(with_user=True))
	with acting_as(user):
		for report in ("Programme KPIs", "Duo Outcomes", "Duos Needing Attention"):
			with pytest.raises(frappe.PermissionError):
				run_report(report, filters={"from_date": add_days(today(), -30), "to_date": today()})
		with pytest.raises(frappe.PermissionError):
			kpis.funder_export_file(add_days(today(), -30), today())


# --- Mentoring resources ---------------------------------------------------------------------


def test_portal_users_read_only_published_resources(world):
	published = frappe.get_doc(
		{
			"doctype": "Mentoring Resource",
			"title": f"Guide {uid()}",
			"category": "Tips and tricks",
			"published": 1,
		}
	).insert()
	draft = frappe.get_doc(
		{"doctype": "Mentoring Resource", "title": f"Draft {uid()}", "category": "Bibliography"}
	).insert()
	mentor_user = world.user_of("Mentor", world.mentor(with_user=True))
	for user in (mentor_user, world.partner):
		with acting_as(user):
			names = frappe.get_list("Mentoring Resource", pluck="name")
			assert published.name in names and draft.name not in names
			assert frappe.has_permission("Mentoring Resource", "read", published.name)
			assert not frappe.has_permission("Mentoring Resource", "read", draft.name)
			assert not frappe.has_permission("Mentoring Resource", "write", published.name)
	with acting_as(world.host_user), pytest.raises(frappe.PermissionError):
		frappe.get_list("Mentoring Resource", pluck="name")


# --- Reminders ------------------------------------------------------------------------------


def set_switches(**values):
	centre = centre_doc()
	centre.email = centre.email or "mentorat@centre.example"
	centre.save()
	settings = programme_doc()
	for field in reminders.SWITCHES.values():
		settings.set(field, values.get(field, 1))
	settings.save()


def queued(reference_name: str) -> list[tuple[str, str, str]]:
	"""(recipient, subject, text) of the e-mails queued for a record."""
	found = []
	for q in frappe.get_all("Email Queue", {"reference_name": reference_name}, ["name", "message"]):
		message = email.message_from_string(q.message)
		text = "".join(
			part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
			for part in message.walk()
			if part.get_content_type() in ("text/html", "text/plain")
		)
		recipients = frappe.get_all("Email Queue Recipient", {"parent": q.name}, pluck="recipient")
		found.append((recipients[0], str(make_header(decode_header(message["Subject"]))), text))
	return sorted(found)


@pytest.fixture(scope="module")
def duo_with_users(world):
	"""A running duo whose mentor reads French and whose mentee reads Dutch (committed once)."""
	mentor, mentee = world.mentor(with_user=True), world.mentee(with_user=True)
	mentor_user, mentee_user = world.user_of("Mentor", mentor), world.user_of("Mentee", mentee)
	frappe.db.set_value("User", mentor_user, "language", "fr")
	frappe.db.set_value("User", mentee_user, "language", "nl")
	duo = b.start_duo(mentee, mentor, add_days(today(), -20))
	frappe.db.commit()
	return frappe._dict(duo=duo.name, mentor_user=mentor_user, mentee_user=mentee_user)


def test_upcoming_meeting_reminder_in_each_recipients_language_once(duo_with_users):
	set_switches()
	meeting = b.log_meeting(duo_with_users.duo, add_days(today(), 1), 60, status="Planned")
	reminders.send_daily()
	reminders.send_daily()
	mails = queued(meeting.name)
	assert [m[0] for m in mails] == sorted(
		[
			frappe.db.get_value("User", duo_with_users.mentor_user, "email"),
			frappe.db.get_value("User", duo_with_users.mentee_user, "email"),
		]
	)
	by_recipient = {m[0]: m for m in mails}
	french = by_recipient[frappe.db.get_value("User", duo_with_users.mentor_user, "email")]
	dutch = by_recipient[frappe.db.get_value("User", duo_with_users.mentee_user, "email")]
	assert "Bonjour" in french[2] and "demain" in french[1]
	assert "Hallo" in dutch[2] and "morgen" in dutch[1]
	assert frappe.db.count("Mentoring Reminder Log", {"reference_name": meeting.name}) == 2


def test_log_your_meeting_reminder_goes_to_the_mentor(duo_with_users):
	set_switches()
	meeting = b.log_meeting(duo_with_users.duo, add_days(today(), -1), 60, status="Planned")
	reminders.send_daily()
	reminders.send_daily()
	mails = queued(meeting.name)
	assert [m[0] for m in mails] == [frappe.db.get_value("User", duo_with_users.mentor_user, "email")]


def test_a_reminder_switched_off_is_not_sent(duo_with_users):
	set_switches(remind_upcoming_meeting=0)
	meeting = b.log_meeting(duo_with_users.duo, add_days(today(), 1), 60, status="Planned")
	reminders.send_daily()
	assert queued(meeting.name) == []


def test_weekly_digest_for_a_coordinator_once(world, coordinator):
	set_switches()
	duo = world.active_duo(started_days_ago=40)
	frappe.db.set_value("Duo", duo.name, "coordinator", coordinator)
	tasks.refresh_duo_health()
	reminders.send_weekly()
	reminders.send_weekly()
	assert (
		frappe.db.count(
			"Mentoring Reminder Log", {"reminder": "Weekly digest", "reference_name": coordinator}
		)
		== 1
	)
	assert len(queued(coordinator)) == 1
