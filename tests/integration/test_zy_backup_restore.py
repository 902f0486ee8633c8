"""A backup with files restores into a new site with the programme's records and private files.

Runs just before test_zz_install_cycle.py (which uninstalls the app): it drives the real bench
commands an administrator would use (docs/admin-guide.md).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import frappe
import pytest
from conftest import SITE, sites_path
from support import uid

RESTORED = "n2w-restore.localhost"
ROOT_PASSWORD = os.environ.get("N2W_DB_ROOT_PASSWORD", "admin")


def bench(*args: str, site: str | None = SITE) -> subprocess.CompletedProcess:
	return subprocess.run(
		[
			sys.executable,
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			*(("--site", site) if site else ()),
			*args,
		],
		cwd=sites_path(),
		capture_output=True,
		text=True,
		timeout=300,
	)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
	assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
	return result


def drop_restored_site():
	if not (Path(sites_path()) / RESTORED).exists():
		return
	bench("drop-site", RESTORED, "--db-root-password", ROOT_PASSWORD, "--force", "--no-backup", site=None)
	archived = Path(sites_path()).parent / "archived" / "sites"
	for path in archived.glob(f"{RESTORED}*"):
		shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def backup_dir():
	drop_restored_site()
	path = tempfile.mkdtemp(prefix="n2w-backup-")
	yield Path(path)
	drop_restored_site()
	shutil.rmtree(path, ignore_errors=True)


def test_a_backup_with_files_restores_into_a_new_site(world, backup_dir):
	token = uid()
	mentee = world.mentee()
	content = f"Diplôme {token} — copie certifiée".encode()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"diploma-{token}.txt",
			"attached_to_doctype": "Mentee",
			"attached_to_name": mentee,
			"is_private": 1,
			"content": content,
		}
	).insert()
	frappe.db.commit()
	assert file.is_private and file.file_url.startswith("/private/files/")

	ok(bench("backup", "--with-files", "--backup-path", str(backup_dir)))
	database = next(backup_dir.glob("*-database.sql.gz"))
	private_files = next(backup_dir.glob("*-private-files.tar"))

	common = ("--db-root-password", ROOT_PASSWORD)
	ok(
		bench(
			"new-site",
			RESTORED,
			*common,
			"--admin-password",
			"admin",
			"--no-mariadb-socket",
			"--source_sql",
			str(database),
			site=None,
		)
	)
	ok(bench("restore", str(database), "--with-private-files", str(private_files), *common, site=RESTORED))

	def restored(*args):
		out = ok(bench("execute", "frappe.db.get_value", "--args", json.dumps(args), site=RESTORED)).stdout
		return json.loads(out.strip().splitlines()[-1])

	assert restored("Mentee", mentee, "full_name") == frappe.db.get_value("Mentee", mentee, "full_name")
	file_url = restored("File", {"attached_to_name": mentee, "attached_to_doctype": "Mentee"}, "file_url")
	assert file_url == file.file_url
	on_disk = Path(sites_path()) / RESTORED / "private" / "files" / file_url.rsplit("/", 1)[-1]
	assert on_disk.read_bytes() == content
	apps = ok(bench("execute", "frappe.get_installed_apps", site=RESTORED)).stdout.strip().splitlines()[-1]
	assert "n2w_mentoring" in json.loads(apps)
