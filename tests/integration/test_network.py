"""The network on one site: centres run programmes, every rule reads the duo's programme, staff see
their centre through Frappe's User Permissions, and a single-programme site upgrades without losing
or changing anything."""

from __future__ import annotations

import frappe
import pytest
from frappe.utils import add_days, today
from support import acting_as, uid

from n2w_mentoring import kpis, network
from n2w_mentoring.api import matching
from n2w_mentoring.demo import builders as b
from n2w_mentoring.exceptions import MeetingLimitError, MentorCentreError, NetworkMatchingError
from n2w_mentoring.mentoring.doctype.duo.duo import DUO_RECORDS
from n2w_mentoring.utils import get_limits


@pytest.fixture(scope="module")
def other(world):
	"""A second centre with its programme (its own limits), a duo there, and its coordinator."""
	tag = uid()
	centre = b.make_centre(f"Centre de Liège {tag}", email=f"liege-{tag}@centre.example")
	programme = b.make_programme(
		f"Mentorat Liège {tag}", centre, max_meeting_minutes=45, programme_months=3, match_suggestions=4
	)
	mentee = b.make_mentee("Liège", tag, programme=programme, status="Waiting for match")
	mentor = b.make_mentor("Liège", tag, programmes=[{"programme": programme}])
	duo = b.start_duo(b.make_mentee("Duo", tag, programme=programme), mentor, add_days(today(), -20))
	coordinator = b.make_user(f"coord-{tag}@centre.example", "Coord", tag, ["Mentoring Coordinator"])
	b.restrict_to_centre(coordinator, centre)
	home = world.active_duo()
	frappe.db.commit()
	yield frappe._dict(
		centre=centre,
		programme=programme,
		mentee=mentee,
		mentor=mentor,
		duo=duo.name,
		coordinator=coordinator,
		home=home,
	)


# --- Every rule reads the duo's programme ----------------------------------------------------------


def test_a_duo_joins_its_mentees_programme_and_the_default_one_otherwise(other):
	duo = frappe.get_doc("Duo", other.duo)
	assert (duo.programme, duo.centre) == (other.programme, other.centre)
	home = frappe.get_doc("Duo", other.home.name)
	assert home.programme == network.default_programme()
	assert home.centre == frappe.db.get_value("Mentoring Programme", home.programme, "centre")


def test_the_duos_programme_sets_its_limits(other):
	duo = frappe.get_doc("Duo", other.duo)
	assert get_limits(other.programme).programme_months == 3
	assert str(duo.planned_end) == str(add_days(frappe.utils.add_months(duo.start_date, 3), -1))
	with pytest.raises(MeetingLimitError, match="45"):
		b.log_meeting(other.duo, today(), 60)
	b.log_meeting(other.home.name, today(), 60)  # the default programme allows 90 minutes


def test_a_mentor_serves_the_default_programme_unless_told_and_may_serve_several(other):
	home_centre = network.centre_of(network.default_programme())
	mentor = frappe.get_doc("Mentor", other.home.mentor)
	assert [r.programme for r in mentor.programmes] == [network.default_programme()]
	assert mentor.centre == home_centre
	second = b.make_programme(f"Mentorat jeunes {uid()}", home_centre)
	mentor.append("programmes", {"programme": second})
	mentor.save()
	assert {r.centre for r in mentor.programmes} == {home_centre}


def test_a_mentor_belongs_to_their_centre_and_serves_another_centres_programme_only_if_it_opts_in(other):
	assert frappe.db.get_value("Mentor", other.mentor, "centre") == other.centre
	mentor = frappe.get_doc("Mentor", other.home.mentor)
	served = [r.programme for r in mentor.programmes]
	mentor.append("programmes", {"programme": other.programme})
	frappe.db.savepoint("foreign_programme")
	with pytest.raises(MentorCentreError, match="network"):
		mentor.save()
	frappe.db.rollback(save_point="foreign_programme")
	stored = frappe.get_doc("Mentor", other.home.mentor)
	assert [r.programme for r in stored.programmes] == served  # nothing half-saved
	# A new mentor of another centre's programme belongs to that centre.
	newcomer = b.make_mentor("Venu", uid(), programmes=[{"programme": other.programme}])
	assert frappe.db.get_value("Mentor", newcomer, "centre") == other.centre


def test_the_convention_takes_its_terms_and_letterhead_from_the_duos_programme(other):
	convention = frappe.get_doc("Convention", {"duo": other.duo})
	assert convention.programme_months == 3
	centre_row = [s for s in convention.signatories if s.party == "Centre"]
	assert centre_row and centre_row[0].signatory_name == other.centre


