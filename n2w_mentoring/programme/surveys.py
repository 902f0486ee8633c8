"""When a duo's short surveys are due: at mid-point and at the end, once for each party."""

from __future__ import annotations

from datetime import date

MID_POINT, END = "Mid-point", "End"
MOMENTS = (MID_POINT, END)
RUNNING = ("Active", "Suspended")
CLOSED = ("Completed", "Ended Early")
END_WINDOW_DAYS = 14
SATISFACTION = range(1, 6)


def due_moments(
	state: str, start: date | None, planned_end: date | None, today: date, answered: set[str]
) -> list[str]:
	"""The moments a party may answer now: mid-point once half the duo has passed (while it runs),
	end in its last two weeks or once it closed; never a moment already answered."""
	due = []
	if state in RUNNING and start and planned_end and today >= start + (planned_end - start) / 2:
		due.append(MID_POINT)
	if state in CLOSED or (
		state in RUNNING and planned_end and (planned_end - today).days <= END_WINDOW_DAYS
	):
		due.append(END)
	return [m for m in due if m not in answered]
