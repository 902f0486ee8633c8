"""The public forms, open without a login: a volunteer applies as a mentor; a job seeker applies as
a mentee, or a social worker refers them with their consent. Each makes an Applicant for staff, in
the programme the form belongs to (``?programme=`` on the page; the default programme without one).

The record is built from the form's own keys only (anything else is refused), the values are
checked here, and each method is rate limited per address.

A closed programme's forms take nothing: the page says the programme takes no application now and
where to ask (HTTP 410), and a POST to it, with or without JavaScript, is refused (410 too).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, today, validate_email_address

from n2w_mentoring import network
from n2w_mentoring.exceptions import ProgrammeClosedError
from n2w_mentoring.portal import check_keys, refused, text
from n2w_mentoring.programme import rules
from n2w_mentoring.utils import get_limits

# Submissions a single address may make in an hour, per form.
LIMIT, WINDOW = 10, 60 * 60

MENTOR_KEYS = {
	"first_name",
	"last_name",
	"email",
	"phone",
	"profession",
	"job_title",
	"sector",
	"workplace_municipality",
	"availability",
	"motivation",
	"consent",
	"programme",
}
MENTEE_KEYS = {
	"referred",
	"first_name",
	"last_name",
	"email",
	"phone",
	"postal_code",
	"municipality",
	"target_profession",
	"french_level",
	"preferred_channel",
	"motivations",
	"referring_organisation",
	"referrer_name",
	"referrer_email",
	"consent",
	"programme",
}
FRENCH_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
CHANNELS = ("Phone", "E-mail", "SMS", "Messaging app")
# A closed programme's form is gone for now: its page and its POSTs answer with this status.
CLOSED_STATUS = 410


def form_programme(name: str | None) -> str | None:
	"""The programme a public form belongs to: the one named, else the default programme."""
	if name and frappe.db.exists("Mentoring Programme", name):
		return name
	return network.default_programme()


def check_form_open(programme: str | None) -> None:
	"""A closed programme's form takes no application."""
	if not network.is_open(programme):
		frappe.throw(closed_message(programme), title=_("Programme closed"), exc=ProgrammeClosedError)


def closed_message(programme: str | None) -> str:
	name = frappe.db.get_value("Mentoring Programme", programme, "programme_name") or programme
	return _("The programme {0} does not take applications now.").format(name)


def closed_page(context) -> bool:
	"""On a closed programme's form, what the page shows instead of the form: that it takes no
	application now, and the centre to ask (the page answers 410, and takes no POST)."""
	if network.is_open(context.programme):
		return False
	context.closed = closed_message(context.programme)
	context.http_status_code = CLOSED_STATUS
	return True


def form_context(context) -> bool:
	"""What a programme's public form shows: its programme (``?programme=<name>``, the default one
	without), its centre's identity and the programme's figures; a form sent without JavaScript is
	handled. True when the programme is closed: the page then says so and takes no POST."""
	from n2w_mentoring.portal import plain_post, portal_identity

	context.programme = form_programme(frappe.form_dict.get("programme"))
	context.identity = portal_identity(programme=context.programme)
	context.centre = context.identity.name or _("The centre")
	if closed_page(context):
		return True
	context.terms = programme_terms(context.programme)
	plain_post.handle(context)
	return False


def programme_terms(programme: str | None) -> frappe._dict:
	"""The programme's figures, in words, as the forms say them (its months, meetings, cadence and
	longest meeting; the singular when a count is one)."""
	phrases = rules.count_phrases(get_limits(programme))
	return frappe._dict({key: _(message).format(*args) for key, (message, args) in phrases.items()})


def _consent(values: dict, message: str, programme: str | None) -> dict:
	if not cint(values.get("consent")):
		frappe.throw(message)
	version = network.centre_identity(programme).notice_version or "1"
	return {"consent_given": 1, "consent_date": today(), "consent_notice_version": version}


