"""Who sees which mentoring record, written once per DocType as a pair that cannot drift apart.

For each DocType, ``*_query`` (the ``permission_query_conditions`` hook, used by lists, reports,
counts and link searches) and ``has_*_permission`` (the ``has_permission`` hook, used for a single
document) come from the same rule:

- programme staff (Mentoring Manager, Mentoring Coordinator) and Administrator see everything their
  role permissions allow;
- a Mentor or a Mentee sees their own duos, and what hangs off them: meetings, convention, action
  plan, and the other party's profile while the duo is not declined or cancelled;
- a Partner Organisation Contact sees their organisation and the mentors it employs, never a duo
  or a mentee;
- anyone else sees nothing (role permissions already refuse them; the hooks refuse too).

Both hooks return an explicit answer. The SQL conditions escape every value with ``frappe.db.escape``.
"""

from __future__ import annotations

import frappe

STAFF_ROLES = {"Mentoring Manager", "Mentoring Coordinator"}
MENTOR, MENTEE, PARTNER = "Mentor", "Mentee", "Partner Organisation Contact"
HIDDEN_DUO_STATES = ("Declined", "Cancelled")
NOTHING = "1=0"


def _user(user: str | None) -> str:
	return user or frappe.session.user


def is_staff(user: str | None = None) -> bool:
	user = _user(user)
	return user == "Administrator" or bool(STAFF_ROLES.intersection(frappe.get_roles(user)))


def _has_role(user: str, role: str) -> bool:
	return role in frappe.get_roles(user)


# --- The user's own people, read without permission checks on purpose: they are the basis of them.


def mentors_of(user: str) -> list[str]:
	if not _has_role(user, MENTOR):
		return []
	return frappe.get_all("Mentor", {"user": user}, pluck="name")


def mentees_of(user: str) -> list[str]:
	if not _has_role(user, MENTEE):
		return []
	return frappe.get_all("Mentee", {"user": user}, pluck="name")


def organisations_of(user: str) -> list[str]:
	"""Partner organisations linked to the Contact whose user this is."""
	if not _has_role(user, PARTNER):
		return []
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	rows = (
		frappe.qb.from_(link)
		.join(contact)
		.on(link.parent == contact.name)
		.select(link.link_name)
		.where(
			(link.parenttype == "Contact")
			& (link.link_doctype == "Partner Organisation")
			& (contact.user == user)
		)
		.distinct()
		.run(pluck=True)
	)
	return list(rows)


# --- SQL building blocks ------------------------------------------------------------------------


def _in(column: str, values: list[str]) -> str:
	if not values:
		return NOTHING
	return f"{column} in ({', '.join(frappe.db.escape(v) for v in values)})"


def _any(*conditions: str) -> str:
	real = [c for c in conditions if c != NOTHING]
	return "(" + " or ".join(real) + ")" if real else NOTHING


def _duo_condition(user: str, table: str = "`tabDuo`") -> str:
	return _any(_in(f"{table}.mentor", mentors_of(user)), _in(f"{table}.mentee", mentees_of(user)))


def _duos_subquery(user: str, column: str = "name", visible_only: bool = False) -> str:
	condition = _duo_condition(user, "`tabDuo`")
	if condition == NOTHING:
		return ""
	if visible_only:
		states = ", ".join(frappe.db.escape(s) for s in HIDDEN_DUO_STATES)
		condition += f" and `tabDuo`.status not in ({states})"
	return f"select `tabDuo`.`{column}` from `tabDuo` where {condition}"


def _user_duos(user: str, visible_only: bool = False) -> list[dict]:
	filters = []
	mentors, mentees = mentors_of(user), mentees_of(user)
	if not (mentors or mentees):
		return []
	rows = frappe.get_all(
		"Duo",
		or_filters=[["mentor", "in", mentors or [""]], ["mentee", "in", mentees or [""]]],
		filters=filters,
		fields=["name", "mentor", "mentee", "status"],
	)
	if visible_only:
		rows = [r for r in rows if r.status not in HIDDEN_DUO_STATES]
	return rows


# --- Duo --------------------------------------------------------------------------------------