# --- Staff see their centre ----------------------------------------------------------------------


def test_a_coordinator_of_another_centre_sees_only_their_centres_records(other):
	with acting_as(other.coordinator):
		assert set(frappe.get_list("Duo", pluck="name")) == {other.duo}
		assert other.home.mentee not in frappe.get_list("Mentee", pluck="name", limit=0)
		assert other.mentee in frappe.get_list("Mentee", pluck="name", limit=0)
		assert not frappe.has_permission("Duo", "read", doc=other.home.name)
		assert not frappe.has_permission("Mentee", "read", doc=other.home.mentee)
		assert not frappe.has_permission("Mentor", "read", doc=other.home.mentor)
		assert frappe.has_permission("Mentor", "read", doc=other.mentor)
		mentors = frappe.get_list("Mentor", pluck="name", limit=0)
		assert other.mentor in mentors and other.home.mentor not in mentors
		assert set(frappe.get_all("Mentor", {"centre": other.centre}, pluck="name")) == set(mentors)
		new = frappe.new_doc("Mentor")
		assert frappe.has_permission("Mentor", "create", doc=new)  # made in their centre
		new.centre = network.centre_of(network.default_programme())
		assert not frappe.has_permission("Mentor", "create", doc=new)
		assert not frappe.get_list("Meeting", {"duo": other.home.name})
		assert frappe.get_list("Mentoring Programme", pluck="name") == [other.programme]


def test_a_programme_of_another_centre_is_refused_without_naming_that_centre(other):
	home = network.default_programme()
	home_centre = network.centre_of(home)
	with acting_as(other.coordinator):
		assert frappe.has_permission("Mentoring Programme", "read", doc=other.programme)
		frappe.local.message_log = []
		with pytest.raises(frappe.PermissionError):
			frappe.has_permission("Mentoring Programme", "read", doc=home, throw=True)
		assert frappe.local.message_log
		assert home_centre not in frappe.as_json(frappe.local.message_log)
	frappe.local.message_log = []


def test_a_network_manager_sees_every_centre(other, world):
	with acting_as(world.coordinator):
		assert {other.duo, other.home.name} <= set(frappe.get_list("Duo", pluck="name", limit=0))


def test_kpis_cover_a_programme_a_centre_or_the_network_within_the_users_centres(other):
	def duos_counted(**filters):
		return len(kpis.duo_rows(None, kpis.programmes_in_scope(filters)))

	network_wide = duos_counted()
	assert duos_counted(programme=other.programme) == 1
	assert duos_counted(centre=other.centre) == 1
	assert network_wide > 1
	with acting_as(other.coordinator):
		assert duos_counted() == 1
		with pytest.raises(frappe.PermissionError):
			kpis.programmes_in_scope({"programme": network.default_programme()})
		table = kpis.funder_table({"programme": other.programme})
	assert other.centre in table[0][1]


def test_matching_suggests_the_programmes_own_mentors_unless_it_opts_into_the_network(other):
	with acting_as(other.coordinator):
		found = {s["mentor"] for s in matching.suggest_mentors(other.mentee, limit=100)["suggestions"]}
		with pytest.raises(frappe.PermissionError):
			matching.suggest_mentors(other.home.mentee)
	assert other.home.mentor not in found
	programme = frappe.get_doc("Mentoring Programme", other.programme)
	programme.network_matching = 1
	programme.save()
	assert matching.mentor_programmes(other.programme) is None
	with acting_as(other.coordinator):
		# The network's mentors' profiles open to them, never another centre's duos.
		assert frappe.has_permission("Mentor", "read", doc=other.home.mentor)
		assert other.home.mentor in frappe.get_list("Mentor", pluck="name", limit=0)
		assert not frappe.has_permission("Duo", "read", doc=other.home.name)


