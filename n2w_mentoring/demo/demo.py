"""A small, believable French-speaking programme to explore the app with.

Run with ``bench --site SITE n2w-mentoring demo``. Dates are relative to today; running it again
adds nothing that is already there.
"""

from __future__ import annotations

import frappe
from frappe.utils import add_days, today

from n2w_mentoring.demo import builders as b

PASSWORD = "Demo-N2W-2026!"
DOMAIN = "demo.n2w.example"

ORGANISATIONS = [
	("Bâtiments Mosans", "Private", "Construction", "Rue de Dave 12", "5100", "Jambes"),
	("CHR Sambre et Meuse", "Public", "Health and care", "Avenue Albert Ier 185", "5000", "Namur"),
	(
		"Les Ateliers du Bocq",
		"Social economy",
		"Industry and manufacturing",
		"Rue du Bocq 5",
		"5530",
		"Yvoir",
	),
	("Digital Wallonia Lab", "Private", "Information technology", "Rue de Fer 30", "5000", "Namur"),
	("Coopérative Mosane", "Social economy", "Retail and sales", "Rue de l'Ange 20", "5000", "Namur"),
	("Guichet Citoyen de Jambes", "Public", "Public administration", "Avenue Materne 168", "5100", "Jambes"),
	("Logistique Sambre", "Private", "Logistics and transport", "Rue de la Science 3", "6000", "Charleroi"),
]

# Two centres of the network, three programmes (two in Namur), staff for each centre and the network.
NAMUR, LIEGE = "C.A.I. Namur (démo)", "Centre d'intégration de Liège (démo)"
CENTRES = {
	NAMUR: {
		"address": "Rue Docteur Haibe 4, 5002 Namur",
		"email": f"mentorat@{DOMAIN}",
		"phone": "081 73 71 76",
	},
	LIEGE: {
		"address": "Place Xavier Neujean 19, 4000 Liège",
		"email": f"liege@{DOMAIN}",
		"phone": "04 220 01 20",
	},
}
NAMUR_JOBS, NAMUR_YOUTH, LIEGE_JOBS = (
	"Mentorat emploi Namur (démo)",
	"Mentorat jeunes Namur (démo)",
	"DUO emploi Liège (démo)",
)
PROGRAMMES = {
	NAMUR_JOBS: (NAMUR, {}),
	NAMUR_YOUTH: (NAMUR, {"programme_months": 4, "max_meetings": 8, "consent_notice_version": "2026-03"}),
	LIEGE_JOBS: (LIEGE, {"network_matching": 1, "meetings_per_month": 3}),
}

# first name, last name, organisation, sector, profession, trained, capacity
MENTORS = [
	("Claire", "Dubois", "Bâtiments Mosans", "Construction", "Conductrice de chantier", 1, 1),
	("Marc", "Lambert", "CHR Sambre et Meuse", "Health and care", "Infirmier en chef", 1, 2),
	("Sophie", "Renard", "Digital Wallonia Lab", "Information technology", "Développeuse web", 1, 1),
	("Thomas", "Collignon", "Les Ateliers du Bocq", "Industry and manufacturing", "Chef d'atelier", 1, 1),
	("Nathalie", "Jacquet", "CHR Sambre et Meuse", "Health and care", "Aide-soignante", 1, 1),
	("Pierre", "Gilson", "Bâtiments Mosans", "Construction", "Électricien", 0, 1),
	("Vincent", "Lejeune", "Bâtiments Mosans", "Construction", "Électricien", 1, 1),
	("Karima", "El Idrissi", "Coopérative Mosane", "Retail and sales", "Responsable de magasin", 1, 1),
	("Farid", "Ahmadi", "Guichet Citoyen de Jambes", "Public administration", "Agent d'accueil", 1, 1),
	("Luc", "Hermans", "Logistique Sambre", "Logistics and transport", "Chef d'entrepôt", 1, 1),
]

