# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ConventionSignatory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		party: DF.Literal["Mentee", "Mentor", "Centre", "Partner Organisation"]
		signatory_name: DF.Data
		signature_method: DF.Literal["", "On paper", "In the portal"]
		signed_on: DF.Date | None
		user: DF.Link | None
	# end: auto-generated types
	pass
