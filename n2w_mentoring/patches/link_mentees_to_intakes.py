"""Mentees (and their duos) belong to an intake period of their programme.

Before the Mentee's ``intake`` existed, intake periods were stored on the programme only. A mentee
left without an intake joins the intake of their programme open on their application date
(n2w_mentoring.programme.rules: the day the record was made, or the intake date when earlier); one
whose application date falls in no intake stays without one. A mentee's duos take the mentee's
intake. An intake already set is kept: running the patch again changes nothing."""

import frappe
from frappe.utils import getdate

from n2w_mentoring import network
from n2w_mentoring.programme import rules


def execute():
	mentee = frappe.qb.DocType("Mentee")
	for programme in frappe.get_all("Mentoring Programme", pluck="name"):
		intakes = network.intakes(programme)
		if not intakes:
			continue
		rows = (
			frappe.qb.from_(mentee)
			.select(mentee.name, mentee.creation, mentee.intake_date)
			.where((mentee.programme == programme) & ((mentee.intake == "") | mentee.intake.isnull()))
			.run(as_dict=True)
		)
		for row in rows:
			applied = rules.application_date(
				getdate(row.creation), getdate(row.intake_date) if row.intake_date else None
			)
			label = rules.intake_on(intakes, applied)
			if label:
				frappe.qb.update(mentee).set(mentee.intake, label).where(mentee.name == row.name).run()
	duo = frappe.qb.DocType("Duo")
	missing = (
		frappe.qb.from_(duo)
		.join(mentee)
		.on(duo.mentee == mentee.name)
		.select(duo.name, mentee.intake)
		.where((mentee.intake != "") & ((duo.intake == "") | duo.intake.isnull()))
		.run(as_dict=True)
	)
	for row in missing:
		frappe.qb.update(duo).set(duo.intake, row.intake).where(duo.name == row.name).run()
