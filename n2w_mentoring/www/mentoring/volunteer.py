"""Public form: a volunteer applies to become a mentor."""

import frappe
from frappe import _

from n2w_mentoring.portal import page_context
from n2w_mentoring.portal.public import form_context

no_cache = 1
sitemap = 0


def get_context(context):
	# Each programme has its own form; a closed programme's page takes no POST.
	if form_context(context):
		return page_context(context, _("Become a volunteer mentor"))
	context.sectors = frappe.get_all("Professional Sector", pluck="name", order_by="name asc")
	context.notice_version = context.identity.notice_version
	return page_context(context, _("Become a volunteer mentor"))