# first name, last name, status, target sector, profession, french level, residence status, country
MENTEES = [
	("Amina", "Haddad", "Waiting for match", "Construction", "Ingénieure civile", "B1", "Refugee", "Syria"),
	(
		"Yonas",
		"Tesfaye",
		"Waiting for match",
		"Health and care",
		"Infirmier",
		"A2",
		"Asylum seeker",
		"Eritrea",
	),
	(
		"Mariam",
		"Sadiqi",
		"Waiting for match",
		"Information technology",
		"Développeuse",
		"B2",
		"Subsidiary protection",
		"Afghanistan",
	),
	(
		"Oleksandr",
		"Kovalenko",
		"Waiting for match",
		"Industry and manufacturing",
		"Soudeur",
		"A2",
		"Temporary protection",
		"Ukraine",
	),
	("Fatou", "Diallo", "Waiting for match", "Health and care", "Aide-soignante", "B1", "Refugee", "Guinea"),
	(
		"Jean-Paul",
		"Mukendi",
		"Waiting for match",
		"Construction",
		"Électricien",
		"C1",
		"Refugee",
		"Congo, The Democratic Republic of the",
	),
	("Lina", "Karimi", "Waiting for match", "Retail and sales", "Vendeuse", "A2", "Asylum seeker", "Iran"),
	(
		"Samuel",
		"Okafor",
		"Applicant",
		"Logistics and transport",
		"Magasinier",
		"B1",
		"Asylum seeker",
		"Nigeria",
	),
	(
		"Esther",
		"Nkulu",
		"Waiting for match",
		"Health and care",
		"Aide-soignante",
		"B2",
		"Refugee",
		"Congo, The Democratic Republic of the",
	),
	(
		"Nadia",
		"Haidari",
		"Waiting for match",
		"Health and care",
		"Infirmière",
		"A2",
		"Refugee",
		"Afghanistan",
	),
]


def _languages(**levels) -> list[dict]:
	return [{"language": code, "level": level} for code, level in levels.items()]


# What matching reads of each person: the mentees waiting for a match (Jean-Paul, Lina, Esther,
# Nadia) each get a mentor strong on their trade, one who shares their language or lives nearby,
# and one held back by availability or distance; Marc suits both Esther and Nadia, and the cohort
# proposal gives him to Nadia, whose next best is far weaker. Mariam and Oleksandr, whose duos are
# only proposed or accepted, see the mentors they could have instead.
MENTOR_PROFILES = {
	"Claire": {
		"languages": _languages(fr="Native", ar="Fluent"),
		"availability": "mardi soir",
		"expertise": "chantiers de génie civil, sécurité, gestion de projet, accueil de stagiaires",
	},
	"Marc": {
		"languages": _languages(fr="Native", en="Good"),
		"availability": "lundi et mercredi après-midi",
		"expertise": "soins infirmiers, encadrement d'équipes soignantes, reconnaissance des diplômes "
		"d'infirmier, accueil de stagiaires",
	},
	"Sophie": {
		"languages": _languages(fr="Native", en="Fluent"),
		"availability": "jeudi après-midi",
		"expertise": "développement web, JavaScript, recrutement dans le numérique",
	},
	"Thomas": {
		"languages": _languages(fr="Native", uk="Basic"),
		"availability": "mercredi matin",
		"expertise": "soudure, atelier de production, sécurité des machines",
	},
	"Nathalie": {
		"languages": _languages(fr="Native", nl="Good"),
		"availability": "mardi soir, samedi matin",
		"expertise": "soins aux personnes âgées, maison de repos, toilette et confort, travail en équipe",
	},
	"Pierre": {
		"languages": _languages(fr="Native", sw="Good"),
		"availability": "mardi et jeudi soir",
		"expertise": "installations électriques, tableaux, dépannage, sécurité de chantier",
	},
	"Vincent": {
		"languages": _languages(fr="Native", nl="Good"),
		"availability": "samedi matin",
		"expertise": "installations électriques, lecture de plans, sécurité de chantier, accueil d'apprentis",
	},
	"Karima": {
		"languages": _languages(fr="Native", ar="Native", en="Good"),
		"availability": "vendredi matin",
		"expertise": "vente et accueil des clients, caisse, gestion des stocks, recrutement de vendeurs",
	},
	"Farid": {
		"languages": _languages(fr="Fluent", fa="Native", en="Good"),
		"availability": "lundi, mercredi et jeudi",
		"expertise": "accueil du public, orientation des nouveaux arrivants, démarches administratives",
	},
	"Luc": {
		"languages": _languages(fr="Native", nl="Native", en="Good"),
		"availability": "mardi et jeudi soir",
		"expertise": "gestion d'entrepôt, préparation de commandes, sécurité, gestion des stocks",
	},
}

