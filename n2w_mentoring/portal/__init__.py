"""The portal of mentors, mentees and partner organisations: what its pages and methods share.

Every page and method decides who the user is from :mod:`n2w_mentoring.permissions` (the same
rules as the desk), then reads with explicit fields. Portal users hold no write permission on a
duo or a convention: a method that changes one first checks that the user is a party of that very
record, and only then saves it with ``doc.flags.ignore_permissions``.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.sessions import get_csrf_token
from frappe.utils import formatdate, getdate, strip_html_tags, today

from n2w_mentoring import permissions
from n2w_mentoring.concurrency import in_request, retry_on_conflict, start_again
from n2w_mentoring.exceptions import ConcurrentChangeError, TryAgainError
from n2w_mentoring.network import centre_identity
from n2w_mentoring.permissions import is_staff, mentees_of, mentors_of, organisations_of, staff_centres
from n2w_mentoring.programme import languages, lifecycle
from n2w_mentoring.programme.redirects import local_target
from n2w_mentoring.programme.rules import DAYS_PER_MONTH
from n2w_mentoring.utils import get_limits

MENTOR, MENTEE, STAFF = "Mentor", "Mentee", "Staff"

DUO_FIELDS = (
	"name",
	"status",
	"programme",
	"mentor",
	"mentor_name",
	"mentee",
	"mentee_name",
	"coordinator",
	"mentor_agreed_on",
	"mentee_agreed_on",
	"start_date",
	"planned_end",
	"actual_end",
	"meetings_held",
	"hours_of_mentoring",
	"last_meeting_date",
)

# Status badges: a class of portal.css per duo state.
STATE_CLASS = {
	lifecycle.PROPOSED: "info",
	lifecycle.ACCEPTED: "info",
	lifecycle.ACTIVE: "success",
	lifecycle.SUSPENDED: "warning",
	lifecycle.COMPLETED: "success",
	lifecycle.ENDED_EARLY: "muted",
	lifecycle.DECLINED: "muted",
	lifecycle.CANCELLED: "muted",
}


# --- Who is asking ----------------------------------------------------------------------------


def require_login() -> str:
	"""The user; a guest is sent to the portal's login page, and back here after it."""
	user = frappe.session.user
	if user == "Guest":
		path = "/mentoring"
		if getattr(frappe.local, "request", None):
			path = frappe.local.request.full_path.rstrip("?")
		frappe.local.flags.redirect_location = "/mentoring/login?" + urlencode({"redirect-to": path})
		raise frappe.Redirect(302)
	# The page carries the session's CSRF token, which the portal's forms send back with each POST.
	get_csrf_token()
	return user


def not_yours():
	raise frappe.PermissionError(_("This page is not available to you."))


def party_of(duo, user: str | None = None) -> str | None:
	"""Mentor or Mentee when the user is that party of the duo, Staff for programme staff, else None."""
	user = user or frappe.session.user
	if duo.mentor in mentors_of(user):
		return MENTOR
	if duo.mentee in mentees_of(user):
		return MENTEE
	if is_staff(user):
		centres = staff_centres(user)
		if centres is None or frappe.db.get_value("Duo", duo.name, "centre") in centres:
			return STAFF
	return None


def duo_for_user(name) -> tuple[frappe._dict, str]:
	"""The duo and the user's part in it; anyone else's duo (or none) is refused alike."""
	duo = None
	if isinstance(name, str) and name:
		duo = frappe.db.get_value("Duo", name, list(DUO_FIELDS), as_dict=True)
	party = party_of(duo) if duo else None
	if not party:
		not_yours()
	return duo, party


def user_duos(user: str) -> list[frappe._dict]:
	return permissions.user_duos(user, fields=DUO_FIELDS)


def user_organisations(user: str) -> list[str]:
	return organisations_of(user)


# --- What a duo card shows ----------------------------------------------------------------------


def other_party_name(duo, party: str) -> str:
	if party == MENTOR:
		return duo.mentee_name or ""
	if party == MENTEE:
		return duo.mentor_name or ""
	return " · ".join(n for n in (duo.mentee_name, duo.mentor_name) if n)


def months_left(duo, on: date | None = None) -> int | None:
	"""Whole months until the duo's planned end; None before the duo starts or after it closes."""
	if duo.status not in lifecycle.RUNNING_STATES or not duo.planned_end:
		return None
	days = (getdate(duo.planned_end) - (on or getdate(today()))).days
	return max(0, math.floor(days / DAYS_PER_MONTH))


