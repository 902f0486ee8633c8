"""Duo rules on a real site: proposal, capacity, activation, dates. Nothing half-saved."""

import frappe
import pytest
from frappe.utils import add_days, today
from support import set_programme

from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import (
	ConventionError,
	DuoConflictError,
	DuoDatesError,
	DuoEligibilityError,
	DuoTransitionError,
)


def test_second_open_duo_for_a_mentee_is_refused(world):
	mentee = world.mentee()
	b.propose_duo(mentee, world.mentor())
	with pytest.raises(DuoConflictError):
		b.propose_duo(mentee, world.mentor())
	assert frappe.db.count("Duo", {"mentee": mentee}) == 1


def test_mentee_can_start_again_after_a_declined_duo(world):
	mentee = world.mentee()
	b.act(b.propose_duo(mentee, world.mentor()), "Decline")
	b.propose_duo(mentee, world.mentor())
	assert frappe.db.count("Duo", {"mentee": mentee}) == 2


def test_mentor_over_capacity_is_refused(world):
	mentor = world.mentor(capacity=1)
	b.propose_duo(world.mentee(), mentor)
	with pytest.raises(DuoConflictError):
		b.propose_duo(world.mentee(), mentor)
	assert frappe.db.count("Duo", {"mentor": mentor}) == 1


def test_mentor_with_capacity_two_takes_two_duos(world):
	mentor = world.mentor(capacity=2)
	b.propose_duo(world.mentee(), mentor)
	b.propose_duo(world.mentee(), mentor)
	with pytest.raises(DuoConflictError):
		b.propose_duo(world.mentee(), mentor)


def test_paused_mentor_cannot_be_proposed(world):
	mentor = world.mentor(status="Paused")
	with pytest.raises(DuoEligibilityError):
		b.propose_duo(world.mentee(), mentor)


def test_new_duo_cannot_start_in_another_state(world):
	with pytest.raises(DuoTransitionError):
		frappe.get_doc(
			{"doctype": "Duo", "mentee": world.mentee(), "mentor": world.mentor(), "status": "Active"}
		).insert()


def test_activation_with_untrained_mentor_is_refused(world):
	duo = b.act(b.propose_duo(world.mentee(), world.mentor(trained=False)), "Accept")
	with pytest.raises(DuoEligibilityError):
		b.make_convention(duo.name, today())
	assert frappe.db.get_value("Duo", duo.name, "status") == "Accepted"
	assert not frappe.db.exists("Convention", {"duo": duo.name, "docstatus": 1})


def test_untrained_mentor_allowed_when_training_not_required(world):
	set_programme(training_required=0)
	duo = b.act(b.propose_duo(world.mentee(), world.mentor(trained=False)), "Accept")
	b.make_convention(duo.name, today())
	assert frappe.db.get_value("Duo", duo.name, "status") == "Active"


def test_activation_without_mentee_consent_is_refused(world):
	duo = b.act(b.propose_duo(world.mentee(with_consent=False), world.mentor()), "Accept")
	with pytest.raises(DuoEligibilityError):
		b.make_convention(duo.name, today())
	assert frappe.db.get_value("Duo", duo.name, "status") == "Accepted"


def test_signed_convention_starts_the_duo_on_the_signing_day(world):
	duo = world.active_duo(started_days_ago=5)
	assert duo.status == "Active"
	assert str(duo.start_date) == add_days(today(), -5)
	assert frappe.db.get_value("Mentee", duo.mentee, "status") == "In duo"
	assert frappe.db.get_value("Mentor", duo.mentor, "status") == "In duo"


def test_end_before_start_is_refused(world):
	duo = world.active_duo(started_days_ago=5)
	duo.actual_end = add_days(today(), -6)
	with pytest.raises(DuoDatesError):
		duo.save()


def test_convention_needs_every_signature_before_submission(world):
	duo = b.act(b.propose_duo(world.mentee(), world.mentor()), "Accept")
	convention = frappe.get_doc({"doctype": "Convention", "duo": duo.name}).insert()
	convention.signatories[0].signed_on = today()
	convention.save()
	with pytest.raises(ConventionError):
		convention.submit()
	assert frappe.db.get_value("Duo", duo.name, "status") == "Accepted"


def test_convention_copies_the_programme_terms(world):
	duo = b.act(b.propose_duo(world.mentee(), world.mentor()), "Accept")
	convention = frappe.get_doc({"doctype": "Convention", "duo": duo.name}).insert()
	assert (convention.max_meetings, convention.programme_months, convention.max_meeting_minutes) == (
		12,
		6,
		90,
	)
	assert {r.party for r in convention.signatories} >= {"Mentee", "Mentor", "Centre"}
	assert convention.meeting_place


def test_second_convention_for_a_duo_is_refused(world):
	duo = world.active_duo()
	with pytest.raises(ConventionError):
		frappe.get_doc({"doctype": "Convention", "duo": duo.name}).insert()


def test_convention_for_a_proposed_duo_is_refused(world):
	duo = b.propose_duo(world.mentee(), world.mentor())
	with pytest.raises(ConventionError):
		frappe.get_doc({"doctype": "Convention", "duo": duo.name}).insert()


def test_consent_needs_its_date_and_notice_version(world):
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			{"doctype": "Mentee", "first_name": "A", "last_name": "B", "consent_given": 1}
		).insert()


def test_consent_records_who_recorded_it(world):
	mentee = frappe.get_doc("Mentee", world.mentee())
	assert mentee.consent_recorded_by == "Administrator"


def test_a_term_changes_by_cancel_and_amend_and_every_party_signs_again(world):
	duo = world.active_duo(started_days_ago=20)
	original = frappe.get_doc("Convention", {"duo": duo.name, "docstatus": 1})
	original.cancel()
	amended = frappe.copy_doc(original)
	amended.amended_from = original.name
	amended.meeting_place = "Chantier de Jambes, bureau 2"
	amended.insert()
	assert all(not row.signed_on for row in amended.signatories)
	with pytest.raises(ConventionError):
		amended.submit()
	amended.reload()
	for row in amended.signatories:
		row.signed_on = today()
	amended.save()
	amended.submit()
	assert frappe.db.get_value("Duo", duo.name, "status") == "Active"
	assert frappe.db.get_value("Convention", {"duo": duo.name, "docstatus": 1}) == amended.name
	assert amended.name.startswith(original.name)
