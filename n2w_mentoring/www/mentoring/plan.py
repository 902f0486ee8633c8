"""The duo's action plan: objectives by axis; the duo updates each one's status and progress."""

import frappe
from frappe import _

from n2w_mentoring.portal import duo_for_user, other_party_name, page_context, plain_post, require_login
from n2w_mentoring.portal.api import OBJECTIVE_STATUSES
from n2w_mentoring.programme import lifecycle

no_cache = 1
sitemap = 0

AXES = ("Co-constructed", "Concrete", "Moral support", "Relational", "Technical")


def get_context(context):
	require_login()
	plain_post.handle(context)
	duo, party = duo_for_user(frappe.form_dict.get("duo"))
	plan = frappe.db.get_value("Action Plan", {"duo": duo.name}, ["name", "agreed_on"], as_dict=True)
	rows = (
		frappe.get_all(
			"Action Plan Objective",
			filters={"parent": plan.name, "parenttype": "Action Plan"},
			fields=["name", "objective", "axis", "theme", "target_date", "status", "progress_notes"],
			order_by="idx asc",
		)
		if plan
		else []
	)
	context.duo = duo
	context.plan = plan
	context.axes = [(axis, [r for r in rows if r.axis == axis]) for axis in AXES]
	context.statuses = OBJECTIVE_STATUSES
	context.editable = duo.status not in (lifecycle.DECLINED, lifecycle.CANCELLED)
	return page_context(
		context,
		_("Action plan"),
		back=(f"/mentoring/duo?name={duo.name}", _("Duo with {0}").format(other_party_name(duo, party))),
	)
