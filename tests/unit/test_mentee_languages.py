"""The mentee's surfaces speak every mentee language: the strings of the pages, forms, privacy
notice, consent, e-mails, calendar and "what I am signing" summary a mentee meets are translated
in every language of ``n2w_mentoring.programme.languages``, with their placeholders; the glossary
of the programme's words is used consistently; the language rules hold."""

from __future__ import annotations

import ast
import csv
import json
import re

import pytest
from translatable import APP, TEMPLATE_CALL, _unescape, translated_literals

from n2w_mentoring.programme import languages

PLACEHOLDER = re.compile(r"\{\d+\}")
ROOT = APP.parent

# The templates a mentee meets, whole.
TEMPLATES = (
	"templates/portal/base.html",
	"templates/portal/error.html",
	"templates/portal/macros.html",
	"templates/portal/privacy_summary.html",
	"templates/portal/closed.html",
	"templates/print/what_i_am_signing.html",
	"www/mentoring/index.html",
	"www/mentoring/duo.html",
	"www/mentoring/meeting.html",
	"www/mentoring/calendar.html",
	"www/mentoring/plan.html",
	"www/mentoring/convention.html",
	"www/mentoring/login.html",
	"www/mentoring/apply.html",
)
# The Python a mentee's pages and e-mails run: a whole module (None) or some of its functions.
PYTHON = {
	"portal/__init__.py": None,
	"portal/language.py": None,
	"portal/summary.py": None,
	"portal/login.py": None,
	"portal/calendar_feed.py": None,
	"portal/plain_post.py": None,
	"www/mentoring/index.py": None,
	"www/mentoring/duo.py": None,
	"www/mentoring/meeting.py": None,
	"www/mentoring/calendar.py": None,
	"www/mentoring/plan.py": None,
	"www/mentoring/convention.py": None,
	"www/mentoring/login.py": None,
	"www/mentoring/apply.py": None,
	"portal/api.py": {
		"respond_to_duo",
		"_accept",
		"_decline",
		"log_meeting",
		"_meeting_values",
		"_date",
		"_themes",
		"_objectives",
		"update_plan",
		"sign_convention",
		"answer_survey",
	},
	"portal/public.py": {
		"_consent",
		"_name_and_contact",
		"_choice",
		"_thanks",
		"apply_as_mentee",
		"check_form_open",
		"closed_message",
		"form_context",
	},
	"programme/rules.py": {"count_phrases"},
	"reminders.py": {"upcoming_meetings", "meetings_to_log", "conventions_to_sign"},
}
# Values the pages show through _(value): the duo's states, the meeting's kinds and statuses, the
# contact channels, the parties of a convention, the languages of the convention.
SELECT_VALUES = (
	("mentoring/doctype/meeting/meeting.json", ("kind", "status")),
	("mentoring/doctype/mentee/mentee.json", ("preferred_channel",)),
	("mentoring/doctype/convention_signatory/convention_signatory.json", ("party",)),
)
EXTRA = ("French", "Dutch", "English", "Mentor", "Mentee")


def _python_strings(path, functions) -> set[str]:
	tree = ast.parse((APP / path).read_text())
	roots = (
		[tree]
		if functions is None
		else [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name in functions]
	)
	if functions is not None:
		assert {n.name for n in roots} == set(functions), f"{path}: a listed function is gone"
	return {text for root in roots for text, _line in translated_literals(root)}


def mentee_strings() -> set[str]:
	found: set[str] = set()
	for path in TEMPLATES:
		for match in TEMPLATE_CALL.finditer((APP / path).read_text()):
			found.add(_unescape(next(g for g in match.groups() if g is not None)))
	for path, functions in PYTHON.items():
		found |= _python_strings(path, functions)
	for path, fieldnames in SELECT_VALUES:
		for field in json.loads((APP / path).read_text())["fields"]:
			if field["fieldname"] in fieldnames:
				found.update(o for o in (field.get("options") or "").split("\n") if o.strip())
	workflow = json.loads((APP / "fixtures" / "workflow.json").read_text())
	found.update(s["state"] for w in workflow for s in w["states"])
	found.update(EXTRA)
	return {s for s in found if s.strip()}


STRINGS = mentee_strings()


def load(lang: str) -> dict[str, str]:
	path = APP / "translations" / f"{lang}.csv"
	with open(path, newline="", encoding="utf-8") as handle:
		return {row[0]: row[1] for row in csv.reader(handle) if row}


def test_the_mentee_surfaces_have_their_strings():
	assert len(STRINGS) > 200
	assert {"What I am signing", "Save my language", "I give my consent"} <= STRINGS


