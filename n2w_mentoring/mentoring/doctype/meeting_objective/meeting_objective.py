# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MeetingObjective(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		axis: DF.Literal["", "Co-constructed", "Concrete", "Moral support", "Relational", "Technical"]
		objective: DF.SmallText
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		plan_objective: DF.Data | None
		progress: DF.SmallText | None
	# end: auto-generated types
	pass
