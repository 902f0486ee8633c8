"""Words, professions and availability read from the free text of the profiles (French, Dutch, English)."""

from __future__ import annotations

import re
from functools import cache

from n2w_mentoring.programme.matching.geography import normalise
from n2w_mentoring.programme.rules import _

WORD = re.compile(r"[a-z0-9]+")
LETTERS = re.compile(r"[^\W_]+")

STOPWORDS = frozenset(
	"""
	les des une dans pour par avec sans sur sous aux du de la le et ou en au un que qui est son ses
	leur leurs ces cette comme plus tres bien faire etre avoir mon mes nos vos travail travailler
	metier emploi poste secteur belgique wallonie bruxelles
	the and for with from into that this work working job jobs sector
	een het van voor met door naar als ook werk werken job sector
	""".split()
)

# Trades that are close without sharing a word: a site manager and a civil engineer both build.
# Each family lists word stems (see :func:`stem`) in French, Dutch and English.
PROFESSION_FAMILIES: dict[str, tuple[str, ...]] = {
	_("building sites and civil engineering"): (
		"chantier", "genie", "civil", "batiment", "construction", "macon", "werf", "bouw",
		"btp", "coffreur", "charpentier", "architect", "architecte", "gros", "oeuvre", "site",
	),
	_("engineering"): ("ingenieur", "engineer", "ingenieur", "bureau", "etude"),
	_("nursing and care"): (
		"infirmier", "soignant", "soin", "verpleegkundig", "verpleger", "zorg", "nurse", "care",
		"aide", "hopital", "sante", "patient",
	),
	_("software and digital"): (
		"developpeur", "informaticien", "programmeur", "web", "logiciel", "software", "developer",
		"programmer", "ontwikkelaar", "devop", "data", "informatique", "numerique", "digital",
	),
	_("electrical work"): ("electricien", "electricite", "elektricien", "electrician", "electrotechnique"),
	_("workshops and manufacturing"): (
		"atelier", "usine", "production", "operateur", "soudeur", "mecanicien", "technicien", "monteur",
		"maintenance", "industrie", "machine", "fabrication",
	),
	_("cooking and catering"): ("cuisinier", "cuisine", "commi", "horeca", "serveur", "restaurant", "kok", "cook"),
	_("logistics and driving"): (
		"chauffeur", "magasinier", "logistique", "logisticien", "cariste", "transport", "livreur", "driver",
	),
	_("accounting and finance"): ("comptable", "comptabilite", "finance", "boekhouder", "accountant", "fiscal"),
	_("teaching and training"): ("enseignant", "professeur", "formateur", "instituteur", "leerkracht", "teacher"),
	_("sales and retail"): ("vendeur", "vente", "commercial", "caissier", "verkoper", "sale", "magasin"),
	_("office and administration"): (
		"secretaire", "administratif", "assistant", "receptionniste", "office", "administratie", "gestion",
	),
	_("social work"): ("social", "educateur", "maatschappelijk", "mediateur", "animateur", "accompagnement"),
	_("cleaning"): ("nettoyage", "entretien", "schoonmaak", "cleaner", "proprete"),
}  # fmt: skip


@cache
def stem(word: str) -> str:
	"""A light stem that folds plurals and feminine forms: infirmières → infirmier, conductrice → conducteur."""
	if len(word) > 4 and word.endswith(("s", "x")) and not word.endswith("ss"):
		word = word[:-1]
	for suffix, replacement in (("euse", "eur"), ("rice", "eur"), ("ienne", "ien"), ("iere", "ier")):
		if word.endswith(suffix) and len(word) > len(suffix) + 2:
			return word[: -len(suffix)] + replacement
	if len(word) > 4 and word.endswith("e") and word[-2] in "lrnt":
		word = word[:-1]
	return word


def words(text: str | None) -> dict[str, str]:
	"""Meaningful words of a text: stem → the word as written (first occurrence)."""
	found: dict[str, str] = {}
	for written in LETTERS.findall((text or "").lower()):
		for word in WORD.findall(written if written.isascii() else normalise(written)):
			if len(word) < 3 or word in STOPWORDS or word.isdigit():
				continue
			found.setdefault(stem(word), written if word == normalise(written) else word)
	return found


@cache
def _family_bits() -> dict[str, int]:
	bits: dict[str, int] = {}
	for i, stems in enumerate(PROFESSION_FAMILIES.values()):
		for s in stems:
			bits[stem(s)] = bits.get(stem(s), 0) | (1 << i)
	return bits


FAMILY_NAMES = tuple(PROFESSION_FAMILIES)


def families(stems) -> int:
	"""Bit mask of the profession families the stems belong to."""
	table = _family_bits()
	mask = 0
	for s in stems:
		mask |= table.get(s, 0)
	return mask


def family_names(mask: int) -> list[str]:
	return [name for i, name in enumerate(FAMILY_NAMES) if mask >> i & 1]