@pytest.mark.parametrize("lang", languages.TRANSLATED)
def test_every_mentee_string_is_translated(lang):
	translations = load(lang)
	missing = sorted(s for s in STRINGS if not translations.get(s, "").strip())
	assert not missing, f"{len(missing)} strings of the mentee's surfaces lack a {lang} translation:\n" + (
		"\n".join(missing)
	)


@pytest.mark.parametrize("lang", languages.TRANSLATED)
def test_placeholders_survive(lang):
	wrong = [
		s for s, t in load(lang).items() if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t))
	]
	assert not wrong, wrong[:10]


@pytest.mark.parametrize("lang", languages.TRANSLATED)
def test_translation_files_are_two_columns_without_duplicates(lang):
	with open(APP / "translations" / f"{lang}.csv", newline="", encoding="utf-8") as handle:
		rows = [row for row in csv.reader(handle) if row]
	assert {len(row) for row in rows} == {2}
	sources = [row[0] for row in rows]
	assert len(sources) == len(set(sources)), "a string is translated twice"


@pytest.mark.parametrize("lang", ["ar", "fa-AF"])
def test_right_to_left_translations_are_in_their_script(lang):
	arabic_script = re.compile("[\u0600-\u06ff]")
	latin_only = [s for s in STRINGS if not arabic_script.search(load(lang)[s]) and re.search("[a-z]{3}", s)]
	assert not latin_only, latin_only[:10]


# --- The glossary ----------------------------------------------------------------------------------

GLOSSARY = ROOT / "docs" / "glossary.md"


def glossary() -> dict[str, dict[str, str]]:
	"""The glossary's table: English term → {language code: term}."""
	rows = [line for line in GLOSSARY.read_text().splitlines() if line.startswith("|")]
	header = [cell.strip().strip("`") for cell in rows[0].strip("|").split("|")]
	terms = {}
	for row in rows[2:]:
		cells = [cell.strip() for cell in row.strip("|").split("|")]
		terms[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
	return terms


def test_the_glossary_covers_every_language_and_the_programme_words():
	terms = glossary()
	assert {"duo", "mentor", "mentee", "convention", "action plan", "meeting", "coordinator"} <= set(terms)
	for term, by_language in terms.items():
		assert set(languages.TRANSLATED) <= set(by_language), term
		assert all(by_language[code] for code in languages.TRANSLATED), term


# A glossary term and the source strings that must carry it in every language.
CONSISTENT = {
	"coordinator": ("Your coordinator",),
	"convention": ("Sign the convention", "Read the convention"),
	"meeting": ("Next meeting", "Planned meetings"),
}


@pytest.mark.parametrize("term", sorted(CONSISTENT))
def test_translations_use_the_glossary(term):
	by_language = glossary()[term]
	wrong = []
	for lang in languages.TRANSLATED:
		translations = load(lang)
		# A term may bend (plural, case): its first letters, case aside, must appear.
		word = by_language[lang].split("/")[0].strip().lower()
		stem = word[: min(4, max(len(word) - 1, 2))]
		wrong += [(lang, s) for s in CONSISTENT[term] if stem not in translations[s].lower()]
	assert not wrong, wrong


# --- The rules -------------------------------------------------------------------------------------


def test_codes_and_fallbacks():
	assert languages.CODES == ("fr", "fr-FALC", "nl", "en", "ar", "fa-AF", "ti", "uk", "tr")
	assert languages.normalise("FR_falc") == "fr-FALC"
	assert languages.normalise("ar-SY") == "ar"
	assert languages.normalise("de") is None
	assert languages.normalise(None) is None
	# The parent Frappe falls back to is the part before the hyphen.
	assert "fr-FALC".split("-")[0] == "fr" and "fa-AF".split("-")[0] == "fa"


def test_direction():
	assert [languages.direction(c) for c in ("ar", "fa-AF", "ti", "fr-FALC", "uk")] == [
		"rtl",
		"rtl",
		"ltr",
		"ltr",
		"ltr",
	]


def test_the_convention_stays_french_dutch_or_english():
	assert languages.document_language("fr-FALC") == "fr"
	assert languages.document_language("nl") == "nl"
	assert languages.document_language("ar") == "fr"
	assert languages.document_language(None) == "fr"


def test_consent_is_asked_again_for_a_new_notice():
	assert languages.consent_needed(False, None, "2026-03")
	assert not languages.consent_needed(True, "2026-03", "2026-03")
	assert languages.consent_needed(True, "2025-01", "2026-03")
	# No versioned notice: nothing to consent to in the portal.
	assert not languages.consent_needed(False, None, "")
