"""Lints of the app's DocType JSON and hooks, read as files: no Frappe needed."""

import ast
import json
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "n2w_mentoring"
DOCTYPE_DIR = APP / "mentoring" / "doctype"

LAYOUT = {"Section Break", "Column Break", "Tab Break"}
LINKS = {"Link", "Table", "Table MultiSelect"}
TABLES = {"Table", "Table MultiSelect"}
CORE_DOCTYPES = {
	"User",
	"Country",
	"Language",
	"Contact",
	"Address",
	"Role",
	"Currency",
	"File",
	"Letter Head",
}
STAFF = {"Mentoring Manager", "Mentoring Coordinator"}
APP_ROLES = {*STAFF, "Mentor", "Mentee", "Partner Organisation Contact"}
SENSITIVE_MENTEE_FIELDS = (
	"nationality",
	"country_of_origin",
	"residence_status",
	"right_to_work",
	"personal_story",
	"health_notes",
)
PROTECTED = "Mentee Protected Data"
TRACKED = ("Mentee", "Mentor", "Duo", "Meeting", "Convention", "Action Plan", PROTECTED)
SNAKE_CASE = re.compile(r"[a-z][a-z0-9_]*")


def scrub(name: str) -> str:
	return name.lower().replace(" ", "_").replace("-", "_")  # as frappe.scrub


