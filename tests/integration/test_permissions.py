"""Record-level access through Frappe's own API, as each role calls it."""

import frappe
import frappe.client
import pytest
from frappe.desk.reportview import get_count
from frappe.utils import today
from support import acting_as

from n2w_mentoring.demo import builders as b

SENSITIVE = (
	"nationality",
	"country_of_origin",
	"residence_status",
	"right_to_work",
	"personal_story",
	"health_notes",
)
PROTECTED = "Mentee Protected Data"


@pytest.fixture(scope="module")
def two_duos(world):
	"""Two running duos whose mentors and mentees have portal users, and a meeting in each."""
	duos = []
	for _ in range(2):
		mentor = world.mentor(with_user=True)
		mentee = world.mentee(with_user=True)
		duo = b.start_duo(mentee, mentor, today())
		b.log_meeting(duo.name, today(), 60)
		b.make_action_plan(duo.name, [{"objective": "CV", "axis": "Technical"}])
		duos.append(
			frappe._dict(
				duo=duo.name,
				mentor=mentor,
				mentee=mentee,
				mentor_user=world.user_of("Mentor", mentor),
				mentee_user=world.user_of("Mentee", mentee),
			)
		)
	frappe.db.commit()
	return duos


@pytest.mark.parametrize("party", ["mentor_user", "mentee_user"])
def test_a_party_lists_only_their_own_duo(two_duos, party):
	mine, theirs = two_duos
	with acting_as(mine[party]):
		names = frappe.get_list("Duo", pluck="name")
		assert mine.duo in names and theirs.duo not in names
		frappe.local.form_dict = frappe._dict(doctype="Duo")
		assert get_count() == len(names) == 1


@pytest.mark.parametrize("doctype", ["Meeting", "Convention", "Action Plan"])
@pytest.mark.parametrize("party", ["mentor_user", "mentee_user"])
def test_a_party_lists_only_what_hangs_off_their_duo(two_duos, doctype, party):
	mine, _ = two_duos
	with acting_as(mine[party]):
		duos = set(frappe.get_list(doctype, pluck="duo"))
	assert duos == {mine.duo}


@pytest.mark.parametrize("doctype", ["Duo", "Meeting", "Convention", "Action Plan"])
def test_a_mentor_cannot_open_another_duos_record(two_duos, doctype):
	mine, theirs = two_duos
	name = theirs.duo if doctype == "Duo" else frappe.db.get_value(doctype, {"duo": theirs.duo}, "name")
	with acting_as(mine.mentor_user), pytest.raises(frappe.PermissionError):
		frappe.client.get(doctype, name)


def test_a_mentor_reads_their_mentee_without_the_protected_fields(two_duos):
	mine, _ = two_duos
	with acting_as(mine.mentor_user):
		mentee = frappe.client.get("Mentee", mine.mentee)
	assert mentee["full_name"]
	for field in SENSITIVE:
		assert field not in mentee or not mentee[field], field


@pytest.mark.parametrize("party", ["mentor_user", "mentee_user"])
def test_a_party_cannot_list_or_open_protected_data(two_duos, party):
	mine, _ = two_duos
	with acting_as(mine[party]):
		with pytest.raises(frappe.PermissionError):
			frappe.get_list(PROTECTED, fields=["name", "residence_status"])
		with pytest.raises(frappe.PermissionError):
			frappe.client.get(PROTECTED, mine.mentee)


def test_a_mentor_cannot_open_another_mentee(two_duos):
	mine, theirs = two_duos
	with acting_as(mine.mentor_user), pytest.raises(frappe.PermissionError):
		frappe.client.get("Mentee", theirs.mentee)


def test_staff_read_the_protected_fields(world, two_duos):
	with acting_as(world.coordinator):
		protected = frappe.client.get(PROTECTED, two_duos[0].mentee)
	assert protected["residence_status"] == "Asylum seeker"


def test_a_mentor_logs_a_meeting_on_their_own_duo(two_duos):
	mine, _ = two_duos
	with acting_as(mine.mentor_user):
		meeting = frappe.client.insert(
			{"doctype": "Meeting", "duo": mine.duo, "meeting_date": today(), "duration_minutes": 45}
		)
	assert meeting["owner"] == mine.mentor_user


def test_a_mentor_cannot_log_a_meeting_on_another_duo(two_duos):
	mine, theirs = two_duos
	with acting_as(mine.mentor_user), pytest.raises(frappe.PermissionError):
		frappe.client.insert(
			{"doctype": "Meeting", "duo": theirs.duo, "meeting_date": today(), "duration_minutes": 45}
		)
	assert frappe.db.count("Meeting", {"duo": theirs.duo}) == 1


def test_a_mentor_cannot_change_a_duo(two_duos):
	mine, _ = two_duos
	with acting_as(mine.mentor_user), pytest.raises(frappe.PermissionError):
		frappe.client.set_value("Duo", mine.duo, "end_reason", "Other")


def test_a_host_user_sees_nothing_of_the_programme(world, two_duos):
	with acting_as(world.host_user):
		for doctype in (
			"Duo",
			"Mentee",
			"Mentor",
			"Meeting",
			"Convention",
			"Action Plan",
			"Partner Organisation",
		):
			with pytest.raises(frappe.PermissionError):
				frappe.get_list(doctype)
		with pytest.raises(frappe.PermissionError):
			frappe.client.get("Mentee", two_duos[0].mentee)


def test_a_partner_contact_sees_its_organisation_and_its_mentors_only(world, two_duos):
	other_mentor = world.mentor(organisation=world.other_organisation)
	with acting_as(world.partner):
		assert frappe.get_list("Partner Organisation", pluck="name") == [world.organisation]
		mentors = frappe.get_list("Mentor", pluck="name")
		assert two_duos[0].mentor in mentors and other_mentor not in mentors
		with pytest.raises(frappe.PermissionError):
			frappe.get_list("Duo")
		with pytest.raises(frappe.PermissionError):
			frappe.get_list("Mentee")


def test_link_search_respects_the_rule(two_duos):
	from frappe.desk.search import search_link

	mine, theirs = two_duos
	with acting_as(mine.mentor_user):
		results = search_link("Mentee", "Mentee")
	names = {r["value"] for r in results}
	assert mine.mentee in names and theirs.mentee not in names


def test_the_two_hooks_agree_for_every_role(world, two_duos):
	"""For each user and doctype: the list (query conditions) and has_permission give the same set."""
	users = [d.mentor_user for d in two_duos] + [d.mentee_user for d in two_duos] + [world.partner]
	for user in users:
		for doctype in (
			"Duo",
			"Meeting",
			"Convention",
			"Action Plan",
			"Mentee",
			"Mentor",
			"Partner Organisation",
		):
			with acting_as(user):
				try:
					listed = set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
				except frappe.PermissionError:
					listed = set()
			every = frappe.get_all(doctype, pluck="name")
			allowed = {n for n in every if frappe.has_permission(doctype, "read", n, user=user)}
			assert listed == allowed, (user, doctype)
