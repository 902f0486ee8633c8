"""Install, migrate and uninstall: create what the app needs, only where it is missing.

Nothing here overwrites a record the host already has: roles, workflow states and actions that
exist are left as they are, and so are themes, sectors and settings a centre has edited.
"""

import frappe

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


def ensure_settings():
	settings = frappe.get_single("Mentoring Settings")
	changed = False
	for fieldname, value in DEFAULT_TERMS.items():
		if not settings.get(fieldname):
			settings.set(fieldname, value)
			changed = True
	for df in settings.meta.fields:
		if df.default and settings.get(df.fieldname) in (None, ""):
			settings.set(df.fieldname, df.default)
			changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()


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
