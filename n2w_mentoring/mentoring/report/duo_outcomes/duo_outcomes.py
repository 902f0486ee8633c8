# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

"""Duos proposed, started, active, completed and ended early (by reason) over a period."""

from frappe import _

from n2w_mentoring.kpis import chart_data, outcomes, require_staff, translated_outcomes
from n2w_mentoring.replica import read


def execute(filters=None):
	require_staff()
	data, note = read(lambda: translated_outcomes(outcomes(filters)))
	which = (filters or {}).get("chart") or "status"
	if which not in ("status", "milestones"):
		which = "status"
	return columns(), data, note, chart(read(chart_data, filters, which)[0], which)


def columns() -> list[dict]:
	return [
		{"fieldname": "outcome", "label": _("Outcome"), "fieldtype": "Data", "width": 220},
		{"fieldname": "reason", "label": _("Reason"), "fieldtype": "Data", "width": 200},
		{"fieldname": "duos", "label": _("Duos"), "fieldtype": "Int", "width": 100},
	]


def chart(data: dict, which: str) -> dict:
	"""Duos by status at the end of each month (a line each), or the outcomes at 3, 6 and 12 months."""
	return {"data": data, "type": "line" if which == "status" else "bar"}
