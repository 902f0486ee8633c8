# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class NetworkEventParticipant(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		party: DF.DynamicLink
		party_name: DF.Data | None
		party_type: DF.Literal["Mentor", "Mentee"]
		status: DF.Literal["Invited", "Registered", "Attended", "Absent"]
	# end: auto-generated types
	pass
