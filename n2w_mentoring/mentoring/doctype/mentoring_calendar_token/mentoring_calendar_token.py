"""A portal user's private calendar feed secret: see n2w_mentoring/portal/calendar_feed.py."""

import frappe
from frappe.model.document import Document


class MentoringCalendarToken(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		token: DF.Data
		user: DF.Link
	# end: auto-generated types

	def before_validate(self):
		if not self.token:
			self.token = frappe.generate_hash(length=40)
