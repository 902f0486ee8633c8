"""A seeded generator of whole programmes, for trying the app at size and for the scale benchmarks.

``bench --site SITE n2w-mentoring generate --size demo|1x|10x [--seed N]`` writes:

========  =======  =======  =============  ======  ========
size      mentees  mentors  organisations  duos    meetings
========  =======  =======  =============  ======  ========
demo      60       30       5              50      600
1x        1,000    500      50             1,000   12,000
10x       10,000   5,000    500            10,000  120,000
========  =======  =======  =============  ======  ========

:func:`build` makes plain rows (dicts per DocType) from the size, the seed and the day taken as
today, without touching the database, so that the same seed always gives the same names and values.
:func:`load` writes them with ``frappe.db.bulk_insert``. The rows are what the controllers would
have written: titles and full names, the duo's planned end, meetings held, hours and last meeting,
the closure flag, the people's statuses after their duos (``lifecycle``), a submitted convention
signed by every party on the duo's first day for each duo that started, the post-duo follow-ups
of a closed duo. The held meetings of a duo are at most 12, at most 90 minutes, two a calendar
month at most, between its start and its end and never in the future. Every name starts with
``GEN-``.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta

from n2w_mentoring.programme import lifecycle, operations, rules

PREFIX = "GEN-"
DOMAIN = "gen.n2w.example"
COORDINATORS = 5
# The network the rows spread over: a programme per centre; mentee i and mentor j belong to centre
# i % CENTRES and j % CENTRES; a duo to its mentee's programme, with a mentor of the same centre
# (none of the generated programmes takes mentors from the network).
CENTRES = 8


def centre_name(k: int) -> str:
	return f"{PREFIX}Centre {k}"


def programme_name(k: int) -> str:
	return f"{PREFIX}Programme {k}"


def centre_coordinator(k: int) -> str:
	"""A coordinator restricted to centre ``k`` by a User Permission."""
	return f"centre{k}-coordinator@{DOMAIN}"


NETWORK_MANAGER = f"network-manager@{DOMAIN}"


@dataclass(frozen=True)
class Size:
	mentees: int
	mentors: int
	organisations: int
	duos: int
	meetings: int


SIZES = {
	"demo": Size(60, 30, 5, 50, 600),
	"1x": Size(1_000, 500, 50, 1_000, 12_000),
	"10x": Size(10_000, 5_000, 500, 10_000, 120_000),
}

FIRST_NAMES = (
	"Amina", "Yonas", "Mariam", "Oleksandr", "Fatou", "Jean-Paul", "Lina", "Samuel", "Claire", "Marc",
	"Sophie", "Thomas", "Nathalie", "Pierre", "Ahmed", "Sara", "Olga", "Ibrahima", "Leila", "Hugo",
)  # fmt: skip
LAST_NAMES = (
	"Haddad", "Tesfaye", "Sadiqi", "Kovalenko", "Diallo", "Mukendi", "Karimi", "Okafor", "Dubois",
	"Lambert", "Renard", "Collignon", "Jacquet", "Gilson", "Peeters", "Janssens", "Maes", "Wouters",
)  # fmt: skip
SECTORS = (
	"Construction", "Health and care", "Information technology", "Industry and manufacturing",
	"Logistics and transport", "Retail and sales", "Hospitality and catering", "Engineering",
)  # fmt: skip
PLACES = (
	("5000", "Namur"),
	("5100", "Jambes"),
	("1000", "Bruxelles"),
	("4000", "Liège"),
	("6000", "Charleroi"),
)
ORG_TYPES = ("Private", "Public", "Non-profit", "Social economy")
REASONS_COMPLETED = ("Completed", "Job found", "Training", "Internship")
REASONS_EARLY = ("Job found", "Mentee withdrew", "Mentor withdrew", "Mismatch", "Other")

MODULE_TABLES = (
	"Partner Organisation",
	"Mentor",
	"Mentor Programme",
	"Mentee",
	"Duo",
	"Convention",
	"Convention Signatory",
	"Meeting",
	"Post-Duo Follow-up",
)


@dataclass(frozen=True)
class Terms:
	"""What the rows take from the default programme and its centre (the defaults unless given)."""

	programme_months: int = 6
	max_meetings: int = 12
	meetings_per_month: int = 2
	max_meeting_minutes: int = 90
	consent_notice_version: str = "2026-01"
	centre_name: str = "The centre"
	confidentiality: str | None = None
	roles_text: str | None = None
	axes_text: str | None = None

	@property
	def limits(self) -> rules.ProgrammeLimits:
		return rules.ProgrammeLimits(
			programme_months=self.programme_months,
			max_meetings=self.max_meetings,
			meetings_per_month=self.meetings_per_month,
			max_meeting_minutes=self.max_meeting_minutes,
		)


def coordinator(k: int) -> str:
	return f"coordinator{k}@{DOMAIN}"


def build(size: str, seed: int = 1, today: date | None = None, terms: Terms | None = None) -> dict:
	"""Rows per DocType (lists of dicts) for a programme of ``size``; no database access."""
	spec = SIZES[size]
	terms = terms or Terms()
	limits = terms.limits
	day0 = today or date.today()
	rng = random.Random(f"{size}:{seed}")
	rows: dict[str, list[dict]] = {dt: [] for dt in MODULE_TABLES}

	organisations = []
	for i in range(spec.organisations):
		postal_code, municipality = PLACES[i % len(PLACES)]
		org = {
			"name": f"{PREFIX}Org {i:04d}",
			"organisation_name": f"{PREFIX}Org {i:04d}",
			"organisation_type": ORG_TYPES[i % len(ORG_TYPES)],
			"sector": SECTORS[i % len(SECTORS)],
			"active": 1,
			"address_line": f"Rue de l'Industrie {1 + i % 90}",
			"postal_code": postal_code,
			"municipality": municipality,
		}
		organisations.append(org)
		rows["Partner Organisation"].append(org)

	mentors = []
	for j in range(spec.mentors):
		first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
		org = organisations[j % len(organisations)]
		trained_on = day0 - timedelta(days=rng.randint(400, 1300))
		mentors.append(
			{
				"name": f"{PREFIX}MTR-{j:06d}",
				"first_name": first,
				"last_name": f"{last} {j}",
				"full_name": f"{first} {last} {j}",
				"status": "Available",
				"centre": centre_name(j % CENTRES),
				"capacity": rng.choice((1, 1, 2, 3)),
				"email": f"mentor{j}@{DOMAIN}",
				"preferred_language": rng.choice(("fr", "fr", "nl", "en")),
				"partner_organisation": org["name"],
				"sector": org["sector"],
				"profession": "Chef d'équipe",
				"workplace_postal_code": org["postal_code"],
				"workplace_municipality": org["municipality"],
				"training_completed": 1,
				"training_date": trained_on,
				"consent_given": 1,
				"consent_date": trained_on,
				"consent_notice_version": terms.consent_notice_version,
				"consent_recorded_by": "Administrator",
			}
		)
	rows["Mentor"] = mentors

	mentees = []
	for i in range(spec.mentees):
		first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
		intake = day0 - timedelta(days=rng.randint(10, 1500))
		mentees.append(
			{
				"name": f"{PREFIX}MTE-{i:06d}",
				"first_name": first,
				"last_name": f"{last} {i}",
				"full_name": f"{first} {last} {i}",
				"status": "Waiting for match",
				"email": f"mentee{i}@{DOMAIN}",
				"preferred_language": rng.choice(("fr", "fr", "fr", "nl", "en")),
				"french_level": rng.choice(("A2", "B1", "B1", "B2", "C1")),
				"target_sector": rng.choice(SECTORS),
				"target_profession": "Technicien",
				"postal_code": PLACES[i % len(PLACES)][0],
				"municipality": PLACES[i % len(PLACES)][1],
				"intake_date": intake,
				"programme": programme_name(i % CENTRES),
				"centre": centre_name(i % CENTRES),
				"consent_given": 1,
				"consent_date": intake,
				"consent_notice_version": terms.consent_notice_version,
				"consent_recorded_by": "Administrator",
			}
		)
	rows["Mentee"] = mentees

	# Each mentor's duos follow one another (one open at a time, within any capacity); each mentee
	# has at most one duo. The mentor's last duo is the most recent.
	per_mentor: list[list[int]] = [[] for _ in mentors]
	for d in range(spec.duos):
		per_mentor[mentor_number(d, len(mentors), len(mentees))].append(d)
	proposed_on: dict[int, date] = {}
	is_last: dict[int, bool] = {}
	for duo_numbers in per_mentor:
		when = day0 - timedelta(days=rng.randint(0, 420))
		for position, d in enumerate(reversed(duo_numbers)):
			proposed_on[d] = when
			is_last[d] = position == 0
			when -= timedelta(days=rng.randint(230, 420))

	duos = []
	for d in range(spec.duos):
		mentor = mentors[mentor_number(d, len(mentors), len(mentees))]
		mentee = mentees[d % len(mentees)]
		duo = _duo(d, mentor, mentee, proposed_on[d], is_last[d], day0, limits, rng)
		duo.update(programme=mentee["programme"], centre=mentee["centre"])
		duos.append(duo)
	rows["Mentor Programme"] = _programmes_served(mentors, duos)
	# the meetings: held ones first, then contacts, cancelled and planned ones up to the total
	started = [duo for duo in duos if duo["start_date"]]
	quota = {duo["name"]: spec.meetings // len(started) for duo in started}
	for duo in started[: spec.meetings % len(started)]:
		quota[duo["name"]] += 1
	for duo in started:
		rows["Meeting"].extend(_meetings(duo, mentor_of(duo, mentors), quota[duo["name"]], day0, limits, rng))
		_convention(rows, duo, mentees, mentors, organisations, terms)
	for duo in duos:
		duo.pop("_k")
		_people_follow(duo, mentees, mentors)
		if duo["status"] in operations.FOLLOWED_UP_STATES:
			for k, (person_type, milestone, due) in enumerate(operations.follow_up_plan(duo["actual_end"])):
				person = duo["mentee_name"] if person_type == operations.MENTEE else duo["mentor_name"]
				rows["Post-Duo Follow-up"].append(
					{
						"name": f"{duo['name'].replace('DUO', 'FUP')}-{k}",
						"title": f"{person} · {milestone}",
						"duo": duo["name"],
						"person_type": person_type,
						"person_name": person,
						"milestone": milestone,
						"due_date": due,
						"coordinator": duo["coordinator"],
						"partner_organisation": duo["partner_organisation"],
						"todo_created": 0,
					}
				)
	rows["Duo"] = duos
	centre_of_duo = {duo["name"]: duo["centre"] for duo in duos}
	for doctype in ("Meeting", "Convention", "Post-Duo Follow-up"):
		for row in rows[doctype]:
			row["centre"] = centre_of_duo[row["duo"]]
	return rows


def _programmes_served(mentors: list[dict], duos: list[dict]) -> list[dict]:
	"""Each mentor serves their centre's programme and the programme of each of their duos."""
	served: dict[str, list[str]] = {m["name"]: [programme_name(j % CENTRES)] for j, m in enumerate(mentors)}
	for duo in duos:
		if duo["programme"] not in served[duo["mentor"]]:
			served[duo["mentor"]].append(duo["programme"])
	return [
		{
			"name": f"{mentor.replace('MTR', 'MPR')}-{idx}",
			"parent": mentor,
			"parenttype": "Mentor",
			"parentfield": "programmes",
			"idx": idx,
			"programme": programme,
			"centre": centre_name(int(programme.rsplit(" ", 1)[1])),
		}
		for mentor, programmes in served.items()
		for idx, programme in enumerate(programmes, start=1)
	]


