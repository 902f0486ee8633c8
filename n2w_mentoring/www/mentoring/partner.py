"""A partner organisation's page: its employees who mentor, their duos' status and the hours given
(for CSR reporting), and a form to propose a colleague. No mentee data is read here at all."""

import frappe
from frappe import _

from n2w_mentoring.portal import STATE_CLASS, is_staff, not_yours, page_context, plain_post, require_login
from n2w_mentoring.portal import user_organisations as organisations_of
from n2w_mentoring.programme import lifecycle
from n2w_mentoring.replica import down_note, read

no_cache = 1
sitemap = 0

# Explicit fields: nothing about the mentee, not even the duo's title (it names the mentee).
DUO_FIELDS = ["name", "mentor", "status", "start_date", "planned_end", "meetings_held", "hours_of_mentoring"]


def get_context(context):
	user = require_login()
	plain_post.handle(context)
	organisations = organisations_of(user)
	if is_staff(user) and frappe.form_dict.get("organisation"):
		organisations = [frappe.form_dict.organisation]
	if not organisations:
		not_yours()
	# An organisation's whole list of mentors and duos: read from the replica when the site has one.
	context.organisations, note = read(lambda: [organisation_summary(n) for n in organisations])
	# A partner is told when the figures may be behind; where they were read from is the staff's concern.
	context.replica_note = None if note == down_note() else note
	return page_context(context, _("Our mentors"), back=("/mentoring", _("My mentoring")))


def organisation_summary(name: str) -> frappe._dict:
	mentors = frappe.get_all(
		"Mentor",
		filters={"partner_organisation": name},
		fields=["name", "full_name", "status", "job_title"],
		order_by="full_name asc",
	)
	duos = frappe.get_all(
		"Duo",
		filters={
			"mentor": ("in", [m.name for m in mentors] or [""]),
			"status": ("not in", [lifecycle.DECLINED, lifecycle.CANCELLED]),
		},
		fields=DUO_FIELDS,
		order_by="start_date desc",
	)
	for mentor in mentors:
		mentor.duos = [
			frappe._dict(d, status_class=STATE_CLASS.get(d.status, "muted"))
			for d in duos
			if d.mentor == mentor.name
		]
		mentor.hours = round(sum(d.hours_of_mentoring or 0 for d in mentor.duos), 1)
		mentor.meetings = sum(d.meetings_held or 0 for d in mentor.duos)
	return frappe._dict(
		name=name,
		mentors=mentors,
		hours=round(sum(m.hours for m in mentors), 1),
		meetings=sum(m.meetings for m in mentors),
		running=sum(1 for d in duos if d.status in lifecycle.RUNNING_STATES),
		completed=sum(1 for d in duos if d.status in (lifecycle.COMPLETED, lifecycle.ENDED_EARLY)),
	)
