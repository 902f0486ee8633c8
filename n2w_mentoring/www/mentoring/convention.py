"""The duo's convention: its terms and signatures, the PDF, and the party's signature."""

from urllib.parse import urlencode

import frappe
from frappe import _

from n2w_mentoring.portal import duo_for_user, other_party_name, page_context, plain_post, require_login

no_cache = 1
sitemap = 0


def get_context(context):
	require_login()
	plain_post.handle(context)
	duo, party = duo_for_user(frappe.form_dict.get("duo"))
	convention = frappe.db.get_value(
		"Convention",
		{"duo": duo.name, "docstatus": ("<", 2)},
		[
			"name",
			"docstatus",
			"signed_on",
			"programme_months",
			"max_meetings",
			"meetings_per_month",
			"max_meeting_minutes",
			"meeting_place",
		],
		as_dict=True,
		order_by="creation desc",
	)
	context.duo = duo
	context.convention = convention
	context.signatories = []
	context.my_row = None
	if convention:
		context.signatories = frappe.get_all(
			"Convention Signatory",
			filters={"parent": convention.name, "parenttype": "Convention"},
			fields=["party", "signatory_name", "user", "signed_on", "signature_method"],
			order_by="idx asc",
		)
		context.my_row = next((r for r in context.signatories if r.user == frappe.session.user), None)
		query = urlencode({"doctype": "Convention", "name": convention.name, "format": "Convention"})
		context.pdf_url = f"/api/method/frappe.utils.print_format.download_pdf?{query}"
		context.view_url = f"/printview?{query}"
		summary = urlencode({"convention": convention.name})
		context.summary_url = (
			f"/api/method/n2w_mentoring.portal.summary.download?{summary}" if party == "Mentee" else None
		)
	return page_context(
		context,
		_("Convention"),
		back=(f"/mentoring/duo?name={duo.name}", _("Duo with {0}").format(other_party_name(duo, party))),
	)
