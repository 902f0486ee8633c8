"""Matching for programme staff: mentors for a mentee, mentees for a mentor, a cohort proposal.

The scoring and the assignment are plain Python (n2w_mentoring.programme.matching); this module
reads the profiles, checks who is asking, and writes the duos a coordinator accepts. Every method
is for programme staff only; the ones that create duos take POST only.
"""

from __future__ import annotations

import dataclasses
import json

import frappe
from frappe import _
from frappe.query_builder.functions import Cast_, Count
from frappe.utils import cint, flt, today

from n2w_mentoring import network
from n2w_mentoring.concurrency import lock_people, retry_on_conflict
from n2w_mentoring.exceptions import MatchingError
from n2w_mentoring.programme.lifecycle import OPEN_STATES
from n2w_mentoring.programme.matching import geography
from n2w_mentoring.programme.matching.assignment import propose_cohort
from n2w_mentoring.programme.matching.explanation import why_not
from n2w_mentoring.programme.matching.scoring import (
	CRITERIA,
	UNAVAILABLE_MENTOR_STATES,
	MatchSettings,
	Mentee,
	Mentor,
	Sectors,
	Suggestion,
	blocking_problems,
	explain,
	mentee_problems,
	mentor_problems,
	rank,
	render,
	summary,
	weights_from,
)
from n2w_mentoring.utils import problem_message, raise_problems

STAFF = ["Mentoring Manager", "Mentoring Coordinator"]
WAITING = "Waiting for match"
MAX_LIMIT = 100

MENTEE_FIELDS = [
	"name",
	"full_name",
	"status",
	"target_sector",
	"target_profession",
	"aspirations",
	"motivations",
	"availability",
	"french_level",
	"postal_code",
	"municipality",
	"preferred_mentor_language",
	"max_travel_km",
]
MENTOR_FIELDS = [
	"name",
	"full_name",
	"status",
	"training_completed",
	"capacity",
	"sector",
	"profession",
	"job_title",
	"expertise",
	"availability",
	"workplace_postal_code",
	"workplace_municipality",
]


# --- Who may ask ----------------------------------------------------------------------------------


def check_staff() -> None:
	"""Programme staff only: anyone else gets frappe.PermissionError."""
	frappe.only_for(STAFF)


def check_can_propose() -> None:
	check_staff()
	frappe.has_permission("Duo", "create", throw=True)


# --- Reading the profiles (behind the checks above) -----------------------------------------------


def match_settings(programme: str | None = None) -> MatchSettings:
	"""The matching weights and options of a programme (the default programme's when none is named)."""
	stored = network.programme(programme).as_dict()
	weights = weights_from({c: _number(stored.get(f"match_weight_{c}")) for c in CRITERIA})
	defaults = MatchSettings()
	return MatchSettings(
		weights=weights,
		max_distance_km=flt(stored.get("match_max_distance_km")) or defaults.max_distance_km,
		training_required=bool(cint(stored.get("training_required"))),
	)


def _number(value):
	return None if value in (None, "") else flt(value)


def suggestions_limit(programme: str | None = None) -> int:
	return cint(network.programme(programme).match_suggestions) or 10


def programme_of(doctype: str, name: str) -> str | None:
	return frappe.db.get_value(doctype, name, "programme") or network.default_programme()


def mentor_programmes(programme: str | None) -> list[str] | None:
	"""The programmes whose mentors a programme's mentees are matched with: its own, or the whole
	network's when it opts in (None)."""
	prog = network.programme(programme)
	return None if prog.network_matching else [prog.name]


def programmes_served(mentor: str) -> list[str]:
	row = frappe.qb.DocType("Mentor Programme")
	return (
		frappe.qb.from_(row)
		.select(row.programme)
		.where((row.parenttype == "Mentor") & (row.parent == mentor))
		.distinct()
		.run(pluck=True)
	)


def sectors() -> Sectors:
	rows = frappe.get_all("Professional Sector", fields=["name", "parent_sector"])
	return Sectors({r.name: r.parent_sector for r in rows})


