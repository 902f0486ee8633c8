# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

"""The programme's key figures over a period: matching, meetings, objectives, outcomes at 12 months,
mentors, participation by partner organisation, attendance."""

from frappe import _

from n2w_mentoring.kpis import chart_data, programme_kpis, require_staff, translated_kpis
from n2w_mentoring.replica import read


def execute(filters=None):
	require_staff()
	# The note, shown above the report, says when the replica's figures may be behind.
	data, note = read(lambda: translated_kpis(programme_kpis(filters)))
	chart = read(chart_data, filters, "meetings")[0]
	return columns(), data, note, {"data": chart, "type": "bar", "colors": ["#2490ef", "#c0c6cc"]}


def columns() -> list[dict]:
	return [
		{"fieldname": "section", "label": _("Section"), "fieldtype": "Data", "width": 240},
		{"fieldname": "indicator", "label": _("Indicator"), "fieldtype": "Data", "width": 300},
		{"fieldname": "value", "label": _("Value"), "fieldtype": "Float", "precision": 1, "width": 100},
		{"fieldname": "out_of", "label": _("Out of"), "fieldtype": "Int", "width": 100},
		{"fieldname": "rate", "label": _("Rate (%)"), "fieldtype": "Percent", "width": 100},
	]
