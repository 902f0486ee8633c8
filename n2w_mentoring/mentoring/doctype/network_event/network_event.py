# Copyright (c) 2026, n2w_mentoring contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from n2w_mentoring.programme import operations
from n2w_mentoring.utils import as_date, raise_problems


class NetworkEvent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from n2w_mentoring.mentoring.doctype.network_event_participant.network_event_participant import (
			NetworkEventParticipant,
		)

		attended_count: DF.Int
		description: DF.SmallText | None
		event_date: DF.Date
		invited_count: DF.Int
		participants: DF.Table[NetworkEventParticipant]
		place: DF.Data | None
		start_time: DF.Time | None
		theme: DF.Data

	# end: auto-generated types
	def validate(self):
		self.set_party_names()
		self.check_participants()
		self.check_attendance_date()
		self.count_participants()

	def set_party_names(self):
		for row in self.participants:
			if row.party_type and row.party:
				row.party_name = frappe.db.get_value(row.party_type, row.party, "full_name")

	def check_participants(self):
		raise_problems(
			operations.check_no_duplicate_participants(
				[f"{row.party_name} ({row.party})" for row in self.participants]
			),
			title=_("Participant listed twice"),
		)

	def check_attendance_date(self):
		raise_problems(
			operations.check_attendance_after_the_date(
				[row.status for row in self.participants], as_date(self.event_date), getdate(today())
			),
			title=_("Event not held yet"),
		)

	def count_participants(self):
		self.invited_count = len(self.participants)
		self.attended_count = sum(1 for row in self.participants if row.status == operations.ATTENDED)
