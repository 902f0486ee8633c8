"""How well a mentor suits a mentee: a score from 0 to 100 and the reasons for it, in plain words.

Seven criteria each give a value between 0 and 1 for a pair:

- ``sector``: the mentee's target sector against the mentor's (same, broader/narrower, sibling or
  related sector);
- ``profession``: the trade sought against the mentor's (same words, shared words, same family of
  trades: a site manager and a civil engineer both build);
- ``expertise``: words of the mentee's aspirations and motivations found in the mentor's expertise;
- ``languages``: the best language they share, French weighed by the mentee's CEFR level;
- ``distance``: full within 5 km of the mentee's home, nothing beyond the settings' maximum;
- ``availability``: the week's slots both have free;
- ``preferences``: what the mentee asked for (a mentor speaking a given language, a longest journey).

The score is ``100 × Σ weight × value / Σ weight`` over the criteria that apply to the mentee (a
criterion applies when the mentee's profile says something about it), so each criterion's share
of the score is ``100 × weight × value / Σ weight`` points. Hard constraints are not criteria: a
pair that breaks one is never scored (see :func:`blocking_problems`).

Scoring is vectorised with numpy over all the pairs of a group of mentees and a group of mentors;
explanations are built for the pairs shown only, from the same per-criterion values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property

import numpy as np
from scipy import sparse

from n2w_mentoring.programme.matching import text
from n2w_mentoring.programme.matching.geography import EARTH_RADIUS_KM, distance_km, is_approximate
from n2w_mentoring.programme.rules import Problem, _

CRITERIA = ("sector", "profession", "expertise", "languages", "distance", "availability", "preferences")

UNAVAILABLE_MENTOR_STATES = ("Paused", "Left the programme")
UNAVAILABLE_MENTEE_STATES = ("Withdrawn", "Completed")

# Spoken level (Mentoring Language Skill) and CEFR level (the mentee's French) as a factor.
SPOKEN_LEVELS = {"Native": 1.0, "Fluent": 1.0, "Good": 0.8, "Basic": 0.5, "": 0.7, None: 0.7}
CEFR_LEVELS = {"A1": 0.2, "A2": 0.4, "B1": 0.7, "B2": 0.9, "C1": 1.0, "C2": 1.0}
UNKNOWN_CEFR = 0.5
FRENCH = "fr"
NEAR_KM = 5.0
# A place known only by its judicial canton may be this far off: "too far" then allows for it.
APPROXIMATE_MARGIN_KM = 10.0

# Sectors that share trades, beyond the tree of Professional Sector (broader sector).
RELATED_SECTORS = {
	frozenset(("Construction", "Engineering")): 0.5,
	frozenset(("Industry and manufacturing", "Engineering")): 0.5,
	frozenset(("Health and care", "Social work")): 0.5,
	frozenset(("Administration and office work", "Public administration")): 0.6,
	frozenset(("Administration and office work", "Finance and insurance")): 0.4,
	frozenset(("Education and training", "Social work")): 0.4,
	frozenset(("Information technology", "Engineering")): 0.4,
	frozenset(("Hospitality and catering", "Retail and sales")): 0.3,
	frozenset(("Cleaning and facility services", "Hospitality and catering")): 0.3,
	frozenset(("Logistics and transport", "Retail and sales")): 0.3,
	frozenset(("Logistics and transport", "Industry and manufacturing")): 0.3,
	frozenset(("Agriculture and horticulture", "Cleaning and facility services")): 0.2,
}
PARENT_CLOSENESS = 0.7
SIBLING_CLOSENESS = 0.5


@dataclass(frozen=True)
class Weights:
	"""Each criterion's weight, as a Mentoring Programme holds them (these are the defaults)."""

	sector: float = 25
	profession: float = 20
	expertise: float = 15
	languages: float = 15
	distance: float = 10
	availability: float = 10
	preferences: float = 5

	def as_array(self) -> np.ndarray:
		values = np.array([max(float(getattr(self, c) or 0), 0.0) for c in CRITERIA])
		return values if values.sum() > 0 else Weights().as_array()


