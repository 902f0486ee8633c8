# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

"""Duos proposed, started, active, completed and ended early (by reason) over a period."""

from frappe import _

from n2w_mentoring.kpis import outcomes, require_staff, translated_outcomes
from n2w_mentoring.replica import read


def execute(filters=None):
	require_staff()
	data, note = read(lambda: translated_outcomes(outcomes(filters)))
	return columns(), data, note, chart(data)


def columns() -> list[dict]:
	return [
		{"fieldname": "outcome", "label": _("Outcome"), "fieldtype": "Data", "width": 220},
		{"fieldname": "reason", "label": _("Reason"), "fieldtype": "Data", "width": 200},
		{"fieldname": "duos", "label": _("Duos"), "fieldtype": "Int", "width": 100},
	]


def chart(data: list[dict]) -> dict:
	totals = [row for row in data if not row["reason"]]
	return {
		"data": {
			"labels": [row["outcome"] for row in totals],
			"datasets": [{"name": _("Duos"), "values": [row["duos"] for row in totals]}],
		},
		"type": "bar",
	}
