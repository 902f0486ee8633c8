# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MentoringSettings(Document):
	"""What is site-wide: the default programme and the retention of personal data. Everything a
	programme decides lives on its Mentoring Programme."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		default_programme: DF.Link | None
		retention_months: DF.Int

	# end: auto-generated types
	pass
