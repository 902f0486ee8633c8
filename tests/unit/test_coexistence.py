"""The app's names do not collide with Frappe's, ERPNext's or HRMS's (v15) on a shared site.

A DocType, Role, Module, Workspace, Report, Print Format, Number Card, Dashboard Chart or fixture
of the same name as one of theirs would overwrite it, or be overwritten, on install and migrate.
The other apps' names are committed under ``tests/unit/data/`` (each file's header says where they
come from; the ERPNext list is partial).
"""

import json
from pathlib import Path

import pytest
from conftest import APP, assigned_literal

DATA = Path(__file__).parent / "data"
MODULE_FOLDERS = {
	"doctype": "DocType",
	"report": "Report",
	"print_format": "Print Format",
	"workspace": "Workspace",
	"number_card": "Number Card",
	"dashboard_chart": "Dashboard Chart",
}
OTHERS = ("frappe", "erpnext", "hrms")


def read_names(path: Path) -> dict[str, set[str]]:
	names: dict[str, set[str]] = {}
	for line in path.read_text().splitlines():
		if not line.strip() or line.startswith("#"):
			continue
		kind, name = line.split("\t", 1)
		names.setdefault(kind, set()).add(name.strip())
	return names


def app_names() -> dict[str, set[str]]:
	names: dict[str, set[str]] = {}
	for module in (APP / "modules.txt").read_text().splitlines():
		if not module.strip():
			continue
		names.setdefault("Module", set()).add(module.strip())
		folder = APP / module.strip().lower().replace(" ", "_")
		for sub, kind in MODULE_FOLDERS.items():
			for path in folder.glob(f"{sub}/*/*.json"):
				if path.stem == path.parent.name:
					names.setdefault(kind, set()).add(json.loads(path.read_text())["name"])
	names["Role"] = set(assigned_literal(APP / "setup" / "install.py", "ROLES"))
	for path in (APP / "fixtures").glob("*.json"):
		for record in json.loads(path.read_text()):
			names.setdefault(record["doctype"], set()).add(record["name"])
	return names


def test_the_name_lists_are_there():
	for other in OTHERS:
		names = read_names(DATA / f"{other}_names.txt")
		assert names.get("DocType") and names.get("Role") and names.get("Module"), other
	assert {"User", "Role", "Workspace"} <= read_names(DATA / "frappe_names.txt")["DocType"]
	assert "Appraisal" in read_names(DATA / "hrms_names.txt")["DocType"]


def test_the_app_names_are_read():
	names = app_names()
	assert {"Duo", "Mentee", "Mentor", "Meeting", "Convention", "Action Plan"} <= names["DocType"]
	assert names["Module"] == {"Mentoring"}
	assert "Mentoring Coordinator" in names["Role"]
	assert names["Workflow"] == {"Duo Lifecycle"}
	for kind in ("Report", "Print Format", "Workspace", "Number Card", "Dashboard Chart"):
		assert names[kind], kind


@pytest.mark.parametrize("other", OTHERS)
def test_no_name_collides(other):
	theirs = read_names(DATA / f"{other}_names.txt")
	collisions = {
		kind: sorted(ours & theirs.get(kind, set()))
		for kind, ours in app_names().items()
		if ours & theirs.get(kind, set())
	}
	assert not collisions, f"names also used by {other}: {collisions}"
