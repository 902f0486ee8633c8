"""The duo's lifecycle as data: states, transitions, who may take them, and what each needs.

The Workflow fixture ``Duo Lifecycle`` is this table written as a Frappe Workflow (a unit test keeps
the two equal); the Duo controller checks :func:`check_transition` on every save, so an API call
that sets the state by other means still meets the same preconditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from n2w_mentoring.programme.rules import Problem, _

PROPOSED = "Proposed"
ACCEPTED = "Accepted"
DECLINED = "Declined"
CANCELLED = "Cancelled"
ACTIVE = "Active"
SUSPENDED = "Suspended"
COMPLETED = "Completed"
ENDED_EARLY = "Ended Early"

STATES = (PROPOSED, ACCEPTED, ACTIVE, SUSPENDED, COMPLETED, ENDED_EARLY, DECLINED, CANCELLED)
# A duo in one of these states holds the mentee and a place in the mentor's capacity.
OPEN_STATES = (PROPOSED, ACCEPTED, ACTIVE, SUSPENDED)
# A duo in one of these states has started: meetings can be recorded.
RUNNING_STATES = (ACTIVE, SUSPENDED)
CLOSED_STATES = (COMPLETED, ENDED_EARLY, DECLINED, CANCELLED)

STATE_STYLE = {
	PROPOSED: "Info",
	ACCEPTED: "Primary",
	ACTIVE: "Success",
	SUSPENDED: "Warning",
	COMPLETED: "Success",
	ENDED_EARLY: "Danger",
	DECLINED: "Inverse",
	CANCELLED: "Inverse",
}

STAFF = ("Mentoring Manager", "Mentoring Coordinator")
# The duo's own parties answer a proposal, and their last signature of the convention starts the duo,
# from the portal. They hold no write permission on Duo: the portal checks that the user is a party
# of that very duo before it saves (n2w_mentoring/portal/api.py).
PARTIES = ("Mentor", "Mentee")

# Outcomes that close a duo on a success, whether it ran its full length or ended early.
POSITIVE_OUTCOMES = ("Completed", "Job found", "Training", "Internship")

END_REASONS = (
	"Completed",
	"Job found",
	"Training",
	"Internship",
	"Mentee withdrew",
	"Mentor withdrew",
	"Mismatch",
	"Other",
)


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	roles: tuple[str, ...] = STAFF


TRANSITIONS = (
	Transition(PROPOSED, "Accept", ACCEPTED, STAFF + PARTIES),
	Transition(PROPOSED, "Decline", DECLINED, STAFF + PARTIES),
	Transition(PROPOSED, "Cancel", CANCELLED),
	Transition(ACCEPTED, "Activate", ACTIVE, STAFF + PARTIES),
	Transition(ACCEPTED, "Cancel", CANCELLED),
	Transition(ACTIVE, "Suspend", SUSPENDED),
	Transition(SUSPENDED, "Resume", ACTIVE),
	Transition(ACTIVE, "Complete", COMPLETED),
	Transition(SUSPENDED, "Complete", COMPLETED),
	Transition(ACTIVE, "End Early", ENDED_EARLY),
	Transition(SUSPENDED, "End Early", ENDED_EARLY),
)

ACTIONS = tuple(dict.fromkeys(t.action for t in TRANSITIONS))


def allowed_next_states(state: str) -> set[str]:
	return {t.next_state for t in TRANSITIONS if t.state == state}


def is_allowed(state: str, next_state: str) -> bool:
	return state == next_state or next_state in allowed_next_states(state)


@dataclass(frozen=True)
class DuoFacts:
	"""What the preconditions look at, read by the controller."""

	mentor_agreed: bool = False
	mentee_agreed: bool = False
	convention_submitted: bool = False
	convention_signed_on: date | None = None
	end_reason: str | None = None
	actual_end: date | None = None


def check_transition(state: str | None, next_state: str, facts: DuoFacts) -> list[Problem]:
	"""Problems that forbid moving from ``state`` to ``next_state`` (``state`` None: a new duo)."""
	if state is None:
		if next_state != PROPOSED:
			return [Problem("new_not_proposed", _("A new duo starts as Proposed, not {0}."), (next_state,))]
		return []
	if state == next_state:
		return []
	if not is_allowed(state, next_state):
		return [
			Problem(
				"transition_not_allowed",
				_("A duo cannot go from {0} to {1}."),
				(state, next_state),
			)
		]
	problems: list[Problem] = []
	if next_state == ACCEPTED and not (facts.mentor_agreed and facts.mentee_agreed):
		problems.append(
			Problem(
				"accept_without_agreement",
				_("A duo is accepted once the mentor and the mentee have both agreed to it."),
			)
		)
	if next_state == ACTIVE and state == ACCEPTED and not facts.convention_submitted:
		problems.append(
			Problem(
				"activate_without_convention",
				_("The duo starts when its convention is signed by every party and submitted."),
			)
		)
	if next_state in (COMPLETED, ENDED_EARLY) and not facts.end_reason:
		problems.append(
			Problem("end_without_reason", _("Give the duo's outcome (end reason) before closing it."))
		)
	if next_state == ENDED_EARLY and not facts.actual_end:
		problems.append(Problem("end_without_date", _("Give the date on which the duo ended.")))
	if next_state == ENDED_EARLY and facts.end_reason == "Completed":
		problems.append(
			Problem(
				"ended_early_as_completed",
				_("A duo that ended early cannot have the outcome Completed; choose what happened."),
			)
		)
	if next_state == COMPLETED and facts.end_reason == "Mismatch":
		problems.append(
			Problem(
				"completed_with_mismatch",
				_("A duo that ended because of a mismatch has ended early, not completed."),
			)
		)
	return problems


# --- People follow the duo --------------------------------------------------------------------


def mentee_status_after(duo_state: str, end_reason: str | None, current: str) -> str:
	"""The mentee's status once their duo reaches ``duo_state``."""
	if duo_state in (ACTIVE, SUSPENDED):
		return "In duo"
	if duo_state == COMPLETED:
		return "Completed"
	if duo_state == ENDED_EARLY:
		if end_reason == "Mentee withdrew":
			return "Withdrawn"
		return "Completed" if end_reason in POSITIVE_OUTCOMES else "Waiting for match"
	if duo_state in (DECLINED, CANCELLED):
		return "Waiting for match" if current == "In duo" else current
	return current


def mentor_status_after(running_duos: int, current: str) -> str:
	"""The mentor's status given how many running duos they now have."""
	if current in ("Paused", "Left the programme", "Applicant"):
		return current
	if running_duos > 0:
		return "In duo"
	return "Available"


def closure_due(
	state: str, meetings_held: int, max_meetings: int, planned_end: date | None, today: date
) -> bool:
	"""A running duo is due for closure once its last meeting is held or its planned end has passed."""
	if state not in RUNNING_STATES:
		return False
	return meetings_held >= max_meetings or bool(planned_end and planned_end < today)
