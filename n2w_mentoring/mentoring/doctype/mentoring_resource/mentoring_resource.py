# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MentoringResource(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attachment: DF.Attach | None
		category: DF.Literal["Tips and tricks", "Pedagogical tool", "Bibliography", "Link"]
		description: DF.TextEditor | None
		published: DF.Check
		title: DF.Data
		url: DF.Data | None
	# end: auto-generated types
	pass
