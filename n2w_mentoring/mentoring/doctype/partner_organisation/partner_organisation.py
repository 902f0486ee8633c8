# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.contacts.address_and_contact import load_address_and_contact
from frappe.model.document import Document


class PartnerOrganisation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		active: DF.Check
		address_line: DF.Data | None
		commitment_notes: DF.SmallText | None
		hours_per_month: DF.Float
		meeting_place: DF.SmallText | None
		municipality: DF.Data | None
		organisation_name: DF.Data
		organisation_type: DF.Literal["Private", "Public", "Non-profit", "Social economy"]
		postal_code: DF.Data | None
		sector: DF.Link | None
		website: DF.Data | None

	# end: auto-generated types
	def onload(self):
		load_address_and_contact(self)
