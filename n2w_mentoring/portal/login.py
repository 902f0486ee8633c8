"""The portal's own login page (www/mentoring/login): a plain POST without JavaScript.

With JavaScript, public/js/portal_login.js sends the form to Frappe's ``/api/method/login``. Without
it, the browser posts the form to the page, and the page logs in through the very same
``frappe.auth.LoginManager`` that endpoint uses: Frappe's failed-login lockout, disabled users,
login hours, IP restrictions, forced password resets and two-factor authentication all apply.
What the light page does not handle (a second factor, a forgotten password, other ways to log in)
is handed over to Frappe's own ``/login``.

Frappe checks no CSRF token for a guest (a guest's session keeps none, and before a login there is
no one to act for); a logged-in user who posts here must send the session's token like any POST.
"""

from __future__ import annotations

from urllib.parse import urlencode

import frappe
from frappe import _

from n2w_mentoring.portal import plain


def full_login(target: str) -> str:
	"""Frappe's own login page, which then goes on to ``target``."""
	return "/login?" + urlencode({"redirect-to": target})


def handle(context, target: str) -> None:
	"""On a POST: log in and go to ``target``; else say why not, keeping the e-mail address typed."""
	request = getattr(frappe.local, "request", None)
	if not request or request.method != "POST":
		return
	usr = frappe.form_dict.get("usr")
	context.posted = frappe._dict(usr=usr[:140] if isinstance(usr, str) else "")
	manager = frappe.local.login_manager
	frappe.clear_messages()
	try:
		logged_in = manager.login() is not False
	except (frappe.AuthenticationError, frappe.SecurityException, frappe.ValidationError):
		refuse(context, thrown_message() or _("Wrong e-mail address or password."))
		return
	response = frappe.local.response
	if not logged_in and (response.get("verification") or response.get("tmp_id")):
		# A second factor: the light page hands over to Frappe's login, which asks for it.
		hand_over(context, target)
		return
	if not logged_in and response.get("redirect_to"):
		# Frappe asks for a new password (System Settings: force a reset after some days).
		go(response["redirect_to"])
	if not logged_in:
		hand_over(context, target)
		return
	manager.resume = False
	manager.run_trigger("on_session_creation")
	go(target)


def thrown_message() -> str:
	"""The message Frappe threw (lockout, login hours, IP), if it threw one: already translated.
	A wrong password or a disabled user throws none and gets one same answer."""
	messages = [m.get("message") if isinstance(m, dict) else m for m in frappe.local.message_log or []]
	frappe.clear_messages()
	return plain(messages[-1]) if messages else ""


def refuse(context, message: str) -> None:
	context.http_status_code = 401
	context.notice = frappe._dict(kind="error", text=message)


def hand_over(context, target: str) -> None:
	context.handover = full_login(target)
	context.notice = frappe._dict(
		kind="note", text=_("Your account asks for one more step. Continue on the full login page.")
	)


def go(location: str) -> None:
	frappe.local.flags.redirect_location = location
	raise frappe.Redirect(303)
