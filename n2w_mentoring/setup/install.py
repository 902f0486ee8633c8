"""Install, migrate and uninstall: create what the app needs, only where it is missing.

Nothing here overwrites a record the host already has: roles, workflow states and actions that
exist are left as they are, and so are themes, sectors, centres and programmes a site has edited.
"""

import frappe
from frappe.utils import cint

from n2w_mentoring.programme import lifecycle

ROLES = {
	# role: desk access
	"Mentoring Manager": 1,
	"Mentoring Coordinator": 1,
	"Mentor": 0,
	"Mentee": 0,
	"Partner Organisation Contact": 0,
}

WORKFLOW = "Duo Lifecycle"

# The five themes of the seeds (names in English, shown translated).
THEMES = {
	"Workplace codes and organisation in Belgium": "The codes and the organisation of a workplace in Belgium.",
	"Competences expected for a trade, a sector, a company": "What a trade, a sector or a company expects.",
	"Working conditions: salary, hours, workload": "Representations of working conditions.",
	"Competences, diplomas and certifications": "Competences, diplomas, certifications and their recognition.",
	"Presenting oneself and building a professional network": "Presenting oneself in a professional "
	"setting and building a network.",
}

SECTORS = (
	"Administration and office work",
	"Agriculture and horticulture",
	"Arts and culture",
	"Cleaning and facility services",
	"Construction",
	"Education and training",
	"Engineering",
	"Finance and insurance",
	"Health and care",
	"Hospitality and catering",
	"Industry and manufacturing",
	"Information technology",
	"Logistics and transport",
	"Public administration",
	"Retail and sales",
	"Social work",
)

DEFAULT_TERMS = {
	"confidentiality": (
		"Les parties s'engagent à garder confidentielles les informations personnelles échangées "
		"pendant le mentorat. Le mentor ne transmet aucune information sur le mentee à son employeur "
		"ou à des tiers sans l'accord du mentee."
	),
	"roles_text": (
		"<p><b>Le mentee</b> prend une part active au mentorat, prépare les rencontres et informe le "
		"C.A.I. de l'évolution de sa recherche d'emploi.</p>"
		"<p><b>Le mentor</b> partage son expérience professionnelle, accueille le mentee sur son lieu "
		"de travail et l'aide à comprendre les codes de son métier et de son secteur.</p>"
		"<p><b>Le centre</b> forme les mentors, suit le duo et anime la dynamique de réseau.</p>"
		"<p><b>L'organisation partenaire</b> permet à son employé de consacrer du temps au mentorat.</p>"
	),
	"axes_text": (
		"<ol><li>Accompagnement co-construit : sur base d'une analyse commune, un accompagnement sur "
		"mesure.</li><li>Accompagnement concret : intégrer le savoir-être attendu par les "
		"entreprises.</li><li>Soutien moral : renforcer la confiance en soi et l'estime de soi.</li>"
		"<li>Accompagnement relationnel : développer et élargir le réseau professionnel.</li>"
		"<li>Accompagnement technique : identifier ses points forts et ses qualités professionnelles, "
		"mieux se connaître pour mieux se présenter.</li></ol>"
	),
}


def before_install():
	ensure_roles()
	ensure_workflow_masters()


def after_install():
	after_migrate()


def before_migrate():
	ensure_roles()
	ensure_workflow_masters()


def after_migrate():
	ensure_roles()
	ensure_workflow_masters()
	ensure_themes()
	ensure_sectors()
	ensure_settings()
	ensure_import_permissions()
	ensure_mentee_languages()


def ensure_mentee_languages():
	"""The Language records of the mentee languages Frappe does not ship (Tigrinya, Dari, easy-to-read
	French), added when missing: a host's own record of the same name is left as it is."""
	from n2w_mentoring.programme.languages import ADDED_LANGUAGES

	for code, name, based_on in ADDED_LANGUAGES:
		if frappe.db.exists("Language", code):
			continue
		doc = frappe.get_doc(
			{"doctype": "Language", "language_code": code, "language_name": name, "enabled": 1}
		)
		if based_on and frappe.db.exists("Language", based_on):
			doc.based_on = based_on
		doc.insert(ignore_permissions=True)


def ensure_import_permissions():
	"""Programme staff use Frappe's Data Import for the programme's records (n2w_mentoring/importing.py
	limits them to those): custom permissions on Data Import and on its log (read), added once,
	never widened."""
	from frappe.permissions import add_permission, update_permission_property

	for doctype, ptypes in (("Data Import", ("create", "write")), ("Data Import Log", ())):
		for role in lifecycle.STAFF:
			if frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				continue
			add_permission(doctype, role, 0)
			for ptype in ptypes:
				update_permission_property(doctype, role, 0, ptype, 1, validate=False)


