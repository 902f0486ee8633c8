"""Starting with a programme under way: the example spreadsheets of docs/import-examples/, imported
through Frappe's Data Import by a coordinator, on a real site (docs/import.md).

The examples are imported once for the module, each under a fresh suffix (e-mails, organisations,
scans), on a clock frozen at the end of November 2026, when their dates are in the past."""

from pathlib import Path

import frappe
import pytest
from clock import freeze
from frappe.utils import getdate
from support import PASSWORD, acting_as, uid

from n2w_mentoring.demo import builders as b
from n2w_mentoring.importing import start_import, undo_import
from n2w_mentoring.programme import operations, rules
from n2w_mentoring.utils import get_limits

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "import-examples"
TODAY = "2026-11-30 10:00:00"
ORGANISATIONS = ("Brasserie du Canal", "Clinique Saint-Luc Bouge")
SCANS = ("convention-haddad-dupont.pdf", "convention-tesfaye-martin.pdf", "convention-kovalenko-janssens.pdf")
SHEETS = (
	("Partner Organisation", "1-partner-organisations.csv"),
	("Mentor", "2-mentors.csv"),
	("Mentee", "3-mentees.csv"),
	("Mentee Protected Data", "4-mentee-protected-data.csv"),
	("Duo", "5-duos.csv"),
	("Convention", "6-conventions.csv"),
	("Meeting", "7-meetings.csv"),
)


class Run:
	"""The examples as this run imports them: each name made unique, each scan uploaded."""

	def __init__(self, coordinator: str):
		self.coordinator = coordinator
		self.suffix = uid()
		self.scans = {}
		self.imports = {}

	def email(self, local: str) -> str:
		return f"{local}@{self.suffix}.example.org"

	def text(self, filename: str) -> str:
		text = (EXAMPLES / filename).read_text()
		text = text.replace("@example.org", f"@{self.suffix}.example.org")
		for organisation in ORGANISATIONS:
			text = text.replace(organisation, f"{organisation} {self.suffix}")
		for scan, url in self.scans.items():
			text = text.replace(f"/private/files/{scan}", url)
		return text

	def upload_scans(self):
		for scan in SCANS:
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{self.suffix}-{scan}",
					"content": f"%PDF-1.4 {self.suffix} {scan}, signed on paper".encode(),
					"is_private": 1,
				}
			).insert()
			self.scans[scan] = file.file_url
		frappe.db.commit()

	def run(self, doctype: str, filename: str, text: str | None = None) -> dict:
		"""Import one spreadsheet as the coordinator: the Data Import's name and its log."""
		with acting_as(self.coordinator):
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{self.suffix}-{filename}",
					"content": (text or self.text(filename)).encode(),
					"is_private": 1,
				}
			).insert()
			data_import = frappe.get_doc(
				{
					"doctype": "Data Import",
					"reference_doctype": doctype,
					"import_type": "Insert New Records",
					"import_file": file.file_url,
				}
			).insert()
			frappe.db.commit()
			start_import(data_import.name)
		logs = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name},
			fields=["success", "docname", "messages", "row_indexes"],
			order_by="log_index",
		)
		result = frappe._dict(
			name=data_import.name,
			status=frappe.db.get_value("Data Import", data_import.name, "status"),
			imported=[log.docname for log in logs if log.success],
			refused=[log for log in logs if not log.success],
		)
		self.imports.setdefault(filename, result)  # the first import of each spreadsheet
		return result

	def mentee(self, local: str) -> str:
		return frappe.db.get_value("Mentee", {"email": self.email(local)}, "name")

	def duo(self, mentee_local: str):
		return frappe.get_doc("Duo", {"mentee": self.mentee(mentee_local)})


@pytest.fixture(scope="module")
def examples(site):
	with freeze(TODAY):
		coordinator = b.make_user(
			f"import-coord-{uid()}@test.example", "Claire", "Import", ["Mentoring Coordinator"], PASSWORD
		)
		frappe.db.commit()
		run = Run(coordinator)
		with acting_as(coordinator):
			run.upload_scans()
		for doctype, filename in SHEETS:
			run.run(doctype, filename)
		yield run