def duo_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		return ""
	return _duo_condition(user)


def has_duo_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if is_staff(user):
		return True
	return doc.get("mentor") in mentors_of(user) or doc.get("mentee") in mentees_of(user)


# --- Meeting, Convention, Action Plan: through their duo ------------------------------------------


def duo_child_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		return ""
	subquery = _duos_subquery(user)
	if not subquery:
		return NOTHING
	return f"`tab{doctype}`.duo in ({subquery})"


def has_duo_child_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if is_staff(user):
		return True
	duo = doc.get("duo")
	if not duo:
		return False
	parties = frappe.db.get_value("Duo", duo, ["mentor", "mentee"], as_dict=True)
	if not parties:
		return False
	return parties.mentor in mentors_of(user) or parties.mentee in mentees_of(user)


# --- Mentee -----------------------------------------------------------------------------------


def mentee_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		return ""
	conditions = [_in("`tabMentee`.name", mentees_of(user))]
	if mentors_of(user):
		states = ", ".join(frappe.db.escape(s) for s in HIDDEN_DUO_STATES)
		mentors = ", ".join(frappe.db.escape(m) for m in mentors_of(user))
		conditions.append(
			f"`tabMentee`.name in (select `tabDuo`.mentee from `tabDuo` where `tabDuo`.mentor in ({mentors})"
			f" and `tabDuo`.status not in ({states}))"
		)
	return _any(*conditions)


def has_mentee_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if is_staff(user):
		return True
	if doc.name in mentees_of(user):
		return True
	return any(d.mentee == doc.name and d.mentor in mentors_of(user) for d in _user_duos(user, True))


# --- Mentor -----------------------------------------------------------------------------------


def mentor_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		return ""
	conditions = [
		_in("`tabMentor`.name", mentors_of(user)),
		_in("`tabMentor`.partner_organisation", organisations_of(user)),
	]
	if mentees_of(user):
		states = ", ".join(frappe.db.escape(s) for s in HIDDEN_DUO_STATES)
		mentees = ", ".join(frappe.db.escape(m) for m in mentees_of(user))
		conditions.append(
			f"`tabMentor`.name in (select `tabDuo`.mentor from `tabDuo` where `tabDuo`.mentee in ({mentees})"
			f" and `tabDuo`.status not in ({states}))"
		)
	return _any(*conditions)


def has_mentor_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if is_staff(user):
		return True
	if doc.name in mentors_of(user):
		return True
	if doc.get("partner_organisation") and doc.partner_organisation in organisations_of(user):
		return True
	return any(d.mentor == doc.name and d.mentee in mentees_of(user) for d in _user_duos(user, True))


# --- Partner Organisation -----------------------------------------------------------------------


def _employers_of(user: str) -> list[str]:
	mentors = mentors_of(user)
	if not mentors:
		return []
	return [
		o
		for o in frappe.get_all(
			"Mentor", {"name": ("in", mentors)}, pluck="partner_organisation", distinct=True
		)
		if o
	]


def partner_organisation_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		return ""
	return _in("`tabPartner Organisation`.name", organisations_of(user) + _employers_of(user))


def has_partner_organisation_permission(
	doc, ptype: str | None = None, user: str | None = None, debug=False
) -> bool:
	user = _user(user)
	if is_staff(user):
		return True
	return doc.name in organisations_of(user) + _employers_of(user)


# --- Mentoring Resource: staff edit them, the programme's portal users read the published ones ----

PORTAL_ROLES = (MENTOR, MENTEE, PARTNER)


def _is_portal_reader(user: str) -> bool:
	return bool(set(PORTAL_ROLES).intersection(frappe.get_roles(user)))


def mentoring_resource_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		return ""
	if not _is_portal_reader(user):
		return NOTHING
	return "`tabMentoring Resource`.published = 1"


def has_mentoring_resource_permission(
	doc, ptype: str | None = None, user: str | None = None, debug=False
) -> bool:
	user = _user(user)
	if is_staff(user):
		return True
	return _is_portal_reader(user) and bool(doc.get("published")) and ptype in (None, "read", "print")
