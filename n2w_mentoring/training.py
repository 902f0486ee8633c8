"""Mentor training and network events: attendance, and a mentor's registration from the portal."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from n2w_mentoring.permissions import is_staff, mentors_of
from n2w_mentoring.programme import operations
from n2w_mentoring.utils import raise_problems

SESSION = "Mentor Training Session"


def mark_trained(mentor: str, on) -> bool:
	"""Record the mentor's training as completed on ``on`` (Mentor.validate moves an applicant to Trained)."""
	doc = frappe.get_doc("Mentor", mentor)
	if doc.training_completed:
		return False
	doc.training_completed = 1
	doc.training_date = getdate(on)
	doc.flags.ignore_permissions = True
	doc.save()
	return True


def upcoming_sessions(mentor: str | None = None, on=None) -> list[dict]:
	"""Sessions from today on, soonest first, with the places left and whether ``mentor`` registered."""
	sessions = frappe.get_all(
		SESSION,
		filters={"session_date": (">=", getdate(on or today()))},
		fields=[
			"name",
			"session_date",
			"start_time",
			"duration_hours",
			"trainer",
			"place",
			"capacity",
			"registered_count",
			"topic_intercultural",
			"topic_migration",
			"topic_job_search",
			"other_topics",
		],
		order_by="session_date asc, start_time asc",
	)
	mine = set()
	if mentor and sessions:
		mine = set(
			frappe.get_all(
				"Mentor Training Attendance",
				filters={
					"parenttype": SESSION,
					"mentor": mentor,
					"parent": ("in", [s.name for s in sessions]),
				},
				pluck="parent",
			)
		)
	for session in sessions:
		session.places_left = operations.places_left(session.registered_count or 0, session.capacity)
		session.registered = session.name in mine
	return sessions


@frappe.whitelist(methods=["POST"])
def register_for_training(session: str, mentor: str | None = None) -> dict:
	"""Register the calling mentor to an upcoming training session (from the portal).

	``mentor`` defaults to the caller's own Mentor record; a mentor can only register themselves,
	staff can register anyone.
	"""
	user = frappe.session.user
	own = mentors_of(user)
	if not mentor:
		if not own:
			frappe.throw(_("Only a mentor can register for a training session."), frappe.PermissionError)
		mentor = own[0]
	if mentor not in own and not is_staff(user):
		frappe.throw(_("You can only register yourself for a training session."), frappe.PermissionError)

	doc = frappe.get_doc(SESSION, session, for_update=True)
	raise_problems(
		operations.check_registration_open(getdate(doc.session_date), getdate(today())),
		title=_("Registration closed"),
	)
	if any(row.mentor == mentor for row in doc.attendees):
		return {"session": doc.name, "registered": True, "already": True}
	doc.append(
		"attendees",
		{
			"mentor": mentor,
			"status": operations.REGISTERED,
			"registered_on": today(),
			"registered_in_portal": 0 if is_staff(user) else 1,
		},
	)
	doc.flags.ignore_permissions = True
	doc.save()
	return {"session": doc.name, "registered": True, "already": False}
