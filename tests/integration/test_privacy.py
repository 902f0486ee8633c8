"""Data protection on a real site: sharing, private files, export, erasure found nowhere, retention."""

import json

import frappe
import pytest
from frappe.share import add as share
from frappe.utils import add_days, add_months, today
from support import acting_as, uid

from n2w_mentoring.data_protection.erasure import erase_personal_data
from n2w_mentoring.data_protection.export import collect
from n2w_mentoring.data_protection.retention import apply_retention_policy
from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import PrivacyError


def test_a_duo_cannot_be_shared_with_a_host_user(world):
	duo = world.active_duo()
	with pytest.raises(PrivacyError):
		share("Duo", duo.name, world.host_user, read=1)
	assert not frappe.db.exists("DocShare", {"share_name": duo.name, "user": world.host_user})


def test_a_duo_cannot_be_assigned_to_a_host_user(world):
	from frappe.desk.form.assign_to import add as assign

	duo = world.active_duo()
	with pytest.raises(PrivacyError):
		assign({"assign_to": [world.host_user], "doctype": "Duo", "name": duo.name, "description": "x"})


def test_a_mentor_cannot_be_given_another_duo_by_sharing(world):
	duo = world.active_duo()
	other_mentor = world.user_of("Mentor", world.mentor(with_user=True))
	with pytest.raises(PrivacyError):
		share("Duo", duo.name, other_mentor, read=1)


def test_a_duo_can_be_shared_with_its_own_mentor(world):
	mentor = world.mentor(with_user=True)
	duo = b.start_duo(world.mentee(), mentor, today())
	user = world.user_of("Mentor", mentor)
	shared = share("Duo", duo.name, user, read=1)
	assert frappe.db.get_value("DocShare", shared.name, ["user", "share_name", "read"]) == (user, duo.name, 1)
	with acting_as(user):
		assert frappe.has_permission("Duo", "read", duo.name)


def test_a_mentee_record_cannot_be_shared_with_everyone(world):
	with pytest.raises(PrivacyError):
		share("Mentee", world.mentee(), everyone=1, read=1)


def test_files_attached_to_people_are_private(world):
	mentee = world.mentee()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"cv-{uid()}.txt",
			"content": b"CV",
			"attached_to_doctype": "Mentee",
			"attached_to_name": mentee,
			"is_private": 0,
		}
	).insert()
	assert file.is_private == 1 and file.file_url.startswith("/private/")


def test_export_holds_every_record_about_the_person(world):
	duo = world.active_duo()
	b.log_meeting(duo.name, today(), 60, summary="Préparation entretien")
	frappe.get_doc("Mentee", duo.mentee).add_comment("Comment", "Très motivée")
	data = collect("Mentee", duo.mentee)
	doctypes = {r["doctype"] for r in data["records"]}
	assert {"Mentee", "Duo", "Meeting", "Convention"} <= doctypes
	assert any("Très motivée" in (c["content"] or "") for c in data["comments"])
	assert any(r.get("residence_status") == "Asylum seeker" for r in data["records"])


def test_only_a_manager_exports_or_erases(world):
	from n2w_mentoring.data_protection.export import export_personal_data

	mentee = world.mentee()
	with acting_as(world.coordinator):
		with pytest.raises(frappe.PermissionError):
			export_personal_data("Mentee", mentee)
		with pytest.raises(frappe.PermissionError):
			erase_personal_data("Mentee", mentee)


def test_export_as_readable_pdf(world):
	from n2w_mentoring.data_protection.export import export_personal_data

	duo = world.active_duo()
	with acting_as(world.manager):
		export_personal_data("Mentee", duo.mentee, format="pdf")
	assert frappe.local.response.filecontent[:4] == b"%PDF"


def test_a_person_with_an_open_duo_is_not_erased(world):
	duo = world.active_duo()
	with acting_as(world.manager), pytest.raises(PrivacyError):
		erase_personal_data("Mentee", duo.mentee)


def text_columns() -> list[tuple[str, str]]:
	return frappe.db.sql(
		"""select table_name, column_name from information_schema.columns
		where table_schema = %s and data_type in ('varchar', 'text', 'mediumtext', 'longtext', 'json')""",
		frappe.conf.db_name,
	)


def found_anywhere(token: str) -> list[str]:
	"""Every table.column of the site's database that still holds ``token``."""
	hits = []
	for table, column in text_columns():
		if frappe.db.sql(f"select 1 from `{table}` where `{column}` like %s limit 1", f"%{token}%"):
			hits.append(f"{table}.{column}")
	return hits


