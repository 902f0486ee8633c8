"""Errors the app raises, so that callers and tests can tell them apart."""

import frappe


class MentoringError(frappe.ValidationError):
	"""Base class: a programme rule refused the change."""


class MeetingLimitError(MentoringError):
	"""A meeting is too long, or the duo has held all its meetings."""


class MeetingDateError(MentoringError):
	"""A meeting's date is outside what the duo and its convention allow."""


class DuoConflictError(MentoringError):
	"""The mentee already has an open duo, or the mentor is at capacity."""


class DuoEligibilityError(MentoringError):
	"""A party may not take part (training, consent, status)."""


class DuoTransitionError(MentoringError):
	"""The duo cannot move to that state, or a precondition is missing."""


class DuoDatesError(MentoringError):
	"""Dates are out of order."""


class ConventionError(MentoringError):
	"""The convention is incomplete or conflicts with another one."""


class ConsentError(MentoringError):
	"""Consent to data processing is incomplete."""


class SettingsError(MentoringError):
	"""A programme's settings hold an impossible value."""


class MatchingError(MentoringError):
	"""A suggested pair breaks a hard constraint of matching (exclusion, previous duo, availability)."""


class ImportRowError(MentoringError):
	"""A spreadsheet row could not be imported as it is (an unknown person, an unreadable value, a
	missing scan); the other rows are imported."""


class TryAgainError(MentoringError):
	"""Other requests held what this one needed (a deadlock, a lock wait timeout), even after one
	retry: nothing was saved, and the person is asked to try again."""

	http_status_code = 409


class ConcurrentChangeError(MentoringError):
	"""In the portal: the record changed while this request was saving it."""

	http_status_code = 409


class IntakeError(MentoringError):
	"""A mentee's intake is not one of their programme's intakes."""


class ProgrammeClosedError(MentoringError):
	"""The programme is closed: it takes no new application, mentee or duo (its running duos go on)."""


# The class raised for each problem code of n2w_mentoring.programme.
PROBLEM_ERRORS = {
	"duration_missing": MeetingLimitError,
	"duration_too_long": MeetingLimitError,
	"too_many_meetings": MeetingLimitError,
	"convention_not_signed": MeetingDateError,
	"before_convention": MeetingDateError,
	"after_duo_end": MeetingDateError,
	"held_in_future": MeetingDateError,
	"duo_not_running": MeetingDateError,
	"end_before_start": DuoDatesError,
	"mentee_already_in_duo": DuoConflictError,
	"mentor_at_capacity": DuoConflictError,
	"mentor_untrained": DuoEligibilityError,
	"mentee_no_consent": DuoEligibilityError,
	"mentor_unavailable": DuoEligibilityError,
	"mentee_unavailable": DuoEligibilityError,
	"new_not_proposed": DuoTransitionError,
	"transition_not_allowed": DuoTransitionError,
	"accept_without_agreement": DuoTransitionError,
	"activate_without_convention": DuoTransitionError,
	"end_without_reason": DuoTransitionError,
	"end_without_date": DuoTransitionError,
	"completed_with_mismatch": DuoTransitionError,
	"ended_early_as_completed": DuoTransitionError,
	"consent_incomplete": ConsentError,
	"capacity_invalid": DuoEligibilityError,
	"limit_not_positive": SettingsError,
	"mentor_excluded": MatchingError,
	"previous_duo": MatchingError,
	"too_far": MatchingError,
	"intake_twice": SettingsError,
	"intake_dates": SettingsError,
	"intakes_overlap": SettingsError,
	"intake_unknown": IntakeError,
}


class PrivacyError(MentoringError):
	"""A data-protection guard refused the change (sharing, export, erasure)."""


class ForeignChildRowError(frappe.PermissionError):
	"""A save named a child row that belongs to another record."""


class PartnerContactError(MentoringError):
	"""A contact to add to a partner organisation is incomplete, given twice, or is already a contact
	of the site that the organisation does not hold."""


class MentorCentreError(MentoringError):
	"""A mentor would serve, or be paired in, a programme of another centre than their own that does
	not take mentors from the network (network matching)."""


class NetworkMatchingError(SettingsError):
	"""A programme cannot stop taking mentors from the network while duos with a mentor of another
	centre are open in it."""
