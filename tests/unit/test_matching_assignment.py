"""Cohort assignment: exact (equal to brute force), better than greedy, capacities respected. No Frappe."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from n2w_mentoring.programme.matching.assignment import assign, greedy, propose_cohort, total
from n2w_mentoring.programme.matching.scoring import MatchSettings, Mentee, Mentor, components

NO = -np.inf


def brute_force(scores: np.ndarray, capacities) -> float:
	"""The best total over every way of giving each mentee one mentor or none."""
	n, m = scores.shape
	best = 0.0
	for choice in itertools.product(range(-1, m), repeat=n):
		load = [0] * m
		value = 0.0
		for i, j in enumerate(choice):
			if j < 0:
				continue
			if not np.isfinite(scores[i, j]) or scores[i, j] <= 0:
				break
			load[j] += 1
			value += scores[i, j]
		else:
			if all(load[j] <= capacities[j] for j in range(m)):
				best = max(best, value)
	return best


def valid(pairs, scores, capacities) -> bool:
	mentees = [i for i, _ in pairs]
	load = np.bincount([j for _, j in pairs], minlength=scores.shape[1])
	return (
		len(mentees) == len(set(mentees))
		and all(load[j] <= capacities[j] for j in range(scores.shape[1]))
		and all(np.isfinite(scores[i, j]) and scores[i, j] > 0 for i, j in pairs)
	)


@pytest.mark.parametrize("seed", range(60))
def test_assignment_equals_brute_force_on_small_instances(seed):
	rng = np.random.default_rng(seed)
	n, m = rng.integers(1, 6), rng.integers(1, 4)
	scores = rng.integers(0, 100, size=(n, m)).astype(float)
	scores[rng.random((n, m)) < 0.25] = NO
	capacities = rng.integers(0, 3, size=m)
	pairs = assign(scores, capacities)
	assert valid(pairs, scores, capacities)
	assert total(scores, pairs) == pytest.approx(brute_force(scores, capacities))


def test_assignment_beats_greedy_on_an_adversarial_instance():
	# Greedy takes A–X (100) first and leaves B with nobody; the best is A–Y and B–X.
	scores = np.array([[100.0, 90.0], [95.0, NO]])
	capacities = [1, 1]
	assert total(scores, greedy(scores, capacities)) == 100
	assert total(scores, assign(scores, capacities)) == 185


@pytest.mark.parametrize("seed", range(20))
def test_assignment_is_never_worse_than_greedy(seed):
	rng = np.random.default_rng(100 + seed)
	scores = rng.random((30, 12)) * 100
	scores[rng.random((30, 12)) < 0.3] = NO
	capacities = rng.integers(0, 4, size=12)
	exact, quick = assign(scores, capacities), greedy(scores, capacities)
	assert valid(exact, scores, capacities) and valid(quick, scores, capacities)
	assert total(scores, exact) >= total(scores, quick) - 1e-6


def test_capacity_two_takes_two_mentees():
	scores = np.array([[50.0], [40.0], [30.0]])
	assert sorted(assign(scores, [2])) == [(0, 0), (1, 0)]


def test_forbidden_and_worthless_pairs_are_never_chosen():
	scores = np.array([[NO, 0.0], [np.nan, NO]])
	assert assign(scores, [5, 5]) == []


def test_cohort_proposal_explains_each_pair_and_names_the_unmatched():
	mentees = [
		Mentee("T1", target_sector="Construction", target_profession="Maçon"),
		Mentee("T2", target_sector="Health and care", target_profession="Infirmière"),
		Mentee("T3", target_sector="Health and care", target_profession="Aide-soignante"),
	]
	mentors = [
		Mentor("M1", sector="Construction", profession="Maçon"),
		Mentor("M2", sector="Health and care", profession="Infirmier", capacity=1),
		Mentor("M3", sector="Health and care", profession="Infirmier", status="Paused"),
	]
	proposal = propose_cohort(mentees, mentors, MatchSettings())
	pairs = {(p.mentee, p.mentor) for p in proposal.pairs}
	assert pairs == {("T1", "M1"), ("T2", "M2")}
	assert proposal.unmatched == ("T3",)
	assert all(p.reasons and p.score > 0 for p in proposal.pairs)
	assert proposal.total == pytest.approx(sum(p.score for p in proposal.pairs), abs=0.2)


@pytest.mark.parametrize("seed", range(10))
def test_cohort_respects_capacities_and_exclusions(seed):
	rnd = random.Random(seed)
	mentees = [
		Mentee(
			f"T{i}",
			target_sector=rnd.choice(["Construction", "Health and care"]),
			excluded_mentors=frozenset({"M0"}),
		)
		for i in range(8)
	]
	mentors = [
		Mentor(
			f"M{j}",
			sector=rnd.choice(["Construction", "Health and care"]),
			capacity=rnd.randint(1, 3),
			open_duos=rnd.randint(0, 1),
		)
		for j in range(4)
	]
	proposal = propose_cohort(mentees, mentors, MatchSettings())
	load: dict[str, int] = {}
	for p in proposal.pairs:
		load[p.mentor] = load.get(p.mentor, 0) + 1
		assert p.mentor != "M0"
	for r in mentors:
		assert load.get(r.name, 0) <= r.remaining_capacity


def test_cohort_proposal_tells_who_does_not_get_their_first_choice_and_what_it_gains():
	"""Two nurses want the same head nurse; the one with a good second choice gives way."""
	mentees = [
		Mentee("Esther", target_sector="Health and care", target_profession="Aide-soignante infirmière"),
		Mentee("Nadia", target_sector="Health and care", target_profession="Infirmière"),
	]
	mentors = [
		Mentor("Marc", sector="Health and care", profession="Infirmière aide-soignante"),
		Mentor("Nathalie", sector="Health and care", profession="Aide-soignante"),
	]
	parts = components(mentees, mentors, MatchSettings())
	scores = parts.scores
	# Marc is everyone's first choice, and Esther and Marc the best pair of all.
	assert scores[0, 0] == scores.max() and scores[1, 0] > scores[1, 1]
	proposal = propose_cohort(mentees, mentors, MatchSettings())
	assert {(p.mentee, p.mentor) for p in proposal.pairs} == {("Nadia", "Marc"), ("Esther", "Nathalie")}
	assert proposal.total > proposal.top_picks_total and proposal.top_picks_duos == 2
	[choice] = proposal.first_choices
	assert (choice.mentee, choice.mentor, choice.given_to) == ("Esther", "Marc", ("Nadia",))
	assert choice.score == pytest.approx(scores[0, 0], abs=0.1)
