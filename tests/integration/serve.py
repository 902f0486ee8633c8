"""Serve one site on 127.0.0.1 for the HTTP tests: python serve.py SITE SITES_PATH PORT."""

import sys

import frappe.app
from werkzeug.serving import run_simple

frappe.app._site, frappe.app._sites_path, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
# Serve /assets and /files too, as `bench serve` does, so that pages work in a browser.
application = frappe.app.application_with_statics()
run_simple("127.0.0.1", port, application, threaded=True, use_reloader=False, use_debugger=False)
