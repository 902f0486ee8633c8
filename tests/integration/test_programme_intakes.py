"""A programme's own figures on its public forms, its intake periods (of its mentees and duos, in
the KPIs and the funder export, filled in by a patch), and a closed programme that takes nothing new
while its running duos go on."""

from __future__ import annotations

import html
import re

import frappe
import pytest
import requests
from frappe.utils import add_days, today
from support import acting_as, uid

from n2w_mentoring import kpis
from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import IntakeError, ProgrammeClosedError, SettingsError
from n2w_mentoring.programme import kpi

API = "/api/method/n2w_mentoring.portal.public"
SPRING, AUTUMN, NOW = "Printemps 2025", "Automne 2025", "Session en cours"


@pytest.fixture(scope="module")
def net(world):
	"""A programme of 4 months and 8 meetings with three intakes, and a closed programme whose duo,
	started while it was open, still runs."""
	tag = uid()
	centre = b.make_centre(f"Centre de Huy {tag}", email=f"huy-{tag}@centre.example", phone="+32 85 00 00 00")
	short = b.make_programme(
		f"Mentorat court {tag}",
		centre,
		programme_months=4,
		max_meetings=8,
		meetings_per_month=2,
		max_meeting_minutes=60,
		intakes=[
			{"intake_name": SPRING, "start_date": "2025-03-01", "end_date": "2025-05-31"},
			{"intake_name": AUTUMN, "start_date": "2025-09-01", "end_date": "2025-11-30"},
			{"intake_name": NOW, "start_date": add_days(today(), -10), "end_date": add_days(today(), 10)},
		],
	)
	in_spring = b.make_mentee("Printemps", tag, programme=short, intake_date="2025-04-02")
	in_gap = b.make_mentee("Entre-deux", tag, programme=short, intake_date="2025-07-15")
	spring_duo = b.start_duo(in_spring, world.mentor(centre=centre), add_days(today(), -20))
	closed = b.make_programme(f"Mentorat clôturé {tag}", centre)
	running = b.start_duo(
		b.make_mentee("Clôture", tag, programme=closed), world.mentor(centre=centre), add_days(today(), -20)
	)
	waiting = b.make_mentee("Attente", tag, programme=closed)
	programme = frappe.get_doc("Mentoring Programme", closed)
	programme.status = "Closed"
	programme.save()
	frappe.db.commit()
	return frappe._dict(
		centre=centre,
		short=short,
		closed=closed,
		in_spring=in_spring,
		in_gap=in_gap,
		spring_duo=spring_duo.name,
		running=running.name,
		waiting=waiting,
	)


def lead(page: str) -> str:
	return html.unescape(re.search(r'<p class="n2w-lead">([^<]*)</p>', page).group(1))


# --- The forms say the programme's own figures -------------------------------------------------------


def test_each_programmes_forms_say_its_own_figures(server, net):
	guest = requests.Session()
	apply = guest.get(f"{server}/mentoring/apply?programme={net.short}", timeout=15)
	volunteer = guest.get(f"{server}/mentoring/volunteer?programme={net.short}", timeout=15)
	assert apply.status_code == volunteer.status_code == 200
	assert "for 4 months, in up to 8 meetings." in lead(apply.text)
	assert (
		"for 4 months: you meet 2 times a month at your workplace, 8 meetings at most, each of up to 60 minutes."
		in lead(volunteer.text)
	)
	default = guest.get(f"{server}/mentoring/apply", timeout=15)
	assert "for 6 months, in up to 12 meetings." in lead(default.text)
	french = guest.get(f"{server}/mentoring/volunteer?programme={net.short}&_lang=fr", timeout=15)
	assert "pendant 4 mois" in lead(french.text) and "8 rencontres au plus" in lead(french.text)


# --- A closed programme takes nothing new ---------------------------------------------------------


@pytest.mark.parametrize(
	"path", ["/mentoring/apply", "/mentoring/apply?for=referral", "/mentoring/volunteer"]
)
def test_a_closed_programmes_forms_say_so_and_point_to_the_centre(server, net, path):
	joiner = "&" if "?" in path else "?"
	response = requests.get(f"{server}{path}{joiner}programme={net.closed}", timeout=15)
	assert response.status_code == 410
	assert "does not take applications now" in response.text
	assert "mailto:huy-" in response.text and 'href="tel:+3285000000"' in response.text
	assert "<form" not in response.text


def test_a_post_to_a_closed_programmes_form_creates_nothing(server, net):
	for method in ("apply_as_mentor", "apply_as_mentee"):
		frappe.cache.delete_value(f"rl:n2w_mentoring.portal.public.{method}:127.0.0.1")
	before = (frappe.db.count("Mentee"), frappe.db.count("Mentor"))
	email = f"closed-{uid()}@people.example"
	person = {
		"first_name": "Fermé",
		"last_name": uid(),
		"email": email,
		"consent": 1,
		"programme": net.closed,
	}
	guest = requests.Session()
	for method in ("apply_as_mentee", "apply_as_mentor"):  # with JavaScript: the form's method
		answer = guest.post(f"{server}{API}.{method}", json={"data": person}, timeout=15)
		assert (
			answer.status_code == 410
			and "does not take applications now" in answer.json()["message"]["message"]
		)
	for page, method in (("apply", "apply_as_mentee"), ("volunteer", "apply_as_mentor")):  # without
		fields = {
			**person,
			"n2w_method": f"n2w_mentoring.portal.public.{method}",
			"n2w_args": "{}",
			"n2w_wrap": "data",
		}
		answer = guest.post(f"{server}/mentoring/{page}", data=fields, timeout=15, allow_redirects=False)
		assert answer.status_code == 410 and "<form" not in answer.text
	frappe.db.rollback()
	assert (frappe.db.count("Mentee"), frappe.db.count("Mentor")) == before


