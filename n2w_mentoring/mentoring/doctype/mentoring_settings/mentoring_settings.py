# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from dataclasses import replace

from frappe import _
from frappe.model.document import Document

from n2w_mentoring.programme import rules
from n2w_mentoring.utils import raise_problems


class MentoringSettings(Document):
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
