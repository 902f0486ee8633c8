"""The duo's lifecycle (n2w_mentoring/programme/lifecycle.py) and its Workflow fixture."""

import json
import string
from datetime import date
from pathlib import Path

import pytest

from n2w_mentoring.programme import lifecycle
from n2w_mentoring.programme.lifecycle import (
	ACCEPTED,
	ACTIVE,
	CANCELLED,
	CLOSED_STATES,
	COMPLETED,
	DECLINED,
	ENDED_EARLY,
	OPEN_STATES,
	PROPOSED,
	RUNNING_STATES,
	STATES,
	SUSPENDED,
	TRANSITIONS,
	DuoFacts,
	check_transition,
	mentee_status_after,
	mentor_status_after,
)

APP = Path(__file__).resolve().parents[2] / "n2w_mentoring"

READY = DuoFacts(
	mentor_agreed=True,
	mentee_agreed=True,
	convention_submitted=True,
	convention_signed_on=date(2026, 1, 10),
	end_reason="Job found",
	actual_end=date(2026, 5, 1),
)
NOTHING = DuoFacts()

# The programme's lifecycle, written out from the programme's rules (PRODUCT.md, the seeds) rather
# than read back from the code under test: a duo is proposed, accepted by both parties, started by
# its signed convention, may be suspended and resumed, and ends completed or early; a proposal may be
# declined or cancelled before it starts. Nothing else.
EXPECTED_EDGES = {
	(PROPOSED, ACCEPTED),
	(PROPOSED, DECLINED),
	(PROPOSED, CANCELLED),
	(ACCEPTED, ACTIVE),
	(ACCEPTED, CANCELLED),
	(ACTIVE, SUSPENDED),
	(SUSPENDED, ACTIVE),
	(ACTIVE, COMPLETED),
	(SUSPENDED, COMPLETED),
	(ACTIVE, ENDED_EARLY),
	(SUSPENDED, ENDED_EARLY),
}
EDGES = EXPECTED_EDGES


def test_the_declared_transitions_are_exactly_the_programmes():
	assert {(t.state, t.next_state) for t in TRANSITIONS} == EXPECTED_EDGES


@pytest.mark.parametrize("state, next_state", sorted(EXPECTED_EDGES))
def test_each_transition_of_the_programme_is_allowed_when_its_facts_are_ready(state, next_state):
	assert check_transition(state, next_state, READY) == []


@pytest.mark.parametrize(
	"state, next_state",
	[
		(COMPLETED, ACTIVE),
		(ENDED_EARLY, ACTIVE),
		(DECLINED, ACCEPTED),
		(CANCELLED, PROPOSED),
		(ACTIVE, PROPOSED),
		(ACTIVE, ACCEPTED),
		(SUSPENDED, ACCEPTED),
		(ACCEPTED, COMPLETED),
		(PROPOSED, COMPLETED),
		(COMPLETED, ENDED_EARLY),
	],
)
def test_a_closed_or_backward_step_is_refused(state, next_state):
	assert codes(check_transition(state, next_state, READY)) == ["transition_not_allowed"]


def codes(problems):
	return [p.code for p in problems]


# --- A new duo ------------------------------------------------------------------------------------


def test_new_duo_starts_proposed():
	assert check_transition(None, PROPOSED, NOTHING) == []


@pytest.mark.parametrize("state", [s for s in STATES if s != PROPOSED])
def test_new_duo_cannot_start_in_another_state(state):
	assert codes(check_transition(None, state, READY)) == ["new_not_proposed"]


# --- Transitions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_staying_in_the_same_state_is_always_allowed(state):
	assert check_transition(state, state, NOTHING) == []


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.state}-{t.action}")
def test_declared_transition_passes_when_its_facts_are_ready(transition):
	assert check_transition(transition.state, transition.next_state, READY) == []


@pytest.mark.parametrize(
	"state, next_state",
	[(a, b) for a in STATES for b in STATES if a != b and (a, b) not in EDGES],
)
def test_undeclared_transition_is_not_allowed(state, next_state):
	assert codes(check_transition(state, next_state, READY)) == ["transition_not_allowed"]


def test_proposed_cannot_become_active_directly():
	assert codes(check_transition(PROPOSED, ACTIVE, READY)) == ["transition_not_allowed"]


def test_activation_needs_a_submitted_convention():
	facts = DuoFacts(convention_submitted=False, convention_signed_on=date(2026, 1, 10))
	assert codes(check_transition(ACCEPTED, ACTIVE, facts)) == ["activate_without_convention"]


def test_activation_with_a_submitted_convention_is_allowed():
	assert check_transition(ACCEPTED, ACTIVE, DuoFacts(convention_submitted=True)) == []


