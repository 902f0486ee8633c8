"""Who sees which mentoring record, written once per DocType as a pair that cannot drift apart.

For each DocType, ``*_query`` (the ``permission_query_conditions`` hook, used by lists, reports,
counts and link searches) and ``has_*_permission`` (the ``has_permission`` hook, used for a single
document) come from the same rule:

- programme staff (Mentoring Manager, Mentoring Coordinator) and Administrator see everything their
  role permissions allow — in the whole network, or in their centres only when an administrator
  restricts them with Frappe's User Permissions on *Mentoring Centre* (read here, once, inside each
  list's query; the ``centre`` and ``programme`` links ignore them in Frappe's own pass, which would
  add the same condition again and a query of shares): then they see their centres'
  mentees, duos and what hangs off them, and their centres' mentors (a mentor belongs to the centre
  that registered them), or (for a programme that takes suggestions from the network) the network's
  mentors' profiles — never another centre's duos;
- a Mentor or a Mentee sees their own duos, and what hangs off them: meetings, convention, action
  plan, and the other party's profile while the duo is not declined or cancelled;
- a Partner Organisation Contact sees their organisation and the mentors it employs, never a duo
  or a mentee;
- anyone else sees nothing (role permissions already refuse them; the hooks refuse too).

Both hooks return an explicit answer. The SQL conditions escape every value with ``frappe.db.escape``.
"""

from __future__ import annotations

import frappe

from n2w_mentoring.network import restricted_centres, takes_network_mentors
from n2w_mentoring.programme.importing import IMPORT_ORDER

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


def staff_centres(user: str) -> list[str] | None:
	"""The centres a staff user is restricted to (None: the whole network)."""
	return restricted_centres(user)


def _centres_sql(centres: list[str]) -> str:
	return ", ".join(frappe.db.escape(c) for c in centres) or "''"


def _duo_in_centres(duo: str | None, centres: list[str]) -> bool:
	return bool(duo) and frappe.db.get_value("Duo", duo, "centre") in centres


def _centre_of_record(doc) -> str | None:
	"""A mentee's or a duo's centre; for one not saved yet, its programme's (a duo's: its mentee's
	programme's; else the default programme's), as its controller will set it."""
	from n2w_mentoring.network import centre_of, default_programme_for

	if doc.get("centre"):
		return doc.centre
	programme = doc.get("programme")
	if not programme and doc.get("doctype") == "Duo" and doc.get("mentee"):
		programme = frappe.db.get_value("Mentee", doc.mentee, "programme")
	return centre_of(programme or default_programme_for())


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


def _any(*conditions: str) -> str:
	real = [c for c in conditions if c != NOTHING]
	return "(" + " or ".join(real) + ")" if real else NOTHING


def _own(doctype: str, role: str, user: str) -> str | None:
	"""SQL selecting the names of the user's own Mentor or Mentee records, if they hold the role.

	The query conditions select the user's records inside the list's own query rather than reading
	them first, so a restricted list costs one query, as an unrestricted one does.
	"""
	if not _has_role(user, role):
		return None
	return f"select own.name from `tab{doctype}` own where own.user = {frappe.db.escape(user)}"


def _organisations_sql(user: str) -> str | None:
	if not _has_role(user, PARTNER):
		return None
	return (
		"select link.link_name from `tabDynamic Link` link join `tabContact` contact"
		" on link.parent = contact.name where link.parenttype = 'Contact'"
		f" and link.link_doctype = 'Partner Organisation' and contact.user = {frappe.db.escape(user)}"
	)


def _in_sql(column: str, subquery: str | None) -> str:
	return f"{column} in ({subquery})" if subquery else NOTHING


def _visible_states() -> str:
	return ", ".join(frappe.db.escape(s) for s in HIDDEN_DUO_STATES)


def _duo_condition(user: str, table: str = "`tabDuo`") -> str:
	return _any(
		_in_sql(f"{table}.mentor", _own("Mentor", MENTOR, user)),
		_in_sql(f"{table}.mentee", _own("Mentee", MENTEE, user)),
	)


def _duos_subquery(user: str) -> str:
	condition = _duo_condition(user, "duo")
	if condition == NOTHING:
		return ""
	return f"select duo.name from `tabDuo` duo where {condition}"


def user_duos(user: str, fields=("name", "mentor", "mentee", "status"), visible_only: bool = False) -> list:
	"""The duos where the user is the mentor or the mentee, newest first (read behind the rule itself)."""
	mentors, mentees = mentors_of(user), mentees_of(user)
	if not (mentors or mentees):
		return []
	rows = frappe.get_all(
		"Duo",
		or_filters=[["mentor", "in", mentors or [""]], ["mentee", "in", mentees or [""]]],
		fields=list(fields),
		order_by="creation desc",
	)
	if visible_only:
		rows = [r for r in rows if r.status not in HIDDEN_DUO_STATES]
	return rows


