# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from n2w_mentoring.exceptions import MentoringError
from n2w_mentoring.programme import operations
from n2w_mentoring.utils import raise_problems


class PostDuoFollowup(Document):
	def validate(self):
		self.set_person()
		self.check_one_per_milestone()
		self.clear_other_party_answers()
		self.check_answer()

	def set_person(self):
		duo = frappe.db.get_value(
			"Duo", self.duo, ["mentee_name", "mentor_name", "coordinator"], as_dict=True
		)
		if not duo:
			return
		self.person_name = duo.mentee_name if self.person_type == operations.MENTEE else duo.mentor_name
		self.coordinator = self.coordinator or duo.coordinator
		self.title = f"{self.person_name} · {_(self.milestone)}"

	def check_one_per_milestone(self):
		other = frappe.db.get_value(
			"Post-Duo Follow-up",
			{
				"duo": self.duo,
				"person_type": self.person_type,
				"milestone": self.milestone,
				"name": ("!=", self.name or ""),
			},
			"name",
		)
		if other:
			frappe.throw(
				_("This duo already has the follow-up {0} for this person and milestone.").format(other),
				exc=MentoringError,
				title=_("Follow-up already exists"),
			)

	def clear_other_party_answers(self):
		if self.person_type == operations.MENTEE:
			self.would_mentor_again = None
		else:
			self.situation = self.contract_type = None
		if self.situation != "Employed":
			self.contract_type = None

	def check_answer(self):
		raise_problems(
			operations.check_follow_up_answer(
				self.person_type, bool(self.done_on), self.situation, self.would_mentor_again
			),
			title=_("Follow-up incomplete"),
		)
