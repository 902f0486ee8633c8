"""Serve one site on 127.0.0.1 for the HTTP tests: python serve.py SITE SITES_PATH PORT."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import clock

# The served site keeps the same (frozen) time as the tests that call it.
clock.start()

import frappe.app  # noqa: E402
from werkzeug.serving import run_simple  # noqa: E402

frappe.app._site, frappe.app._sites_path, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
# Serve /assets and /files too, as `bench serve` does, so that pages work in a browser.
application = frappe.app.application_with_statics()
run_simple("127.0.0.1", port, application, threaded=True, use_reloader=False, use_debugger=False)
