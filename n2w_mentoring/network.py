"""The network: centres run programmes, and every rule reads the values of one programme.

A *Mentoring Centre* is an organisation of the network; a *Mentoring Programme* belongs to one centre
and holds the limits, the convention's terms, the privacy notice, the matching weights and the
reminder switches. A mentee and a duo belong to one programme (the site's default programme when
none is given); a mentor serves one programme or several. Everything that used to read one global
value reads the programme's through :func:`programme`.

Staff see their centre: an administrator restricts a coordinator with Frappe's own User Permissions
on *Mentoring Centre*; staff without one see the whole network (see n2w_mentoring/permissions.py).
"""

from __future__ import annotations

import frappe
from frappe import _

from n2w_mentoring.exceptions import MentoringError, ProgrammeClosedError

PROGRAMME = "Mentoring Programme"
CENTRE = "Mentoring Centre"
SETTINGS = "Mentoring Settings"


def default_programme() -> str | None:
	"""The programme records made without one join (the site's only one on a single-programme site)."""
	name = frappe.db.get_single_value(SETTINGS, "default_programme", cache=False)
	if name:
		return name
	found = frappe.get_all(
		PROGRAMME, filters={"status": "Active"}, pluck="name", order_by="creation", limit=1
	)
	return found[0] if found else None


def programme(name: str | None = None):
	"""The programme ``name`` (the default programme when empty), cached for the request."""
	name = name or default_programme()
	if not name:
		frappe.throw(
			_("No mentoring programme exists yet: make one first."),
			title=_("No programme"),
			exc=MentoringError,
		)
	return frappe.get_cached_doc(PROGRAMME, name)


CLOSED = "Closed"


def is_open(programme_name: str | None) -> bool:
	"""Whether a programme takes applications, new mentees and new duos (a closed one does not; its
	running duos go on to their end)."""
	return not programme_name or frappe.db.get_value(PROGRAMME, programme_name, "status") != CLOSED


def check_open(programme_name: str | None) -> None:
	if not is_open(programme_name):
		frappe.throw(
			_("The programme {0} is closed: it takes no new mentee or duo.").format(programme_name),
			title=_("Programme closed"),
			exc=ProgrammeClosedError,
		)


def intakes(programme_name: str | None) -> list:
	"""A programme's intake periods, as the plain rules read them."""
	from n2w_mentoring.mentoring.doctype.mentoring_programme.mentoring_programme import intakes_of

	return intakes_of(programme(programme_name)) if programme_name else []


@frappe.whitelist()
def programme_intakes(programme: str | None = None, txt: str | None = None) -> list[str]:
	"""The labels of a programme's intakes containing ``txt``: the choices of the Mentee form's and
	the reports' intake (staff only, within their centres)."""
	from n2w_mentoring.permissions import is_staff

	if not is_staff():
		frappe.throw(_("Only programme staff can see the programme's intakes."), frappe.PermissionError)
	if not programme or not frappe.db.exists(PROGRAMME, programme):
		return []
	check_programme_visible(programme)
	typed = (txt or "").strip().casefold()
	return [i.label for i in intakes(programme) if typed in i.label.casefold()]


def programme_of_duo(duo: str | None) -> str | None:
	"""The duo's programme (its derived records — meetings, convention, surveys, follow-ups — read this)."""
	found = frappe.db.get_value("Duo", duo, "programme") if duo else None
	return found or default_programme()


def centre_of(programme_name: str | None) -> str | None:
	if not programme_name:
		return None
	return frappe.db.get_value(PROGRAMME, programme_name, "centre")


def centre_identity(programme_name: str | None = None) -> frappe._dict:
	"""The centre running a programme, as documents and the portal show it."""
	prog = programme(programme_name) if (programme_name or default_programme()) else None
	centre = frappe.get_cached_doc(CENTRE, prog.centre) if prog and prog.centre else None
	return frappe._dict(
		programme=prog.name if prog else "",
		programme_name=prog.programme_name if prog else "",
		name=(centre.centre_name if centre else "") or "",
		address=(centre.address if centre else "") or "",
		email=(centre.email if centre else "") or "",
		phone=(centre.phone if centre else "") or "",
		logo=(centre.logo if centre else "") or "",
		letter_head=(centre.letter_head if centre else "") or "",
		privacy_notice=(prog.privacy_notice if prog else "") or "",
		notice_version=(prog.consent_notice_version if prog else "") or "",
	)