def test_a_duos_mentor_is_of_its_programmes_centre_unless_the_programme_opts_into_the_network(other):
	home_mentor = b.make_mentor("Réseau", uid(), capacity=2)
	mentee = b.make_mentee("Croisé", uid(), programme=other.programme, status="Waiting for match")
	programme = frappe.get_doc("Mentoring Programme", other.programme)
	programme.network_matching = 0
	programme.save()
	duos = frappe.db.count("Duo")
	frappe.db.savepoint("foreign_mentor")
	with pytest.raises(MentorCentreError, match="network"):
		b.propose_duo(mentee, home_mentor)
	frappe.db.rollback(save_point="foreign_mentor")
	assert frappe.db.count("Duo") == duos  # no half-saved duo
	assert home_mentor not in {
		s["mentor"] for s in matching.suggest_mentors(mentee, limit=100)["suggestions"]
	}

	programme.reload()
	programme.network_matching = 1
	programme.save()
	duo = b.propose_duo(mentee, home_mentor)
	assert duo.centre == other.centre
	# The mentor of another centre now serves the programme (their row for it is allowed).
	frappe.get_doc("Mentor", home_mentor).save()
	assert other.programme in [r.programme for r in frappe.get_doc("Mentor", home_mentor).programmes]

	programme.reload()
	programme.network_matching = 0
	frappe.db.savepoint("opt_out")
	with pytest.raises(NetworkMatchingError, match="1 open duos"):
		programme.save()
	frappe.db.rollback(save_point="opt_out")
	assert frappe.db.get_value("Mentoring Programme", other.programme, "network_matching") == 1


# --- The upgrade of a single-programme site -------------------------------------------------------

OLD_SETTINGS = {
	"centre_name": "C.A.I. Namur",
	"centre_address": "Rue Docteur Haibe 4, 5002 Namur",
	"centre_email": "mentorat@cai.example",
	"programme_months": "9",
	"max_meetings": "15",
	"meetings_per_month": "3",
	"max_meeting_minutes": "120",
	"training_required": "0",
	"consent_notice_version": "2025-07",
	"confidentiality": "Secret professionnel",
	"match_weight_sector": "40",
	"match_suggestions": "7",
	"remind_convention": "0",
	"coordinator_digest": "1",
}
KEPT = ("Mentee", "Duo", "Meeting", "Convention")


def snapshot() -> dict:
	"""Every column of the records that matter, but the ones the change adds."""
	found = {}
	for doctype in KEPT:
		rows = frappe.db.sql(f"select * from `tab{doctype}` order by name", as_dict=True)
		found[doctype] = [{k: v for k, v in r.items() if k not in ("programme", "centre")} for r in rows]
	return found


def make_the_site_as_it_was():
	"""The data as a site holds it before the network: no centre, no programme, the programme's
	values in Mentoring Settings, records attached to nothing."""
	for doctype in ("Mentee", "Duo"):
		table = frappe.qb.DocType(doctype)
		frappe.qb.update(table).set(table.programme, None).set(table.centre, None).run()
	for doctype in DUO_RECORDS:
		table = frappe.qb.DocType(doctype)
		frappe.qb.update(table).set(table.centre, None).run()
	for doctype in (
		"Mentor Programme",
		"Mentoring Programme Intake",
		"Mentoring Programme",
		"Mentoring Centre",
	):
		frappe.db.delete(doctype)
	singles = frappe.qb.DocType("Singles")
	frappe.qb.from_(singles).delete().where(singles.doctype == "Mentoring Settings").run()
	query = frappe.qb.into(singles).columns(singles.doctype, singles.field, singles.value)
	for field, value in {**OLD_SETTINGS, "retention_months": "24"}.items():
		query = query.insert("Mentoring Settings", field, value)
	query.run()
	frappe.clear_document_cache("Mentoring Settings", "Mentoring Settings")