def test_after_erasure_the_person_is_found_nowhere_and_statistics_stay(world):
	token = f"Zorblat{uid()}"
	mentor = world.mentor()
	mentee = b.make_mentee(
		token,
		"Nadir",
		f"{token.lower()}@people.example",
		residence_status="Refugee",
		personal_story=f"{token} arrived in 2024",
		phone="+32 470 00 00 00",
	)
	duo = b.start_duo(mentee, mentor, add_days(today(), -60))
	b.make_action_plan(
		duo.name, [{"objective": "CV", "axis": "Technical", "progress_notes": f"{token} a écrit son CV"}]
	)
	b.log_meeting(
		duo.name,
		add_days(today(), -30),
		75,
		summary=f"{token} prépare un entretien",
		themes=[
			{"theme": "Workplace codes and organisation in Belgium", "there": f"{token}: horaires souples"}
		],
	)
	draft = b.log_meeting(duo.name, add_days(today(), -20), 30, kind="Phone call", summary=f"Appel {token}")
	draft.delete()  # leaves a Deleted Document holding the name
	person = frappe.get_doc("Mentee", mentee)
	person.intake_notes = f"Entretien avec {token}"
	person.save()  # leaves a Version
	person.add_comment("Comment", f"{token} est très motivée")
	frappe.get_doc(
		{
			"doctype": "Communication",
			"subject": f"Nouvelles de {token}",
			"content": token,
			"communication_type": "Communication",
			"reference_doctype": "Mentee",
			"reference_name": mentee,
		}
	).insert()
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{token}.txt",
			"content": token.encode(),
			"attached_to_doctype": "Mentee",
			"attached_to_name": mentee,
		}
	).insert()
	doc = frappe.get_doc("Duo", duo.name)
	doc.end_reason = "Job found"
	doc.save()
	b.act(duo, "Complete")
	hours = frappe.db.get_value("Duo", duo.name, "hours_of_mentoring")
	assert found_anywhere(token)

	with acting_as(world.manager):
		erase_personal_data("Mentee", mentee)

	assert found_anywhere(token) == []
	assert frappe.db.get_value(
		"Duo", duo.name, ["status", "meetings_held", "hours_of_mentoring", "end_reason"]
	) == ("Completed", 1, hours, "Job found")
	assert frappe.db.get_value("Mentee", mentee, "anonymised_on")


def test_retention_policy_anonymises_only_people_past_the_period(world):
	frappe.db.set_single_value("Mentoring Settings", "retention_months", 12)
	old, recent = world.active_duo(started_days_ago=170), world.active_duo(started_days_ago=30)
	for duo, end in ((old, add_months(today(), -13)), (recent, add_months(today(), -1))):
		doc = frappe.get_doc("Duo", duo.name)
		doc.end_reason = "Job found"
		doc.save()
		b.act(duo, "Complete")
		frappe.db.set_value("Duo", duo.name, "actual_end", end)
	apply_retention_policy(commit=False)
	assert frappe.db.get_value("Mentee", old.mentee, "anonymised_on")
	assert frappe.db.get_value("Mentor", old.mentor, "anonymised_on")
	assert not frappe.db.get_value("Mentee", recent.mentee, "anonymised_on")
	assert json.dumps(collect("Mentee", old.mentee)).count("Asylum seeker") == 0


def test_retention_works_through_a_backlog_in_bounded_batches(world):
	frappe.db.set_single_value("Mentoring Settings", "retention_months", 12)
	mentees = []
	for _ in range(5):
		duo = world.active_duo(started_days_ago=500)
		doc = frappe.get_doc("Duo", duo.name)
		doc.end_reason = "Job found"
		doc.save()
		b.act(duo, "Complete")
		frappe.db.set_value("Duo", duo.name, "actual_end", add_months(today(), -20))
		mentees.append(duo.mentee)

	def anonymised():
		return sum(1 for m in mentees if frappe.db.get_value("Mentee", m, "anonymised_on"))

	assert apply_retention_policy(batch_size=2, time_budget=0, commit=False) == 2
	assert anonymised() == 2
	assert apply_retention_policy(batch_size=2, time_budget=0, commit=False) == 2
	assert anonymised() == 4
	apply_retention_policy(batch_size=2, commit=False)  # time left: the rest, mentors included
	assert anonymised() == 5
	assert apply_retention_policy(batch_size=2, time_budget=0, commit=False) == 0
