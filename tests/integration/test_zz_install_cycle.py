"""Install, migrate twice and uninstall on a site that has its own records: the host is untouched.

Runs last (the file name sorts last): it uninstalls the app from the test site.
"""

import subprocess
import sys

import frappe
import pytest
from conftest import SITE, sites_path

HOST_WORKFLOW = "Host Note Approval"


def bench(*args: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE, *args],
		cwd=sites_path(),
		capture_output=True,
		text=True,
		timeout=600,
	)


def fresh():
	frappe.db.rollback()
	frappe.clear_cache()


@pytest.fixture(scope="module")
def host_records():
	"""What a host site already has: its own workflow, a shared workflow state styled its way, a role."""
	if not frappe.db.exists("Role", "Host Auditor"):
		frappe.get_doc({"doctype": "Role", "role_name": "Host Auditor"}).insert()
	frappe.db.set_value("Workflow State", "Active", "style", "Inverse")
	for state in ("Draft Note", "Approved Note"):
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
	if not frappe.db.exists("Workflow Action Master", "Approve Note"):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "Approve Note"}).insert()
	if not frappe.db.exists("Workflow", HOST_WORKFLOW):
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": HOST_WORKFLOW,
				"document_type": "Note",
				"is_active": 1,
				"states": [
					{"state": "Draft Note", "doc_status": "0", "allow_edit": "System Manager"},
					{"state": "Approved Note", "doc_status": "0", "allow_edit": "System Manager"},
				],
				"transitions": [
					{
						"state": "Draft Note",
						"action": "Approve Note",
						"next_state": "Approved Note",
						"allowed": "System Manager",
					},
				],
			}
		).insert()
	frappe.db.commit()
	return {
		"workflow_modified": str(frappe.db.get_value("Workflow", HOST_WORKFLOW, "modified")),
	}


def assert_host_untouched(host_records):
	fresh()
	assert frappe.db.exists("Role", "Host Auditor")
	assert frappe.db.get_value("Workflow State", "Active", "style") == "Inverse"
	assert (
		str(frappe.db.get_value("Workflow", HOST_WORKFLOW, "modified")) == host_records["workflow_modified"]
	)
	assert frappe.db.count("Workflow Transition", {"parent": HOST_WORKFLOW}) == 1


def test_migrate_twice_is_clean_and_changes_nothing(host_records):
	before = {
		dt: frappe.db.count(dt)
		for dt in ("Intercultural Theme", "Professional Sector", "Workflow Transition")
	}
	for _ in range(2):
		result = bench("migrate")
		assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
	fresh()
	assert {dt: frappe.db.count(dt) for dt in before} == before
	assert_host_untouched(host_records)


def test_reinstall_keeps_the_hosts_records(host_records):
	result = bench("uninstall-app", "n2w_mentoring", "--yes", "--no-backup", "--force")
	assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
	assert_host_untouched(host_records)
	result = bench("install-app", "n2w_mentoring")
	assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
	assert_host_untouched(host_records)
	fresh()
	assert frappe.db.exists("Workflow", "Duo Lifecycle")


def test_uninstall_leaves_a_working_site(host_records, server):
	import requests

	result = bench("uninstall-app", "n2w_mentoring", "--yes", "--no-backup", "--force")
	assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
	assert_host_untouched(host_records)
	assert "n2w_mentoring" not in frappe.get_installed_apps()
	for doctype in ("Duo", "Mentee", "Meeting"):
		assert not frappe.db.exists("DocType", doctype)
	assert not frappe.db.exists("Workflow", "Duo Lifecycle")
	assert not frappe.db.exists("Role", "Mentor")
	assert bench("execute", "frappe.ping").returncode == 0
	session = requests.Session()
	assert session.post(f"{server}/api/method/login", data={"usr": "Administrator", "pwd": "admin"}).ok
	assert session.get(f"{server}/api/resource/User", timeout=10).ok
