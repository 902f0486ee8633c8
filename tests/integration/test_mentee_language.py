"""The mentee's own language: the Language records the app adds and their fallback, a guest's
language switch, the mentee's choice in the portal (without JavaScript), the consent recorded with
its language and asked again for a new notice, the patch filling the language of older consents,
e-mails in the mentee's language, and the "what I am signing" summary PDF and who may get it."""

from __future__ import annotations

import html
import re

import frappe
import pytest
import requests
from frappe.utils import add_days, today
from support import centre_doc, login, set_programme

from n2w_mentoring.demo import builders as b

TOKEN = re.compile(r'name="csrf_token" value="([^"]*)"')


@pytest.fixture(scope="module")
def duo(world):
	mentee = world.mentee(with_user=True)
	active = b.start_duo(mentee, world.mentor(with_user=True), add_days(today(), -10))
	frappe.db.commit()
	return frappe._dict(
		name=active.name,
		mentee=mentee,
		mentee_user=frappe.db.get_value("Mentee", mentee, "user"),
		mentor_user=frappe.db.get_value("Mentor", active.mentor, "user"),
		convention=frappe.db.get_value("Convention", {"duo": active.name, "docstatus": 1}, "name"),
	)


def plain_post(
	session: requests.Session, url: str, method: str, fields: dict, token_from: str | None = None
) -> requests.Response:
	"""A portal form sent without JavaScript: the page's CSRF token, the method, the fields."""
	page = session.get(token_from or url, timeout=15).text
	data = {"csrf_token": html.unescape(TOKEN.search(page).group(1)), "n2w_method": method, "n2w_args": "{}"}
	data.update(fields)
	return session.post(url, data=data, timeout=15)


def test_the_app_adds_the_missing_languages_and_they_fall_back(site):
	from frappe.translate import get_all_translations

	from n2w_mentoring.setup.install import ensure_mentee_languages

	ensure_mentee_languages()  # a second time: nothing changes, nothing fails
	for code in ("fr-FALC", "fa-AF", "ti", "ar", "uk", "tr"):
		assert frappe.db.get_value("Language", code, "enabled") == 1, code
	frappe.cache.delete_key("merged_translations")
	falc = get_all_translations("fr-FALC")
	# A mentee string in easy-to-read French; a desk string falls back to French.
	assert falc["Your coordinator"] == "Votre référent"
	assert falc["Consent given"] == "Consentement donné"
	assert get_all_translations("fa-AF")["Your coordinator"] == "هماهنگ‌کنندهٔ شما"


def test_a_guest_switches_language_and_keeps_it(server):
	session = requests.Session()
	page = session.get(f"{server}/mentoring/apply?programme=&_lang=ar", timeout=15)
	assert page.ok
	assert '<html lang="ar" dir="rtl">' in page.text
	assert "ابحث عن مرشد" in page.text
	assert session.cookies.get("preferred_language") == "ar"
	# The next page, without the parameter, stays in Arabic.
	again = session.get(f"{server}/mentoring/login", timeout=15).text
	assert '<html lang="ar" dir="rtl">' in again
	links = re.findall(r'<a href="([^"]*)" lang="([^"]*)" hreflang', again)
	assert {code for _, code in links} == {"fr", "fr-FALC", "nl", "en", "ar", "fa-AF", "ti", "uk", "tr"}
	# Links to this page of this site only.
	assert all(href.startswith("/mentoring/login?") for href, _ in links)
	# The login page's target is kept only as a path of this site.
	evil = session.get(f"{server}/mentoring/login?redirect-to=//evil.example", timeout=15).text
	assert "evil" not in evil
	tigrinya = session.get(f"{server}/mentoring/apply?_lang=ti", timeout=15).text
	assert '<html lang="ti" dir="ltr">' in tigrinya and "ኣማኻሪ ርኸቡ" in tigrinya


def test_a_mentee_chooses_a_language_without_javascript(server, duo):
	session = login(server, duo.mentee_user)
	url = f"{server}/mentoring"
	refused = plain_post(session, url, "n2w_mentoring.portal.language.set_language", {"language": "de"})
	assert "Choisissez une des langues de la liste." in refused.text
	frappe.db.rollback()  # what the server committed, seen from here
	assert frappe.db.get_value("User", duo.mentee_user, "language") == "fr"
	done = plain_post(session, url, "n2w_mentoring.portal.language.set_language", {"language": "fa-AF"})
	assert done.ok and '<html lang="fa-AF" dir="rtl">' in done.text
	assert "زبان شما ذخیره شد." in done.text
	frappe.db.rollback()
	assert frappe.db.get_value("User", duo.mentee_user, "language") == "fa-AF"
	assert frappe.db.get_value("Mentee", duo.mentee, "preferred_language") == "fa-AF"
	assert '<html lang="fa-AF" dir="rtl">' in session.get(f"{server}/mentoring/calendar", timeout=15).text
	# A mentor keeps French, Dutch or English: no choice offered, none taken.
	mentor = login(server, duo.mentor_user)
	assert 'name="language"' not in mentor.get(url, timeout=15).text
	refused = plain_post(
		mentor,
		url,
		"n2w_mentoring.portal.language.set_language",
		{"language": "ar"},
		token_from=f"{server}/mentoring/calendar",
	)
	assert "Cette page ne vous est pas accessible." in refused.text
	frappe.db.rollback()
	assert frappe.db.get_value("User", duo.mentor_user, "language") == "fr"
	# The coordinator sets it at intake: the portal account follows.
	mentee = frappe.get_doc("Mentee", duo.mentee)
	mentee.preferred_language = "uk"
	mentee.save()
	frappe.db.commit()
	assert frappe.db.get_value("User", duo.mentee_user, "language") == "uk"
	assert '<html lang="uk" dir="ltr">' in session.get(url, timeout=15).text


