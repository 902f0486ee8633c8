"""Matching on a real site: suggestions, who may ask, cohort proposals, hard constraints."""

import frappe
import pytest
from support import acting_as, login, programme_doc, set_programme

from n2w_mentoring.api import matching
from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import MatchingError
from n2w_mentoring.programme.matching.scoring import rank

ARABIC = [{"language": "ar", "level": "Native"}]


def good_mentor(world, **fields):
	values = dict(
		sector="Construction",
		profession="Conductrice de chantier",
		expertise="chantiers de génie civil, sécurité, gestion de projet",
		availability="Tuesday evenings",
		workplace_postal_code="5100",
		languages=[{"language": "fr", "level": "Native"}, *ARABIC],
	)
	values.update(fields)
	return world.mentor(**values)


@pytest.fixture
def case(world):
	"""A mentee, a well-suited mentor, a poorly suited one, and well-suited ones that are off limits."""
	mentee = world.mentee(
		target_sector="Construction",
		target_profession="Ingénieure civile",
		aspirations="Travailler sur des chantiers de génie civil",
		availability="mardi soir",
		postal_code="5000",
		french_level="B1",
		languages=ARABIC,
	)
	c = frappe._dict(mentee=mentee)
	c.good = good_mentor(world)
	c.poor = world.mentor(sector="Health and care", profession="Comptable", workplace_postal_code="8000")
	c.paused = good_mentor(world, status="Paused")
	c.left = good_mentor(world, status="Left the programme")
	c.untrained = good_mentor(world, trained=False)
	c.full = good_mentor(world, capacity=1)
	b.propose_duo(world.mentee(), c.full)
	c.previous = good_mentor(world)
	b.act(b.propose_duo(mentee, c.previous), "Decline")
	c.excluded = good_mentor(world)
	doc = frappe.get_doc("Mentee", mentee)
	doc.append("excluded_mentors", {"mentor": c.excluded, "reason": "Former colleagues"})
	doc.save()
	c.off_limits = {c.paused, c.left, c.untrained, c.full, c.previous, c.excluded}
	set_programme(training_required=1)
	return c


def test_coordinator_gets_ranked_mentors_with_reasons(world, case):
	with acting_as(world.coordinator):
		result = matching.suggest_mentors(case.mentee, limit=100)
	rows = {r["mentor"]: r for r in result["suggestions"]}
	assert case.good in rows
	best = rows[case.good]
	assert best["score"] > 60
	assert "Construction" in best["summary"] and "≈" in best["summary"]
	assert sum(r["share"] for r in best["reasons"]) == pytest.approx(best["score"], abs=0.5)
	scores = [r["score"] for r in result["suggestions"]]
	assert scores == sorted(scores, reverse=True)
	# The poorly suited mentor is within reach, so suggested, but ranked below.
	assert case.poor in rows and rows[case.poor]["score"] < best["score"]
	assert not case.off_limits & set(rows)


def test_hard_constraints_hold_over_every_mentor_of_the_site(world, case):
	settings = matching.match_settings()
	[mentee] = matching.load_mentees(names=[case.mentee])
	mentors = matching.load_mentors(available_only=False)
	suggested = {s.mentor for s in rank([mentee], mentors, settings, matching.sectors(), limit=None)}
	assert case.good in suggested
	assert not case.off_limits & suggested


def test_weights_in_the_settings_change_the_ranking(world, case):
	near_nurse = world.mentor(sector="Health and care", profession="Infirmier", workplace_postal_code="5000")
	far_builder = good_mentor(world, workplace_postal_code="8000", languages=[], availability="")
	settings = programme_doc()
	for criterion in ("sector", "profession", "expertise", "languages", "availability", "preferences"):
		settings.set(f"match_weight_{criterion}", 0)
	settings.match_weight_distance = 10
	settings.save()
	with acting_as(world.coordinator):
		rows = {
			r["mentor"]: r["score"] for r in matching.suggest_mentors(case.mentee, limit=100)["suggestions"]
		}
	assert rows.get(near_nurse, 0) > rows.get(far_builder, 0)
	settings.match_weight_distance = 0
	settings.match_weight_sector = 10
	settings.save()
	with acting_as(world.coordinator):
		rows = {
			r["mentor"]: r["score"] for r in matching.suggest_mentors(case.mentee, limit=100)["suggestions"]
		}
	assert rows.get(far_builder, 0) > rows.get(near_nurse, 0)