def load_doctypes() -> dict[str, dict]:
	doctypes = {}
	for folder in sorted(p for p in DOCTYPE_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"):
		path = folder / f"{folder.name}.json"
		if path.exists():
			doc = json.loads(path.read_text())
			doctypes[doc["name"]] = doc
	return doctypes


DOCTYPES = load_doctypes()
NAMES = sorted(DOCTYPES)
PARENTS = [n for n in NAMES if not DOCTYPES[n].get("istable")]
CHILDREN = [n for n in NAMES if DOCTYPES[n].get("istable")]
NAMED = [n for n in PARENTS if not DOCTYPES[n].get("issingle")]
SUBMITTABLE = [n for n in NAMES if DOCTYPES[n].get("is_submittable")]


def fields(doctype: str) -> list[dict]:
	return DOCTYPES[doctype].get("fields", [])


def field_map(doctype: str) -> dict[str, dict]:
	return {f["fieldname"]: f for f in fields(doctype)}


def data_fields(doctype: str) -> list[dict]:
	return [f for f in fields(doctype) if f["fieldtype"] not in LAYOUT]


def fields_of_type(types: set[str]) -> list[tuple[str, dict]]:
	return [(n, f) for n in NAMES for f in fields(n) if f["fieldtype"] in types]


def field_id(param) -> str:
	if isinstance(param, dict):
		return param.get("fieldname", "?")
	return str(param)


def select_options(field: dict) -> list[str]:
	return (field.get("options") or "").split("\n")


def permissions(doctype: str) -> list[dict]:
	return DOCTYPES[doctype].get("permissions") or []


# --- Files ----------------------------------------------------------------------------------------


def test_the_app_has_doctypes():
	assert {"Mentee", "Mentor", "Duo", "Meeting", "Convention", "Action Plan"} <= set(NAMES)


@pytest.mark.parametrize(
	"folder", sorted(p.name for p in DOCTYPE_DIR.iterdir() if p.is_dir() and p.name != "__pycache__")
)
def test_doctype_folder_holds_its_json_named_after_the_doctype(folder):
	path = DOCTYPE_DIR / folder / f"{folder}.json"
	assert path.exists()
	doc = json.loads(path.read_text())
	assert doc["doctype"] == "DocType"
	assert scrub(doc["name"]) == folder


# --- (a) Module -----------------------------------------------------------------------------------


def test_mentoring_is_a_module_of_the_app():
	assert "Mentoring" in (APP / "modules.txt").read_text().splitlines()


@pytest.mark.parametrize("doctype", NAMES)
def test_doctype_is_in_the_mentoring_module(doctype):
	assert DOCTYPES[doctype]["module"] == "Mentoring"


# --- (b) Fields -----------------------------------------------------------------------------------


@pytest.mark.parametrize("doctype", NAMES)
def test_every_data_field_has_a_label(doctype):
	assert [f["fieldname"] for f in data_fields(doctype) if not (f.get("label") or "").strip()] == []


@pytest.mark.parametrize("doctype", NAMES)
def test_fieldnames_are_unique(doctype):
	names = [f["fieldname"] for f in fields(doctype)]
	assert len(names) == len(set(names))


@pytest.mark.parametrize("doctype", NAMES)
def test_fieldnames_are_snake_case(doctype):
	assert [f["fieldname"] for f in fields(doctype) if not SNAKE_CASE.fullmatch(f["fieldname"])] == []


@pytest.mark.parametrize("doctype", NAMES)
def test_field_order_lists_the_fields_in_order(doctype):
	assert DOCTYPES[doctype].get("field_order") == [f["fieldname"] for f in fields(doctype)]


# --- (c) Links and selects ------------------------------------------------------------------------


@pytest.mark.parametrize("doctype, field", fields_of_type(LINKS), ids=field_id)
def test_link_points_to_a_known_doctype(doctype, field):
	assert field.get("options") in set(NAMES) | CORE_DOCTYPES


@pytest.mark.parametrize("doctype, field", fields_of_type(TABLES), ids=field_id)
def test_table_points_to_an_app_child_doctype(doctype, field):
	assert field["options"] in CHILDREN


@pytest.mark.parametrize("doctype, field", fields_of_type({"Link"}), ids=field_id)
def test_link_does_not_point_to_a_child_doctype(doctype, field):
	assert field["options"] not in CHILDREN


@pytest.mark.parametrize("doctype, field", fields_of_type({"Select"}), ids=field_id)
def test_select_has_options(doctype, field):
	assert [o for o in select_options(field) if o.strip()]


@pytest.mark.parametrize(
	"doctype, field", [(n, f) for n, f in fields_of_type({"Select"}) if f.get("default")], ids=field_id
)
def test_select_default_is_one_of_its_options(doctype, field):
	assert field["default"] in select_options(field)


# --- (d) Naming -----------------------------------------------------------------------------------


@pytest.mark.parametrize("doctype", NAMED)
def test_doctype_has_an_autoname(doctype):
	autoname = DOCTYPES[doctype].get("autoname") or ""
	assert autoname.startswith("field:") or ".#" in autoname


@pytest.mark.parametrize(
	"doctype", [n for n in NAMED if (DOCTYPES[n].get("autoname") or "").startswith("field:")]
)
def test_autoname_by_field_uses_a_unique_mandatory_field(doctype):
	field = field_map(doctype).get(DOCTYPES[doctype]["autoname"].removeprefix("field:"))
	assert field is not None
	assert field.get("unique") == 1
	assert field.get("reqd") == 1


@pytest.mark.parametrize("doctype", NAMED)
def test_doctype_has_a_naming_rule(doctype):
	assert DOCTYPES[doctype].get("naming_rule")


@pytest.mark.parametrize("doctype", NAMED)
def test_naming_rule_matches_the_autoname(doctype):
	doc = DOCTYPES[doctype]
	expected = "By fieldname" if doc["autoname"].startswith("field:") else "Expression (old style)"
	assert doc["naming_rule"] == expected


@pytest.mark.parametrize("doctype", [n for n in NAMES if DOCTYPES[n].get("title_field")])
def test_title_field_exists(doctype):
	assert DOCTYPES[doctype]["title_field"] in field_map(doctype)


@pytest.mark.parametrize("doctype", [n for n in NAMES if DOCTYPES[n].get("search_fields")])
def test_search_fields_exist(doctype):
	names = [s.strip() for s in DOCTYPES[doctype]["search_fields"].split(",")]
	assert [s for s in names if s not in field_map(doctype)] == []


# --- (e) Permissions ------------------------------------------------------------------------------


def test_the_five_roles_are_the_roles_the_app_installs(app_roles):
	assert app_roles == APP_ROLES


@pytest.mark.parametrize("doctype", PARENTS)
def test_doctype_declares_permissions(doctype):
	assert permissions(doctype)


@pytest.mark.parametrize("doctype", PARENTS)
def test_mentoring_manager_reads_and_writes(doctype):
	rows = [p for p in permissions(doctype) if p["role"] == "Mentoring Manager" and not p.get("permlevel")]
	assert rows and rows[0].get("read") == 1 and rows[0].get("write") == 1


@pytest.mark.parametrize("doctype", PARENTS)
def test_permissions_use_only_the_app_roles(doctype):
	assert {p["role"] for p in permissions(doctype)} <= APP_ROLES


@pytest.mark.parametrize("doctype", PARENTS)
def test_no_permission_for_guest_or_all(doctype):
	assert not {p["role"] for p in permissions(doctype)} & {"Guest", "All"}


@pytest.mark.parametrize("doctype", CHILDREN)
def test_child_table_declares_no_permissions(doctype):
	assert permissions(doctype) == []


@pytest.mark.parametrize("doctype", PARENTS)
def test_each_role_has_one_row_per_permlevel(doctype):
	keys = [(p["role"], p.get("permlevel", 0)) for p in permissions(doctype)]
	assert len(keys) == len(set(keys))


@pytest.mark.parametrize("doctype", PARENTS)
def test_every_field_permlevel_is_readable_by_the_manager(doctype):
	levels = {f.get("permlevel", 0) for f in fields(doctype)}
	readable = {
		p.get("permlevel", 0)
		for p in permissions(doctype)
		if p["role"] == "Mentoring Manager" and p.get("read")
	}
	assert levels <= readable


# --- (f) Sensitive data ---------------------------------------------------------------------------


@pytest.mark.parametrize("fieldname", SENSITIVE_MENTEE_FIELDS)
def test_special_category_field_lives_in_its_own_doctype_not_on_the_mentee(fieldname):
	assert fieldname not in field_map("Mentee")
	assert fieldname in field_map(PROTECTED)


def test_only_programme_staff_hold_any_permission_on_protected_data():
	assert {p["role"] for p in permissions(PROTECTED)} == STAFF
	assert all(p.get("read") for p in permissions(PROTECTED))


def test_protected_data_is_one_record_per_mentee_named_after_it():
	assert DOCTYPES[PROTECTED]["autoname"] == "field:mentee"
	mentee = field_map(PROTECTED)["mentee"]
	assert (mentee["options"], mentee.get("unique"), mentee.get("reqd")) == ("Mentee", 1, 1)


@pytest.mark.parametrize("doctype", PARENTS)
def test_only_staff_have_permissions_above_level_zero(doctype):
	assert {p["role"] for p in permissions(doctype) if p.get("permlevel", 0) >= 1} <= STAFF


@pytest.mark.parametrize("doctype", TRACKED)
def test_doctype_tracks_changes(doctype):
	assert DOCTYPES[doctype].get("track_changes") == 1


# --- (g) Submittable doctypes ---------------------------------------------------------------------


def test_convention_is_submittable():
	assert "Convention" in SUBMITTABLE


@pytest.mark.parametrize("doctype", SUBMITTABLE)
def test_submittable_doctype_links_amended_from_to_itself(doctype):
	field = field_map(doctype).get("amended_from")
	assert field is not None
	assert field["fieldtype"] == "Link"
	assert field["options"] == doctype


# --- (h) Fetched values ---------------------------------------------------------------------------


FETCHES = [(n, f) for n in NAMES for f in fields(n) if f.get("fetch_from")]


@pytest.mark.parametrize("doctype, field", FETCHES, ids=field_id)
def test_fetch_from_goes_through_a_link_of_the_same_doctype(doctype, field):
	link = field_map(doctype).get(field["fetch_from"].split(".")[0])
	assert link is not None
	assert link["fieldtype"] == "Link"


@pytest.mark.parametrize("doctype, field", FETCHES, ids=field_id)
def test_fetch_from_names_a_field_of_the_linked_doctype(doctype, field):
	link_name, source = field["fetch_from"].split(".", 1)
	target = field_map(doctype)[link_name]["options"]
	if target in DOCTYPES:
		assert source in field_map(target)


# --- Hooks ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hooks() -> dict:
	source = (APP / "hooks.py").read_text()
	assert not [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import | ast.ImportFrom)]
	namespace: dict = {}
	exec(compile(source, "hooks.py", "exec"), {"__builtins__": {}}, namespace)
	return namespace