def language_names() -> dict[str, str]:
	"""Language code → its name in the user's language ("persan" for fa in French), else Frappe's name."""
	rows = frappe.get_all("Language", fields=["name", "language_name"])
	try:
		from babel import Locale

		known = Locale.parse((frappe.local.lang or "en").replace("-", "_")).languages
	except Exception:  # an unknown locale: Frappe's names
		known = {}
	return {r.name: known.get(r.name.replace("-", "_")) or _(r.language_name or r.name) for r in rows}


def _languages(parenttype: str, names: list[str] | None) -> dict[str, dict[str, str]]:
	skill = frappe.qb.DocType("Mentoring Language Skill")
	query = (
		frappe.qb.from_(skill)
		.select(skill.parent, skill.language, skill.level)
		.where((skill.parenttype == parenttype) & (skill.parentfield == "languages"))
	)
	if names is not None:
		if not names:
			return {}
		query = query.where(skill.parent.isin(names))
	found: dict[str, dict[str, str]] = {}
	for parent, language, level in query.run():
		found.setdefault(parent, {})[language] = level
	return found


def _open_duo_counts(mentors: list[str] | None = None) -> dict[str, int]:
	duo = frappe.qb.DocType("Duo")
	query = (
		frappe.qb.from_(duo)
		.select(duo.mentor, Count(duo.name))
		.where(duo.status.isin(OPEN_STATES))
		.groupby(duo.mentor)
	)
	if mentors is not None:
		if not mentors:
			return {}
		query = query.where(duo.mentor.isin(mentors))
	return dict(query.run())


def load_mentees(filters: dict | None = None, names: list[str] | None = None) -> list[Mentee]:
	if names is not None:
		filters = {"name": ("in", names or [""])}
	rows = frappe.get_all("Mentee", filters=filters or {}, fields=MENTEE_FIELDS, limit_page_length=0)
	if not rows:
		return []
	mentee_names = [r.name for r in rows]
	languages = _languages("Mentee", mentee_names)
	exclusion = frappe.qb.DocType("Mentee Mentor Exclusion")
	excluded: dict[str, set] = {}
	for parent, mentor in (
		frappe.qb.from_(exclusion)
		.select(exclusion.parent, exclusion.mentor)
		.where((exclusion.parenttype == "Mentee") & exclusion.parent.isin(mentee_names))
		.run()
	):
		excluded.setdefault(parent, set()).add(mentor)
	duo = frappe.qb.DocType("Duo")
	previous: dict[str, set] = {}
	open_duo: set[str] = set()
	for mentee, mentor, status in (
		frappe.qb.from_(duo)
		.select(duo.mentee, duo.mentor, duo.status)
		.where(duo.mentee.isin(mentee_names))
		.run()
	):
		previous.setdefault(mentee, set()).add(mentor)
		if status in OPEN_STATES:
			open_duo.add(mentee)
	return [
		Mentee(
			name=r.name,
			full_name=r.full_name or r.name,
			status=r.status,
			target_sector=r.target_sector,
			target_profession=r.target_profession,
			aspirations=" ".join(t for t in (r.aspirations, r.motivations) if t),
			availability=r.availability or "",
			languages=languages.get(r.name, {}),
			french_level=r.french_level or None,
			location=geography.locate(r.postal_code, r.municipality),
			preferred_language=r.preferred_mentor_language,
			max_travel_km=r.max_travel_km or None,
			excluded_mentors=frozenset(excluded.get(r.name, ())),
			previous_mentors=frozenset(previous.get(r.name, ())),
			has_open_duo=r.name in open_duo,
		)
		for r in rows
	]


# Mentor profiles as the scoring sees them, per site, kept while their record is unchanged: reading
# the free text (words, trades, availability) is the costly part, and it only changes with the record.
_PROFILES: dict[str, dict[str, tuple[str, Mentor]]] = {}
MAX_CACHED_PROFILES = 100_000
LIGHT_FIELDS = ("name", "modified", "status", "training_completed", "capacity")