# --- Duo --------------------------------------------------------------------------------------


def duo_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		centres = staff_centres(user)
		return "" if centres is None else f"`tabDuo`.centre in ({_centres_sql(centres)})"
	return _duo_condition(user)


def has_duo_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if is_staff(user):
		centres = staff_centres(user)
		return centres is None or _centre_of_record(doc) in centres
	return doc.get("mentor") in mentors_of(user) or doc.get("mentee") in mentees_of(user)


# --- Meeting, Convention, Action Plan: through their duo ------------------------------------------


def duo_child_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		centres = staff_centres(user)
		# The duo's centre, copied on each record (fetched from its duo): no subquery per list.
		return "" if centres is None else f"`tab{doctype}`.centre in ({_centres_sql(centres)})"
	subquery = _duos_subquery(user)
	if not subquery:
		return NOTHING
	return f"`tab{doctype}`.duo in ({subquery})"


def has_duo_child_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if is_staff(user):
		centres = staff_centres(user)
		# Its duo's centre (the copy on the record follows it), also for a record not saved yet.
		return centres is None or _duo_in_centres(doc.get("duo"), centres)
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
		centres = staff_centres(user)
		return "" if centres is None else f"`tabMentee`.centre in ({_centres_sql(centres)})"
	conditions = [_in_sql("`tabMentee`.name", _own("Mentee", MENTEE, user))]
	if mentors := _own("Mentor", MENTOR, user):
		conditions.append(
			"`tabMentee`.name in (select duo.mentee from `tabDuo` duo"
			f" where duo.mentor in ({mentors}) and duo.status not in ({_visible_states()}))"
		)
	return _any(*conditions)


def has_mentee_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if is_staff(user):
		centres = staff_centres(user)
		return centres is None or _centre_of_record(doc) in centres
	if doc.name in mentees_of(user):
		return True
	return any(
		d.mentee == doc.name and d.mentor in mentors_of(user) for d in user_duos(user, visible_only=True)
	)


def programme_query(user: str | None = None) -> str:
	"""Frappe's own User Permission pass on the programme's centre restricts the list: nothing more."""
	return ""


def has_programme_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	"""The same rule as Frappe's own User Permission pass on the programme's centre (what its lists
	apply), checked first: Frappe's refusal would name the other centre."""
	centres = restricted_centres(_user(user))
	return centres is None or not doc.get("centre") or doc.centre in centres


# --- Mentor -----------------------------------------------------------------------------------


def _staff_mentor_condition(centres: list[str], user: str) -> str:
	"""Every mentor when a programme of the centres takes mentors from the network (decided here,
	once per request), else the centres' own mentors: one indexed column, read with the list's sort
	off the ``(centre, modified)`` index."""
	if takes_network_mentors(user):
		return ""
	return f"`tabMentor`.centre in ({_centres_sql(centres)})"


def _mentor_in_centres(doc, centres: list[str], user: str) -> bool:
	"""The same rule for one mentor (one not saved yet: the centre its controller will give it)."""
	if takes_network_mentors(user):
		return True
	return _centre_of_mentor(doc) in centres


def _centre_of_mentor(doc) -> str | None:
	from n2w_mentoring.network import centre_of, default_centre_for
	from n2w_mentoring.programme.centres import main_centre

	if doc.get("centre"):
		return doc.centre
	if doc.get("name") and not (callable(getattr(doc, "is_new", None)) and doc.is_new()):
		stored = frappe.db.get_value("Mentor", doc.name, "centre")
		if stored:
			return stored
	programmes = [row.get("programme") for row in doc.get("programmes") or [] if row.get("programme")]
	return main_centre(centre_of(p) for p in programmes) or default_centre_for()


def mentor_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if is_staff(user):
		centres = staff_centres(user)
		return "" if centres is None else _staff_mentor_condition(centres, user)
	conditions = [
		_in_sql("`tabMentor`.name", _own("Mentor", MENTOR, user)),
		_in_sql("`tabMentor`.partner_organisation", _organisations_sql(user)),
	]
	if mentees := _own("Mentee", MENTEE, user):
		conditions.append(
			"`tabMentor`.name in (select duo.mentor from `tabDuo` duo"
			f" where duo.mentee in ({mentees}) and duo.status not in ({_visible_states()}))"
		)
	return _any(*conditions)


def has_mentor_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if is_staff(user):
		centres = staff_centres(user)
		return centres is None or _mentor_in_centres(doc, centres, user)
	if doc.name in mentors_of(user):
		return True
	if doc.get("partner_organisation") and doc.partner_organisation in organisations_of(user):
		return True
	return any(
		d.mentor == doc.name and d.mentee in mentees_of(user) for d in user_duos(user, visible_only=True)
	)


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
	employers = _own("Mentor", MENTOR, user)
	return _any(
		_in_sql("`tabPartner Organisation`.name", _organisations_sql(user)),
		_in_sql(
			"`tabPartner Organisation`.name",
			f"select employee.partner_organisation from `tabMentor` employee where employee.name in ({employers})"
			if employers
			else None,
		),
	)


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


