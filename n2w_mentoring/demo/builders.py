"""Small builders for people, duos and meetings, shared by the demo data and the tests.

Each builder runs as the current user (permissions apply) and, where a natural key exists (an
e-mail address, an organisation's name, a mentee-mentor pair), returns the existing record instead
of making a second one, so that running the demo twice duplicates nothing.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import cint, getdate, today
from frappe.utils.password import update_password

from n2w_mentoring.mentoring.doctype.mentee_protected_data.mentee_protected_data import (
	PROTECTED_FIELDS,
	save_protected_data,
)
from n2w_mentoring.network import centre_identity


def make_user(email: str, first_name: str, last_name: str = "", roles=(), password: str | None = None) -> str:
	check_a_system_manager_remains(email, roles)
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"last_name": last_name,
				"send_welcome_email": 0,
				"language": "fr",
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	missing = [r for r in roles if r not in {d.role for d in user.roles}]
	if missing:
		user.add_roles(*missing)
	if password:
		update_password(email, password)
	return email


def check_a_system_manager_remains(email: str, roles) -> None:
	"""Frappe makes a desk user System Manager, the next time it is saved, when the site is past its
	setup and no other enabled user is one (User.add_system_manager_role): a coordinator made that
	way could import users. A desk user is made only once the site has its own System Manager."""
	if "System Manager" in roles or not cint(frappe.db.get_single_value("System Settings", "setup_complete")):
		return
	if not frappe.get_all("Role", filters={"name": ("in", list(roles) or [""]), "desk_access": 1}, limit=1):
		return
	probe = frappe.new_doc("User")
	probe.name = email
	if not probe.get_other_system_managers():
		frappe.throw(
			_(
				"The site has no System Manager other than Administrator, so Frappe would make {0} one. "
				"Give a person of the site the System Manager role first."
			).format(email),
			exc=frappe.PermissionError,
			title=_("No System Manager"),
		)


def make_partner_organisation(name: str, organisation_type: str = "Private", **fields) -> str:
	if not frappe.db.exists("Partner Organisation", name):
		frappe.get_doc(
			{
				"doctype": "Partner Organisation",
				"organisation_name": name,
				"organisation_type": organisation_type,
				**fields,
			}
		).insert()
	return name


def make_partner_contact(organisation: str, email: str, first_name: str, last_name: str = "", password=None):
	"""A Frappe Contact linked to the organisation, with a portal user."""
	user = make_user(email, first_name, last_name, ["Partner Organisation Contact"], password)
	contact_name = frappe.db.get_value("Contact", {"user": user}, "name")
	if not contact_name:
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": first_name,
				"last_name": last_name,
				"user": user,
				"email_ids": [{"email_id": email, "is_primary": 1}],
				"links": [{"link_doctype": "Partner Organisation", "link_name": organisation}],
			}
		)
		contact.insert(ignore_permissions=True)
		contact_name = contact.name
	return user


def _person(doctype: str, email: str | None, values: dict) -> str:
	if email and (existing := frappe.db.get_value(doctype, {"email": email}, "name")):
		return existing
	return frappe.get_doc({"doctype": doctype, "email": email, **values}).insert().name


def consent(on: date | str | None = None) -> dict:
	return {
		"consent_given": 1,
		"consent_date": on or today(),
		"consent_notice_version": centre_identity().notice_version or "1",
	}


def make_mentor(
	first_name: str,
	last_name: str,
	email: str | None = None,
	organisation: str | None = None,
	trained: bool = True,
	capacity: int = 1,
	user: str | None = None,
	**fields,
) -> str:
	values = {
		"first_name": first_name,
		"last_name": last_name,
		"partner_organisation": organisation,
		"capacity": capacity,
		"training_completed": 1 if trained else 0,
		"training_date": today() if trained else None,
		"status": "Available" if trained else "Applicant",
		"user": user,
		**consent(),
		**fields,
	}
	return _person("Mentor", email, values)


def make_mentee(
	first_name: str,
	last_name: str,
	email: str | None = None,
	with_consent: bool = True,
	user: str | None = None,
	status: str = "Waiting for match",
	**fields,
) -> str:
	"""A mentee; special-category fields given here (residence_status=..., personal_story=...) go to
	their Mentee Protected Data record."""
	protected = {k: fields.pop(k) for k in PROTECTED_FIELDS if k in fields}
	values = {
		"first_name": first_name,
		"last_name": last_name,
		"status": status,
		"user": user,
		"intake_date": fields.pop("intake_date", today()),
		**(consent() if with_consent else {}),
		**fields,
	}
	name = _person("Mentee", email, values)
	if not frappe.db.exists("Mentee Protected Data", name):
		save_protected_data(name, protected)
	return name


def propose_duo(mentee: str, mentor: str, proposed_on: date | str | None = None, **fields):
	existing = frappe.db.get_value("Duo", {"mentee": mentee, "mentor": mentor}, "name")
	if existing:
		return frappe.get_doc("Duo", existing)
	return frappe.get_doc(
		{
			"doctype": "Duo",
			"mentee": mentee,
			"mentor": mentor,
			"proposed_on": proposed_on or today(),
			**fields,
		}
	).insert()


def act(duo, action: str):
	"""Take a workflow action on a duo, as the current user; "Accept" first records both agreements."""
	name = duo.name if hasattr(duo, "name") else duo
	if action == "Accept":
		record_agreement(name)
	return apply_workflow(frappe.get_doc("Duo", name), action)


def record_agreement(duo: str, on: date | str | None = None):
	"""Record that the mentor and the mentee both agreed to the proposed duo."""
	doc = frappe.get_doc("Duo", duo)
	if not (doc.mentor_agreed_on and doc.mentee_agreed_on):
		doc.mentor_agreed_on = doc.mentor_agreed_on or on or doc.proposed_on or today()
		doc.mentee_agreed_on = doc.mentee_agreed_on or on or doc.proposed_on or today()
		doc.save()
	return doc


def make_convention(duo: str, signed_on: date | str | None = None, submit: bool = True):
	"""The duo's convention, every party signed on ``signed_on`` (left unsigned when None)."""
	name = frappe.db.get_value("Convention", {"duo": duo, "docstatus": ("<", 2)}, "name")
	if name:
		convention = frappe.get_doc("Convention", name)
	else:
		convention = frappe.get_doc({"doctype": "Convention", "duo": duo}).insert()
	if signed_on and convention.docstatus == 0:
		for row in convention.signatories:
			row.signed_on = row.signed_on or getdate(signed_on)
			row.signature_method = row.signature_method or "On paper"
		convention.save()
	if submit and signed_on and convention.docstatus == 0:
		convention.submit()
	return convention


