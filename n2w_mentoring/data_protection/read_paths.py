"""Closing the read paths that Frappe v15 leaves open.

- ``frappe.client.get_count`` counts with no permission check at all: any logged-in user could count
  the rows of any DocType, Version included, one guess at a time. It is replaced, for every DocType,
  by a count of what ``frappe.get_list`` lets the caller list: role permissions, user permissions,
  shares and the record rules all apply.
- ``frappe.desk.search.get_link_title`` returns a record's title to anyone who knows its name, and
  ``frappe.desk.form.linked_with.get_submitted_linked_docs`` the submitted documents linked to it
  (it checks the permission but ignores the answer). Both are replaced by ones that first check that
  the caller may read the record.
- Special-category data has its own DocType (Mentee Protected Data) that only programme staff may
  read, so no filter can reach it. Two fields stay above permission level 0 on the app's DocTypes:
  the mentors excluded for a mentee (a table) and the coordinator's notes on a mentor. Frappe's list
  queries do not refuse a filter, an ordering or a grouping on a field above the user's level, so a
  ``before_request`` guard refuses such queries on the app's DocTypes to anyone but programme staff.
  It reads the query as Frappe will (JSON decoded, any case) on every list path: ``/api/resource``,
  ``/api/v1/resource``, ``/api/v2/document`` and ``/api/v2/doctype``, and the whitelisted methods.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import frappe
from frappe import _

from n2w_mentoring.data_protection.scope import APP_TABLES, MENTORING_DOCTYPES
from n2w_mentoring.permissions import is_staff, staff_centres

# The request arguments that name the DocType a list method reads.
DOCTYPE_KEYS = ("doctype", "dt", "ref_doctype", "reference_doctype", "parent", "parent_doctype")
APP_CHILD_TABLES = tuple(sorted(set(APP_TABLES) - set(MENTORING_DOCTYPES)))
# The request arguments that name one document.
NAME_KEYS = ("name", "docname", "dn")
# The request arguments that make up a list query.
QUERY_KEYS = (
	"filters",
	"or_filters",
	"current_filters",
	"order_by",
	"sort_by",
	"sort_order",
	"group_by",
	"fields",
	"fieldname",
	"field",
	"aggregate_on_field",
	"aggregate_on",
	"pluck",
)
# Path prefixes of Frappe's REST list APIs, each followed by the DocType.
REST_PREFIXES = (
	("api", "resource"),
	("api", "v1", "resource"),
	("api", "v2", "document"),
	("api", "v2", "doctype"),
)


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""What ``frappe.get_list`` would let the caller count, for every DocType (it refuses the rest)."""
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	guard_fields(doctype, {"filters": filters})
	rows = frappe.get_list(doctype, filters=filters or None, fields=["count(*) as count"], order_by=None)
	return rows[0].count if rows else 0


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""The title shown for a link, only to someone who may read (or select) the linked record.

	Anyone else gets nothing, as for a record that does not exist: the desk then shows the name, and
	the answer tells no one whether the record exists."""
	if not frappe.db.exists(doctype, docname):
		return None
	if not (
		frappe.has_permission(doctype, "read", doc=docname)
		or frappe.has_permission(doctype, "select", doc=docname)
	):
		return None
	from frappe.desk.search import get_link_title as frappe_get_link_title

	return frappe_get_link_title(doctype, docname)


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str):
	"""The submitted documents linked to a record, only to someone who may read the record (Frappe
	checks the permission but ignores the answer)."""
	if not frappe.db.exists(doctype, name) or not frappe.has_permission(doctype, "read", doc=name):
		raise frappe.PermissionError(_("No permission for {0}").format(_(doctype)))
	from frappe.desk.form.linked_with import get_submitted_linked_docs as frappe_get_submitted_linked_docs

	return frappe_get_submitted_linked_docs(doctype, name)


@frappe.whitelist()
def getdoc(doctype: str, name: str, user=None):
	"""The form's document and its side information, the history without the values of fields above
	the user's level (Frappe strips them from the document, not from its Version rows)."""
	from frappe.desk.form.load import getdoc as frappe_getdoc

	frappe_getdoc(doctype, name, user)
	strip_history(doctype)


@frappe.whitelist()
def get_docinfo(doc=None, doctype: str | None = None, name: str | None = None):
	from frappe.desk.form.load import get_docinfo as frappe_get_docinfo

	frappe_get_docinfo(doc, doctype, name)
	strip_history(doctype or doc.doctype)


def hidden_fields(doctype: str) -> set[str]:
	"""Fields (and tables) of ``doctype`` above the levels the user may read."""
	meta = frappe.get_meta(doctype)
	levels = meta.get_permlevel_access("read")
	return {df.fieldname for df in meta.fields if (df.permlevel or 0) > 0 and df.permlevel not in levels}


