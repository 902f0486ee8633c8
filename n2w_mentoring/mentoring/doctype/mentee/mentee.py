# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document

from n2w_mentoring.people import PersonMixin


class Mentee(PersonMixin, Document):
	def validate(self):
		self.set_full_name()
		self.check_consent()
		self.check_portal_user()