MENTEE_PROFILES = {
	"Jean-Paul": {
		"postal_code": "5000",
		"languages": _languages(fr="Fluent", sw="Native"),
		"availability": "mardi et jeudi soir",
		"aspirations": "Devenir électricien en bâtiment : installations électriques, lecture de plans, "
		"sécurité de chantier",
	},
	"Lina": {
		"postal_code": "5100",
		"municipality": "Jambes",
		"languages": _languages(fa="Native", en="Good"),
		"availability": "lundi et mercredi matin",
		"aspirations": "Vente en magasin : accueil des clients, caisse, gestion des stocks",
		"preferred_mentor_language": "fa",
	},
	"Esther": {
		"postal_code": "5030",
		"municipality": "Gembloux",
		"languages": _languages(fr="Fluent", sw="Native", en="Good"),
		"availability": "lundi et mercredi après-midi",
		"aspirations": "Aide-soignante en maison de repos, soins aux personnes âgées ; faire reconnaître "
		"mon diplôme d'infirmière",
		"max_travel_km": 20,
	},
	"Mariam": {
		"postal_code": "5002",
		"municipality": "Saint-Servais",
		"languages": _languages(fa="Native", en="Fluent"),
		"availability": "jeudi après-midi, vendredi matin",
		"aspirations": "Développeuse web : JavaScript, applications web, premier emploi dans le numérique",
	},
	"Oleksandr": {
		"postal_code": "5300",
		"municipality": "Andenne",
		"languages": _languages(uk="Native", ru="Fluent"),
		"availability": "mercredi matin, samedi matin",
		"aspirations": "Soudeur en atelier de production : soudure, lecture de plans, sécurité des machines",
		"max_travel_km": 25,
	},
	"Nadia": {
		"postal_code": "5000",
		"languages": _languages(fa="Native", en="Good"),
		"availability": "lundi après-midi et vendredi",
		"aspirations": "Infirmière à l'hôpital : soins infirmiers, reconnaissance de mon diplôme, stage en hôpital",
	},
}

OBJECTIVES = [
	("Comprendre l'organisation d'un chantier en Belgique", "Co-constructed"),
	("Préparer un CV adapté au marché belge", "Technical"),
	("Rencontrer trois professionnels du secteur", "Relational"),
	("Se présenter en entretien avec assurance", "Moral support"),
]


def email(first: str, last: str) -> str:
	return f"{first}.{last}".lower().replace(" ", "").replace("'", "") + f"@{DOMAIN}"


