"""Matching on the demo programme: real choices for every waiting mentee, a cohort that beats first picks."""

import frappe
import pytest
from support import acting_as, set_programme

from n2w_mentoring.api import matching
from n2w_mentoring.demo import demo
from n2w_mentoring.programme.matching.assignment import propose_cohort

WAITING = ("Jean-Paul", "Lina", "Esther", "Nadia")
IN_A_DUO = ("Mariam", "Oleksandr")


def person(doctype: str, first: str) -> str:
	rows = demo.MENTEES if doctype == "Mentee" else demo.MENTORS
	last = next(r[1] for r in rows if r[0] == first)
	return frappe.db.get_value(doctype, {"email": demo.email(first, last)}, "name")


@pytest.fixture(scope="module")
def programme(site):
	"""The demo, loaded for these tests (and removed after them, unless it was there before)."""
	loaded_here = not frappe.db.exists("User", demo.email("Camille", "Martin"))
	demo.load()
	frappe.db.commit()
	yield frappe._dict(
		coordinator=demo.email("Camille", "Martin"),
		mentors={person("Mentor", r[0]) for r in demo.MENTORS},
	)
	if loaded_here:
		demo.remove()
		frappe.db.commit()


def shares(row: dict) -> dict[str, float]:
	found: dict[str, float] = {}
	for reason in row["reasons"]:
		found[reason["code"]] = found.get(reason["code"], 0) + reason["share"]
	return found


def demo_suggestions(programme, first: str) -> dict:
	with acting_as(programme.coordinator):
		result = matching.suggest_mentors(person("Mentee", first), limit=100)
	result["suggestions"] = [s for s in result["suggestions"] if s["mentor"] in programme.mentors]
	return result


@pytest.mark.parametrize("first", WAITING)
def test_every_waiting_mentee_has_three_different_suggestions(programme, first):
	result = demo_suggestions(programme, first)
	rows = result["suggestions"]
	assert result["can_propose"] and len(rows) >= 3
	assert all(r["reasons"] for r in rows)
	trade = {
		"same_sector",
		"close_sector",
		"same_profession",
		"close_profession",
		"related_profession",
		"expertise",
	}
	strong = [r for r in rows if sum(v for k, v in shares(r).items() if k in trade) >= 40]
	assert strong, f"{first}: no mentor strong on sector, profession and expertise"
	place = {"languages", "languages_french", "near", "distance", "wish_language"}
	local = [
		r for r in rows if r not in strong[:1] and sum(v for k, v in shares(r).items() if k in place) >= 20
	]
	assert local, f"{first}: no mentor good on languages and place"
	limited = [
		r
		for r in rows
		if any(text.startswith("no free time in common") for text in r["limits"])
		or any(reason["code"] == "distance" and reason["share"] < 7 for reason in r["reasons"])
	]
	assert limited, f"{first}: no mentor held back by availability or distance"
	assert len({r["mentor"] for r in (strong[0], local[0], limited[0])}) >= 2


@pytest.mark.parametrize("first", IN_A_DUO)
def test_a_mentee_whose_duo_is_pending_sees_alternatives_without_proposing(programme, first):
	result = demo_suggestions(programme, first)
	assert not result["can_propose"] and len(result["suggestions"]) >= 3
	assert "already has a duo with" in result["notices"][0]


def test_the_cohort_pairs_every_waiting_mentee_and_beats_first_picks(programme):
	mentees = matching.load_mentees(names=[person("Mentee", f) for f in WAITING])
	mentors = [r for r in matching.load_mentors(names=sorted(programme.mentors)) if r.remaining_capacity > 0]
	proposal = propose_cohort(mentees, mentors, matching.match_settings(), matching.sectors())
	assert not proposal.unmatched and len(proposal.pairs) == len(WAITING)
	assert proposal.total > proposal.top_picks_total
	[choice] = proposal.first_choices
	assert choice.mentee == person("Mentee", "Esther") and choice.mentor == person("Mentor", "Marc")
	assert choice.given_to == (person("Mentee", "Nadia"),)


@pytest.mark.parametrize(
	"mentee, mentor, words",
	[
		("Jean-Paul", "Pierre", "not completed the mentor training"),
		("Esther", "Luc", "more than the 20 km"),
		("Lina", "Claire", "capacity is 1"),
	],
)
def test_why_not_on_the_demo(programme, mentee, mentor, words):
	set_programme(training_required=1)
	with acting_as(programme.coordinator):
		answer = matching.why_not_pair(person("Mentee", mentee), person("Mentor", mentor))
	assert answer["excluded"] and any(words in p for p in answer["problems"]), answer["problems"]


def test_distances_in_the_demo_are_real(programme):
	rows = demo_suggestions(programme, "Esther")["suggestions"]
	marc = next(r for r in rows if r["mentor"] == person("Mentor", "Marc"))
	assert "about 16 km" in marc["summary"]  # Gembloux to Namur