@dataclass(frozen=True)
class MatchSettings:
	weights: Weights = field(default_factory=Weights)
	max_distance_km: float = 60.0
	training_required: bool = True


@dataclass(frozen=True)
class Reason:
	"""One reason for a score: ``message`` is an English template, ``share`` the points it brings."""

	code: str
	message: str
	args: tuple = ()
	share: float = 0.0


# Word stems and language codes get one integer each, for the whole process: the features a profile
# computes once (cached on it) stay valid from one call to the next.
_IDS: dict[str, int] = {}


def _ids(keys) -> np.ndarray:
	return np.fromiter((_IDS.setdefault(k, len(_IDS)) for k in keys), dtype=np.int64)


class _Features:
	"""What the vectorised scoring needs of a person, computed once from the profile's text."""

	languages: dict[str, str]

	@cached_property
	def profession_ids(self) -> np.ndarray:
		return _ids(self.profession_words)

	@cached_property
	def topic_ids(self) -> np.ndarray:
		return _ids(self.topic_words)

	@cached_property
	def families(self) -> int:
		return text.families(self.profession_words)

	@cached_property
	def spoken(self) -> tuple[np.ndarray, np.ndarray]:
		"""Languages other than French: (ids, level factors)."""
		other = {c: _spoken(level) for c, level in self.languages.items() if not _is_french(c)}
		return _ids("lang:" + c for c in other), np.fromiter(other.values(), dtype=np.float64)


@dataclass
class Mentee(_Features):
	name: str
	full_name: str = ""
	status: str = "Waiting for match"
	target_sector: str | None = None
	target_profession: str | None = None
	aspirations: str = ""
	availability: str = ""
	languages: dict[str, str] = field(default_factory=dict)
	french_level: str | None = None
	location: tuple[float, float] | None = None
	preferred_language: str | None = None
	max_travel_km: float | None = None
	excluded_mentors: frozenset[str] = frozenset()
	previous_mentors: frozenset[str] = frozenset()
	has_open_duo: bool = False

	@cached_property
	def profession_words(self) -> dict[str, str]:
		return text.words(self.target_profession)

	@cached_property
	def topic_words(self) -> dict[str, str]:
		return text.words(f"{self.aspirations or ''} {self.target_profession or ''}")

	@cached_property
	def slots(self) -> int:
		return text.slots(self.availability)

	@cached_property
	def french(self) -> float:
		return _mentee_french(self)


@dataclass
class Mentor(_Features):
	name: str
	full_name: str = ""
	status: str = "Available"
	trained: bool = True
	capacity: int = 1
	open_duos: int = 0
	sector: str | None = None
	profession: str | None = None
	expertise: str = ""
	availability: str = ""
	languages: dict[str, str] = field(default_factory=dict)
	location: tuple[float, float] | None = None

	@property
	def remaining_capacity(self) -> int:
		return max((self.capacity or 0) - (self.open_duos or 0), 0)

	@cached_property
	def profession_words(self) -> dict[str, str]:
		return text.words(self.profession)

	@cached_property
	def topic_words(self) -> dict[str, str]:
		return text.words(f"{self.expertise or ''} {self.profession or ''}")

	@cached_property
	def slots(self) -> int:
		return text.slots(self.availability)

	@cached_property
	def french(self) -> float:
		return _mentor_french(self)


@dataclass(frozen=True)
class Suggestion:
	mentee: str
	mentor: str
	score: float
	reasons: tuple[Reason, ...]
	limits: tuple[Reason, ...] = ()  # the criteria that count and bring nothing


# --- Sectors --------------------------------------------------------------------------------------


