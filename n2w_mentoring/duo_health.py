"""The duos' health signals, refreshed daily: read the facts in a few queries, store the signals."""

from __future__ import annotations

import frappe
from frappe.utils import getdate, today

from n2w_mentoring.concurrency import in_batches, lock_duos
from n2w_mentoring.programme import health, lifecycle
from n2w_mentoring.utils import as_date, get_limits

# Duos whose signals are computed; any other duo is cleared.
WATCHED_STATES = (lifecycle.ACCEPTED, lifecycle.ACTIVE, lifecycle.SUSPENDED)
# Duos locked and written together, then committed (daily job).
BATCH = 100


def _objectives(names: list[str]) -> dict[str, list[tuple]]:
	plan = frappe.qb.DocType("Action Plan")
	objective = frappe.qb.DocType("Action Plan Objective")
	rows = (
		frappe.qb.from_(objective)
		.join(plan)
		.on(objective.parent == plan.name)
		.select(plan.duo, objective.target_date, objective.status)
		.where((objective.parenttype == "Action Plan") & plan.duo.isin(names))
		.run(as_dict=True)
	)
	found: dict[str, list[tuple]] = {}
	for row in rows:
		found.setdefault(row.duo, []).append((as_date(row.target_date), row.status))
	return found


def _last_checkin_concerns(names: list[str]) -> set[str]:
	"""Duos whose latest check-in noted concerns."""
	checkin = frappe.qb.DocType("Duo Check-in")
	rows = (
		frappe.qb.from_(checkin)
		.select(checkin.duo, checkin.concerns)
		.where(checkin.duo.isin(names))
		.orderby(checkin.checkin_date)
		.orderby(checkin.creation)
		.run(as_dict=True)
	)
	latest = {}
	for row in rows:
		latest[row.duo] = row.concerns
	return {duo for duo, concerns in latest.items() if concerns}


def facts_of(duo, objectives: dict, concerns: set) -> health.DuoHealthFacts:
	return health.DuoHealthFacts(
		status=duo.status,
		start_date=as_date(duo.start_date),
		planned_end=as_date(duo.planned_end),
		accepted_on=health.accepted_on(as_date(duo.mentor_agreed_on), as_date(duo.mentee_agreed_on)),
		last_meeting_date=as_date(duo.last_meeting_date),
		meetings_held=duo.meetings_held or 0,
		objectives=tuple(objectives.get(duo.name, ())),
		last_checkin_concerns=duo.name in concerns,
	)


def refresh(names: list[str] | None = None, on=None) -> int:
	"""Recompute the signals of the open duos (or of ``names``); return how many duos changed.

	Batch by batch, the duos are locked (their people first, see n2w_mentoring/concurrency.py) and
	their facts read as last committed, so that a meeting logged meanwhile is not overwritten with
	signals computed before it; in the daily job each batch is committed on its own."""
	day = getdate(on or today())
	limits = {}  # per programme

	def limits_of(duo):
		if duo.programme not in limits:
			limits[duo.programme] = get_limits(duo.programme)
		return limits[duo.programme]

	filters = {"name": ("in", names)} if names else {}
	watched = frappe.get_all(
		"Duo", filters={**filters, "status": ("in", WATCHED_STATES)}, pluck="name", order_by="name asc"
	)
	# Duos that left the watched states keep no signal.
	stale = frappe.get_all(
		"Duo",
		filters={**filters, "status": ("not in", WATCHED_STATES), "needs_attention": 1},
		pluck="name",
		order_by="name asc",
	)

	def refresh_batch(batch) -> int:
		duos = [d for d in lock_duos(batch).values() if d.status in WATCHED_STATES]
		batch_names = [d.name for d in duos]
		objectives = _objectives(batch_names)
		concerns = _last_checkin_concerns(batch_names)
		return sum(
			_store(
				duo, health.describe(health.signals(facts_of(duo, objectives, concerns), day, limits_of(duo)))
			)
			for duo in duos
		)

	def clear_batch(batch) -> int:
		return sum(_store(duo, "") for duo in lock_duos(batch).values() if duo.status not in WATCHED_STATES)

	return sum(in_batches(watched, refresh_batch, BATCH)) + sum(in_batches(stale, clear_batch, BATCH))


def _store(duo, signals: str) -> int:
	if (duo.health_signals or "") == signals and bool(duo.needs_attention) == bool(signals):
		return 0
	frappe.db.set_value(
		"Duo",
		duo.name,
		{"health_signals": signals or None, "needs_attention": 1 if signals else 0},
		update_modified=False,
	)
	return 1
