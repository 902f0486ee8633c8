"""Adversarial tests: each actor tries the read and write paths Frappe offers against records it must
not reach. Every test names the threat and expects the exact answer: the refusal, or nothing."""

import concurrent.futures

import frappe
import frappe.client
import pytest
import requests
from frappe.utils import add_days, getdate, today
from support import PASSWORD, acting_as, login, uid

from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import ForeignChildRowError


@pytest.fixture(scope="module")
def duos(world):
	made = []
	for _ in range(2):
		mentor = world.mentor(with_user=True)
		mentee = world.mentee(with_user=True)
		duo = b.start_duo(mentee, mentor, add_days(today(), -20))
		b.log_meeting(duo.name, add_days(today(), -10), 60, summary="Entretien préparé")
		b.make_action_plan(duo.name, [{"objective": "CV", "axis": "Technical"}])
		frappe.get_doc("Duo", duo.name).add_comment("Comment", "Note interne du centre")
		made.append(
			frappe._dict(
				duo=duo.name,
				mentor=mentor,
				mentee=mentee,
				mentor_user=world.user_of("Mentor", mentor),
				mentee_user=world.user_of("Mentee", mentee),
				meeting=frappe.db.get_value("Meeting", {"duo": duo.name}),
				plan=frappe.db.get_value("Action Plan", {"duo": duo.name}),
			)
		)
	frappe.db.commit()
	return made


# --- Reads --------------------------------------------------------------------------------------


@pytest.mark.parametrize("doctype", ["Duo", "Meeting", "Action Plan", "Convention"])
def test_report_view_shows_only_own_rows(duos, doctype):
	from frappe.desk.reportview import get

	mine, theirs = duos
	with acting_as(mine.mentor_user):
		frappe.local.form_dict = frappe._dict(
			doctype=doctype, fields=["name", "duo"] if doctype != "Duo" else ["name"]
		)
		result = get()
	names = {row[0] for row in result["values"]} if result else set()
	theirs_names = set(
		frappe.get_all(doctype, {"duo" if doctype != "Duo" else "name": theirs.duo}, pluck="name")
	)
	assert names and not names & theirs_names


def test_group_by_counts_only_own_duos(duos):
	from frappe.desk.listview import get_group_by_count

	with acting_as(duos[0].mentor_user):
		counts = get_group_by_count("Duo", "[]", "status")
	assert sum(c["count"] for c in counts) == 1


def test_get_value_with_a_filter_on_another_duo_returns_nothing(duos):
	mine, theirs = duos
	with acting_as(mine.mentor_user):
		value = frappe.client.get_value("Duo", "mentee_name", {"name": theirs.duo})
	assert value == {}


def test_get_count_is_restricted(server, duos, world):
	"""Frappe's own get_count checks no permission; the app's override does, for its DocTypes."""
	url = f"{server}/api/method/frappe.client.get_count"
	mentor = login(server, duos[0].mentor_user)
	assert mentor.get(url, params={"doctype": "Meeting"}, timeout=10).json()["message"] == 1
	host = login(server, world.host_user)
	assert host.get(url, params={"doctype": "Mentee"}, timeout=10).status_code == 403
	assert host.get(url, params={"doctype": "ToDo"}, timeout=10).ok  # the host's own DocTypes keep working