@pytest.fixture(autouse=True)
def frozen(examples):
	with freeze(TODAY):
		yield


def messages(log) -> str:
	return " ".join(frappe.parse_json(m).get("message", "") for m in frappe.parse_json(log.messages or "[]"))


def test_every_row_of_the_example_spreadsheets_is_imported(examples):
	counts = {filename: len(examples.imports[filename].imported) for _, filename in SHEETS}
	refused = {filename: [messages(r) for r in examples.imports[filename].refused] for _, filename in SHEETS}
	assert refused == {filename: [] for _, filename in SHEETS}
	assert counts == {
		"1-partner-organisations.csv": 2,
		"2-mentors.csv": 5,
		"3-mentees.csv": 5,
		"4-mentee-protected-data.csv": 4,
		"5-duos.csv": 5,
		"6-conventions.csv": 3,
		"7-meetings.csv": 20,
	}
	amina = frappe.get_doc("Mentee", examples.mentee("amina.haddad"))
	assert [(r.language, r.level) for r in amina.languages] == [("ar", "Native"), ("fr", "Good")]
	assert [(r.diploma, r.country) for r in amina.diplomas] == [("Diplôme de cuisine", "Syria")]
	jean = frappe.get_doc("Mentor", {"email": examples.email("jean.dupont")})
	assert len(jean.languages) == 2 and jean.partner_organisation == f"Brasserie du Canal {examples.suffix}"
	assert frappe.db.get_value("Mentee Protected Data", amina.name, "residence_status") == "Refugee"


def contacts_of(organisation: str) -> dict:
	from n2w_mentoring.partner_contacts import contacts_of as linked

	return {email: frappe.get_doc("Contact", name) for email, name in linked(organisation).items()}


def test_partner_organisations_come_with_their_contacts(examples):
	brasserie = f"Brasserie du Canal {examples.suffix}"
	contacts = contacts_of(brasserie)
	assert sorted(contacts) == [examples.email("marc.peeters"), examples.email("sophie.lambert")]
	sophie = contacts[examples.email("sophie.lambert")]
	assert (sophie.first_name, sophie.last_name, sophie.designation, sophie.phone) == (
		"Sophie",
		"Lambert",
		"Head of human resources",
		"+32 2 555 01 23",
	)
	assert [(link.link_doctype, link.link_name) for link in sophie.links] == [
		("Partner Organisation", brasserie)
	]
	assert not sophie.user  # a portal user is invited from the Contact, as for any contact
	assert list(contacts_of(f"Clinique Saint-Luc Bouge {examples.suffix}")) == [
		examples.email("nadia.benali")
	]
	# The lines are not kept on the organisation: the Contact holds the person's details.
	assert not frappe.get_all("Partner Organisation New Contact", filters={"parent": brasserie})
	# The coordinator who imported them owns them (Frappe's own-records right on Contact); the site's
	# other contacts stay out of their reach (see the next test).
	with acting_as(examples.coordinator):
		assert frappe.has_permission("Contact", "read", doc=sophie)


