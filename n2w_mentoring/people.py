"""What Mentee and Mentor share: names, consent, the portal user."""

import frappe
from frappe import _
from frappe.utils import getdate

from n2w_mentoring.exceptions import MentoringError
from n2w_mentoring.programme import rules
from n2w_mentoring.utils import as_date, raise_problems


class PersonMixin:
	def set_full_name(self):
		self.full_name = " ".join(p.strip() for p in (self.first_name, self.last_name) if p and p.strip())

	def check_consent(self):
		"""Consent is recorded with its date, the notice's version, and who recorded it."""
		if self.consent_given and not self.consent_recorded_by:
			self.consent_recorded_by = frappe.session.user
		if not self.consent_given:
			self.consent_recorded_by = None
		raise_problems(
			rules.check_consent(
				bool(self.consent_given), as_date(self.consent_date), self.consent_notice_version
			)
		)
		if self.consent_date and getdate(self.consent_date) > getdate():
			frappe.throw(
				_("The consent cannot be dated in the future."), exc=MentoringError, title=_("Consent")
			)

	def check_portal_user(self):
		"""One portal user is one person: it cannot be linked to two mentees or two mentors."""
		if not self.user:
			return
		other = frappe.db.get_value(self.doctype, {"user": self.user, "name": ("!=", self.name)}, "name")
		if other:
			frappe.throw(
				_("The user {0} is already linked to {1}.").format(self.user, other),
				exc=MentoringError,
				title=_("Portal user already linked"),
			)