def test_coordinator_gets_mentees_for_a_mentor(world, case):
	with acting_as(world.coordinator):
		result = matching.suggest_mentees(case.good, limit=100)
	rows = {r["mentee"]: r for r in result["suggestions"]}
	assert case.mentee in rows and rows[case.mentee]["reasons"]


def test_an_unavailable_mentor_gets_no_mentee(world, case):
	with acting_as(world.coordinator):
		result = matching.suggest_mentees(case.paused)
	assert result["suggestions"] == [] and result["notices"]


@pytest.mark.parametrize("who", ["mentor", "partner", "mentee"])
def test_only_programme_staff_may_ask(world, case, who):
	if who == "mentor":
		user = world.user_of("Mentor", world.mentor(with_user=True))
	elif who == "mentee":
		user = world.user_of("Mentee", world.mentee(with_user=True))
	else:
		user = world.partner
	with acting_as(user):
		for call in (
			lambda: matching.suggest_mentors(case.mentee),
			lambda: matching.suggest_mentees(case.good),
			lambda: matching.cohort_proposal(),
			lambda: matching.accept_proposal([{"mentee": case.mentee, "mentor": case.good}]),
			lambda: matching.propose_duo(case.mentee, case.good),
		):
			with pytest.raises(frappe.PermissionError):
				call()
	assert not frappe.db.exists("Duo", {"mentee": case.mentee, "mentor": case.good})


def test_accepting_a_cohort_proposal_creates_proposed_duos_with_score_and_reasons(world, case):
	with acting_as(world.coordinator):
		proposal = matching.cohort_proposal()
	pairs = proposal["pairs"]
	assert pairs
	assert all(p["reasons"] and p["score"] > 0 for p in pairs)
	assert proposal["comparison"] and proposal["top_picks_total"] <= proposal["total"] + 0.1
	assert all("first_choice" in p for p in pairs)
	assert not {(case.mentee, m) for m in case.off_limits} & {(p["mentee"], p["mentor"]) for p in pairs}
	load: dict[str, int] = {}
	for p in pairs:
		load[p["mentor"]] = load.get(p["mentor"], 0) + 1
	for mentor, count in load.items():
		capacity = frappe.db.get_value("Mentor", mentor, "capacity")
		open_duos = frappe.db.count("Duo", {"mentor": mentor, "status": ("in", matching.OPEN_STATES)})
		assert count <= capacity - open_duos
	chosen = pairs[:5]
	with acting_as(world.coordinator):
		created = matching.accept_proposal(
			frappe.as_json([{"mentee": p["mentee"], "mentor": p["mentor"]} for p in chosen])
		)
	assert len(created["duos"]) == len(chosen)
	for p, made in zip(chosen, created["duos"], strict=True):
		duo = frappe.get_doc("Duo", made["duo"])
		assert (duo.mentee, duo.mentor, duo.status) == (p["mentee"], p["mentor"], "Proposed")
		assert duo.match_score == pytest.approx(p["score"], abs=0.1)
		assert duo.match_reasons and p["reasons"][0]["message"] in duo.match_reasons


def test_accepting_an_off_limits_pair_is_refused_and_creates_nothing(world, case):
	before = frappe.db.count("Duo")
	with acting_as(world.coordinator):
		with pytest.raises(MatchingError):
			matching.accept_proposal([{"mentee": case.mentee, "mentor": case.excluded}])
		with pytest.raises(frappe.ValidationError):
			matching.propose_duo(case.mentee, case.full)
	assert frappe.db.count("Duo") == before


def test_proposing_a_suggested_duo(world, case):
	with acting_as(world.coordinator):
		made = matching.propose_duo(case.mentee, case.good)
	duo = frappe.get_doc("Duo", made["duo"])
	assert duo.status == "Proposed" and duo.match_score > 60 and "Construction" in duo.match_reasons


def test_creating_duos_is_post_only_over_http(server, world):
	session = login(server, world.coordinator)
	response = session.get(
		f"{server}/api/method/n2w_mentoring.api.matching.accept_proposal", params={"pairs": "[]"}, timeout=10
	)
	assert response.status_code in (403, 405)
	response = session.get(f"{server}/api/method/n2w_mentoring.api.matching.cohort_proposal", timeout=30)
	assert response.ok, response.text


