"""The site's WSGI application for gunicorn in the tests: gunicorn --pythonpath THIS_FOLDER gunicorn_app:application.

The served site keeps the same (frozen) time as the tests that call it (clock.py); with
``--preload`` the clock is frozen once, before the workers are forked.
"""

import clock

clock.start()

from frappe.app import application  # noqa: E402

__all__ = ["application"]