class Sectors:
	"""Closeness of professional sectors: the tree of broader sectors, then :data:`RELATED_SECTORS`."""

	def __init__(self, parents: dict[str, str | None] | None = None, related: dict | None = None):
		self.parents = dict(parents or {})
		self.related = RELATED_SECTORS if related is None else related

	def closeness(self, a: str | None, b: str | None) -> float:
		if not a or not b:
			return 0.0
		if a == b:
			return 1.0
		pa, pb = self.parents.get(a), self.parents.get(b)
		if pa == b or pb == a:
			return PARENT_CLOSENESS
		value = self.related.get(frozenset((a, b)), 0.0)
		if pa and pa == pb:
			value = max(value, SIBLING_CLOSENESS)
		for x, y in ((pa, b), (a, pb), (pa, pb)):  # related through a broader sector
			if x and y and x != y:
				value = max(value, 0.8 * self.related.get(frozenset((x, y)), 0.0))
		return value

	def matrix(self, names: list[str]) -> np.ndarray:
		"""Closeness between every two of ``names``, with one extra row and column (index -1) of zeros."""
		size = len(names)
		result = np.zeros((size + 1, size + 1))
		for i, a in enumerate(names):
			for j, b in enumerate(names):
				result[i, j] = self.closeness(a, b)
		return result


# --- Hard constraints -----------------------------------------------------------------------------


def mentor_problems(mentor: Mentor, settings: MatchSettings) -> list[Problem]:
	"""Why a mentor can take no new duo at all (empty when they can)."""
	problems = []
	if mentor.status in UNAVAILABLE_MENTOR_STATES:
		problems.append(
			Problem(
				"mentor_unavailable",
				_("The mentor's status is {0}: they cannot be proposed a duo."),
				(mentor.status,),
			)
		)
	if settings.training_required and not mentor.trained:
		problems.append(Problem("mentor_untrained", _("The mentor has not completed the mentor training.")))
	if mentor.remaining_capacity <= 0:
		problems.append(
			Problem(
				"mentor_at_capacity",
				_("This mentor already accompanies {0} duo(s), their capacity is {1}."),
				(mentor.open_duos, mentor.capacity),
			)
		)
	return problems


def mentors_available(mentors: list[Mentor], settings: MatchSettings) -> np.ndarray:
	"""Vectorised :func:`mentor_problems`: True where a mentor can take a new duo."""
	ok = _column(mentors, lambda r: r.status not in UNAVAILABLE_MENTOR_STATES, bool)
	ok &= _column(mentors, lambda r: (r.capacity or 0) > (r.open_duos or 0), bool)
	if settings.training_required:
		ok &= _column(mentors, lambda r: bool(r.trained), bool)
	return ok


def mentee_problems(mentee: Mentee) -> list[Problem]:
	problems = []
	if mentee.status in UNAVAILABLE_MENTEE_STATES:
		problems.append(
			Problem(
				"mentee_unavailable",
				_("The mentee's status is {0}: they cannot be proposed a duo."),
				(mentee.status,),
			)
		)
	if mentee.has_open_duo:
		problems.append(
			Problem(
				"mentee_already_in_duo",
				_("This mentee already has an open duo; a mentee takes part in one duo at a time."),
			)
		)
	return problems


def too_far(mentee: Mentee, mentor: Mentor) -> float | None:
	"""The distance when it exceeds the longest journey the mentee can make, else None."""
	km = distance_km(mentee.location, mentor.location)
	if not mentee.max_travel_km or km is None:
		return None
	margin = (
		APPROXIMATE_MARGIN_KM if is_approximate(mentee.location) or is_approximate(mentor.location) else 0
	)
	return km if km > mentee.max_travel_km + margin else None


def pair_problems(mentee: Mentee, mentor: Mentor) -> list[Problem]:
	problems = []
	km = too_far(mentee, mentor)
	if km is not None:
		problems.append(
			Problem(
				"too_far",
				_(
					"About {0} km between the mentee's home and the mentor's workplace: more than the {1} km the mentee can travel."
				),
				(round(km), int(mentee.max_travel_km)),
			)
		)
	if mentor.name in mentee.excluded_mentors:
		problems.append(
			Problem(
				"mentor_excluded",
				_("{0} is on the list of mentors not to propose to this mentee."),
				(mentor.full_name or mentor.name,),
			)
		)
	if mentor.name in mentee.previous_mentors:
		problems.append(
			Problem(
				"previous_duo",
				_("{0} and {1} have already been in a duo together."),
				(mentee.full_name or mentee.name, mentor.full_name or mentor.name),
			)
		)
	return problems