PROTECTED = "Mentee Protected Data"
# Special-category data: its own DocType, that no portal role may read by any list path.
PROTECTED_DATA_QUERIES = [
	(f"/api/resource/{PROTECTED}", {"filters": '[["residence_status", "=", "Asylum seeker"]]'}),
	(f"/api/v1/resource/{PROTECTED}", {"filters": '[["residence_status", "=", "Asylum seeker"]]'}),
	(f"/api/v2/document/{PROTECTED}", {"filters": '[["residence_status", "=", "Asylum seeker"]]'}),
	(f"/api/v2/doctype/{PROTECTED}/count", {}),
	("/api/method/frappe.client.get_list", {"doctype": PROTECTED, "filters": '{"nationality": "Syria"}'}),
	(
		"/api/method/frappe.client.get_count",
		{"doctype": PROTECTED, "filters": '{"health_notes": ["like", "%a%"]}'},
	),
	(
		"/api/method/frappe.desk.reportview.get",
		{"doctype": PROTECTED, "fields": '["name"]', "filters": '[["right_to_work", "=", "No"]]'},
	),
	(
		"/api/method/frappe.desk.listview.get_group_by_count",
		{"doctype": PROTECTED, "current_filters": "[]", "field": "residence_status"},
	),
	# A filter on the protected DocType from the Mentee list joins it: its permission is checked.
	("/api/resource/Mentee", {"filters": f'[["{PROTECTED}", "residence_status", "=", "Refugee"]]'}),
]
# What stays above level 0 on the app's DocTypes (the coordinator's notes on a mentor, the mentors
# excluded for a mentee), in the spellings that passed the former string filter.
LEVEL_ONE_QUERIES = [
	("/api/resource/Mentor", {"filters": '[["notes", "like", "%a%"]]'}),
	("/api/v1/resource/Mentor", {"filters": '[["notes", "like", "%a%"]]'}),
	("/api/v2/document/Mentor", {"filters": '[["notes", "like", "%a%"]]'}),
	("/api/resource/Mentor", {"filters": '[["n\\u006ftes", "like", "%a%"]]'}),
	("/api/resource/Mentor", {"order_by": "NOTES asc"}),
	("/api/method/frappe.client.get_count", {"doctype": "Mentor", "filters": '{"notes": ["like", "%a%"]}'}),
	(
		"/api/method/frappe.desk.listview.get_group_by_count",
		{"doctype": "Mentor", "current_filters": '[["notes", "like", "%a%"]]', "field": "status"},
	),
	("/api/resource/Mentee", {"filters": '[["Mentee Mentor Exclusion", "mentor", "is", "set"]]'}),
]


@pytest.mark.parametrize("path, params", PROTECTED_DATA_QUERIES + LEVEL_ONE_QUERIES)
def test_protected_fields_cannot_be_used_as_an_oracle(server, duos, path, params):
	"""A mentor must not learn protected data by filtering, sorting, grouping or counting on it."""
	session = login(server, duos[0].mentor_user)
	response = session.get(f"{server}{path}", params=params, timeout=10)
	assert response.status_code == 403, response.text[:300]


def test_staff_may_filter_on_protected_fields(server, duos, world):
	session = login(server, world.coordinator)
	for path, params in (PROTECTED_DATA_QUERIES[0], LEVEL_ONE_QUERIES[0]):
		response = session.get(f"{server}{path}", params=params, timeout=10)
		assert response.ok, response.text[:300]


def test_group_by_a_protected_field_is_refused(duos):
	from frappe.desk.listview import get_group_by_count

	with acting_as(duos[0].mentor_user), pytest.raises(frappe.PermissionError):
		get_group_by_count(PROTECTED, "[]", "residence_status")


def test_print_view_of_another_duo_is_refused(duos):
	from frappe.www.printview import get_html_and_style

	mine, theirs = duos
	with acting_as(mine.mentor_user), pytest.raises(frappe.PermissionError):
		get_html_and_style("Duo", theirs.duo)


def test_form_load_with_timeline_of_another_duo_is_refused(duos):
	from frappe.desk.form.load import getdoc

	mine, theirs = duos
	with acting_as(mine.mentor_user), pytest.raises(frappe.PermissionError):
		getdoc("Duo", theirs.duo)


def test_comments_on_another_duo_are_not_listed(duos):
	mine, theirs = duos
	with acting_as(mine.mentor_user), pytest.raises(frappe.PermissionError):
		frappe.get_list("Comment", filters={"reference_name": theirs.duo}, pluck="name")


