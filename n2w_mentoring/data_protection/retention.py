"""Retention: people are anonymised some months after their last duo ended (a daily job).

A site that turns retention on, or that imports years of history, can hold thousands of people past
the period. The job works through them in bounded batches: each batch is erased together (Frappe's
tables are scanned once per batch, not once per person) and committed, and the job stops once its
time budget is spent, well within the scheduler's timeout; the next day's run goes on from there.
"""

from __future__ import annotations

import time

import frappe
from frappe.query_builder.functions import Coalesce, Max
from frappe.utils import add_months, getdate, today

from n2w_mentoring.concurrency import run_batch
from n2w_mentoring.data_protection.erasure import erase_many
from n2w_mentoring.data_protection.scope import PERSON_DOCTYPES
from n2w_mentoring.programme import lifecycle

BATCH_SIZE = 25
TIME_BUDGET_SECONDS = 240  # a daily job's queue times out at 300 s


def due_for_erasure(doctype: str, cutoff, limit: int) -> list[str]:
	"""People of ``doctype`` not yet anonymised, with no open duo, whose last duo ended before ``cutoff``."""
	party = doctype.lower()
	duo = frappe.qb.DocType("Duo")
	person = frappe.qb.DocType(doctype)
	still_open = frappe.qb.from_(duo).select(duo[party]).where(duo.status.isin(lifecycle.OPEN_STATES))
	return (
		frappe.qb.from_(duo)
		.join(person)
		.on(person.name == duo[party])
		.select(duo[party])
		.where(duo.status.isin(lifecycle.CLOSED_STATES) & person.anonymised_on.isnull())
		.where(duo[party].notin(still_open))
		.groupby(duo[party])
		.having(Max(Coalesce(duo.actual_end, duo.proposed_on)) < cutoff)
		.orderby(duo[party])
		.limit(limit)
		.run(pluck=True)
	)


def apply_retention_policy(
	batch_size: int = BATCH_SIZE, time_budget: float = TIME_BUDGET_SECONDS, commit: bool = True
) -> int:
	"""Daily: anonymise people whose last duo ended more than the settings' retention months ago.

	Returns how many people were anonymised; at least one batch is done, more while time remains.
	"""
	months = frappe.db.get_single_value("Mentoring Settings", "retention_months")
	if not months or months < 1:
		return 0
	cutoff = add_months(getdate(today()), -months)
	started, erased = time.monotonic(), 0
	for doctype in PERSON_DOCTYPES:
		while batch := due_for_erasure(doctype, cutoff, batch_size):
			# A scheduled job: each batch is kept even if a later one fails, and run once more if it
			# ended on a deadlock with the day's writes.
			run_batch(
				lambda people, doctype=doctype: erase_many([(doctype, n) for n in people]), batch, commit
			)
			erased += len(batch)
			if time.monotonic() - started >= time_budget:
				return erased
	return erased
