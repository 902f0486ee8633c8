"""What the app's print formats need: text in the document's language, Belgian dates, figures.

A convention, an action plan or an attestation is printed in the language of the document (the
convention's ``language``, the mentee's ``preferred_language``), whoever prints it. The templates
call one Jinja method, ``n2w_print_context(doc)``, and take everything from what it returns:

- ``t(text)``: the text in the document's language, HTML-escaped; ``t(text, a, b)`` fills the
  ``{0}``, ``{1}`` placeholders of the translated text with the values, escaped too;
- ``date(value)``: a date written out the Belgian way (23 novembre 2026, 23 november 2026);
- ``e(value)``: a value typed by a user, escaped; ``lines(value)``: the same with line breaks kept;
- the letterhead (name, address, e-mail, phone, logo) of the centre running the record's programme;
- per DocType, what its template shows (parties and signatures, objectives by axis, the duo's
  figures for the attestation).

Translations come from the apps' ``translations/<lang>.csv`` files and the site's Translation
records (``frappe.translate.get_all_translations``); a text without one stays as written.
"""

from __future__ import annotations

import base64
import mimetypes
from datetime import date

import frappe
from frappe.utils import getdate, today
from frappe.utils.html_utils import clean_html
from markupsafe import Markup, escape

from n2w_mentoring.network import centre_identity, default_programme, programme_of_duo

LANGUAGES = ("fr", "nl", "en")
DEFAULT_LANGUAGE = "fr"
LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}

AXES = ("Co-constructed", "Concrete", "Moral support", "Relational", "Technical")
PARTY_LABELS = {
	"Mentee": "The mentee",
	"Mentor": "The mentor",
	"Centre": "The centre",
	"Partner Organisation": "The partner organisation",
}
SIGNATURE_METHODS = {"On paper": "On paper", "In the portal": "In the portal"}
LOGO_MAX_BYTES = 2 * 1024 * 1024
# The programme's default meeting place: the template says it in a sentence of its own.
DEFAULT_MEETING_PLACE = "At the mentor's workplace"

# The convention's texts as the app installs them in a programme (in French), written in
# English: a convention in another language that still carries the installed text gets this one,
# translated, instead of French in the middle of Dutch or English.
STANDARD_TEXTS = {
	"confidentiality": (
		"The parties undertake to keep confidential the personal information exchanged during the "
		"mentoring. The mentor passes on no information about the mentee to their employer or to "
		"third parties without the mentee's agreement."
	),
	"roles_text": (
		"<p><b>The mentee</b> takes an active part in the mentoring, prepares the meetings and keeps "
		"the centre informed of how their job search is going.</p>"
		"<p><b>The mentor</b> shares their professional experience, welcomes the mentee at their "
		"workplace and helps them understand the codes of their trade and sector.</p>"
		"<p><b>The centre</b> trains the mentors, follows the duo and leads the network.</p>"
		"<p><b>The partner organisation</b> allows its employee to devote time to the mentoring.</p>"
	),
	"axes_text": (
		"<ol><li>Co-constructed support: tailored support, based on a shared analysis.</li>"
		"<li>Concrete support: adopting the attitudes that companies expect.</li>"
		"<li>Moral support: building self-confidence and self-esteem.</li>"
		"<li>Relational support: developing and widening the professional network.</li>"
		"<li>Technical support: identifying one's strengths and professional qualities, knowing "
		"oneself better to present oneself better.</li></ol>"
	),
}


# --- Language -------------------------------------------------------------------------------------


def language_of(value: str | None) -> str:
	"""One of the app's document languages: ``fr-BE`` and ``FR`` are ``fr``; anything else French."""
	code = (value or "").strip().lower().replace("_", "-").split("-")[0]
	return code if code in LANGUAGES else DEFAULT_LANGUAGE


def t(text: str, lang: str | None) -> str:
	"""``text`` in ``lang`` (plain, not escaped), or ``text`` itself when it has no translation."""
	if not text:
		return text
	lang = language_of(lang)
	if lang == "en":
		return text
	from frappe.translate import get_all_translations

	return get_all_translations(lang).get(text) or text


