# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MeetingTheme(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		comparison: DF.SmallText | None
		conclusion: DF.SmallText | None
		here: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		theme: DF.Link
		there: DF.SmallText | None
		verification: DF.SmallText | None
	# end: auto-generated types
	pass
