# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PartnerOrganisationNewContact(Document):
	"""A contact to add to the organisation: saving the organisation makes it a Frappe Contact
	(n2w_mentoring/partner_contacts.py); the row itself is not kept."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		designation: DF.Data | None
		email_id: DF.Data
		first_name: DF.Data
		last_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		phone: DF.Data | None
	# end: auto-generated types
	pass
