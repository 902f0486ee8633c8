"""A mentee's special-category data, one record per mentee, named after it.

These fields live apart from the Mentee so that Frappe's role permissions, which only programme
staff hold on this DocType, close every read path at once: lists, counts, group-by, history, link
titles, reports, exports and both REST APIs. See docs/security.md.
"""

import frappe
from frappe.model.document import Document

DOCTYPE = "Mentee Protected Data"


class MenteeProtectedData(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		country_of_origin: DF.Link | None
		health_notes: DF.SmallText | None
		mentee: DF.Link
		mentee_name: DF.Data | None
		nationality: DF.Link | None
		personal_story: DF.Text | None
		residence_status: DF.Literal[
			"",
			"Asylum seeker",
			"Refugee",
			"Subsidiary protection",
			"Temporary protection",
			"Other residence permit",
			"EU citizen",
			"Other",
			"Unknown",
		]
		right_to_work: DF.Literal["", "Yes", "No", "Pending", "Unknown"]
	# end: auto-generated types


PROTECTED_FIELDS = (
	"nationality",
	"country_of_origin",
	"residence_status",
	"right_to_work",
	"personal_story",
	"health_notes",
)


def save_protected_data(mentee: str, values: dict) -> None:
	"""Create or update the mentee's record with ``values`` (programme code, permissions apply)."""
	values = {k: v for k, v in values.items() if k in PROTECTED_FIELDS}
	if not values:
		return
	if frappe.db.exists(DOCTYPE, mentee):
		doc = frappe.get_doc(DOCTYPE, mentee)
		doc.update(values)
		doc.save()
	else:
		frappe.get_doc({"doctype": DOCTYPE, "mentee": mentee, **values}).insert()
