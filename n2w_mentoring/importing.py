"""Frappe's Data Import, made to work for the app's DocTypes (see docs/import.md).

- People are named by e-mail in the spreadsheets: a Mentor or Mentee column may hold the person's
  e-mail, a Duo column the mentee's e-mail (their latest duo that was not declined or cancelled).
- A row Frappe cannot read (an unknown mentor, a date in another format) is refused on its own, with
  its reason in the import log; the other rows are imported. Frappe would refuse the whole file.
- Every programme rule applies: each row is inserted through the DocType's controller, in its own
  transaction (Frappe's importer commits each row and rolls a refused one back whole).
- A row already imported is refused (the natural keys of programme/importing.py): re-running an
  import changes nothing.
- A duo reaches the state of its ``import_state`` column through the Workflow's own actions, up to
  Accepted; its convention, signed on paper and imported next, starts it and takes it on.
- The records of one import are those of its log; staff undo them together (:func:`undo_import`).
"""

import frappe
from frappe import _
from frappe.core.doctype.data_import.data_import import DataImport as FrappeDataImport
from frappe.core.doctype.data_import.importer import (
	Importer,
	ImportFile,
	get_df_for_column_header,
)
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate, today
from frappe.utils.background_jobs import enqueue, is_job_enqueued

from n2w_mentoring import partner_contacts
from n2w_mentoring.exceptions import ImportRowError
from n2w_mentoring.permissions import is_staff
from n2w_mentoring.programme import lifecycle
from n2w_mentoring.programme.importing import (
	IMPORT_ORDER,
	looks_like_email,
	natural_key,
	normalise_email,
	split_at_convention,
	workflow_path,
)

APP_DOCTYPES = frozenset(IMPORT_ORDER)
PEOPLE = ("Mentor", "Mentee")


# --- Data Import -----------------------------------------------------------------------------


class DataImport(FrappeDataImport):
	"""Frappe's Data Import; the app's DocTypes go through :class:`AppImporter`."""

	def get_importer(self):
		if self.reference_doctype in APP_DOCTYPES:
			return AppImporter(self.reference_doctype, data_import=self)
		return super().get_importer()

	def start_import(self):
		if self.reference_doctype not in APP_DOCTYPES:
			return super().start_import()
		from frappe.utils.scheduler import is_scheduler_inactive

		run_now = frappe.flags.in_test or frappe.conf.developer_mode
		if is_scheduler_inactive() and not run_now:
			frappe.throw(_("Scheduler is inactive. Cannot import data."), title=_("Scheduler Inactive"))
		job_id = f"data_import::{self.name}"
		if is_job_enqueued(job_id):
			return False
		enqueue(
			start_import,
			queue="default",
			timeout=10000,
			event="data_import",
			job_id=job_id,
			data_import=self.name,
			now=run_now,
		)
		return True


def start_import(data_import: str):
	"""The background job: Frappe's own, with the app's importer."""
	from rq.timeouts import JobTimeoutException

	data_import = frappe.get_doc("Data Import", data_import)
	try:
		AppImporter(data_import.reference_doctype, data_import=data_import).import_data()
	except JobTimeoutException:
		frappe.db.rollback()
		data_import.db_set("status", "Timed Out")
	except Exception:
		frappe.db.rollback()
		data_import.db_set("status", "Error")
		data_import.log_error("Data import failed")
	finally:
		frappe.flags.in_import = False
	frappe.publish_realtime("data_import_refresh", {"data_import": data_import.name})


class AppImporter(Importer):
	def __init__(self, doctype, data_import=None, file_path=None, import_type=None, console=False):
		self.doctype = doctype
		self.console = console
		self.data_import = data_import or frappe.get_doc(doctype="Data Import")
		if import_type:
			self.data_import.import_type = import_type
		self.template_options = frappe.parse_json(self.data_import.template_options or "{}")
		self.import_type = self.data_import.import_type
		self.import_file = AppImportFile(
			doctype,
			file_path or self.data_import.google_sheets_url or self.data_import.import_file,
			self.template_options,
			self.import_type,
			console=console,
		)

	def process_doc(self, doc):
		problems = self.import_file.problems.get(id(doc))
		if problems:
			frappe.throw(
				"<br>".join(problems),
				title=_("Row not imported"),
				exc=ImportRowError,
			)
		return super().process_doc(doc)

	def insert_record(self, doc):
		new_doc = frappe.new_doc(self.doctype)
		new_doc.update(doc)
		new_doc.set("name", None)
		new_doc.flags.updater_reference = {
			"doctype": self.data_import.doctype,
			"docname": self.data_import.name,
			"label": _("via Data Import"),
		}
		new_doc.insert()
		# A convention signed on paper is submitted with its signatures, ticked box or not.
		if new_doc.meta.is_submittable and (
			self.data_import.submit_after_import or new_doc.get("paper_scan")
		):
			new_doc.submit()
		return new_doc


