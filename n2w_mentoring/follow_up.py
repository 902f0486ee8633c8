"""After a duo: the mentee's 3, 6 and 12-month follow-ups and the mentor's 3-month one, and the
coordinator's task when one falls due."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from n2w_mentoring.concurrency import in_batches
from n2w_mentoring.programme import operations

FOLLOW_UP = "Post-Duo Follow-up"


def on_duo_update(doc, method=None):
	"""``doc_events`` hook: a duo that has just completed or ended early gets its follow-ups."""
	if doc.status in operations.FOLLOWED_UP_STATES and doc.has_value_changed("status"):
		create_follow_ups(doc)


def create_follow_ups(duo) -> list[str]:
	"""The duo's follow-ups, made once (those that exist are left as they are)."""
	end = getdate(duo.actual_end or today())
	made = []
	for person_type, milestone, due in operations.follow_up_plan(end):
		if frappe.db.exists(FOLLOW_UP, {"duo": duo.name, "person_type": person_type, "milestone": milestone}):
			continue
		doc = frappe.get_doc(
			{
				"doctype": FOLLOW_UP,
				"duo": duo.name,
				"person_type": person_type,
				"milestone": milestone,
				"due_date": due,
				"coordinator": duo.coordinator,
			}
		)
		doc.insert(ignore_permissions=True)
		made.append(doc.name)
	return made


# A follow-up becomes a to-do when it falls due, not months later: older ones (a site's history, or
# days the scheduler did not run) stay in the Post-Duo Follow-up list without flooding to-do lists.
ASSIGN_WITHIN_DAYS = 30
ASSIGN_AT_MOST = 500


def assign_due_follow_ups(on=None) -> list[str]:
	"""Daily: each follow-up that falls due becomes a to-do of the duo's coordinator, once.

	Each follow-up is locked and read again before its to-do is made (a coordinator may be saving
	it); in the daily job every batch of follow-ups is committed on its own."""
	from frappe.desk.form.assign_to import add as assign

	day = getdate(on or today())
	due = frappe.get_all(
		FOLLOW_UP,
		filters={
			"due_date": ("between", [add_days(day, -ASSIGN_WITHIN_DAYS), day]),
			"done_on": ("is", "not set"),
			"todo_created": 0,
		},
		fields=["name", "coordinator", "person_name", "milestone", "duo"],
		order_by="due_date asc",
		limit=ASSIGN_AT_MOST,
	)

	def assign_batch(rows) -> list[str]:
		return [row.name for row in rows if assign_one(row)]

	def assign_one(row) -> bool:
		if frappe.db.get_value(FOLLOW_UP, row.name, "todo_created", for_update=True):
			return False
		coordinator = row.coordinator or frappe.db.get_value("Duo", row.duo, "coordinator")
		if not coordinator or not frappe.db.exists("User", {"name": coordinator, "enabled": 1}):
			return False
		assign(
			{
				"assign_to": [coordinator],
				"doctype": FOLLOW_UP,
				"name": row.name,
				"description": _(
					"Follow-up at {0} with {1} is due: ask how things are going and record it."
				).format(_(row.milestone), row.person_name),
			},
			ignore_permissions=True,
		)
		frappe.db.set_value(FOLLOW_UP, row.name, "todo_created", 1, update_modified=False)
		return True

	return [name for batch in in_batches(due, assign_batch) for name in batch]
