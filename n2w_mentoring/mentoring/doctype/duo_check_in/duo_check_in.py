# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from n2w_mentoring.concurrency import lock_duo
from n2w_mentoring.exceptions import MentoringError
from n2w_mentoring.programme import lifecycle


class DuoCheckin(Document):
	def check_if_latest(self):
		"""The duo's locks first (n2w_mentoring/concurrency.py): saving a check-in refreshes the duo's
		health, which the daily job writes too."""
		lock_duo(self.duo)
		super().check_if_latest()

	def validate(self):
		self.check_duo()
		self.set_coordinator()
		self.clear_concern_notes()

	def on_update(self):
		self.refresh_duo_health()

	def check_duo(self):
		status = frappe.db.get_value("Duo", self.duo, "status")
		if status in (lifecycle.DECLINED, lifecycle.CANCELLED):
			frappe.throw(
				_("This duo is {0}: it is not followed up.").format(_(status)),
				exc=MentoringError,
				title=_("Duo closed"),
			)

	def set_coordinator(self):
		self.coordinator = self.coordinator or frappe.session.user

	def clear_concern_notes(self):
		if not self.concerns:
			self.concern_notes = None

	def refresh_duo_health(self):
		from n2w_mentoring.duo_health import refresh

		refresh(names=[self.duo])
