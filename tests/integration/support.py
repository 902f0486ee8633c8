"""Helpers for the integration tier: acting as a user, people builders, real logins."""

from __future__ import annotations

import contextlib
import uuid

import frappe

PASSWORD = "Test-Pass-2026!"

# Figures a test measured (the sweep's calls, the stress test's rounds): printed at the end of the
# run, after pytest's summary, so that they show in the CI log whatever the capture.
FIGURES: list[str] = []


def report(line: str) -> None:
	FIGURES.append(line)


def uid() -> str:
	return uuid.uuid4().hex[:8]


@contextlib.contextmanager
def acting_as(user: str):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


class World:
	"""People that many tests use, committed once per session."""

	def __init__(self):
		from n2w_mentoring.demo import builders as b

		self.b = b
		suffix = uid()
		self.manager = b.make_user(
			f"manager-{suffix}@test.example", "Manon", "Manager", ["Mentoring Manager"], PASSWORD
		)
		self.coordinator = b.make_user(
			f"coord-{suffix}@test.example", "Camille", "Coordinatrice", ["Mentoring Coordinator"], PASSWORD
		)
		self.host_user = b.make_user(f"host-{suffix}@test.example", "Hugo", "Host", ["Blogger"], PASSWORD)
		self.organisation = b.make_partner_organisation(f"Org {suffix}", "Private", municipality="Namur")
		self.other_organisation = b.make_partner_organisation(f"Other Org {suffix}", "Public")
		self.partner = b.make_partner_contact(
			self.organisation, f"partner-{suffix}@test.example", "Paula", "Partner", PASSWORD
		)
		frappe.db.commit()

	def mentor(self, trained=True, capacity=1, with_user=False, organisation=None, **fields) -> str:
		suffix = uid()
		user = (
			self.b.make_user(f"mentor-{suffix}@test.example", "Mentor", suffix, ["Mentor"], PASSWORD)
			if with_user
			else None
		)
		return self.b.make_mentor(
			"Mentor",
			suffix,
			f"mentor-{suffix}@people.example",
			organisation or self.organisation,
			trained=trained,
			capacity=capacity,
			user=user,
			**fields,
		)

	def mentee(self, with_consent=True, with_user=False, **fields) -> str:
		suffix = uid()
		user = (
			self.b.make_user(f"mentee-{suffix}@test.example", "Mentee", suffix, ["Mentee"], PASSWORD)
			if with_user
			else None
		)
		return self.b.make_mentee(
			"Mentee",
			suffix,
			f"mentee-{suffix}@people.example",
			with_consent=with_consent,
			user=user,
			residence_status="Asylum seeker",
			personal_story="Arrived in 2024.",
			**fields,
		)

	def user_of(self, doctype: str, name: str) -> str:
		return frappe.db.get_value(doctype, name, "user")

	def active_duo(self, started_days_ago: int = 30, **mentor_fields):
		from frappe.utils import add_days, today

		return self.b.start_duo(
			self.mentee(), self.mentor(**mentor_fields), add_days(today(), -started_days_ago)
		)


def login(base: str, user: str, password: str = PASSWORD):
	import requests

	session = requests.Session()
	response = session.post(f"{base}/api/method/login", data={"usr": user, "pwd": password}, timeout=10)
	assert response.ok, response.text
	return session