def load_mentors(
	available_only: bool = True, names: list[str] | None = None, programmes: list[str] | None = None
) -> list[Mentor]:
	"""Mentors as the scoring sees them; ``available_only`` leaves out paused and departed ones early,
	``programmes`` keeps those of their centres who serve one of them."""
	mentor = frappe.qb.DocType("Mentor")
	query = frappe.qb.from_(mentor).select(
		mentor.name,
		Cast_(mentor.modified, "varchar"),  # compared as text: no date parsing of every row
		mentor.status,
		mentor.training_completed,
		mentor.capacity,
	)
	if available_only:
		query = query.where(mentor.status.notin(UNAVAILABLE_MENTOR_STATES))
	if names is not None:
		query = query.where(mentor.name.isin(names or [""]))
	if programmes is not None:
		# The programmes' own mentors: those who serve them and belong to their centre (a mentor of
		# another centre kept a row for a programme that took the network's mentors before).
		served, programme = frappe.qb.DocType("Mentor Programme"), frappe.qb.DocType("Mentoring Programme")
		query = query.where(
			mentor.name.isin(
				frappe.qb.from_(served)
				.select(served.parent)
				.where((served.parenttype == "Mentor") & served.programme.isin(programmes or [""]))
			)
			& mentor.centre.isin(
				frappe.qb.from_(programme)
				.select(programme.centre)
				.where(programme.name.isin(programmes or [""]))
			)
		)
	rows = [frappe._dict(zip(LIGHT_FIELDS, row, strict=True)) for row in query.run()]
	if not rows:
		return []
	cache = _PROFILES.setdefault(frappe.local.site, {})
	if len(cache) > MAX_CACHED_PROFILES:
		cache.clear()
	version = {r.name: r.modified for r in rows}
	stale = [name for name, modified in version.items() if cache.get(name, ("",))[0] != modified]
	if stale:
		full = frappe.get_all(
			"Mentor",
			filters={"name": ("in", stale)},
			fields=MENTOR_FIELDS,
			limit_page_length=0,
		)
		languages = _languages("Mentor", stale)
		for r in full:
			cache[r.name] = (
				version[r.name],
				Mentor(
					name=r.name,
					full_name=r.full_name or r.name,
					sector=r.sector,
					profession=r.profession or r.job_title,
					expertise=" ".join(t for t in (r.expertise, r.job_title) if t),
					availability=r.availability or "",
					languages=languages.get(r.name, {}),
					location=geography.locate(r.workplace_postal_code, r.workplace_municipality),
				),
			)
	open_duos = _open_duo_counts([r.name for r in rows] if names is not None else None)
	mentors = []
	for r in rows:
		mentor = cache[r.name][1]
		mentor.status = r.status
		mentor.trained = bool(r.training_completed)
		mentor.capacity = cint(r.capacity)
		mentor.open_duos = open_duos.get(r.name, 0)
		mentors.append(mentor)
	return mentors


def _one(loader, doctype: str, name: str):
	if not name or not frappe.db.exists(doctype, name):
		frappe.throw(
			_("{0} {1} not found").format(_(doctype), name),
			title=_("Not found"),
			exc=frappe.DoesNotExistError,
		)
	return loader(names=[name])[0]


# --- Output -------------------------------------------------------------------------------------


def _reasons(suggestion: Suggestion) -> list[dict]:
	return [{"code": r.code, "message": render(r, _), "share": round(r.share, 1)} for r in suggestion.reasons]


def _row(suggestion: Suggestion, person, **extra) -> dict:
	return {
		"score": suggestion.score,
		"full_name": person.full_name,
		"reasons": _reasons(suggestion),
		"summary": summary(suggestion.reasons, _),
		"limits": [render(r, _) for r in suggestion.limits],
		**extra,
	}


def _problems_text(problems) -> list[str]:
	return [problem_message(p) for p in problems]


