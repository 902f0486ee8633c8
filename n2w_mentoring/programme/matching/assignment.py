"""Cohort matching: the set of duos that maximises the total score, capacities respected.

Exact: each mentor is replicated once per free place (never more than there are mentees), each
mentee also gets a private "no mentor" column worth nothing, and
:func:`scipy.optimize.linear_sum_assignment` finds the assignment of greatest total score. A pair
that breaks a hard constraint (score ``-inf``) or scores nothing is never chosen: leaving the mentee
unmatched is always at least as good. Among assignments of equal total, one with more duos wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from n2w_mentoring.programme.matching.scoring import (
	Components,
	MatchSettings,
	Mentee,
	Mentor,
	Sectors,
	Suggestion,
	components,
	explain_pair,
)

# Ties between equal totals go to the assignment with more duos (a hair below any real difference).
PER_DUO_BONUS = 1e-6
FORBIDDEN = 1e9


def assign(scores: np.ndarray, capacities) -> list[tuple[int, int]]:
	"""(mentee index, mentor index) pairs maximising the sum of ``scores``.

	``scores`` is (mentees × mentors); ``-inf`` or ``nan`` marks a forbidden pair; pairs scoring 0 or
	less are never chosen. ``capacities`` gives each mentor's free places.
	"""
	scores = np.asarray(scores, dtype=np.float64)
	n, m = scores.shape
	if n == 0 or m == 0:
		return []
	capacities = np.minimum(np.maximum(np.asarray(capacities, dtype=np.int64), 0), n)
	usable = np.isfinite(scores) & (scores > 0)
	# Mentors nobody can take, or with no place, are left out before the solver sees them.
	keep = np.flatnonzero((capacities > 0) & usable.any(axis=0))
	if len(keep) == 0:
		return []
	columns = np.repeat(keep, capacities[keep])
	gain = np.where(usable[:, columns], scores[:, columns] + PER_DUO_BONUS, -FORBIDDEN)
	# The "no mentor" columns: one per mentee, worth 0 to that mentee only.
	alone = np.full((n, n), -FORBIDDEN)
	np.fill_diagonal(alone, 0.0)
	cost = -np.hstack([gain, alone])
	rows, cols = linear_sum_assignment(cost)
	return [(int(r), int(columns[c])) for r, c in zip(rows, cols, strict=True) if c < len(columns)]


def greedy(scores: np.ndarray, capacities) -> list[tuple[int, int]]:
	"""Best pair first, then the next best still possible: quick, and not optimal (for comparison)."""
	scores = np.asarray(scores, dtype=np.float64)
	left = np.asarray(capacities, dtype=np.int64).copy()
	taken: set[int] = set()
	pairs = []
	order = np.argsort(-np.nan_to_num(scores, nan=-np.inf, neginf=-np.inf), axis=None, kind="stable")
	for k in order:
		i, j = divmod(int(k), scores.shape[1])
		if not (np.isfinite(scores[i, j]) and scores[i, j] > 0):
			break
		if i in taken or left[j] <= 0:
			continue
		pairs.append((i, j))
		taken.add(i)
		left[j] -= 1
	return pairs


def total(scores: np.ndarray, pairs) -> float:
	return float(sum(scores[i, j] for i, j in pairs))


@dataclass(frozen=True)
class FirstChoice:
	"""A mentee whose best mentor the proposal gives to someone else (or to no one)."""

	mentee: str
	mentor: str  # the mentee's best mentor
	score: float
	given_to: tuple[str, ...]  # the mentees who get that mentor in the proposal


@dataclass(frozen=True)
class Proposal:
	pairs: tuple[Suggestion, ...]
	unmatched: tuple[str, ...]  # mentees left without a mentor
	total: float
	# Each mentee taking their best mentor in turn, best pairs first: what the proposal does better.
	top_picks_total: float = 0.0
	top_picks_duos: int = 0
	first_choices: tuple[FirstChoice, ...] = field(default_factory=tuple)


def first_choices(mentees, mentors, scores: np.ndarray, pairs) -> tuple[FirstChoice, ...]:
	"""The mentees of ``pairs`` who do not get their best mentor, and who gets that mentor instead."""
	given: dict[int, list[int]] = {}
	for i, j in pairs:
		given.setdefault(j, []).append(i)
	found = []
	for i, j in pairs:
		row = np.where(np.isfinite(scores[i]), scores[i], -np.inf)
		best = int(np.argmax(row))
		if best != j and row[best] > scores[i, j] + 1e-9:
			found.append(
				FirstChoice(
					mentees[i].name,
					mentors[best].name,
					round(float(row[best]), 1),
					tuple(mentees[k].name for k in given.get(best, ())),
				)
			)
	return tuple(found)


def propose_cohort(
	mentees: list[Mentee],
	mentors: list[Mentor],
	settings: MatchSettings,
	sectors: Sectors | None = None,
	language_names: dict[str, str] | None = None,
	parts: Components | None = None,
) -> Proposal:
	"""The best set of duos for a cohort, each with its score and reasons."""
	if not mentees:
		return Proposal((), (), 0.0)
	parts = parts or components(mentees, mentors, settings, sectors)
	pairs = assign(parts.scores, [r.remaining_capacity for r in mentors]) if mentors else []
	suggestions = tuple(
		Suggestion(
			mentees[i].name,
			mentors[j].name,
			round(float(parts.scores[i, j]), 1),
			explain_pair(mentees[i], mentors[j], parts, i, j, sectors, language_names),
		)
		for i, j in sorted(pairs, key=lambda p: -parts.scores[p])
	)
	matched = {i for i, _j in pairs}
	top_picks = greedy(parts.scores, [r.remaining_capacity for r in mentors]) if mentors else []
	return Proposal(
		suggestions,
		tuple(t.name for i, t in enumerate(mentees) if i not in matched),
		round(total(parts.scores, pairs), 1),
		round(total(parts.scores, top_picks), 1),
		len(top_picks),
		first_choices(mentees, mentors, parts.scores, pairs),
	)