def start_duo(mentee: str, mentor: str, signed_on: date | str, **fields):
	"""A duo taken from Proposed to Active: accepted, convention signed on ``signed_on``."""
	duo = propose_duo(mentee, mentor, proposed_on=fields.pop("proposed_on", signed_on), **fields)
	if duo.status == "Proposed":
		duo = act(duo, "Accept")
	if duo.status == "Accepted":
		make_convention(duo.name, signed_on)
	return frappe.get_doc("Duo", duo.name)


def make_action_plan(duo: str, objectives: list[dict], agreed_on=None):
	existing = frappe.db.get_value("Action Plan", {"duo": duo}, "name")
	if existing:
		return frappe.get_doc("Action Plan", existing)
	return frappe.get_doc(
		{"doctype": "Action Plan", "duo": duo, "agreed_on": agreed_on or today(), "objectives": objectives}
	).insert()


def log_meeting(
	duo: str, meeting_date, duration_minutes: int = 60, status: str = "Held", kind: str = "Meeting", **fields
):
	return frappe.get_doc(
		{
			"doctype": "Meeting",
			"duo": duo,
			"meeting_date": meeting_date,
			"duration_minutes": duration_minutes,
			"status": status,
			"kind": kind,
			**fields,
		}
	).insert()


# --- Running the programme: training, network events, check-ins ---------------------------------


def make_training_session(session_date, trainer: str, attendees=(), **fields):
	"""A mentor training session; ``attendees``: (mentor, status) pairs. One per date and trainer."""
	name = frappe.db.get_value(
		"Mentor Training Session", {"session_date": session_date, "trainer": trainer}, "name"
	)
	if name:
		return frappe.get_doc("Mentor Training Session", name)
	return frappe.get_doc(
		{
			"doctype": "Mentor Training Session",
			"session_date": session_date,
			"trainer": trainer,
			"attendees": [{"mentor": mentor, "status": status} for mentor, status in attendees],
			**fields,
		}
	).insert()


def make_network_event(theme: str, event_date, participants=(), **fields):
	"""A network event; ``participants``: (party type, party, status). One per theme and date."""
	name = frappe.db.get_value("Network Event", {"theme": theme, "event_date": event_date}, "name")
	if name:
		return frappe.get_doc("Network Event", name)
	return frappe.get_doc(
		{
			"doctype": "Network Event",
			"theme": theme,
			"event_date": event_date,
			"participants": [
				{"party_type": party_type, "party": party, "status": status}
				for party_type, party, status in participants
			],
			**fields,
		}
	).insert()


def make_check_in(duo: str, checkin_date, notes: str = "", concerns: bool = False, **fields):
	"""The coordinator's check-in with a duo. One per duo and date."""
	name = frappe.db.get_value("Duo Check-in", {"duo": duo, "checkin_date": checkin_date}, "name")
	if name:
		return frappe.get_doc("Duo Check-in", name)
	return frappe.get_doc(
		{
			"doctype": "Duo Check-in",
			"duo": duo,
			"checkin_date": checkin_date,
			"notes": notes,
			"concerns": 1 if concerns else 0,
			**fields,
		}
	).insert()


# --- The network: centres, programmes, staff restricted to a centre ---------------------------------


def make_centre(name: str, **fields) -> str:
	if not frappe.db.exists("Mentoring Centre", name):
		frappe.get_doc({"doctype": "Mentoring Centre", "centre_name": name, **fields}).insert()
	return name


def make_programme(name: str, centre: str, **values) -> str:
	"""A programme of ``centre`` with the convention's terms the app installs, unless given."""
	from n2w_mentoring.setup.install import DEFAULT_TERMS

	if not frappe.db.exists("Mentoring Programme", name):
		frappe.get_doc(
			{
				"doctype": "Mentoring Programme",
				"programme_name": name,
				"centre": centre,
				**DEFAULT_TERMS,
				**values,
			}
		).insert()
	return name


def restrict_to_centre(user: str, centre: str) -> None:
	"""Frappe's own User Permission: the staff user sees the centre's records only."""
	if not frappe.db.exists(
		"User Permission", {"user": user, "allow": "Mentoring Centre", "for_value": centre}
	):
		frappe.get_doc(
			{"doctype": "User Permission", "user": user, "allow": "Mentoring Centre", "for_value": centre}
		).insert(ignore_permissions=True)