def strip_history(doctype: str) -> None:
	docinfo = frappe.response.get("docinfo")
	if not docinfo or doctype not in MENTORING_DOCTYPES or is_staff():
		return
	hidden = hidden_fields(doctype)
	if not hidden:
		return
	for version in docinfo.get("versions") or []:
		try:
			data = json.loads(version.get("data") or "{}")
		except ValueError:
			continue
		for key in ("changed", "added", "removed", "row_changed"):
			if isinstance(data.get(key), list):
				data[key] = [entry for entry in data[key] if not (entry and entry[0] in hidden)]
		version["data"] = json.dumps(data)


def protected_names(doctype: str) -> set[str]:
	"""The fields above level 0 of ``doctype``, and the child DocTypes of its tables above level 0."""
	names = set()
	for df in frappe.get_meta(doctype).fields:
		if (df.permlevel or 0) > 0:
			names.add(df.fieldname.lower())
			if df.fieldtype in frappe.model.table_fields and df.options:
				names.add(df.options.lower())
	return names


def _as_text(value) -> str:
	"""The query argument as Frappe will read it: URL- and JSON-decoded, in lower case."""
	if value is None:
		return ""
	if isinstance(value, str):
		value = unquote(value)
		try:
			value = json.loads(value)
		except ValueError:
			return value.lower()
	return json.dumps(value, ensure_ascii=False, default=str).lower()


def guard_fields(doctype: str, query: dict) -> None:
	"""Refuse a query on ``doctype`` that names a field above the user's permission level."""
	if doctype not in MENTORING_DOCTYPES or is_staff():
		return
	protected = protected_names(doctype)
	if not protected:
		return
	text = " ".join(_as_text(query.get(key)) for key in QUERY_KEYS)
	named = sorted(
		name for name in protected if re.search(rf"(?<![a-z0-9_]){re.escape(name)}(?![a-z0-9_])", text)
	)
	if named:
		frappe.throw(
			_("You may not query the protected field {0}.").format(", ".join(named)),
			exc=frappe.PermissionError,
			title=_("Not permitted"),
		)


def _rest_path() -> tuple[str, ...]:
	"""What follows a REST prefix in the request's path (DocType, then name), or nothing."""
	request = frappe.local.request
	if request:
		parts = tuple(unquote(p) for p in request.path.strip("/").split("/"))
		for prefix in REST_PREFIXES:
			if parts[: len(prefix)] == prefix:
				return parts[len(prefix) :]
	return ()


def _doctypes_of_request() -> set[str]:
	"""The app's DocTypes and child tables a request names, in its arguments or its REST path."""
	form = frappe.local.form_dict
	doctypes = {form.get(key) for key in DOCTYPE_KEYS if isinstance(form.get(key), str)}
	doctypes.update(_rest_path()[:1])
	return doctypes & (set(MENTORING_DOCTYPES) | set(APP_CHILD_TABLES))


def _requested_names() -> set[str]:
	"""The document names a request reads: its name arguments, and the REST path's last part."""
	form = frappe.local.form_dict
	names = {form.get(key) for key in NAME_KEYS if isinstance(form.get(key), str)}
	names.update(_rest_path()[1:2])
	return {n for n in names if n}


def guard_child_rows(doctypes: set[str]) -> None:
	"""A row of an app child table, asked for by its own name, is read only by who may read its parent
	(and the table's level in it): Frappe checks the parent DocType only, not the parent record."""
	for doctype in doctypes & set(APP_CHILD_TABLES):
		for name in _requested_names():
			row = frappe.db.get_value(doctype, name, ["parent", "parenttype", "parentfield"], as_dict=True)
			if not row:
				continue
			meta = frappe.get_meta(row.parenttype)
			field = meta.get_field(row.parentfield)
			level = (field.permlevel or 0) if field else 0
			if not frappe.has_permission(row.parenttype, "read", doc=row.parent) or (
				level and level not in meta.get_permlevel_access("read")
			):
				raise frappe.PermissionError(_("No permission for {0}").format(_(doctype)))


def guard_protected_queries():
	"""before_request: queries on the app's DocTypes keep to permitted fields; a child row is read
	only through a parent the user may read."""
	form = frappe.local.form_dict
	doctypes = _doctypes_of_request()
	if not doctypes:
		return
	if frappe.session.user == "Guest" and frappe.get_request_header("Authorization"):
		from frappe.auth import validate_auth

		validate_auth()  # token and API-key logins are known only after this
	if is_staff():
		# Staff read every field; staff restricted to some centres read the rows of their records only.
		if staff_centres(frappe.session.user) is not None:
			guard_child_rows(doctypes)
		return
	for doctype in doctypes & set(MENTORING_DOCTYPES):
		guard_fields(doctype, form)
	guard_child_rows(doctypes)
