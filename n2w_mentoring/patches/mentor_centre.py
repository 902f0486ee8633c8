"""Every mentor belongs to one centre, the one that registered them.

Each mentor without one gets the centre of most of their programmes (the first one on a tie), else
the default programme's, and the index a centre's Mentor list reads is added. Records that break the
rule (a mentor serving, or paired in, a programme of another centre that does not take mentors from
the network) are left as they are, never deleted or moved, and listed in the patch's log. Running it
again changes nothing."""

import frappe

from n2w_mentoring.network import centre_of, default_programme
from n2w_mentoring.programme import lifecycle
from n2w_mentoring.programme.centres import main_centre

LOGGED = 200  # records listed in the log, at most


def execute():
	frappe.db.add_index("Mentor", ["centre", "modified"])
	filled = fill_centres()
	print(f"Mentors given a centre: {filled}")
	breaking = breaking_records()
	if breaking:
		print(f"Records across centres, left as they are ({len(breaking)}):")
	for line in breaking[:LOGGED]:
		print(f"- {line}")
	if len(breaking) > LOGGED:
		print(f"- … and {len(breaking) - LOGGED} more")


def fill_centres() -> int:
	mentor, served = frappe.qb.DocType("Mentor"), frappe.qb.DocType("Mentor Programme")
	missing = (
		frappe.qb.from_(mentor)
		.select(mentor.name)
		.where(mentor.centre.isnull() | (mentor.centre == ""))
		.run(pluck=True)
	)
	if not missing:
		return 0
	centres: dict[str, list] = {}
	for parent, centre, programme in (
		frappe.qb.from_(served)
		.select(served.parent, served.centre, served.programme)
		.where((served.parenttype == "Mentor") & served.parent.isin(missing))
		.orderby(served.parent)
		.orderby(served.idx)
		.run()
	):
		centres.setdefault(parent, []).append(centre or centre_of(programme))
	fallback = centre_of(default_programme())
	chosen: dict[str, list[str]] = {}
	for name in missing:
		centre = main_centre(centres.get(name, [])) or fallback
		if centre:
			chosen.setdefault(centre, []).append(name)
	for centre, names in chosen.items():
		# Not a change of the mentor by anyone: ``modified`` stays.
		frappe.qb.update(mentor).set(mentor.centre, centre).where(mentor.name.isin(names)).run()
	return sum(len(names) for names in chosen.values())


def breaking_records() -> list[str]:
	"""What breaks the rule, one line each, for the log (nothing is changed)."""
	mentor, served = frappe.qb.DocType("Mentor"), frappe.qb.DocType("Mentor Programme")
	programme, duo = frappe.qb.DocType("Mentoring Programme"), frappe.qb.DocType("Duo")
	lines = []
	for name, centre, prog in (
		frappe.qb.from_(served)
		.join(mentor)
		.on(mentor.name == served.parent)
		.join(programme)
		.on(programme.name == served.programme)
		.select(mentor.name, mentor.centre, programme.name)
		.where(
			(served.parenttype == "Mentor")
			& (programme.centre != mentor.centre)
			& (programme.network_matching == 0)
		)
		.orderby(mentor.name)
		.run()
	):
		lines.append(f"Mentor {name} of centre {centre} serves programme {prog} of another centre")
	for name, mentor_name, centre, prog in (
		frappe.qb.from_(duo)
		.join(mentor)
		.on(mentor.name == duo.mentor)
		.join(programme)
		.on(programme.name == duo.programme)
		.select(duo.name, mentor.name, mentor.centre, programme.name)
		.where(
			duo.status.isin(lifecycle.OPEN_STATES)
			& (programme.centre != mentor.centre)
			& (programme.network_matching == 0)
		)
		.orderby(duo.name)
		.run()
	):
		lines.append(f"Open duo {name} of programme {prog} has mentor {mentor_name} of centre {centre}")
	return lines