# --- "Why not this mentor?" ---------------------------------------------------------------------


@pytest.mark.parametrize(
	"which, code_words",
	[
		("paused", "status is Paused"),
		("untrained", "not completed the mentor training"),
		("full", "already accompanies 1 duo(s), their capacity is 1"),
		("previous", "have already been in a duo together"),
		("excluded", "not to propose to this mentee"),
	],
)
def test_why_not_names_the_hard_rule(world, case, which, code_words):
	with acting_as(world.coordinator):
		answer = matching.why_not_pair(case.mentee, case[which])
	assert answer["excluded"] and answer["score"] is None and not answer["criteria"]
	assert any(code_words in p for p in answer["problems"]), answer["problems"]


def test_why_not_a_mentor_who_is_too_far(world, case):
	frappe.db.set_value("Mentee", case.mentee, "max_travel_km", 20)
	far = good_mentor(world, workplace_postal_code="4000")  # Liège, some 50 km from Namur
	with acting_as(world.coordinator):
		answer = matching.why_not_pair(case.mentee, far)
	assert answer["excluded"]
	assert any("more than the 20 km" in p for p in answer["problems"]), answer["problems"]


def test_why_not_a_suggested_mentor_gives_score_shares_and_rank(world, case):
	with acting_as(world.coordinator):
		suggestions = matching.suggest_mentors(case.mentee, limit=100)["suggestions"]
		answer = matching.why_not_pair(case.mentee, case.poor)
		good = matching.why_not_pair(case.mentee, case.good)
	assert not answer["excluded"] and answer["rank"] > good["rank"] >= 1
	assert good["score"] == pytest.approx(
		next(s["score"] for s in suggestions if s["mentor"] == case.good), abs=0.1
	)
	assert sum(c["points"] for c in good["criteria"]) == pytest.approx(good["score"], abs=0.5)
	sector = next(c for c in answer["criteria"] if c["code"] == "sector")
	assert sector["points"] == 0 and "different sectors" in sector["reasons"][0]
	assert str(answer["rank"]) in answer["verdict"]


def test_why_not_from_the_mentor_side(world, case):
	with acting_as(world.coordinator):
		answer = matching.why_not_pair(case.mentee, case.good, about="Mentee")
		paused = matching.why_not_pair(case.mentee, case.paused, about="Mentee")
	assert not answer["excluded"] and answer["rank"] >= 1 and answer["among"] >= 1
	assert paused["excluded"] and paused["verdict"].startswith("This mentee cannot be proposed")


def test_why_not_answers_in_the_users_language(world, case):
	frappe.local.lang = "fr"
	try:
		with acting_as(world.coordinator):
			answer = matching.why_not_pair(case.mentee, case.untrained)
	finally:
		frappe.local.lang = "en"
	assert answer["verdict"].startswith("Ce mentor ne peut pas")


def test_why_not_tells_nothing_about_other_duos(world, case):
	"""The full mentor's answer counts their duos and names neither the other mentee nor the duo."""
	duo = frappe.get_all("Duo", filters={"mentor": case.full}, fields=["name", "mentee"])[0]
	other = frappe.db.get_value("Mentee", duo.mentee, "full_name")
	with acting_as(world.coordinator):
		answer = matching.why_not_pair(case.mentee, case.full)
	text = frappe.as_json(answer)
	assert duo.name not in text and duo.mentee not in text and other not in text


@pytest.mark.parametrize("who", ["mentor", "mentee", "partner", "host"])
def test_only_programme_staff_may_ask_why_not(world, case, who):
	if who == "mentor":
		user = world.user_of("Mentor", world.mentor(with_user=True))
	elif who == "mentee":
		user = world.user_of("Mentee", world.mentee(with_user=True))
	elif who == "partner":
		user = world.partner
	else:
		user = world.host_user
	with acting_as(user):
		for about in ("Mentor", "Mentee"):
			with pytest.raises(frappe.PermissionError):
				matching.why_not_pair(case.mentee, case.good, about=about)


def test_why_not_refuses_an_unknown_side_or_person(world, case):
	with acting_as(world.coordinator):
		with pytest.raises(MatchingError):
			matching.why_not_pair(case.mentee, case.good, about="Duo")
		with pytest.raises(frappe.DoesNotExistError):
			matching.why_not_pair(case.mentee, "no-such-mentor")