def test_a_contact_of_the_host_is_never_taken_over_by_an_import(examples):
	host = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": "Client",
			"last_name": "Du CRM",
			"email_ids": [{"email_id": examples.email("crm.client"), "is_primary": 1}],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	header = (EXAMPLES / "1-partner-organisations.csv").read_text().splitlines()[0]
	text = "\n".join(
		(
			header,
			f"Taken Over {examples.suffix},Private,,,,,,,Client,Du CRM,{examples.email('crm.client')},,",
			f"Twice {examples.suffix},Private,,,,,,,Anna,One,{examples.email('anna')},,",
			f",,,,,,,,Anna,Again,{examples.email('ANNA')},,",
			f"No Name {examples.suffix},Private,,,,,,,,Nobody,{examples.email('no.name')},,",
			f"Bad Mail {examples.suffix},Private,,,,,,,Bad,Mail,not-an-e-mail,,",
			f"Fine {examples.suffix},Public,,,,,,,Fine,Person,{examples.email('fine.person')},,",
		)
	)
	result = examples.run("Partner Organisation", "contacts-with-errors.csv", text)
	assert result.imported == [f"Fine {examples.suffix}"]
	refused = {tuple(frappe.parse_json(r.row_indexes)): messages(r) for r in result.refused}
	assert sorted(refused) == [(2,), (3, 4), (5,), (6,)], refused
	assert examples.email("crm.client") in refused[(2,)]  # in the coordinator's language (French)
	assert "contact" in refused[(2,)].lower()
	assert examples.email("anna") in refused[(3, 4)]
	assert "not-an-e-mail" in refused[(6,)]
	# Nothing half-imported: no organisation, no contact for a refused row; the host's contact as it was.
	for name in ("Taken Over", "Twice", "No Name", "Bad Mail"):
		assert not frappe.db.exists("Partner Organisation", f"{name} {examples.suffix}")
	assert not frappe.db.exists("Contact Email", {"email_id": examples.email("anna")})
	host.reload()
	assert host.links == []
	with acting_as(examples.coordinator):
		assert not frappe.has_permission("Contact", "read", doc=host)
	assert list(contacts_of(f"Fine {examples.suffix}")) == [examples.email("fine.person")]


def test_imported_duos_reach_their_state_through_the_workflow(examples):
	expected = {
		"amina.haddad": ("Active", 5, "2026-07-15"),
		"yonas.tesfaye": ("Completed", 12, "2026-01-20"),
		"olena.kovalenko": ("Suspended", 2, "2026-09-15"),
		"karim.azizi": ("Proposed", 0, None),
		"fatima.diallo": ("Declined", 0, None),
	}
	for mentee, (state, held, start) in expected.items():
		duo = examples.duo(mentee)
		assert (duo.status, duo.meetings_held, duo.import_state or None) == (state, held, None), mentee
		if start:
			assert str(duo.start_date) == start
			# The planned end of a duo begun in the app: six months after its start.
			assert getdate(duo.planned_end) == rules.planned_end(getdate(start), get_limits())
	# The completed duo's follow-ups, planned from its actual end as for a duo closed in the app.
	completed = examples.duo("yonas.tesfaye")
	follow_ups = frappe.get_all(
		"Post-Duo Follow-up", filters={"duo": completed.name}, fields=["person_type", "milestone", "due_date"]
	)
	assert sorted((f.person_type, f.milestone, str(f.due_date)) for f in follow_ups) == sorted(
		(person, milestone, str(due))
		for person, milestone, due in operations.follow_up_plan(getdate(completed.actual_end))
	)
	assert frappe.db.get_value("Mentee", completed.mentee, "status") == "Completed"
	active = examples.duo("amina.haddad")
	assert frappe.db.get_value("Mentee", active.mentee, "status") == "In duo"
	assert frappe.db.get_value("Mentor", active.mentor, "status") == "In duo"
	assert active.hours_of_mentoring == round((60 + 75 + 60 + 90 + 60) / 60, 1)
	# The Workflow's own actions took it there: each one is in the duo's history.
	versions = frappe.get_all(
		"Version",
		filters={"ref_doctype": "Duo", "docname": active.name, "owner": examples.coordinator},
		pluck="data",
	)
	states = [c[2] for v in versions for c in frappe.parse_json(v).get("changed", []) if c[0] == "status"]
	assert len(states) == 2  # Accepted, then Active (stored in the coordinator's language)


def test_paper_conventions_are_signed_by_every_party_and_keep_their_scan(examples):
	for mentee, signed_on, scan in (
		("amina.haddad", "2026-07-10", SCANS[0]),
		("yonas.tesfaye", "2026-01-15", SCANS[1]),
	):
		duo = examples.duo(mentee)
		convention = frappe.get_doc("Convention", {"duo": duo.name})
		assert convention.docstatus == 1
		assert str(convention.signed_on) == signed_on
		assert {(str(r.signed_on), r.signature_method) for r in convention.signatories} == {
			(signed_on, "On paper")
		}
		assert {r.party for r in convention.signatories} >= {"Mentee", "Mentor", "Centre"}
		file = frappe.get_doc("File", {"file_url": examples.scans[scan]})
		assert (file.is_private, file.attached_to_doctype, file.attached_to_name) == (
			1,
			"Convention",
			convention.name,
		)


