# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Count
from frappe.utils import get_first_day, get_last_day, getdate, today

from n2w_mentoring.concurrency import lock_duos
from n2w_mentoring.network import programme_of_duo
from n2w_mentoring.programme import rules
from n2w_mentoring.utils import as_date, get_limits, raise_problems


class Meeting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.meeting_objective.meeting_objective import MeetingObjective
		from n2w_mentoring.mentoring.doctype.meeting_theme.meeting_theme import MeetingTheme

		duo: DF.Link
		duo_title: DF.Data | None
		duration_minutes: DF.Int
		kind: DF.Literal["Meeting", "Phone call", "E-mail", "Message"]
		meeting_date: DF.Date
		next_steps: DF.SmallText | None
		objectives: DF.Table[MeetingObjective]
		place: DF.Data | None
		start_time: DF.Time | None
		status: DF.Literal["Planned", "Held", "Cancelled", "No-show"]
		summary: DF.Text | None
		themes: DF.Table[MeetingTheme]

	# end: auto-generated types
	def check_if_latest(self):
		"""Frappe's first step of every insert, save, submit and cancel: the duo's locks come first
		(n2w_mentoring/concurrency.py), so that meetings of one duo are saved one after the other."""
		self.lock_duo()
		super().check_if_latest()
		before = self.get_doc_before_save()
		self._counted_before = bool(
			before and before.duo == self.duo and rules.counts_as_meeting(before.kind, before.status)
		)

	def validate(self):
		self.set_default_place()
		self.check_duo_accepts_meetings()
		self.check_duration()
		self.check_date()
		self.check_convention()
		self.check_meeting_count()
		self.fill_objectives()

	def on_update(self):
		self.update_duo_progress()
		self.check_cadence()

	def on_trash(self):
		self.lock_duo()

	def after_delete(self):
		self.update_duo_progress(check_cap=False)

	# --- validate steps ---------------------------------------------------------------------

	@property
	def counts(self) -> bool:
		return rules.counts_as_meeting(self.kind, self.status)

	@property
	def duo_doc(self):
		if not getattr(self, "_duo", None) or self._duo.name != self.duo:
			self.lock_duo()
		return self._duo

	def lock_duo(self):
		"""Lock the duo (and the one the meeting leaves, if it moves); keep its row as committed."""
		stored = None if self.is_new() else frappe.db.get_value("Meeting", self.name, "duo")
		self._duo = lock_duos([self.duo, stored]).get(self.duo)

	def set_default_place(self):
		if self.kind != rules.MEETING or self.place or not self.duo_doc:
			return
		mentor = frappe.db.get_value(
			"Mentor", self.duo_doc.mentor, ["partner_organisation", "workplace_municipality"], as_dict=True
		)
		if mentor:
			self.place = mentor.partner_organisation or mentor.workplace_municipality

	def check_duo_accepts_meetings(self):
		raise_problems(rules.check_duo_accepts_meetings(self.duo_doc.status if self.duo_doc else ""))

	def check_duration(self):
		if self.kind != rules.MEETING:
			return
		raise_problems(
			rules.check_meeting_duration(self.duration_minutes, self.limits()),
			title=_("Meeting too long"),
		)

	def check_date(self):
		meeting_date = getdate(self.meeting_date)
		raise_problems(
			rules.check_meeting_not_in_future(meeting_date, self.status, getdate(today()))
			+ rules.check_meeting_within_duo(
				meeting_date, as_date(self.duo_doc.planned_end), as_date(self.duo_doc.actual_end)
			),
			title=_("Date outside the duo"),
		)

	def check_convention(self):
		signed_on = frappe.db.get_value(
			"Convention", {"duo": self.duo, "docstatus": 1}, "signed_on", order_by="signed_on asc"
		)
		raise_problems(
			rules.check_meeting_after_convention(getdate(self.meeting_date), as_date(signed_on), self.counts),
			title=_("Convention not signed"),
		)

	def check_meeting_count(self):
		"""Counted from the duo's row, read under its lock: it holds every meeting committed before.
		The count made after the meeting is written (update_duo_progress) checks it again."""
		if not self.counts or not self.duo_doc:
			return
		counted_before = getattr(self, "_counted_before", False)
		held_elsewhere = (self.duo_doc.meetings_held or 0) - (1 if counted_before else 0)
		raise_problems(
			rules.check_meeting_count(held_elsewhere, self.counts, self.limits()),
			title=_("All meetings held"),
		)

	def check_cadence(self):
		"""A warning, after the meeting is written: counted with the meetings committed meanwhile."""
		if not self.counts:
			return
		day = getdate(self.meeting_date)
		in_month = self.held_meetings(get_first_day(day), get_last_day(day), locking=True) + 1
		raise_problems(rules.check_monthly_cadence(in_month, self.counts, self.limits()))

	def limits(self):
		"""The limits of the duo's programme."""
		return get_limits(programme_of_duo(self.duo))

	def fill_objectives(self):
		"""Objectives worked on that point at the action plan take their text and axis from it."""
		linked = [row for row in self.objectives if row.plan_objective]
		if not linked:
			return
		plan = frappe.db.get_value("Action Plan", {"duo": self.duo}, "name")
		plan_rows = (
			{
				r.name: r
				for r in frappe.get_all(
					"Action Plan Objective",
					filters={"parent": plan, "parenttype": "Action Plan"},
					fields=["name", "objective", "axis"],
				)
			}
			if plan
			else {}
		)
		for row in linked:
			source = plan_rows.get(row.plan_objective)
			if not source:
				frappe.throw(
					_("Row {0}: this objective is not in the duo's action plan.").format(row.idx),
					title=_("Unknown objective"),
				)
			row.objective, row.axis = source.objective, source.axis

	# --- helpers ----------------------------------------------------------------------------

	def held_meetings(self, from_date=None, to_date=None, locking: bool = False) -> int:
		"""Held meetings of the duo other than this one; ``locking`` reads the latest committed rows
		(only once the duo is locked, see n2w_mentoring/concurrency.py)."""
		meeting = frappe.qb.DocType("Meeting")
		query = (
			frappe.qb.from_(meeting)
			.select(Count(meeting.name))
			.where(
				(meeting.duo == self.duo)
				& (meeting.kind == rules.MEETING)
				& (meeting.status == rules.HELD)
				& (meeting.name != (self.name or ""))
			)
		)
		if from_date:
			query = query.where(meeting.meeting_date[from_date:to_date])
		if locking:
			query = query.for_update()
		return query.run()[0][0]

	def update_duo_progress(self, check_cap: bool = True):
		"""Recount the duo's held meetings with the locks held, and refuse a meeting beyond the cap
		whatever the stored count said."""
		if not (self.duo and frappe.db.exists("Duo", self.duo)):
			return
		duo = frappe.get_doc("Duo", self.duo, for_update=True)
		duo.update_progress()
		if check_cap and self.counts:
			raise_problems(
				rules.check_meeting_count(duo.meetings_held - 1, self.counts, self.limits()),
				title=_("All meetings held"),
			)


def on_doctype_update():
	"""A duo's held meetings are counted on every meeting saved and every duo read: one index for it."""
	frappe.db.add_index("Meeting", ["duo", "kind", "status"])
	# A centre's coordinator lists their centre's meetings, newest first.
	frappe.db.add_index("Meeting", ["centre", "modified"])
