"""Frappe's own tables, where a person's name, e-mail or phone ends up besides the app's records.

Erasure reaches them in three ways:

- **about the person's records**: the versions, comments, communications, files, to-dos,
  notifications, e-mails, activity, access and error logs, route history, shares and global search
  entries that refer to one of their records are deleted (:func:`forget_records`);
- **mentions elsewhere**: any row of those tables whose text still holds the person's full name,
  e-mail or phone (in any of the spellings Frappe stores: as typed, JSON-escaped, HTML-escaped)
  loses it: log rows are deleted, working rows (to-dos, comments, communications, files' names) get
  the anonymous label in its place (:func:`forget_mentions`). One scan per table serves a whole
  batch of people: on MariaDB one regular expression per column with every value as an escaped
  literal, elsewhere LIKE patterns that escape ``%``, ``_`` and ``\\``;
- **their portal user**, when it exists only for the programme (no role but Mentor or Mentee): it is
  renamed to an anonymous address (Frappe then rewrites every ``owner`` and ``modified_by``), its
  names and contact details cleared, disabled, logged out, and the Contact Frappe made for it
  deleted (:func:`forget_user`). A user with other roles belongs to the host site and is only
  unlinked.
"""

from __future__ import annotations

import html
import json
import re

import frappe

# Log tables: a row that mentions the person goes.
LOG_DOCTYPES = (
	"Version",
	"Deleted Document",
	"Email Queue",
	"Notification Log",
	"Activity Log",
	"Access Log",
	"Error Log",
	"Route History",
)
# Working tables: the person's name gives way to the anonymous label, the row stays.
WORKING_DOCTYPES = ("ToDo", "Comment", "Communication", "File", "Email Queue Recipient")
TEXT_TYPES = {
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Text Editor",
	"Code",
	"HTML Editor",
	"Markdown Editor",
	"JSON",
	"Read Only",
}  # not links: a renamed user's links follow the rename, a host user's stay theirs
CACHE_COLUMNS = ("_comments", "_assign", "_liked_by")
# Where each log table names the record it is about.
REFERENCES = {
	"Version": ("ref_doctype", "docname"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"ToDo": ("reference_type", "reference_name"),
	"Notification Log": ("document_type", "document_name"),
	"Email Queue": ("reference_doctype", "reference_name"),
	"Activity Log": ("reference_doctype", "reference_name"),
	"Error Log": ("reference_doctype", "reference_name"),
	"Access Log": ("export_from", "reference_document"),
	"DocShare": ("share_doctype", "share_name"),
}
PORTAL_ONLY_ROLES = {"Mentor", "Mentee", "All", "Guest"}
SHORTEST = 5  # shorter values would match other people's text


def any_of(terms: list):
	"""``terms`` joined by OR as a balanced tree: a batch's hundreds of patterns stay shallow."""
	terms = list(terms)
	while len(terms) > 1:
		terms = [terms[i] | terms[i + 1] if i + 1 < len(terms) else terms[i] for i in range(0, len(terms), 2)]
	return terms[0]


def like_escape(value: str) -> str:
	"""``value`` as a LIKE pattern that matches it anywhere, and only it."""
	escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
	return f"%{escaped}%"


def regexp_escape(value: str) -> str:
	"""``value`` as a literal in a MariaDB (PCRE) regular expression: ASCII punctuation escaped."""
	return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", value)


def mentioning(table, columns: list[str], spelled: list[str]):
	"""A condition true when one of ``columns`` holds one of ``spelled`` (case-insensitive): one
	regular expression per column on MariaDB (a batch's values scanned at once), escaped LIKE
	patterns elsewhere."""
	if frappe.db.db_type == "mariadb":
		alternatives = "|".join(regexp_escape(s) for s in spelled)
		return any_of([table[c].regexp(alternatives) for c in columns])
	return any_of([table[c].like(like_escape(s)) for c in columns for s in spelled])


def spellings(value: str) -> set[str]:
	"""The forms a value takes in Frappe's tables: as typed, in JSON (versions, logs), in HTML."""
	return {value, json.dumps(value)[1:-1], html.escape(value), html.escape(value, quote=False)}


def _table_exists(doctype: str) -> bool:
	return frappe.db.table_exists(doctype)


def text_columns(doctype: str) -> list[str]:
	"""The DocType's text fields, and the caches Frappe keeps on every record (comments, assignees)."""
	meta = frappe.get_meta(doctype)
	columns = [df.fieldname for df in meta.fields if df.fieldtype in TEXT_TYPES and not df.is_virtual]
	return [c for c in (*columns, *CACHE_COLUMNS) if frappe.db.has_column(doctype, c)]


# --- Rows about the person's records ------------------------------------------------------------


def forget_records(records: list[tuple[str, str]]) -> None:
	"""Delete what Frappe keeps about each (doctype, name) of the person's records."""
	from frappe.utils.global_search import delete_for_document

	by_doctype: dict[str, list[str]] = {}
	for doctype, name in records:
		by_doctype.setdefault(doctype, []).append(name)
	for doctype, names in by_doctype.items():
		_forget_files(doctype, names)
		communications = frappe.get_all(
			"Communication", {"reference_doctype": doctype, "reference_name": ("in", names)}, pluck="name"
		)
		communications += frappe.get_all(
			"Communication Link",
			{"link_doctype": doctype, "link_name": ("in", names), "parenttype": "Communication"},
			pluck="parent",
		)
		if communications:
			frappe.db.delete("Communication Link", {"parent": ("in", communications)})
			frappe.db.delete("Communication", {"name": ("in", communications)})
		for table, (doctype_column, name_column) in REFERENCES.items():
			if table != "Communication" and _table_exists(table):
				frappe.db.delete(table, {doctype_column: doctype, name_column: ("in", names)})
		queue = frappe.qb.DocType("Email Queue")
		recipient = frappe.qb.DocType("Email Queue Recipient")
		frappe.qb.from_(recipient).delete().where(
			recipient.parent.notin(frappe.qb.from_(queue).select(queue.name))
		).run()
		route = frappe.qb.DocType("Route History")
		slug = frappe.scrub(doctype).replace("_", "-")
		for name in names:
			prefix = f"app/{slug}/{name}"
			frappe.qb.from_(route).delete().where(
				(route.route == prefix) | route.route.like(like_escape(f"{prefix}/")[1:])
			).run()
		for name in names:
			delete_for_document(frappe._dict(doctype=doctype, name=name))
			if frappe.get_meta(doctype).has_field("_comments") or frappe.db.has_column(doctype, "_comments"):
				frappe.db.set_value(doctype, name, "_comments", None, update_modified=False)


def _forget_files(doctype: str, names: list[str]) -> None:
	# Files first: removing one leaves an "attachment removed" comment, deleted with the comments.
	files = frappe.get_all(
		"File", {"attached_to_doctype": doctype, "attached_to_name": ("in", names)}, pluck="name"
	)
	for file in files:
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)  # removes it from the disk
	if files:
		frappe.db.delete("Deleted Document", {"deleted_doctype": "File", "deleted_name": ("in", files)})


