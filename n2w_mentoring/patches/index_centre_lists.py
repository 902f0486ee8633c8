"""The indexes a centre's coordinator's lists and counts read.

A DocType's ``on_doctype_update`` runs only when the DocType itself changes, so a site migrated
before these indexes existed never got them: its coordinator's lists then scanned the ``modified``
index and filtered on the centre row by row. Adding an index that exists already does nothing."""

import frappe

CENTRE_INDEXES = (
	("Duo", ["centre", "modified"]),
	("Duo", ["centre", "status"]),
	("Mentee", ["centre", "modified"]),
	("Meeting", ["centre", "modified"]),
)


def execute():
	for doctype, fields in CENTRE_INDEXES:
		frappe.db.add_index(doctype, fields)
