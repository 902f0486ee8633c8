"""The app's print formats, rendered to real PDFs by wkhtmltopdf and read back with pdftotext.

Each document prints in its own language (the convention's ``language``, the mentee's
``preferred_language``), whoever prints it; a mentor prints only their own duo's documents.
"""

from __future__ import annotations

import csv
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import frappe
import pytest
from frappe.utils import add_days, getdate, today
from support import acting_as, centre_doc, login

from n2w_mentoring import printing
from n2w_mentoring.demo import builders as b

APP = Path(__file__).resolve().parents[2] / "n2w_mentoring"
FORMATS = APP / "mentoring" / "print_format"
TEMPLATES = {
	"Convention": FORMATS / "convention" / "convention.html",
	"Action Plan": FORMATS / "action_plan" / "action_plan.html",
	"Attestation of Participation": FORMATS
	/ "attestation_of_participation"
	/ "attestation_of_participation.html",
}
LETTERHEAD = APP / "templates" / "print" / "letterhead.html"
CENTRE = {
	"address": "Rue de l'Étoile 7, 5000 Namur",
	"email": "mentorat@centre.example",
	"phone": "081 12 34 56",
}
THEME = "Workplace codes and organisation in Belgium"


def template_strings(path: Path) -> list[str]:
	"""The source strings a template passes to ``t(...)``."""
	return re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', path.read_text())


def read_translations(lang: str) -> dict[str, str]:
	with open(APP / "translations" / f"{lang}.csv", newline="", encoding="utf-8") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2}


def translated(source: str, lang: str) -> str:
	return source if lang == "en" else read_translations(lang)[source]


