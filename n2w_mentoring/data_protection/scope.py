"""What the app holds, and what of it concerns a person."""

from __future__ import annotations

import json
from pathlib import Path

import frappe
from frappe import _

from n2w_mentoring.exceptions import PrivacyError

APP = Path(__file__).resolve().parent.parent


def _app_doctypes(tables: bool = False) -> tuple[str, ...]:
	"""The DocTypes the app ships (child tables too if ``tables``), read from its JSON files."""
	names = []
	for path in sorted((APP / "mentoring" / "doctype").glob("*/*.json")):
		meta = json.loads(path.read_text())
		if meta.get("doctype") == "DocType" and (tables or not meta.get("istable")):
			names.append(meta["name"])
	return tuple(names)


MENTORING_DOCTYPES = _app_doctypes()
# Every table of the app, child tables included, but Singles.
APP_TABLES = tuple(n for n in _app_doctypes(tables=True) if n != "Mentoring Settings")
PERSON_DOCTYPES = ("Mentee", "Mentor")
DUO_CHILDREN = ("Meeting", "Convention", "Action Plan")
MANAGER = "Mentoring Manager"
# A mentee's special-category data, one record per mentee named after it (deleted on erasure).
PROTECTED = "Mentee Protected Data"


def check_manager():
	if not (frappe.session.user == "Administrator" or MANAGER in frappe.get_roles()):
		frappe.throw(_("Only a Mentoring Manager can do this."), exc=frappe.PermissionError)


def check_person(doctype: str, name: str):
	if doctype not in PERSON_DOCTYPES:
		frappe.throw(_("{0} is not a person of the programme.").format(doctype), exc=PrivacyError)
	if not frappe.db.exists(doctype, name):
		frappe.throw(_("{0} {1} does not exist.").format(_(doctype), name), exc=frappe.DoesNotExistError)
	# A manager restricted to some centres of the network reaches their centres' people only.
	frappe.has_permission(doctype, "read", doc=name, throw=True)


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
