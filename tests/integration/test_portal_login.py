"""The portal's own login page (/mentoring/login) and its error pages, over HTTP without JavaScript:
a guest is sent there from any portal page, logs in through Frappe's own LoginManager (wrong
passwords, disabled users, the failed-login lockout and two-factor authentication keep applying),
and is sent back only to a path of this site. A refused or missing page under /mentoring answers
403 or 404 on the portal's light frame. (test_portal_browser.py logs in with JavaScript.)"""

from __future__ import annotations

import re

import frappe
import pytest
import requests
from support import PASSWORD, login

LOGIN = "/mentoring/login"
ERROR = re.compile(r'class="n2w-message error" role="alert">([^<]*)<')
WRONG_FR = "Adresse e-mail ou mot de passe incorrect."
FRENCH = {"Accept-Language": "fr-BE,fr;q=0.9"}
HEAVY = ("frappe-web.bundle", "website.bundle", "<symbol", "InterVariable")


@pytest.fixture(scope="module")
def people(world):
	from frappe.utils import add_days, today

	from n2w_mentoring.demo import builders as b

	mine = b.start_duo(world.mentee(with_user=True), world.mentor(with_user=True), add_days(today(), -20))
	other = b.start_duo(world.mentee(), world.mentor(), add_days(today(), -20))
	frappe.db.commit()
	return frappe._dict(
		duo=mine.name,
		other=other.name,
		mentor=frappe.db.get_value("Mentor", mine.mentor, "user"),
		mentee=frappe.db.get_value("Mentee", mine.mentee, "user"),
	)


def fresh_user(world) -> str:
	user = frappe.db.get_value("Mentee", world.mentee(with_user=True), "user")
	frappe.db.commit()
	return user


def post_login(server, usr, pwd, target="/mentoring", session=None, headers=None):
	session = session or requests.Session()
	data = {"usr": usr, "pwd": pwd, "redirect-to": target, "csrf_token": ""}
	return session.post(
		server + LOGIN, data=data, headers=headers or FRENCH, timeout=15, allow_redirects=False
	)


def set_system_setting(field: str, value) -> None:
	frappe.db.set_single_value("System Settings", field, value)
	frappe.db.commit()
	frappe.clear_document_cache("System Settings", "System Settings")


def forget_failures(*keys):
	for key in ("127.0.0.1", *keys):
		frappe.cache.hdel("login_failed_count", key)
		frappe.cache.hdel("login_failed_time", key)


def test_a_guest_is_sent_to_the_portals_login_and_back(server, people):
	response = requests.get(f"{server}/mentoring/duo?name={people.duo}", timeout=15, allow_redirects=False)
	assert response.status_code == 302
	assert response.headers["Location"] == f"{LOGIN}?redirect-to=%2Fmentoring%2Fduo%3Fname%3D{people.duo}"
	page = requests.get(server + response.headers["Location"], headers=FRENCH, timeout=15)
	assert page.status_code == 200
	assert '<html lang="fr"' in page.text and "Mot de passe oublié ?" in page.text
	assert f'name="redirect-to" value="/mentoring/duo?name={people.duo}"' in page.text
	assert 'href="/login#forgot"' in page.text
	for heavy in HEAVY:
		assert heavy not in page.text, heavy


def test_the_right_password_logs_in_and_goes_to_the_page_asked_for(server, people):
	session = requests.Session()
	target = f"/mentoring/duo?name={people.duo}"
	response = post_login(server, people.mentor, PASSWORD, target, session)
	assert response.status_code == 303, response.text[:300]
	assert response.headers["Location"] == target
	assert session.get(server + target, timeout=15, allow_redirects=False).status_code == 200
	# Logged in, the login page goes straight on.
	again = session.get(f"{server}{LOGIN}?redirect-to=/mentoring/calendar", timeout=15, allow_redirects=False)
	assert again.status_code == 303 and again.headers["Location"] == "/mentoring/calendar"


def test_a_wrong_password_is_refused_in_the_users_language(server, people):
	session = requests.Session()
	response = post_login(server, people.mentor, "not-the-password", session=session)
	assert response.status_code == 401
	assert ERROR.search(response.text).group(1) == WRONG_FR
	assert f'name="usr" value="{people.mentor}"' in response.text
	assert 'name="pwd" required' in response.text  # the password is never sent back
	assert session.get(f"{server}/mentoring", timeout=15, allow_redirects=False).status_code == 302
	# Same answer for an unknown address: nothing tells who has an account.
	unknown = post_login(server, "nobody@people.example", "not-the-password")
	assert unknown.status_code == 401 and ERROR.search(unknown.text).group(1) == WRONG_FR
	forget_failures(people.mentor, "nobody@people.example")


