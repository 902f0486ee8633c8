"""Matching scores: properties of the criteria, the reasons and the hard constraints. No Frappe."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from n2w_mentoring.programme.matching import text
from n2w_mentoring.programme.matching.geography import distance_km, locate
from n2w_mentoring.programme.matching.scoring import (
	CRITERIA,
	MatchSettings,
	Mentee,
	Mentor,
	Sectors,
	Weights,
	blocking_problems,
	components,
	explain,
	rank,
	render,
	summary,
)

SETTINGS = MatchSettings()
SECTORS = Sectors({"Civil engineering": "Construction", "Roofing": "Construction"})
NAMUR = locate("5000")


def amina(**changes) -> Mentee:
	values = dict(
		name="T1",
		full_name="Amina Haddad",
		target_sector="Construction",
		target_profession="Ingénieure civile",
		aspirations="Travailler sur des chantiers de génie civil, gestion de projet",
		availability="mardi soir, samedi matin",
		languages={"ar": "Native", "en": "Good"},
		french_level="B1",
		location=NAMUR,
	)
	values.update(changes)
	return Mentee(**values)


def claire(**changes) -> Mentor:
	values = dict(
		name="M1",
		full_name="Claire Dubois",
		sector="Construction",
		profession="Conductrice de chantier",
		expertise="chantiers, sécurité, gestion de projet",
		availability="Tuesday evenings",
		languages={"fr": "Native", "ar": "Fluent"},
		location=locate("5100"),
	)
	values.update(changes)
	return Mentor(**values)


def score(mentee: Mentee, mentor: Mentor, settings: MatchSettings = SETTINGS) -> float:
	found = explain(mentee, mentor, settings, SECTORS)
	return found.score if found else -1.0


# --- The example of the seeds --------------------------------------------------------------------


def test_a_good_match_is_explained_criterion_by_criterion():
	found = explain(amina(), claire(), SETTINGS, SECTORS, {"ar": "Arabic", "fr": "French"})
	line = summary(found.reasons)
	assert "same sector: Construction" in line
	assert "profession: Conductrice de chantier ≈ Ingénieure civile" in line
	assert "Arabic" in line
	assert "close by" in line
	assert "Tuesday evening" in line
	assert found.score > 70


def test_shares_add_up_to_the_score():
	found = explain(amina(), claire(), SETTINGS, SECTORS)
	assert sum(r.share for r in found.reasons) == pytest.approx(found.score, abs=0.11)


def test_an_unrelated_mentor_scores_lower():
	nurse = claire(
		name="M2",
		sector="Health and care",
		profession="Infirmier",
		expertise="soins",
		location=locate("8000"),
	)
	assert score(amina(), nurse) < score(amina(), claire())


def test_render_translates_template_and_arguments():
	found = explain(amina(), claire(), SETTINGS, SECTORS)
	upper = render(found.reasons[0], str.upper)
	assert upper == upper.upper()


# --- Criteria -------------------------------------------------------------------------------------


def test_sector_closeness_follows_the_tree_and_related_sectors():
	assert SECTORS.closeness("Construction", "Construction") == 1
	assert 0 < SECTORS.closeness("Civil engineering", "Construction") < 1
	assert 0 < SECTORS.closeness("Civil engineering", "Roofing") < 1
	assert 0 < SECTORS.closeness("Construction", "Engineering") < 1
	assert SECTORS.closeness("Construction", "Health and care") == 0
	assert SECTORS.closeness(None, "Construction") == 0


def test_profession_closeness_is_more_than_equality():
	values = {
		p: components([amina(target_profession="Infirmière")], [claire(profession=p)], SETTINGS).values[
			"profession"
		][0, 0]
		for p in ("Infirmier", "Infirmier en chef", "Aide-soignante", "Comptable")
	}
	assert values["Infirmier"] == 1
	assert 0 < values["Aide-soignante"] < values["Infirmier en chef"] < 1
	assert values["Comptable"] == 0


def test_french_level_weighs_the_french_channel():
	fr_only = claire(languages={"fr": "Native"})
	low = components([amina(french_level="A1", languages={})], [fr_only], SETTINGS).values["languages"][0, 0]
	high = components([amina(french_level="C1", languages={})], [fr_only], SETTINGS).values["languages"][0, 0]
	assert 0 < low < high


def test_distance_uses_postal_codes_and_municipalities():
	assert distance_km(locate("5000"), locate("1000")) == pytest.approx(57, abs=10)
	assert distance_km(locate(municipality="Namur"), locate("5000")) == 0
	assert distance_km(locate(municipality="Liège"), locate(municipality="Namur")) == pytest.approx(
		52, abs=12
	)
	assert locate("0000") is None and locate(municipality="Atlantis") is None


@pytest.mark.parametrize(
	"phrase, expected",
	[
		("mardi soir", ["Tuesday evening"]),
		("Tuesday evenings", ["Tuesday evening"]),
		("mardi et jeudi soir", ["Tuesday evening", "Thursday evening"]),
		("samedi matin et mercredi après-midi", ["Wednesday afternoon", "Saturday morning"]),
		("dinsdagavond", ["Tuesday evening"]),
		("lundi-mercredi matin", ["Monday morning", "Tuesday morning", "Wednesday morning"]),
	],
)
def test_availability_is_read_from_free_text(phrase, expected):
	assert text.slot_labels(text.slots(phrase)) == expected


def test_weekend_and_flexible():
	assert len(text.slot_labels(text.slots("week-end"))) == 6
	assert text.slots("flexible") == text.ALL_SLOTS
	assert text.slots("") == 0


def test_weights_change_the_ranking():
	near = claire(name="near", sector="Health and care", profession="Infirmier", expertise="", location=NAMUR)
	same_sector_far = claire(name="far", location=locate("8000"), availability="", languages={})
	mentee = amina(preferred_language=None)
	by_sector = rank([mentee], [near, same_sector_far], MatchSettings(Weights(sector=100, distance=1)))
	by_distance = rank([mentee], [near, same_sector_far], MatchSettings(Weights(sector=1, distance=100)))
	assert by_sector[0].mentor == "far"
	assert by_distance[0].mentor == "near"


def test_zero_weights_fall_back_to_the_defaults():
	zero = Weights(**{c: 0 for c in CRITERIA})
	assert score(amina(), claire(), MatchSettings(zero)) == score(amina(), claire())


# --- Properties on random profiles ----------------------------------------------------------------

PROFESSIONS = [
	"Infirmier",
	"Aide-soignante",
	"Développeuse web",
	"Conductrice de chantier",
	"Ingénieur civil",
	"Comptable",
	"",
	"Chef d'atelier",
]
SECTOR_NAMES = [
	"Construction",
	"Civil engineering",
	"Health and care",
	"Social work",
	"Information technology",
	None,
]
LANGS = ["fr", "ar", "en", "nl", "ti", "ps"]
LEVELS = ["Native", "Fluent", "Good", "Basic", ""]
SLOTS = ["mardi soir", "samedi matin", "lundi", "week-end", "", "jeudi après-midi", "soirs"]
POSTAL = ["5000", "5100", "1000", "4000", "8000", "6000", None]
WORDS = "chantier sécurité projet soins patients code web réseau gestion équipe atelier soudure".split()


def random_mentee(rng: random.Random, name="T") -> Mentee:
	return Mentee(
		name=name,
		target_sector=rng.choice(SECTOR_NAMES),
		target_profession=rng.choice(PROFESSIONS),
		aspirations=" ".join(rng.sample(WORDS, rng.randint(0, 4))),
		availability=", ".join(rng.sample(SLOTS, 2)),
		languages={c: rng.choice(LEVELS) for c in rng.sample(LANGS, rng.randint(0, 3))},
		french_level=rng.choice(["A1", "A2", "B1", "B2", "C1", None]),
		location=locate(rng.choice(POSTAL) or ""),
		preferred_language=rng.choice([None, None, "ar", "en"]),
		max_travel_km=rng.choice([None, 20, 50]),
	)


def random_mentor(rng: random.Random, name="M") -> Mentor:
	return Mentor(
		name=name,
		sector=rng.choice(SECTOR_NAMES),
		profession=rng.choice(PROFESSIONS),
		expertise=" ".join(rng.sample(WORDS, rng.randint(0, 5))),
		availability=", ".join(rng.sample(SLOTS, 2)),
		languages={c: rng.choice(LEVELS) for c in rng.sample(LANGS, rng.randint(1, 3))},
		location=locate(rng.choice(POSTAL) or ""),
		capacity=rng.randint(1, 2),
	)


def better(rng: random.Random, mentee: Mentee, mentor: Mentor) -> Mentor:
	"""The same mentor, made a better fit for the mentee on one criterion."""
	change = rng.choice(["sector", "profession", "expertise", "language", "place", "slots"])
	if change == "sector":
		return dataclasses.replace(mentor, sector=mentee.target_sector)
	if change == "profession":
		return dataclasses.replace(mentor, profession=mentee.target_profession)
	if change == "expertise":
		return dataclasses.replace(
			mentor, expertise=f"{mentor.expertise} {mentee.aspirations} {mentee.target_profession}"
		)
	if change == "language":
		return dataclasses.replace(
			mentor, languages={**mentor.languages, **{c: "Native" for c in mentee.languages}, "fr": "Native"}
		)
	if change == "place":
		return dataclasses.replace(mentor, location=mentee.location)
	return dataclasses.replace(mentor, availability=f"{mentor.availability}, {mentee.availability}")


@pytest.mark.parametrize("seed", range(300))
def test_a_better_fit_never_scores_lower(seed):
	rng = random.Random(seed)
	mentee, mentor = random_mentee(rng), random_mentor(rng)
	improved = better(rng, mentee, mentor)
	assert score(mentee, improved) >= score(mentee, mentor) - 1e-9


@pytest.mark.parametrize("seed", range(100))
def test_every_positive_share_has_its_reason_and_scores_stay_in_range(seed):
	rng = random.Random(seed)
	mentees = [random_mentee(rng, f"T{i}") for i in range(4)]
	mentors = [random_mentor(rng, f"M{j}") for j in range(6)]
	parts = components(mentees, mentors, SETTINGS, SECTORS)
	allowed = parts.scores[parts.allowed]
	assert np.all((allowed >= 0) & (allowed <= 100 + 1e-9))
	assert np.all(np.isneginf(parts.scores[~parts.allowed]))
	for suggestion in rank(mentees, mentors, SETTINGS, SECTORS, limit=None):
		if suggestion.score > 0:
			assert suggestion.reasons
		assert sum(r.share for r in suggestion.reasons) == pytest.approx(suggestion.score, abs=0.11)
		assert all(r.share > 0 and render(r) for r in suggestion.reasons)


@pytest.mark.parametrize("seed", range(100))
def test_hard_constraints_never_bend(seed):
	rng = random.Random(seed)
	mentee = random_mentee(rng)
	mentors = [random_mentor(rng, f"M{j}") for j in range(8)]
	mentors[0] = dataclasses.replace(mentors[0], status="Paused")
	mentors[1] = dataclasses.replace(mentors[1], status="Left the programme")
	mentors[2] = dataclasses.replace(mentors[2], trained=False)
	mentors[3] = dataclasses.replace(mentors[3], capacity=1, open_duos=1)
	mentee.excluded_mentors = frozenset({"M4"})
	mentee.previous_mentors = frozenset({"M5"})
	# Make the forbidden ones the best fits on paper.
	mentors = [better(rng, mentee, better(rng, mentee, r)) if j < 6 else r for j, r in enumerate(mentors)]
	suggested = {s.mentor for s in rank([mentee], mentors, SETTINGS, SECTORS, limit=None)}
	assert suggested <= {"M6", "M7"}
	for r in mentors[:6]:
		assert blocking_problems(mentee, r, SETTINGS)
	assert explain(dataclasses.replace(mentee, has_open_duo=True), mentors[6], SETTINGS) is None


def test_untrained_mentor_is_suggested_when_training_is_not_required():
	mentor = claire(trained=False)
	assert explain(amina(), mentor, MatchSettings(training_required=False)) is not None
	assert explain(amina(), mentor, MatchSettings(training_required=True)) is None


def test_rank_returns_the_best_first_and_respects_the_limit():
	rng = random.Random(7)
	mentee = random_mentee(rng)
	mentors = [random_mentor(rng, f"M{j}") for j in range(50)]
	top = rank([mentee], mentors, SETTINGS, SECTORS, limit=5)
	every = rank([mentee], mentors, SETTINGS, SECTORS, limit=None)
	assert len(top) == 5
	assert [s.score for s in top] == sorted((s.score for s in every), reverse=True)[:5]


def test_matching_is_plain_python():
	import subprocess
	import sys
	from pathlib import Path

	root = Path(__file__).resolve().parents[2]
	code = (
		"import sys; import n2w_mentoring.programme.matching.scoring, n2w_mentoring.programme.matching.assignment; "
		"assert not [m for m in sys.modules if m == 'frappe' or m.startswith('frappe.')]"
	)
	subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


def test_a_listing_argument_is_translated_item_by_item():
	words = {
		"Tuesday evening": "mardi soir",
		"Thursday evening": "jeudi soir",
		"both free: {0}": "libres : {0}",
	}
	found = explain(
		amina(availability="mardi et jeudi soir"), claire(availability="mardi et jeudi soir"), SETTINGS
	)
	slots = next(r for r in found.reasons if r.code == "availability")
	assert render(slots, lambda s: words.get(s, s)) == "libres : mardi soir, jeudi soir"


def test_limits_name_each_criterion_that_counts_and_brings_nothing():
	nurse = claire(
		sector="Health and care", profession="Infirmier", expertise="soins", availability="lundi matin"
	)
	[found] = rank([amina()], [nurse], SETTINGS, SECTORS)
	codes = [r.code for r in found.limits]
	assert codes == ["no_sector", "no_profession", "no_expertise", "no_common_slot"]
	assert not {r.code for r in found.reasons} & set(codes)
	[best] = rank([amina()], [claire()], SETTINGS, SECTORS)
	assert "no_sector" not in [r.code for r in best.limits]