def blocking_problems(mentee: Mentee, mentor: Mentor, settings: MatchSettings) -> list[Problem]:
	"""Every hard constraint the pair breaks; a pair with any is never suggested."""
	return [*mentee_problems(mentee), *mentor_problems(mentor, settings), *pair_problems(mentee, mentor)]


# --- Vectorised features --------------------------------------------------------------------------


def _is_french(code: str) -> bool:
	code = (code or "").lower()
	return code == FRENCH or code.startswith(FRENCH + "-") or code in ("french", "français", "francais")


def _spoken(level) -> float:
	return SPOKEN_LEVELS.get(level, SPOKEN_LEVELS[None])


def _mentee_french(mentee: Mentee) -> float:
	if mentee.french_level in CEFR_LEVELS:
		return CEFR_LEVELS[mentee.french_level]
	for code, level in mentee.languages.items():
		if _is_french(code):
			return _spoken(level)
	return UNKNOWN_CEFR


def _mentor_french(mentor: Mentor) -> float:
	return max((_spoken(level) for code, level in mentor.languages.items() if _is_french(code)), default=0.0)


def _csr(
	id_arrays: list[np.ndarray], width: int, values: list[np.ndarray] | None = None
) -> sparse.csr_matrix:
	"""One sparse row per person from their cached id arrays (and values; 1 when not given)."""
	lengths = np.fromiter((len(a) for a in id_arrays), dtype=np.int64, count=len(id_arrays))
	indptr = np.zeros(len(id_arrays) + 1, dtype=np.int64)
	np.cumsum(lengths, out=indptr[1:])
	if indptr[-1]:
		indices = np.concatenate(id_arrays)
		data = np.concatenate(values) if values is not None else np.ones(len(indices))
	else:
		indices, data = np.zeros(0, dtype=np.int64), np.zeros(0)
	return sparse.csr_matrix((data, indices, indptr), shape=(len(id_arrays), max(width, 1)))


def _column(people, getter, dtype=np.float64) -> np.ndarray:
	return np.fromiter((getter(p) for p in people), dtype=dtype, count=len(people))


def _approximate(people) -> np.ndarray:
	return np.fromiter((is_approximate(p.location) for p in people), dtype=bool, count=len(people))


def _locations(people) -> tuple[np.ndarray, np.ndarray]:
	lat = np.array([p.location[0] if p.location else np.nan for p in people], dtype=np.float64)
	lon = np.array([p.location[1] if p.location else np.nan for p in people], dtype=np.float64)
	return np.radians(lat), np.radians(lon)


@dataclass
class Components:
	"""Per-criterion values of every pair: ``values[c]`` is a (mentees × mentors) array in [0, 1]."""

	values: dict[str, np.ndarray]
	applies: np.ndarray  # (mentees × criteria) booleans
	distance_km: np.ndarray  # (mentees × mentors), NaN when unknown
	allowed: np.ndarray  # (mentees × mentors) booleans: no hard constraint broken
	scores: np.ndarray  # (mentees × mentors) 0-100, -inf where not allowed
	shares: np.ndarray  # (mentees × mentors × criteria) points each criterion brings