def format_date(value, lang: str | None, style: str = "long") -> str:
	"""``value`` written out the Belgian way: 23 novembre 2026, 23 november 2026, 23 November 2026;
	with ``style="numeric"``, 23/11/2026 in every language."""
	if not value:
		return ""
	from babel.dates import format_date as babel_format_date

	pattern = "dd/MM/yyyy" if style == "numeric" else style
	return babel_format_date(getdate(value), pattern, locale=LOCALES[language_of(lang)])


def format_number(value, lang: str | None) -> str:
	"""A number with the language's decimal sign: 15,5 in French and Dutch, 15.5 in English."""
	from babel.numbers import format_decimal

	return format_decimal(value or 0, format="#,##0.#", locale=LOCALES[language_of(lang)])


def document_language(doc) -> str:
	"""The language a document is printed in, whoever prints it."""
	if doc.get("language"):
		return language_of(doc.language)
	duo = doc.name if doc.doctype == "Duo" else doc.get("duo")
	mentee = doc.get("mentee") if doc.doctype == "Duo" else None
	if not mentee and duo:
		mentee = frappe.db.get_value("Duo", duo, "mentee")
	return language_of(frappe.db.get_value("Mentee", mentee, "preferred_language") if mentee else None)


# --- The context the templates use ----------------------------------------------------------------


class Printer:
	"""Text helpers bound to one language, for a template."""

	def __init__(self, lang: str):
		self.lang = language_of(lang)

	def t(self, text: str, *args) -> Markup:
		translated = escape(t(text, self.lang))
		if args:
			return Markup(translated).format(*(self._arg(a) for a in args))
		return Markup(translated)

	def _arg(self, value):
		if isinstance(value, Markup):
			return value
		if isinstance(value, date):
			return escape(format_date(value, self.lang))
		if isinstance(value, float):
			return escape(format_number(value, self.lang))
		return escape("" if value is None else value)

	def date(self, value, style: str = "long") -> str:
		return format_date(value, self.lang, style)

	def number(self, value) -> str:
		return format_number(value, self.lang)

	@staticmethod
	def e(value) -> Markup:
		return escape("" if value is None else value)

	@staticmethod
	def lines(value) -> Markup:
		"""Text typed by a user, escaped, its line breaks kept."""
		return Markup("<br>").join(escape(line) for line in str(value or "").strip().splitlines())

	@staticmethod
	def html(value) -> Markup:
		"""Rich text written by the programme's staff, cleaned of anything but formatting."""
		return Markup(clean_html(value or ""))


def n2w_print_context(doc) -> frappe._dict:
	"""Everything a print format of the app shows, for ``doc`` (Convention, Action Plan or Duo)."""
	lang = document_language(doc)
	printer = Printer(lang)
	context = frappe._dict(
		lang=lang,
		t=printer.t,
		date=printer.date,
		number=printer.number,
		e=printer.e,
		lines=printer.lines,
		html=printer.html,
		centre=centre(programme_of_record(doc)),
		today=getdate(today()),
	)
	builder = {
		"Convention": convention_context,
		"Action Plan": action_plan_context,
		"Duo": attestation_context,
	}.get(doc.doctype)
	if builder:
		context.update(builder(doc, printer))
	return context


def programme_of_record(doc) -> str | None:
	"""A duo's programme, or the programme of the duo a record hangs off."""
	if doc.doctype == "Duo":
		return doc.get("programme") or default_programme()
	return programme_of_duo(doc.get("duo"))


def centre(programme: str | None = None) -> frappe._dict:
	"""The letterhead of the centre running ``programme`` (the default programme when empty)."""
	identity = centre_identity(programme)
	return frappe._dict(
		name=identity.name,
		address=identity.address,
		email=identity.email,
		phone=identity.phone,
		logo=logo_data_uri(identity.logo),
	)


def logo_data_uri(file_url: str | None) -> str | None:
	"""The centre's logo inlined in the page, so that wkhtmltopdf needs neither a server nor a session."""
	if not file_url:
		return None
	mime_type = mimetypes.guess_type(file_url.split("?")[0])[0]
	if not mime_type or not mime_type.startswith("image/"):
		return None
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		return None
	try:
		content = frappe.get_doc("File", name).get_content()
	except Exception:
		frappe.logger("n2w_mentoring").warning(f"The centre's logo {file_url} could not be read")
		return None
	if isinstance(content, str):
		content = content.encode()
	if not content or len(content) > LOGO_MAX_BYTES:
		return None
	return f"data:{mime_type};base64,{base64.b64encode(content).decode()}"