def test_a_spreadsheet_with_bad_rows_reports_each_one_and_imports_the_rest(examples):
	active, suspended = examples.duo("amina.haddad"), examples.duo("olena.kovalenko")
	result = examples.run("Meeting", "8-meetings-with-errors.csv")
	assert result.status == "Partial Success"
	assert len(result.imported) == 2
	refused = {tuple(frappe.parse_json(r.row_indexes)): messages(r) for r in result.refused}
	assert sorted(refused) == [(3,), (5,), (6,), (7,)]
	# The rule's own message, in the coordinator's language (French).
	assert "12" in refused[(3,)] and "rencontres" in refused[(3,)]
	assert "90" in refused[(5,)]
	assert "12/31/2026" in refused[(6,)] and "Ligne 6" in refused[(6,)]
	assert "31/12/2026" in refused[(7,)]
	assert frappe.db.get_value("Duo", active.name, "meetings_held") == 6
	assert frappe.db.get_value("Duo", suspended.name, "meetings_held") == 3
	# The 13th meeting left nothing behind.
	assert frappe.db.count("Meeting", {"duo": examples.duo("yonas.tesfaye").name}) == 12

	duos = examples.run("Duo", "9-duos-with-errors.csv")
	assert len(duos.imported) == 1 and len(duos.refused) == 2
	refused = {tuple(frappe.parse_json(r.row_indexes)): messages(r) for r in duos.refused}
	assert "nobody@" in refused[(3,)]
	assert "duo" in refused[(2,)]
	accepted = frappe.get_doc("Duo", duos.imported[0])
	assert accepted.status == "Accepted" and str(accepted.mentor_agreed_on) == "2026-11-26"


def test_the_preview_shows_each_bad_row_without_stopping_the_import(examples):
	from frappe.core.doctype.data_import.data_import import get_preview_from_template

	with acting_as(examples.coordinator):
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{uid()}-preview.csv",
				"content": examples.text("9-duos-with-errors.csv").encode(),
				"is_private": 1,
			}
		).insert()
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Duo",
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		preview = get_preview_from_template(data_import.name, file.file_url)
	assert len(preview.data) == 3
	warnings = [w for w in preview.warnings if w.get("row")]
	assert [(w["row"], w.get("type")) for w in warnings] == [(3, "info")]
	assert "nobody@" in warnings[0]["message"]
	assert not [w for w in preview.warnings if w.get("type") != "info"]


def test_running_the_same_import_again_changes_nothing(examples):
	before = {
		dt: frappe.db.count(dt)
		for dt in ("Partner Organisation", "Contact", "Mentor", "Mentee", "Duo", "Convention", "Meeting")
	}
	for doctype, filename in (
		("Partner Organisation", "1-partner-organisations.csv"),
		("Mentor", "2-mentors.csv"),
		("Mentee", "3-mentees.csv"),
		("Duo", "5-duos.csv"),
		("Convention", "6-conventions.csv"),
		("Meeting", "7-meetings.csv"),
	):
		again = examples.run(doctype, filename)
		assert again.imported == [] and again.status == "Error", filename
	assert {dt: frappe.db.count(dt) for dt in before} == before
	assert examples.duo("amina.haddad").meetings_held in (5, 6)


def test_an_import_is_undone_together(examples):
	text = "Duo,Kind,Status,Date,Start time,Duration (minutes)\n" + "\n".join(
		f"{examples.email('olena.kovalenko')},Meeting,Held,2026-11-{day},09:00:00,45" for day in (2, 16)
	)
	duo = examples.duo("olena.kovalenko")
	held = duo.meetings_held
	result = examples.run("Meeting", "undo-meetings.csv", text)
	assert len(result.imported) == 2
	assert frappe.db.get_value("Duo", duo.name, "meetings_held") == held + 2
	with acting_as(examples.coordinator):
		assert undo_import(result.name) == 2
	frappe.db.commit()
	assert not any(frappe.db.exists("Meeting", name) for name in result.imported)
	assert not frappe.db.exists("Version", {"ref_doctype": "Meeting", "docname": ("in", result.imported)})
	assert frappe.db.get_value("Duo", duo.name, "meetings_held") == held