def components(
	mentees: list[Mentee], mentors: list[Mentor], settings: MatchSettings, sectors: Sectors | None = None
) -> Components:
	"""Every criterion for every pair, and the score: numpy over (mentees × mentors) arrays."""
	sectors = sectors or Sectors()
	n, m = len(mentees), len(mentors)
	values: dict[str, np.ndarray] = {}

	# Sector: a small closeness table indexed by both sides' sector.
	names = sorted(
		{t.target_sector for t in mentees if t.target_sector} | {r.sector for r in mentors if r.sector}
	)
	position = {s: i for i, s in enumerate(names)}
	table = sectors.matrix(names)
	ts = _column(mentees, lambda t: position.get(t.target_sector, -1), np.int64)
	ms = _column(mentors, lambda r: position.get(r.sector, -1), np.int64)
	values["sector"] = table[ts[:, None], ms[None, :]]

	# Profession: same words, else shared words (overlap coefficient), else a shared family of trades.
	t_ids = [t.profession_ids for t in mentees]
	m_ids = [r.profession_ids for r in mentors]
	t_topics = [t.topic_ids for t in mentees]
	m_topics = [r.topic_ids for r in mentors]
	t_spoken = [t.spoken for t in mentees]
	m_spoken = [r.spoken for r in mentors]
	width = len(_IDS)
	tp, mp = _csr(t_ids, width), _csr(m_ids, width)
	shared = (tp @ mp.T).toarray()
	t_size = _column(t_ids, len)
	m_size = _column(m_ids, len)
	smaller = np.minimum(t_size[:, None], m_size[None, :])
	overlap = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
	same = (shared == t_size[:, None]) & (shared == m_size[None, :]) & (smaller > 0)
	t_fam = _column(mentees, lambda t: t.families, np.int64)
	m_fam = _column(mentors, lambda r: r.families, np.int64)
	family = (t_fam[:, None] & m_fam[None, :]) != 0
	values["profession"] = np.where(same, 1.0, np.maximum(0.85 * overlap, 0.6 * family))

	# Expertise: words of the aspirations in the mentor's expertise; three shared words are full marks.
	ta, me = _csr(t_topics, width), _csr(m_topics, width)
	values["expertise"] = np.minimum((ta @ me.T).toarray() / 3.0, 1.0)

	# Languages: the best channel, French weighed by the mentee's level, others by both spoken levels.
	tl = _csr([ids for ids, _ in t_spoken], width, [v for _, v in t_spoken]).tocsc()
	ml = _csr([ids for ids, _ in m_spoken], width, [v for _, v in m_spoken]).tocsc()
	spoken = np.zeros((n, m))
	for code in np.intersect1d(np.flatnonzero(np.diff(tl.indptr)), np.flatnonzero(np.diff(ml.indptr))):
		a = tl[:, [code]].toarray().ravel()
		b = ml[:, [code]].toarray().ravel()
		np.maximum(spoken, np.minimum.outer(a, b), out=spoken)
	french = np.minimum.outer(_column(mentees, lambda t: t.french), _column(mentors, lambda r: r.french))
	values["languages"] = np.maximum(spoken, french)

	# Distance: haversine between the points of home and workplace.
	tlat, tlon = _locations(mentees)
	mlat, mlon = _locations(mentors)
	h = (
		np.sin((mlat[None, :] - tlat[:, None]) / 2) ** 2
		+ np.cos(tlat)[:, None] * np.cos(mlat)[None, :] * np.sin((mlon[None, :] - tlon[:, None]) / 2) ** 2
	)
	with np.errstate(invalid="ignore"):
		km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
	span = max(settings.max_distance_km - NEAR_KM, 1.0)
	values["distance"] = np.nan_to_num(np.clip((settings.max_distance_km - km) / span, 0.0, 1.0), nan=0.0)

	# Availability: slots free on both sides; three (or all the mentee's) are full marks.
	t_slots = _column(mentees, lambda t: t.slots, np.uint32)
	m_slots = _column(mentors, lambda r: r.slots, np.uint32)
	common = np.bitwise_count(t_slots[:, None] & m_slots[None, :]).astype(np.float64)
	wanted = np.minimum(np.bitwise_count(t_slots), 3).astype(np.float64)
	values["availability"] = np.divide(
		common, wanted[:, None], out=np.zeros((n, m)), where=wanted[:, None] > 0
	).clip(0, 1)

	# Preferences: each wish the mentee expressed counts the same.
	satisfied = np.zeros((n, m))
	expressed = np.zeros(n)
	for i, t in enumerate(mentees):
		if t.preferred_language:
			expressed[i] += 1
			if _is_french(t.preferred_language):
				satisfied[i] += _column(mentors, lambda r: r.french) > 0
			elif _IDS.get("lang:" + t.preferred_language, width) < width:
				satisfied[i] += ml[:, [_IDS["lang:" + t.preferred_language]]].toarray().ravel() > 0
		if t.max_travel_km:
			expressed[i] += 1
			satisfied[i] += np.nan_to_num(km[i] <= t.max_travel_km, nan=0.0)
	values["preferences"] = np.divide(
		satisfied, expressed[:, None], out=np.zeros((n, m)), where=expressed[:, None] > 0
	)

	applies = np.array(
		[
			[
				bool(t.target_sector),
				bool(t.profession_words),
				bool(t.topic_words),
				True,
				t.location is not None,
				bool(t.slots),
				bool(t.preferred_language or t.max_travel_km),
			]
			for t in mentees
		],
		dtype=bool,
	).reshape(n, len(CRITERIA))

	# Hard constraints.
	allowed = np.ones((n, m), dtype=bool)
	allowed[[bool(mentee_problems(t)) for t in mentees], :] = False
	allowed[:, ~mentors_available(mentors, settings)] = False
	column = {r.name: j for j, r in enumerate(mentors)}
	for i, t in enumerate(mentees):
		for name in t.excluded_mentors | t.previous_mentors:
			if name in column:
				allowed[i, column[name]] = False
	# Too far: beyond the longest journey the mentee can make (with a margin for approximate places).
	longest = _column(mentees, lambda t: t.max_travel_km or np.inf)
	margin = np.where(
		_approximate(mentees)[:, None] | _approximate(mentors)[None, :], APPROXIMATE_MARGIN_KM, 0.0
	)
	with np.errstate(invalid="ignore"):
		allowed &= ~(km > longest[:, None] + margin)

	weights = settings.weights.as_array()
	effective = applies * weights[None, :]  # (n × criteria)
	total = effective.sum(axis=1)
	total[total == 0] = 1.0
	stacked = np.stack([values[c] for c in CRITERIA], axis=-1)  # (n × m × criteria)
	shares = 100.0 * stacked * (effective / total[:, None])[:, None, :]
	scores = shares.sum(axis=-1)
	scores = np.where(allowed, scores, -np.inf)
	return Components(values, applies, km, allowed, scores, shares)


