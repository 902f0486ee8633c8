"""The languages a mentee meets the programme in: codes, names, direction and fallbacks.

The desk and the legal documents (the convention, the action plan, the attestation) stay in French,
Dutch or English (``DOCUMENT_LANGUAGES``). A mentee's own surfaces (the portal, the public forms,
the privacy notice and the consent, their e-mails and calendar, the "what I am signing" summary)
also speak Arabic, Dari, Tigrinya, Ukrainian, Turkish and easy-to-read French.

Codes are Frappe Language names. Frappe falls back from ``xx-YY`` to ``xx`` for a string a
translation file lacks: easy-to-read French is ``fr-FALC`` (facile à lire et à comprendre), so a
string outside the mentee's surfaces reads in French; Dari is ``fa-AF``, so Frappe's own strings
fall back to Persian, which a Dari reader reads.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MenteeLanguage:
	code: str
	# The language's name in itself: what a language switch shows.
	native_name: str
	rtl: bool = False
	# The Frappe Language it falls back to, for a record the app adds.
	based_on: str | None = None


MENTEE_LANGUAGES: tuple[MenteeLanguage, ...] = (
	MenteeLanguage("fr", "Français"),
	MenteeLanguage("fr-FALC", "Français facile", based_on="fr"),
	MenteeLanguage("nl", "Nederlands"),
	MenteeLanguage("en", "English"),
	MenteeLanguage("ar", "العربية", rtl=True),
	MenteeLanguage("fa-AF", "دری", rtl=True, based_on="fa"),
	MenteeLanguage("ti", "ትግርኛ"),
	MenteeLanguage("uk", "Українська"),
	MenteeLanguage("tr", "Türkçe"),
)
CODES = tuple(language.code for language in MENTEE_LANGUAGES)
BY_CODE = {language.code: language for language in MENTEE_LANGUAGES}
# The translation files of the mentee's surfaces: every language but English, the source.
TRANSLATED = tuple(code for code in CODES if code != "en")
DOCUMENT_LANGUAGES = ("fr", "nl", "en")
DEFAULT = "fr"
# Scripts written right to left, by the first part of a code.
RTL_BASES = frozenset({"ar", "fa", "he", "ps", "ur", "prs"})
# The Language records a host may lack: (code, name, based on).
ADDED_LANGUAGES = (
	("fr-FALC", "Français facile à lire", "fr"),
	("fa-AF", "دری", "fa"),
	("ti", "ትግርኛ", None),
)


def normalise(code: str | None) -> str | None:
	"""``code`` as one of the mentee languages (``FR_falc`` is ``fr-FALC``, ``ar-SY`` is ``ar``), or None."""
	if not code or not isinstance(code, str):
		return None
	wanted = code.strip().replace("_", "-").lower()
	for known in CODES:
		if known.lower() == wanted:
			return known
	base = wanted.split("-")[0]
	return base if base in CODES else None


def is_mentee_language(code: str | None) -> bool:
	return bool(code) and code in BY_CODE


def is_rtl(code: str | None) -> bool:
	"""Whether a page in ``code`` is laid out right to left."""
	return bool(code) and code.replace("_", "-").split("-")[0].lower() in RTL_BASES


def direction(code: str | None) -> str:
	return "rtl" if is_rtl(code) else "ltr"


def document_language(code: str | None) -> str:
	"""The language of a legal document for a mentee speaking ``code``: the convention stays French,
	Dutch or English (easy-to-read French reads the French one); anything else is French."""
	base = (code or "").replace("_", "-").split("-")[0].lower()
	return base if base in DOCUMENT_LANGUAGES else DEFAULT


def consent_needed(given: bool, version_seen: str | None, current_version: str | None) -> bool:
	"""Whether the mentee must be asked for consent (again): never given, or given for an older
	version of the programme's privacy notice than the current one."""
	if not current_version:
		return False
	return not given or (version_seen or "") != current_version
