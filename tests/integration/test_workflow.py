"""The duo lifecycle is a Frappe Workflow; its preconditions hold whatever the path."""

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, apply_workflow
from frappe.utils import today
from support import acting_as

from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import DuoTransitionError


def test_workflow_is_installed_on_duo():
	workflow = frappe.get_doc("Workflow", "Duo Lifecycle")
	assert workflow.document_type == "Duo" and workflow.is_active
	assert workflow.workflow_state_field == "status"


def test_accept_needs_both_parties_agreement(world):
	duo = b.propose_duo(world.mentee(), world.mentor())
	doc = frappe.get_doc("Duo", duo.name)
	doc.mentor_agreed_on = today()
	doc.save()
	with acting_as(world.coordinator), pytest.raises(DuoTransitionError):
		apply_workflow(frappe.get_doc("Duo", duo.name), "Accept")
	assert frappe.db.get_value("Duo", duo.name, "status") == "Proposed"


def test_coordinator_accepts_a_proposed_duo(world):
	duo = b.propose_duo(world.mentee(), world.mentor())
	b.record_agreement(duo.name)
	with acting_as(world.coordinator):
		duo = apply_workflow(frappe.get_doc("Duo", duo.name), "Accept")
	assert duo.status == "Accepted"


def test_mentor_cannot_take_a_staff_transition(world):
	mentor = world.mentor(with_user=True)
	duo = b.record_agreement(b.propose_duo(world.mentee(), mentor).name)
	# The parties may answer a proposal, but only through the portal (n2w_mentoring/portal/api.py): they
	# hold no write permission on Duo, so the API refuses them.
	refused = (frappe.ValidationError, frappe.PermissionError)
	with acting_as(world.user_of("Mentor", mentor)), pytest.raises(refused):
		apply_workflow(frappe.get_doc("Duo", duo.name), "Accept")
	assert frappe.db.get_value("Duo", duo.name, "status") == "Proposed"


def test_activate_without_a_convention_is_refused(world):
	duo = b.act(b.propose_duo(world.mentee(), world.mentor()), "Accept")
	with acting_as(world.coordinator), pytest.raises(DuoTransitionError):
		apply_workflow(frappe.get_doc("Duo", duo.name), "Activate")
	assert frappe.db.get_value("Duo", duo.name, "status") == "Accepted"


def test_setting_the_status_through_the_api_cannot_skip_a_step(world):
	duo = b.propose_duo(world.mentee(), world.mentor())
	with acting_as(world.coordinator), pytest.raises((WorkflowPermissionError, DuoTransitionError)):
		frappe.client.set_value("Duo", duo.name, "status", "Active")
	assert frappe.db.get_value("Duo", duo.name, "status") == "Proposed"


def test_complete_needs_an_outcome(world):
	duo = world.active_duo()
	with acting_as(world.coordinator), pytest.raises(DuoTransitionError):
		apply_workflow(frappe.get_doc("Duo", duo.name), "Complete")
	doc = frappe.get_doc("Duo", duo.name)
	doc.end_reason = "Job found"
	doc.save()
	with acting_as(world.coordinator):
		doc = apply_workflow(frappe.get_doc("Duo", duo.name), "Complete")
	assert doc.status == "Completed" and str(doc.actual_end) <= today()
	assert frappe.db.get_value("Mentee", duo.mentee, "status") == "Completed"
	assert frappe.db.get_value("Mentor", duo.mentor, "status") == "Available"


def test_end_early_needs_a_reason_and_a_date(world):
	duo = world.active_duo()
	doc = frappe.get_doc("Duo", duo.name)
	doc.end_reason = "Mentee withdrew"
	doc.save()
	with pytest.raises(DuoTransitionError):
		apply_workflow(frappe.get_doc("Duo", duo.name), "End Early")
	doc.reload()
	doc.actual_end = today()
	doc.save()
	apply_workflow(frappe.get_doc("Duo", duo.name), "End Early")
	assert frappe.db.get_value("Mentee", duo.mentee, "status") == "Withdrawn"


def test_suspend_and_resume(world):
	duo = world.active_duo()
	assert b.act(duo, "Suspend").status == "Suspended"
	assert b.act(duo, "Resume").status == "Active"


def test_transitions_are_recorded_with_who_and_when(world):
	duo = world.active_duo()
	b.act(duo, "Suspend")
	versions = frappe.get_all(
		"Version", {"ref_doctype": "Duo", "docname": duo.name}, ["owner", "creation", "data"]
	)
	assert any('"Suspended"' in v.data for v in versions)


def test_last_meeting_asks_the_coordinator_for_the_outcome(world):
	from frappe.utils import add_days, getdate

	duo = world.active_duo(started_days_ago=175)
	frappe.db.set_value("Duo", duo.name, "coordinator", world.coordinator)
	start = getdate(duo.start_date)
	for i in range(12):
		b.log_meeting(duo.name, add_days(start, i * 14), 60)
	assert frappe.db.get_value("Duo", duo.name, "closure_due") == 1
	todos = frappe.get_all(
		"ToDo", {"reference_type": "Duo", "reference_name": duo.name, "status": "Open"}, pluck="allocated_to"
	)
	assert todos == [world.coordinator]


def test_daily_job_flags_duos_past_their_planned_end_once(world):
	from frappe.utils import add_days

	from n2w_mentoring.tasks import flag_duos_due_for_closure

	duo = world.active_duo(started_days_ago=10)
	frappe.db.set_value(
		"Duo", duo.name, {"coordinator": world.coordinator, "planned_end": add_days(today(), -1)}
	)
	flag_duos_due_for_closure()
	flag_duos_due_for_closure()
	assert frappe.db.get_value("Duo", duo.name, "closure_due") == 1
	assert frappe.db.count("ToDo", {"reference_type": "Duo", "reference_name": duo.name}) == 1


def test_closing_the_duo_clears_the_flag(world):
	from frappe.utils import add_days

	duo = world.active_duo(started_days_ago=10)
	frappe.db.set_value("Duo", duo.name, {"closure_due": 1, "planned_end": add_days(today(), -1)})
	doc = frappe.get_doc("Duo", duo.name)
	doc.end_reason = "Job found"
	doc.save()
	b.act(duo, "Complete")
	assert frappe.db.get_value("Duo", duo.name, "closure_due") == 0