def test_resuming_a_suspended_duo_does_not_need_the_convention_again():
	assert check_transition(SUSPENDED, ACTIVE, NOTHING) == []


@pytest.mark.parametrize("state", RUNNING_STATES)
def test_completion_needs_an_end_reason(state):
	assert codes(check_transition(state, COMPLETED, NOTHING)) == ["end_without_reason"]


def test_completion_does_not_need_an_actual_end():
	assert check_transition(ACTIVE, COMPLETED, DuoFacts(end_reason="Completed")) == []


@pytest.mark.parametrize("state", RUNNING_STATES)
def test_ending_early_needs_an_end_reason_and_a_date(state):
	assert codes(check_transition(state, ENDED_EARLY, NOTHING)) == ["end_without_reason", "end_without_date"]


def test_ending_early_with_a_reason_still_needs_the_date():
	assert codes(check_transition(ACTIVE, ENDED_EARLY, DuoFacts(end_reason="Mismatch"))) == [
		"end_without_date"
	]


def test_ending_early_because_of_a_mismatch_is_allowed():
	facts = DuoFacts(end_reason="Mismatch", actual_end=date(2026, 3, 1))
	assert check_transition(ACTIVE, ENDED_EARLY, facts) == []


def test_completion_because_of_a_mismatch_is_refused():
	assert codes(check_transition(ACTIVE, COMPLETED, DuoFacts(end_reason="Mismatch"))) == [
		"completed_with_mismatch"
	]


@pytest.mark.parametrize("state", CLOSED_STATES)
def test_closed_state_has_no_outgoing_transition(state):
	assert lifecycle.allowed_next_states(state) == set()


@pytest.mark.parametrize("state", OPEN_STATES)
def test_open_state_has_an_outgoing_transition(state):
	assert lifecycle.allowed_next_states(state)


def test_every_closed_state_is_reachable():
	assert set(CLOSED_STATES) <= {t.next_state for t in TRANSITIONS}


def test_open_and_closed_states_partition_the_states():
	assert set(OPEN_STATES) | set(CLOSED_STATES) == set(STATES)
	assert not set(OPEN_STATES) & set(CLOSED_STATES)


def test_running_states_are_open():
	assert set(RUNNING_STATES) <= set(OPEN_STATES)


@pytest.mark.parametrize("state", STATES)
def test_every_state_has_a_style(state):
	assert lifecycle.STATE_STYLE[state]


def test_styles_are_workflow_state_styles():
	assert set(lifecycle.STATE_STYLE.values()) <= {
		"Primary",
		"Info",
		"Success",
		"Warning",
		"Danger",
		"Inverse",
	}


def test_styles_are_only_for_known_states():
	assert set(lifecycle.STATE_STYLE) == set(STATES)


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.state}-{t.action}")
def test_every_transition_joins_known_states(transition):
	assert transition.state in STATES
	assert transition.next_state in STATES


def test_no_transition_is_declared_twice():
	assert len({(t.state, t.action) for t in TRANSITIONS}) == len(TRANSITIONS)


def test_actions_list_every_action_once():
	assert sorted(lifecycle.ACTIONS) == sorted({t.action for t in TRANSITIONS})


def test_completed_and_mismatch_are_end_reasons():
	assert {"Completed", "Mismatch", "Mentee withdrew"} <= set(lifecycle.END_REASONS)


@pytest.mark.parametrize(
	"problem",
	[
		*check_transition(None, ACTIVE, NOTHING),
		*check_transition(PROPOSED, COMPLETED, NOTHING),
		*check_transition(ACCEPTED, ACTIVE, NOTHING),
		*check_transition(ACTIVE, ENDED_EARLY, NOTHING),
		*check_transition(ACTIVE, COMPLETED, DuoFacts(end_reason="Mismatch")),
	],
	ids=lambda p: p.code,
)
def test_problem_message_placeholders_match_its_arguments(problem):
	fields = {name for _, name, _, _ in string.Formatter().parse(problem.message) if name is not None}
	assert fields == {str(i) for i in range(len(problem.args))}
	problem.message.format(*problem.args)


# --- People follow the duo ------------------------------------------------------------------------


