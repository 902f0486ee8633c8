"""Public form: a volunteer applies to become a mentor."""

import frappe
from frappe import _

from n2w_mentoring.portal import page_context, plain_post

no_cache = 1
sitemap = 0


def get_context(context):
	plain_post.handle(context)
	context.sectors = frappe.get_all("Professional Sector", pluck="name", order_by="name asc")
	context.notice_version = frappe.db.get_single_value("Mentoring Settings", "consent_notice_version")
	context.centre = frappe.db.get_single_value("Mentoring Settings", "centre_name") or _("The centre")
	return page_context(context, _("Become a volunteer mentor"))