# --- Availability ---------------------------------------------------------------------------------

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PERIODS = ("morning", "afternoon", "evening")
# Day × part of the day, in this order (bit i of a mask is SLOT_LABELS[i]).
SLOT_LABELS = (
	_("Monday morning"),
	_("Monday afternoon"),
	_("Monday evening"),
	_("Tuesday morning"),
	_("Tuesday afternoon"),
	_("Tuesday evening"),
	_("Wednesday morning"),
	_("Wednesday afternoon"),
	_("Wednesday evening"),
	_("Thursday morning"),
	_("Thursday afternoon"),
	_("Thursday evening"),
	_("Friday morning"),
	_("Friday afternoon"),
	_("Friday evening"),
	_("Saturday morning"),
	_("Saturday afternoon"),
	_("Saturday evening"),
	_("Sunday morning"),
	_("Sunday afternoon"),
	_("Sunday evening"),
)
ALL_SLOTS = (1 << len(SLOT_LABELS)) - 1

_DAY_WORDS = {
	0: ("lundi", "monday", "maandag", "mon"),
	1: ("mardi", "tuesday", "dinsdag", "tue"),
	2: ("mercredi", "wednesday", "woensdag", "wed"),
	3: ("jeudi", "thursday", "donderdag", "thu"),
	4: ("vendredi", "friday", "vrijdag", "fri"),
	5: ("samedi", "saturday", "zaterdag", "sat"),
	6: ("dimanche", "sunday", "zondag", "sun"),
}
_PERIOD_WORDS = {
	0: ("matin", "matinee", "morning", "ochtend", "voormiddag"),
	1: ("apresmidi", "aprem", "afternoon", "namiddag", "middag"),
	2: ("soir", "soiree", "evening", "avond", "night", "nuit"),
}
_GROUPS = {
	"semaine": range(5), "weekday": range(5), "weekdays": range(5), "werkdag": range(5),
	"werkdagen": range(5), "weekend": (5, 6), "week end": (5, 6),
}  # fmt: skip
_ANY = ("flexible", "anytime", "toujours", "altijd", "any time", "tout le temps", "journee", "all day")
_RANGE = ("au", "a", "to", "tot", "till", "until", "jusqu")


def _table() -> dict[str, list[tuple[str, object]]]:
	table: dict[str, list[tuple[str, object]]] = {}
	for day, names in _DAY_WORDS.items():
		for name in names:
			table[name] = [("day", day)]
			if len(name) > 3:
				table[name + "s"] = [("day", day)]
	for period, names in _PERIOD_WORDS.items():
		for name in names:
			table[name] = table[name + "s"] = [("period", period)]
	for name, days in _GROUPS.items():
		table[name] = table[name + "s"] = [("days", tuple(days))]
	# Dutch compounds: dinsdagavond, zaterdagochtend
	for day, names in _DAY_WORDS.items():
		for name in names[:3]:
			for period, periods in _PERIOD_WORDS.items():
				for word in periods:
					table[name + word] = table[name + word + "s"] = [("day", day), ("period", period)]
	return table


_TABLE = _table()


def _lookup(token: str) -> list[tuple[str, object]]:
	return _TABLE.get(token, [])


def _clean(text: str | None) -> str:
	text = normalise((text or "").replace("-", " ~ ")).replace("apres ~ midi", "apresmidi")
	text = (
		text.replace("apres midi", "apresmidi")
		.replace("week ~ end", "weekend")
		.replace("week end", "weekend")
	)
	return text.replace("~", " to ")


def slots(text: str | None) -> int:
	"""Bit mask of the week's 21 slots (day × morning/afternoon/evening) a text says are free.

	Read clause by clause (commas, semicolons, new lines). Within a clause, a part of the day applies
	to the days named just before it ("mardi et jeudi soir" is two evenings, "samedi matin et mercredi
	après-midi" one morning and one afternoon); days never followed by a part of the day are whole days,
	a part of the day without days is on every day. "du lundi au vendredi" and "lundi-vendredi" are
	ranges; "semaine", "weekend", "flexible" are understood.
	"""
	text = _clean(text)
	if not text:
		return 0
	if any(a.replace(" ", "") in text.replace(" ", "") for a in _ANY):
		return ALL_SLOTS
	mask = 0

	def mark(days, periods):
		nonlocal mask
		for day in set(days) or range(7):
			for period in set(periods) or range(3):
				mask |= 1 << (day * 3 + period)

	for clause in re.split(r"[,;/\n.]", text):
		tokens = ["apresmidi" if t == "apresmidi" else t for t in WORD.findall(clause)]
		pending: list[int] = []  # days waiting for their part of the day
		periods: list[int] = []
		last_day = None
		ranging = False
		for token in tokens:
			found = _lookup(token)
			if not found:
				if token in _RANGE and last_day is not None:
					ranging = True
				continue
			for kind, value in found:
				if kind == "day":
					if periods:  # a new group of days starts: close the previous one
						mark(pending, periods)
						pending, periods = [], []
					if ranging and last_day is not None and value > last_day:
						pending.extend(range(last_day + 1, value + 1))
					else:
						pending.append(value)
					last_day, ranging = value, False
				elif kind == "days":
					if periods:
						mark(pending, periods)
						pending, periods = [], []
					pending.extend(value)
				else:
					periods.append(value)
		if pending or periods:
			mark(pending, periods)
	return mask


def slot_labels(mask: int) -> list[str]:
	return [label for i, label in enumerate(SLOT_LABELS) if mask >> i & 1]
