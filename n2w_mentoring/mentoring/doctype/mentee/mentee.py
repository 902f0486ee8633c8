# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document

from n2w_mentoring.people import PersonMixin


class Mentee(PersonMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.mentee_diploma.mentee_diploma import MenteeDiploma
		from n2w_mentoring.mentoring.doctype.mentee_mentor_exclusion.mentee_mentor_exclusion import (
			MenteeMentorExclusion,
		)
		from n2w_mentoring.mentoring.doctype.mentoring_language_skill.mentoring_language_skill import (
			MentoringLanguageSkill,
		)

		anonymised_on: DF.Date | None
		aspirations: DF.SmallText | None
		availability: DF.SmallText | None
		consent_date: DF.Date | None
		consent_given: DF.Check
		consent_notice_version: DF.Data | None
		consent_recorded_by: DF.Link | None
		coordinator: DF.Link | None
		country_of_origin: DF.Link | None
		diplomas: DF.Table[MenteeDiploma]
		email: DF.Data | None
		excluded_mentors: DF.Table[MenteeMentorExclusion]
		first_name: DF.Data
		french_level: DF.Literal["", "A1", "A2", "B1", "B2", "C1", "C2"]
		full_name: DF.Data | None
		health_notes: DF.SmallText | None
		intake_date: DF.Date | None
		intake_notes: DF.Text | None
		languages: DF.Table[MentoringLanguageSkill]
		last_name: DF.Data
		max_travel_km: DF.Int
		motivations: DF.SmallText | None
		municipality: DF.Data | None
		nationality: DF.Link | None
		personal_story: DF.Text | None
		phone: DF.Data | None
		postal_code: DF.Data | None
		preferred_channel: DF.Literal["", "Phone", "E-mail", "SMS", "Messaging app"]
		preferred_language: DF.Literal["fr", "nl", "en"]
		preferred_mentor_language: DF.Link | None
		referrer_email: DF.Data | None
		referrer_name: DF.Data | None
		referring_organisation: DF.Data | None
		residence_status: DF.Literal[
			"",
			"Asylum seeker",
			"Refugee",
			"Subsidiary protection",
			"Temporary protection",
			"Other residence permit",
			"EU citizen",
			"Other",
			"Unknown",
		]
		right_to_work: DF.Literal["", "Yes", "No", "Pending", "Unknown"]
		status: DF.Literal[
			"Applicant", "Intake done", "Waiting for match", "In duo", "Completed", "Withdrawn"
		]
		target_profession: DF.Data | None
		target_sector: DF.Link | None
		user: DF.Link | None
		work_experience: DF.Text | None
		year_of_birth: DF.Int

	# end: auto-generated types
	def validate(self):
		self.set_full_name()
		self.check_consent()
		self.check_portal_user()