@pytest.mark.parametrize("doctype", ["Mentee", "Duo", "Meeting"])
def test_versions_are_not_readable_by_portal_users(duos, doctype):
	with acting_as(duos[0].mentor_user), pytest.raises(frappe.PermissionError):
		frappe.get_list("Version", filters={"ref_doctype": doctype}, pluck="name")


def test_export_of_a_report_is_refused_to_portal_users(duos):
	from frappe.desk.reportview import export_query

	with acting_as(duos[0].mentor_user):
		frappe.local.form_dict = frappe._dict(doctype="Mentee", file_format_type="CSV", fields=["name"])
		with pytest.raises(frappe.PermissionError):
			export_query()


def test_private_file_of_another_duo_is_not_served(server, duos):
	mine, theirs = duos
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "compte-rendu.txt",
			"content": b"secret",
			"attached_to_doctype": "Meeting",
			"attached_to_name": theirs.meeting,
		}
	).insert()
	frappe.db.commit()
	session = login(server, mine.mentor_user)
	assert session.get(f"{server}{file.file_url}", timeout=10).status_code in (403, 404)
	owner = login(server, theirs.mentor_user)
	assert owner.get(f"{server}{file.file_url}", timeout=10).status_code == 200


@pytest.mark.parametrize(
	"path",
	[
		"/api/resource/Mentee",
		"/api/resource/Duo",
		"/api/resource/Meeting",
		"/api/resource/Convention",
		"/api/resource/Action Plan",
		"/api/resource/Mentor",
		"/api/resource/Partner Organisation",
		"/api/method/frappe.client.get_list?doctype=Mentee",
		"/api/method/frappe.desk.search.search_link?doctype=Mentee&txt=",
		"/api/method/n2w_mentoring.data_protection.export.export_personal_data?doctype=Mentee&name=MTE-00001",
	],
)
def test_anonymous_access_is_refused(server, duos, path):
	response = requests.get(f"{server}{path}", timeout=10)
	assert response.status_code in (401, 403), response.text[:200]


def test_id_enumeration_gives_the_same_answer_for_existing_and_missing(server, duos):
	mine, theirs = duos
	session = login(server, mine.mentor_user)
	existing = session.get(f"{server}/api/resource/Mentee/{theirs.mentee}", timeout=10).status_code
	missing = session.get(f"{server}/api/resource/Mentee/MTE-99999", timeout=10).status_code
	assert existing in (403, 404) and missing in (403, 404)


# --- Writes -------------------------------------------------------------------------------------


def test_owner_cannot_be_forged(duos):
	mine, theirs = duos
	with acting_as(mine.mentor_user):
		meeting = frappe.client.insert(
			{
				"doctype": "Meeting",
				"duo": mine.duo,
				"meeting_date": today(),
				"duration_minutes": 30,
				"owner": theirs.mentor_user,
			}
		)
	assert meeting["owner"] == mine.mentor_user


def test_moving_a_meeting_to_another_duo_is_refused(duos):
	mine, theirs = duos
	with acting_as(mine.mentor_user):
		doc = frappe.client.get("Meeting", mine.meeting)
		doc["duo"] = theirs.duo
		with pytest.raises(frappe.PermissionError):
			frappe.client.save(doc)
	assert frappe.db.get_value("Meeting", mine.meeting, "duo") == mine.duo


def test_child_row_of_another_plan_cannot_be_overwritten(duos):
	mine, theirs = duos
	their_row = frappe.get_doc("Action Plan", theirs.plan).objectives[0]
	with acting_as(mine.mentor_user):
		doc = frappe.client.get("Action Plan", mine.plan)
		doc["objectives"].append({"name": their_row.name, "objective": "Piraté", "axis": "Technical"})
		with pytest.raises(ForeignChildRowError):
			frappe.client.save(doc)
	frappe.db.rollback()
	assert frappe.db.get_value("Action Plan Objective", their_row.name, ["objective", "parent"]) == (
		"CV",
		theirs.plan,
	)


