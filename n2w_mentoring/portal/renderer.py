"""The portal's pages (everything under /mentoring) and their error pages, on the portal's light frame.

Frappe renders a refused page (403) or a missing one (404) with the host's whole website frame; under
/mentoring the same message is shown on the portal's own frame (templates/portal/error.html), with the
same HTTP status. Every other path is left to Frappe (hooks.py: ``page_renderer``)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.website.page_renderers.template_page import TemplatePage

from n2w_mentoring.portal import page_context

PREFIX = "mentoring"
ERROR_TEMPLATE = "n2w_mentoring/templates/portal/error.html"


class PortalPage(TemplatePage):
	def can_render(self):
		return self.path == PREFIX or self.path.startswith(PREFIX + "/")

	def render(self):
		if not super().can_render():
			return self.error_page(404)
		try:
			return super().render()
		except frappe.PermissionError as exc:
			return self.error_page(403, str(exc))
		except (frappe.PageDoesNotExistError, frappe.DoesNotExistError):
			return self.error_page(404)

	def error_page(self, status: int, message: str = ""):
		# Nothing of a refused request is kept.
		frappe.db.rollback()
		frappe.clear_messages()
		context = frappe._dict(status=status)
		if status == 403:
			context.message = message or _("This page is not available to you.")
			title = _("Not permitted")
		else:
			context.message = _(
				"This page does not exist. Check the address, or start again from your home page."
			)
			title = _("Page not found")
		page_context(context, title)
		html = self.add_csrf_token(frappe.render_template(ERROR_TEMPLATE, context))
		return self.build_response(html, status)
