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