# --- Mentions anywhere in Frappe's tables ------------------------------------------------------------


def forget_mentions(replacements: dict[str, str], app_doctypes: tuple[str, ...] = ()) -> None:
	"""Remove every mention of the keys of ``replacements`` (a full name, an e-mail, a phone) from
	Frappe's tables and ``app_doctypes``: log rows go, working rows get the value (the anonymous
	label) instead."""
	pairs = {
		spelling: label
		for value, label in replacements.items()
		if value and len(value.strip()) >= SHORTEST
		for spelling in spellings(value.strip())
	}
	if not pairs:
		return
	spelled = sorted(pairs, key=len, reverse=True)
	for doctype in LOG_DOCTYPES:
		if not _table_exists(doctype):
			continue
		table = frappe.qb.DocType(doctype)
		columns = text_columns(doctype)
		if columns:
			holding = mentioning(table, columns, spelled)
			names = frappe.qb.from_(table).select(table.name).where(holding).run(pluck=True)
			_delete_rows(doctype, names)
	for doctype in (*WORKING_DOCTYPES, *app_doctypes):
		if _table_exists(doctype):
			_replace_in(doctype, pairs, spelled)


def _delete_rows(doctype: str, names: list[str]) -> None:
	if not names:
		return
	if doctype == "Email Queue":
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})