def test_undoing_organisations_removes_their_contacts(examples):
	header = (EXAMPLES / "1-partner-organisations.csv").read_text().splitlines()[0]
	text = f"{header}\nUndone {examples.suffix},Private,,,,,,,Una,Done,{examples.email('una.done')},,"
	result = examples.run("Partner Organisation", "undo-organisations.csv", text)
	(organisation,) = result.imported
	(contact,) = contacts_of(organisation).values()
	with acting_as(examples.coordinator):
		assert undo_import(result.name) == 1
	frappe.db.commit()
	assert not frappe.db.exists("Partner Organisation", organisation)
	assert not frappe.db.exists("Contact", contact.name)


def test_undoing_duos_frees_their_people_and_records_in_use_stay(examples):
	duos = examples.imports["9-duos-with-errors.csv"]
	(duo,) = duos.imported
	mentor = frappe.db.get_value("Duo", duo, "mentor")
	with acting_as(examples.coordinator):
		assert undo_import(duos.name) == 1
	frappe.db.commit()
	assert not frappe.db.exists("Duo", duo)
	assert frappe.db.get_value("Mentor", mentor, "status") == "Available"
	# The mentors' import is not undone while its mentors have duos: all or none.
	mentors = examples.imports["2-mentors.csv"]
	with acting_as(examples.coordinator), pytest.raises(frappe.LinkExistsError):
		undo_import(mentors.name)
	frappe.db.rollback()
	assert all(frappe.db.exists("Mentor", name) for name in mentors.imported)


def test_a_mentor_cannot_import(examples, world):
	mentor_user = frappe.db.get_value("Mentor", world.mentor(with_user=True), "user")
	with acting_as(mentor_user), pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{"doctype": "Data Import", "reference_doctype": "Meeting", "import_type": "Insert New Records"}
		).insert()


def test_a_coordinator_imports_only_the_programme_records(examples):
	assert "System Manager" not in frappe.get_roles(examples.coordinator), frappe.get_roles(
		examples.coordinator
	)
	with acting_as(examples.coordinator), pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{"doctype": "Data Import", "reference_doctype": "User", "import_type": "Insert New Records"}
		).insert()


def test_a_coordinator_is_never_made_system_manager_by_frappe(examples):
	"""The cause of a coordinator once allowed to import users: on a site past its setup with no
	other enabled System Manager, Frappe makes the next desk user one. The tests keep a System
	Manager (conftest); the builders refuse to make a coordinator who would become one."""
	setup_complete = frappe.db.get_single_value("System Settings", "setup_complete")
	managers = frappe.get_all(
		"Has Role",
		filters={"role": "System Manager", "parenttype": "User", "parent": ("!=", "Administrator")},
		pluck="parent",
	)
	try:
		frappe.db.set_single_value("System Settings", "setup_complete", 1)
		for user in managers:
			frappe.db.set_value("User", user, "enabled", 0, update_modified=False)
		# Frappe's own behaviour: a desk user saved again becomes System Manager.
		promoted = frappe.get_doc(
			{"doctype": "User", "email": f"promoted-{uid()}@test.example", "first_name": "Promoted"}
		)
		promoted.flags.no_welcome_mail = True
		promoted.insert(ignore_permissions=True)
		promoted.add_roles("Mentoring Coordinator")
		promoted.save(ignore_permissions=True)
		assert "System Manager" in {d.role for d in promoted.roles}
		frappe.db.set_value("User", promoted.name, "enabled", 0, update_modified=False)
		# The builders of the demo and the tests refuse to make such a coordinator.
		email = f"import-coord-{uid()}@test.example"
		with pytest.raises(frappe.PermissionError):
			b.make_user(email, "Claire", "Import", ["Mentoring Coordinator"], PASSWORD)
	finally:
		frappe.db.rollback()
		frappe.db.set_single_value("System Settings", "setup_complete", setup_complete)
		frappe.db.commit()
	assert not frappe.db.exists("User", email)
	assert "System Manager" not in frappe.get_roles(examples.coordinator)


