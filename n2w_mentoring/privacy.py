"""Data protection: guards on sharing and files, a person's data export, erasure and retention.

Mentees are often asylum seekers: what the app holds about a person can hurt them if it leaks.
- Sharing or assigning a mentoring record never opens it to someone the permission rules refuse.
- Files attached to mentoring records are always private.
- A person's data (a Mentee or a Mentor) can be exported whole, as JSON or as a readable PDF.
- A person can be erased: their identity and free text are replaced or removed everywhere the app
  and Frappe keep them (records, child rows, versions, comments, communications, files, deleted
  documents, the global search), while the dates, counts and outcomes that anonymous statistics
  need stay.
- A retention policy anonymises people some months after their last duo ended (a daily job).
"""

from __future__ import annotations

import json
from pathlib import Path

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Max
from frappe.utils import add_months, getdate, now_datetime, today

from n2w_mentoring.exceptions import MentoringError
from n2w_mentoring.permissions import is_staff
from n2w_mentoring.programme import lifecycle


def _app_doctypes() -> tuple[str, ...]:
	"""Every non-child DocType the app ships, read from its JSON files: always in step with the app."""
	names = []
	for path in sorted((Path(__file__).parent / "mentoring" / "doctype").glob("*/*.json")):
		meta = json.loads(path.read_text())
		if meta.get("doctype") == "DocType" and not meta.get("istable"):
			names.append(meta["name"])
	return tuple(names)


MENTORING_DOCTYPES = _app_doctypes()
PERSON_DOCTYPES = ("Mentee", "Mentor")
DUO_CHILDREN = ("Meeting", "Convention", "Action Plan")
MANAGER = "Mentoring Manager"
# A mentee's special-category data, one record per mentee named after it (deleted on erasure).
PROTECTED = "Mentee Protected Data"

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


class PrivacyError(MentoringError):
	"""A privacy guard refused the change."""


# --- Guards (doc_events) --------------------------------------------------------------------------


def guard_share(doc, method=None):
	"""DocShare: a mentoring record is shared only with someone the rules already let read it."""
	if doc.share_doctype not in MENTORING_DOCTYPES:
		return
	if doc.everyone:
		frappe.throw(
			_("Mentoring records cannot be shared with everyone."), exc=PrivacyError, title=_("Not shared")
		)
	if not doc.user or is_staff(doc.user):
		return
	record = frappe.get_doc(doc.share_doctype, doc.share_name)
	role_allows = frappe.permissions.get_role_permissions(record.meta, user=doc.user).get("read")
	rule_allows = frappe.permissions.has_controller_permissions(record, "read", user=doc.user)
	if not (role_allows and rule_allows):
		frappe.throw(
			_("{0} may not see this record: it cannot be shared with or assigned to them.").format(doc.user),
			exc=PrivacyError,
			title=_("Not shared"),
		)


def make_file_private(doc, method=None):
	"""File (after Frappe stored it): whatever is attached to a mentoring record is private."""
	if doc.attached_to_doctype not in MENTORING_DOCTYPES or doc.is_private or doc.is_folder:
		return
	doc.is_private = 1
	if not doc.file_url or doc.is_remote_file:
		return
	public_url = doc.file_url
	content = doc.get_content()
	doc.file_url = None
	doc.save_file(content=content, ignore_existing_file_check=True)  # a private copy, under a free name
	if public_url.startswith("/files/") and not frappe.db.exists("File", {"file_url": public_url}):
		public_path = Path(frappe.get_site_path("public", "files", public_url.rsplit("/", 1)[-1]))
		public_path.unlink(missing_ok=True)


# --- What the app holds about a person --------------------------------------------------------------


def _check_manager():
	if not (frappe.session.user == "Administrator" or MANAGER in frappe.get_roles()):
		frappe.throw(_("Only a Mentoring Manager can do this."), exc=frappe.PermissionError)


def _check_person(doctype: str, name: str):
	if doctype not in PERSON_DOCTYPES:
		frappe.throw(_("{0} is not a person of the programme.").format(doctype), exc=PrivacyError)
	if not frappe.db.exists(doctype, name):
		frappe.throw(_("{0} {1} does not exist.").format(_(doctype), name), exc=frappe.DoesNotExistError)


def duos_of(doctype: str, name: str) -> list[str]:
	return frappe.get_all("Duo", {doctype.lower(): name}, pluck="name", order_by="creation")


def related_records(doctype: str, name: str) -> list[tuple[str, str]]:
	"""Every (doctype, name) of the app that concerns the person: their record, duos and what hangs off them."""
	records = [(doctype, name)]
	if doctype == "Mentee" and frappe.db.exists(PROTECTED, name):
		records.append((PROTECTED, name))
	duos = duos_of(doctype, name)
	records += [("Duo", d) for d in duos]
	for child in DUO_CHILDREN:
		records += [(child, n) for n in frappe.get_all(child, {"duo": ("in", duos or [""])}, pluck="name")]
	return records


def collect(doctype: str, name: str) -> dict:
	"""The person's data: every record, child row, file, comment, communication and version about them."""
	records = related_records(doctype, name)
	data = {
		"person": {"doctype": doctype, "name": name},
		"exported_on": str(now_datetime()),
		"records": [frappe.get_doc(dt, dn).as_dict(no_default_fields=False) for dt, dn in records],
		"files": [],
		"comments": [],
		"communications": [],
		"versions": [],
	}
	for dt, dn in records:
		reference = {"reference_doctype": dt, "reference_name": dn}
		data["files"] += frappe.get_all(
			"File",
			{"attached_to_doctype": dt, "attached_to_name": dn},
			["name", "file_name", "file_url", "is_private", "creation"],
		)
		data["comments"] += frappe.get_all(
			"Comment", reference, ["name", "comment_type", "content", "owner", "creation"]
		)
		data["communications"] += frappe.get_all(
			"Communication", reference, ["name", "subject", "content", "sender", "recipients", "creation"]
		)
		data["versions"] += frappe.get_all(
			"Version", {"ref_doctype": dt, "docname": dn}, ["name", "data", "owner", "creation"]
		)
	return json.loads(frappe.as_json(data))