def next_meetings(duo_names: list[str], limit: int | None = None) -> list[frappe._dict]:
	"""Planned meetings from today on, earliest first."""
	if not duo_names:
		return []
	rows = frappe.get_all(
		"Meeting",
		filters={"duo": ("in", duo_names), "status": "Planned", "meeting_date": (">=", today())},
		fields=["name", "duo", "kind", "meeting_date", "start_time", "duration_minutes", "place"],
		order_by="meeting_date asc, start_time asc",
		limit=limit,
	)
	return [with_when(r) for r in rows]


def long_date(value) -> str:
	"""A date as a phone shows it to a person: "jeudi 12 mars 2026", in the user's language."""
	return formatdate(value, "EEEE d MMMM y") if value else ""


def medium_date(value) -> str:
	"""A date in words, "9 septembre 2026", in the user's language."""
	return formatdate(value, "d MMMM y") if value else ""


def hours_label(value) -> str:
	"""Hours without a useless decimal: 6, 1.5."""
	return f"{round(float(value or 0), 1):g}"


def short_time(value) -> str:
	if not value:
		return ""
	hours, minutes = str(value).split(":")[:2]
	return f"{int(hours):02d}:{minutes}"


def with_when(meeting) -> frappe._dict:
	"""The meeting with its date and time as one readable text."""
	meeting.when = ", ".join(
		p for p in (long_date(meeting.meeting_date), short_time(meeting.start_time)) if p
	)
	return meeting


def coordinator_contact(duo) -> frappe._dict:
	"""The coordinator's name, e-mail and phone, else those of the centre running the duo's programme."""
	centre = centre_identity(duo.get("programme"))
	contact = frappe._dict(
		name=centre.name or _("The centre"),
		email=centre.email or None,
		phone=centre.phone or None,
	)
	if duo.coordinator:
		user = frappe.db.get_value(
			"User", duo.coordinator, ["full_name", "email", "phone", "mobile_no", "enabled"], as_dict=True
		)
		if user and user.enabled:
			contact.update(
				name=user.full_name or contact.name,
				email=user.email or contact.email,
				phone=user.mobile_no or user.phone or contact.phone,
			)
	return contact


def duo_card(duo, party: str, upcoming: dict) -> frappe._dict:
	return frappe._dict(
		name=duo.name,
		status=duo.status,
		status_class=STATE_CLASS.get(duo.status, "muted"),
		party=party,
		other=other_party_name(duo, party),
		next_meeting=upcoming.get(duo.name),
		meetings_held=duo.meetings_held or 0,
		max_meetings=get_limits(duo.programme).max_meetings,
		hours=duo.hours_of_mentoring or 0,
		months_left=months_left(duo),
		start_date=duo.start_date,
		planned_end=duo.planned_end,
		coordinator=coordinator_contact(duo),
		awaiting_answer=awaiting_answer(duo, party),
		running=duo.status in lifecycle.RUNNING_STATES,
		can_log=duo.status in (lifecycle.ACCEPTED, *lifecycle.RUNNING_STATES),
	)


def awaiting_answer(duo, party: str) -> bool:
	"""The duo is proposed and this party has not agreed yet."""
	if duo.status != lifecycle.PROPOSED:
		return False
	if party == MENTOR:
		return not duo.mentor_agreed_on
	if party == MENTEE:
		return not duo.mentee_agreed_on
	return not (duo.mentor_agreed_on and duo.mentee_agreed_on)


def portal_identity(user: str | None = None, programme: str | None = None) -> frappe._dict:
	"""The identity of ``programme``, else of the programme a portal user belongs to (the mentee's
	programme, the mentor's first one; the default programme for anyone else): centre name, logo
	privacy notice."""
	user = user or frappe.session.user
	if not programme and user != "Guest":
		programme = frappe.db.get_value("Mentee", {"user": user}, "programme")
		mentor = None if programme else frappe.db.get_value("Mentor", {"user": user}, "name")
		if mentor:
			served = frappe.get_all(
				"Mentor Programme",
				filters={"parenttype": "Mentor", "parent": mentor},
				pluck="programme",
				order_by="idx asc",
				limit=1,
			)
			programme = served[0] if served else None
	identity = centre_identity(programme)
	identity.logo = portal_logo(identity.logo)
	return identity


def portal_logo(file_url: str | None) -> str:
	"""The centre's logo for the portal's header: a public file by its address, which the phone
	caches once for every page; a private one inlined (a guest could not fetch it)."""
	from n2w_mentoring.printing import logo_data_uri

	if not file_url:
		return ""
	if file_url.startswith("/files/"):
		return file_url
	return logo_data_uri(file_url) or ""


