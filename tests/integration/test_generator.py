"""The seeded generator: the demo size written to the site, then checked with the app's own rules.

The generator commits its records (names starting with ``GEN-``); the module removes them at the end.
"""

from __future__ import annotations

from datetime import date

import frappe
import pytest

from n2w_mentoring.demo import generator
from n2w_mentoring.programme import lifecycle


@pytest.fixture(scope="module")
def generated(site):
	frappe.set_user("Administrator")
	counts = generator.load("demo", seed=3, replace=True)
	yield counts
	frappe.db.rollback()
	generator.delete_generated()
	frappe.db.commit()


def test_counts_match_the_size(generated):
	size = generator.SIZES["demo"]
	expected = {
		"Partner Organisation": size.organisations,
		"Mentor": size.mentors,
		"Mentee": size.mentees,
		"Duo": size.duos,
		"Meeting": size.meetings,
	}
	for doctype, count in expected.items():
		assert generated[doctype] == count
		assert frappe.db.count(doctype, {"name": ("like", "GEN-%")}) == count


def test_same_seed_same_rows_other_seed_other_rows():
	day = date(2026, 3, 15)
	first = generator.fingerprint(generator.build("demo", seed=5, today=day))
	assert first == generator.fingerprint(generator.build("demo", seed=5, today=day))
	assert first != generator.fingerprint(generator.build("demo", seed=6, today=day))
	rows = generator.build("1x", seed=5, today=day)
	assert len(rows["Duo"]) == 1_000 and len(rows["Meeting"]) == 12_000


def test_running_and_closed_duos_started_with_their_convention(generated):
	duos = frappe.get_all(
		"Duo",
		{
			"name": ("like", "GEN-%"),
			"status": ("in", (*lifecycle.RUNNING_STATES, "Completed", "Ended Early")),
		},
		["name", "start_date", "meetings_held"],
	)
	assert duos
	for duo in duos:
		signed_on = frappe.db.get_value("Convention", {"duo": duo.name, "docstatus": 1}, "signed_on")
		assert signed_on == duo.start_date
		assert duo.meetings_held <= 12
	assert not frappe.get_all("Meeting", {"name": ("like", "GEN-%"), "duration_minutes": (">", 90)})


def test_resaving_through_the_controllers_changes_nothing(generated):
	"""Every duo and a sample of meetings pass validation; the derived values stay as generated."""
	derived = (
		"title",
		"planned_end",
		"meetings_held",
		"hours_of_mentoring",
		"last_meeting_date",
		"closure_due",
	)
	for name in frappe.get_all("Duo", {"name": ("like", "GEN-%")}, pluck="name"):
		doc = frappe.get_doc("Duo", name)
		before = {f: doc.get(f) for f in derived}
		doc.save()
		assert {f: doc.get(f) for f in derived} == before, name
	meetings = frappe.get_all("Meeting", {"name": ("like", "GEN-%")}, pluck="name", order_by="name")
	for name in meetings[::7]:
		doc = frappe.get_doc("Meeting", name)
		doc.save()
	for name in frappe.get_all("Mentee", {"name": ("like", "GEN-%")}, pluck="name")[::5]:
		frappe.get_doc("Mentee", name).save()
	for name in frappe.get_all("Mentor", {"name": ("like", "GEN-%")}, pluck="name")[::5]:
		frappe.get_doc("Mentor", name).save()
	frappe.db.rollback()


def test_people_follow_their_duos(generated):
	for duo in frappe.get_all(
		"Duo", {"name": ("like", "GEN-%")}, ["name", "mentee", "mentor", "status", "end_reason"]
	):
		mentee_status = frappe.db.get_value("Mentee", duo.mentee, "status")
		if duo.status in lifecycle.RUNNING_STATES:
			assert mentee_status == "In duo"
			assert frappe.db.get_value("Mentor", duo.mentor, "status") == "In duo"
		elif duo.status in ("Completed", "Ended Early"):
			assert mentee_status == lifecycle.mentee_status_after(duo.status, duo.end_reason, "In duo")
			assert frappe.db.count("Post-Duo Follow-up", {"duo": duo.name}) == 4
