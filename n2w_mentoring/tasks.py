"""Scheduled jobs."""

import frappe
from frappe.utils import today

from n2w_mentoring.programme import lifecycle


def flag_duos_due_for_closure():
	"""Daily: running duos whose planned end has passed are due for closure; coordinators are asked."""
	duo = frappe.qb.DocType("Duo")
	names = (
		frappe.qb.from_(duo)
		.select(duo.name)
		.where(
			duo.status.isin(lifecycle.RUNNING_STATES) & (duo.planned_end < today()) & (duo.closure_due == 0)
		)
		.run(pluck=True)
	)
	for name in names:
		frappe.get_doc("Duo", name).flag_closure()


def refresh_duo_health():
	"""Daily: each open duo's health signals (no recent meeting, behind the cadence, …) and whether it
	needs attention."""
	from n2w_mentoring.duo_health import refresh

	refresh()


def assign_due_follow_ups():
	"""Daily: post-duo follow-ups that fall due become to-dos of the duo's coordinator, once."""
	from n2w_mentoring.follow_up import assign_due_follow_ups as assign

	assign()


def send_reminders():
	"""Daily: the e-mail reminders switched on in Mentoring Settings, each sent once."""
	from n2w_mentoring.reminders import send_daily

	send_daily()


def send_coordinator_digest():
	"""Weekly: each coordinator's digest of what needs them."""
	from n2w_mentoring.reminders import send_weekly

	send_weekly()
