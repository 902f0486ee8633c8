"""Scheduled jobs.

While they run, staff and portal users keep writing to the same duos: each job locks what it
changes briefly, in the order of n2w_mentoring/concurrency.py (people, then duos), reads it again
under the locks and, in the scheduler's worker, commits in small batches
(``concurrency.in_batches``): no request waits for a whole run, and a deadlock, should MariaDB
still choose one, costs one batch, which is run once more.
"""

import frappe
from frappe.utils import today

from n2w_mentoring.concurrency import in_batches, lock_duos
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
		.orderby(duo.name)
		.run(pluck=True)
	)

	def flag(batch):
		for name in lock_duos(batch):
			frappe.get_doc("Duo", name, for_update=True).flag_closure()

	in_batches(names, flag)


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
	"""Daily: the e-mail reminders switched on in each programme, each sent once."""
	from n2w_mentoring.reminders import send_daily

	send_daily()


def send_coordinator_digest():
	"""Weekly: each coordinator's digest of what needs them."""
	from n2w_mentoring.reminders import send_weekly

	send_weekly()
