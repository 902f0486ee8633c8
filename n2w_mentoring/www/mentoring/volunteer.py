"""Public form: a volunteer applies to become a mentor."""

import frappe
from frappe import _

from n2w_mentoring.portal import page_context, plain_post, portal_identity
from n2w_mentoring.portal.public import form_programme

no_cache = 1
sitemap = 0


def get_context(context):
	plain_post.handle(context)
	context.sectors = frappe.get_all("Professional Sector", pluck="name", order_by="name asc")
	# Each programme has its own form: ?programme=<name> (the default programme without one).
	context.programme = form_programme(frappe.form_dict.get("programme"))
	context.identity = portal_identity(programme=context.programme)
	context.notice_version = context.identity.notice_version
	context.centre = context.identity.name or _("The centre")
	return page_context(context, _("Become a volunteer mentor"))