# --- Convention -----------------------------------------------------------------------------------


def convention_context(doc, printer: Printer) -> dict:
	from n2w_mentoring.setup.install import DEFAULT_TERMS

	def term(fieldname: str) -> str:
		value = doc.get(fieldname) or ""
		if printer.lang != "fr" and _same_text(value, DEFAULT_TERMS.get(fieldname)):
			return t(STANDARD_TEXTS[fieldname], printer.lang)
		return value

	mentor = (
		frappe.db.get_value("Mentor", doc.mentor, ["full_name", "job_title", "profession"], as_dict=True)
		or frappe._dict()
	)
	organisation = None
	if doc.partner_organisation:
		organisation = frappe.db.get_value(
			"Partner Organisation",
			doc.partner_organisation,
			["organisation_name", "address_line", "postal_code", "municipality"],
			as_dict=True,
		)
	signatures = [
		frappe._dict(
			party=printer.t(PARTY_LABELS.get(row.party, row.party)),
			name=row.signatory_name,
			signed_on=printer.date(row.signed_on) if row.signed_on else "",
			method=printer.t(SIGNATURE_METHODS[row.signature_method])
			if row.signature_method in SIGNATURE_METHODS
			else "",
		)
		for row in doc.signatories
	]
	place = (doc.meeting_place or "").strip()
	if place in (DEFAULT_MEETING_PLACE, t(DEFAULT_MEETING_PLACE, printer.lang)):
		place = ""
	return {
		"meeting_place": place,
		"mentor": mentor,
		"mentor_job": mentor.job_title or mentor.profession or "",
		"organisation": organisation,
		"organisation_address": _address(organisation),
		"confidentiality": term("confidentiality"),
		"roles_text": term("roles_text"),
		"axes_text": term("axes_text"),
		"signatures": signatures,
	}


def _same_text(a: str | None, b: str | None) -> bool:
	return bool(a and b) and " ".join(a.split()) == " ".join(b.split())


def _address(row) -> str:
	if not row:
		return ""
	place = " ".join(p for p in (row.postal_code, row.municipality) if p)
	return ", ".join(p for p in (row.address_line, place) if p)


# --- Action plan ----------------------------------------------------------------------------------


def action_plan_context(doc, printer: Printer) -> dict:
	groups = {axis: [] for axis in AXES}
	others = []
	for row in doc.objectives:
		(groups[row.axis] if row.axis in groups else others).append(
			frappe._dict(
				objective=row.objective,
				theme=printer.t(row.theme) if row.theme else "",
				target_date=printer.date(row.target_date, "numeric") if row.target_date else "",
				status=printer.t(row.status) if row.status else "",
				achieved=row.status == "Achieved",
			)
		)
	axes = [frappe._dict(label=printer.t(axis), rows=rows) for axis, rows in groups.items() if rows]
	if others:
		axes.append(frappe._dict(label=printer.t("Other objectives"), rows=others))
	return {"axes": axes, "objectives_total": len(doc.objectives)}


# --- Attestation of participation (Duo) -----------------------------------------------------------


def attestation_context(doc, printer: Printer) -> dict:
	"""What the attestation shows: nothing about the mentee but their name and the mentoring itself."""
	mentor = (
		frappe.db.get_value(
			"Mentor", doc.mentor, ["sector", "profession", "job_title", "partner_organisation"], as_dict=True
		)
		or frappe._dict()
	)
	ended = doc.status in ("Completed", "Ended Early") and bool(doc.actual_end)
	end = doc.actual_end or (None if ended else doc.planned_end)
	return {
		"mentee_name": doc.mentee_name or frappe.db.get_value("Mentee", doc.mentee, "full_name"),
		"mentor_profession": mentor.profession or mentor.job_title or "",
		"mentor_sector": printer.t(mentor.sector) if mentor.sector else "",
		"mentor_organisation": doc.partner_organisation or mentor.partner_organisation or "",
		"start": getdate(doc.start_date) if doc.start_date else None,
		"end": getdate(end) if end else None,
		"ended": ended,
		"meetings_held": doc.meetings_held or 0,
		"hours": printer.number(doc.hours_of_mentoring or 0),
	}
