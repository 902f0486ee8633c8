app_name = "n2w_mentoring"
app_title = "N2W Mentoring"
app_publisher = "n2w_mentoring contributors"
app_description = "Professional and intercultural mentoring programmes: mentees, mentors, duos, conventions"
app_email = "mentoring@example.org"
app_license = "agpl-3.0"

# The org/repo form resolves without a network look-up.
required_apps = ["frappe/frappe"]

export_python_type_annotations = True

# Installation
# ------------
before_install = "n2w_mentoring.setup.install.before_install"
after_install = "n2w_mentoring.setup.install.after_install"
before_migrate = "n2w_mentoring.setup.install.before_migrate"
after_migrate = "n2w_mentoring.setup.install.after_migrate"
before_uninstall = "n2w_mentoring.setup.install.before_uninstall"
after_uninstall = "n2w_mentoring.setup.install.after_uninstall"

# Only the app's own records, by name: migrate never touches the host's other workflows.
fixtures = [
	{"dt": "Workflow", "filters": [["name", "in", ["Duo Lifecycle"]]]},
]

# Desk
# ----
doctype_js = {
	"Duo": "public/js/duo.js",
	"Meeting": "public/js/meeting.js",
	"Convention": "public/js/convention.js",
	"Mentee": ["public/js/matching.js", "public/js/mentee.js"],
	"Mentor": ["public/js/matching.js", "public/js/mentor.js"],
	"Data Import": "public/js/data_import.js",
}
doctype_list_js = {
	"Duo": "public/js/duo_list.js",
	"Meeting": "public/js/meeting_list.js",
}

# Portal
# ------
# Pages under /mentoring, and their 403 and 404 pages, on the portal's light frame (portal/renderer.py).
page_renderer = ["n2w_mentoring.portal.renderer.PortalPage"]

# Permissions: each pair is written side by side in n2w_mentoring/permissions.py
permission_query_conditions = {
	"Duo": "n2w_mentoring.permissions.duo_query",
	"Meeting": "n2w_mentoring.permissions.duo_child_query",
	"Convention": "n2w_mentoring.permissions.duo_child_query",
	"Action Plan": "n2w_mentoring.permissions.duo_child_query",
	"Post-Duo Follow-up": "n2w_mentoring.permissions.duo_child_query",
	"Duo Survey": "n2w_mentoring.permissions.duo_child_query",
	"Duo Check-in": "n2w_mentoring.permissions.duo_child_query",
	"Mentee": "n2w_mentoring.permissions.mentee_query",
	"Mentor": "n2w_mentoring.permissions.mentor_query",
	"Partner Organisation": "n2w_mentoring.permissions.partner_organisation_query",
	"Mentoring Resource": "n2w_mentoring.permissions.mentoring_resource_query",
	"Mentee Protected Data": "n2w_mentoring.permissions.protected_data_query",
	"Mentoring Programme": "n2w_mentoring.permissions.programme_query",
}

has_permission = {
	"Duo": "n2w_mentoring.permissions.has_duo_permission",
	"Meeting": "n2w_mentoring.permissions.has_duo_child_permission",
	"Convention": "n2w_mentoring.permissions.has_duo_child_permission",
	"Action Plan": "n2w_mentoring.permissions.has_duo_child_permission",
	"Post-Duo Follow-up": "n2w_mentoring.permissions.has_duo_child_permission",
	"Duo Survey": "n2w_mentoring.permissions.has_duo_child_permission",
	"Duo Check-in": "n2w_mentoring.permissions.has_duo_child_permission",
	"Mentee": "n2w_mentoring.permissions.has_mentee_permission",
	"Mentor": "n2w_mentoring.permissions.has_mentor_permission",
	"Partner Organisation": "n2w_mentoring.permissions.has_partner_organisation_permission",
	"Mentoring Resource": "n2w_mentoring.permissions.has_mentoring_resource_permission",
	"Mentee Protected Data": "n2w_mentoring.permissions.has_protected_data_permission",
	"Mentoring Programme": "n2w_mentoring.permissions.has_programme_permission",
}

# Child tables: only the rows of parents the user may read, in tables at a level they may read.
CHILD_TABLES = (
	"Action Plan Objective",
	"Convention Signatory",
	"Meeting Objective",
	"Meeting Theme",
	"Mentee Diploma",
	"Mentee Mentor Exclusion",
	"Mentor Programme",
	"Mentor Training Attendance",
	"Mentoring Language Skill",
	"Mentoring Programme Intake",
	"Network Event Participant",
	"Partner Organisation New Contact",
)
permission_query_conditions.update(
	{child: "n2w_mentoring.permissions.child_row_query" for child in CHILD_TABLES}
)
has_permission.update({child: "n2w_mentoring.permissions.has_child_row_permission" for child in CHILD_TABLES})
# Staff import the programme's records with Frappe's Data Import (n2w_mentoring/importing.py).
permission_query_conditions["Data Import"] = "n2w_mentoring.permissions.data_import_query"
has_permission["Data Import"] = "n2w_mentoring.permissions.has_data_import_permission"
permission_query_conditions["Data Import Log"] = "n2w_mentoring.permissions.data_import_log_query"
has_permission["Data Import Log"] = "n2w_mentoring.permissions.has_data_import_log_permission"
override_doctype_class = {"Data Import": "n2w_mentoring.importing.DataImport"}

