"""Erasure of a mentee or a mentor, for the records of the programme's life: the names that check-ins,
surveys, follow-ups, training, network events and reminders copy. Called by
:func:`n2w_mentoring.data_protection.erasure.erase` once the person and their duos are anonymised."""

from __future__ import annotations

import frappe
from frappe import _

FOLLOW_UP = "Post-Duo Follow-up"
# Free text about the person, cleared.
FREE_TEXT = {
	"Duo Check-in": ("notes", "concern_notes"),
	"Duo Survey": ("comments",),
	FOLLOW_UP: ("notes", "feedback", "position"),
}


def _forget_history(doctype: str, names: list[str]) -> None:
	if names:
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
		frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ("in", names)})


def anonymise_programme_records(doctype: str, name: str, label: str, old_values: set[str]) -> None:
	"""Replace the person's name by ``label`` and clear what was written about them."""
	duos = frappe.get_all("Duo", {doctype.lower(): name}, ["name", "title"])
	mine: list[str] = []
	for duo in duos:
		for dt in ("Duo Check-in", "Duo Survey"):
			names = frappe.get_all(dt, {"duo": duo.name}, pluck="name")
			for record in names:
				frappe.db.set_value(
					dt,
					record,
					{"duo_title": duo.title, **dict.fromkeys(FREE_TEXT[dt])},
					update_modified=False,
				)
			_forget_history(dt, names)
		follow_ups = frappe.get_all(FOLLOW_UP, {"duo": duo.name}, ["name", "person_type", "milestone"])
		for row in follow_ups:
			if row.person_type != doctype:
				continue
			mine.append(row.name)
			frappe.db.set_value(
				FOLLOW_UP,
				row.name,
				{
					"person_name": label,
					"title": f"{label} · {_(row.milestone)}",
					**dict.fromkeys(FREE_TEXT[FOLLOW_UP]),
				},
				update_modified=False,
			)
			todo = frappe.qb.DocType("ToDo")
			frappe.qb.update(todo).set(
				todo.description,
				_("Follow-up at {0} with {1} is due: ask how things are going and record it.").format(
					_(row.milestone), label
				),
			).where((todo.reference_type == FOLLOW_UP) & (todo.reference_name == row.name)).run()
		_forget_history(FOLLOW_UP, [r.name for r in follow_ups])

	participant = frappe.qb.DocType("Network Event Participant")
	frappe.qb.update(participant).set(participant.party_name, label).where(
		(participant.party_type == doctype) & (participant.party == name)
	).run()
	if doctype == "Mentor":
		attendance = frappe.qb.DocType("Mentor Training Attendance")
		frappe.qb.update(attendance).set(attendance.mentor_name, label).where(attendance.mentor == name).run()

	# The reminders sent to them, and those about their follow-ups (whose subject names them).
	log = frappe.qb.DocType("Mentoring Reminder Log")
	if old_values:
		frappe.qb.from_(log).delete().where(log.recipient.isin(list(old_values))).run()
	if mine:
		frappe.qb.from_(log).delete().where(
			(log.reference_doctype == FOLLOW_UP) & log.reference_name.isin(mine)
		).run()
