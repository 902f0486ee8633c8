"""Special-category data in its own DocType: the doors the issue found, each tried by the role it
opened for, and the patch that moves a site's existing data and history out of the Mentee."""

import json

import frappe
import frappe.client
import pytest
from frappe.utils import add_days, today
from support import acting_as, login, uid

from n2w_mentoring.demo import builders as b
from n2w_mentoring.mentoring.doctype.mentee_protected_data.mentee_protected_data import (
	PROTECTED_FIELDS,
	save_protected_data,
)

PROTECTED = "Mentee Protected Data"


@pytest.fixture(scope="module")
def duo(world):
	"""A running duo whose mentor and mentee log in, with protected data changed after intake."""
	mentor = world.mentor(with_user=True)
	mentee = world.mentee(with_user=True)
	running = b.start_duo(mentee, mentor, add_days(today(), -20))
	b.make_action_plan(running.name, [{"objective": "CV", "axis": "Technical"}])
	save_protected_data(mentee, {"health_notes": f"Asthme {uid()}", "residence_status": "Refugee"})
	person = frappe.get_doc("Mentee", mentee)
	person.intake_notes = "Suivi renforcé"
	person.save()
	frappe.db.commit()
	return frappe._dict(
		name=running.name,
		mentee=mentee,
		mentor=mentor,
		mentor_user=world.user_of("Mentor", mentor),
		mentee_user=world.user_of("Mentee", mentee),
		health=frappe.db.get_value(PROTECTED, mentee, "health_notes"),
	)


# --- 1. Form history ------------------------------------------------------------------------------


def test_the_mentors_view_of_their_mentee_and_its_history_holds_no_protected_value(duo):
	from frappe.desk.form.load import get_docinfo, getdoc

	with acting_as(duo.mentor_user):
		getdoc("Mentee", duo.mentee)
		docs = frappe.as_json(frappe.response.docs)
		get_docinfo(doctype="Mentee", name=duo.mentee)
		docinfo = frappe.as_json(frappe.response.docinfo)
	assert duo.mentee in docs and '"versions"' in docinfo
	for answer in (docs, docinfo):
		assert duo.health.split()[-1] not in answer
		assert "Refugee" not in answer and "health_notes" not in answer


def test_staff_keep_the_history_of_protected_data(duo, world):
	from frappe.desk.form.load import get_docinfo

	with acting_as(world.coordinator):
		get_docinfo(doctype=PROTECTED, name=duo.mentee)
		versions = frappe.as_json(frappe.response.docinfo["versions"])
	assert "health_notes" in versions


@pytest.mark.parametrize("party", ["mentor_user", "mentee_user"])
def test_a_party_cannot_open_the_protected_record_even_of_their_own_duo(duo, party):
	from frappe.desk.form.load import getdoc

	with acting_as(duo[party]), pytest.raises(frappe.PermissionError):
		getdoc(PROTECTED, duo.mentee)


# --- 3. Counts on Frappe's own tables -------------------------------------------------------------


@pytest.mark.parametrize("who", ["host_user", "mentor_user", "partner"])
def test_counting_versions_is_refused_to_anyone_who_may_not_list_them(server, duo, world, who):
	user = getattr(world, who, None) or duo[who]
	session = login(server, user)
	response = session.get(
		f"{server}/api/method/frappe.client.get_count",
		params={
			"doctype": "Version",
			"filters": json.dumps([["ref_doctype", "=", PROTECTED], ["data", "like", "%Asthme%"]]),
		},
		timeout=10,
	)
	assert response.status_code == 403, response.text[:300]


def test_get_count_counts_what_get_list_lists(duo):
	from n2w_mentoring.data_protection.read_paths import get_count

	with acting_as(duo.mentor_user):
		assert get_count("Meeting") == len(frappe.get_list("Meeting", pluck="name", limit=0))
		assert get_count("Duo", filters='{"status": "Active"}') == 1


# --- 4. Child tables through their parent ----------------------------------------------------------


