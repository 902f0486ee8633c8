"""The portal's forms without JavaScript: a plain POST to the page reaches the same method, with the
same checks and errors; a refusal shows the page again with what the user typed, a success moves on;
nothing is saved halfway, and no other method is reachable that way (n2w_mentoring/portal/plain_post.py)."""

from __future__ import annotations

import html
import re

import frappe
import pytest
import requests
from frappe.utils import add_days, today
from support import login, uid

from n2w_mentoring.demo import builders as b

TOKEN = re.compile(r'name="csrf_token" value="([^"]*)"')
ARGS = re.compile(r"name=\"n2w_args\" value='([^']*)'")
ERROR = re.compile(r'class="n2w-message error" role="alert">([^<]*)<')


@pytest.fixture(scope="module")
def duo(world):
	active = b.start_duo(world.mentee(with_user=True), world.mentor(with_user=True), add_days(today(), -20))
	frappe.db.commit()
	return frappe._dict(name=active.name, mentor=frappe.db.get_value("Mentor", active.mentor, "user"))


def form_of(session: requests.Session, url: str) -> dict:
	"""The hidden fields of the page's first form, as a browser without JavaScript sends them."""
	page = session.get(url, timeout=15).text
	return {
		"csrf_token": TOKEN.search(page).group(1),
		"n2w_method": re.search(r'name="n2w_method" value="([^"]*)"', page).group(1),
		"n2w_args": html.unescape(ARGS.search(page).group(1)),
		"n2w_wrap": "data",
	}


def meeting_fields(**values) -> dict:
	fields = {
		"kind": "Meeting",
		"status": "Held",
		"meeting_date": today(),
		"start_time": "",
		"duration_minutes": "60",
		"place": "Namur",
		"summary": "",
		"next_steps": "",
	}
	fields.update(values)
	return fields


def test_a_refused_meeting_shows_the_error_and_keeps_what_was_typed(server, duo):
	session = login(server, duo.mentor)
	url = f"{server}/mentoring/meeting?duo={duo.name}"
	before = frappe.db.count("Meeting", {"duo": duo.name})
	fields = meeting_fields(duration_minutes="180", summary='Long <b>"call"</b>')
	response = session.post(url, data={**form_of(session, url), **fields}, timeout=15, allow_redirects=False)
	assert response.status_code == 200
	assert "90" in ERROR.search(response.text).group(1)
	assert "Long &lt;b&gt;&#34;call&#34;&lt;/b&gt;</textarea>" in response.text
	assert 'value="180"' in response.text
	frappe.db.rollback()
	assert frappe.db.count("Meeting", {"duo": duo.name}) == before


def test_a_meeting_is_saved_and_the_browser_sent_to_the_duo(server, duo):
	session = login(server, duo.mentor)
	url = f"{server}/mentoring/meeting?duo={duo.name}"
	summary = f"Sans JavaScript {uid()}"
	fields = meeting_fields(summary=summary, duration_minutes="45")
	response = session.post(url, data={**form_of(session, url), **fields}, timeout=15, allow_redirects=False)
	assert response.status_code == 303, response.text[:300]
	assert response.headers["Location"].startswith(f"/mentoring/duo?name={duo.name}&saved=")
	frappe.db.rollback()
	assert frappe.db.get_value("Meeting", {"duo": duo.name, "summary": summary}, "duration_minutes") == 45


def test_a_plain_post_needs_the_csrf_token(server, duo):
	session = login(server, duo.mentor)
	url = f"{server}/mentoring/meeting?duo={duo.name}"
	summary = f"Forged {uid()}"
	data = {**form_of(session, url), **meeting_fields(summary=summary), "csrf_token": "forged"}
	response = session.post(url, data=data, timeout=15, allow_redirects=False)
	assert response.status_code == 400
	frappe.db.rollback()
	assert not frappe.db.exists("Meeting", {"summary": summary})


def test_a_plain_post_reaches_only_the_forms_methods(server, duo):
	session = login(server, duo.mentor)
	url = f"{server}/mentoring/meeting?duo={duo.name}"
	data = {**form_of(session, url), "n2w_method": "frappe.client.delete", "n2w_args": "{}"}
	response = session.post(url, data=data, timeout=15, allow_redirects=False)
	assert response.status_code == 417


def test_another_duo_is_refused_through_a_plain_post_too(server, duo, world):
	other = b.start_duo(world.mentee(), world.mentor(), add_days(today(), -20))
	frappe.db.commit()
	session = login(server, duo.mentor)
	url = f"{server}/mentoring/meeting?duo={duo.name}"
	data = {**form_of(session, url), "n2w_args": f'{{"duo": "{other.name}"}}', **meeting_fields()}
	response = session.post(url, data=data, timeout=15, allow_redirects=False)
	assert response.status_code == 403
	frappe.db.rollback()
	assert frappe.db.count("Meeting", {"duo": other.name}) == 0


def test_a_guest_applies_without_javascript(server):
	frappe.cache.delete_value("rl:n2w_mentoring.portal.public.apply_as_mentor:127.0.0.1")
	guest = requests.Session()
	url = f"{server}/mentoring/volunteer"
	email = f"plain-{uid()}@people.example"
	fields = {"first_name": "Noé", "last_name": "", "email": email, "motivation": "Aider", "consent": "1"}
	response = guest.post(url, data={**form_of(guest, url), **fields}, timeout=15)
	assert response.status_code == 200
	assert ERROR.search(response.text)
	assert f'value="{email}"' in response.text and ">Aider</textarea>" in response.text
	fields["last_name"] = "Sans-Script"
	response = guest.post(url, data={**form_of(guest, url), **fields}, timeout=15)
	assert response.status_code == 200
	assert 'class="n2w-message success" role="status"' in response.text
	frappe.db.rollback()
	assert frappe.db.get_value("Mentor", {"email": email}, "last_name") == "Sans-Script"