@pytest.mark.parametrize(
	"target",
	[
		"https://evil.example",
		"//evil.example",
		"/\\evil.example",
		"https:/evil.example",
		"javascript:alert(1)",
		" /mentoring",
		LOGIN,
	],
)
def test_only_a_path_of_this_site_is_followed(server, people, target):
	response = post_login(server, people.mentee, PASSWORD, target)
	assert response.status_code == 303
	assert response.headers["Location"] == "/mentoring"
	page = requests.get(server + LOGIN, params={"redirect-to": target}, timeout=15).text
	assert 'name="redirect-to" value="/mentoring"' in page
	assert "evil" not in page


def test_markup_typed_into_the_login_is_shown_as_text(server):
	usr = '"><script>alert(1)</script>'
	target = '/mentoring"><script>alert(2)</script>'
	response = post_login(server, usr, "not-the-password", target)
	assert response.status_code == 401
	assert "<script>alert" not in response.text
	assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in response.text
	assert (
		'name="redirect-to" value="/mentoring&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in response.text
	)
	forget_failures(usr)


def test_a_disabled_user_gets_the_same_refusal(server, world):
	user = fresh_user(world)
	frappe.db.set_value("User", user, "enabled", 0)
	frappe.db.commit()
	response = post_login(server, user, PASSWORD)
	assert response.status_code == 401
	assert ERROR.search(response.text).group(1) == WRONG_FR
	forget_failures(user)


def test_the_failed_login_lockout_applies(server, world):
	user = fresh_user(world)
	before = frappe.db.get_single_value("System Settings", "allow_consecutive_login_attempts")
	set_system_setting("allow_consecutive_login_attempts", 2)
	forget_failures(user)
	try:
		# Frappe locks out after more than the allowed number of failures in a row.
		for _attempt in range(3):
			assert post_login(server, user, "not-the-password").status_code == 401
		locked = post_login(server, user, PASSWORD)
		assert locked.status_code == 401
		assert "60" in ERROR.search(locked.text).group(1)
		assert "Location" not in locked.headers
	finally:
		set_system_setting("allow_consecutive_login_attempts", before)
		forget_failures(user)
	assert post_login(server, user, PASSWORD).status_code == 303


def test_two_factor_authentication_is_handed_over_to_frappes_login(server, world):
	user = fresh_user(world)
	role = "Mentee"
	method = frappe.db.get_single_value("System Settings", "two_factor_method")
	# An authenticator app already set up: Frappe sends no e-mail (the test site has no mail server).
	from frappe.twofactor import set_default

	set_default(user + "_otplogin", 1)
	frappe.db.set_value("Role", role, "two_factor_auth", 1)
	set_system_setting("two_factor_method", "OTP App")
	set_system_setting("enable_two_factor_auth", 1)
	try:
		session = requests.Session()
		response = post_login(server, user, PASSWORD, "/mentoring/calendar", session)
		assert response.status_code == 200, response.text[:300]
		assert 'href="/login?redirect-to=%2Fmentoring%2Fcalendar"' in response.text
		assert "Votre compte demande une étape de plus" in response.text
		assert session.get(f"{server}/mentoring", timeout=15, allow_redirects=False).status_code == 302
	finally:
		frappe.db.set_value("Role", role, "two_factor_auth", 0)
		set_system_setting("enable_two_factor_auth", 0)
		set_system_setting("two_factor_method", method)


def test_a_logged_in_post_needs_the_csrf_token(server, people):
	"""Frappe asks no CSRF token of a guest; a session that has one must send it."""
	session = login(server, people.mentor)
	session.get(f"{server}/mentoring", timeout=15)
	response = post_login(server, people.mentee, PASSWORD, session=session)
	assert response.status_code == 400


def test_frappes_own_login_is_untouched(server):
	page = requests.get(f"{server}/login", timeout=15)
	assert page.status_code == 200
	assert "frappe-web.bundle" in page.text or "website.bundle" in page.text
	assert "data-login" not in page.text


def test_another_duo_is_refused_on_the_light_frame(server, people):
	session = login(server, people.mentor)
	for path in (f"/mentoring/duo?name={people.other}", "/mentoring/plan?duo=DUO-NOT-THERE"):
		response = session.get(server + path, timeout=15, allow_redirects=False)
		assert response.status_code == 403, path
		assert "Cette page ne vous est pas accessible." in response.text
		assert "<h1>Non autorisé</h1>" in response.text
		for heavy in HEAVY:
			assert heavy not in response.text, heavy


def test_a_missing_portal_page_is_a_light_404(server, people):
	session = login(server, people.mentor)
	for path in ("/mentoring/nope", "/mentoring/duo/extra", "/mentoring/index.py"):
		response = session.get(server + path, timeout=15, allow_redirects=False)
		assert response.status_code == 404, path
		assert "<h1>Page introuvable</h1>" in response.text, path
		for heavy in HEAVY:
			assert heavy not in response.text, heavy
	# Outside the portal, Frappe's own 404.
	outside = session.get(f"{server}/no-such-page-{people.duo}", timeout=15)
	assert outside.status_code == 404 and "n2w-top" not in outside.text
