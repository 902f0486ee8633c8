# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MentoringCentre(Document):
	"""An organisation of the network that runs mentoring programmes; its letterhead heads their
	documents. Staff are restricted to a centre with a User Permission on it."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		centre_name: DF.Data
		email: DF.Data | None
		letter_head: DF.Link | None
		logo: DF.AttachImage | None
		phone: DF.Data | None

	# end: auto-generated types
	pass
