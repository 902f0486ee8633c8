"""Log a meeting, or a call or message between meetings, in under a minute on a phone."""

import frappe
from frappe import _
from frappe.utils import today

from n2w_mentoring.portal import duo_for_user, other_party_name, page_context, plain_post, require_login
from n2w_mentoring.utils import get_limits

no_cache = 1
sitemap = 0

KINDS = (("Meeting", "Meeting"), ("Phone call", "Phone call"), ("E-mail", "E-mail"), ("Message", "Message"))
STATUSES = ("Held", "Planned", "Cancelled", "No-show")
STEPS = (
	("there", "How was it there?"),
	("here", "How is it here, in your view?"),
	("comparison", "Comparison"),
	("verification", "Verification"),
	("conclusion", "Conclusion"),
)


def get_context(context):
	require_login()
	plain_post.handle(context)
	duo, party = duo_for_user(frappe.form_dict.get("duo"))
	plan = frappe.db.get_value("Action Plan", {"duo": duo.name}, "name")
	context.duo = duo
	context.kinds = [k for k, _label in KINDS]
	context.statuses = STATUSES
	context.steps = STEPS
	context.today = today()
	context.max_minutes = get_limits(duo.programme).max_meeting_minutes
	context.default_place = default_place(duo.mentor)
	context.themes = frappe.get_all(
		"Intercultural Theme", {"enabled": 1}, ["name", "theme_name"], order_by="creation asc"
	)
	context.objectives = (
		frappe.get_all(
			"Action Plan Objective",
			filters={
				"parent": plan,
				"parenttype": "Action Plan",
				"status": ("not in", ["Achieved", "Dropped"]),
			},
			fields=["name", "objective", "axis"],
			order_by="idx asc",
		)
		if plan
		else []
	)
	return page_context(
		context,
		_("Log a meeting"),
		back=(f"/mentoring/duo?name={duo.name}", _("Duo with {0}").format(other_party_name(duo, party))),
	)


def default_place(mentor: str) -> str:
	values = frappe.db.get_value(
		"Mentor", mentor, ["partner_organisation", "workplace_municipality"], as_dict=True
	)
	if not values:
		return ""
	if values.partner_organisation:
		place = frappe.db.get_value("Partner Organisation", values.partner_organisation, "meeting_place")
		return place or values.partner_organisation
	return values.workplace_municipality or ""