def ensure_roles():
	for role, desk_access in ROLES.items():
		if not frappe.db.exists("Role", role):
			frappe.get_doc(
				{"doctype": "Role", "role_name": role, "desk_access": desk_access, "is_custom": 0}
			).insert(ignore_permissions=True)


def ensure_workflow_masters():
	for state in lifecycle.STATES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": state,
					"style": lifecycle.STATE_STYLE[state],
				}
			).insert(ignore_permissions=True)
	for action in lifecycle.ACTIONS:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def ensure_themes():
	for name, description in THEMES.items():
		if not frappe.db.exists("Intercultural Theme", name):
			frappe.get_doc(
				{"doctype": "Intercultural Theme", "theme_name": name, "description": description}
			).insert(ignore_permissions=True)


def ensure_sectors():
	for name in SECTORS:
		if not frappe.db.exists("Professional Sector", name):
			frappe.get_doc({"doctype": "Professional Sector", "sector_name": name}).insert(
				ignore_permissions=True
			)


# What a programme holds and Mentoring Settings held before the network (patches/one_centre_one_programme.py).
PROGRAMME_FIELDS = (
	"programme_months",
	"max_meetings",
	"meetings_per_month",
	"max_meeting_minutes",
	"training_required",
	"consent_notice_version",
	"default_meeting_place",
	"confidentiality",
	"roles_text",
	"axes_text",
	"match_weight_sector",
	"match_weight_profession",
	"match_weight_expertise",
	"match_weight_languages",
	"match_weight_distance",
	"match_weight_availability",
	"match_weight_preferences",
	"match_max_distance_km",
	"match_suggestions",
	"remind_upcoming_meeting",
	"remind_log_meeting",
	"remind_convention",
	"remind_follow_up",
	"coordinator_digest",
)
# The centre's fields in Mentoring Settings before the network → Mentoring Centre's.
CENTRE_FIELDS = {
	"centre_name": "centre_name",
	"centre_address": "address",
	"centre_email": "email",
	"centre_phone": "phone",
	"centre_logo": "logo",
}
DEFAULT_CENTRE = "Centre"
DEFAULT_PROGRAMME = "Mentoring programme"


def ensure_settings():
	ensure_network()


def ensure_network(old: dict | None = None) -> str:
	"""A site without a programme gets one centre and one programme (from ``old``, the values of
	Mentoring Settings before the network, else the defaults), made the default programme."""
	settings = frappe.get_single("Mentoring Settings")
	if settings.default_programme and frappe.db.exists("Mentoring Programme", settings.default_programme):
		return settings.default_programme
	existing = frappe.get_all("Mentoring Programme", pluck="name", order_by="creation", limit=1)
	name = existing[0] if existing else make_programme(old or {}).name
	settings.default_programme = name
	settings.flags.ignore_permissions = True
	settings.save()
	return name


def make_programme(old: dict):
	centre_name = (old.get("centre_name") or "").strip() or DEFAULT_CENTRE
	if not frappe.db.exists("Mentoring Centre", centre_name):
		centre = frappe.new_doc("Mentoring Centre")
		for before, after in CENTRE_FIELDS.items():
			centre.set(after, old.get(before))
		centre.centre_name = centre_name
		centre.insert(ignore_permissions=True)
	programme = frappe.new_doc("Mentoring Programme")
	programme.programme_name = DEFAULT_PROGRAMME
	programme.centre = centre_name
	for fieldname in PROGRAMME_FIELDS:
		value = old.get(fieldname)
		if value not in (None, ""):
			# Singles hold text: a number or a switch is read back as one.
			numeric = programme.meta.get_field(fieldname).fieldtype in ("Int", "Check")
			programme.set(fieldname, cint(value) if numeric else value)
		elif fieldname in DEFAULT_TERMS:
			programme.set(fieldname, DEFAULT_TERMS[fieldname])
	return programme.insert(ignore_permissions=True)


def before_uninstall():
	if frappe.db.exists("Workflow", WORKFLOW):
		frappe.delete_doc("Workflow", WORKFLOW, ignore_permissions=True, force=True)
	frappe.db.delete("Workflow Action", {"reference_doctype": ("in", ["Duo"])})


def after_uninstall():
	for role in ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
	# Frappe commits before this hook and not after it.
	frappe.db.commit()  # nosemgrep
	frappe.clear_cache()
