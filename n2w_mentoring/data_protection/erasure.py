"""Erasure of a mentee or a mentor (GDPR art. 17): their identity and free text are replaced or
removed everywhere the app and Frappe keep them, while the dates, counts and outcomes that anonymous
statistics need stay."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import today

from n2w_mentoring.data_protection import side_tables
from n2w_mentoring.data_protection.programme_records import anonymise_programme_records
from n2w_mentoring.data_protection.scope import (
	APP_TABLES,
	PROTECTED,
	check_manager,
	check_person,
	related_records,
)
from n2w_mentoring.exceptions import PrivacyError
from n2w_mentoring.programme import lifecycle

# What erasure replaces or clears on each person (the rest of their record is structural).
IDENTITY_FIELDS = {
	"Mentee": (
		"email",
		"phone",
		"user",
		"postal_code",
		"municipality",
		"year_of_birth",
		"referrer_name",
		"referrer_email",
		"referring_organisation",
		"work_experience",
		"aspirations",
		"motivations",
		"availability",
		"intake_notes",
		"target_profession",
	),
	"Mentor": (
		"email",
		"phone",
		"user",
		"job_title",
		"profession",
		"expertise",
		"availability",
		"workplace_postal_code",
		"workplace_municipality",
		"motivation",
		"notes",
	),
}
PERSON_TABLES = {"Mentee": ("languages", "diplomas"), "Mentor": ("languages",)}
# Free text about the duo, cleared when one of its parties is erased.
DUO_TEXT = {
	"Duo": ("end_notes", "match_reasons"),
	"Meeting": ("summary", "next_steps", "place"),
}


def anonymous_label(doctype: str, name: str) -> str:
	return _("Anonymised {0}").format(_(doctype).lower()) + f" {name}"


def erase(doctype: str, name: str) -> None:
	"""Anonymise a mentee or a mentor across the app and Frappe's tables; statistics stay."""
	erase_many([(doctype, name)])


def erase_many(people: list[tuple[str, str]]) -> None:
	"""Anonymise several people; Frappe's tables are scanned once for all of them."""
	mentions: dict[str, str] = {}
	for doctype, name in people:
		mentions.update(_erase_one(doctype, name))
	# Anything that still names them, in the app's records or Frappe's (to-dos, logs, e-mails...).
	side_tables.forget_mentions(mentions, app_doctypes=APP_TABLES)


def _erase_one(doctype: str, name: str) -> dict[str, str]:
	"""Anonymise one person's own records; return their identifying values, each with its label."""
	label = anonymous_label(doctype, name)
	person = frappe.get_doc(doctype, name)
	old_values = {v for v in (person.full_name, person.first_name, person.last_name, person.email) if v}
	identifying = {v: label for v in (person.full_name, person.email, person.phone) if v}
	records = related_records(doctype, name)

	_anonymise_person(person, label)
	_anonymise_duos(doctype, name, label)
	# Check-ins, surveys, follow-ups, training, network events, reminders.
	anonymise_programme_records(doctype, name, label, old_values)
	side_tables.forget_records(records)
	if doctype == "Mentee":
		frappe.db.delete(PROTECTED, {"mentee": name})  # its history went with the records'
	if person.user and side_tables.forget_user(person.user, label):
		identifying[person.user] = label  # the old login, wherever text still holds it
	frappe.db.set_value(doctype, name, "anonymised_on", today(), update_modified=False)
	return identifying


def _anonymise_person(person, label: str) -> None:
	numeric = ("Int", "Float", "Check", "Currency", "Percent")
	values = {
		df.fieldname: 0 if df.fieldtype in numeric else None
		for df in (person.meta.get_field(f) for f in IDENTITY_FIELDS[person.doctype])
		if df
	}
	values.update({"first_name": label, "last_name": "", "full_name": label, "consent_notice_version": None})
	frappe.db.set_value(person.doctype, person.name, values, update_modified=False)
	for table in PERSON_TABLES[person.doctype]:
		child = person.meta.get_field(table).options
		frappe.db.delete(child, {"parent": person.name, "parenttype": person.doctype})


def _anonymise_duos(doctype: str, name: str, label: str) -> None:
	party = doctype.lower()
	for duo in frappe.get_all("Duo", {party: name}, ["name", "mentee_name", "mentor_name"]):
		names = {"mentee_name": duo.mentee_name, "mentor_name": duo.mentor_name, f"{party}_name": label}
		title = " · ".join(n for n in (names["mentee_name"], names["mentor_name"]) if n)
		frappe.db.set_value(
			"Duo",
			duo.name,
			{f"{party}_name": label, "title": title, **dict.fromkeys(DUO_TEXT["Duo"])},
			update_modified=False,
		)
		meetings = frappe.get_all("Meeting", {"duo": duo.name}, pluck="name")
		for meeting in meetings:
			frappe.db.set_value(
				"Meeting",
				meeting,
				{"duo_title": title, **dict.fromkeys(DUO_TEXT["Meeting"])},
				update_modified=False,
			)
		if meetings:
			for table in ("Meeting Theme", "Meeting Objective"):
				frappe.db.delete(table, {"parent": ("in", meetings), "parenttype": "Meeting"})
		for convention in frappe.get_all("Convention", {"duo": duo.name}, pluck="name"):
			frappe.db.set_value("Convention", convention, f"{party}_name", label, update_modified=False)
			signatory = frappe.qb.DocType("Convention Signatory")
			(
				frappe.qb.update(signatory)
				.set(signatory.signatory_name, label)
				.set(signatory.user, None)
				.where((signatory.parent == convention) & (signatory.party == doctype))
				.run()
			)
		for plan in frappe.get_all("Action Plan", {"duo": duo.name}, pluck="name"):
			frappe.db.set_value("Action Plan", plan, f"{party}_name", label, update_modified=False)
			objective = frappe.qb.DocType("Action Plan Objective")
			frappe.qb.update(objective).set(objective.progress_notes, None).where(
				objective.parent == plan
			).run()


@frappe.whitelist(methods=["POST"])
def erase_personal_data(doctype: str, name: str) -> str:
	"""Erase a mentee or a mentor (GDPR art. 17): their identity and story leave the site for good."""
	check_manager()
	check_person(doctype, name)
	if frappe.db.exists("Duo", {doctype.lower(): name, "status": ("in", lifecycle.OPEN_STATES)}):
		frappe.throw(
			_("Close this person's open duo before erasing their data."),
			exc=PrivacyError,
			title=_("Duo still open"),
		)
	erase(doctype, name)
	return anonymous_label(doctype, name)