@pytest.fixture(scope="module")
def other_duo(world):
	mentor, mentee = world.mentor(), world.mentee()
	other = b.start_duo(mentee, mentor, add_days(today(), -10))
	frappe.db.commit()
	return other


@pytest.mark.parametrize("party", ["mentor_user", "mentee_user"])
@pytest.mark.parametrize(
	"child, parent", [("Convention Signatory", "Convention"), ("Action Plan Objective", "Action Plan")]
)
def test_child_rows_come_only_from_the_partys_own_parents(server, duo, other_duo, party, child, parent):
	session = login(server, duo[party])
	response = session.get(
		f"{server}/api/method/frappe.client.get_list",
		params={"doctype": child, "parent": parent, "fields": '["parent"]', "limit_page_length": 0},
		timeout=10,
	)
	parents = {row["parent"] for row in response.json()["message"]}
	own = set(frappe.get_all(parent, {"duo": duo.name}, pluck="name"))
	assert parents and parents <= own, parents - own


def test_a_mentor_cannot_list_the_mentors_excluded_for_their_mentee(duo, world):
	excluded = world.mentor()
	person = frappe.get_doc("Mentee", duo.mentee)
	person.append("excluded_mentors", {"mentor": excluded})
	person.save()
	with acting_as(duo.mentor_user):
		rows = frappe.client.get_list("Mentee Mentor Exclusion", parent="Mentee", fields=["mentor"])
	assert rows == []


# --- 5. Link titles -----------------------------------------------------------------------------


def test_a_host_user_gets_no_link_title_of_a_mentee(server, duo, world):
	session = login(server, world.host_user)
	response = session.get(
		f"{server}/api/method/frappe.desk.search.get_link_title",
		params={"doctype": "Mentee", "docname": duo.mentee},
		timeout=10,
	)
	full_name = frappe.db.get_value("Mentee", duo.mentee, "full_name")
	assert response.ok and response.json().get("message") is None
	assert full_name not in response.text
	missing = session.get(
		f"{server}/api/method/frappe.desk.search.get_link_title",
		params={"doctype": "Mentee", "docname": "MTE-99999"},
		timeout=10,
	)
	assert missing.json() == response.json()  # the same answer: no oracle of which IDs exist


def test_a_mentor_gets_the_link_title_of_their_own_mentee(server, duo):
	session = login(server, duo.mentor_user)
	response = session.get(
		f"{server}/api/method/frappe.desk.search.get_link_title",
		params={"doctype": "Mentee", "docname": duo.mentee},
		timeout=10,
	)
	assert response.json()["message"] == frappe.db.get_value("Mentee", duo.mentee, "full_name")


# --- The patch ------------------------------------------------------------------------------------

OLD_COLUMNS = {
	"nationality": "Link",
	"country_of_origin": "Link",
	"residence_status": "Select",
	"right_to_work": "Select",
	"personal_story": "Text",
	"health_notes": "Small Text",
}


def ensure_old_columns():
	"""A site installed before the move has these columns on the Mentee table (DDL: commits)."""
	from frappe.database.schema import add_column

	for column, fieldtype in OLD_COLUMNS.items():
		if not frappe.db.has_column("Mentee", column):
			add_column("Mentee", column, fieldtype)


def old_version(mentee: str, changed: list) -> str:
	version = frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": "Mentee",
			"docname": mentee,
			"data": json.dumps({"added": [], "changed": changed, "removed": [], "row_changed": []}),
		}
	)
	version.insert(ignore_permissions=True)
	return version.name


