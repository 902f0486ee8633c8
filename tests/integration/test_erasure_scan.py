"""Erasure leaves nothing: people erased in the full demo data, at its richest (to-dos, e-mails sent,
notifications, logs, history, a portal login), are then looked for in every text column of every
table of the site's database and in every file on its disk, by full name, e-mail and phone."""

from pathlib import Path

import frappe
import pytest
from frappe.utils import add_days, today
from support import acting_as, uid

from n2w_mentoring.data_protection.erasure import erase_personal_data
from n2w_mentoring.data_protection.side_tables import like_escape, spellings
from n2w_mentoring.demo import builders as b
from n2w_mentoring.demo import demo

TEXT_TYPES = ("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "json")


def text_columns() -> dict[str, list[str]]:
	rows = frappe.db.sql(
		"""select table_name, column_name from information_schema.columns
		where table_schema = %s and data_type in %s""",
		(frappe.conf.db_name, TEXT_TYPES),
	)
	columns: dict[str, list[str]] = {}
	for table, column in rows:
		columns.setdefault(table, []).append(column)
	return columns


def found_in_database(values: set[str]) -> list[str]:
	"""Every table.column holding one of ``values`` (as typed, JSON- or HTML-escaped)."""
	patterns = sorted({like_escape(s) for v in values for s in spellings(v)})
	hits = []
	for table, columns in text_columns().items():
		for column in columns:
			condition = " or ".join([f"`{column}` like %s"] * len(patterns))
			if frappe.db.sql(f"select 1 from `{table}` where {condition} limit 1", patterns):
				hits.append(f"{table}.{column}")
	return hits


def found_in_files(values: set[str]) -> list[str]:
	root = Path(frappe.get_site_path()).resolve()
	hits = []
	for folder in (root / "public" / "files", root / "private" / "files"):
		for path in folder.rglob("*") if folder.exists() else ():
			if not path.is_file() or path.stat().st_size > 5_000_000:
				continue
			content = path.read_bytes()
			if any(v.encode() in content or v in path.name for v in values):
				hits.append(str(path.relative_to(root)))
	return hits


def statistics() -> list:
	from n2w_mentoring.kpis import programme_kpis

	return frappe.as_json(programme_kpis(frappe._dict(from_date="2000-01-01", to_date=today())))


def identifying(doctype: str, name: str) -> set[str]:
	values = frappe.db.get_value(doctype, name, ["full_name", "email", "phone", "user"])
	return {v for v in values if v}


def richest_state(doctype: str, name: str, coordinator: str, phone: str) -> None:
	"""What a running programme leaves about a person in Frappe's tables besides the app's records."""
	person = frappe.get_doc(doctype, name)
	person.phone = phone
	person.save()  # a Version
	full_name, email = person.full_name, person.email
	duo = frappe.db.get_value("Duo", {doctype.lower(): name}, "name")
	other_duo = frappe.db.get_value("Duo", {doctype.lower(): ("!=", name)}, "name")
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": coordinator,
			"description": f"Rappeler {full_name} au {phone} ({email})",
			"reference_type": "Duo",
			"reference_name": other_duo,
		}
	).insert(ignore_permissions=True)
	frappe.get_doc("Duo", other_duo).add_comment("Comment", f"{full_name} a rencontré ce duo")
	frappe.sendmail(
		recipients=[email],
		subject=f"Bonjour {full_name}",
		message=f"<p>Bonjour {full_name}, votre prochaine rencontre…</p>",
		reference_doctype=doctype,
		reference_name=name,
		now=False,
		sender="mentorat@centre.example",
	)
	frappe.sendmail(
		recipients=[coordinator],
		subject=f"Nouvelles de {full_name}",
		message=f"{full_name} ({phone}) a trouvé un emploi.",
		now=False,
		sender="mentorat@centre.example",
	)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": coordinator,
			"type": "Alert",
			"subject": f"{full_name} a répondu au suivi",
			"document_type": "Duo",
			"document_name": duo,
		}
	).insert(ignore_permissions=True)
	frappe.log_error(title=f"Rappel non envoyé à {email}", message=f"{full_name}: {phone}")
	frappe.get_doc(
		{
			"doctype": "Activity Log",
			"subject": f"{full_name} logged in",
			"full_name": full_name,
			"operation": "Login",
			"status": "Success",
			"user": person.user or coordinator,
		}
	).insert(ignore_permissions=True)
	frappe.get_doc(
		{"doctype": "Access Log", "export_from": doctype, "reference_document": name, "filters": full_name}
	).insert(ignore_permissions=True)
	frappe.get_doc({"doctype": "Route History", "route": f"app/{frappe.scrub(doctype)}/{name}"}).insert(
		ignore_permissions=True
	)
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"cv-{frappe.scrub(full_name)}.txt",
			"content": f"CV de {full_name}, {email}, {phone}".encode(),
			"attached_to_doctype": doctype,
			"attached_to_name": name,
		}
	).insert(ignore_permissions=True)


