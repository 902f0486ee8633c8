# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from n2w_mentoring.exceptions import MentorCentreError
from n2w_mentoring.network import PROGRAMME, centre_of, default_centre_for, programme_of_centre
from n2w_mentoring.people import PersonMixin
from n2w_mentoring.programme import rules
from n2w_mentoring.programme.centres import foreign_programmes, main_centre
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
		centre: DF.Link
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
		self.set_centre()
		self.set_programmes()
		self.set_full_name()
		self.check_programmes_in_centre()
		self.check_capacity()
		self.check_consent()
		self.check_portal_user()
		self.follow_training()

	def set_centre(self):
		"""The centre that registered the mentor: given, else the centre of most of their programmes,
		else the centre of the user's default programme."""
		if not self.centre:
			programmes = [row.programme for row in self.get("programmes") or [] if row.programme]
			self.centre = main_centre(centre_of(p) for p in programmes) or default_centre_for()

	def set_programmes(self):
		"""A mentor serves one programme or several: their centre's (the default one) unless given."""
		if not self.get("programmes") and (default := programme_of_centre(self.centre)):
			self.append("programmes", {"programme": default})
		for row in self.get("programmes") or []:
			row.centre = centre_of(row.programme)

	def check_programmes_in_centre(self):
		"""A mentor serves their centre's programmes, another centre's only when it takes mentors from
		the network. Rows kept as they were stay (a programme that opted out later keeps its history)."""
		before = self.get_doc_before_save()
		kept = (
			{row.programme for row in before.get("programmes") or []}
			if before and before.centre == self.centre
			else set()
		)
		added = {row.programme for row in self.get("programmes") or []} - kept
		if not added:
			return
		opted = dict(
			frappe.get_all(
				PROGRAMME,
				filters={"name": ("in", list(added))},
				fields=["name", "network_matching"],
				as_list=True,
			)
		)
		refused = foreign_programmes(
			self.centre, [(p, centre_of(p), bool(opted.get(p))) for p in sorted(added)]
		)
		if refused:
			frappe.throw(
				_(
					"Mentor {0} belongs to centre {1}: they can serve programme {2} of another centre only"
					" if that programme takes mentors from the network (network matching)."
				).format(self.full_name or self.name, self.centre, refused[0]),
				title=_("Programme of another centre"),
				exc=MentorCentreError,
			)

	def check_capacity(self):
		raise_problems(rules.check_capacity_value(self.capacity))

	def follow_training(self):
		"""Completing the training moves an applicant to Trained."""
		if self.training_completed and self.status == "Applicant":
			self.status = "Trained"


def on_doctype_update():
	"""A centre's coordinator lists their centre's mentors, newest first."""
	frappe.db.add_index("Mentor", ["centre", "modified"])