def mentor_of(duo: dict, mentors: list[dict]) -> dict:
	return _find(mentors, duo["mentor"])


def mentor_number(d: int, mentors: int, mentees: int) -> int:
	"""The mentor of duo ``d``: about ``d % mentors``, moved within its run of CENTRES mentors to one of
	the centre of the duo's mentee (``d % mentees``), so that every duo pairs people of one centre."""
	j = d % mentors
	j += (d % mentees) % CENTRES - j % CENTRES
	while j >= mentors:
		j -= CENTRES
	return j if j >= 0 else d % mentors


def _duo(d, mentor, mentee, proposed, last, day0, limits, rng) -> dict:
	start = planned = end = reason = agreed = None
	if last and (day0 - proposed).days < 21:
		status = rng.choice(("Proposed", "Proposed", "Accepted", "Declined", "Cancelled"))
	elif not last and rng.random() < 0.05:
		status = rng.choice(("Declined", "Cancelled"))
	else:
		start = min(proposed + timedelta(days=rng.randint(3, 20)), day0)
		planned = rules.planned_end(start, limits)
		if planned >= day0 and last:
			status = "Suspended" if rng.random() < 0.08 else "Active"
		elif rng.random() < 0.8:
			status, end, reason = "Completed", planned, rng.choice(REASONS_COMPLETED)
		else:
			status, reason = "Ended Early", rng.choice(REASONS_EARLY)
			end = min(start + timedelta(days=rng.randint(20, 150)), planned - timedelta(days=1), day0)
	if status not in ("Proposed", "Declined", "Cancelled") or (status == "Declined" and rng.random() < 0.5):
		agreed = proposed + timedelta(days=rng.randint(0, 3))
		if start:
			agreed = min(agreed, start)
	title = f"{mentee['full_name']} · {mentor['full_name']}"
	return {
		"_k": d,
		"name": f"{PREFIX}DUO-{d:06d}",
		"title": title,
		"mentee": mentee["name"],
		"mentee_name": mentee["full_name"],
		"mentor": mentor["name"],
		"mentor_name": mentor["full_name"],
		"status": status,
		"partner_organisation": mentor["partner_organisation"],
		"coordinator": coordinator(d % COORDINATORS),
		"mentor_agreed_on": agreed if status != "Declined" else None,
		"mentee_agreed_on": agreed,
		"decline_reason": "Le mentor n'est plus disponible." if status == "Declined" else None,
		"proposed_on": proposed,
		"start_date": start,
		"planned_end": planned,
		"actual_end": end,
		"end_reason": reason,
		"meetings_held": 0,
		"hours_of_mentoring": 0.0,
		"last_meeting_date": None,
		"closure_due": 0,
	}