def test_a_new_notice_asks_for_consent_again_in_the_mentees_language(server, duo):
	programme = frappe.db.get_value("Mentee", duo.mentee, "programme")
	previous = frappe.db.get_value("Mentoring Programme", programme, "consent_notice_version")
	frappe.db.set_value("User", duo.mentee_user, "language", "ar")
	frappe.db.set_value("Mentoring Programme", programme, "consent_notice_version", "2099-01")
	frappe.db.commit()
	try:
		session = login(server, duo.mentee_user)
		home = session.get(f"{server}/mentoring", timeout=15).text
		assert "تغيّر إشعار الخصوصية" in home and "إشعار الخصوصية، النسخة 2099-01" in home
		unticked = plain_post(
			session, f"{server}/mentoring", "n2w_mentoring.portal.language.give_consent", {}
		)
		assert "Cochez la case" not in unticked.text and "ضع علامة في المربع لتعطي موافقتك." in unticked.text
		frappe.db.rollback()
		assert frappe.db.get_value("Mentee", duo.mentee, "consent_notice_version") != "2099-01"
		done = plain_post(
			session, f"{server}/mentoring", "n2w_mentoring.portal.language.give_consent", {"agree": "1"}
		)
		assert done.ok and "شكرًا: سُجّلت موافقتك." in done.text
		frappe.db.rollback()
		consent = frappe.db.get_value(
			"Mentee",
			duo.mentee,
			["consent_given", "consent_notice_version", "consent_language", "consent_recorded_by"],
			as_dict=True,
		)
		assert consent == {
			"consent_given": 1,
			"consent_notice_version": "2099-01",
			"consent_language": "ar",
			"consent_recorded_by": duo.mentee_user,
		}
		assert "تغيّر إشعار الخصوصية" not in session.get(f"{server}/mentoring", timeout=15).text
	finally:
		frappe.db.set_value("Mentoring Programme", programme, "consent_notice_version", previous)
		frappe.db.set_value("User", duo.mentee_user, "language", "fr")
		frappe.db.commit()
		frappe.clear_document_cache("Mentoring Programme", programme)


def test_the_patch_fills_the_language_of_older_consents_once(world):
	from n2w_mentoring.patches.record_consent_language import execute

	dutch = world.mentee(preferred_language="nl")
	unset = world.mentee()
	spoken = world.mentee(preferred_language="ti")
	frappe.db.set_value("Mentee", [dutch, unset], "consent_language", None)
	frappe.db.set_value("Mentee", unset, "preferred_language", "")
	frappe.db.set_value("Mentee", spoken, "consent_language", "ar")  # read in Arabic: kept
	for _ in range(2):
		execute()
		assert frappe.db.get_value("Mentee", dutch, "consent_language") == "nl"
		assert frappe.db.get_value("Mentee", unset, "consent_language") == "fr"
		assert frappe.db.get_value("Mentee", spoken, "consent_language") == "ar"


def test_a_mentees_email_goes_out_in_their_language(duo):
	from frappe import _

	from n2w_mentoring import reminders

	frappe.db.set_value("User", duo.mentee_user, "language", "tr")
	set_programme(remind_convention=1)
	centre = centre_doc().name
	frappe.db.set_value("Mentoring Centre", centre, "email", "centre@test.example")
	frappe.clear_document_cache("Mentoring Centre", centre)
	recipient = reminders.recipient_for("Mentee", duo.mentee)
	assert recipient.language == "tr"
	frappe.local.lang = "nl"
	sent = reminders.send_once(
		reminders.CONVENTION_TO_SIGN,
		f"test-language-{duo.name}",
		recipient,
		("Duo", duo.name),
		lambda r: (
			_("Your mentoring convention is waiting for your signature"),
			_("Hello {0},").format(r.name),
		),
		duo=duo.name,
	)
	assert sent
	assert frappe.local.lang == "nl"  # restored after the e-mail
	log = frappe.get_all(
		"Mentoring Reminder Log", {"key": f"test-language-{duo.name}"}, ["subject", "language"]
	)
	assert log == [{"subject": "Mentorluk sözleşmeniz imzanızı bekliyor", "language": "tr"}]


def test_the_summary_is_for_the_mentee_and_staff_only(server, duo):
	url = f"{server}/api/method/n2w_mentoring.portal.summary.download?convention={duo.convention}"
	frappe.db.set_value("Mentee", duo.mentee, "preferred_language", "ar")
	frappe.db.commit()
	mentee = login(server, duo.mentee_user).get(url, timeout=60)
	assert mentee.ok and mentee.content.startswith(b"%PDF")
	assert "what-i-am-signing-ar.pdf" in mentee.headers["Content-Disposition"]
	assert login(server, duo.mentor_user).get(url, timeout=15).status_code == 403
	assert requests.get(url, timeout=15).status_code == 403
	assert (
		login(server, duo.mentee_user).get(url.replace(duo.convention, "nope"), timeout=15).status_code == 403
	)
	from n2w_mentoring.portal.summary import summary_html

	text, lang = summary_html(duo.convention)  # as Administrator: staff
	# Right to left, without the optional vowel marks wkhtmltopdf misplaces (portal/summary.py).
	assert lang == "ar" and "direction: rtl" in text and "<h1>ما الذي أوقع عليه</h1>" in text
	# The convention itself stays French.
	assert "الفرنسية" in text


def test_an_arabic_speaking_mentees_convention_is_in_french(world):
	duo = b.start_duo(world.mentee(preferred_language="ar"), world.mentor(), add_days(today(), -5))
	assert frappe.db.get_value("Convention", {"duo": duo.name}, "language") == "fr"
