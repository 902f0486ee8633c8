"""Glue between the plain programme rules and Frappe: settings, translated errors."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import formatdate, getdate

from n2w_mentoring.exceptions import PROBLEM_ERRORS, MentoringError
from n2w_mentoring.programme.rules import Problem, ProgrammeLimits, errors, warnings

SETTINGS = "Mentoring Settings"


def get_limits(programme: str | None = None) -> ProgrammeLimits:
	"""A programme's limits (the default programme's when none is named), cached for the request."""
	from n2w_mentoring.network import programme as programme_doc

	settings = programme_doc(programme)
	defaults = ProgrammeLimits()
	return ProgrammeLimits(
		programme_months=settings.programme_months or defaults.programme_months,
		max_meetings=settings.max_meetings or defaults.max_meetings,
		meetings_per_month=settings.meetings_per_month or defaults.meetings_per_month,
		max_meeting_minutes=settings.max_meeting_minutes or defaults.max_meeting_minutes,
		training_required=bool(settings.training_required),
	)


def as_date(value) -> date | None:
	return getdate(value) if value else None


def problem_message(problem: Problem) -> str:
	args = [formatdate(a) if isinstance(a, date) else _(a) if isinstance(a, str) else a for a in problem.args]
	return _(problem.message).format(*args)


def raise_problems(problems: list[Problem], title: str | None = None) -> None:
	"""Throw the errors among ``problems`` as one translated message; show the warnings."""
	for warning in warnings(problems):
		frappe.msgprint(problem_message(warning), title=_("Warning"), indicator="orange", alert=True)
	found = errors(problems)
	if not found:
		return
	exc = PROBLEM_ERRORS.get(found[0].code, MentoringError)
	messages = [problem_message(p) for p in found]
	message = messages[0] if len(messages) == 1 else "<br>".join(f"• {m}" for m in messages)
	frappe.throw(message, exc=exc, title=title or _("Not allowed by the programme's rules"))
