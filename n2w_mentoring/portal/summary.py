""" "What I am signing": the convention in plain words, one page in the mentee's own language.

The convention is the legal document and stays in French, Dutch or English. Beside it, the mentee
gets this summary in their language (the Mentee's ``preferred_language``): who the parties are,
for how long, how often they meet, what the mentor does and does not do, confidentiality, how to
stop, whom to call. Only the programme's staff who may read the convention and the mentee of that
convention get it.
"""

from __future__ import annotations

import functools
import re
import textwrap

import frappe
from frappe import _
from markupsafe import Markup, escape

from n2w_mentoring.portal import DUO_FIELDS, coordinator_contact
from n2w_mentoring.portal.language import in_language
from n2w_mentoring.programme import languages

HARAKAT = re.compile("[\u064b-\u065f\u0670]")
# The end of a sentence, where a new line starts: . ! ? and their Arabic forms, before a space.
SENTENCE_END = re.compile(r"(?<=[.!?\u061f\u06d4])\s+")
# Characters in a line of right-to-left text in the summary (17 cm at 11 pt).
RTL_LINE_CHARS = 64
TEMPLATE = "n2w_mentoring/templates/print/what_i_am_signing.html"
FIELDS = (
	"name",
	"duo",
	"mentee",
	"mentee_name",
	"mentor_name",
	"partner_organisation",
	"language",
	"programme_months",
	"max_meetings",
	"meetings_per_month",
	"max_meeting_minutes",
	"meeting_place",
	"docstatus",
)


def check_reader(convention: frappe._dict) -> None:
	"""Staff who may read the convention, or its mentee; anyone else is refused alike."""
	user = frappe.session.user
	if user != "Guest":
		mentee_user = frappe.db.get_value("Mentee", convention.mentee, "user") if convention.mentee else None
		if mentee_user == user:
			return
		from n2w_mentoring.permissions import is_staff

		if is_staff(user) and frappe.has_permission("Convention", "read", convention.name, user=user):
			return
	raise frappe.PermissionError(_("You cannot see this convention."))


def language_for(convention: frappe._dict) -> str:
	preferred = (
		frappe.db.get_value("Mentee", convention.mentee, "preferred_language") if convention.mentee else None
	)
	return languages.normalise(preferred) or languages.DEFAULT


def summary_html(name: str) -> tuple[str, str]:
	"""The summary of convention ``name`` as HTML, and its language; the caller is checked first."""
	convention = frappe.db.get_value("Convention", name, list(FIELDS), as_dict=True) if name else None
	if not convention or convention.docstatus == 2:
		raise frappe.PermissionError(_("You cannot see this convention."))
	check_reader(convention)
	lang = language_for(convention)
	duo = frappe.db.get_value("Duo", convention.duo, list(DUO_FIELDS), as_dict=True) or frappe._dict()
	with in_language(lang):
		contact = coordinator_contact(duo)
		document_language = {"fr": "French", "nl": "Dutch", "en": "English"}[
			languages.document_language(convention.language or lang)
		]
		html = frappe.render_template(
			TEMPLATE,
			{
				"c": convention,
				"contact": contact,
				"centre": _centre_name(duo),
				"document_language": _(document_language),
				"lang": lang,
				"dir": languages.direction(lang),
				"wrap": functools.partial(wrap, rtl=languages.is_rtl(lang)),
				"_": _,
			},
		)
	return html, lang


def wrap(text: str, rtl: bool = False) -> Markup:
	"""``text``, escaped; right to left, cut into lines of a safe length, without vowel marks.

	wkhtmltopdf's WebKit finds no line break inside Arabic-script text: a long line would run off
	the page, so the lines are cut here: a sentence to a line (one idea per line), a long sentence at
	spaces, short enough for the page. It also misplaces a
	line holding Arabic's optional vowel marks (harakat: shadda, tanwin…), which ordinary Arabic and
	Dari print does without. Shaping and direction are right; a line mixing directions (a number,
	a name in Latin letters, punctuation) may start a few millimetres off the right margin."""
	if not rtl:
		return escape(text)
	text = HARAKAT.sub("", str(text))
	lines = [
		line for sentence in SENTENCE_END.split(text) for line in textwrap.wrap(sentence, RTL_LINE_CHARS)
	]
	return Markup("<br>").join(escape(line) for line in lines)


def _centre_name(duo) -> str:
	from n2w_mentoring.network import centre_identity

	return centre_identity(duo.get("programme")).name or _("The centre")


@frappe.whitelist(methods=["GET"])
def download(convention: str):
	"""The "what I am signing" summary of a convention, as a PDF in the mentee's language."""
	from frappe.utils.pdf import get_pdf

	html, lang = summary_html(convention if isinstance(convention, str) else "")
	frappe.local.response.filename = f"what-i-am-signing-{lang}.pdf"
	frappe.local.response.filecontent = get_pdf(html, {"page-size": "A4"})
	frappe.local.response.type = "pdf"
