"""Public form: a job seeker applies to be accompanied by a mentor, or a social worker refers them."""

import frappe
from frappe import _

from n2w_mentoring.portal import page_context
from n2w_mentoring.portal.public import CHANNELS, FRENCH_LEVELS, form_context

no_cache = 1
sitemap = 0


def get_context(context):
	# Each programme has its own form; a closed programme's page takes no POST.
	if form_context(context):
		return page_context(context, _("Find a mentor"))
	context.levels = FRENCH_LEVELS
	context.channels = CHANNELS
	context.referral = frappe.form_dict.get("for") == "referral"
	context.notice_version = context.identity.notice_version
	return page_context(context, _("Find a mentor"))
