# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from dataclasses import replace

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Count
from frappe.utils import getdate

from n2w_mentoring.exceptions import NetworkMatchingError, SettingsError
from n2w_mentoring.network import forget_network_matching
from n2w_mentoring.programme import lifecycle, rules
from n2w_mentoring.utils import raise_problems


class MentoringProgramme(Document):
	"""A centre's programme: its limits, convention terms, privacy notice, matching weights,
	reminders and intakes. Every rule of a duo reads the values of the duo's programme."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.mentoring_programme_intake.mentoring_programme_intake import (
			MentoringProgrammeIntake,
		)

		axes_text: DF.TextEditor | None
		centre: DF.Link
		confidentiality: DF.Text | None
		consent_notice_version: DF.Data | None
		coordinator_digest: DF.Check
		default_meeting_place: DF.SmallText | None
		intakes: DF.Table[MentoringProgrammeIntake]
		match_max_distance_km: DF.Int
		match_suggestions: DF.Int
		match_weight_availability: DF.Int
		match_weight_distance: DF.Int
		match_weight_expertise: DF.Int
		match_weight_languages: DF.Int
		match_weight_preferences: DF.Int
		match_weight_profession: DF.Int
		match_weight_sector: DF.Int
		max_meeting_minutes: DF.Int
		max_meetings: DF.Int
		meetings_per_month: DF.Int
		network_matching: DF.Check
		privacy_notice: DF.TextEditor | None
		programme_months: DF.Int
		programme_name: DF.Data
		remind_convention: DF.Check
		remind_follow_up: DF.Check
		remind_log_meeting: DF.Check
		remind_upcoming_meeting: DF.Check
		roles_text: DF.TextEditor | None
		status: DF.Literal["Active", "Closed"]
		training_required: DF.Check

	# end: auto-generated types
	def validate(self):
		self.check_limits()
		self.check_intakes()
		self.check_network_opt_out()

	def on_update(self):
		forget_network_matching()  # who sees which mentor follows the programme's network matching

	def on_trash(self):
		forget_network_matching()

	def after_rename(self, old, new, merge=False):
		forget_network_matching()

	def check_network_opt_out(self):
		"""A programme keeps taking mentors from the network while duos with a mentor of another
		centre are open in it."""
		before = self.get_doc_before_save()
		if self.network_matching or not (before and before.network_matching):
			return
		duo, mentor = frappe.qb.DocType("Duo"), frappe.qb.DocType("Mentor")
		foreign = (
			frappe.qb.from_(duo)
			.join(mentor)
			.on(mentor.name == duo.mentor)
			.select(Count(duo.name))
			.where(
				(duo.programme == self.name)
				& duo.status.isin(lifecycle.OPEN_STATES)
				& ((mentor.centre != self.centre) | mentor.centre.isnull())
			)
			.run()[0][0]
		)
		if foreign:
			frappe.throw(
				_(
					"Programme {0} has {1} open duos with a mentor of another centre: it keeps taking mentors"
					" from the network until they are closed."
				).format(self.programme_name or self.name, foreign),
				title=_("Network matching in use"),
				exc=NetworkMatchingError,
			)

	def check_limits(self):
		limits = rules.ProgrammeLimits(
			programme_months=self.programme_months,
			max_meetings=self.max_meetings,
			meetings_per_month=self.meetings_per_month,
			max_meeting_minutes=self.max_meeting_minutes,
			training_required=bool(self.training_required),
		)
		problems = [
			replace(p, args=(_(self.meta.get_label(p.args[0])),))
			for p in rules.check_programme_limits(limits)
		]
		raise_problems(problems, title=_("Programme limits"))

	def check_intakes(self):
		"""Each intake named once, closing after it opens, no two at once (rules.check_intakes); an
		intake that mentees belong to keeps its name."""
		raise_problems(rules.check_intakes(intakes_of(self)), title=_("Intake periods"))
		self.keep_intakes_in_use()

	def keep_intakes_in_use(self):
		if self.is_new():
			return
		kept = {rules.intake_key(row.intake_name) for row in self.intakes}
		used = frappe.get_all(
			"Mentee",
			filters={"programme": self.name, "intake": ("is", "set")},
			pluck="intake",
			distinct=True,
		)
		gone = sorted({label for label in used if rules.intake_key(label) not in kept})
		if gone:
			frappe.throw(
				_("Mentees belong to the intake {0}: keep it, or move them to another intake first.").format(
					", ".join(gone)
				),
				title=_("Intake periods"),
				exc=SettingsError,
			)


def intakes_of(programme) -> list[rules.Intake]:
	"""A programme's intakes as the plain rules read them."""
	return [
		rules.Intake(
			(row.intake_name or "").strip(),
			getdate(row.start_date) if row.start_date else None,
			getdate(row.end_date) if row.end_date else None,
		)
		for row in programme.get("intakes") or []
	]
