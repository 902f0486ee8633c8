# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import getdate, today

from n2w_mentoring import network
from n2w_mentoring.concurrency import lock_people
from n2w_mentoring.exceptions import MentorCentreError
from n2w_mentoring.network import set_programme_and_centre
from n2w_mentoring.programme import lifecycle, rules
from n2w_mentoring.programme.centres import may_serve
from n2w_mentoring.utils import as_date, get_limits, raise_problems

# The records that hang off a duo and carry its centre.
DUO_RECORDS = ("Meeting", "Convention", "Action Plan", "Duo Check-in", "Duo Survey", "Post-Duo Follow-up")


class Duo(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		actual_end: DF.Date | None
		closure_due: DF.Check
		coordinator: DF.Link | None
		decline_reason: DF.SmallText | None
		end_notes: DF.SmallText | None
		end_reason: DF.Literal[
			"",
			"Completed",
			"Job found",
			"Training",
			"Internship",
			"Mentee withdrew",
			"Mentor withdrew",
			"Mismatch",
			"Other",
		]
		health_signals: DF.SmallText | None
		hours_of_mentoring: DF.Float
		intake: DF.Data | None
		last_meeting_date: DF.Date | None
		match_reasons: DF.SmallText | None
		match_score: DF.Float
		meetings_held: DF.Int
		mentee: DF.Link
		mentee_agreed_on: DF.Date | None
		mentee_name: DF.Data | None
		mentor: DF.Link
		mentor_agreed_on: DF.Date | None
		mentor_name: DF.Data | None
		needs_attention: DF.Check
		partner_organisation: DF.Link | None
		planned_end: DF.Date | None
		proposed_on: DF.Date | None
		start_date: DF.Date | None
		status: DF.Literal[
			"Proposed", "Accepted", "Active", "Suspended", "Completed", "Ended Early", "Declined", "Cancelled"
		]
		title: DF.Data | None

	# end: auto-generated types
	def check_if_latest(self):
		"""Frappe's first step of every insert, save and workflow action: the duo's mentee and mentor
		are locked before the duo (n2w_mentoring/concurrency.py), and the duo is then read as last
		committed."""
		stored = (
			None
			if self.is_new()
			else frappe.db.get_value("Duo", self.name, ["mentee", "mentor"], as_dict=True)
		) or frappe._dict()
		lock_people([self.mentee, stored.mentee], [self.mentor, stored.mentor])
		super().check_if_latest()

	def validate(self):
		self.set_programme()
		self.check_programme_open()
		self.set_title()
		self.check_mentor_centre()
		self.check_transition()
		self.check_new_duo_parties()
		self.check_activation()
		self.set_dates()
		self.check_dates()
		self.set_progress()

	def on_update(self):
		if self.has_value_changed("status"):
			self.update_people()
		if self.has_value_changed("centre"):
			self.move_records_to_centre()
		if self.has_value_changed("programme") or self.has_value_changed("mentor"):
			self.mentor_serves_programme()

	def mentor_serves_programme(self):
		"""A mentor serves the programme of each of their duos (one from another centre, suggested
		through the network, then serves this one too)."""
		if not (self.mentor and self.programme):
			return
		if frappe.db.exists(
			"Mentor Programme", {"parenttype": "Mentor", "parent": self.mentor, "programme": self.programme}
		):
			return
		served = frappe.qb.DocType("Mentor Programme")
		last = (
			frappe.qb.from_(served)
			.select(Max(served.idx))
			.where((served.parenttype == "Mentor") & (served.parent == self.mentor))
			.run()[0][0]
		)
		row = frappe.get_doc(
			{
				"doctype": "Mentor Programme",
				"parenttype": "Mentor",
				"parentfield": "programmes",
				"parent": self.mentor,
				"idx": (last or 0) + 1,
				"programme": self.programme,
				"centre": self.centre,
			}
		)
		row.db_insert()

	def move_records_to_centre(self):
		"""The records hanging off the duo carry its centre (who sees them reads it there)."""
		for doctype in DUO_RECORDS:
			table = frappe.qb.DocType(doctype)
			frappe.qb.update(table).set(table.centre, self.centre).where(table.duo == self.name).run()

	def on_trash(self):
		if frappe.flags.n2w_undo_import:
			return  # undoing an import removes the duo it made (n2w_mentoring/importing.py)
		if self.status not in (lifecycle.PROPOSED, lifecycle.DECLINED, lifecycle.CANCELLED):
			frappe.throw(
				_("Only a proposed, declined or cancelled duo can be deleted."),
				exc=frappe.LinkExistsError,
				title=_("Duo in progress"),
			)

	# --- validate steps ---------------------------------------------------------------------

	def set_programme(self):
		"""A duo belongs to one programme: the mentee's unless given; its centre follows."""
		mentee_programme = frappe.db.get_value("Mentee", self.mentee, "programme") if self.mentee else None
		set_programme_and_centre(self, mentee_programme)

	def check_programme_open(self):
		"""A closed programme takes no new duo; its running duos go on to their end."""
		if self.has_value_changed("programme"):
			network.check_open(self.programme)

	def check_mentor_centre(self):
		"""The duo's mentor belongs to its programme's centre, unless the programme takes mentors from
		the network's other centres (network matching)."""
		if not self.mentor or not (
			self.is_new() or self.has_value_changed("mentor") or self.has_value_changed("programme")
		):
			return
		mentor_centre = frappe.db.get_value("Mentor", self.mentor, "centre")
		if mentor_centre is None and not frappe.db.exists("Mentor", self.mentor):
			return  # link validation reports the missing mentor
		if may_serve(mentor_centre, self.centre, network.programme(self.programme).network_matching):
			return
		frappe.throw(
			_(
				"Mentor {0} belongs to centre {1}, and programme {2} of this duo does not take mentors"
				" from the network's other centres."
			).format(self.mentor_name or self.mentor, mentor_centre, self.programme),
			title=_("Mentor of another centre"),
			exc=MentorCentreError,
		)

	def set_title(self):
		self.title = " · ".join(n for n in (self.mentee_name, self.mentor_name) if n) or self.name

	def previous_status(self) -> str | None:
		before = self.get_doc_before_save()
		return before.status if before else None

	def check_transition(self):
		facts = lifecycle.DuoFacts(
			mentor_agreed=bool(self.mentor_agreed_on),
			mentee_agreed=bool(self.mentee_agreed_on),
			convention_submitted=bool(self.submitted_convention()),
			end_reason=self.end_reason,
			actual_end=as_date(self.actual_end),
		)
		raise_problems(
			lifecycle.check_transition(self.previous_status(), self.status, facts),
			title=_("This change of status is not possible"),
		)

	def check_new_duo_parties(self):
		"""A new duo: both parties available, the mentee free, the mentor below capacity."""
		if not self.is_new():
			return
		# Both people are locked (check_if_latest): concurrent proposals are counted one after the other.
		mentee = frappe.db.get_value("Mentee", self.mentee, ["status"], as_dict=True, for_update=True)
		mentor = frappe.db.get_value(
			"Mentor", self.mentor, ["status", "capacity"], as_dict=True, for_update=True
		)
		if not mentee or not mentor:
			return  # link validation reports the missing record
		open_duos = self.other_open_duos()
		problems = [
			*rules.check_mentee_available(mentee.status),
			*rules.check_mentor_available(mentor.status),
			*rules.check_mentee_single_open_duo([d.name for d in open_duos if d.mentee == self.mentee]),
			*rules.check_mentor_capacity(
				len([d for d in open_duos if d.mentor == self.mentor]), mentor.capacity
			),
		]
		raise_problems(problems, title=_("This duo cannot be proposed"))

	def check_activation(self):
		if self.status != lifecycle.ACTIVE or self.previous_status() != lifecycle.ACCEPTED:
			return
		self.check_can_start()

	def check_can_start(self):
		"""Training and consent, checked before the duo starts (and before its convention is submitted)."""
		mentor_trained = frappe.db.get_value("Mentor", self.mentor, "training_completed")
		mentee_consent = frappe.db.get_value("Mentee", self.mentee, "consent_given")
		raise_problems(
			rules.check_activation(bool(mentor_trained), bool(mentee_consent), get_limits(self.programme)),
			title=_("This duo cannot start"),
		)

	def set_dates(self):
		if self.status == lifecycle.ACTIVE and not self.start_date:
			convention = self.submitted_convention()
			self.start_date = convention.signed_on if convention and convention.signed_on else today()
		if self.start_date:
			self.planned_end = rules.planned_end(getdate(self.start_date), get_limits(self.programme))
		if self.status == lifecycle.COMPLETED and not self.actual_end:
			self.actual_end = (
				min(getdate(today()), getdate(self.planned_end)) if self.planned_end else today()
			)

	def check_dates(self):
		raise_problems(
			rules.check_dates_in_order(as_date(self.start_date), as_date(self.actual_end))
			+ rules.check_dates_in_order(as_date(self.proposed_on), as_date(self.start_date)),
			title=_("Dates out of order"),
		)

	# --- helpers ----------------------------------------------------------------------------

	def other_open_duos(self) -> list:
		"""The mentee's and the mentor's other open duos, as last committed (locking reads, each by
		its own index, so that no other duo is locked)."""
		duo = frappe.qb.DocType("Duo")
		found = {}
		for column, value in ((duo.mentee, self.mentee), (duo.mentor, self.mentor)):
			rows = (
				frappe.qb.from_(duo)
				.select(duo.name, duo.mentee, duo.mentor, duo.status)
				.where((column == value) & (duo.name != (self.name or "")))
				.for_update()
				.run(as_dict=True)
			)
			found.update({r.name: r for r in rows if r.status in lifecycle.OPEN_STATES})
		return list(found.values())

	def submitted_convention(self):
		if self.is_new():
			return None
		return frappe.db.get_value(
			"Convention",
			{"duo": self.name, "docstatus": 1},
			["name", "signed_on"],
			as_dict=True,
			order_by="creation desc",
		)

	def set_progress(self):
		"""Derived, never typed: whatever a request sends, the meetings decide."""
		self.update(self.progress())
		if not self.is_closure_due():
			self.closure_due = 0

	def update_progress(self):
		"""After a meeting changed: recount, and ask for the outcome once the last meeting is held."""
		progress = self.progress()
		if any(self.get(k) != v for k, v in progress.items()):
			self.db_set(progress, update_modified=False)
		self.flag_closure()

	def is_closure_due(self) -> bool:
		return lifecycle.closure_due(
			self.status,
			self.meetings_held or 0,
			get_limits(self.programme).max_meetings,
			as_date(self.planned_end),
			getdate(today()),
		)

	def flag_closure(self):
		"""Mark the duo as due for closure and give its coordinator a to-do, once."""
		due = self.is_closure_due()
		if bool(self.closure_due) == due:
			return
		self.db_set("closure_due", int(due), update_modified=False)
		if due:
			self.ask_coordinator_for_outcome()

	def ask_coordinator_for_outcome(self):
		from frappe.desk.form.assign_to import add as assign

		if not self.coordinator or not frappe.db.exists("User", {"name": self.coordinator, "enabled": 1}):
			return
		already = frappe.db.exists(
			"ToDo",
			{
				"reference_type": "Duo",
				"reference_name": self.name,
				"allocated_to": self.coordinator,
				"status": "Open",
			},
		)
		if already:
			return
		assign(
			{
				"assign_to": [self.coordinator],
				"doctype": "Duo",
				"name": self.name,
				"description": _("The duo {0} has reached its end: record its outcome and close it.").format(
					self.title
				),
			},
			ignore_permissions=True,
		)

	def progress(self) -> dict:
		"""Meetings held, hours and last meeting, derived from the duo's meetings as last committed
		(a locking read: the duo is locked first, see n2w_mentoring/concurrency.py)."""
		if self.is_new():
			return {"meetings_held": 0, "hours_of_mentoring": 0, "last_meeting_date": None}
		meeting = frappe.qb.DocType("Meeting")
		held = (
			frappe.qb.from_(meeting)
			.select(
				Count(meeting.name),
				Sum(meeting.duration_minutes),
				Max(meeting.meeting_date),
			)
			.where(
				(meeting.duo == self.name) & (meeting.kind == rules.MEETING) & (meeting.status == rules.HELD)
			)
			.for_update()
			.run()
		)[0]
		count, minutes, last = held
		return {
			"meetings_held": count or 0,
			"hours_of_mentoring": round((minutes or 0) / 60, 1),
			"last_meeting_date": last,
		}

	def update_people(self):
		"""The mentee's and mentor's statuses follow the duo's."""
		# Read as last committed: both people are locked since check_if_latest.
		mentee = frappe.get_doc("Mentee", self.mentee, for_update=True)
		new_status = lifecycle.mentee_status_after(self.status, self.end_reason, mentee.status)
		if new_status != mentee.status:
			mentee.status = new_status
			mentee.save(ignore_permissions=True)

		mentor = frappe.get_doc("Mentor", self.mentor, for_update=True)
		running = len(
			[
				d
				for d in self.other_open_duos()
				if d.mentor == self.mentor and d.status in lifecycle.RUNNING_STATES
			]
		) + (1 if self.status in lifecycle.RUNNING_STATES else 0)
		new_status = lifecycle.mentor_status_after(running, mentor.status)
		if new_status != mentor.status:
			mentor.status = new_status
			mentor.save(ignore_permissions=True)


def on_doctype_update():
	"""A centre's coordinator lists their centre's duos, newest first, and counts them by status."""
	frappe.db.add_index("Duo", ["centre", "modified"])
	frappe.db.add_index("Duo", ["centre", "status"])