def page_context(context, title: str, back: tuple[str, str] | None = None):
	"""What every portal page sets: its title, no cache, no sitemap, no search indexing, and what the
	portal's page frame (templates/portal/base.html) shows: the page's language and direction, the
	identity of the programme's centre (``identity``: name, logo, privacy notice), the user's links."""
	if not context.get("identity"):
		context.identity = portal_identity()
	context.privacy_notice = strip_html_tags(context.identity.privacy_notice or "").strip()
	context.no_cache = 1
	context.title = title
	context.show_sidebar = False
	context.back = back
	context.metatags = {"robots": "noindex"}
	context.fdate = medium_date
	context.fhours = hours_label
	context.page_lang = frappe.local.lang or "en"
	context.page_dir = languages.direction(context.page_lang)
	# The frame's header: the centre of the page's programme (its name, and its logo).
	context.centre_name = context.get("centre_name") or context.identity.name or ""
	context.centre_logo = context.get("centre_logo") or context.identity.logo or ""
	user = frappe.session.user
	context.is_desk_user = (
		user != "Guest" and frappe.get_cached_value("User", user, "user_type") == "System User"
	)
	# The forms' fallback without JavaScript (plain_post.py): the CSRF token, what was typed, the answer.
	session = getattr(frappe.local, "session", None)
	context.form_token = (session and session.data.csrf_token) or ""
	context.setdefault("posted", frappe._dict())
	context.setdefault("notice", None)
	request = getattr(frappe.local, "request", None)
	context.path_for_login = request.full_path.rstrip("?") if request else "/mentoring"
	# A guest's language switch: links to this very page of this site, in each mentee language.
	if user == "Guest":
		from n2w_mentoring.portal.language import remember_guest_choice, switch_links

		remember_guest_choice()
		path = "/" + ((request.path if request else "") or "mentoring").lstrip("/")
		keep = {key: frappe.form_dict.get(key) for key in SWITCH_KEEPS}
		# The login page's target, only as a path of this site (as the login page itself reads it).
		keep["redirect-to"] = local_target(keep["redirect-to"], default=None)
		context.language_links = switch_links(path, keep)
	return context


# What a language switch keeps of the page's address.
SWITCH_KEEPS = ("programme", "for", "redirect-to")


# --- Answers of the POST methods ------------------------------------------------------------------


def plain(message: str) -> str:
	"""A thrown message as plain text: line breaks kept, tags gone."""
	message = re.sub(r"<br\s*/?>", "\n", str(message or ""))
	return strip_html_tags(message).strip()


def refused(exc: Exception) -> dict:
	"""Roll back, and answer the programme's refusal as data the form shows next to the user's input."""
	frappe.db.rollback()
	frappe.clear_messages()
	if isinstance(exc, frappe.TimestampMismatchError):
		# Two people changed the same record at once: say so in words, not in timestamps.
		frappe.local.flags.n2w_changed_meanwhile = True
		exc = ConcurrentChangeError(
			_("Someone else changed this at the same moment. Reload the page to see it, then try again.")
		)
	frappe.local.response["http_status_code"] = getattr(exc, "http_status_code", 417)
	return {"ok": False, "message": plain(str(exc)) or _("The change could not be saved.")}


def portal_write(fn):
	"""A portal method that writes: run once more when it ended on a deadlock, or when what it read
	changed before it saved (see n2w_mentoring/concurrency.py): it applies the person's intent to
	the record as it is now, not a form's stale copy. If it fails again, the form says so."""
	retried = retry_on_conflict(fn)

	@functools.wraps(fn)
	def method(*args, **kwargs):
		try:
			answer = retried(*args, **kwargs)
			if frappe.local.flags.pop("n2w_changed_meanwhile", None) and in_request():
				start_again()
				answer = retried(*args, **kwargs)
			frappe.local.flags.pop("n2w_changed_meanwhile", None)
			return answer
		except TryAgainError as exc:
			return refused(exc)

	return method


def check_keys(data, allowed: set[str]) -> dict:
	"""The submitted values, refused when they name any field beyond the form's own."""
	data = frappe.parse_json(data) if data else {}
	if not isinstance(data, dict):
		frappe.throw(_("The form could not be read; reload the page and try again."))
	extra = sorted(set(data) - allowed)
	if extra:
		frappe.throw(_("These fields cannot be set here: {0}.").format(", ".join(extra)))
	return data


def text(data: dict, key: str, limit: int = 140) -> str:
	value = data.get(key)
	if value is None:
		return ""
	if not isinstance(value, str | int | float):
		frappe.throw(_("The field {0} holds a value of the wrong kind.").format(key))
	return str(value).strip()[:limit]