def test_the_patch_opens_data_import_to_staff(examples):
	from n2w_mentoring.patches import open_data_import_to_staff

	frappe.db.delete("Custom DocPerm", {"parent": "Data Import", "role": "Mentoring Coordinator"})
	open_data_import_to_staff.execute()
	perm = frappe.db.get_value(
		"Custom DocPerm",
		{"parent": "Data Import", "role": "Mentoring Coordinator"},
		["read", "create", "write", "delete"],
		as_dict=True,
	)
	assert perm == {"read": 1, "create": 1, "write": 1, "delete": 0}
	assert frappe.db.get_value(
		"Custom DocPerm", {"parent": "Data Import Log", "role": "Mentoring Coordinator"}, "read"
	)


def test_staff_read_the_logs_of_the_programme_imports_only(examples):
	from n2w_mentoring.data_protection.read_paths import get_count

	meetings = examples.imports["7-meetings.csv"]
	with acting_as(examples.coordinator):
		# The Data Import form counts its log first (frappe.client.get_count).
		assert get_count("Data Import Log", {"data_import": meetings.name}) == 20
		assert not frappe.get_list("Data Import", filters={"reference_doctype": "User"}, pluck="name")
		assert frappe.get_list("Data Import Log", filters={"data_import": meetings.name}, pluck="name")
	other = frappe.get_doc(
		{"doctype": "Data Import", "reference_doctype": "User", "import_type": "Insert New Records"}
	).insert()
	with acting_as(examples.coordinator):
		assert not frappe.has_permission("Data Import", "read", doc=other)


def test_mentees_are_imported_into_an_intake_of_their_programme(examples):
	tag = uid()
	centre = b.make_centre(f"Centre import {tag}")
	programme = b.make_programme(
		f"Import {tag}",
		centre,
		intakes=[
			{"intake_name": "Cohorte A", "start_date": "2026-01-01", "end_date": "2026-06-30"},
			{"intake_name": "Cohorte B", "start_date": "2026-07-01", "end_date": "2026-12-31"},
		],
	)
	frappe.db.commit()
	rows = [("Ali", "Cohorte B"), ("Bea", ""), ("Cyd", "Cohorte Z")]
	text = "First name,Last name,E-mail,Status,Intake date,Programme,Intake period\n" + "".join(
		f"{first},{tag},{first.lower()}-{tag}@people.example,Applicant,2026-03-02,{programme},{intake}\n"
		for first, intake in rows
	)
	result = examples.run("Mentee", f"intakes-{tag}.csv", text)
	assert len(result.imported) == 2, [messages(log) for log in result.refused]
	assert "Cohorte Z" in messages(result.refused[0])
	intakes = dict(
		frappe.get_all("Mentee", filters={"last_name": tag}, fields=["first_name", "intake"], as_list=True)
	)
	assert intakes == {"Ali": "Cohorte B", "Bea": "Cohorte A"}  # given, or the one of the intake date


def test_a_mentor_is_imported_with_the_centre_given_or_the_importers(examples):
	from n2w_mentoring import network

	tag = uid()
	centre = b.make_centre(f"Centre importé {tag}", email=f"import-{tag}@centre.example")
	b.make_programme(f"Mentorat importé {tag}", centre)
	text = (
		"First name,Last name,E-mail,Centre\n"
		f"Léa,Import,{examples.email('lea.' + tag)},{centre}\n"
		f"Hugo,Import,{examples.email('hugo.' + tag)},\n"
	)
	result = examples.run("Mentor", f"mentors-centre-{tag}.csv", text)
	assert [messages(r) for r in result.refused] == []
	lea = frappe.get_doc("Mentor", {"email": examples.email("lea." + tag)})
	hugo = frappe.get_doc("Mentor", {"email": examples.email("hugo." + tag)})
	assert (lea.centre, [r.centre for r in lea.programmes]) == (centre, [centre])
	assert hugo.centre == network.centre_of(network.default_programme())