def test_the_patch_makes_one_centre_and_one_programme_and_changes_no_meaning(other, world):
	from n2w_mentoring.patches.one_centre_one_programme import execute

	world.active_duo()
	before = snapshot()
	mentors = frappe.get_all("Mentor", pluck="name")
	make_the_site_as_it_was()

	execute()
	execute()  # twice: nothing more

	[centre] = frappe.get_all("Mentoring Centre", fields=["name", "address", "email"])
	assert (centre.name, centre.address, centre.email) == (
		"C.A.I. Namur",
		OLD_SETTINGS["centre_address"],
		OLD_SETTINGS["centre_email"],
	)
	[programme] = frappe.get_all("Mentoring Programme", pluck="name")
	assert network.default_programme() == programme
	doc = frappe.get_doc("Mentoring Programme", programme)
	assert doc.centre == "C.A.I. Namur"
	assert (doc.programme_months, doc.max_meetings, doc.meetings_per_month, doc.max_meeting_minutes) == (
		9,
		15,
		3,
		120,
	)
	assert (doc.training_required, doc.consent_notice_version, doc.confidentiality) == (
		0,
		"2025-07",
		"Secret professionnel",
	)
	assert (
		doc.match_weight_sector,
		doc.match_suggestions,
		doc.remind_convention,
		doc.coordinator_digest,
	) == (40, 7, 0, 1)
	assert matching.match_settings().weights.sector == 40
	limits = get_limits(frappe.db.get_value("Duo", other.home.name, "programme"))
	assert (limits.programme_months, limits.max_meetings, limits.training_required) == (9, 15, False)

	for doctype in ("Mentee", "Duo"):
		assert not frappe.db.count(doctype, {"programme": ("!=", programme)})
		assert not frappe.db.count(doctype, {"centre": ("!=", "C.A.I. Namur")})
	served = frappe.get_all("Mentor Programme", fields=["parent", "programme", "centre"])
	assert sorted(r.parent for r in served) == sorted(mentors)
	assert {(r.programme, r.centre) for r in served} == {(programme, "C.A.I. Namur")}
	assert snapshot() == before  # nothing lost, nothing else changed, not even `modified`
	for doctype in DUO_RECORDS:
		assert not frappe.db.count(doctype, {"centre": ("!=", "C.A.I. Namur")})

	settings = frappe.get_single("Mentoring Settings")
	assert (settings.default_programme, settings.retention_months) == (programme, 24)
	singles = frappe.qb.DocType("Singles")
	left = (
		frappe.qb.from_(singles)
		.select(singles.field)
		.where(singles.doctype == "Mentoring Settings")
		.run(pluck=True)
	)
	assert not {"centre_name", "programme_months", "match_weight_sector"} & set(left)


# --- Funders: the same filters in the reports and the export, charts, a one-page summary -----------


def test_the_reports_carry_charts_and_whole_number_counts(other):
	from n2w_mentoring.mentoring.report.duo_outcomes import duo_outcomes
	from n2w_mentoring.mentoring.report.programme_kpis import programme_kpis

	columns, _data, _note, chart = programme_kpis.execute({"programme": other.programme})
	assert {c["fieldname"]: c["fieldtype"] for c in columns}["out_of"] == "Int"
	assert [d["name"] for d in chart["data"]["datasets"]] == ["Meetings held", "Meetings planned"]
	*_rest, chart = duo_outcomes.execute({"programme": other.programme})
	running = dict(zip(chart["data"]["labels"], chart["data"]["datasets"][1]["values"], strict=True))
	assert running[today()[:7]] == 1  # the other programme's one running duo
	*_rest, chart = duo_outcomes.execute({"centre": other.centre, "chart": "milestones"})
	assert chart["data"]["labels"] == ["3 months", "6 months", "12 months"]


def test_the_impact_summary_is_one_page_with_its_charts(other):
	html = kpis.impact_summary_html(other.programme)
	assert other.programme in html and other.centre in html and html.count("<svg") == 3
	kpis.impact_summary(other.programme)
	assert frappe.response["filecontent"][:4] == b"%PDF"
	assert (
		frappe.response["filecontent"].count(b"/Type /Page\n") <= 1
		or b"/Count 1" in frappe.response["filecontent"]
	)
	with acting_as(other.coordinator), pytest.raises(frappe.PermissionError):
		kpis.impact_summary(network.default_programme())


# --- The portal and the public forms carry the programme's identity ---------------------------------


def test_each_programme_has_its_own_public_forms(other):
	from n2w_mentoring.portal import public
	from n2w_mentoring.www.mentoring import apply

	frappe.db.set_value(
		"Mentoring Programme",
		other.programme,
		{"consent_notice_version": "LG-2026", "privacy_notice": "<p>Vos données restent à Liège.</p>"},
	)
	frappe.clear_document_cache("Mentoring Programme", other.programme)
	frappe.local.form_dict = frappe._dict(programme=other.programme)
	context = apply.get_context(frappe._dict())
	assert (context.centre, context.notice_version, context.programme) == (
		other.centre,
		"LG-2026",
		other.programme,
	)
	assert context.privacy_notice == "Vos données restent à Liège."
	frappe.local.form_dict = frappe._dict(programme="Closed or unknown")
	assert apply.get_context(frappe._dict()).programme == network.default_programme()

	phone = f"+32470{int(uid(), 16) % 1_000_000:06d}"
	data = {
		"first_name": "Nour",
		"last_name": uid(),
		"phone": phone,
		"consent": 1,
		"programme": other.programme,
	}
	frappe.set_user("Guest")
	try:
		answer = public.apply_as_mentee(frappe.as_json(data))
	finally:
		frappe.set_user("Administrator")
	assert answer.get("ok"), answer
	mentee = frappe.get_doc("Mentee", {"phone": phone})
	assert (mentee.programme, mentee.centre, mentee.consent_notice_version) == (
		other.programme,
		other.centre,
		"LG-2026",
	)


