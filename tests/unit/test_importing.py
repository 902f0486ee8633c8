"""Importing a programme under way (n2w_mentoring/programme/importing.py)."""

import pytest

from n2w_mentoring.programme import lifecycle
from n2w_mentoring.programme.importing import (
	IMPORT_ORDER,
	UNDO_ORDER,
	looks_like_email,
	natural_key,
	needs_convention,
	repeated_emails,
	split_at_convention,
	workflow_path,
)


@pytest.mark.parametrize(
	"target, path",
	[
		("Proposed", []),
		("Accepted", ["Accept"]),
		("Declined", ["Decline"]),
		("Cancelled", ["Cancel"]),
		("Active", ["Accept", "Activate"]),
		("Suspended", ["Accept", "Activate", "Suspend"]),
		("Completed", ["Accept", "Activate", "Complete"]),
		("Ended Early", ["Accept", "Activate", "End Early"]),
	],
)
def test_every_state_is_reached_by_the_workflows_shortest_path(target, path):
	assert workflow_path(target) == path


def test_every_step_of_a_path_is_a_transition_of_the_workflow():
	for target in lifecycle.STATES:
		state = lifecycle.PROPOSED
		for action in workflow_path(target):
			(transition,) = [t for t in lifecycle.TRANSITIONS if t.state == state and t.action == action]
			state = transition.next_state
		assert state == target


def test_a_path_goes_on_from_where_the_duo_is():
	assert workflow_path("Completed", start="Active") == ["Complete"]
	assert workflow_path("Active", start="Active") == []
	with pytest.raises(ValueError):
		workflow_path("Active", start="Completed")
	with pytest.raises(ValueError):
		workflow_path("Finished")


def test_a_started_duo_waits_at_accepted_for_its_convention():
	assert split_at_convention(["Accept", "Activate", "Suspend"]) == (["Accept"], ["Suspend"])
	assert split_at_convention(["Accept"]) == (["Accept"], [])
	assert [s for s in lifecycle.STATES if needs_convention(s)] == [
		"Active",
		"Suspended",
		"Completed",
		"Ended Early",
	]


def test_links_point_only_backwards_in_the_import_order():
	assert IMPORT_ORDER.index("Mentor") < IMPORT_ORDER.index("Duo") < IMPORT_ORDER.index("Convention")
	assert IMPORT_ORDER.index("Convention") < IMPORT_ORDER.index("Meeting")
	assert UNDO_ORDER == tuple(reversed(IMPORT_ORDER))


@pytest.mark.parametrize(
	"value, expected",
	[
		("amina.haddad@example.org", True),
		(" Amina@Example.org ", True),
		("MTR-00012", False),
		("amina@localhost", False),
		("a b@example.org", False),
		(None, False),
		(12, False),
	],
)
def test_an_email_names_a_person(value, expected):
	assert looks_like_email(value) is expected


def test_natural_keys_compare_emails_without_case_and_skip_empty_fields():
	assert natural_key("Mentor", {"email": " Jean.Dupont@Example.org"}) == {
		"email": "jean.dupont@example.org"
	}
	assert natural_key("Mentor", {"email": ""}) is None
	assert natural_key("Duo", {"mentee": "MTE-1", "mentor": "MTR-1", "proposed_on": None}) == {
		"mentee": "MTE-1",
		"mentor": "MTR-1",
	}
	assert natural_key("Partner Organisation", {"organisation_name": "X"}) is None


def test_repeated_emails_are_compared_without_case_or_spaces():
	assert repeated_emails(["a@x.org", " A@X.org ", "b@x.org", None, "a@x.org", "B@x.org"]) == [
		"a@x.org",
		"b@x.org",
	]
	assert repeated_emails(["a@x.org", "b@x.org", ""]) == []
