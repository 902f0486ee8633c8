# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from n2w_mentoring.concurrency import lock_duo
from n2w_mentoring.exceptions import MentoringError
from n2w_mentoring.programme import operations
from n2w_mentoring.utils import raise_problems


class DuoSurvey(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answered_on: DF.Date | None
		comments: DF.SmallText | None
		duo: DF.Link
		duo_title: DF.Data | None
		moment: DF.Literal["Mid-point", "End"]
		respondent_type: DF.Literal["Mentee", "Mentor"]
		satisfaction: DF.Int

	# end: auto-generated types
	def check_if_latest(self):
		"""The duo's locks first (n2w_mentoring/concurrency.py): two answers sent at once for the same
		moment are checked one after the other."""
		lock_duo(self.duo)
		super().check_if_latest()

	def validate(self):
		self.check_satisfaction()
		self.check_one_per_moment()

	def check_satisfaction(self):
		value = self.satisfaction if self.satisfaction not in (None, "") else None
		raise_problems(operations.check_satisfaction(value), title=_("Survey incomplete"))

	def check_one_per_moment(self):
		other = frappe.db.get_value(
			"Duo Survey",
			{
				"duo": self.duo,
				"respondent_type": self.respondent_type,
				"moment": self.moment,
				"name": ("!=", self.name or ""),
			},
			"name",
			for_update=True,  # as last committed: the duo is locked
		)
		if other:
			frappe.throw(
				_("This duo already has the survey {0} for this respondent and moment.").format(other),
				exc=MentoringError,
				title=_("Survey already answered"),
			)
