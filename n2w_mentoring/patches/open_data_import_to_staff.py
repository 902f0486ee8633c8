"""Programme staff import the programme's records with Frappe's Data Import (docs/import.md)."""

from n2w_mentoring.setup.install import ensure_import_permissions


def execute():
	ensure_import_permissions()
