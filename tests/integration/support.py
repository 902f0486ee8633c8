"""Helpers for the integration tier: acting as a user, people builders, real logins."""

from __future__ import annotations

import contextlib
import os
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
		# The coordinator of another centre of the network: restricted to it by a User Permission,
		# they must reach none of the default centre's people, duos and what hangs off them.
		self.other_centre = b.make_centre(f"Autre centre {suffix}")
		self.other_programme = b.make_programme(f"Autre programme {suffix}", self.other_centre)
		self.other_coordinator = b.make_user(
			f"other-coord-{suffix}@test.example", "Olivia", "Autre", ["Mentoring Coordinator"], PASSWORD
		)
		b.restrict_to_centre(self.other_coordinator, self.other_centre)
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


def programme_doc():
	"""The site's default programme, as a document to change in a test (rolled back after it)."""
	from n2w_mentoring.network import default_programme

	return frappe.get_doc("Mentoring Programme", default_programme())


def centre_doc():
	"""The centre running the default programme."""
	return frappe.get_doc("Mentoring Centre", programme_doc().centre)


def set_programme(**values) -> None:
	"""Set values on the default programme, as a test's own change (rolled back after it)."""
	from n2w_mentoring.network import default_programme

	name = default_programme()
	frappe.db.set_value("Mentoring Programme", name, values)
	frappe.clear_document_cache("Mentoring Programme", name)


def missing_browser_tool(suite: str, what: str) -> None:
	"""Under CI a missing browser tool is a failure; on a developer's machine a listed skip (-rs)."""
	import pytest

	message = f"{suite} CANNOT RUN: {what}"
	if os.environ.get("CI"):
		pytest.fail(message, pytrace=False)
	pytest.skip(message, allow_module_level=True)
