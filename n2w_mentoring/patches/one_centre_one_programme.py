"""A single-programme site becomes one centre running one programme, and keeps its meaning.

Before the network, Mentoring Settings held the centre (name, address, e-mail, phone, logo) and the
programme (limits, training gate, convention terms, privacy notice version, matching weights,
reminder switches). This patch makes a *Mentoring Centre* and a *Mentoring Programme* of those
values, makes that programme the default one, and attaches every mentee, duo and mentor to it (and
the records hanging off a duo carry its centre): the
rules read the same values as before, through the programme. Records' ``modified`` is left as it
was. The old values are then removed from Mentoring Settings, which keeps what is site-wide only.
Run twice, it changes nothing more.
"""

import frappe

from n2w_mentoring.setup.install import CENTRE_FIELDS, PROGRAMME_FIELDS, ensure_network

SETTINGS = "Mentoring Settings"


def old_settings() -> dict:
	"""The values Mentoring Settings held, read from the table (its DocType no longer has the fields)."""
	singles = frappe.qb.DocType("Singles")
	rows = (
		frappe.qb.from_(singles).select(singles.field, singles.value).where(singles.doctype == SETTINGS).run()
	)
	return dict(rows)


def execute():
	old = old_settings()
	programme = ensure_network(old)
	centre = frappe.db.get_value("Mentoring Programme", programme, "centre")
	attach_people_and_duos(programme, centre)
	attach_mentors(programme, centre)
	copy_centre_to_duo_records()
	singles = frappe.qb.DocType("Singles")
	(
		frappe.qb.from_(singles)
		.delete()
		.where((singles.doctype == SETTINGS) & singles.field.isin([*PROGRAMME_FIELDS, *CENTRE_FIELDS]))
		.run()
	)
	frappe.clear_document_cache(SETTINGS, SETTINGS)


def attach_people_and_duos(programme: str, centre: str) -> None:
	for doctype in ("Mentee", "Duo"):
		table = frappe.qb.DocType(doctype)
		(
			frappe.qb.update(table)
			.set(table.programme, programme)
			.set(table.centre, centre)
			.where(table.programme.isnull() | (table.programme == ""))
			.run()
		)


def copy_centre_to_duo_records() -> None:
	"""Meetings, conventions, plans, check-ins, surveys and follow-ups carry their duo's centre."""
	from n2w_mentoring.mentoring.doctype.duo.duo import DUO_RECORDS

	duo = frappe.qb.DocType("Duo")
	centres = frappe.qb.from_(duo).select(duo.centre).distinct().where(duo.centre.isnotnull()).run(pluck=True)
	for doctype in DUO_RECORDS:
		table = frappe.qb.DocType(doctype)
		for centre in centres:
			(
				frappe.qb.update(table)
				.set(table.centre, centre)
				.where(
					(table.centre.isnull() | (table.centre == ""))
					& table.duo.isin(frappe.qb.from_(duo).select(duo.name).where(duo.centre == centre))
				)
				.run()
			)


def attach_mentors(programme: str, centre: str) -> None:
	mentor = frappe.qb.DocType("Mentor")
	served = frappe.qb.DocType("Mentor Programme")
	without = (
		frappe.qb.from_(mentor)
		.select(mentor.name, mentor.creation, mentor.owner)
		.where(
			mentor.name.notin(
				frappe.qb.from_(served).select(served.parent).where(served.parenttype == "Mentor")
			)
		)
		.run()
	)
	rows = [
		(
			frappe.generate_hash(length=10),
			name,
			"Mentor",
			"programmes",
			1,
			programme,
			centre,
			created,
			created,
			owner,
			owner,
		)
		for name, created, owner in without
	]
	frappe.db.bulk_insert(
		"Mentor Programme",
		fields=[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"programme",
			"centre",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		values=rows,
	)