@pytest.mark.parametrize(
	"duo_state, end_reason, current, expected",
	[
		(ACTIVE, None, "Waiting for match", "In duo"),
		(SUSPENDED, None, "In duo", "In duo"),
		(COMPLETED, "Job found", "In duo", "Completed"),
		(ENDED_EARLY, "Mentee withdrew", "In duo", "Withdrawn"),
		(ENDED_EARLY, "Mismatch", "In duo", "Waiting for match"),
		(ENDED_EARLY, "Mentor withdrew", "In duo", "Waiting for match"),
		(ENDED_EARLY, "Job found", "In duo", "Completed"),
		(ENDED_EARLY, "Training", "In duo", "Completed"),
		(DECLINED, None, "In duo", "Waiting for match"),
		(CANCELLED, None, "In duo", "Waiting for match"),
		(DECLINED, None, "Waiting for match", "Waiting for match"),
		(CANCELLED, None, "Intake done", "Intake done"),
		(PROPOSED, None, "Waiting for match", "Waiting for match"),
		(ACCEPTED, None, "Intake done", "Intake done"),
	],
)
def test_mentee_status_after_duo_state(duo_state, end_reason, current, expected):
	assert mentee_status_after(duo_state, end_reason, current) == expected


@pytest.mark.parametrize(
	"running, current, expected",
	[
		(1, "Available", "In duo"),
		(1, "Trained", "In duo"),
		(2, "In duo", "In duo"),
		(0, "In duo", "Available"),
		(0, "Trained", "Available"),
		(3, "Paused", "Paused"),
		(0, "Paused", "Paused"),
		(1, "Left the programme", "Left the programme"),
		(1, "Applicant", "Applicant"),
	],
)
def test_mentor_status_after_running_duos(running, current, expected):
	assert mentor_status_after(running, current) == expected


# --- The Workflow fixture -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow():
	docs = json.loads((APP / "fixtures" / "workflow.json").read_text())
	assert isinstance(docs, list) and len(docs) == 1
	return docs[0]


def test_fixture_is_the_duo_lifecycle_workflow(workflow):
	assert workflow["doctype"] == "Workflow"
	assert workflow["name"] == "Duo Lifecycle"
	assert workflow["document_type"] == "Duo"
	assert workflow["workflow_state_field"] == "status"


def test_fixture_transitions_are_the_lifecycle_transitions(workflow):
	expected = sorted((t.state, t.action, t.next_state, role) for t in TRANSITIONS for role in t.roles)
	actual = sorted((r["state"], r["action"], r["next_state"], r["allowed"]) for r in workflow["transitions"])
	assert actual == expected


def test_fixture_has_every_lifecycle_state(workflow):
	assert {row["state"] for row in workflow["states"]} == set(STATES)


def test_fixture_states_keep_the_duo_a_draft(workflow):
	assert {row["doc_status"] for row in workflow["states"]} == {"0"}


def test_fixture_states_are_editable_by_staff_only(workflow, app_roles):
	assert {row["allow_edit"] for row in workflow["states"]} <= set(lifecycle.STAFF) & app_roles


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.state}-{t.action}")
def test_transition_roles_are_app_roles(transition, app_roles):
	assert transition.roles
	assert set(transition.roles) <= app_roles


def duo_field(fieldname):
	duo = json.loads((APP / "mentoring" / "doctype" / "duo" / "duo.json").read_text())
	return next(f for f in duo["fields"] if f["fieldname"] == fieldname)


def test_duo_status_options_are_the_lifecycle_states():
	assert duo_field("status")["options"].split("\n") == list(STATES)


def test_duo_status_defaults_to_proposed():
	assert duo_field("status")["default"] == PROPOSED


def test_duo_end_reason_options_are_the_lifecycle_end_reasons():
	assert duo_field("end_reason")["options"].split("\n") == ["", *lifecycle.END_REASONS]


def test_ended_early_cannot_have_the_outcome_completed():
	problems = check_transition(
		ACTIVE, ENDED_EARLY, DuoFacts(end_reason="Completed", actual_end=date(2026, 1, 1))
	)
	assert [p.code for p in problems] == ["ended_early_as_completed"]


@pytest.mark.parametrize("mentor, mentee", [(False, False), (True, False), (False, True)])
def test_accept_needs_both_parties_agreement(mentor, mentee):
	facts = DuoFacts(mentor_agreed=mentor, mentee_agreed=mentee)
	assert codes(check_transition(PROPOSED, ACCEPTED, facts)) == ["accept_without_agreement"]


def test_closure_is_due_after_the_last_meeting_or_the_planned_end():
	from n2w_mentoring.programme.lifecycle import closure_due

	today = date(2026, 6, 1)
	assert closure_due(ACTIVE, 12, 12, date(2026, 7, 1), today)
	assert closure_due(SUSPENDED, 3, 12, date(2026, 5, 31), today)
	assert not closure_due(ACTIVE, 11, 12, date(2026, 6, 1), today)
	assert not closure_due(COMPLETED, 12, 12, date(2026, 5, 1), today)