def _name_and_contact(values: dict, need_email: bool) -> dict:
	first_name, last_name = text(values, "first_name"), text(values, "last_name")
	email, phone = text(values, "email").lower(), text(values, "phone", 40)
	if not (first_name and last_name):
		frappe.throw(_("Give a first name and a last name."))
	if email and not validate_email_address(email):
		frappe.throw(_("Give a valid e-mail address."))
	if need_email and not email:
		frappe.throw(_("Give an e-mail address."))
	if not (email or phone):
		frappe.throw(_("Give an e-mail address or a phone number."))
	return {"first_name": first_name, "last_name": last_name, "email": email or None, "phone": phone}


def _choice(values: dict, key: str, options: tuple[str, ...]) -> str:
	value = text(values, key)
	if value and value not in options:
		frappe.throw(_("Choose a value from the list."))
	return value


def _thanks() -> dict:
	return {
		"ok": True,
		"message": _("Thank you! We have received your form. Someone from the centre will contact you soon."),
	}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=LIMIT, seconds=WINDOW)
def apply_as_mentor(data=None) -> dict:
	try:
		values = check_keys(data, MENTOR_KEYS)
		person = _name_and_contact(values, need_email=True)
		programme = form_programme(text(values, "programme"))
		check_form_open(programme)
		consent = _consent(values, _("Tick the box to agree to the processing of your data."), programme)
		sector = text(values, "sector")
		if sector and not frappe.db.exists("Professional Sector", sector):
			frappe.throw(_("Choose a value from the list."))
		if frappe.db.exists("Mentor", {"email": person["email"]}):
			# Same answer as for a new application: the form tells no one who is already known.
			return _thanks()
		mentor = frappe.get_doc(
			{
				"doctype": "Mentor",
				**person,
				**consent,
				"status": "Applicant",
				"capacity": 1,
				"programmes": [{"programme": programme}] if programme else [],
				"profession": text(values, "profession"),
				"job_title": text(values, "job_title"),
				"sector": sector or None,
				"workplace_municipality": text(values, "workplace_municipality"),
				"availability": text(values, "availability", 1000),
				"motivation": text(values, "motivation", 2000),
			}
		)
		mentor.insert(ignore_permissions=True)
		mentor.add_comment("Comment", _("Application received through the public form."))
		return _thanks()
	except frappe.ValidationError as exc:
		return refused_form(exc)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=LIMIT, seconds=WINDOW)
def apply_as_mentee(data=None) -> dict:
	try:
		values = check_keys(data, MENTEE_KEYS)
		referred = text(values, "referred") == "referral"
		person = _name_and_contact(values, need_email=False)
		referral = {}
		if referred:
			referral = {
				"referring_organisation": text(values, "referring_organisation"),
				"referrer_name": text(values, "referrer_name"),
				"referrer_email": text(values, "referrer_email").lower(),
			}
			if not (referral["referring_organisation"] and referral["referrer_name"]):
				frappe.throw(_("Give your name and your organisation."))
			if not validate_email_address(referral["referrer_email"]):
				frappe.throw(_("Give your e-mail address, so that the centre can reach you."))
		programme = form_programme(text(values, "programme"))
		check_form_open(programme)
		consent = _consent(
			values,
			_("The person must agree to the processing of their data: tick the box.")
			if referred
			else _("Tick the box to agree to the processing of your data."),
			programme,
		)
		mentee = frappe.get_doc(
			{
				"doctype": "Mentee",
				**person,
				**referral,
				**consent,
				"status": "Applicant",
				"programme": programme,
				"postal_code": text(values, "postal_code", 10),
				"municipality": text(values, "municipality"),
				"target_profession": text(values, "target_profession"),
				"french_level": _choice(values, "french_level", FRENCH_LEVELS),
				"preferred_channel": _choice(values, "preferred_channel", CHANNELS),
				"motivations": text(values, "motivations", 2000),
			}
		)
		mentee.insert(ignore_permissions=True)
		mentee.add_comment(
			"Comment",
			_("Referral received through the public form.")
			if referred
			else _("Application received through the public form."),
		)
		return _thanks()
	except frappe.ValidationError as exc:
		return refused_form(exc)


def refused_form(exc: Exception) -> dict:
	"""A refused form's answer; a closed programme's is 410, as its page."""
	answer = refused(exc)
	if isinstance(exc, ProgrammeClosedError):
		frappe.local.response["http_status_code"] = CLOSED_STATUS
	return answer