def load() -> dict:
	"""Create the demo programme; return the portal logins."""
	for centre, fields in CENTRES.items():
		b.make_centre(centre, **fields)
	for programme, (centre, values) in PROGRAMMES.items():
		b.make_programme(programme, centre, **values)

	coordinator = b.make_user(
		email("Camille", "Martin"), "Camille", "Martin", ["Mentoring Coordinator"], PASSWORD
	)
	b.restrict_to_centre(coordinator, NAMUR)
	liege_coordinator = b.make_user(
		email("Julie", "Lemoine"), "Julie", "Lemoine", ["Mentoring Coordinator"], PASSWORD
	)
	b.restrict_to_centre(liege_coordinator, LIEGE)
	network_manager = b.make_user(
		email("Nadia", "Benali"), "Nadia", "Benali", ["Mentoring Manager"], PASSWORD
	)

	for name, kind, sector, street, postal_code, municipality in ORGANISATIONS:
		b.make_partner_organisation(
			name,
			kind,
			sector=sector,
			address_line=street,
			postal_code=postal_code,
			municipality=municipality,
			hours_per_month=4,
			meeting_place=f"{street}, {postal_code} {municipality}",
		)
	partner_login = b.make_partner_contact(
		"Bâtiments Mosans", email("Isabelle", "Lemaire"), "Isabelle", "Lemaire", PASSWORD
	)

	mentors = {}
	for i, (first, last, org, sector, profession, trained, capacity) in enumerate(MENTORS):
		address = email(first, last)
		user = b.make_user(address, first, last, ["Mentor"], PASSWORD) if i == 0 else None
		mentors[first] = b.make_mentor(
			first,
			last,
			address,
			org,
			trained=bool(trained),
			capacity=capacity,
			user=user,
			programmes=[{"programme": NAMUR_JOBS}],
			sector=sector,
			profession=profession,
			job_title=profession,
			years_of_experience=8 + i * 3,
			**{
				"workplace_postal_code": next(o[4] for o in ORGANISATIONS if o[0] == org),
				"workplace_municipality": next(o[5] for o in ORGANISATIONS if o[0] == org),
				**MENTOR_PROFILES.get(first, {}),
			},
		)

	mentees = {}
	for i, (first, last, status, sector, profession, level, residence, country) in enumerate(MENTEES):
		address = email(first, last)
		user = b.make_user(address, first, last, ["Mentee"], PASSWORD) if i == 0 else None
		country = country if frappe.db.exists("Country", country) else None
		mentees[first] = b.make_mentee(
			first,
			last,
			address,
			user=user,
			programme=NAMUR_JOBS,
			status=status,
			target_sector=sector,
			target_profession=profession,
			french_level=level,
			residence_status=residence,
			country_of_origin=country,
			preferred_language="fr",
			intake_date=add_days(today(), -200 + i * 10),
			**{
				"municipality": "Namur",
				"aspirations": f"Travailler comme {profession.lower()} en Wallonie",
				**MENTEE_PROFILES.get(first, {}),
			},
		)

	# Amina and Claire: an active duo with its plan and meetings.
	started = add_days(today(), -75)
	duo = b.start_duo(mentees["Amina"], mentors["Claire"], started, coordinator=coordinator)
	plan = b.make_action_plan(
		duo.name,
		[
			{
				"objective": o,
				"axis": a,
				"status": "In progress" if i < 2 else "Not started",
				"target_date": add_days(started, 60 + i * 20),
			}
			for i, (o, a) in enumerate(OBJECTIVES)
		],
		agreed_on=started,
	)
	if not frappe.db.exists("Meeting", {"duo": duo.name}):
		theme = "Workplace codes and organisation in Belgium"
		for i, offset in enumerate((0, 14, 30, 44, 60)):
			b.log_meeting(
				duo.name,
				add_days(started, offset),
				60 + (i % 2) * 30,
				summary="Point sur la recherche d'emploi et préparation de la prochaine étape.",
				themes=[
					{
						"theme": theme,
						"there": "Les horaires étaient souples.",
						"here": "Ici, la ponctualité compte beaucoup.",
						"comparison": "Plus de rigueur ici.",
						"verification": "Confirmé par le chef de chantier.",
						"conclusion": "Arriver 10 minutes avant.",
					}
				],
				objectives=[
					{
						"plan_objective": plan.objectives[i % 4].name,
						"objective": plan.objectives[i % 4].objective,
					}
				],
			)
		b.log_meeting(duo.name, add_days(started, 50), 15, kind="Phone call", summary="Appel de suivi")
	# The next meeting, planned: the portal's home and calendar show it.
	if not frappe.db.exists("Meeting", {"duo": duo.name, "status": "Planned"}):
		b.log_meeting(duo.name, add_days(today(), 6), 60, status="Planned", start_time="14:00:00")

	# Yonas and Marc: active, just started.
	b.start_duo(mentees["Yonas"], mentors["Marc"], add_days(today(), -10), coordinator=coordinator)
	# Mariam and Sophie: accepted, convention being signed.
	duo = b.propose_duo(mentees["Mariam"], mentors["Sophie"], coordinator=coordinator)
	if duo.status == "Proposed":
		duo = b.act(duo, "Accept")
	b.make_convention(duo.name, signed_on=None, submit=False)
	# Oleksandr and Thomas: proposed.
	b.propose_duo(mentees["Oleksandr"], mentors["Thomas"], coordinator=coordinator)
	# Fatou and Nathalie: completed six months ago, job found.
	duo = b.start_duo(mentees["Fatou"], mentors["Nathalie"], add_days(today(), -380), coordinator=coordinator)
	if duo.status == "Active" and not frappe.db.exists("Meeting", {"duo": duo.name}):
		for i in range(12):
			b.log_meeting(duo.name, add_days(duo.start_date, i * 14), 75)
		duo.reload()
		duo.end_reason = "Job found"
		duo.end_notes = "CDI comme aide-soignante dans une maison de repos."
		duo.save()
		b.act(duo, "Complete")

	load_programme_life(mentors, mentees, coordinator)
	load_liege(liege_coordinator)

	return {
		"Mentoring Coordinator (desk)": coordinator,
		"Mentoring Coordinator, Liège (desk)": liege_coordinator,
		"Network manager (desk)": network_manager,
		"Mentor": email("Claire", "Dubois"),
		"Mentee": email("Amina", "Haddad"),
		"Partner Organisation Contact": partner_login,
		"password": PASSWORD,
	}


