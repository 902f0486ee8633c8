# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ActionPlanObjective(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		axis: DF.Literal["Co-constructed", "Concrete", "Moral support", "Relational", "Technical"]
		objective: DF.SmallText
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		progress_notes: DF.SmallText | None
		status: DF.Literal["Not started", "In progress", "Achieved", "Dropped"]
		target_date: DF.Date | None
		theme: DF.Link | None
	# end: auto-generated types
	pass
