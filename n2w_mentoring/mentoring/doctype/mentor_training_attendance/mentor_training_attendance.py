# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MentorTrainingAttendance(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		mentor: DF.Link
		mentor_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		registered_in_portal: DF.Check
		registered_on: DF.Date | None
		status: DF.Literal["Registered", "Attended", "Absent"]
	# end: auto-generated types
	pass
