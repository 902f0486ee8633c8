"""Every duo's meetings held, hours and last meeting counted again from its meetings.

Before the duo was locked and its meetings counted as last committed, two meetings logged at the
same moment could each count the other out, and the stored count could lag the meetings. The
meeting cap is now checked against the meetings themselves; this brings the stored figures in line.
"""

import frappe
from frappe.query_builder.functions import Count, Max, Sum

from n2w_mentoring.programme import rules


def execute():
	meeting = frappe.qb.DocType("Meeting")
	held = {
		row.duo: row
		for row in (
			frappe.qb.from_(meeting)
			.select(
				meeting.duo,
				Count(meeting.name).as_("count"),
				Sum(meeting.duration_minutes).as_("minutes"),
				Max(meeting.meeting_date).as_("last"),
			)
			.where((meeting.kind == rules.MEETING) & (meeting.status == rules.HELD))
			.groupby(meeting.duo)
			.run(as_dict=True)
		)
	}
	for duo in frappe.get_all(
		"Duo", fields=["name", "meetings_held", "hours_of_mentoring", "last_meeting_date"]
	):
		row = held.get(duo.name) or frappe._dict(count=0, minutes=0, last=None)
		values = {
			"meetings_held": row.count,
			"hours_of_mentoring": round((row.minutes or 0) / 60, 1),
			"last_meeting_date": row.last,
		}
		stored = {
			"meetings_held": duo.meetings_held or 0,
			"hours_of_mentoring": float(duo.hours_of_mentoring or 0),
			"last_meeting_date": duo.last_meeting_date,
		}
		if stored != values:
			frappe.db.set_value("Duo", duo.name, values, update_modified=False)
