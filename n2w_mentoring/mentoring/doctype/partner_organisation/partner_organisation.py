# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.contacts.address_and_contact import load_address_and_contact
from frappe.model.document import Document

from n2w_mentoring import partner_contacts


class PartnerOrganisation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.partner_organisation_new_contact.partner_organisation_new_contact import (
			PartnerOrganisationNewContact,
		)

		active: DF.Check
		address_line: DF.Data | None
		commitment_notes: DF.SmallText | None
		hours_per_month: DF.Float
		meeting_place: DF.SmallText | None
		municipality: DF.Data | None
		new_contacts: DF.Table[PartnerOrganisationNewContact]
		organisation_name: DF.Data
		organisation_type: DF.Literal["Private", "Public", "Non-profit", "Social economy"]
		postal_code: DF.Data | None
		sector: DF.Link | None
		website: DF.Data | None

	# end: auto-generated types
	def onload(self):
		load_address_and_contact(self)

	def validate(self):
		partner_contacts.check_new_contacts(self)
		partner_contacts.take_new_contacts(self)

	def on_update(self):
		partner_contacts.add_new_contacts(self)