# --- Methods --------------------------------------------------------------------------------------


@frappe.whitelist(methods=["GET", "POST"])
def suggest_mentors(mentee: str, limit: int | None = None) -> dict:
	"""Available mentors for a mentee, best first, each with a score (0-100) and its reasons."""
	check_staff()
	person = _one(load_mentees, "Mentee", mentee)
	frappe.has_permission("Mentee", "read", doc=person.name, throw=True)
	programme = programme_of("Mentee", person.name)
	limit = min(cint(limit) or suggestions_limit(programme), MAX_LIMIT)
	mentors = load_mentors(programmes=mentor_programmes(programme))
	problems = mentee_problems(person)
	notices = _problems_text(problems)
	ranked = person
	if [p.code for p in problems] == ["mentee_already_in_duo"]:
		# Their duo is only proposed or accepted: the mentors they could have instead, for information.
		notices = [_open_duo_notice(person.name)]
		ranked = dataclasses.replace(person, has_open_duo=False)
	found = rank([ranked], mentors, match_settings(programme), sectors(), limit, language_names())
	by_name = {r.name: r for r in mentors}
	return {
		"mentee": person.name,
		"mentee_name": person.full_name,
		"notices": notices,
		"can_propose": not problems,
		"suggestions": [_row(s, by_name[s.mentor], mentor=s.mentor) for s in found],
	}


def _open_duo_notice(mentee: str) -> str:
	"""The mentee's own open duo, in words: with whom, in which state."""
	duo = frappe.qb.DocType("Duo")
	mentor = frappe.qb.DocType("Mentor")
	found = (
		frappe.qb.from_(duo)
		.join(mentor)
		.on(mentor.name == duo.mentor)
		.select(duo.name, mentor.full_name, duo.status)
		.where((duo.mentee == mentee) & duo.status.isin(OPEN_STATES))
		.orderby(duo.creation, order=frappe.qb.desc)
		.limit(1)
		.run()
	)
	if not found:
		return problem_message(mentee_problems(Mentee(name=mentee, has_open_duo=True))[0])
	name, mentor_name, status = found[0]
	return _(
		"This mentee already has a duo with {0} ({1}, {2}). The mentors below are for information: "
		"another duo can be proposed once that one is declined or cancelled."
	).format(mentor_name, name, _(status))


@frappe.whitelist(methods=["GET", "POST"])
def suggest_mentees(mentor: str, limit: int | None = None) -> dict:
	"""Mentees waiting for a match who suit a mentor, best first, with scores and reasons."""
	check_staff()
	person = _one(load_mentors_any, "Mentor", mentor)
	frappe.has_permission("Mentor", "read", doc=person.name, throw=True)
	served = programmes_served(person.name) or [network.default_programme()]
	programme = served[0]
	limit = min(cint(limit) or suggestions_limit(programme), MAX_LIMIT)
	settings = match_settings(programme)
	visible = network.visible_programmes()
	if visible is not None:
		served = [p for p in served if p in visible]
	mentees = load_mentees({"status": WAITING, "programme": ("in", served or [""])})
	found = rank(mentees, [person], settings, sectors(), limit, language_names())
	by_name = {t.name: t for t in mentees}
	return {
		"mentor": person.name,
		"mentor_name": person.full_name,
		"notices": _problems_text(mentor_problems(person, settings)),
		"suggestions": [_row(s, by_name[s.mentee], mentee=s.mentee) for s in found],
	}


def load_mentors_any(names: list[str]) -> list[Mentor]:
	return load_mentors(available_only=False, names=names)


SIDES = ("Mentor", "Mentee")


