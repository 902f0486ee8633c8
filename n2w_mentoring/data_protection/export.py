"""A person's data, whole: every record, child row, file, comment, communication and version about
them, as JSON or as a readable PDF (GDPR art. 15 and 20)."""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import now_datetime

from n2w_mentoring.data_protection.scope import check_manager, check_person, related_records


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
	check_manager()
	check_person(doctype, name)
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
