# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

"""The coordinator's list of duos needing attention, with the signals the daily job found."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from n2w_mentoring.kpis import programmes_in_scope, require_staff
from n2w_mentoring.programme import health
from n2w_mentoring.replica import read
from n2w_mentoring.utils import as_date, get_limits


def execute(filters=None):
	require_staff()
	filters = frappe._dict(filters or {})
	data, note = read(rows, filters)
	return columns(), data, note


def columns() -> list[dict]:
	return [
		{"fieldname": "duo", "label": _("Duo"), "fieldtype": "Link", "options": "Duo", "width": 140},
		{"fieldname": "mentee_name", "label": _("Mentee"), "fieldtype": "Data", "width": 160},
		{"fieldname": "mentor_name", "label": _("Mentor"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "coordinator",
			"label": _("Coordinator"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 90},
		{"fieldname": "signals", "label": _("Signals"), "fieldtype": "Data", "width": 320},
		{"fieldname": "last_meeting_date", "label": _("Last meeting"), "fieldtype": "Date", "width": 110},
		{"fieldname": "meetings_held", "label": _("Meetings held"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "meetings_planned",
			"label": _("Meetings planned so far"),
			"fieldtype": "Int",
			"width": 110,
		},
	]


def rows(filters) -> list[dict]:
	duo = frappe.qb.DocType("Duo")
	query = (
		frappe.qb.from_(duo)
		.select(
			duo.name.as_("duo"),
			duo.mentee_name,
			duo.mentor_name,
			duo.coordinator,
			duo.status,
			duo.health_signals,
			duo.last_meeting_date,
			duo.meetings_held,
			duo.start_date,
			duo.planned_end,
			duo.programme,
		)
		.where(duo.needs_attention == 1)
		.orderby(duo.last_meeting_date)
	)
	if filters.coordinator:
		query = query.where(duo.coordinator == filters.coordinator)
	if filters.partner_organisation:
		query = query.where(duo.partner_organisation == filters.partner_organisation)
	scope = programmes_in_scope(filters)  # a programme, a centre, the network: within the user's centres
	if scope is not None:
		query = query.where(duo.programme.isin(scope or [""]))
	day, limits = getdate(today()), {}
	data = query.run(as_dict=True)
	for row in data:
		programme = row.pop("programme")
		if programme not in limits:
			limits[programme] = get_limits(programme)
		row.signals = ", ".join(_(label) for label in health.labels_of(row.pop("health_signals")))
		row.status = _(row.status)
		row.meetings_planned = health.meetings_planned_so_far(
			as_date(row.start_date), as_date(row.planned_end), day, limits[programme]
		)
	return data
