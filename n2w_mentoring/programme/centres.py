"""A mentor's centre and the programmes they may serve (plain rules, no frappe).

A mentor belongs to one centre, the one that registered them (as an employee to one company). They
serve the programmes of that centre; a programme of another centre only when it takes mentors from
the whole network (its ``network_matching``), and a duo's mentor follows the same rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def main_centre(centres: Iterable[str | None]) -> str | None:
	"""The centre of most of a mentor's programmes (on a tie, the first one met), None without any."""
	listed = [c for c in centres if c]
	if not listed:
		return None
	counted = Counter(listed)
	most = max(counted.values())
	return next(c for c in listed if counted[c] == most)


def may_serve(mentor_centre: str | None, programme_centre: str | None, network_matching: bool) -> bool:
	"""Whether a mentor of ``mentor_centre`` may serve (or be paired in) a programme of
	``programme_centre``: the same centre, or a programme open to the network's mentors."""
	return bool(network_matching) or (bool(mentor_centre) and mentor_centre == programme_centre)


def foreign_programmes(
	mentor_centre: str | None, programmes: Iterable[tuple[str, str | None, bool]]
) -> list[str]:
	"""The programmes among ``(name, centre, network_matching)`` the mentor may not serve."""
	return [name for name, centre, opted in programmes if not may_serve(mentor_centre, centre, opted)]
