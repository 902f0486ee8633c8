"""The integration tier: a real site on a real bench, driven as the programme's roles would.

Run from the bench's ``sites`` folder with the bench's Python, the site named in ``N2W_SITE``:

    cd $BENCH/sites && N2W_SITE=test.localhost ../env/bin/python -m pytest /path/to/app/tests/integration

``.ci/run`` prepares such a site. Without one, this tier is not collected.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

SITE = os.environ.get("N2W_SITE")
try:
	import frappe
except ImportError:
	frappe = None

if not SITE or frappe is None:
	collect_ignore_glob = ["test_*.py"]
	print("\n*** Integration tier NOT collected: set N2W_SITE and run with a bench's Python. ***\n")

HERE = Path(__file__).parent

import clock  # noqa: E402

# N2W_TODAY freezes the clock for the whole run, collection included (tests/integration/clock.py).
FROZEN = clock.start() if SITE and frappe is not None else None


def pytest_terminal_summary(terminalreporter):
	from support import FIGURES

	if FIGURES:
		terminalreporter.section("n2w_mentoring figures")
		for line in FIGURES:
			terminalreporter.write_line(line)


def pytest_report_header(config):
	if FROZEN:
		return f"n2w_mentoring: clock frozen at {FROZEN.isoformat()} ({clock.TIME_ZONE})"
	return None


def sites_path() -> str:
	if os.environ.get("N2W_BENCH"):
		return str(Path(os.environ["N2W_BENCH"]) / "sites")
	return str(Path(frappe.__file__).resolve().parents[3] / "sites")


@pytest.fixture(scope="session", autouse=True)
def site():
	frappe.init(site=SITE, sites_path=sites_path())
	frappe.connect()
	frappe.set_user("Administrator")
	frappe.flags.mute_emails = True
	# The suite makes many portal users in a minute; Frappe throttles that outside imports.
	frappe.local.conf.throttle_user_limit = 100_000
	use_programme_time_zone()
	keep_caches_warm_across_user_saves()
	keep_a_system_manager()
	yield SITE
	frappe.db.rollback()
	frappe.destroy()


def use_programme_time_zone():
	"""The site's days are Belgian ones: a frozen date is a date of Europe/Brussels."""
	current = frappe.db.get_single_value("System Settings", "time_zone")
	if current != clock.TIME_ZONE and (FROZEN or not current):
		frappe.db.set_single_value("System Settings", "time_zone", clock.TIME_ZONE)
		frappe.db.commit()
		frappe.clear_cache()


def keep_caches_warm_across_user_saves():
	"""Frappe empties every cache of the site on each User save, whatever changed: User.validate
	calls ask_pass_update, which writes the "email_user_password" default again, and writing a
	default clears the whole cache. The tests save hundreds of users, and reloading every DocType's
	meta after each save was half of the tier's time. Here the default is written, with what clearing
	it brings, only when its value changes, as a site's caches stay warm between rare user saves. The
	tests then also catch a cache the app forgets to clear, which a cleared cache would hide."""
	from frappe.core.doctype.user import user as user_module

	if getattr(user_module.ask_pass_update, "warm", False):
		return
	original = user_module.ask_pass_update

	def ask_pass_update():
		awaiting = frappe.get_all(
			"User Email", filters={"awaiting_password": 1, "used_oauth": 0}, pluck="parent", distinct=True
		)
		if (frappe.db.get_default("email_user_password") or "") != ",".join(awaiting):
			original()

	ask_pass_update.warm = True
	user_module.ask_pass_update = ask_pass_update


SYSTEM_MANAGER = "system-manager@test.example"


def keep_a_system_manager():
	"""A person holds System Manager, as on any site past its setup wizard. Without one, Frappe makes
	the next desk user a test creates System Manager (User.add_system_manager_role), and a
	coordinator of the tests would import anything (demo.builders.make_user refuses that)."""
	if not frappe.db.exists("User", SYSTEM_MANAGER):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": SYSTEM_MANAGER,
				"first_name": "Sysman",
				"send_welcome_email": 0,
				"roles": [{"role": "System Manager"}],
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
	else:
		user = frappe.get_doc("User", SYSTEM_MANAGER)
		if not user.enabled or "System Manager" not in {d.role for d in user.roles}:
			user.enabled = 1
			user.append("roles", {"role": "System Manager"})
			user.save(ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(autouse=True)
def isolate(site):
	"""Each test starts as Administrator, and what it did not commit is rolled back."""
	frappe.set_user("Administrator")
	frappe.local.message_log = []
	frappe.local.lang = "en"
	yield
	frappe.db.rollback()
	frappe.clear_document_cache("Mentoring Settings", "Mentoring Settings")
	if "n2w_mentoring" in frappe.get_installed_apps():  # test_zz_install_cycle uninstalls it
		for doctype in ("Mentoring Programme", "Mentoring Centre"):
			for name in frappe.get_all(doctype, pluck="name"):
				frappe.clear_document_cache(doctype, name)
		frappe.db.rollback()  # the read above holds no lock on the tables into the next test
	frappe.set_user("Administrator")


@pytest.fixture(scope="session")
def world(site):
	from support import World

	return World()


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def start_serving(command: list[str], port: int, what: str, headers: dict | None = None):
	"""Start ``command`` (a server of the site on ``port``) and wait until it answers a ping; the
	process and its base URL."""
	import requests

	process = subprocess.Popen(
		command, cwd=sites_path(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
	)
	base = f"http://127.0.0.1:{port}"
	for _ in range(150):
		try:
			if requests.get(f"{base}/api/method/ping", headers=headers, timeout=2).ok:
				return process, base
		except requests.ConnectionError:
			time.sleep(0.2)
	process.terminate()
	raise RuntimeError(f"{what} did not start")


def serve(site: str):
	"""The site served by serve.py on a free loopback port: the process and its base URL."""
	port = free_port()
	return start_serving(
		[sys.executable, str(HERE / "serve.py"), site, sites_path(), str(port)], port, "the test server"
	)


def start_worker():
	"""`bench worker` for the long queue, as a production bench runs it (one process, forking a work
	horse per job); it serves whichever site a job names."""
	process = subprocess.Popen(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "worker", "--queue", "long"],
		cwd=sites_path(),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	time.sleep(3)
	assert process.poll() is None, "the worker did not start"
	return process


@pytest.fixture(scope="session")
def server(site):
	"""The site served over HTTP on a free loopback port, for tests that log in for real."""
	process, base = serve(SITE)
	yield base
	process.terminate()
	process.wait(timeout=10)