def load_liege(coordinator: str) -> None:
	"""Liège's programme, open to the network's mentors: a Namur mentor of the youth programme who
	also serves it (their duo there is the demo's one duo across centres), a mentee waiting."""
	mentor = b.make_mentor(
		"Élodie",
		"Marchal",
		email("Elodie", "Marchal"),
		None,
		trained=True,
		capacity=2,
		centre=NAMUR,
		programmes=[{"programme": NAMUR_YOUTH}, {"programme": LIEGE_JOBS}],
		sector="Hospitality and catering",
		profession="Cheffe de cuisine",
		job_title="Cheffe de cuisine",
		workplace_postal_code="4000",
		workplace_municipality="Liège",
	)
	for first, last, address, sector, profession in (
		("Samir", "Benali", "samir.benali", "Hospitality and catering", "Cuisinier"),
		("Aïcha", "Diallo", "aicha.diallo", "Retail and sales", "Vendeuse"),
	):
		b.make_mentee(
			first,
			last,
			f"{address}@{DOMAIN}",
			programme=LIEGE_JOBS,
			status="Waiting for match",
			target_sector=sector,
			target_profession=profession,
			french_level="B1",
			preferred_language="fr",
			municipality="Liège",
			postal_code="4000",
		)
	samir = frappe.db.get_value("Mentee", {"email": email("Samir", "Benali")}, "name")
	b.start_duo(samir, mentor, add_days(today(), -30), coordinator=coordinator)