@pytest.fixture
def demo_programme(world):
	demo.load()
	coordinator = frappe.db.get_value("User", {"name": ("like", "%@demo.n2w.example")}, "name")
	# A duo whose mentee logs in to the portal, completed: their portal user goes too.
	mentee = b.make_mentee(
		"Zéphyrine",
		f"Erasable{uid()}",
		f"zephyrine-{uid()}@people.example",
		user=b.make_user(f"zephyrine-{uid()}@people.example", "Zéphyrine", "Portal", ["Mentee"]),
		residence_status="Refugee",
		personal_story="Arrivée en 2023",
	)
	duo = b.start_duo(mentee, world.mentor(), add_days(today(), -90))
	b.log_meeting(duo.name, add_days(today(), -60), 60, summary="Préparation de l'entretien")
	doc = frappe.get_doc("Duo", duo.name)
	doc.end_reason = "Job found"
	doc.save()
	b.act(duo, "Complete")
	fatou = frappe.db.get_value("Mentee", {"email": demo.email("Fatou", "Diallo")}, "name")
	nathalie = frappe.db.get_value("Mentor", {"email": demo.email("Nathalie", "Jacquet")}, "name")
	people = [("Mentee", fatou), ("Mentor", nathalie), ("Mentee", mentee)]
	for i, (doctype, name) in enumerate(people):
		richest_state(
			doctype,
			name,
			coordinator,
			f"+32 470 {i:02d} {int(uid(), 16) % 100:02d} {int(uid(), 16) % 100:02d}",
		)
	return people


def test_erased_people_are_found_in_no_table_and_no_file_and_statistics_stay(demo_programme, world):
	people = demo_programme
	values = set().union(*(identifying(dt, n) for dt, n in people))
	assert len(values) >= 9
	assert found_in_database(values) and found_in_files(values)
	before = statistics()

	with acting_as(world.manager):
		for doctype, name in people:
			erase_personal_data(doctype, name)

	assert found_in_database(values) == []
	assert found_in_files(values) == []
	assert statistics() == before


def test_like_patterns_match_only_the_value():
	assert like_escape("50%_off") == "%50\\%\\_off%"
	for text, value in (("a_b", "a_b"), ("axb", None)):
		hit = frappe.db.sql("select %s like %s", (text, like_escape("a_b")))[0][0]
		assert bool(hit) == bool(value)


def test_a_value_with_wildcards_erases_nobody_else(world):
	from n2w_mentoring.data_protection.side_tables import forget_mentions

	bystander = frappe.get_doc(
		{"doctype": "ToDo", "description": "Appeler Jean Dupont", "allocated_to": world.coordinator}
	).insert(ignore_permissions=True)
	forget_mentions({"J%n_Dup%": "Anonymised"})
	assert frappe.db.get_value("ToDo", bystander.name, "description") == "Appeler Jean Dupont"


def test_values_with_regular_expression_characters_match_only_themselves(world):
	from n2w_mentoring.data_protection.side_tables import forget_mentions

	bystander = frappe.get_doc(
		{
			"doctype": "ToDo",
			"description": "Écrire à jean.dupont@mail.example",
			"allocated_to": world.coordinator,
		}
	).insert(ignore_permissions=True)
	erased = frappe.get_doc(
		{
			"doctype": "ToDo",
			"description": "Écrire à j.n+dupont@mail.example",
			"allocated_to": world.coordinator,
		}
	).insert(ignore_permissions=True)
	forget_mentions({"j.n+dupont@mail.example": "Anonymised", "jean.dup.*": "Anonymised"})
	assert frappe.db.get_value("ToDo", bystander.name, "description") == "Écrire à jean.dupont@mail.example"
	assert frappe.db.get_value("ToDo", erased.name, "description") == "Écrire à Anonymised"
