"""Why is this mentor not suggested for this mentee (or this mentee for this mentor)?

Either the pair breaks a hard rule (the mentee or the mentor cannot take a duo now, an exclusion, a
previous duo, too far), and :func:`why_not` names each rule it breaks; or it is scored like every
other pair, and the answer is its score, each criterion's share of it against the most it could
bring, a plain reason for each criterion that brings nothing, and the rank the pair would have
among the suggestions. Nothing is said about other people's duos: the hard rules only count them.

Plain Python, no Frappe: the caller translates the English templates (``Reason.message``,
``Problem.message``) as it does for the suggestions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from n2w_mentoring.programme.matching.scoring import (
	CRITERIA,
	MatchSettings,
	Mentee,
	Mentor,
	Reason,
	Sectors,
	blocking_problems,
	components,
	explain_pair,
	gap,
)
from n2w_mentoring.programme.rules import Problem, _

WAITING = "Waiting for match"

# Each criterion's name, as a coordinator reads it.
CRITERION_LABELS = {
	"sector": _("Sector"),
	"profession": _("Profession"),
	"expertise": _("Expertise and aspirations"),
	"languages": _("Languages"),
	"distance": _("Distance"),
	"availability": _("Availability"),
	"preferences": _("Mentee's wishes"),
}


@dataclass(frozen=True)
class Criterion:
	"""One criterion of a scored pair: the points it brings out of the most it could bring."""

	code: str
	points: float
	maximum: float
	reasons: tuple[Reason, ...]

	@property
	def label(self) -> str:
		return CRITERION_LABELS[self.code]


@dataclass(frozen=True)
class WhyNot:
	"""The answer about one pair, seen from ``side`` ("mentor": among the mentee's suggestions)."""

	side: str
	problems: tuple[Problem, ...] = ()
	score: float | None = None
	criteria: tuple[Criterion, ...] = ()
	rank: int | None = None  # 1 for the best; pairs of equal score share a rank
	among: int = 0  # how many candidates can be proposed, this one included
	limit: int = 10  # how many suggestions the list shows

	@property
	def excluded(self) -> bool:
		return bool(self.problems)

	@property
	def suggested(self) -> bool:
		return self.rank is not None and self.rank <= self.limit

	def verdict(self) -> Reason:
		"""The answer in one sentence (an English template and its arguments)."""
		if self.excluded:
			if self.side == "mentor":
				return Reason("excluded", _("This mentor cannot be proposed to this mentee:"))
			return Reason("excluded", _("This mentee cannot be proposed to this mentor:"))
		if self.suggested:
			return Reason(
				"suggested",
				_("Score {0} out of 100: rank {1} of {2}, so among the first {3} suggestions."),
				(math.floor(self.score + 0.5), self.rank, self.among, self.limit),
			)
		return Reason(
			"not_suggested",
			_("Score {0} out of 100: rank {1} of {2}; the suggestions show only the first {3}."),
			(math.floor(self.score + 0.5), self.rank, self.among, self.limit),
		)


def why_not(
	mentee: Mentee,
	mentor: Mentor,
	candidates: list,
	settings: MatchSettings,
	side: str = "mentor",
	sectors: Sectors | None = None,
	language_names: dict[str, str] | None = None,
	limit: int = 10,
) -> WhyNot:
	"""Why ``mentor`` is or is not among ``mentee``'s suggestions (``side="mentor"``), or why ``mentee``
	is or is not among ``mentor``'s (``side="mentee"``).

	``candidates`` are the others the list ranks: mentors for a mentee, mentees for a mentor; the
	pair's own party is added when missing.
	"""
	problems = tuple(blocking_problems(mentee, mentor, settings))
	if side == "mentee" and mentee.status != WAITING and not problems:
		problems = (
			Problem(
				"mentee_not_waiting",
				_(
					"The mentee's status is {0}: a mentor's suggestions list only mentees waiting for a match."
				),
				(mentee.status,),
			),
		)
	if problems:
		return WhyNot(side, problems, limit=limit)
	if side == "mentor":
		others = [r for r in candidates if r.name != mentor.name]
		parts = components([mentee], [mentor, *others], settings, sectors)
		row = parts.scores[0]
	else:
		others = [t for t in candidates if t.name != mentee.name]
		parts = components([mentee, *others], [mentor], settings, sectors)
		row = parts.scores[:, 0]
	score = float(row[0])
	finite = row[np.isfinite(row)]
	rank = 1 + int(np.sum(finite > score + 1e-9))
	weights = settings.weights.as_array() * parts.applies[0]
	total = weights.sum() or 1.0
	reasons = explain_pair(mentee, mentor, parts, 0, 0, sectors, language_names)
	km = float(parts.distance_km[0, 0])
	criteria = []
	for k, code in enumerate(CRITERIA):
		points = float(parts.shares[0, 0, k])
		maximum = 100.0 * weights[k] / total
		mine = _criterion_reasons(code, reasons)
		if maximum > 0 and points <= 0:
			mine = (gap(code, mentee, mentor, km, settings),)
		elif maximum <= 0:
			mine = (Reason("not_counted", _("does not count: the mentee's profile says nothing about it")),)
		criteria.append(Criterion(code, round(points, 1), round(maximum, 1), mine))
	return WhyNot(side, (), round(score, 1), tuple(criteria), rank, len(finite), limit)


# Which criterion each reason of :func:`explain_pair` stands for.
REASON_CRITERION = {
	"same_sector": "sector",
	"close_sector": "sector",
	"same_profession": "profession",
	"close_profession": "profession",
	"related_profession": "profession",
	"expertise": "expertise",
	"languages": "languages",
	"languages_french": "languages",
	"near": "distance",
	"distance": "distance",
	"distance_approximate": "distance",
	"availability": "availability",
	"wish_language": "preferences",
	"wish_distance": "preferences",
}


def _criterion_reasons(code: str, reasons) -> tuple[Reason, ...]:
	return tuple(r for r in reasons if REASON_CRITERION.get(r.code) == code)