def _replace_in(doctype: str, pairs: dict[str, str], spelled: list[str]) -> None:
	"""One scan of the table for all its text columns; each row found is rewritten where it names them."""
	columns = text_columns(doctype)
	if not columns:
		return
	table = frappe.qb.DocType(doctype)
	holding = mentioning(table, columns, spelled)
	rows = (
		frappe.qb.from_(table)
		.select(table.name, *(table[c] for c in columns))
		.where(holding)
		.run(as_dict=True)
	)
	ordered = sorted(pairs.items(), key=lambda p: -len(p[0]))
	for row in rows:
		changes = {}
		for column in columns:
			text = row[column]
			if not isinstance(text, str):
				continue
			new = text
			for spelling, label in ordered:
				new = _replace_any_case(new, spelling, label)
			if new != text:
				changes[column] = new
		if changes:
			update = frappe.qb.update(table).where(table.name == row.name)
			for column, value in changes.items():
				update = update.set(table[column], value)
			update.run()


def _replace_any_case(text: str, value: str, label: str) -> str:
	"""Replace ``value`` in ``text`` whatever its case (LIKE found it case-insensitively)."""
	lowered, target = text.lower(), value.lower()
	out, start = [], 0
	while (i := lowered.find(target, start)) >= 0:
		out += [text[start:i], label]
		start = i + len(value)
	return "".join(out) + text[start:]


# --- The person's portal user ---------------------------------------------------------------------


def is_programme_only_user(user: str) -> bool:
	if not user or user in ("Administrator", "Guest") or not frappe.db.exists("User", user):
		return False
	return set(frappe.get_roles(user)) <= PORTAL_ONLY_ROLES


def forget_user(user: str, label: str) -> str | None:
	"""Anonymise a portal user that exists only for the programme; return its new name."""
	if not is_programme_only_user(user):
		return None
	from frappe.sessions import clear_sessions

	clear_sessions(user, force=True)
	for contact in frappe.get_all("Contact", {"user": user}, pluck="name"):
		if not frappe.db.exists("Dynamic Link", {"parenttype": "Contact", "parent": contact}):
			frappe.delete_doc("Contact", contact, ignore_permissions=True, force=True)
			frappe.db.delete("Deleted Document", {"deleted_doctype": "Contact", "deleted_name": contact})
	if frappe.db.exists("Notification Settings", user):  # the user's preferences, named after them
		frappe.delete_doc("Notification Settings", user, ignore_permissions=True, force=True)
		frappe.db.delete(
			"Deleted Document", {"deleted_doctype": "Notification Settings", "deleted_name": user}
		)
	frappe.db.delete("DefaultValue", {"parent": user})  # the user's own defaults
	settings = frappe.qb.Table("__UserSettings")
	frappe.qb.from_(settings).delete().where(settings.user == user).run()
	new_name = f"{frappe.generate_hash(length=12)}@anonymised.invalid"
	from frappe.model.rename_doc import rename_doc

	rename_doc("User", user, new_name, force=True, show_alert=False, ignore_permissions=True)
	cleared = ("middle_name", "last_name", "phone", "mobile_no", "location", "bio", "birth_date", "gender")
	frappe.db.set_value(
		"User",
		new_name,
		{
			"first_name": label,
			"full_name": label,
			"username": None,
			"user_image": None,
			"enabled": 0,
			**dict.fromkeys(c for c in cleared if frappe.db.has_column("User", c)),
		},
		update_modified=False,
	)
	frappe.db.delete("Version", {"ref_doctype": "User", "docname": ("in", [user, new_name])})
	frappe.db.delete("Deleted Document", {"deleted_doctype": "User", "deleted_name": user})
	frappe.clear_cache(user=new_name)
	return new_name