# --- Explanations ---------------------------------------------------------------------------------


def _listing(items: list[str], limit: int = 3) -> str:
	return ", ".join(items[:limit]) + (" …" if len(items) > limit else "")


def explain_pair(
	mentee: Mentee,
	mentor: Mentor,
	parts: Components,
	i: int,
	j: int,
	sectors: Sectors | None = None,
	language_names: dict[str, str] | None = None,
) -> tuple[Reason, ...]:
	"""The reasons behind the score of pair (i, j) of ``parts``: one per criterion that brings points."""
	sectors = sectors or Sectors()
	names = language_names or {}
	reasons = []
	share = {c: float(parts.shares[i, j, k]) for k, c in enumerate(CRITERIA)}

	if share["sector"] > 0:
		if mentee.target_sector == mentor.sector:
			reasons.append(Reason("same_sector", _("same sector: {0}"), (mentor.sector,), share["sector"]))
		else:
			reasons.append(
				Reason(
					"close_sector",
					_("close sectors: {0} ≈ {1}"),
					(mentee.target_sector, mentor.sector),
					share["sector"],
				)
			)
	if share["profession"] > 0:
		if parts.values["profession"][i, j] >= 1.0:
			reasons.append(
				Reason(
					"same_profession", _("same profession: {0}"), (mentor.profession,), share["profession"]
				)
			)
		else:
			common = [
				mentor.profession_words[s] for s in mentee.profession_words if s in mentor.profession_words
			]
			if common:
				reasons.append(
					Reason(
						"close_profession",
						_("profession: {0} ≈ {1} (in common: {2})"),
						(mentor.profession, mentee.target_profession, ", ".join(common)),
						share["profession"],
					)
				)
			else:
				mask = text.families(mentee.profession_words) & text.families(mentor.profession_words)
				reasons.append(
					Reason(
						"related_profession",
						_("profession: {0} ≈ {1} ({2})"),
						(mentor.profession, mentee.target_profession, ", ".join(text.family_names(mask))),
						share["profession"],
					)
				)
	if share["expertise"] > 0:
		common = [mentor.topic_words[s] for s in mentee.topic_words if s in mentor.topic_words]
		reasons.append(
			Reason(
				"expertise",
				_("expertise meets the aspirations: {0}"),
				(_listing(common, 4),),
				share["expertise"],
			)
		)
	if share["languages"] > 0:
		shared = [
			names.get(c, c)
			for c in mentee.languages
			if c in mentor.languages and not _is_french(c) and mentor.languages[c] is not None
		]
		if _mentor_french(mentor) > 0:
			level = mentee.french_level
			if level:
				reasons.append(
					Reason(
						"languages_french",
						_("speaks {0}; the mentee's French is {1}"),
						(_listing([*shared, names.get(FRENCH, "French")], 4), level),
						share["languages"],
					)
				)
			else:
				shared.append(names.get(FRENCH, "French"))
				reasons.append(
					Reason("languages", _("speaks {0}"), (_listing(shared, 4),), share["languages"])
				)
		else:
			reasons.append(Reason("languages", _("speaks {0}"), (_listing(shared, 4),), share["languages"]))
	if share["distance"] > 0:
		km = float(parts.distance_km[i, j])
		if is_approximate(mentee.location) or is_approximate(mentor.location):
			reasons.append(
				Reason(
					"distance_approximate",
					_("about {0} km (approximate: a place known only by its judicial canton)"),
					(round(km),),
					share["distance"],
				)
			)
		elif km < NEAR_KM:
			reasons.append(Reason("near", _("close by (under {0} km)"), (int(NEAR_KM),), share["distance"]))
		else:
			reasons.append(Reason("distance", _("about {0} km"), (round(km),), share["distance"]))
	if share["availability"] > 0:
		free = text.slot_labels(mentee.slots & mentor.slots)
		reasons.append(
			Reason("availability", _("both free: {0}"), (_listing(free, 3),), share["availability"])
		)
	if share["preferences"] > 0:
		wishes = int(bool(mentee.preferred_language)) + int(bool(mentee.max_travel_km))
		each = share["preferences"] / max(parts.values["preferences"][i, j] * wishes, 1e-9)
		if mentee.preferred_language and mentee.preferred_language in mentor.languages:
			reasons.append(
				Reason(
					"wish_language",
					_("speaks {0}, as the mentee wished"),
					(names.get(mentee.preferred_language, mentee.preferred_language),),
					each,
				)
			)
		km = parts.distance_km[i, j]
		if mentee.max_travel_km and not np.isnan(km) and km <= mentee.max_travel_km:
			reasons.append(
				Reason(
					"wish_distance",
					_("within the {0} km the mentee can travel"),
					(int(mentee.max_travel_km),),
					each,
				)
			)
	return tuple(reasons)