# Scheduled jobs
# --------------
scheduler_events = {
	"daily": [
		"n2w_mentoring.tasks.flag_duos_due_for_closure",
		"n2w_mentoring.data_protection.retention.apply_retention_policy",
		"n2w_mentoring.tasks.refresh_duo_health",
		"n2w_mentoring.tasks.assign_due_follow_ups",
		"n2w_mentoring.tasks.send_reminders",
	],
	"weekly": [
		"n2w_mentoring.tasks.send_coordinator_digest",
	],
}

# Printing
# --------
# The print formats (mentoring/print_format/) read everything through this method, in the
# document's own language: see n2w_mentoring/printing.py.
jinja = {
	"methods": ["n2w_mentoring.printing.n2w_print_context"],
}

# Which centres take mentors from the network is kept in Redis until a programme changes.
clear_cache = ["n2w_mentoring.network.forget_network_matching"]

# Data protection: sharing never opens a record to the wrong person; attached files are private.
doc_events = {
	"DocShare": {"validate": "n2w_mentoring.data_protection.sharing.guard_share"},
	"File": {"before_insert": "n2w_mentoring.data_protection.sharing.make_file_private"},
	# Staff see their centre: the centres read in a request follow a User Permission's change.
	"User Permission": {
		"on_update": "n2w_mentoring.network.forget_centres",
		"on_trash": "n2w_mentoring.network.forget_centres",
	},
	# A duo that completes or ends early gets its post-duo follow-ups (n2w_mentoring/follow_up.py).
	"Duo": {"on_update": "n2w_mentoring.follow_up.on_duo_update"},
	# A save never reaches a child row of another record (data_protection/child_rows.py).
	**{
		doctype: {"validate": "n2w_mentoring.data_protection.child_rows.guard_child_rows"}
		for doctype in (
			"Action Plan",
			"Convention",
			"Meeting",
			"Mentee",
			"Mentor",
			"Mentor Training Session",
			"Network Event",
		)
	},
}

# Imports (n2w_mentoring/importing.py): a row already imported is refused; imported duos reach their
# state through the Workflow; a convention signed on paper is recorded as signed by every party.
IMPORT_EVENTS = {
	"Mentor": {"before_insert": "n2w_mentoring.importing.before_insert"},
	"Mentee": {"before_insert": "n2w_mentoring.importing.before_insert"},
	"Duo": {
		"before_insert": "n2w_mentoring.importing.before_insert",
		"after_insert": "n2w_mentoring.importing.duo_after_insert",
	},
	"Meeting": {"before_insert": "n2w_mentoring.importing.before_insert"},
	"Convention": {
		"before_validate": "n2w_mentoring.importing.convention_before_validate",
		"after_insert": "n2w_mentoring.importing.convention_after_insert",
		"on_submit": "n2w_mentoring.importing.convention_on_submit",
	},
	"Data Import": {"validate": "n2w_mentoring.importing.guard_data_import"},
}
for doctype, events in IMPORT_EVENTS.items():
	doc_events.setdefault(doctype, {}).update(events)

# Read paths Frappe v15 leaves open: see n2w_mentoring/data_protection/read_paths.py
override_whitelisted_methods = {
	"frappe.client.get_count": "n2w_mentoring.data_protection.read_paths.get_count",
	"frappe.desk.search.get_link_title": "n2w_mentoring.data_protection.read_paths.get_link_title",
	"frappe.desk.form.load.getdoc": "n2w_mentoring.data_protection.read_paths.getdoc",
	"frappe.desk.form.load.get_docinfo": "n2w_mentoring.data_protection.read_paths.get_docinfo",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": (
		"n2w_mentoring.data_protection.read_paths.get_submitted_linked_docs"
	),
	# Concurrent saves of the app's records: retried once on a deadlock, never a server error
	# (n2w_mentoring/concurrency.py); any other DocType goes straight to Frappe's method.
	"frappe.desk.form.save.savedocs": "n2w_mentoring.concurrency.savedocs",
	"frappe.desk.form.save.cancel": "n2w_mentoring.concurrency.cancel",
	"frappe.client.insert": "n2w_mentoring.concurrency.client_insert",
	"frappe.client.insert_many": "n2w_mentoring.concurrency.client_insert_many",
	"frappe.client.save": "n2w_mentoring.concurrency.client_save",
	"frappe.client.set_value": "n2w_mentoring.concurrency.client_set_value",
	"frappe.client.submit": "n2w_mentoring.concurrency.client_submit",
	"frappe.client.cancel": "n2w_mentoring.concurrency.client_cancel",
	"frappe.client.delete": "n2w_mentoring.concurrency.client_delete",
	"frappe.model.workflow.apply_workflow": "n2w_mentoring.concurrency.apply_workflow",
}
before_request = [
	"n2w_mentoring.data_protection.read_paths.guard_protected_queries",
	"n2w_mentoring.replica.before_request",
]
# While the read replica is down, requests and jobs read from the main database (replica.py).
before_job = ["n2w_mentoring.replica.before_request"]
after_request = ["n2w_mentoring.replica.after_request", "n2w_mentoring.concurrency.answer_conflicts"]
