"""A record's child rows are its own: a save cannot take over, rewrite or move a row of another
record by sending that row's name (``doc_events`` validate of every app DocType with a table).

Frappe updates a child row that arrives with a name by that name alone, and sets its parent to the
record being saved: without this guard, a mentor saving their own action plan with the name of an
objective of another duo's plan would rewrite that objective and move it into their own plan.
"""

from __future__ import annotations

import frappe
from frappe import _

from n2w_mentoring.exceptions import ForeignChildRowError


def guard_child_rows(doc, method=None):
	for df in doc.meta.get_table_fields():
		names = [row.name for row in doc.get(df.fieldname) or [] if row.name and not row.get("__islocal")]
		if not names:
			continue
		table = frappe.qb.DocType(df.options)
		foreign = (
			frappe.qb.from_(table)
			.select(table.name)
			.where(
				table.name.isin(names)
				& (
					(table.parent != doc.name)
					| (table.parenttype != doc.doctype)
					| (table.parentfield != df.fieldname)
				)
			)
			.limit(1)
			.run(pluck=True)
		)
		if foreign:
			frappe.throw(
				_("A row of another record cannot be changed through this one."),
				exc=ForeignChildRowError,
				title=_("Not allowed"),
			)
