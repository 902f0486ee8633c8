"""A party's planned meetings as a calendar: an .ics download, and a private feed for their phone.

The feed is open without a login but answers only to the secret token of one user (a
Mentoring Calendar Token), and lists only that user's own meetings. The user makes a new token
(the old address stops working) or deletes it from the portal's calendar page.
"""

from __future__ import annotations

from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import get_url, getdate, now_datetime, today
from werkzeug.wrappers import Response

from n2w_mentoring.portal import require_login, user_duos
from n2w_mentoring.programme.calendar import Event, build_calendar

TOKEN_DOCTYPE = "Mentoring Calendar Token"
FEED_METHOD = "n2w_mentoring.portal.calendar_feed.feed"


def planned_events(user: str) -> list[Event]:
	duos = {d.name: d for d in user_duos(user)}
	if not duos:
		return []
	meetings = frappe.get_all(
		"Meeting",
		filters={"duo": ("in", list(duos)), "status": "Planned", "meeting_date": (">=", today())},
		fields=["name", "duo", "kind", "meeting_date", "start_time", "duration_minutes", "place"],
		order_by="meeting_date asc",
	)
	mentors = set(frappe.get_all("Mentor", {"user": user}, pluck="name"))
	site = frappe.local.site
	events = []
	for m in meetings:
		duo = duos[m.duo]
		other = duo.mentee_name if duo.mentor in mentors else duo.mentor_name
		start_time = None
		if m.start_time:
			start_time = (frappe.utils.get_datetime(f"{today()} {m.start_time}")).time()
		events.append(
			Event(
				uid=f"{m.name}@{site}",
				summary=_("Mentoring: {0} with {1}").format(_(m.kind), other or duo.name),
				day=getdate(m.meeting_date),
				start_time=start_time,
				duration_minutes=m.duration_minutes or None,
				location=m.place,
				url=get_url(f"/mentoring/duo?name={m.duo}"),
			)
		)
	return events


def ics_response(user: str, attachment: bool) -> Response:
	body = build_calendar(planned_events(user), _("Mentoring meetings"), now_datetime())
	response = Response(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
	response.headers["Cache-Control"] = "private, no-store"
	if attachment:
		response.headers["Content-Disposition"] = 'attachment; filename="mentoring.ics"'
	return response


@frappe.whitelist(methods=["GET"])
def download():
	"""The signed-in user's planned meetings as an .ics file."""
	return ics_response(require_login(), attachment=True)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def feed(token: str | None = None):
	"""The private feed: the planned meetings of the user whose token this is, and no one else's."""
	user = None
	if isinstance(token, str) and len(token) >= 32:
		user = frappe.db.get_value(TOKEN_DOCTYPE, {"token": token}, "user")
	if not user or not frappe.db.get_value("User", user, "enabled"):
		raise frappe.DoesNotExistError(_("This calendar address is not valid any more."))
	frappe.local.lang = frappe.db.get_value("User", user, "language") or frappe.local.lang
	return ics_response(user, attachment=False)


def feed_url(token: str) -> str:
	return get_url(f"/api/method/{FEED_METHOD}?" + urlencode({"token": token}))


def current_token(user: str) -> str | None:
	return frappe.db.get_value(TOKEN_DOCTYPE, {"user": user}, "token")


def _portal_party(user: str) -> None:
	if not user_duos(user):
		raise frappe.PermissionError(_("A calendar is for the mentor and the mentee of a duo."))


@frappe.whitelist(methods=["POST"])
def regenerate_token() -> dict:
	"""A new private address for the user's calendar; the previous one stops working."""
	user = require_login()
	_portal_party(user)
	frappe.db.delete(TOKEN_DOCTYPE, {"user": user})
	# The token belongs to the caller alone; portal roles hold no permission on the token DocType.
	doc = frappe.get_doc({"doctype": TOKEN_DOCTYPE, "user": user}).insert(ignore_permissions=True)
	return {"ok": True, "url": feed_url(doc.token), "message": _("Your new calendar address is ready.")}


@frappe.whitelist(methods=["POST"])
def revoke_token() -> dict:
	"""The user's private calendar address stops working."""
	user = require_login()
	frappe.db.delete(TOKEN_DOCTYPE, {"user": user})
	return {"ok": True, "message": _("Your calendar address no longer works.")}
