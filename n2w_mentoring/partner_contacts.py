"""A partner organisation's contacts, added from the organisation itself (typed in its form or
imported with it through Data Import, docs/import.md).

Each line of the organisation's *Contacts to add* becomes a Frappe Contact with a Dynamic Link to the
organisation — the link through which the partner page and the portal find a partner's contacts. The
lines are not kept: the Contact holds the person's details.

Programme staff hold no right on Contact, which the host's CRM shares: they reach only the contacts of
the organisations they may write, and a Contact of the site that the organisation does not hold is
never taken over (its e-mail refuses the line). A contact the organisation already holds, found by
e-mail, is left as it is: saving or importing the same lines again adds nothing.
"""

import frappe
from frappe import _
from frappe.utils import validate_email_address

from n2w_mentoring.exceptions import PartnerContactError
from n2w_mentoring.programme.importing import normalise_email, repeated_emails

TABLE = "new_contacts"
LINK_DOCTYPE = "Partner Organisation"


def check_new_contacts(organisation):
	"""Every line is complete and new to the site, or already a contact of this organisation."""
	rows = organisation.get(TABLE) or []
	if not rows:
		return
	for row in rows:
		if not (row.first_name or "").strip():
			frappe.throw(
				_("Row {0} of the contacts to add: give the contact's first name.").format(row.idx),
				exc=PartnerContactError,
				title=_("First name missing"),
			)
		if not validate_email_address((row.email_id or "").strip()):
			frappe.throw(
				_("Row {0} of the contacts to add: {1} is not a valid e-mail address.").format(
					row.idx, row.email_id or ""
				),
				exc=PartnerContactError,
				title=_("Invalid e-mail"),
			)
	repeated = repeated_emails(row.email_id for row in rows)
	if repeated:
		frappe.throw(
			_("The contacts to add give the e-mail {0} more than once.").format(", ".join(repeated)),
			exc=PartnerContactError,
			title=_("Contact given twice"),
		)
	held = contacts_of(organisation.name) if not organisation.is_new() else {}
	for row in rows:
		email = normalise_email(row.email_id)
		if email in held:
			continue
		if contacts_with_email(email):
			frappe.throw(
				_(
					"Row {0} of the contacts to add: the site already has a contact with the e-mail {1}, "
					"not linked to this organisation. A System Manager can link it from the Contact."
				).format(row.idx, row.email_id),
				exc=PartnerContactError,
				title=_("Contact already in the site"),
			)


def take_new_contacts(organisation):
	"""The lines to add, taken off the organisation before it is saved (they are not stored)."""
	rows = [row.as_dict() for row in organisation.get(TABLE) or []]
	organisation.set(TABLE, [])
	organisation.flags.new_contacts = rows


def add_new_contacts(organisation):
	"""A Contact for each line the organisation does not hold yet (the organisation was saved: the
	user may write it)."""
	rows = organisation.flags.new_contacts or []
	organisation.flags.new_contacts = None
	if not rows:
		return
	held = contacts_of(organisation.name)
	for row in rows:
		if normalise_email(row.email_id) in held:
			continue
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": (row.first_name or "").strip(),
				"last_name": (row.last_name or "").strip(),
				"designation": row.designation,
				"company_name": organisation.organisation_name,
				"email_ids": [{"email_id": row.email_id.strip(), "is_primary": 1}],
				"phone_nos": [{"phone": row.phone, "is_primary_phone": 1}] if row.phone else [],
				"links": [{"link_doctype": LINK_DOCTYPE, "link_name": organisation.name}],
			}
		)
		# Staff hold no right on Contact: this one is made for an organisation they may write.
		contact.insert(ignore_permissions=True)


def contacts_of(organisation: str) -> dict[str, str]:
	"""E-mail -> Contact, for the contacts linked to the organisation."""
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	email = frappe.qb.DocType("Contact Email")
	rows = (
		frappe.qb.from_(link)
		.join(contact)
		.on(link.parent == contact.name)
		.join(email)
		.on((email.parent == contact.name) & (email.parenttype == "Contact"))
		.select(email.email_id, contact.name)
		.where(
			(link.parenttype == "Contact")
			& (link.link_doctype == LINK_DOCTYPE)
			& (link.link_name == organisation)
		)
		.run(as_dict=True)
	)
	return {normalise_email(r.email_id): r.name for r in rows}


def contacts_with_email(email: str) -> list[str]:
	"""The site's Contacts holding this e-mail (called for an organisation the user may write; only
	whether there is one is told)."""
	return frappe.get_all(
		"Contact Email", filters={"email_id": email, "parenttype": "Contact"}, pluck="parent"
	)


def remove_imported_contacts(organisation: str):
	"""Undoing an organisation's import: its contacts that nothing else holds (no other link, no
	portal user) go with it; any other keeps the organisation, and the undo says so."""
	for name in set(contacts_of(organisation).values()):
		links = frappe.get_all(
			"Dynamic Link",
			filters={"parenttype": "Contact", "parent": name},
			fields=["link_doctype", "link_name"],
		)
		if frappe.db.get_value("Contact", name, "user"):
			continue
		if all((link.link_doctype, link.link_name) == (LINK_DOCTYPE, organisation) for link in links):
			frappe.delete_doc("Contact", name, ignore_permissions=True, force=True)
			frappe.db.delete("Version", {"ref_doctype": "Contact", "docname": name})
