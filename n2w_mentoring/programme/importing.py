"""Importing a programme already under way: the order of the imports, the Workflow actions that
bring an imported duo to its state, and what makes two rows the same record.

Plain Python, no Frappe: the Data Import glue is n2w_mentoring/importing.py.
"""

from __future__ import annotations

from collections import deque

from n2w_mentoring.programme import lifecycle

# The DocTypes a coordinator imports, in the order the imports are made: each one's links point
# only to records of the DocTypes before it.
IMPORT_ORDER = (
	"Partner Organisation",
	"Mentor",
	"Mentee",
	"Mentee Protected Data",
	"Duo",
	"Convention",
	"Meeting",
)

# Undoing imports goes the other way: a record is removed only once nothing imported after it
# points to it.
UNDO_ORDER = tuple(reversed(IMPORT_ORDER))

# The Workflow action that needs the duo's convention submitted: an imported duo waits at
# Accepted until its convention, signed on paper, is imported.
CONVENTION_ACTION = "Activate"


def workflow_path(target: str, start: str = lifecycle.PROPOSED) -> list[str]:
	"""The shortest list of Workflow actions from ``start`` to ``target`` (empty when already there).

	Raises ValueError when the Workflow has no way there (e.g. from Completed back to Active)."""
	if target not in lifecycle.STATES:
		raise ValueError(target)
	paths = {start: []}
	queue = deque([start])
	while queue:
		state = queue.popleft()
		if state == target:
			return paths[state]
		for t in lifecycle.TRANSITIONS:
			if t.state == state and t.next_state not in paths:
				paths[t.next_state] = [*paths[state], t.action]
				queue.append(t.next_state)
	raise ValueError(target)


def split_at_convention(actions: list[str]) -> tuple[list[str], list[str]]:
	"""The actions taken when the duo is imported, and those taken once its convention is submitted
	(the convention's own submission takes ``Activate``)."""
	if CONVENTION_ACTION not in actions:
		return list(actions), []
	at = actions.index(CONVENTION_ACTION)
	return list(actions[:at]), list(actions[at + 1 :])


def needs_convention(target: str) -> bool:
	return CONVENTION_ACTION in workflow_path(target)


def looks_like_email(value) -> bool:
	"""A spreadsheet cell that names a person by e-mail rather than by the record's ID."""
	if not isinstance(value, str):
		return False
	value = value.strip()
	local, at, domain = value.partition("@")
	return bool(at and local and "." in domain and " " not in value)


def normalise_email(value: str) -> str:
	return value.strip().lower()


# The fields that identify a record already imported: a second row with the same values is the
# same record, refused rather than duplicated.
NATURAL_KEYS = {
	"Mentor": ("email",),
	"Mentee": ("email",),
	"Duo": ("mentee", "mentor", "proposed_on"),
	"Meeting": ("duo", "meeting_date", "kind", "start_time"),
}


def natural_key(doctype: str, values: dict) -> dict | None:
	"""The filters that find the same record, or None when the row holds no key to compare.

	Empty values of the key are left out, except the first field, which must be present."""
	fields = NATURAL_KEYS.get(doctype)
	if not fields or not values.get(fields[0]):
		return None
	key = {}
	for field in fields:
		value = values.get(field)
		if value in (None, ""):
			continue
		key[field] = normalise_email(value) if field == "email" else value
	return key


def repeated_emails(emails) -> list[str]:
	"""The e-mails given more than once (compared without case or spaces), in their first order."""
	seen, repeated = set(), []
	for email in emails:
		if not email:
			continue
		key = normalise_email(email)
		if key in seen and key not in repeated:
			repeated.append(key)
		seen.add(key)
	return repeated