def pdf_text(doctype: str, name: str, print_format: str) -> str:
	"""The PDF's text, ligatures undone and whitespace collapsed, so that phrases survive line wraps."""
	pdf = frappe.get_print(doctype, name, print_format, as_pdf=True)
	assert pdf[:4] == b"%PDF"
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "print.pdf"
		path.write_bytes(pdf)
		text = subprocess.run(
			["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
		).stdout
	return " ".join(unicodedata.normalize("NFKC", text).split())


def long_date(value, lang: str) -> str:
	return printing.format_date(value, lang)


@pytest.fixture(scope="module")
def pdf_host(server):
	"""wkhtmltopdf fetches the print stylesheet from the site's URL: the test server's here."""
	previous = frappe.local.conf.get("host_name")
	frappe.local.conf.host_name = server
	yield server
	frappe.local.conf.host_name = previous


@pytest.fixture(scope="module")
def docs(world, pdf_host):
	settings = centre_doc()
	saved = {field: settings.get(field) for field in CENTRE}
	settings.update(CENTRE)
	settings.save()

	started = add_days(today(), -60)
	duo = world.active_duo(
		started_days_ago=60,
		with_user=True,
		sector="Construction",
		profession="Conductrice de chantier",
	)
	plan = b.make_action_plan(
		duo.name,
		[
			{
				"objective": "Comprendre l'organisation d'un chantier",
				"axis": "Co-constructed",
				"theme": THEME,
				"status": "In progress",
				"target_date": add_days(started, 45),
			},
			{
				"objective": "Préparer un CV adapté au marché belge",
				"axis": "Technical",
				"status": "Achieved",
				"target_date": add_days(started, 30),
			},
		],
		agreed_on=started,
	)
	b.log_meeting(duo.name, add_days(started, 1), 90)

	# A duo that ended with a job: what the mentee's attestation is about.
	done = world.active_duo(started_days_ago=120, sector="Health and care", profession="Infirmière en chef")
	frappe.db.set_value(
		"Mentee Protected Data",
		done.mentee,
		{"residence_status": "Refugee", "health_notes": "Allergie au latex"},
	)
	for i, minutes in enumerate((90, 60, 60)):
		b.log_meeting(
			done.name,
			add_days(done.start_date, i * 14),
			minutes,
			themes=[{"theme": THEME, "conclusion": "Conclusion confidentielle"}],
		)
	done.reload()
	done.end_reason = "Job found"
	done.save()
	b.act(done, "Complete")
	done.reload()

	other = world.active_duo(with_user=True)
	frappe.db.commit()
	yield frappe._dict(
		duo=duo,
		convention=frappe.get_doc("Convention", {"duo": duo.name, "docstatus": 1}),
		plan=plan,
		done=done,
		mentor_user=world.user_of("Mentor", duo.mentor),
		other_convention=frappe.db.get_value("Convention", {"duo": other.name, "docstatus": 1}),
	)
	settings = centre_doc()
	settings.update(saved)
	settings.save()
	frappe.db.commit()


EXPECTED = {
	"fr": {
		"Convention": ["Convention de mentorat", "Les parties", "Données personnelles", "Confidentialité"],
		"Action Plan": ["Plan d'action", "Co-construit", "Technique", "Thème interculturel", "En cours"],
		"Attestation": ["Attestation de participation", "Rencontres tenues", "Heures de mentorat"],
		"minutes": "90 minutes au plus",
		"hours": "3,5 heures",
	},
	"nl": {
		"Convention": ["Mentoringovereenkomst", "De partijen", "Persoonsgegevens", "Handtekeningen"],
		"Action Plan": ["Actieplan", "Samen opgebouwd", "Technisch", "Bezig", "Bereikt"],
		"Attestation": ["Deelnameattest", "Gehouden ontmoetingen", "Uren mentoring"],
		"minutes": "hoogstens 90 minuten",
		"hours": "3,5 uur",
	},
	"en": {
		"Convention": ["Mentoring agreement", "The parties", "Personal data", "Signatures"],
		"Action Plan": ["Action plan", "Co-constructed", "Technical", "In progress", "Achieved"],
		"Attestation": ["Certificate of participation", "Meetings held", "Hours of mentoring"],
		"minutes": "at most 90 minutes",
		"hours": "3.5 hours",
	},
}


def english_left_in(text: str, template: Path, lang: str) -> list[str]:
	"""The template's English source strings (or their long fragments) found in a text printed in
	``lang`` (none can be, in English: every string is its own translation)."""
	translations = {} if lang == "en" else read_translations(lang)
	left = []
	for source in template_strings(template) + template_strings(LETTERHEAD):
		if translations.get(source, source) == source:
			continue
		for fragment in re.split(r"\{\d\}", source):
			fragment = fragment.strip(" .:;,")
			if len(fragment) >= 10 and fragment in text:
				left.append(fragment)
	return left


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_convention_prints_in_its_own_language(docs, lang):
	frappe.db.set_value("Convention", docs.convention.name, "language", lang)
	text = pdf_text("Convention", docs.convention.name, "Convention")

	for expected in EXPECTED[lang]["Convention"]:
		assert expected in text
	duo = docs.duo
	assert duo.mentee_name in text and duo.mentor_name in text
	assert centre_doc().centre_name in text and CENTRE["address"] in text
	assert CENTRE["email"] in text and CENTRE["phone"] in text
	assert EXPECTED[lang]["minutes"] in text
	# The programme's limits as whole sentences of the document's language, not stray digits.
	for source, values in (
		("The mentoring lasts at most {0} months from the signature of this agreement.", (6,)),
		(
			"This agreement takes effect on the day the last party signs it. It ends after {0} months at "
			"the latest, or once {1} meetings have been held.",
			(6, 12),
		),
	):
		sentence = translated(source, lang).format(*values)
		assert sentence in text, sentence
	assert long_date(docs.convention.signed_on, lang) in text
	assert english_left_in(text, TEMPLATES["Convention"], lang) == []


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_action_plan_prints_objectives_by_axis_in_the_mentees_language(docs, lang):
	frappe.db.set_value("Mentee", docs.duo.mentee, "preferred_language", lang)
	text = pdf_text("Action Plan", docs.plan.name, "Action Plan")

	for expected in EXPECTED[lang]["Action Plan"]:
		assert expected in text
	assert "Comprendre l'organisation d'un chantier" in text
	target = getdate(docs.plan.objectives[0].target_date)
	assert target.strftime("%d/%m/%Y") in text
	# Grouped by axis, in the axes' order: the co-constructed objective before the technical one.
	assert text.index("Comprendre l'organisation") < text.index("Préparer un CV")
	assert english_left_in(text, TEMPLATES["Action Plan"], lang) == []


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_attestation_shows_the_mentoring_and_nothing_sensitive(docs, lang):
	done = docs.done
	frappe.db.set_value("Mentee", done.mentee, "preferred_language", lang)
	text = pdf_text("Duo", done.name, "Attestation of Participation")

	for expected in EXPECTED[lang]["Attestation"]:
		assert expected in text
	assert done.mentee_name in text
	assert "Infirmière en chef" in text
	assert frappe.db.get_value("Mentor", done.mentor, "partner_organisation") in text
	assert long_date(done.start_date, lang) in text and long_date(done.actual_end, lang) in text
	assert done.meetings_held == 3
	assert EXPECTED[lang]["hours"] in text
	assert centre_doc().centre_name in text
	for sensitive in (
		"Réfugié",
		"Refugee",
		"Vluchteling",
		"Allergie",
		"Conclusion",
		"Arrived in 2024",
		"Job found",
	):
		assert sensitive not in text
	assert english_left_in(text, TEMPLATES["Attestation of Participation"], lang) == []


def test_user_typed_text_is_escaped(docs):
	plan = frappe.get_doc("Action Plan", docs.plan.name)
	plan.objectives[0].objective = "<b>Négocier</b> un contrat"
	plan.save()
	html = frappe.get_print("Action Plan", plan.name, "Action Plan")
	assert "&lt;b&gt;Négocier&lt;/b&gt; un contrat" in html


def test_every_string_of_the_print_formats_is_translated_in_french_and_dutch():
	sources = {s for path in [*TEMPLATES.values(), LETTERHEAD] for s in template_strings(path)}
	sources |= {*printing.AXES, *printing.PARTY_LABELS.values(), *printing.SIGNATURE_METHODS.values()}
	sources |= {*printing.STANDARD_TEXTS.values(), printing.DEFAULT_MEETING_PLACE, "Other objectives"}
	for lang in ("fr", "nl"):
		translations = read_translations(lang)
		assert sorted(s for s in sources if not translations.get(s)) == [], lang


def test_a_mentor_cannot_print_another_duos_convention(docs):
	with acting_as(docs.mentor_user), pytest.raises(frappe.PermissionError):
		frappe.get_print("Convention", docs.other_convention, "Convention")


def test_pdf_download_over_http_is_for_the_duos_own_mentor(server, docs):
	session = login(server, docs.mentor_user)
	url = f"{server}/api/method/frappe.utils.print_format.download_pdf"
	other = session.get(
		url,
		params={"doctype": "Convention", "name": docs.other_convention, "format": "Convention"},
		timeout=30,
	)
	assert other.status_code == 403
	own = session.get(
		url,
		params={"doctype": "Convention", "name": docs.convention.name, "format": "Convention"},
		timeout=60,
	)
	assert own.status_code == 200
	assert own.content[:4] == b"%PDF"
