# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MentoringReminderLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		key: DF.Data
		language: DF.Data | None
		recipient: DF.Data | None
		reference_doctype: DF.Data | None
		reference_name: DF.Data | None
		reminder: DF.Literal[
			"Upcoming meeting", "Log your meeting", "Convention to sign", "Follow-up due", "Weekly digest"
		]
		sent_on: DF.Datetime | None
		subject: DF.Data | None
	# end: auto-generated types
	"""One reminder sent: its unique key keeps it from being sent twice."""