def functions_of(dotted_module: str) -> set[str]:
	path = APP.parent / (dotted_module.replace(".", "/") + ".py")
	assert path.exists(), path
	tree = ast.parse(path.read_text())
	return {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}


def assert_resolves(dotted_path: str):
	module, _, function = dotted_path.rpartition(".")
	assert module.startswith("n2w_mentoring."), dotted_path
	assert function in functions_of(module), dotted_path


def test_permission_hooks_cover_the_same_doctypes(hooks):
	assert set(hooks["permission_query_conditions"]) == set(hooks["has_permission"])


# Frappe's own DocTypes the app opens to its staff, with a pair of hooks that narrows what they see:
# Data Import and its log, for the programme's records only (n2w_mentoring/importing.py).
HOST_DOCTYPES = {"Data Import", "Data Import Log"}


@pytest.mark.parametrize("hook", ["permission_query_conditions", "has_permission"])
def test_permission_hooks_are_for_app_doctypes(hooks, hook):
	assert set(hooks[hook]) <= set(NAMES) | HOST_DOCTYPES


@pytest.mark.parametrize("hook", ["permission_query_conditions", "has_permission"])
def test_permission_hook_functions_exist(hooks, hook):
	for path in hooks[hook].values():
		assert path.startswith("n2w_mentoring.permissions.")
		assert_resolves(path)


@pytest.mark.parametrize(
	"hook",
	[
		"before_install",
		"after_install",
		"before_migrate",
		"after_migrate",
		"before_uninstall",
		"after_uninstall",
	],
)
def test_install_hook_function_exists(hooks, hook):
	assert_resolves(hooks[hook])


@pytest.mark.parametrize("hook", ["doctype_js", "doctype_list_js"])
def test_desk_scripts_exist_for_app_doctypes(hooks, hook):
	for doctype, paths in hooks[hook].items():
		assert doctype in NAMES or doctype in HOST_DOCTYPES
		for path in paths if isinstance(paths, list) else [paths]:
			assert (APP / path).exists(), path


def test_fixtures_export_the_workflow_by_name(hooks):
	workflow = [f for f in hooks["fixtures"] if isinstance(f, dict) and f.get("dt") == "Workflow"]
	assert len(workflow) == 1
	assert ["name", "in", ["Duo Lifecycle"]] in workflow[0]["filters"]


def test_every_fixture_is_filtered(hooks):
	assert all(isinstance(f, dict) and f.get("filters") for f in hooks["fixtures"])


def test_every_child_table_has_row_rules(hooks):
	"""A child table reached through ``parent=`` returns only the rows of parents the user may read."""
	assert set(CHILDREN) <= set(hooks["permission_query_conditions"])
