"""A portal form sent without JavaScript: a plain POST to the page itself.

With JavaScript, public/js/portal.js sends a form as JSON to its method and shows the answer in the
form. Without it, the browser posts the form's fields to the page; the page's ``get_context`` first
hands them here. The fields are put back into the very payload the script would have sent (same
dotted names, same ``name[]`` lists) and given to the same whitelisted method, which makes every
check it makes for the script. Then:

- the method answers with a page to go to (a saved meeting): the browser is sent there;
- it succeeds otherwise: the page is shown afresh, with the method's message;
- it refuses: the page is shown with the method's message, the fields keep what the user typed.

Frappe checks the CSRF token (a hidden ``csrf_token`` field) before the page runs.
"""

from __future__ import annotations

import json

import frappe
from frappe import _

# The forms' methods (templates' form_open); no other method is reached through a page.
METHODS = frozenset(
	{
		"n2w_mentoring.portal.api.respond_to_duo",
		"n2w_mentoring.portal.api.log_meeting",
		"n2w_mentoring.portal.api.update_plan",
		"n2w_mentoring.portal.api.sign_convention",
		"n2w_mentoring.portal.api.nominate_mentor",
		"n2w_mentoring.portal.api.answer_survey",
		"n2w_mentoring.portal.calendar_feed.regenerate_token",
		"n2w_mentoring.portal.calendar_feed.revoke_token",
		"n2w_mentoring.portal.public.apply_as_mentor",
		"n2w_mentoring.portal.public.apply_as_mentee",
		"n2w_mentoring.portal.language.set_language",
		"n2w_mentoring.portal.language.give_consent",
	}
)
# The form's own hidden fields, not the user's.
OWN = {"n2w_method", "n2w_args", "n2w_wrap", "csrf_token", "cmd"}


def set_path(target: dict, path: str, value) -> None:
	"""``a.b.c`` = value, as portal.js's setPath."""
	keys = path.split(".")
	node = target
	for key in keys[:-1]:
		if not isinstance(node.get(key), dict):
			node[key] = {}
		node = node[key]
	node[keys[-1]] = value


def payload_of(form, args: dict, wrap: str | None) -> tuple[dict, dict]:
	"""(the method's arguments, the fields as typed) from a posted form (a werkzeug MultiDict)."""
	fields, typed = {}, {}
	for name in form:
		if name in OWN:
			continue
		if name.endswith("[]"):
			fields[name[:-2]] = form.getlist(name)
			typed[name] = form.getlist(name)
			continue
		value = form.get(name)
		typed[name] = value
		set_path(fields, name, value)
	payload = dict(args)
	if wrap:
		payload[wrap] = fields
	else:
		payload.update(fields)
	return payload, typed


def handle(context) -> None:
	"""On a POST to a portal page: run the form's method and set what the page shows about it."""
	request = getattr(frappe.local, "request", None)
	context.posted = frappe._dict()
	context.notice = None
	if not request or request.method != "POST":
		return
	method = request.form.get("n2w_method")
	if method not in METHODS:
		frappe.throw(_("The form could not be read; reload the page and try again."))
	try:
		args = json.loads(request.form.get("n2w_args") or "{}")
	except ValueError:
		args = None
	if not isinstance(args, dict):
		frappe.throw(_("The form could not be read; reload the page and try again."))
	payload, typed = payload_of(request.form, args, request.form.get("n2w_wrap") or None)
	answer = frappe.call(frappe.get_attr(method), **payload)
	# A refusal's status is for the script's JSON answer; the page itself is shown normally.
	frappe.local.response.pop("http_status_code", None)
	answer = answer if isinstance(answer, dict) else {}
	if answer.get("ok"):
		frappe.db.commit()
		if answer.get("redirect"):
			frappe.local.flags.redirect_location = answer["redirect"]
			raise frappe.Redirect(303)
		context.notice = frappe._dict(kind="success", text=answer.get("message") or "")
	else:
		context.posted = frappe._dict(typed)
		context.notice = frappe._dict(
			kind="error", text=answer.get("message") or _("The change could not be saved.")
		)