def test_a_portal_user_sees_their_programmes_centre(other, world):
	from n2w_mentoring.portal import portal_identity

	user = b.make_user(f"liege-mentee-{uid()}@test.example", "Nour", "Liège", ["Mentee"])
	frappe.db.set_value("Mentee", other.mentee, "user", user)
	assert portal_identity(user).name == other.centre
	assert portal_identity(world.host_user).name == network.centre_identity().name


def test_duos_needing_attention_keeps_to_the_users_centre(other):
	from n2w_mentoring.mentoring.report.duos_needing_attention import duos_needing_attention

	for name in (other.duo, other.home.name):
		frappe.db.set_value("Duo", name, {"needs_attention": 1, "health_signals": "no_meeting"})
	with acting_as(other.coordinator):
		listed = {r["duo"] for r in duos_needing_attention.execute({})[1]}
	assert other.duo in listed and other.home.name not in listed


def test_a_centres_coordinator_makes_people_in_their_centres_programme(other):
	with acting_as(other.coordinator):
		mentee = b.make_mentee("Nouvelle", uid())
		mentor = b.make_mentor("Nouveau", uid())
		assert network.default_centre() == other.centre  # what the desk form fills in
	assert frappe.db.get_value("Mentee", mentee, "programme") == other.programme
	assert frappe.get_doc("Mentor", mentor).programmes[0].programme == other.programme
	assert frappe.db.get_value("Mentor", mentor, "centre") == other.centre


def test_the_index_patch_gives_a_centres_lists_and_counts_their_indexes():
	from n2w_mentoring.patches.index_centre_lists import CENTRE_INDEXES, execute

	# A site migrated before the indexes existed: the DocTypes did not change, so it never got them.
	frappe.db.sql_ddl("alter table `tabDuo` drop index if exists `centre_status_index`")
	assert not frappe.db.has_index("tabDuo", "centre_status_index")

	execute()
	execute()  # twice: nothing more

	for doctype, fields in CENTRE_INDEXES:
		assert frappe.db.has_index(f"tab{doctype}", frappe.db.get_index_name(fields)), (doctype, fields)


def test_the_mentor_centre_patch_gives_each_mentor_the_centre_of_most_of_their_programmes(other):
	from n2w_mentoring.patches import mentor_centre

	home_centre = network.centre_of(network.default_programme())
	lone = b.make_mentor("Sans", uid())
	frappe.db.delete("Mentor Programme", {"parent": lone})
	# An old record breaking the rule: a mentor of another centre serving the default programme.
	mover = frappe.get_doc(
		"Mentor", b.make_mentor("Mobile", uid(), programmes=[{"programme": other.programme}])
	)
	frappe.get_doc(
		{
			"doctype": "Mentor Programme",
			"parenttype": "Mentor",
			"parentfield": "programmes",
			"parent": mover.name,
			"idx": 2,
			"programme": network.default_programme(),
			"centre": home_centre,
		}
	).db_insert()
	# The site as it was: no centre on any mentor, no index.
	before = {r.name: r for r in frappe.get_all("Mentor", fields=["name", "modified"])}
	rows = frappe.db.count("Mentor Programme")
	frappe.db.sql("update `tabMentor` set centre = null")
	frappe.db.sql_ddl("alter table `tabMentor` drop index if exists `centre_modified_index`")

	mentor_centre.execute()
	mentor_centre.execute()  # twice: nothing more

	centres = dict(frappe.get_all("Mentor", fields=["name", "centre"], as_list=True))
	assert centres[other.mentor] == other.centre
	assert centres[other.home.mentor] == home_centre
	assert centres[lone] == home_centre  # no programme: the default programme's centre
	assert centres[mover.name] == other.centre  # a tie: the first programme's
	assert all(centres.values())
	# Nothing deleted, moved or marked as changed; what breaks the rule is listed, left as it is.
	assert frappe.db.count("Mentor Programme") == rows
	assert {r.name: r.modified for r in frappe.get_all("Mentor", fields=["name", "modified"])} == {
		n: r.modified for n, r in before.items()
	}
	assert any(mover.name in line for line in mentor_centre.breaking_records())
	assert frappe.db.has_index("tabMentor", "centre_modified_index")
	frappe.db.commit()