@pytest.mark.parametrize(
	"field, value", [("status", "Completed"), ("end_reason", "Other"), ("meetings_held", 12)]
)
def test_portal_users_cannot_write_a_duo(duos, field, value):
	with acting_as(duos[0].mentor_user), pytest.raises(frappe.PermissionError):
		frappe.client.set_value("Duo", duos[0].duo, field, value)


def test_docstatus_cannot_be_forced_on_a_convention(duos):
	convention = frappe.db.get_value("Convention", {"duo": duos[0].duo})
	with acting_as(duos[0].mentor_user), pytest.raises(frappe.PermissionError):
		frappe.client.cancel("Convention", convention)


def test_coordinator_cannot_be_given_protected_fields_by_a_mentor(duos):
	with acting_as(duos[0].mentor_user), pytest.raises(frappe.PermissionError):
		frappe.client.set_value("Mentee Protected Data", duos[0].mentee, "residence_status", "Refugee")


def test_workflow_action_by_a_mentee_is_refused(duos):
	from frappe.model.workflow import apply_workflow

	with acting_as(duos[0].mentee_user), pytest.raises(frappe.ValidationError):
		apply_workflow(frappe.get_doc("Duo", duos[0].duo), "Suspend")


# --- Injection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"payload", ["' OR '1'='1", 'x") or 1=1 -- ', "%' union select name from tabUser -- "]
)
def test_sql_injection_in_filters_reads_nothing_more(duos, payload):
	with acting_as(duos[0].mentor_user):
		rows = frappe.get_list("Duo", filters={"mentee_name": ("like", payload)}, pluck="name")
	# The payload is a value to compare, not SQL: no mentee is named like it.
	assert rows == []


def test_html_typed_in_a_meeting_is_not_executed_in_print(duos):
	mine, _ = duos
	meeting = b.log_meeting(
		mine.duo, today(), 30, summary="<script>alert(1)</script><img src=x onerror=alert(2)>"
	)
	html = frappe.get_print("Meeting", meeting.name)
	assert "<script>alert(1)</script>" not in html and "onerror=alert" not in html


def test_template_syntax_typed_by_a_user_is_not_evaluated(duos):
	mine, _ = duos
	meeting = b.log_meeting(
		mine.duo,
		today(),
		30,
		summary="{{ frappe.db.get_value('User', 'Administrator', 'api_key') }} {{ 'n2w' ~ '-evaluated' }}",
	)
	html = frappe.get_print("Meeting", meeting.name)
	assert "n2w-evaluated" not in html


# --- Concurrency ----------------------------------------------------------------------------------


def test_twenty_meetings_at_once_on_a_duo_with_one_place_left(world, server):
	mentor = world.mentor(with_user=True)
	duo = b.start_duo(world.mentee(), mentor, add_days(today(), -175))
	start = getdate(duo.start_date)
	for i in range(11):
		b.log_meeting(duo.name, add_days(start, i * 14), 60)
	frappe.db.commit()
	user = world.user_of("Mentor", mentor)
	sessions = [login(server, user, PASSWORD) for _ in range(4)]

	meeting = {"duo": duo.name, "meeting_date": today(), "duration_minutes": 60}

	def post(i):  # runs in a thread: no frappe call in here
		return sessions[i % 4].post(f"{server}/api/resource/Meeting", json=meeting, timeout=60).status_code

	with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
		codes = list(pool.map(post, range(20)))
	frappe.db.rollback()
	assert codes.count(200) == 1
	assert frappe.db.count("Meeting", {"duo": duo.name, "status": "Held"}) == 12


