"""One duo: its status, the party's answer to a proposal, progress, meetings, and where to go next."""

import frappe
from frappe import _

from n2w_mentoring.portal import (
	MENTEE,
	MENTOR,
	duo_card,
	duo_for_user,
	next_meetings,
	other_party_name,
	page_context,
	plain_post,
	require_login,
	with_when,
)
from n2w_mentoring.portal.api import due_surveys

no_cache = 1
sitemap = 0


def get_context(context):
	require_login()
	plain_post.handle(context)
	duo, party = duo_for_user(frappe.form_dict.get("name"))
	upcoming = next_meetings([duo.name])
	context.duo = duo
	context.party = party
	context.card = duo_card(duo, party, {duo.name: upcoming[0]} if upcoming else {})
	context.upcoming = upcoming
	context.recent = [
		with_when(m)
		for m in frappe.get_all(
			"Meeting",
			filters={"duo": duo.name, "status": ("!=", "Planned")},
			fields=["name", "kind", "status", "meeting_date", "start_time", "duration_minutes", "place"],
			order_by="meeting_date desc, creation desc",
			limit=10,
		)
	]
	context.saved = frappe.form_dict.get("saved")
	context.my_agreement = {MENTOR: duo.mentor_agreed_on, MENTEE: duo.mentee_agreed_on}.get(party)
	context.has_plan = bool(frappe.db.exists("Action Plan", {"duo": duo.name}))
	context.surveys = due_surveys(duo, party) if party in (MENTOR, MENTEE) else []
	context.has_convention = bool(frappe.db.exists("Convention", {"duo": duo.name, "docstatus": ("<", 2)}))
	return page_context(
		context,
		_("Duo with {0}").format(other_party_name(duo, party)),
		back=("/mentoring", _("My mentoring")),
	)
