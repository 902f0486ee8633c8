"""The mentee's own language in the portal: a guest's language switch, the user's choice, the
consent to the privacy notice in that language, and text rendered in someone else's language.

Frappe decides the language of a request (``frappe.translate.get_language``): a ``_lang``
parameter first, then a signed-in user's ``language``; for a guest, the ``preferred_language``
cookie, then the browser's ``Accept-Language``. The portal's switch is a plain link carrying
``_lang`` to the same page; the page then keeps the choice in that cookie for the guest's next pages.
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime, today

from n2w_mentoring.exceptions import MentoringError
from n2w_mentoring.portal import portal_write, refused, require_login
from n2w_mentoring.programme import languages
from n2w_mentoring.programme.languages import MENTEE_LANGUAGES

COOKIE = "preferred_language"
# A guest's choice lasts a month.
COOKIE_DAYS = 30


def current() -> str:
	return frappe.local.lang or "en"


def remember_guest_choice() -> None:
	"""A guest who followed the language switch (``?_lang=ar``) keeps the language on their next pages."""
	if frappe.session.user != "Guest":
		return
	chosen = languages.normalise(frappe.form_dict.get("_lang"))
	if not chosen:
		return
	frappe.local.lang = chosen
	cookies = getattr(frappe.local, "cookie_manager", None)
	if cookies:
		cookies.set_cookie(COOKIE, chosen, expires=add_days(now_datetime(), COOKIE_DAYS), samesite="Lax")


def switch_links(path: str, keep: dict | None = None) -> list[frappe._dict]:
	"""The language switch of a public page: one link per mentee language to the same page (a path of
	the site, never another site), with the page's own parameters kept."""
	here = current()
	links = []
	for language in MENTEE_LANGUAGES:
		query = {k: v for k, v in (keep or {}).items() if v}
		query["_lang"] = language.code
		links.append(
			frappe._dict(
				code=language.code,
				name=language.native_name,
				dir=languages.direction(language.code),
				href=f"{path}?{urlencode(query)}",
				current=language.code == here,
			)
		)
	return links


def choices() -> list[frappe._dict]:
	"""The mentee languages for the portal's choice, each in its own name."""
	here = current()
	return [
		frappe._dict(code=x.code, name=x.native_name, dir=languages.direction(x.code), current=x.code == here)
		for x in MENTEE_LANGUAGES
	]


@contextlib.contextmanager
def in_language(language: str | None):
	"""Translate with ``_`` in ``language`` for the time of the block, then restore the language."""
	previous = frappe.local.lang
	frappe.local.lang = language or previous
	try:
		yield
	finally:
		frappe.local.lang = previous


def mentee_of(user: str) -> frappe._dict | None:
	return frappe.db.get_value(
		"Mentee",
		{"user": user},
		[
			"name",
			"programme",
			"preferred_language",
			"consent_given",
			"consent_notice_version",
			"consent_language",
		],
		as_dict=True,
	)


def notice_version_of(programme: str | None) -> str:
	if not programme:
		return ""
	return frappe.db.get_value("Mentoring Programme", programme, "consent_notice_version") or ""


def consent_to_ask(user: str) -> frappe._dict | None:
	"""The consent a signed-in mentee is asked for: none yet, or one given to an older notice."""
	mentee = mentee_of(user)
	if not mentee:
		return None
	version = notice_version_of(mentee.programme)
	if not languages.consent_needed(bool(mentee.consent_given), mentee.consent_notice_version, version):
		return None
	return frappe._dict(version=version, renewal=bool(mentee.consent_given))


# --- The portal's forms -----------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
@portal_write
def set_language(language: str | None = None) -> dict:
	"""The signed-in mentee's language for the portal and their e-mails: their User and their Mentee."""
	user = require_login()
	try:
		mentee = mentee_of(user)
		if not mentee:
			# Mentors, partners and staff keep French, Dutch or English (their User's language).
			frappe.throw(_("This page is not available to you."), exc=MentoringError)
		code = languages.normalise(language)
		if not code:
			frappe.throw(_("Choose one of the languages of the list."), exc=MentoringError)
		# The caller's own User record: portal users hold no write permission on User.
		frappe.db.set_value("User", user, "language", code)
		frappe.clear_cache(user=user)
		if mentee.preferred_language != code:
			# The caller's own mentee record (found by their user above).
			frappe.db.set_value("Mentee", mentee.name, "preferred_language", code)
		frappe.local.lang = code
		return {"ok": True, "message": _("Your language is saved.")}
	except frappe.ValidationError as exc:
		return refused(exc)


@frappe.whitelist(methods=["POST"])
@portal_write
def give_consent(agree=None) -> dict:
	"""A signed-in mentee consents to the programme's current privacy notice, read in their language:
	the consent records the date, the notice's version and the language."""
	user = require_login()
	try:
		mentee = mentee_of(user)
		if not mentee:
			frappe.throw(_("Only a mentee gives this consent in the portal."), exc=MentoringError)
		if not frappe.utils.cint(agree):
			frappe.throw(_("Tick the box to give your consent."), exc=MentoringError)
		version = notice_version_of(mentee.programme)
		if not version:
			frappe.throw(_("The centre has no privacy notice to consent to yet."), exc=MentoringError)
		doc = frappe.get_doc("Mentee", mentee.name, for_update=True)
		doc.consent_given = 1
		doc.consent_date = today()
		doc.consent_notice_version = version
		doc.consent_language = languages.normalise(current()) or languages.DEFAULT
		doc.consent_recorded_by = user
		# The caller's own record (found by their user above); portal roles hold no write on Mentee.
		doc.flags.ignore_permissions = True
		doc.save()
		return {"ok": True, "message": _("Thank you: your consent is recorded.")}
	except frappe.ValidationError as exc:
		return refused(exc)