def test_two_proposals_at_once_for_a_mentor_at_capacity(world, server):
	mentor = world.mentor(capacity=1)
	mentees = [world.mentee(), world.mentee()]
	frappe.db.commit()
	sessions = [login(server, world.coordinator), login(server, world.manager)]

	def propose(i):
		return (
			sessions[i]
			.post(f"{server}/api/resource/Duo", json={"mentee": mentees[i], "mentor": mentor}, timeout=60)
			.status_code
		)

	with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
		codes = list(pool.map(propose, range(2)))
	frappe.db.rollback()
	assert sorted(codes)[0] == 200 and codes.count(200) == 1
	assert frappe.db.count("Duo", {"mentor": mentor}) == 1


# --- The coordinator of another centre ------------------------------------------------------------
# Restricted to their centre by a User Permission, they try the read paths above on the default
# centre's duos: each answers nothing, or refuses.


@pytest.mark.parametrize("doctype", ["Duo", "Meeting", "Action Plan", "Convention", "Mentee", "Mentor"])
def test_another_centres_coordinator_lists_none_of_our_records(duos, world, doctype):
	from frappe.desk.reportview import get

	ours = set()
	for d in duos:
		ours |= {d.duo, d.mentee, d.mentor, d.meeting, d.plan}
		ours |= set(frappe.get_all("Convention", {"duo": d.duo}, pluck="name"))
	with acting_as(world.other_coordinator):
		frappe.local.form_dict = frappe._dict(doctype=doctype, fields=["name"])
		result = get()
		listed = {row[0] for row in result["values"]} if result else set()
		listed |= set(frappe.get_list(doctype, pluck="name", limit=0))
	assert not listed & ours


def test_another_centres_coordinator_counts_none_of_our_duos(server, duos, world):
	from frappe.desk.listview import get_group_by_count

	ours = {d.duo for d in duos}
	with acting_as(world.other_coordinator):
		counts = get_group_by_count("Duo", "[]", "status")
		assert frappe.client.get_value("Duo", "mentee_name", {"name": duos[0].duo}) == {}
	assert sum(c["count"] for c in counts) == 0
	session = login(server, world.other_coordinator)
	url = f"{server}/api/method/frappe.client.get_count"
	for doctype in ("Duo", "Meeting", "Mentee", PROTECTED):
		assert session.get(url, params={"doctype": doctype}, timeout=10).json()["message"] == 0
	for path in (f"/api/resource/Duo/{duos[0].duo}", f"/api/resource/Mentee/{duos[0].mentee}"):
		assert session.get(f"{server}{path}", timeout=10).status_code in (403, 404)
	assert ours


@pytest.mark.parametrize("read", ["print", "form", "docinfo", "protected", "export"])
def test_another_centres_coordinator_opens_none_of_our_records(duos, world, read):
	from frappe.desk.form.load import get_docinfo, getdoc
	from frappe.www.printview import get_html_and_style

	from n2w_mentoring.data_protection.export import export_personal_data

	theirs = duos[0]
	calls = {
		"print": lambda: get_html_and_style("Duo", theirs.duo),
		"form": lambda: getdoc("Mentee", theirs.mentee),
		"docinfo": lambda: get_docinfo(doctype="Duo", name=theirs.duo),
		"protected": lambda: frappe.get_doc(PROTECTED, theirs.mentee).check_permission("read"),
		"export": lambda: export_personal_data("Mentee", theirs.mentee),
	}
	if read == "protected":
		save = __import__(
			"n2w_mentoring.mentoring.doctype.mentee_protected_data.mentee_protected_data", fromlist=["x"]
		)
		save.save_protected_data(theirs.mentee, {"health_notes": "Suivi"})
	user = world.other_coordinator
	if read == "export":  # a manager's method: a manager of the other centre tries it
		user = b.make_user(f"other-manager-{uid()}@test.example", "Max", "Autre", ["Mentoring Manager"])
		b.restrict_to_centre(user, world.other_centre)
	with acting_as(user), pytest.raises(frappe.PermissionError):
		calls[read]()
