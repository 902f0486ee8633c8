"""Public form: a job seeker applies to be accompanied by a mentor, or a social worker refers them."""

import frappe
from frappe import _

from n2w_mentoring.portal import page_context, plain_post, portal_identity
from n2w_mentoring.portal.public import CHANNELS, FRENCH_LEVELS, closed_page, form_programme, programme_terms

no_cache = 1
sitemap = 0


def get_context(context):
	# Each programme has its own form: ?programme=<name> (the default programme without one).
	context.programme = form_programme(frappe.form_dict.get("programme"))
	context.identity = portal_identity(programme=context.programme)
	context.centre = context.identity.name or _("The centre")
	if closed_page(context):
		# A closed programme's page takes no POST: nothing of a form sent to it is saved.
		return page_context(context, _("Find a mentor"))
	context.terms = programme_terms(context.programme)
	plain_post.handle(context)
	context.levels = FRENCH_LEVELS
	context.channels = CHANNELS
	context.referral = frappe.form_dict.get("for") == "referral"
	context.notice_version = context.identity.notice_version
	return page_context(context, _("Find a mentor"))
