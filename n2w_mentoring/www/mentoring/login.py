"""The portal's own login page, on its light page frame: e-mail and password, then the page asked for."""

import frappe
from frappe import _

from n2w_mentoring.portal import login, page_context
from n2w_mentoring.programme.redirects import local_target

no_cache = 1
sitemap = 0


def get_context(context):
	target = local_target(frappe.form_dict.get("redirect-to"))
	if frappe.session.user != "Guest" and frappe.local.request.method != "POST":
		login.go(target)
	context.posted = frappe._dict()
	context.notice = None
	login.handle(context, target)
	context.target = target
	context.on_login_page = True
	context.full_login = login.full_login(target)
	return page_context(context, _("Log in"))
