"""Sharing and assignment never open a mentoring record to someone the rules refuse; files
attached to mentoring records are private (both ``doc_events``)."""

from __future__ import annotations

from pathlib import Path

import frappe
from frappe import _

from n2w_mentoring.data_protection.scope import MENTORING_DOCTYPES
from n2w_mentoring.exceptions import PrivacyError
from n2w_mentoring.permissions import is_staff


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
