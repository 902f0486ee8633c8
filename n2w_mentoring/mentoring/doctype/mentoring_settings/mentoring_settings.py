# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from dataclasses import replace

from frappe import _
from frappe.model.document import Document

from n2w_mentoring.programme import rules
from n2w_mentoring.utils import raise_problems


class MentoringSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		axes_text: DF.TextEditor | None
		centre_address: DF.SmallText | None
		centre_email: DF.Data | None
		centre_logo: DF.AttachImage | None
		centre_name: DF.Data | None
		centre_phone: DF.Data | None
		confidentiality: DF.Text | None
		consent_notice_version: DF.Data | None
		coordinator_digest: DF.Check
		default_meeting_place: DF.SmallText | None
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
		programme_months: DF.Int
		remind_convention: DF.Check
		remind_follow_up: DF.Check
		remind_log_meeting: DF.Check
		remind_upcoming_meeting: DF.Check
		retention_months: DF.Int
		roles_text: DF.TextEditor | None
		training_required: DF.Check

	# end: auto-generated types
	def validate(self):
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