def load_programme_life(mentors: dict, mentees: dict, coordinator: str) -> None:
	"""Training, a network event, a check-in, follow-ups of the completed duo, a resource."""
	from n2w_mentoring.follow_up import create_follow_ups

	trained = [mentors[m] for m in ("Claire", "Marc", "Sophie", "Thomas", "Nathalie")]
	b.make_training_session(
		add_days(today(), -240),
		"Équipe mentorat du centre",
		[(m, "Attended") for m in trained],
		place="Rue Docteur Haibe 4, Namur",
		duration_hours=3,
	)
	b.make_training_session(
		add_days(today(), 14),
		"Équipe mentorat du centre",
		[(mentors["Pierre"], "Registered")],
		place="Rue Docteur Haibe 4, Namur",
		duration_hours=3,
		capacity=12,
	)
	b.make_network_event(
		"Les codes du travail en Belgique",
		add_days(today(), -20),
		[
			("Mentor", mentors["Claire"], "Attended"),
			("Mentee", mentees["Amina"], "Attended"),
			("Mentor", mentors["Marc"], "Absent"),
			("Mentee", mentees["Yonas"], "Attended"),
		],
		place="Namur",
		description="Témoignages d'employeurs et échanges entre duos.",
	)

	amina = frappe.db.get_value("Duo", {"mentee": mentees["Amina"], "mentor": mentors["Claire"]}, "name")
	if amina:
		b.make_check_in(
			amina,
			add_days(today(), -7),
			"Appel avec Amina : les rencontres se passent bien, CV presque prêt.",
			channel="Phone",
			coordinator=coordinator,
		)

	fatou = frappe.db.get_value("Duo", {"mentee": mentees["Fatou"], "mentor": mentors["Nathalie"]}, "name")
	if fatou and frappe.db.get_value("Duo", fatou, "status") == "Completed":
		create_follow_ups(frappe.get_doc("Duo", fatou))
		answers = {
			("Mentee", "3 months"): {"situation": "Employed", "contract_type": "Fixed-term"},
			("Mentee", "6 months"): {"situation": "Employed", "contract_type": "Permanent"},
			("Mentor", "3 months"): {"would_mentor_again": "Yes", "feedback": "Une belle expérience."},
		}
		for (person_type, milestone), answer in answers.items():
			name = frappe.db.get_value(
				"Post-Duo Follow-up",
				{
					"duo": fatou,
					"person_type": person_type,
					"milestone": milestone,
					"done_on": ("is", "not set"),
				},
				"name",
			)
			if name:
				doc = frappe.get_doc("Post-Duo Follow-up", name)
				doc.update({"done_on": doc.due_date, **answer})
				doc.save()

	if not frappe.db.exists("Mentoring Resource", {"title": "Réussir la première rencontre"}):
		frappe.get_doc(
			{
				"doctype": "Mentoring Resource",
				"title": "Réussir la première rencontre",
				"category": "Tips and tricks",
				"published": 1,
				"description": "<p>Se présenter, fixer le cadre, convenir du prochain rendez-vous.</p>",
			}
		).insert()


# --- Removing the demo -------------------------------------------------------------------------

DEMO_RESOURCE = "Réussir la première rencontre"


def _delete(doctype: str, names, ignore_on_trash: bool = False) -> int:
	for name in names:
		frappe.delete_doc(
			doctype,
			name,
			ignore_permissions=True,
			force=True,
			# An active or completed duo refuses deletion by hand; the demo's go with the rest of it.
			ignore_on_trash=ignore_on_trash or doctype == "Duo",
			delete_permanently=True,
		)
		# Its history goes with it: a record given the same name later (Frappe steps a naming series
		# back when its last record is deleted) must not inherit it.
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
	return len(names)


def _by_domain(doctype: str, field: str = "email") -> list[str]:
	return frappe.get_all(doctype, filters={field: ("like", f"%@{DOMAIN}")}, pluck="name")


def _prune_rows(doctype: str, table_doctype: str, field: str, people: set[str]) -> int:
	"""Remove the demo people's rows from ``doctype``; delete a record that only had demo people."""
	parents = set(
		frappe.get_all(
			table_doctype,
			filters={"parenttype": doctype, field: ("in", list(people) or [""])},
			pluck="parent",
		)
	)
	removed = 0
	for parent in parents:
		doc = frappe.get_doc(doctype, parent)
		others = [
			row for row in doc.get(doc.meta.get_table_fields()[0].fieldname) if row.get(field) not in people
		]
		if others:
			doc.set(doc.meta.get_table_fields()[0].fieldname, others)
			doc.flags.ignore_permissions = True
			doc.save()
		else:
			removed += _delete(doctype, [parent])
	return removed


