# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MenteeDiploma(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		country: DF.Link | None
		diploma: DF.Data
		field_of_study: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recognition: DF.Literal["Unknown", "Recognised", "In progress", "Not recognised"]
		year: DF.Int
	# end: auto-generated types
	pass