class AppImportFile(ImportFile):
	"""Reads people's e-mails as links, and keeps each unreadable row's problems to itself."""

	def parse_data_from_template(self):
		self.problems = {}
		self.unresolved = {}
		self.resolve_emails()
		super().parse_data_from_template()

	def get_payloads_for_import(self):
		payloads = super().get_payloads_for_import()
		for payload in payloads:
			problems = []
			for row in payload.rows:
				problems += [
					_("Row {0}: {1}").format(row.row_number, message)
					for message in self.unresolved.get(row.index, [])
				]
				problems += [
					_("Row {0}: {1}").format(row.row_number, w.get("message") or "") for w in row.warnings
				]
			if problems:
				self.problems[id(payload.doc)] = problems
		return payloads

	def get_data_for_import_preview(self):
		self.get_payloads_for_import()
		return super().get_data_for_import_preview()

	def get_warnings(self):
		"""Only what concerns the whole file stops the import: a bad value refuses its own row."""
		warnings = list(self.warnings)
		for col in self.header.columns:
			for warning in col.warnings:
				if col.df and col.df.fieldtype in ("Link", "Select", "Date", "Datetime", "Time"):
					warning = {**warning, "type": "info"}
				warnings.append(warning)
		for row in self.data:
			warnings += [{**w, "type": "info"} for w in row.warnings]
		for index, messages in self.unresolved.items():
			warnings += [{"row": index + 1, "message": m, "type": "info"} for m in messages]
		return warnings

	# --- e-mails for links ------------------------------------------------------------------

	def link_columns(self, header: list) -> dict[int, str]:
		"""Column index -> the DocType of a Mentor, Mentee or Duo link of the imported DocType."""
		column_map = self.column_to_field_map or {}
		meta = frappe.get_meta(self.doctype)
		found = {}
		for index, title in enumerate(header):
			mapped = column_map.get(str(index))
			df = meta.get_field(mapped) if mapped else get_df_for_column_header(self.doctype, title)
			if df and df.fieldtype == "Link" and df.parent == self.doctype and df.options in (*PEOPLE, "Duo"):
				found[index] = df.options
		return found

	def resolve_emails(self):
		rows = self.raw_data
		header_at = next((i for i, r in enumerate(rows) if any(v not in ("", None) for v in r)), None)
		if header_at is None:
			return
		columns = self.link_columns(rows[header_at])
		if not columns:
			return
		wanted = {options: set() for options in columns.values()}
		for row in rows[header_at + 1 :]:
			for index, options in columns.items():
				value = row[index] if index < len(row) else None
				if looks_like_email(value):
					wanted[options].add(normalise_email(value))
		found = {options: self.find_by_email(options, emails) for options, emails in wanted.items()}
		for i, row in enumerate(rows[header_at + 1 :], start=header_at + 1):
			for index, options in columns.items():
				value = row[index] if index < len(row) else None
				if not looks_like_email(value):
					continue
				name = found[options].get(normalise_email(value))
				row[index] = name or ""
				if not name:
					self.unresolved.setdefault(i, []).append(unknown_email_message(options, value))

	@staticmethod
	def find_by_email(options: str, emails: set) -> dict:
		"""E-mail -> record name, among the records the importing user may read."""
		if not emails:
			return {}
		people = "Mentee" if options == "Duo" else options
		by_email = {
			normalise_email(p.email): p.name
			for p in frappe.get_list(
				people, filters={"email": ("in", list(emails))}, fields=["name", "email"], order_by="creation"
			)
		}
		if options != "Duo":
			return by_email
		duos = {}
		for duo in frappe.get_list(
			"Duo",
			filters={
				"mentee": ("in", list(by_email.values()) or [""]),
				"status": ("not in", (lifecycle.DECLINED, lifecycle.CANCELLED)),
			},
			fields=["name", "mentee"],
			order_by="creation asc",
		):
			duos[duo.mentee] = duo.name  # the latest wins
		return {email: duos[mentee] for email, mentee in by_email.items() if mentee in duos}


def unknown_email_message(options: str, value: str) -> str:
	if options == "Mentor":
		return _("No mentor has the e-mail {0}.").format(value)
	if options == "Mentee":
		return _("No mentee has the e-mail {0}.").format(value)
	return _("No duo of the mentee with the e-mail {0} (declined and cancelled duos do not count).").format(
		value
	)


