# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from n2w_mentoring.programme import operations
from n2w_mentoring.training import mark_trained
from n2w_mentoring.utils import as_date, raise_problems


class MentorTrainingSession(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.mentor_training_attendance.mentor_training_attendance import (
			MentorTrainingAttendance,
		)

		attended_count: DF.Int
		attendees: DF.Table[MentorTrainingAttendance]
		capacity: DF.Int
		duration_hours: DF.Float
		other_topics: DF.SmallText | None
		place: DF.Data | None
		registered_count: DF.Int
		session_date: DF.Date
		start_time: DF.Time | None
		topic_intercultural: DF.Check
		topic_job_search: DF.Check
		topic_migration: DF.Check
		trainer: DF.Data

	# end: auto-generated types
	def validate(self):
		self.check_attendees()
		self.check_attendance_date()
		self.check_places()
		self.count_attendance()

	def on_update(self):
		self.mark_attendees_trained()

	def check_attendees(self):
		raise_problems(
			operations.check_no_duplicate_participants(
				[f"{row.mentor_name} ({row.mentor})" for row in self.attendees]
			),
			title=_("Mentor listed twice"),
		)

	def check_attendance_date(self):
		raise_problems(
			operations.check_attendance_after_the_date(
				[row.status for row in self.attendees], as_date(self.session_date), getdate(today())
			),
			title=_("Session not held yet"),
		)

	def check_places(self):
		registered = [row for row in self.attendees if row.status != operations.ABSENT]
		raise_problems(operations.check_places_left(len(registered), self.capacity), title=_("Session full"))

	def count_attendance(self):
		self.registered_count = len(self.attendees)
		self.attended_count = sum(1 for row in self.attendees if row.status == operations.ATTENDED)

	def mark_attendees_trained(self):
		"""Attending the session is completing the mentor training, on the session's date."""
		for row in self.attendees:
			if row.status == operations.ATTENDED and mark_trained(row.mentor, self.session_date):
				frappe.msgprint(
					_("{0} has completed the mentor training.").format(row.mentor_name or row.mentor),
					alert=True,
				)
