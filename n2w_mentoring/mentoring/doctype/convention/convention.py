# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from n2w_mentoring.concurrency import lock_duo
from n2w_mentoring.exceptions import ConventionError
from n2w_mentoring.network import centre_identity, programme, programme_of_duo
from n2w_mentoring.programme import lifecycle
from n2w_mentoring.programme.languages import document_language

TERMS = (
	"programme_months",
	"max_meetings",
	"meetings_per_month",
	"max_meeting_minutes",
	"confidentiality",
	"roles_text",
	"axes_text",
)
PARTIES = ("Mentee", "Mentor", "Centre", "Partner Organisation")


class Convention(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.convention_signatory.convention_signatory import (
			ConventionSignatory,
		)

		amended_from: DF.Link | None
		axes_text: DF.TextEditor | None
		confidentiality: DF.Text | None
		duo: DF.Link
		language: DF.Literal["fr", "nl", "en"]
		max_meeting_minutes: DF.Int
		max_meetings: DF.Int
		meeting_place: DF.SmallText | None
		meetings_per_month: DF.Int
		mentee: DF.Link | None
		mentee_name: DF.Data | None
		mentor: DF.Link | None
		mentor_name: DF.Data | None
		partner_organisation: DF.Link | None
		programme_months: DF.Int
		roles_text: DF.TextEditor | None
		signatories: DF.Table[ConventionSignatory]
		signed_on: DF.Date | None

	# end: auto-generated types
	def check_if_latest(self):
		"""Frappe's first step of every save, submit and cancel: the duo's people and the duo are locked
		before the convention (n2w_mentoring/concurrency.py), so that the parties' signatures are
		saved one after the other and the last one starts the duo."""
		lock_duo(self.duo)
		super().check_if_latest()

	def before_validate(self):
		if self.is_new() and not self.amended_from:
			self.copy_terms_from_programme()
			self.set_language()
			self.add_signatories()
		if self.is_new() and self.amended_from:
			self.clear_signatures()

	def validate(self):
		self.check_duo_state()
		self.check_one_convention_per_duo()
		self.check_signatures()
		self.set_signed_on()

	def before_submit(self):
		self.check_all_signed()
		self.check_duo_can_start()

	def on_submit(self):
		self.start_duo()

	# --- steps -------------------------------------------------------------------------------

	def copy_terms_from_programme(self):
		"""The terms of the duo's programme."""
		settings = programme(programme_of_duo(self.duo))
		for fieldname in TERMS:
			if not self.get(fieldname):
				self.set(fieldname, settings.get(fieldname))
		if not self.meeting_place:
			self.meeting_place = self.mentor_workplace() or settings.default_meeting_place

	def clear_signatures(self):
		"""An amended convention has changed terms: every party signs it again."""
		for row in self.signatories:
			row.signed_on = None
			row.signature_method = None
		self.signed_on = None

	def mentor_workplace(self) -> str | None:
		mentor = frappe.db.get_value(
			"Mentor", self.mentor, ["partner_organisation", "workplace_municipality"], as_dict=True
		)
		if not mentor:
			return None
		if mentor.partner_organisation:
			org = frappe.db.get_value(
				"Partner Organisation",
				mentor.partner_organisation,
				["organisation_name", "meeting_place", "address_line", "postal_code", "municipality"],
				as_dict=True,
			)
			if org:
				address = " ".join(p for p in (org.address_line, org.postal_code, org.municipality) if p)
				return org.meeting_place or ", ".join(p for p in (org.organisation_name, address) if p)
		return mentor.workplace_municipality

	def set_language(self):
		"""The mentee's language, if the convention is written in it: else French (the mentee gets the
		"what I am signing" summary in their own language, n2w_mentoring/portal/summary.py)."""
		language = frappe.db.get_value("Mentee", self.mentee, "preferred_language")
		if language:
			self.language = document_language(language)

	def add_signatories(self):
		if self.signatories:
			return
		duo = frappe.db.get_value("Duo", self.duo, ["mentee", "mentor", "partner_organisation"], as_dict=True)
		if not duo:
			return
		mentee = frappe.db.get_value("Mentee", duo.mentee, ["full_name", "user"], as_dict=True)
		mentor = frappe.db.get_value("Mentor", duo.mentor, ["full_name", "user"], as_dict=True)
		centre = centre_identity(programme_of_duo(self.duo)).name or _("The centre")
		self.append(
			"signatories", {"party": "Mentee", "signatory_name": mentee.full_name, "user": mentee.user}
		)
		self.append(
			"signatories", {"party": "Mentor", "signatory_name": mentor.full_name, "user": mentor.user}
		)
		self.append("signatories", {"party": "Centre", "signatory_name": centre})
		if duo.partner_organisation:
			self.append(
				"signatories", {"party": "Partner Organisation", "signatory_name": duo.partner_organisation}
			)

	def check_duo_state(self):
		status = frappe.db.get_value("Duo", self.duo, "status")
		if status not in (lifecycle.ACCEPTED, lifecycle.ACTIVE, lifecycle.SUSPENDED):
			frappe.throw(
				_("A convention is made for an accepted duo; this duo is {0}.").format(_(status)),
				exc=ConventionError,
				title=_("Duo not accepted"),
			)

	def check_one_convention_per_duo(self):
		other = frappe.db.get_value(
			"Convention",
			{"duo": self.duo, "docstatus": ("<", 2), "name": ("!=", self.name)},
			"name",
		)
		if other:
			frappe.throw(
				_("The duo already has convention {0}; cancel it and amend it to change a term.").format(
					other
				),
				exc=ConventionError,
				title=_("Convention already exists"),
			)

	def check_signatures(self):
		parties = [row.party for row in self.signatories]
		for party in ("Mentee", "Mentor"):
			if party not in parties:
				frappe.throw(
					_("The {0} must be among the signatories.").format(_(party)),
					exc=ConventionError,
					title=_("Signatory missing"),
				)
		for row in self.signatories:
			if row.signed_on and getdate(row.signed_on) > getdate(today()):
				frappe.throw(
					_("Row {0}: a signature cannot be dated in the future.").format(row.idx),
					exc=ConventionError,
					title=_("Signature date"),
				)
			if row.signed_on and not row.signature_method:
				row.signature_method = "On paper"

	def set_signed_on(self):
		dates = [getdate(r.signed_on) for r in self.signatories if r.signed_on]
		self.signed_on = max(dates) if dates and len(dates) == len(self.signatories) else None

	def check_all_signed(self):
		missing = [r.signatory_name for r in self.signatories if not r.signed_on]
		if missing:
			frappe.throw(
				_("Every party signs before the convention is submitted. Not signed yet: {0}.").format(
					", ".join(missing)
				),
				exc=ConventionError,
				title=_("Signatures missing"),
			)

	def check_duo_can_start(self):
		"""Refuse the signature before anything is written when the duo could not start."""
		duo = frappe.get_doc("Duo", self.duo)
		if duo.status == lifecycle.ACCEPTED:
			duo.check_can_start()

	def start_duo(self):
		"""Signing the convention starts an accepted duo."""
		duo = frappe.get_doc("Duo", self.duo, for_update=True)
		if duo.status == lifecycle.ACCEPTED:
			from frappe.model.workflow import apply_workflow

			# A party's last signature in the portal (checked there) starts the duo they hold no write on.
			duo.flags.ignore_permissions = self.flags.ignore_permissions
			apply_workflow(duo, "Activate")