# --- The rows of an import -------------------------------------------------------------------


def imported_by(doc) -> str | None:
	"""The Data Import inserting this record, if any."""
	ref = doc.flags.updater_reference
	if ref and ref.get("doctype") == "Data Import":
		return ref.get("docname")
	return None


def before_insert(doc, method=None):
	"""An imported row that is already in the site is refused, not duplicated."""
	if not imported_by(doc):
		return
	key = natural_key(doc.doctype, doc.as_dict())
	if not key:
		return
	# The importing user holds create permission on the DocType; the key only finds the twin.
	existing = frappe.db.get_value(doc.doctype, key, "name")
	if existing:
		frappe.throw(
			_("Already imported: {0} {1} has the same {2}. Nothing was changed.").format(
				_(doc.doctype), existing, ", ".join(_(doc.meta.get_label(f)) for f in key)
			),
			title=_("Already imported"),
			exc=frappe.DuplicateEntryError,
		)


def duo_after_insert(doc, method=None):
	"""An imported duo takes the Workflow's actions up to its state, or up to Accepted when it
	waits for its convention."""
	if not (imported_by(doc) and doc.import_state):
		return
	path = workflow_path(doc.import_state)
	now, later = split_at_convention(path)
	if "Accept" in now:
		agreed = doc.proposed_on or doc.start_date or today()
		doc.db_set(
			{
				"mentor_agreed_on": doc.mentor_agreed_on or agreed,
				"mentee_agreed_on": doc.mentee_agreed_on or agreed,
			},
			update_modified=False,
		)
	take_actions(doc.name, now)
	if not later and doc.import_state == frappe.db.get_value("Duo", doc.name, "status"):
		frappe.db.set_value("Duo", doc.name, "import_state", None, update_modified=False)


def convention_on_submit(doc, method=None):
	"""The convention started its duo: an imported duo goes on to the state it was imported in."""
	target = frappe.db.get_value("Duo", doc.duo, "import_state")
	if not target or not is_staff():
		return  # a party's last signature in the portal starts the duo; staff take it on
	status = frappe.db.get_value("Duo", doc.duo, "status")
	take_actions(doc.duo, workflow_path(target, start=status))
	frappe.db.set_value("Duo", doc.duo, "import_state", None, update_modified=False)


def take_actions(duo: str, actions: list[str]):
	for action in actions:
		apply_workflow(frappe.get_doc("Duo", duo), action)


def convention_before_validate(doc, method=None):
	"""A convention signed on paper, imported by staff: every party signed on its signing date."""
	if not (doc.is_new() and imported_by(doc) and (doc.signed_on or doc.paper_scan)):
		return
	if not is_staff():
		frappe.throw(
			_("Only the centre's staff record a convention signed on paper."),
			exc=frappe.PermissionError,
			title=_("Not permitted"),
		)
	if not doc.signed_on:
		frappe.throw(
			_("Give the date on which the convention was signed on paper."),
			exc=ImportRowError,
			title=_("Signing date missing"),
		)
	check_scan(doc)
	for row in doc.signatories:
		row.signed_on = row.signed_on or getdate(doc.signed_on)
		row.signature_method = row.signature_method or "On paper"


def check_scan(doc):
	"""The scan of the paper convention: a private file already uploaded, readable by the user."""
	if not doc.paper_scan:
		frappe.throw(
			_("Attach the scan of the convention signed on paper (upload it as a private file first)."),
			exc=ImportRowError,
			title=_("Scan missing"),
		)
	file = scan_file(doc.paper_scan)
	if not file or not file.has_permission("read"):
		frappe.throw(
			_("No file {0} was uploaded: upload the scan first, then give its address.").format(
				doc.paper_scan
			),
			exc=ImportRowError,
			title=_("Scan missing"),
		)
	if not file.is_private:
		frappe.throw(
			_("The scan {0} is a public file: upload it again as a private file.").format(doc.paper_scan),
			exc=ImportRowError,
			title=_("Public scan"),
		)


def convention_after_insert(doc, method=None):
	"""The scan is attached to the convention it is the scan of."""
	if not (imported_by(doc) and doc.paper_scan):
		return
	file = scan_file(doc.paper_scan)
	if file and not file.attached_to_name:
		file.db_set(
			{
				"attached_to_doctype": doc.doctype,
				"attached_to_name": doc.name,
				"attached_to_field": "paper_scan",
			}
		)


