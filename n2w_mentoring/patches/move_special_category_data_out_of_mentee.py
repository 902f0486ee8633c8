"""Move a mentee's special-category data out of the Mentee, into their Mentee Protected Data record.

Before, nationality, country of origin, residence status, right to work, personal story and health
notes were Mentee fields at permission level 1, and every change to them sat in the Mentee's
history, which anyone who may read the Mentee can read. This patch:

1. copies the values still in the Mentee table into one Mentee Protected Data record per mentee,
   then clears them from the Mentee table (``bench trim-tables`` drops the emptied columns);
2. takes those fields' old and new values out of the Mentee's Version rows, keeping them as
   Versions of the protected record (same author and time), so staff keep the history; a Mentee
   Version left with no change at all is deleted.

It runs after the DocTypes are synced and does nothing on a site that never had those fields.
"""

from __future__ import annotations

import json

import frappe
from frappe.query_builder import Criterion

from n2w_mentoring.mentoring.doctype.mentee_protected_data.mentee_protected_data import (
	DOCTYPE,
	PROTECTED_FIELDS,
)

BATCH = 500
DIFF_KEYS = ("changed", "added", "removed", "row_changed")


def execute():
	# The table's columns as the database has them now, not as a cache remembers them.
	frappe.cache.hdel("table_columns", "tabMentee")
	columns = [f for f in PROTECTED_FIELDS if frappe.db.has_column("Mentee", f)]
	if columns:
		move_values(columns)
	scrub_versions()


def move_values(columns: list[str]) -> None:
	mentee = frappe.qb.DocType("Mentee")
	holding = Criterion.any([mentee[c].notnull() & (mentee[c] != "") for c in columns])
	rows = (
		frappe.qb.from_(mentee)
		.select(mentee.name, *(mentee[c] for c in columns))
		.where(holding)
		.run(as_dict=True)
	)
	for row in rows:
		values = {c: row[c] for c in columns if row[c]}
		if frappe.db.exists(DOCTYPE, row.name):
			existing = frappe.get_doc(DOCTYPE, row.name)
			values = {k: v for k, v in values.items() if not existing.get(k)}
			if values:
				existing.update(values)
				existing.flags.ignore_links = True
				existing.save(ignore_permissions=True)
		else:
			doc = frappe.get_doc({"doctype": DOCTYPE, "mentee": row.name, **values})
			doc.flags.ignore_links = True  # a country since removed stays as it was recorded
			doc.insert(ignore_permissions=True)
	update = frappe.qb.update(mentee)
	for column in columns:
		update = update.set(mentee[column], None)
	update.where(holding).run()


def split_changes(data: dict) -> tuple[dict, list]:
	"""The Version's data without the protected fields' changes, and those changes."""
	moved = [c for c in data.get("changed") or [] if c and c[0] in PROTECTED_FIELDS]
	if moved:
		data = {**data, "changed": [c for c in data["changed"] if c and c[0] not in PROTECTED_FIELDS]}
	return data, moved


def scrub_versions() -> None:
	version = frappe.qb.DocType("Version")
	last = ""
	while True:
		rows = (
			frappe.qb.from_(version)
			.select(
				version.name,
				version.docname,
				version.data,
				version.owner,
				version.creation,
				version.modified_by,
			)
			.where((version.ref_doctype == "Mentee") & (version.name > last))
			.orderby(version.name)
			.limit(BATCH)
			.run(as_dict=True)
		)
		if not rows:
			return
		last = rows[-1].name
		for row in rows:
			scrub_version(row)


def scrub_version(row) -> None:
	try:
		data = json.loads(row.data or "{}")
	except ValueError:
		return
	if not isinstance(data, dict):
		return
	kept, moved = split_changes(data)
	if not moved:
		return
	if frappe.db.exists(DOCTYPE, row.docname):
		history = frappe.new_doc("Version")
		history.update(
			{
				"name": frappe.generate_hash(length=10),
				"ref_doctype": DOCTYPE,
				"docname": row.docname,
				"data": frappe.as_json({"changed": moved}, indent=None, separators=(",", ":")),
				"owner": row.owner,
				"creation": row.creation,
				"modified": row.creation,
				"modified_by": row.modified_by,
			}
		)
		history.db_insert()
	if any(kept.get(key) for key in DIFF_KEYS):
		frappe.db.set_value(
			"Version",
			row.name,
			"data",
			frappe.as_json(kept, indent=None, separators=(",", ":")),
			update_modified=False,
		)
	else:
		frappe.db.delete("Version", {"name": row.name})
