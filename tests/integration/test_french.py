"""French first: Frappe itself serves every string of the app in French (and Dutch), and a French
user's desk metadata, portal page and printed convention contain no English left."""

import re

import frappe
import pytest
from frappe.utils import add_days, today
from support import login

from n2w_mentoring.demo import builders as b


def app_strings() -> set[str]:
	import sys
	from pathlib import Path

	sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
	from translatable import extract

	return set(extract())


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_frappe_serves_every_app_string_translated(lang):
	from frappe.translate import get_all_translations

	frappe.clear_cache()
	translations = get_all_translations(lang)
	missing = sorted(s for s in app_strings() if not translations.get(s))
	assert not missing, missing[:10]


def english_left(text: str, lang: str = "fr") -> list[str]:
	"""App strings (longer than one word) that appear untranslated in ``text``."""
	from frappe.translate import get_all_translations

	translations = get_all_translations(lang)
	left = []
	for source in app_strings():
		if " " not in source or "{" in source or len(source) < 12:
			continue
		if translations.get(source, source) == source:
			continue  # the same in both languages
		if re.search(re.escape(source), text):
			left.append(source)
	return left


def visible_text(html: str) -> str:
	"""What a reader sees: no scripts, styles, tags or attribute values (record keys stay English)."""
	html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
	return re.sub(r"<[^>]+>", " ", html)


def test_desk_metadata_for_a_french_user_is_french(world):
	"""The desk translates labels, options and descriptions with the boot's messages: all there."""
	from frappe.translate import get_messages_for_boot

	frappe.local.lang = "fr"
	messages = get_messages_for_boot()
	for doctype in ("Duo", "Mentee", "Meeting", "Convention", "Action Plan"):
		meta = frappe.get_meta(doctype)
		for df in meta.fields:
			if df.label:
				assert messages.get(df.label), (doctype, df.label)
			if df.fieldtype == "Select":
				for option in filter(None, (df.options or "").split("\n")):
					assert messages.get(option) or option in ("fr", "nl", "en") or len(option) <= 2, (
						doctype,
						option,
					)


def test_a_portal_page_in_french_has_no_english_left(server, world):
	mentor = world.mentor(with_user=True)
	duo = b.start_duo(world.mentee(), mentor, add_days(today(), -20))
	b.make_action_plan(duo.name, [{"objective": "Préparer le CV", "axis": "Technical"}])
	user = world.user_of("Mentor", mentor)
	frappe.db.set_value("User", user, "language", "fr")
	frappe.db.commit()
	session = login(server, user)
	for path in ("/mentoring", f"/mentoring/duo?name={duo.name}", f"/mentoring/meeting?duo={duo.name}"):
		html = session.get(f"{server}{path}", timeout=20).text
		visible = visible_text(html)
		assert "encontre" in visible, path
		assert english_left(visible) == [], (path, english_left(visible))


def test_an_error_in_french(world):
	frappe.local.lang = "fr"
	duo = world.active_duo()
	with pytest.raises(frappe.ValidationError) as error:
		b.log_meeting(duo.name, today(), 120)
	assert "Une rencontre dure au maximum 90 minutes" in str(error.value)