def test_the_patch_moves_old_values_and_their_history_out_of_the_mentee():
	from n2w_mentoring.patches.move_special_category_data_out_of_mentee import execute

	ensure_old_columns()
	token = f"Tuberculose{uid()}"
	moved, untouched = b.make_mentee("Old", uid()), b.make_mentee("Plain", uid())
	mentee = frappe.qb.DocType("Mentee")
	(
		frappe.qb.update(mentee)
		.set(mentee.residence_status, "Refugee")
		.set(mentee.health_notes, token)
		.set(mentee.personal_story, f"Histoire {token}")
		.where(mentee.name == moved)
		.run()
	)
	mixed = old_version(moved, [["intake_notes", None, "Suivi"], ["health_notes", None, token]])
	only_protected = old_version(moved, [["residence_status", "Asylum seeker", "Refugee"]])
	other = old_version(untouched, [["intake_notes", None, "Rien de protégé"]])

	execute()

	record = frappe.get_doc(PROTECTED, moved)
	assert (record.residence_status, record.health_notes) == ("Refugee", token)
	assert not frappe.db.exists(PROTECTED, untouched)
	old = frappe.qb.from_(mentee).select(*(mentee[c] for c in PROTECTED_FIELDS)).where(mentee.name == moved)
	assert old.run() == ((None,) * len(PROTECTED_FIELDS),)
	assert json.loads(frappe.db.get_value("Version", mixed, "data"))["changed"] == [
		["intake_notes", None, "Suivi"]
	]
	assert not frappe.db.exists("Version", only_protected)
	assert frappe.db.exists("Version", other)
	mentee_history = frappe.get_all("Version", {"ref_doctype": "Mentee", "docname": moved}, pluck="data")
	assert not any(token in d or "residence_status" in d for d in mentee_history)
	kept = frappe.get_all("Version", {"ref_doctype": PROTECTED, "docname": moved}, pluck="data")
	assert any(token in d for d in kept) and any("Asylum seeker" in d for d in kept)


def test_the_patch_does_nothing_twice():
	from n2w_mentoring.patches.move_special_category_data_out_of_mentee import execute

	mentee = b.make_mentee("Twice", uid(), residence_status="Refugee")
	execute()
	execute()
	assert frappe.db.count(PROTECTED, {"mentee": mentee}) == 1
	assert frappe.db.get_value(PROTECTED, mentee, "residence_status") == "Refugee"


def test_deleting_a_mentee_deletes_their_protected_record_and_its_history_for_good(world):
	mentee = world.mentee()
	save_protected_data(mentee, {"health_notes": "Suivi médical"})
	assert frappe.db.exists("Version", {"ref_doctype": PROTECTED, "docname": mentee})
	frappe.delete_doc("Mentee", mentee)
	assert not frappe.db.exists(PROTECTED, mentee)
	assert not frappe.db.exists("Version", {"ref_doctype": PROTECTED, "docname": mentee})
	assert not frappe.db.exists("Deleted Document", {"deleted_doctype": PROTECTED, "deleted_name": mentee})


def test_history_over_http_holds_no_value_of_a_field_above_the_users_level(server, duo, world):
	"""The coordinator's notes on a mentor, the mentors excluded for a mentee: level 1 on forms
	the mentor opens, and so absent from the history they read with them."""
	note, excluded = f"Note confidentielle {uid()}", world.mentor()
	mentor = frappe.get_doc("Mentor", duo.mentor)
	mentor.notes = note
	mentor.save()
	mentee = frappe.get_doc("Mentee", duo.mentee)
	mentee.append("excluded_mentors", {"mentor": excluded})
	mentee.save()
	frappe.db.commit()
	session = login(server, duo.mentor_user)
	for doctype, name in (("Mentor", duo.mentor), ("Mentee", duo.mentee)):
		for method, params in (
			("frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name}),
			("frappe.desk.form.load.get_docinfo", {"doctype": doctype, "name": name}),
		):
			response = session.get(f"{server}/api/method/{method}", params=params, timeout=10)
			assert response.ok, response.text[:300]
			history = json.dumps(response.json()["docinfo"]["versions"])
			assert duo.mentor_user and "changed" in history
			for secret in (note, excluded, "excluded_mentors", '\\"notes\\"'):
				assert secret not in history, (method, doctype, secret)
			assert note not in response.text and excluded not in response.text
	staff = login(server, world.coordinator)
	response = staff.get(
		f"{server}/api/method/frappe.desk.form.load.get_docinfo",
		params={"doctype": "Mentor", "name": duo.mentor},
		timeout=10,
	)
	assert note in response.text  # staff keep the whole history