# --- Mentee Protected Data: programme staff only, whatever role permissions a host adds -----------


def protected_data_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if not is_staff(user):
		return NOTHING
	centres = staff_centres(user)
	if centres is None:
		return ""
	return (
		"`tabMentee Protected Data`.mentee in (select centre_mentee.name from `tabMentee` centre_mentee"
		f" where centre_mentee.centre in ({_centres_sql(centres)}))"
	)


def has_protected_data_permission(
	doc, ptype: str | None = None, user: str | None = None, debug=False
) -> bool:
	user = _user(user)
	if not is_staff(user):
		return False
	centres = staff_centres(user)
	return (
		centres is None or frappe.db.get_value("Mentee", doc.get("mentee") or doc.name, "centre") in centres
	)


# --- Child tables: the rows of the parents the user may read, in the tables they may read ----------
# Frappe lets anyone who may read a parent DocType list a child table with ``parent=<DocType>``
# (``frappe.client.get_list``, the report view), with no record rule: these conditions add it.


def _parents_of(child: str) -> list[tuple[str, str, int]]:
	"""(parent DocType, table field, its permission level) for every app table holding ``child``."""
	from n2w_mentoring.data_protection.scope import MENTORING_DOCTYPES

	found = []
	for parent in MENTORING_DOCTYPES:
		meta = frappe.get_meta(parent)
		found += [
			(parent, df.fieldname, df.permlevel or 0) for df in meta.get_table_fields() if df.options == child
		]
	return found


def _parent_condition(parent: str, user: str) -> str:
	hooks = frappe.get_hooks("permission_query_conditions", {}).get(parent, [])
	conditions = [c for c in (frappe.call(frappe.get_attr(m), user, doctype=parent) for m in hooks) if c]
	return " and ".join(f"({c})" for c in conditions)


def _sees_the_network(user: str) -> bool:
	return is_staff(user) and staff_centres(user) is None


def child_row_query(user: str | None = None, doctype: str | None = None) -> str:
	user = _user(user)
	if _sees_the_network(user):
		return ""
	table = f"`tab{doctype}`"
	conditions = []
	for parent, fieldname, level in _parents_of(doctype):
		meta = frappe.get_meta(parent)
		if not frappe.permissions.get_role_permissions(meta, user=user).get("read"):
			continue
		if level and level not in meta.get_permlevel_access("read", user=user):
			continue
		condition = _parent_condition(parent, user)
		if condition == NOTHING:
			continue
		readable = f"select `tab{parent}`.name from `tab{parent}`" + (
			f" where {condition}" if condition else ""
		)
		conditions.append(
			f"({table}.parenttype = {frappe.db.escape(parent)} and {table}.parentfield = "
			f"{frappe.db.escape(fieldname)} and {table}.parent in ({readable}))"
		)
	return _any(*conditions)


def has_child_row_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = _user(user)
	if _sees_the_network(user):
		return True
	for parent, fieldname, level in _parents_of(doc.doctype):
		if (doc.get("parenttype"), doc.get("parentfield")) != (parent, fieldname):
			continue
		meta = frappe.get_meta(parent)
		if level and level not in meta.get_permlevel_access(ptype or "read", user=user):
			return False
		return bool(doc.get("parent")) and frappe.has_permission(
			parent, ptype or "read", doc=doc.parent, user=user
		)
	return False


# --- Data Import: staff see and make the imports of the programme's records only.


def data_import_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return ""
	if not is_staff(user):
		return NOTHING
	doctypes = ", ".join(frappe.db.escape(d) for d in sorted(IMPORT_ORDER))
	condition = f"`tabData Import`.reference_doctype in ({doctypes})"
	if restricted_centres(user) is not None:
		# An import's file and log hold people of every row: a centre's staff see their own imports.
		condition += f" and `tabData Import`.owner = {frappe.db.escape(user)}"
	return condition


def has_data_import_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	user = user or frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return True
	if not (is_staff(user) and doc.reference_doctype in IMPORT_ORDER):
		return False
	return restricted_centres(user) is None or doc.is_new() or doc.owner == user


def data_import_log_query(user: str | None = None, doctype: str | None = None) -> str:
	condition = data_import_query(user)
	if condition in ("", NOTHING):
		return condition
	return f"`tabData Import Log`.data_import in (select name from `tabData Import` where {condition})"


def has_data_import_log_permission(
	doc, ptype: str | None = None, user: str | None = None, debug=False
) -> bool:
	user = user or frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return True
	parent = frappe.db.get_value("Data Import", doc.data_import, ["reference_doctype", "owner"], as_dict=True)
	if not (parent and is_staff(user) and parent.reference_doctype in IMPORT_ORDER):
		return False
	return restricted_centres(user) is None or parent.owner == user