def scan_file(url: str):
	"""The uploaded File of a scan's address, one not attached yet first (the same bytes uploaded
	twice share an address)."""
	names = frappe.get_all(
		"File", filters={"file_url": url}, fields=["name", "attached_to_name"], order_by="creation desc"
	)
	names.sort(key=lambda f: bool(f.attached_to_name))
	return frappe.get_doc("File", names[0].name) if names else None


# --- Who may import --------------------------------------------------------------------------


def guard_data_import(doc, method=None):
	"""Staff import only the app's DocTypes they hold the import permission on."""
	if "System Manager" in frappe.get_roles():
		return
	if doc.reference_doctype not in APP_DOCTYPES or not frappe.has_permission(
		doc.reference_doctype, "import"
	):
		frappe.throw(
			_("You may not import {0}.").format(_(doc.reference_doctype)),
			exc=frappe.PermissionError,
			title=_("Not permitted"),
		)


# --- Undo ------------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def undo_import(data_import: str) -> int:
	"""Remove every record an import created, all or none; a record that a later import's records
	point to stays until that import is undone first."""
	if not is_staff():
		frappe.throw(_("Only the centre's staff undo an import."), exc=frappe.PermissionError)
	doc = frappe.get_doc("Data Import", data_import)
	doc.check_permission("read")
	if doc.reference_doctype not in APP_DOCTYPES:
		frappe.throw(_("Only imports of the programme's records can be undone here."), exc=ImportRowError)
	if doc.owner != frappe.session.user and not frappe.has_permission(doc.reference_doctype, "delete"):
		frappe.throw(
			_("Only the person who made this import, or a manager, can undo it."),
			exc=frappe.PermissionError,
		)
	return undo_records(doc.reference_doctype, imported_names(doc.name))


def imported_names(data_import: str) -> list[str]:
	# Read behind the Data Import's own permission check (undo_import).
	logs = frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import, "success": 1},
		fields=["docname"],
		order_by="log_index desc",
	)
	return [log.docname for log in logs if log.docname]


def undo_records(doctype: str, names: list[str]) -> int:
	removed = 0
	frappe.db.savepoint("undo_import")
	try:
		for name in names:
			if not frappe.db.exists(doctype, name):
				continue
			undo_record(doctype, name)
			removed += 1
	except Exception:
		frappe.db.rollback(save_point="undo_import")
		raise
	return removed


def undo_record(doctype: str, name: str):
	"""Checked by undo_import: staff, and the import's own author or a manager."""
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	if doctype == "Convention" and doc.docstatus == 1:
		doc.flags.ignore_permissions = True
		doc.cancel()
	if doctype == "Duo":
		remove_duo_trail(doc)
		frappe.flags.n2w_undo_import = True
	if doctype == "Partner Organisation":
		partner_contacts.remove_imported_contacts(name)
	try:
		frappe.delete_doc(doctype, name, ignore_permissions=True)
	finally:
		frappe.flags.n2w_undo_import = False
	# The record's history goes with it: its name may be given again (Frappe steps a naming series
	# back when its last record is deleted), and a new record must not inherit it. Deleted Document
	# keeps what was removed and by whom.
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
	if doctype == "Duo":
		restore_people(doc)


def remove_duo_trail(duo):
	"""What the app made for the duo on its own (follow-ups, to-dos, reminders sent): not the
	centre's work. Read behind undo_import's checks."""
	for name in frappe.get_all("Post-Duo Follow-up", filters={"duo": duo.name}, pluck="name"):
		frappe.delete_doc("Post-Duo Follow-up", name, ignore_permissions=True)
	frappe.db.delete("Mentoring Reminder Log", {"reference_doctype": "Duo", "reference_name": duo.name})
	frappe.db.delete("ToDo", {"reference_type": "Duo", "reference_name": duo.name})


def restore_people(duo):
	"""Without the duo, its mentee and mentor are back to where its other duos leave them (read
	behind undo_import's checks)."""
	duos = frappe.get_all(
		"Duo",
		filters={"mentee": duo.mentee, "status": ("not in", (lifecycle.DECLINED, lifecycle.CANCELLED))},
		pluck="name",
	)
	mentee = frappe.get_doc("Mentee", duo.mentee, for_update=True)
	if not duos and mentee.status in ("In duo", "Completed", "Withdrawn"):
		mentee.status = "Waiting for match"
		mentee.save(ignore_permissions=True)
	running = frappe.db.count("Duo", {"mentor": duo.mentor, "status": ("in", lifecycle.RUNNING_STATES)})
	mentor = frappe.get_doc("Mentor", duo.mentor, for_update=True)
	status = lifecycle.mentor_status_after(running, mentor.status)
	if status != mentor.status:
		mentor.status = status
		mentor.save(ignore_permissions=True)
