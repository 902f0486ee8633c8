# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from n2w_mentoring import network
from n2w_mentoring.network import set_programme_and_centre
from n2w_mentoring.people import PersonMixin
from n2w_mentoring.programme import rules
from n2w_mentoring.programme.languages import DEFAULT as DEFAULT_LANGUAGE
from n2w_mentoring.utils import as_date, raise_problems

PROTECTED = "Mentee Protected Data"


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
		consent_language: DF.Link | None
		consent_notice_version: DF.Data | None
		consent_recorded_by: DF.Link | None
		coordinator: DF.Link | None
		diplomas: DF.Table[MenteeDiploma]
		email: DF.Data | None
		excluded_mentors: DF.Table[MenteeMentorExclusion]
		first_name: DF.Data
		french_level: DF.Literal["", "A1", "A2", "B1", "B2", "C1", "C2"]
		full_name: DF.Data | None
		intake: DF.Autocomplete | None
		intake_date: DF.Date | None
		intake_notes: DF.Text | None
		languages: DF.Table[MentoringLanguageSkill]
		last_name: DF.Data
		max_travel_km: DF.Int
		motivations: DF.SmallText | None
		municipality: DF.Data | None
		phone: DF.Data | None
		postal_code: DF.Data | None
		preferred_channel: DF.Literal["", "Phone", "E-mail", "SMS", "Messaging app"]
		preferred_language: DF.Literal["fr", "fr-FALC", "nl", "en", "ar", "fa-AF", "ti", "uk", "tr"]
		preferred_mentor_language: DF.Link | None
		referrer_email: DF.Data | None
		referrer_name: DF.Data | None
		referring_organisation: DF.Data | None
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
		self.set_programme()
		self.check_programme_open()
		self.set_intake()
		self.check_intake()
		self.set_full_name()
		self.check_consent()
		self.set_consent_language()
		self.check_portal_user()

	def set_programme(self):
		"""A mentee joins one programme, the default one unless given; its centre follows."""
		set_programme_and_centre(self)

	def set_consent_language(self):
		"""A consent records the language of the notice the mentee read: theirs, unless said otherwise."""
		if not self.consent_given:
			self.consent_language = None
		elif not self.consent_language:
			self.consent_language = self.preferred_language or DEFAULT_LANGUAGE

	def check_programme_open(self):
		"""A closed programme takes no new mentee, and no mentee moves into it."""
		if self.has_value_changed("programme"):
			network.check_open(self.programme)

	def set_intake(self):
		"""Left empty, the intake is the programme's intake open on the application date; a mentee
		moved to another programme leaves their old programme's intake."""
		if not self.is_new() and self.has_value_changed("programme") and not self.has_value_changed("intake"):
			self.intake = None
		if self.intake or not (self.is_new() or self.has_value_changed("programme")):
			return
		applied = rules.application_date(getdate(self.creation or today()), as_date(self.intake_date))
		self.intake = rules.intake_on(network.intakes(self.programme), applied)

	def check_intake(self):
		"""The intake is one of the programme's own, written as the programme writes it."""
		intakes = network.intakes(self.programme)
		raise_problems(
			rules.check_mentee_intake(self.intake, intakes, self.programme), title=_("Intake period")
		)
		self.intake = rules.find_intake(intakes, self.intake)

	def on_update(self):
		self.follow_language_in_portal()
		# The mentee's duos belong to the mentee's intake.
		if self.has_value_changed("intake") and not self.is_new():
			duo = frappe.qb.DocType("Duo")
			frappe.qb.update(duo).set(duo.intake, self.intake).where(duo.mentee == self.name).run()
		# The protected record shows the mentee's name: it follows a change of name.
		if self.has_value_changed("full_name") and frappe.db.exists(PROTECTED, self.name):
			frappe.db.set_value(PROTECTED, self.name, "mentee_name", self.full_name, update_modified=False)

	def on_trash(self):
		# The mentee's protected record goes with them (the right to delete the Mentee covers it), for
		# good: no copy in Deleted Document, no history left behind.
		if frappe.db.exists(PROTECTED, self.name):
			frappe.delete_doc(
				PROTECTED, self.name, ignore_permissions=True, force=True, delete_permanently=True
			)
		frappe.db.delete("Version", {"ref_doctype": PROTECTED, "docname": self.name})

	def follow_language_in_portal(self):
		"""The mentee's portal account speaks the language set at intake (a staff account keeps its own)."""
		if not (self.user and self.preferred_language and self.has_value_changed("preferred_language")):
			return
		user = frappe.db.get_value("User", self.user, ["language", "user_type"], as_dict=True)
		if user and user.user_type == "Website User" and user.language != self.preferred_language:
			frappe.db.set_value("User", self.user, "language", self.preferred_language)
			frappe.clear_cache(user=self.user)


def on_doctype_update():
	"""A centre's coordinator lists their centre's mentees, newest first."""
	frappe.db.add_index("Mentee", ["centre", "modified"])