def gap(code: str, mentee: Mentee, mentor: Mentor, km: float, settings: MatchSettings) -> Reason:
	"""Why a criterion brings nothing to the pair, in plain words."""
	none = _("not given")
	if code == "sector":
		return Reason(
			"no_sector",
			_("different sectors: {0} sought, the mentor works in {1}"),
			(mentee.target_sector, mentor.sector or none),
		)
	if code == "profession":
		return Reason(
			"no_profession",
			_("no profession in common: {0} sought, the mentor is {1}"),
			(mentee.target_profession, mentor.profession or none),
		)
	if code == "expertise":
		return Reason("no_expertise", _("no word of the mentee's aspirations in the mentor's expertise"))
	if code == "languages":
		return Reason("no_language", _("no language in common"))
	if code == "distance":
		if np.isnan(km):
			return Reason("no_distance", _("distance unknown: the mentor's workplace has no postal code"))
		return Reason(
			"too_far_to_score",
			_("about {0} km: from {1} km on, distance brings nothing"),
			(round(km), round(settings.max_distance_km)),
		)
	if code == "availability":
		if not mentor.slots:
			return Reason("no_slots", _("the mentor's availability is not given"))
		return Reason(
			"no_common_slot",
			_("no free time in common: the mentee is free {0}, the mentor {1}"),
			(", ".join(text.slot_labels(mentee.slots)[:3]), ", ".join(text.slot_labels(mentor.slots)[:3])),
		)
	return Reason("no_wish", _("the mentee's wishes are not met"))


