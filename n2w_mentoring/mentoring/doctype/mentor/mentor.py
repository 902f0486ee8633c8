# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document

from n2w_mentoring.network import centre_of, default_programme_for
from n2w_mentoring.people import PersonMixin
from n2w_mentoring.programme import rules
from n2w_mentoring.utils import raise_problems


class Mentor(PersonMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.mentoring_language_skill.mentoring_language_skill import (
			MentoringLanguageSkill,
		)

		anonymised_on: DF.Date | None
		availability: DF.SmallText | None
		capacity: DF.Int
		consent_date: DF.Date | None
		consent_given: DF.Check
		consent_notice_version: DF.Data | None
		consent_recorded_by: DF.Link | None
		email: DF.Data | None
		expertise: DF.SmallText | None
		first_name: DF.Data
		full_name: DF.Data | None
		job_title: DF.Data | None
		languages: DF.Table[MentoringLanguageSkill]
		last_name: DF.Data
		motivation: DF.SmallText | None
		notes: DF.SmallText | None
		partner_organisation: DF.Link | None
		phone: DF.Data | None
		preferred_language: DF.Literal["fr", "nl", "en"]
		profession: DF.Data | None
		sector: DF.Link | None
		status: DF.Literal["Applicant", "Trained", "Available", "In duo", "Paused", "Left the programme"]
		training_completed: DF.Check
		training_date: DF.Date | None
		user: DF.Link | None
		workplace_municipality: DF.Data | None
		workplace_postal_code: DF.Data | None
		years_of_experience: DF.Int

	# end: auto-generated types
	def validate(self):
		self.set_programmes()
		self.set_full_name()
		self.check_capacity()
		self.check_consent()
		self.check_portal_user()
		self.follow_training()

	def set_programmes(self):
		"""A mentor serves one programme or several, the default one unless given."""
		if not self.get("programmes") and (default := default_programme_for()):
			self.append("programmes", {"programme": default})
		for row in self.get("programmes") or []:
			row.centre = centre_of(row.programme)

	def check_capacity(self):
		raise_problems(rules.check_capacity_value(self.capacity))

	def follow_training(self):
		"""Completing the training moves an applicant to Trained."""
		if self.training_completed and self.status == "Applicant":
			self.status = "Trained"
