"""The demo programme: loading it twice duplicates nothing, removing it takes exactly what it made."""

import subprocess
import sys

import frappe
from conftest import SITE, sites_path

from n2w_mentoring.demo import demo

APP_DOCTYPES = (
	"Mentee",
	"Mentor",
	"Duo",
	"Meeting",
	"Convention",
	"Action Plan",
	"Duo Check-in",
	"Duo Survey",
	"Post-Duo Follow-up",
	"Partner Organisation",
	"Mentor Training Session",
	"Mentor Training Attendance",
	"Network Event",
	"Network Event Participant",
	"Mentoring Resource",
	"Mentoring Reminder Log",
	"Mentoring Calendar Token",
	"Mentoring Centre",
	"Mentoring Programme",
	"Mentor Programme",
	"User Permission",
)
# Liège's programme adds a mentor, two mentees and a duo to Namur's.
LIEGE_MENTEES, LIEGE_MENTORS, DUOS = 2, 1, 6
DOMAIN = {"like": f"%@{demo.DOMAIN}"}


def bench(*args: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE, *args],
		cwd=sites_path(),
		capture_output=True,
		text=True,
		timeout=300,
	)


def totals() -> dict:
	return {dt: frappe.db.count(dt) for dt in (*APP_DOCTYPES, "User", "Contact", "Has Role")}


def demo_counts() -> dict:
	"""The demo's records only: other tests' data on the site is not counted."""
	mentees = frappe.get_all("Mentee", filters={"email": ("like", DOMAIN["like"])}, pluck="name")
	mentors = frappe.get_all("Mentor", filters={"email": ("like", DOMAIN["like"])}, pluck="name")
	duos = frappe.get_all(
		"Duo",
		or_filters={"mentee": ("in", mentees or [""]), "mentor": ("in", mentors or [""])},
		pluck="name",
	)
	in_duos = {"duo": ("in", duos or [""])}
	return {
		"Mentee": len(mentees),
		"Mentor": len(mentors),
		"Duo": len(duos),
		"User": frappe.db.count("User", {"name": ("like", DOMAIN["like"])}),
		"Contact": frappe.db.count("Contact Email", {"email_id": ("like", DOMAIN["like"])}),
		"Partner Organisation": frappe.db.count(
			"Partner Organisation", {"name": ("in", [o[0] for o in demo.ORGANISATIONS])}
		),
		**{
			dt: frappe.db.count(dt, in_duos)
			for dt in ("Meeting", "Convention", "Action Plan", "Duo Check-in", "Post-Duo Follow-up")
		},
		"Mentor Training Attendance": frappe.db.count(
			"Mentor Training Attendance", {"mentor": ("in", mentors or [""])}
		),
		"Network Event Participant": frappe.db.count(
			"Network Event Participant", {"party": ("in", [*mentees, *mentors] or [""])}
		),
		"Mentoring Resource": frappe.db.count("Mentoring Resource", {"title": demo.DEMO_RESOURCE}),
	}


def fresh():
	frappe.db.rollback()
	frappe.clear_cache()


def test_load_twice_then_remove(world):
	demo.remove()
	frappe.db.commit()
	outsider = world.mentee()
	outsider_org = world.organisation
	frappe.db.commit()
	before = totals()
	assert not any(demo_counts().values())

	demo.load()
	frappe.db.commit()
	once = demo_counts()
	assert once["Mentee"] == len(demo.MENTEES) + LIEGE_MENTEES
	assert once["Mentor"] == len(demo.MENTORS) + LIEGE_MENTORS
	assert once["Duo"] == DUOS and once["Meeting"] >= 18 and once["Convention"] >= 4
	assert_the_demo_network()
	loaded = totals()

	demo.load()
	frappe.db.commit()
	assert demo_counts() == once
	assert totals() == loaded

	mentees = frappe.get_all("Mentee", filters={"email": ("like", DOMAIN["like"])}, pluck="name")
	duos = frappe.get_all("Duo", filters={"mentee": ("in", mentees)}, pluck="name")
	removed = demo.remove()
	frappe.db.commit()
	assert removed["Mentee"] == len(demo.MENTEES) + LIEGE_MENTEES
	# Their history goes too: a duo given one of their names later starts with none.
	assert not frappe.db.exists("Version", {"ref_doctype": "Duo", "docname": ("in", duos)})
	assert not frappe.db.exists("Mentoring Centre", demo.NAMUR)
	assert not any(demo_counts().values())
	assert totals() == before
	assert frappe.db.exists("Mentee", outsider)
	assert frappe.db.exists("Partner Organisation", outsider_org)

	assert demo.remove() == {}
	frappe.db.commit()
	assert totals() == before


def assert_the_demo_network():
	"""Two centres, three programmes; each centre's coordinator sees their centre, the manager all."""
	assert {frappe.db.get_value("Mentoring Programme", p, "centre") for p in demo.PROGRAMMES} == {
		demo.NAMUR,
		demo.LIEGE,
	}
	demo_duos = set(frappe.get_all("Duo", {"programme": ("in", list(demo.PROGRAMMES))}, pluck="name"))
	seen = {}
	for first, last in (("Camille", "Martin"), ("Julie", "Lemoine"), ("Nadia", "Benali")):
		frappe.set_user(demo.email(first, last))
		seen[first] = set(frappe.get_list("Duo", pluck="name")) & demo_duos
		frappe.set_user("Administrator")
	assert seen["Nadia"] == demo_duos and len(seen["Julie"]) == 1
	assert seen["Camille"] | seen["Julie"] == demo_duos and not seen["Camille"] & seen["Julie"]


def test_the_cli_loads_and_removes_the_demo():
	result = bench("n2w-mentoring", "demo")
	assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
	assert "Portal logins" in result.stdout
	for login in ("camille.martin", "julie.lemoine", "nadia.benali", "claire.dubois", "amina.haddad"):
		assert f"{login}@{demo.DOMAIN}" in result.stdout
	assert demo.PASSWORD in result.stdout
	fresh()
	assert demo_counts()["Duo"] == DUOS

	for _ in range(2):
		result = bench("n2w-mentoring", "remove-demo")
		assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
		assert "Demo programme removed" in result.stdout
	fresh()
	assert not any(demo_counts().values())