def limits(
	mentee: Mentee, mentor: Mentor, parts: Components, i: int, j: int, settings: MatchSettings
) -> tuple[Reason, ...]:
	"""What holds the pair (i, j) back: a reason for each criterion that counts and brings nothing."""
	return tuple(
		gap(code, mentee, mentor, float(parts.distance_km[i, j]), settings)
		for k, code in enumerate(CRITERIA)
		if parts.applies[i, k] and settings.weights.as_array()[k] > 0 and parts.shares[i, j, k] <= 0
	)


def rank(
	mentees: list[Mentee],
	mentors: list[Mentor],
	settings: MatchSettings,
	sectors: Sectors | None = None,
	limit: int | None = 10,
	language_names: dict[str, str] | None = None,
) -> list[Suggestion]:
	"""The best pairs, best first, among those that break no hard constraint.

	With one mentee and many mentors it suggests mentors; with one mentor and many mentees, mentees.
	"""
	if not mentees or not mentors:
		return []
	parts = components(mentees, mentors, settings, sectors)
	flat = parts.scores.ravel()
	allowed = np.flatnonzero(np.isfinite(flat))
	if limit is not None and len(allowed) > limit:
		top = allowed[np.argpartition(-flat[allowed], limit - 1)[:limit]]
	else:
		top = allowed
	top = top[np.lexsort((top, -flat[top]))]
	m = len(mentors)
	return [
		Suggestion(
			mentees[k // m].name,
			mentors[k % m].name,
			round(float(flat[k]), 1),
			explain_pair(mentees[k // m], mentors[k % m], parts, k // m, k % m, sectors, language_names),
			limits(mentees[k // m], mentors[k % m], parts, k // m, k % m, settings),
		)
		for k in top
	]


def explain(
	mentee: Mentee,
	mentor: Mentor,
	settings: MatchSettings,
	sectors: Sectors | None = None,
	language_names: dict[str, str] | None = None,
) -> Suggestion | None:
	"""The score and reasons of one pair; None when it breaks a hard constraint."""
	found = rank([mentee], [mentor], settings, sectors, 1, language_names)
	return found[0] if found else None


def render(reason: Reason, translate=lambda s: s) -> str:
	"""A reason in words: its template translated, then formatted with its (translated) arguments."""
	args = [_translate_listing(a, translate) if isinstance(a, str) else a for a in reason.args]
	return translate(reason.message).format(*args)


def _translate_listing(value: str, translate) -> str:
	"""A string argument translated whole, else item by item when it is a listing ("a, b …")."""
	whole = translate(value)
	if whole != value or ", " not in value:
		return whole
	more = value.endswith(" …")
	items = [translate(item) for item in value.removesuffix(" …").split(", ")]
	return ", ".join(items) + (" …" if more else "")


def summary(reasons, translate=lambda s: s, with_shares: bool = False) -> str:
	"""All the reasons on one line: "same sector: Construction · speaks Arabic · about 12 km"."""
	parts = []
	for reason in reasons:
		line = render(reason, translate)
		if with_shares:
			line += f" (+{reason.share:.0f})"
		parts.append(line)
	return " · ".join(parts)


def weights_from(values: dict) -> Weights:
	"""Weights from a mapping of criterion → value; a missing (None) value takes the default."""
	defaults = Weights()
	return Weights(
		**{
			f.name: (values.get(f.name) if values.get(f.name) is not None else getattr(defaults, f.name))
			for f in fields(Weights)
		}
	)
