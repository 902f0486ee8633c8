"""Real logins over HTTP against the served site: desk, portal user, guest."""

import frappe
import pytest
import requests
from frappe.utils import today
from support import login

from n2w_mentoring.demo import builders as b


@pytest.fixture(scope="module")
def duos(world):
	made = []
	for _ in range(2):
		mentor = world.mentor(with_user=True)
		duo = b.start_duo(world.mentee(with_user=True), mentor, today())
		made.append(
			frappe._dict(duo=duo.name, mentor_user=world.user_of("Mentor", mentor), mentee=duo.mentee)
		)
	frappe.db.commit()
	return made


def test_guest_gets_nothing(server, duos):
	for doctype in ("Duo", "Mentee", "Meeting"):
		response = requests.get(f"{server}/api/resource/{doctype}", timeout=10)
		assert response.status_code == 403, doctype
	assert requests.get(f"{server}/api/resource/Duo/{duos[0].duo}", timeout=10).status_code == 403


def test_mentor_lists_only_their_duo_over_http(server, duos):
	session = login(server, duos[0].mentor_user)
	names = [d["name"] for d in session.get(f"{server}/api/resource/Duo", timeout=10).json()["data"]]
	assert names == [duos[0].duo]


def test_mentor_opening_another_duo_gets_403(server, duos):
	session = login(server, duos[0].mentor_user)
	assert session.get(f"{server}/api/resource/Duo/{duos[1].duo}", timeout=10).status_code == 403


def test_mentor_reads_no_protected_field_over_http(server, duos):
	session = login(server, duos[0].mentor_user)
	mentee = session.get(f"{server}/api/resource/Mentee/{duos[0].mentee}", timeout=10).json()["data"]
	assert "residence_status" not in mentee and "personal_story" not in mentee


def test_invalid_meeting_over_http_gives_a_clear_error_and_saves_nothing(server, duos):
	session = login(server, duos[0].mentor_user)
	response = session.post(
		f"{server}/api/resource/Meeting",
		json={"duo": duos[0].duo, "meeting_date": today(), "duration_minutes": 180},
		timeout=10,
	)
	assert response.status_code == 417
	assert "90" in response.text
	frappe.db.rollback()
	assert frappe.db.count("Meeting", {"duo": duos[0].duo}) == 0


def test_errors_are_translated_for_a_french_user(server, duos):
	frappe.db.set_value("User", duos[1].mentor_user, "language", "fr")
	frappe.db.commit()
	session = login(server, duos[1].mentor_user)
	response = session.post(
		f"{server}/api/resource/Meeting",
		json={"duo": duos[1].duo, "meeting_date": today(), "duration_minutes": 180},
		timeout=10,
	)
	assert response.status_code == 417
	assert "minutes" in response.text and "Une rencontre" in response.text