def default_programme_for(user: str | None = None) -> str | None:
	"""The programme a user's new records join: for staff restricted to some centres, the first
	active programme of their centres (unless the default one is theirs); else the default one."""
	default = default_programme()
	centres = restricted_centres(user)
	if centres is None or centre_of(default) in centres:
		return default
	found = frappe.get_all(
		PROGRAMME,
		filters={"centre": ("in", centres), "status": "Active"},
		pluck="name",
		order_by="creation",
		limit=1,
	)
	return found[0] if found else default


def default_centre_for(user: str | None = None) -> str | None:
	"""The centre a user's new mentors belong to: their default programme's."""
	return centre_of(default_programme_for(user))


@frappe.whitelist(methods=["GET"])
def default_centre() -> str | None:
	"""The centre a new mentor of the desk form belongs to unless changed (programme staff only)."""
	from n2w_mentoring.permissions import STAFF_ROLES

	frappe.only_for(list(STAFF_ROLES))
	return default_centre_for()


def programme_of_centre(centre: str | None) -> str | None:
	"""The programme a centre's new mentor serves when none is named: the user's default one when the
	centre runs it, else the centre's first active programme."""
	default = default_programme_for()
	if not centre or centre_of(default) == centre:
		return default
	found = frappe.get_all(
		PROGRAMME, filters={"centre": centre, "status": "Active"}, pluck="name", order_by="creation", limit=1
	)
	return found[0] if found else None


def set_programme_and_centre(doc, fallback: str | None = None) -> None:
	"""A record left without a programme joins ``fallback`` or the user's default one; its centre
	follows."""
	doc.programme = doc.get("programme") or fallback or default_programme_for()
	doc.centre = centre_of(doc.programme)


# --- Staff see their centre --------------------------------------------------------------------


SCOPE_KEY = "n2w_staff_scope"


def staff_scope(user: str) -> dict:
	"""What a staff user sees of the network, in one read: ``centres``, the centres a User Permission
	restricts them to (None: the whole network), and ``network``, those of their centres with a
	programme that takes mentors from the whole network. Kept in Redis per user until a User
	Permission or a programme changes, and read once per request (``frappe.local``), so that a
	restricted coordinator's list costs the same one read as a network manager's."""
	known = getattr(frappe.local, "n2w_centres", None)
	if known is None:
		known = frappe.local.n2w_centres = {}
	if user not in known:
		known[user] = frappe.cache.hget(SCOPE_KEY, user, generator=lambda: _read_scope(user))
	return known[user]


def _read_scope(user: str) -> dict:
	allowed = frappe.permissions.get_user_permissions(user).get(CENTRE)
	centres = sorted({row.get("doc") for row in allowed if row.get("doc")}) if allowed else None
	network = (
		sorted(
			set(
				frappe.get_all(
					PROGRAMME, filters={"network_matching": 1, "centre": ("in", centres)}, pluck="centre"
				)
			)
		)
		if centres
		else []
	)
	return {"centres": centres, "network": network}


def restricted_centres(user: str | None = None) -> list[str] | None:
	"""The centres a user is restricted to by User Permissions, or None when they see the network."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	return staff_scope(user)["centres"]


def _forget_scopes() -> None:
	frappe.local.n2w_centres = {}
	frappe.cache.delete_value(SCOPE_KEY)
	frappe.db.after_commit.add(lambda: frappe.cache.delete_value(SCOPE_KEY))


def forget_centres(doc=None, method=None) -> None:
	"""A User Permission changed: every user's centres (and which of them take mentors from the
	network) are read again, now and once committed, so that no other request keeps what it read in
	between."""
	_forget_scopes()


def forget_network_matching(doc=None, method=None, *args) -> None:
	"""A programme changed (its network matching, its centre) or went: read them again (now, and
	once committed, so that no other request keeps what it read in between)."""
	_forget_scopes()


def takes_network_mentors(user: str) -> bool:
	"""Whether a programme of a restricted staff user's centres takes mentors from the whole network:
	they then see every mentor's profile (from their scope, read once per request)."""
	return bool(staff_scope(user)["network"])


def programmes_of_centres(centres: list[str]) -> list[str]:
	return frappe.get_all(PROGRAMME, filters={"centre": ("in", centres or [""])}, pluck="name")


def visible_programmes(user: str | None = None) -> list[str] | None:
	"""The programmes a staff user sees (None: all of them)."""
	centres = restricted_centres(user)
	return None if centres is None else programmes_of_centres(centres)


def check_programme_visible(programme_name: str | None) -> None:
	"""A staff user restricted to some centres asks only about their programmes."""
	allowed = visible_programmes()
	if allowed is not None and programme_name and programme_name not in allowed:
		frappe.throw(
			_("Programme {0} is run by another centre.").format(programme_name),
			exc=frappe.PermissionError,
		)
