"""Closing two read paths that Frappe v15 leaves open on mentoring records.

- ``frappe.client.get_count`` counts with no permission check at all: any logged-in user could count
  mentees by residence status. For the app's DocTypes it is replaced by a count that applies the
  role permissions and the record rules; every other DocType keeps Frappe's behaviour.
- Filters, ordering and grouping on a field above the user's permission level are not refused by
  Frappe's list queries: filtering a list of mentees on residence status would reveal it row by row.
  A ``before_request`` guard refuses such queries on the app's DocTypes to anyone but programme staff.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import frappe
from frappe import _

from n2w_mentoring.permissions import is_staff
from n2w_mentoring.privacy import MENTORING_DOCTYPES

QUERY_KEYS = (
	"filters",
	"or_filters",
	"order_by",
	"sort_by",
	"sort_order",
	"group_by",
	"fields",
	"fieldname",
	"field",
	"aggregate_on_field",
	"aggregate_on",
)


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	if doctype not in MENTORING_DOCTYPES:
		from frappe.client import get_count as frappe_get_count

		return frappe_get_count(doctype, filters=filters, debug=debug, cache=cache)
	if not frappe.has_permission(doctype, "read"):
		raise frappe.PermissionError(_("No permission for {0}").format(_(doctype)))
	guard_fields(doctype, {"filters": filters})
	return len(frappe.get_list(doctype, filters=frappe.parse_json(filters) or None, pluck="name", limit=0))


def protected_fields(doctype: str) -> set[str]:
	return {df.fieldname for df in frappe.get_meta(doctype).fields if (df.permlevel or 0) > 0}


def guard_fields(doctype: str, query: dict) -> None:
	"""Refuse a query on ``doctype`` that names a field above the user's permission level."""
	protected = protected_fields(doctype)
	if not protected or is_staff():
		return
	text = " ".join(str(query.get(key) or "") for key in QUERY_KEYS)
	named = sorted(field for field in protected if re.search(rf"\b{re.escape(field)}\b", text))
	if named:
		frappe.throw(
			_("You may not query the protected field {0}.").format(", ".join(named)),
			exc=frappe.PermissionError,
			title=_("Not permitted"),
		)


def guard_protected_queries():
	"""before_request: list, count and report queries on the app's DocTypes keep to permitted fields."""
	request = frappe.local.request
	form = frappe.local.form_dict
	doctype = form.get("doctype")
	if not doctype and request and request.path.startswith("/api/resource/"):
		doctype = unquote(request.path.split("/")[3]) if len(request.path.split("/")) > 3 else None
	if doctype not in MENTORING_DOCTYPES:
		return
	if frappe.session.user == "Guest" and frappe.get_request_header("Authorization"):
		from frappe.auth import validate_auth

		validate_auth()  # token and API-key logins are known only after this
	guard_fields(doctype, form)