@frappe.whitelist()
def export_personal_data(doctype: str, name: str, format: str = "json"):
	"""Download everything the programme holds about a mentee or a mentor (JSON, or a readable PDF)."""
	_check_manager()
	_check_person(doctype, name)
	data = collect(doctype, name)
	filename = f"{doctype.lower()}-{name}"
	if format == "pdf":
		from frappe.utils.pdf import get_pdf

		html = frappe.render_template("n2w_mentoring/templates/personal_data.html", {"data": data, "_": _})
		frappe.local.response.filename = f"{filename}.pdf"
		frappe.local.response.filecontent = get_pdf(html)
	else:
		frappe.local.response.filename = f"{filename}.json"
		frappe.local.response.filecontent = frappe.as_json(data, indent=1)
	frappe.local.response.type = "download"


# --- Erasure ------------------------------------------------------------------------------------


def anonymous_label(doctype: str, name: str) -> str:
	return _("Anonymised {0}").format(_(doctype).lower()) + f" {name}"


def erase(doctype: str, name: str) -> None:
	"""Anonymise a mentee or a mentor across the app and Frappe's side tables; statistics stay."""
	label = anonymous_label(doctype, name)
	person = frappe.get_doc(doctype, name)
	old_values = {v for v in (person.full_name, person.first_name, person.last_name, person.email) if v}
	records = related_records(doctype, name)

	_anonymise_person(person, label)
	_anonymise_duos(doctype, name, label)
	# Check-ins, surveys, follow-ups, training, network events, reminders (programme_erasure.py).
	from n2w_mentoring.programme_erasure import anonymise_programme_records

	anonymise_programme_records(doctype, name, label, old_values)
	for dt, dn in records:
		_forget_side_tables(dt, dn)
	_forget_deleted_documents(old_values)
	if doctype == "Mentee":
		frappe.db.delete(PROTECTED, {"mentee": name})  # its history went with the side tables
	frappe.db.set_value(doctype, name, "anonymised_on", today(), update_modified=False)


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


def _forget_side_tables(doctype: str, name: str) -> None:
	from frappe.utils.global_search import delete_for_document

	# Files first: removing one leaves an "attachment removed" comment, deleted just below.
	files = frappe.get_all("File", {"attached_to_doctype": doctype, "attached_to_name": name}, pluck="name")
	for file in files:
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)  # removes it from the disk
	if files:
		frappe.db.delete("Deleted Document", {"deleted_doctype": "File", "deleted_name": ("in", files)})
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
	frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
	frappe.db.set_value(doctype, name, "_comments", None, update_modified=False)
	communications = frappe.get_all(
		"Communication", {"reference_doctype": doctype, "reference_name": name}, pluck="name"
	)
	if communications:
		frappe.db.delete("Communication Link", {"parent": ("in", communications)})
		frappe.db.delete("Communication", {"name": ("in", communications)})
	delete_for_document(frappe._dict(doctype=doctype, name=name))


def _forget_deleted_documents(old_values: set[str]) -> None:
	deleted = frappe.qb.DocType("Deleted Document")
	for value in old_values:
		(
			frappe.qb.from_(deleted)
			.delete()
			.where(deleted.deleted_doctype.isin(MENTORING_DOCTYPES) & deleted.data.like(f"%{value}%"))
			.run()
		)


@frappe.whitelist(methods=["POST"])
def erase_personal_data(doctype: str, name: str) -> str:
	"""Erase a mentee or a mentor (GDPR art. 17): their identity and story leave the site for good."""
	_check_manager()
	_check_person(doctype, name)
	if frappe.db.exists("Duo", {doctype.lower(): name, "status": ("in", lifecycle.OPEN_STATES)}):
		frappe.throw(
			_("Close this person's open duo before erasing their data."),
			exc=PrivacyError,
			title=_("Duo still open"),
		)
	erase(doctype, name)
	return anonymous_label(doctype, name)


# --- Retention ----------------------------------------------------------------------------------


def apply_retention_policy():
	"""Daily: anonymise people whose last duo ended more than the settings' retention months ago."""
	months = frappe.db.get_single_value("Mentoring Settings", "retention_months")
	if not months or months < 1:
		return
	cutoff = add_months(getdate(today()), -months)
	for doctype in PERSON_DOCTYPES:
		party = doctype.lower()
		duo = frappe.qb.DocType("Duo")
		ended = (
			frappe.qb.from_(duo)
			.select(getattr(duo, party))
			.where(duo.status.isin(lifecycle.CLOSED_STATES))
			.groupby(getattr(duo, party))
			.having(Max(Coalesce(duo.actual_end, duo.proposed_on)) < cutoff)
			.run(pluck=True)
		)
		still_open = set(
			frappe.get_all("Duo", {"status": ("in", lifecycle.OPEN_STATES)}, pluck=party, distinct=True)
		)
		for name in ended:
			if name in still_open or frappe.db.get_value(doctype, name, "anonymised_on"):
				continue
			erase(doctype, name)