def test_staff_put_no_new_mentee_or_duo_into_a_closed_programme(net, world):
	with acting_as(world.coordinator):
		with pytest.raises(ProgrammeClosedError):
			b.make_mentee("Nouvelle", uid(), programme=net.closed)
		moved = frappe.get_doc("Mentee", net.in_gap)
		moved.programme = net.closed
		with pytest.raises(ProgrammeClosedError):
			moved.save()
		with pytest.raises(ProgrammeClosedError):
			b.propose_duo(net.waiting, world.mentor(centre=net.centre))
	assert frappe.db.count("Duo", {"mentee": net.waiting}) == 0


def test_a_closed_programmes_running_duos_go_on(net):
	b.log_meeting(net.running, today(), 60)
	duo = frappe.get_doc("Duo", net.running)
	assert duo.status == "Active" and duo.meetings_held == 1
	duo.save()  # its running duo is saved as any other


# --- Intakes ---------------------------------------------------------------------------------------


def test_a_mentee_joins_the_intake_open_on_their_application_date(net):
	assert frappe.db.get_value("Mentee", net.in_spring, "intake") == SPRING
	assert not frappe.db.get_value("Mentee", net.in_gap, "intake")  # between two intakes
	applied_today = b.make_mentee("Aujourd'hui", uid(), programme=net.short, intake_date=None)
	assert frappe.db.get_value("Mentee", applied_today, "intake") == NOW
	assert frappe.db.get_value("Duo", net.spring_duo, "intake") == SPRING


def test_the_coordinator_sets_an_intake_of_the_mentees_own_programme(net, world):
	with acting_as(world.coordinator):
		mentee = frappe.get_doc("Mentee", net.in_gap)
		mentee.intake = "automne 2025"  # the programme's own spelling is kept
		mentee.save()
		assert mentee.intake == AUTUMN
		mentee.intake = "Printemps 2031"
		with pytest.raises(IntakeError, match="Printemps 2031"):
			mentee.save()
		spring = frappe.get_doc("Mentee", net.in_spring)
		spring.intake = AUTUMN
		spring.save()
	assert frappe.db.get_value("Duo", net.spring_duo, "intake") == AUTUMN  # the duo follows its mentee


def test_a_programme_refuses_overlapping_or_twice_named_intakes_and_keeps_those_in_use(net):
	programme = frappe.get_doc("Mentoring Programme", net.short)
	programme.append(
		"intakes", {"intake_name": "Été 2025", "start_date": "2025-05-31", "end_date": "2025-08-31"}
	)
	with pytest.raises(SettingsError, match="overlap"):
		programme.save()
	programme = frappe.get_doc("Mentoring Programme", net.short)
	programme.append(
		"intakes", {"intake_name": SPRING.upper(), "start_date": "2026-01-01", "end_date": "2026-01-31"}
	)
	with pytest.raises(SettingsError, match="twice"):
		programme.save()
	programme = frappe.get_doc("Mentoring Programme", net.short)
	programme.intakes = [row for row in programme.intakes if row.intake_name != SPRING]
	with pytest.raises(SettingsError, match=SPRING):
		programme.save()


def test_kpis_and_the_funder_export_filter_on_an_intake_alike(net):
	filters = {"programme": net.short, "from_date": add_days(today(), -60), "to_date": today()}

	def started(rows):
		return next(r["duos"] for r in rows if r["outcome"] == kpi.STARTED)

	assert started(kpis.outcomes(filters)) == 1
	assert started(kpis.outcomes({**filters, "intake": SPRING})) == 1
	assert started(kpis.outcomes({**filters, "intake": AUTUMN})) == 0
	table = kpis.funder_table({**filters, "intake": AUTUMN})
	assert ["Intake period", AUTUMN] in table
	assert next(r for r in table if r and r[0] == kpi.STARTED)[2] == 0
	assert (
		next(r for r in kpis.funder_table({**filters, "intake": SPRING}) if r and r[0] == kpi.STARTED)[2] == 1
	)
	with pytest.raises(frappe.ValidationError, match="programme of the intake"):
		kpis.programme_kpis({**filters, "programme": None, "intake": SPRING})


def test_the_patch_fills_the_intakes_of_existing_mentees_and_their_duos(net):
	from n2w_mentoring.patches.link_mentees_to_intakes import execute

	# As before the change: no mentee, no duo has an intake.
	for doctype in ("Mentee", "Duo"):
		frappe.db.sql(f"update `tab{doctype}` set intake = null where programme = %s", net.short)
	execute()
	filled = frappe.get_all("Mentee", filters={"programme": net.short}, fields=["name", "intake", "modified"])
	execute()  # twice: nothing more
	assert (
		frappe.get_all("Mentee", filters={"programme": net.short}, fields=["name", "intake", "modified"])
		== filled
	)
	assert frappe.db.get_value("Mentee", net.in_spring, "intake") == SPRING
	assert frappe.db.get_value("Duo", net.spring_duo, "intake") == SPRING
	assert not frappe.db.get_value("Mentee", net.in_gap, "intake")
	assert frappe.db.count("Mentee", {"programme": net.short, "intake": ("is", "set")}) == 1


def test_the_intake_choices_are_for_staff_within_their_centres(net, world):
	from n2w_mentoring.network import programme_intakes

	with acting_as(world.coordinator):
		assert programme_intakes(net.short) == [SPRING, AUTUMN, NOW]
		assert programme_intakes(net.short, "automne") == [AUTUMN]
	mentor = world.user_of("Mentor", world.mentor(with_user=True))
	for user in (world.other_coordinator, mentor):
		with acting_as(user), pytest.raises(frappe.PermissionError):
			programme_intakes(net.short)
