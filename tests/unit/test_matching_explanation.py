""" "Why not this mentor?": the hard rule that excludes a pair, or its score, shares and rank. No Frappe."""

from __future__ import annotations

import dataclasses
import random

import pytest
from test_matching_scoring import SECTORS, amina, claire, random_mentee, random_mentor

from n2w_mentoring.programme.matching.explanation import why_not
from n2w_mentoring.programme.matching.geography import locate
from n2w_mentoring.programme.matching.scoring import CRITERIA, MatchSettings, rank, render

SETTINGS = MatchSettings()


def nurse(**changes):
	return claire(
		name="nurse",
		full_name="Marc Lambert",
		sector="Health and care",
		profession="Infirmier en chef",
		expertise="soins intensifs",
		availability="lundi matin",
		**changes,
	)


@pytest.mark.parametrize(
	"change, code",
	[
		(dict(trained=False), "mentor_untrained"),
		(dict(capacity=1, open_duos=1), "mentor_at_capacity"),
		(dict(status="Paused"), "mentor_unavailable"),
	],
)
def test_a_mentor_who_cannot_take_a_duo_is_named_by_the_rule(change, code):
	answer = why_not(amina(), claire(**change), [], SETTINGS)
	assert answer.excluded and [p.code for p in answer.problems] == [code]
	assert answer.score is None and answer.rank is None
	assert render(answer.verdict()).startswith("This mentor cannot be proposed")


@pytest.mark.parametrize(
	"change, code",
	[
		(dict(excluded_mentors=frozenset({"M1"})), "mentor_excluded"),
		(dict(previous_mentors=frozenset({"M1"})), "previous_duo"),
		(dict(max_travel_km=10, location=locate(municipality="Liège")), "too_far"),
		(dict(has_open_duo=True), "mentee_already_in_duo"),
	],
)
def test_a_pair_rule_is_named(change, code):
	answer = why_not(amina(**change), claire(), [], SETTINGS)
	assert code in [p.code for p in answer.problems]


def test_the_capacity_rule_counts_duos_and_names_nobody():
	answer = why_not(amina(), claire(capacity=2, open_duos=2, full_name="Claire Dubois"), [], SETTINGS)
	[problem] = answer.problems
	assert problem.args == (2, 2)


def test_a_scored_pair_gets_each_criterion_share_and_its_rank():
	others = [nurse(), claire(name="other", full_name="Other builder")]
	answer = why_not(amina(), nurse(), others, SETTINGS, sectors=SECTORS, limit=1)
	assert not answer.excluded
	assert [c.code for c in answer.criteria] == list(CRITERIA)
	assert sum(c.points for c in answer.criteria) == pytest.approx(answer.score, abs=0.5)
	assert sum(c.maximum for c in answer.criteria) == pytest.approx(100, abs=0.5)
	assert all(0 <= c.points <= c.maximum + 1e-9 for c in answer.criteria)
	# The builder ranks first; the nurse second, out of the single suggestion shown.
	assert (answer.rank, answer.among) == (2, 2)
	assert not answer.suggested
	assert "the suggestions show only the first 1" in render(answer.verdict())
	sector = answer.criteria[0]
	assert sector.points == 0 and "different sectors" in render(sector.reasons[0])
	assert "Construction" in render(sector.reasons[0]) and "Health and care" in render(sector.reasons[0])


def test_every_criterion_that_brings_nothing_says_why():
	answer = why_not(amina(), nurse(languages={}), [], SETTINGS, sectors=SECTORS)
	for criterion in answer.criteria:
		assert criterion.reasons, criterion.code
		assert all(render(r) for r in criterion.reasons)


def test_the_rank_is_the_one_the_suggestions_give(seed=3):
	rng = random.Random(seed)
	for _round in range(30):
		mentee = random_mentee(rng)
		mentors = [random_mentor(rng, f"M{j}") for j in range(12)]
		listed = rank([mentee], mentors, SETTINGS, SECTORS, limit=None)
		for position, suggestion in enumerate(listed, start=1):
			mentor = next(r for r in mentors if r.name == suggestion.mentor)
			answer = why_not(mentee, mentor, mentors, SETTINGS, sectors=SECTORS, limit=5)
			assert answer.score == pytest.approx(suggestion.score, abs=0.1)
			better = sum(1 for s in listed if s.score > suggestion.score + 0.05)
			assert answer.rank == pytest.approx(better + 1, abs=1) and answer.rank <= position
		blocked = {r.name for r in mentors} - {s.mentor for s in listed}
		for name in blocked:
			mentor = next(r for r in mentors if r.name == name)
			assert why_not(mentee, mentor, mentors, SETTINGS).excluded


def test_from_the_mentor_side_the_mentee_is_ranked_among_the_waiting_mentees():
	good, other = amina(), amina(name="T2", target_sector="Health and care", target_profession="Infirmier")
	answer = why_not(other, claire(), [good, other], SETTINGS, side="mentee", sectors=SECTORS)
	assert (answer.rank, answer.among) == (2, 2)
	assert render(why_not(other, claire(status="Paused"), [], SETTINGS, side="mentee").verdict()).startswith(
		"This mentee cannot be proposed"
	)


def test_explanations_are_plain_python():
	import subprocess
	import sys
	from pathlib import Path

	root = Path(__file__).resolve().parents[2]
	code = (
		"import sys; import n2w_mentoring.programme.matching.explanation; "
		"assert not [m for m in sys.modules if m == 'frappe' or m.startswith('frappe.')]"
	)
	subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


def test_a_changed_criterion_changes_only_its_share():
	base = why_not(amina(), nurse(), [], SETTINGS, sectors=SECTORS)
	closer = why_not(
		amina(), dataclasses.replace(nurse(), sector="Construction"), [], SETTINGS, sectors=SECTORS
	)
	assert closer.criteria[0].points > base.criteria[0].points
	assert [c.points for c in closer.criteria[1:]] == [c.points for c in base.criteria[1:]]


def test_from_the_mentor_side_only_waiting_mentees_are_listed():
	answer = why_not(amina(status="Intake done"), claire(), [], SETTINGS, side="mentee")
	assert [p.code for p in answer.problems] == ["mentee_not_waiting"]
	assert not why_not(amina(status="Intake done"), claire(), [], SETTINGS, side="mentor").excluded
