# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from n2w_mentoring.exceptions import MentoringError
from n2w_mentoring.programme import lifecycle


class ActionPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.action_plan_objective.action_plan_objective import (
			ActionPlanObjective,
		)

		agreed_on: DF.Date | None
		duo: DF.Link
		mentee_name: DF.Data | None
		mentor_name: DF.Data | None
		objectives: DF.Table[ActionPlanObjective]
		objectives_achieved: DF.Int

	# end: auto-generated types
	def validate(self):
		self.check_duo()
		self.check_one_plan_per_duo()
		self.count_achieved()

	def check_duo(self):
		status = frappe.db.get_value("Duo", self.duo, "status")
		if status in (lifecycle.DECLINED, lifecycle.CANCELLED):
			frappe.throw(
				_("This duo is {0}: it has no action plan.").format(_(status)),
				exc=MentoringError,
				title=_("Duo closed"),
			)

	def check_one_plan_per_duo(self):
		other = frappe.db.get_value("Action Plan", {"duo": self.duo, "name": ("!=", self.name)}, "name")
		if other:
			frappe.throw(
				_("The duo already has action plan {0}.").format(other),
				exc=MentoringError,
				title=_("Action plan already exists"),
			)

	def count_achieved(self):
		self.objectives_achieved = sum(1 for row in self.objectives if row.status == "Achieved")
