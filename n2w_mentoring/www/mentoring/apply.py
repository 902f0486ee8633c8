"""Public form: a job seeker applies to be accompanied by a mentor, or a social worker refers them."""

import frappe
from frappe import _

from n2w_mentoring.portal import page_context, plain_post
from n2w_mentoring.portal.public import CHANNELS, FRENCH_LEVELS

no_cache = 1
sitemap = 0


def get_context(context):
	plain_post.handle(context)
	context.levels = FRENCH_LEVELS
	context.channels = CHANNELS
	context.referral = frappe.form_dict.get("for") == "referral"
	context.notice_version = frappe.db.get_single_value("Mentoring Settings", "consent_notice_version")
	context.centre = frappe.db.get_single_value("Mentoring Settings", "centre_name") or _("The centre")
	return page_context(context, _("Find a mentor"))