@frappe.whitelist(methods=["GET", "POST"])
def why_not_pair(mentee: str, mentor: str, about: str = "Mentor") -> dict:
	"""Why a mentor is or is not among a mentee's suggestions (``about="Mentor"``), or a mentee among a
	mentor's (``about="Mentee"``): the hard rules the pair breaks, or its score, each criterion's share
	and the rank it would have. Programme staff only.
	"""
	check_staff()
	if about not in SIDES:
		frappe.throw(_("Ask about a mentor or a mentee."), title=_("Invalid question"), exc=MatchingError)
	person = _one(load_mentees, "Mentee", mentee)
	other = _one(load_mentors_any, "Mentor", mentor)
	frappe.has_permission("Mentee", "read", doc=person.name, throw=True)
	frappe.has_permission("Mentor", "read", doc=other.name, throw=True)
	programme = programme_of("Mentee", person.name)
	settings = match_settings(programme)
	if about == "Mentor":
		candidates = load_mentors(programmes=mentor_programmes(programme))
	else:
		waiting = {"status": WAITING, "programme": ("in", programmes_served(other.name) or [programme])}
		candidates = [t for t in load_mentees(waiting) if t.name != person.name]
	answer = why_not(
		person,
		other,
		candidates,
		settings,
		side=about.lower(),
		sectors=sectors(),
		language_names=language_names(),
		limit=suggestions_limit(programme),
	)
	return {
		"mentee": person.name,
		"mentee_name": person.full_name,
		"mentor": other.name,
		"mentor_name": other.full_name,
		"about": about,
		"verdict": render(answer.verdict(), _),
		"excluded": answer.excluded,
		"problems": _problems_text(answer.problems),
		"score": answer.score,
		"rank": answer.rank,
		"among": answer.among,
		"limit": answer.limit,
		"suggested": answer.suggested,
		"criteria": [
			{
				"code": c.code,
				"label": _(c.label),
				"points": c.points,
				"maximum": c.maximum,
				"reasons": [render(r, _) for r in c.reasons],
			}
			for c in answer.criteria
		],
	}


@frappe.whitelist(methods=["GET", "POST"])
def cohort_proposal(programme: str | None = None) -> dict:
	"""The best set of duos for every mentee of a programme waiting for a match, capacities respected,
	read from the site's read replica when it has one (``notice`` says when its data may be behind).
	Without ``programme``: the default programme, or the first one of the user's centre."""
	from n2w_mentoring.replica import read

	check_staff()
	programme = _programme_asked(programme)
	proposal, note = read(_cohort_proposal, programme)
	proposal["notice"] = note
	return proposal


def _programme_asked(programme: str | None) -> str | None:
	visible = network.visible_programmes()
	if programme:
		network.check_programme_visible(programme)
		return programme
	default = network.default_programme()
	if visible is None or default in visible:
		return default
	return visible[0] if visible else None


def _cohort_proposal(programme: str | None = None) -> dict:
	waiting = {"status": WAITING, "programme": programme or ""}
	mentees = [t for t in load_mentees(waiting) if not t.has_open_duo]
	mentors = [r for r in load_mentors(programmes=mentor_programmes(programme)) if r.remaining_capacity > 0]
	proposal = propose_cohort(mentees, mentors, match_settings(programme), sectors(), language_names())
	mentee_names = {t.name: t.full_name for t in mentees}
	mentor_names = {r.name: r.full_name for r in mentors}
	first_choices = {c.mentee: c for c in proposal.first_choices}
	settings = match_settings(programme)
	return {
		"pairs": [
			{
				"mentee": s.mentee,
				"mentee_name": mentee_names[s.mentee],
				"mentor": s.mentor,
				"mentor_name": mentor_names[s.mentor],
				"score": s.score,
				"reasons": _reasons(s),
				"summary": summary(s.reasons, _),
				"first_choice": _first_choice(first_choices.get(s.mentee), mentee_names, mentor_names),
			}
			for s in proposal.pairs
		],
		"unmatched": [{"mentee": m, "mentee_name": mentee_names[m]} for m in proposal.unmatched],
		"total": proposal.total,
		"mentees": len(mentees),
		"mentors": len([r for r in mentors if not mentor_problems(r, settings)]),
		"top_picks_total": proposal.top_picks_total,
		"top_picks_duos": proposal.top_picks_duos,
		"comparison": _(
			"Giving each mentee their best mentor still free, best pairs first, would reach a total of "
			"{0} for {1} duos; this proposal reaches {2} for {3} duos."
		).format(proposal.top_picks_total, proposal.top_picks_duos, proposal.total, len(proposal.pairs))
		if proposal.first_choices
		else _("Every mentee gets their best mentor: total {0} for {1} duos.").format(
			proposal.total, len(proposal.pairs)
		),
	}