def remove() -> dict:
	"""Delete what ``load()`` created, and nothing else; return how many records of each kind went.

	Demo records are found by the demo's e-mail domain and the demo's organisation names; running it
	again finds nothing left to delete.
	"""
	removed: dict[str, int] = {}
	users = _by_domain("User", "name")
	mentees = _by_domain("Mentee")
	mentors = _by_domain("Mentor")
	duos = frappe.get_all(
		"Duo",
		or_filters={"mentee": ("in", mentees or [""]), "mentor": ("in", mentors or [""])},
		pluck="name",
	)
	in_duos = {"duo": ("in", duos or [""])}
	for doctype in ("Meeting", "Duo Check-in", "Duo Survey", "Post-Duo Follow-up", "Action Plan"):
		removed[doctype] = _delete(doctype, frappe.get_all(doctype, filters=in_duos, pluck="name"))
	conventions = frappe.get_all(
		"Convention", filters=in_duos, fields=["name", "docstatus"], order_by="creation desc"
	)
	for convention in conventions:
		if convention.docstatus == 1:
			doc = frappe.get_doc("Convention", convention.name)
			doc.flags.ignore_permissions = True
			doc.cancel()
	removed["Convention"] = _delete("Convention", [c.name for c in conventions])
	removed["Duo"] = _delete("Duo", duos)

	people = set(mentees) | set(mentors)
	removed["Mentor Training Session"] = _prune_rows(
		"Mentor Training Session", "Mentor Training Attendance", "mentor", set(mentors)
	)
	removed["Network Event"] = _prune_rows("Network Event", "Network Event Participant", "party", people)
	references = [*people, *duos, *users]
	removed["Mentoring Reminder Log"] = _delete(
		"Mentoring Reminder Log",
		frappe.get_all(
			"Mentoring Reminder Log",
			or_filters={
				"recipient": ("like", f"%@{DOMAIN}"),
				"reference_name": ("in", references or [""]),
			},
			pluck="name",
		),
	)
	removed["Mentee"] = _delete("Mentee", mentees)
	removed["Mentor"] = _delete("Mentor", mentors)

	contacts = set(frappe.get_all("Contact", filters={"user": ("in", users or [""])}, pluck="name"))
	contacts |= set(
		frappe.get_all(
			"Contact Email",
			filters={"email_id": ("like", f"%@{DOMAIN}"), "parenttype": "Contact"},
			pluck="parent",
		)
	)
	removed["Contact"] = _delete("Contact", sorted(contacts))
	removed["Partner Organisation"] = _delete(
		"Partner Organisation",
		[
			name
			for name, *_ in ORGANISATIONS
			if frappe.db.exists("Partner Organisation", name) and not _in_use(name)
		],
	)
	removed["Mentoring Calendar Token"] = _delete(
		"Mentoring Calendar Token",
		frappe.get_all("Mentoring Calendar Token", filters={"user": ("in", users or [""])}, pluck="name"),
	)
	removed["Mentoring Resource"] = _delete(
		"Mentoring Resource",
		frappe.get_all("Mentoring Resource", filters={"title": DEMO_RESOURCE}, pluck="name"),
	)
	frappe.db.delete("User Permission", {"user": ("in", users or [""])})
	for user in users:
		# Frappe's own clean-up of a user, without its guard that another System Manager than
		# Administrator exists: the demo's users are no System Managers.
		doc = frappe.get_doc("User", user)
		doc.a_system_manager_should_exist = lambda: None
		doc.run_method("on_trash")
	removed["User"] = _delete("User", users, ignore_on_trash=True)

	removed["Mentoring Programme"] = _delete(
		"Mentoring Programme", [p for p in PROGRAMMES if frappe.db.exists("Mentoring Programme", p)]
	)
	removed["Mentoring Centre"] = _delete(
		"Mentoring Centre", [c for c in CENTRES if frappe.db.exists("Mentoring Centre", c)]
	)
	return {doctype: count for doctype, count in removed.items() if count}


def _in_use(organisation: str) -> bool:
	"""Whether anything other than the demo still refers to the organisation."""
	return any(
		frappe.db.exists(doctype, {"partner_organisation": organisation})
		for doctype in ("Mentor", "Duo", "Convention", "Post-Duo Follow-up")
	) or frappe.db.exists("Dynamic Link", {"link_doctype": "Partner Organisation", "link_name": organisation})