def _meetings(duo, mentor, quota, day0, limits, rng) -> list[dict]:
	"""The duo's meetings: held up to the last day it ran, planned after; two a calendar month."""
	start, planned = duo["start_date"], duo["planned_end"]
	last_day = min(d for d in (planned, duo["actual_end"], day0) if d)
	running = duo["status"] in lifecycle.RUNNING_STATES
	meetings = []
	held_minutes = held = 0
	last_held = None
	for m in range(limits.max_meetings // 2 + 1):
		for when in (rules.add_months(start, m), rules.add_months(start, m) + timedelta(days=14)):
			if len(meetings) >= min(quota, limits.max_meetings) or when > planned:
				continue
			if when <= last_day and held < limits.max_meetings:
				status = "Cancelled" if rng.random() < 0.05 else "Held"
			elif running and when > day0:
				status = "Planned"
			else:
				continue
			minutes = rng.choice((45, 60, 60, 75, 90)) if status == "Held" else 60
			if status == "Held":
				held, held_minutes, last_held = held + 1, held_minutes + minutes, when
			meetings.append(_meeting(duo, mentor, len(meetings), "Meeting", status, when, minutes))
	# calls and messages between meetings, on days the duo ran
	span = (last_day - start).days
	while len(meetings) < quota:
		when = start + timedelta(days=rng.randint(0, max(span, 0)))
		kind = rng.choice(("Phone call", "Message", "E-mail"))
		meetings.append(_meeting(duo, mentor, len(meetings), kind, "Held", when, rng.choice((10, 15, 20))))
	duo["meetings_held"] = held
	duo["hours_of_mentoring"] = round(held_minutes / 60, 1)
	duo["last_meeting_date"] = last_held
	duo["closure_due"] = int(lifecycle.closure_due(duo["status"], held, limits.max_meetings, planned, day0))
	return meetings


def _meeting(duo, mentor, k, kind, status, when, minutes) -> dict:
	return {
		"name": f"{duo['name'].replace('DUO', 'MTG')}-{k:02d}",
		"duo": duo["name"],
		"duo_title": duo["title"],
		"kind": kind,
		"status": status,
		"meeting_date": when,
		"duration_minutes": minutes,
		"place": mentor["partner_organisation"] if kind == "Meeting" else None,
		"summary": "Rencontre sur le lieu de travail du mentor." if status == "Held" else None,
	}


def _convention(rows, duo, mentees, mentors, organisations, terms: Terms):
	"""The submitted convention that started the duo, every party signed on its first day."""
	name = duo["name"].replace("DUO", "CONV")
	mentee = mentees[duo["_k"] % len(mentees)]
	org = organisations[int(duo["partner_organisation"].rsplit(" ", 1)[1])]
	address = " ".join(p for p in (org["address_line"], org["postal_code"], org["municipality"]) if p)
	rows["Convention"].append(
		{
			"name": name,
			"docstatus": 1,
			"duo": duo["name"],
			"mentee": duo["mentee"],
			"mentee_name": duo["mentee_name"],
			"mentor": duo["mentor"],
			"mentor_name": duo["mentor_name"],
			"partner_organisation": duo["partner_organisation"],
			"language": mentee["preferred_language"],
			"signed_on": duo["start_date"],
			"programme_months": terms.programme_months,
			"max_meetings": terms.max_meetings,
			"meetings_per_month": terms.meetings_per_month,
			"max_meeting_minutes": terms.max_meeting_minutes,
			"meeting_place": f"{org['organisation_name']}, {address}",
			"confidentiality": terms.confidentiality,
			"roles_text": terms.roles_text,
			"axes_text": terms.axes_text,
		}
	)
	parties = (
		("Mentee", duo["mentee_name"]),
		("Mentor", duo["mentor_name"]),
		("Centre", terms.centre_name),
		("Partner Organisation", duo["partner_organisation"]),
	)
	for idx, (party, signatory) in enumerate(parties, start=1):
		rows["Convention Signatory"].append(
			{
				"name": f"{name}-{idx}",
				"docstatus": 1,
				"parent": name,
				"parenttype": "Convention",
				"parentfield": "signatories",
				"idx": idx,
				"party": party,
				"signatory_name": signatory,
				"signed_on": duo["start_date"],
				"signature_method": "On paper",
			}
		)


def _people_follow(duo, mentees, mentors):
	"""The mentee's and mentor's statuses after the duo, as the Duo controller sets them."""
	mentee = _find(mentees, duo["mentee"])
	if mentee["intake_date"] > duo["proposed_on"]:
		mentee["intake_date"] = mentee["consent_date"] = duo["proposed_on"] - timedelta(days=30)
	mentee["status"] = lifecycle.mentee_status_after(duo["status"], duo["end_reason"], "In duo")
	if duo["status"] in ("Proposed", "Accepted"):
		mentee["status"] = "Waiting for match"
	mentor = _find(mentors, duo["mentor"])
	if mentor["training_date"] > duo["proposed_on"]:
		mentor["training_date"] = mentor["consent_date"] = duo["proposed_on"] - timedelta(days=10)
	if duo["status"] in lifecycle.RUNNING_STATES:
		mentor["status"] = "In duo"


def _find(people: list[dict], name: str) -> dict:
	return people[int(name.rsplit("-", 1)[1])]


def fingerprint(rows: dict) -> str:
	"""A short digest of every row, to compare two generations."""
	text = json.dumps(rows, sort_keys=True, default=str)
	return hashlib.sha256(text.encode()).hexdigest()


# --- Writing to a site -------------------------------------------------------------------------


def settings_terms() -> Terms:

	from n2w_mentoring.network import centre_identity, programme

	s = programme()
	return Terms(
		programme_months=s.programme_months or 6,
		max_meetings=s.max_meetings or 12,
		meetings_per_month=s.meetings_per_month or 2,
		max_meeting_minutes=s.max_meeting_minutes or 90,
		consent_notice_version=s.consent_notice_version or "1",
		centre_name=centre_identity(s.name).name or "The centre",
		confidentiality=s.confidentiality,
		roles_text=s.roles_text,
		axes_text=s.axes_text,
	)


def make_network() -> None:
	"""The generated centres and programmes (the default programme's terms), a coordinator restricted
	to each centre, and a network manager who sees them all."""
	import frappe

	from n2w_mentoring.demo import builders
	from n2w_mentoring.network import programme
	from n2w_mentoring.setup.install import PROGRAMME_FIELDS

	default = programme()
	values = {f: default.get(f) for f in PROGRAMME_FIELDS}
	for k in range(CENTRES):
		if not frappe.db.exists("Mentoring Centre", centre_name(k)):
			frappe.get_doc({"doctype": "Mentoring Centre", "centre_name": centre_name(k)}).insert(
				ignore_permissions=True
			)
		if not frappe.db.exists("Mentoring Programme", programme_name(k)):
			frappe.get_doc(
				{
					"doctype": "Mentoring Programme",
					"programme_name": programme_name(k),
					"centre": centre_name(k),
					**values,
				}
			).insert(ignore_permissions=True)
		builders.make_user(centre_coordinator(k), "Coordinator", f"centre {k}", ["Mentoring Coordinator"])
		builders.restrict_to_centre(centre_coordinator(k), centre_name(k))
	builders.make_user(NETWORK_MANAGER, "Network", "Manager", ["Mentoring Coordinator"])


def generated_exists() -> bool:
	import frappe

	return bool(frappe.db.exists("Duo", {"name": ("like", f"{PREFIX}%")}))


def delete_generated():
	import frappe

	for doctype in (*MODULE_TABLES, "Mentoring Programme", "Mentoring Centre"):
		frappe.db.sql(f"delete from `tab{doctype}` where name like %s", (f"{PREFIX}%",))  # nosemgrep
	frappe.db.sql("delete from `tabToDo` where reference_name like %s", (f"{PREFIX}%",))


def load(size: str, seed: int = 1, replace: bool = False, chunk_size: int = 10_000) -> dict[str, int]:
	"""Write a generated programme to the current site; return the rows written per DocType."""
	import frappe
	from frappe.utils import getdate, now

	from n2w_mentoring.demo import builders

	if generated_exists():
		if not replace:
			raise ValueError(
				f"Generated records ({PREFIX}…) are already on this site (replace them: --replace)."
			)
		delete_generated()
	for k in range(COORDINATORS):
		builders.make_user(coordinator(k), "Coordinator", str(k), ["Mentoring Coordinator"])
	make_network()
	rows = build(size, seed, getdate(), settings_terms())
	stamp, user = now(), frappe.session.user
	for doctype in MODULE_TABLES:
		table = rows[doctype]
		if not table:
			continue
		fields = list(dict.fromkeys(f for row in table for f in row))
		base = ["creation", "modified", "owner", "modified_by"]
		values = [
			(*(row.get(f, 0 if f == "docstatus" else None) for f in fields), stamp, stamp, user, user)
			for row in table
		]
		frappe.db.bulk_insert(doctype, [*fields, *base], values, chunk_size=chunk_size)
	frappe.db.commit()
	from n2w_mentoring import duo_health

	duo_health.refresh()
	frappe.db.commit()
	return {doctype: len(rows[doctype]) for doctype in MODULE_TABLES}
