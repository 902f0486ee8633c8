# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document

from n2w_mentoring.people import PersonMixin
from n2w_mentoring.programme import rules
from n2w_mentoring.utils import raise_problems


class Mentor(PersonMixin, Document):
	def validate(self):
		self.set_full_name()
		self.check_capacity()
		self.check_consent()
		self.check_portal_user()
		self.follow_training()

	def check_capacity(self):
		raise_problems(rules.check_capacity_value(self.capacity))

	def follow_training(self):
		"""Completing the training moves an applicant to Trained."""
		if self.training_completed and self.status == "Applicant":
			self.status = "Trained"