def _first_choice(choice, mentee_names: dict, mentor_names: dict) -> str | None:
	"""Why a mentee does not get their best mentor, in words (None when they do)."""
	if choice is None:
		return None
	if choice.given_to:
		return _("First choice {0} (score {1}) goes to {2}, for whom the difference is greater.").format(
			mentor_names[choice.mentor],
			round(choice.score),
			", ".join(mentee_names[m] for m in choice.given_to),
		)
	return _("First choice {0} (score {1}) is not taken: together the duos score more.").format(
		mentor_names[choice.mentor], round(choice.score)
	)


def _create_duo(mentee: str, mentor: str) -> dict:
	"""Score the pair afresh, refuse it if it breaks a hard constraint, then insert a Proposed duo."""
	frappe.has_permission("Mentee", "read", doc=mentee, throw=True)
	settings = match_settings(programme_of("Mentee", mentee) if mentee else None)
	[person] = load_mentees(names=[mentee]) or [None]
	[other] = load_mentors_any([mentor]) or [None]
	if person is None or other is None:
		frappe.throw(
			_("Mentee {0} or mentor {1} not found").format(mentee, mentor),
			title=_("Not found"),
			exc=frappe.DoesNotExistError,
		)
	raise_problems(blocking_problems(person, other, settings), title=_("This pair cannot be proposed"))
	found = explain(person, other, settings, sectors(), language_names())
	if found is None:  # a constraint the problems above did not name
		frappe.throw(
			_("{0} and {1} cannot be proposed as a duo.").format(person.full_name, other.full_name),
			title=_("This pair cannot be proposed"),
			exc=MatchingError,
		)
	duo = frappe.get_doc(
		{
			"doctype": "Duo",
			"mentee": mentee,
			"mentor": mentor,
			"proposed_on": today(),
			"match_score": found.score,
			"match_reasons": "\n".join(f"{r['message']} (+{r['share']:.0f})" for r in _reasons(found)),
		}
	).insert()
	return {"duo": duo.name, "mentee": mentee, "mentor": mentor, "score": found.score}


@frappe.whitelist(methods=["POST"])
@retry_on_conflict
def propose_duo(mentee: str, mentor: str) -> dict:
	"""One suggested pair as a Proposed duo, with its score and reasons."""
	check_can_propose()
	return _create_duo(mentee, mentor)


@frappe.whitelist(methods=["POST"])
@retry_on_conflict
def accept_proposal(pairs: list | str) -> dict:
	"""Create a Proposed duo for each accepted pair: all of them, or none if one is refused."""
	check_can_propose()
	if isinstance(pairs, str):
		pairs = json.loads(pairs)
	if not isinstance(pairs, list) or not all(isinstance(p, dict) for p in pairs):
		frappe.throw(
			_("Send the pairs as a list of mentee and mentor pairs."),
			title=_("Invalid proposal"),
			exc=MatchingError,
		)
	mentees = [p.get("mentee") for p in pairs]
	if len(set(mentees)) != len(mentees):
		frappe.throw(
			_("A mentee appears twice in the proposal."), title=_("Invalid proposal"), exc=MatchingError
		)
	# A batch of duos: all their mentees, then all their mentors, before the first duo
	# (n2w_mentoring/concurrency.py), so that no single proposal made meanwhile waits in a cycle.
	lock_people(mentees, [p.get("mentor") for p in pairs])
	created = [_create_duo(p.get("mentee"), p.get("mentor")) for p in pairs]
	return {"duos": created}
