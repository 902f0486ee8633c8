"""Heavy work in Frappe's background workers, with its progress shown to the user who asked.

``start`` (POST, programme staff) queues a job on the ``long`` queue of Frappe's RQ workers and
answers at once with the job's id; the worker runs it as that user, publishes its progress
(``frappe.publish_progress``, shown by the desk as a progress bar) and keeps the result for an hour
for that user alone, who fetches it with ``result`` (or is told by the realtime event
``n2w_job_done``). A network of centres grows by adding workers.
"""

from __future__ import annotations

import frappe
from frappe import _

from n2w_mentoring.api.matching import check_staff

RESULT_SECONDS = 3600
JOBS = {
	# name: (what runs it, its title)
	"cohort_proposal": ("n2w_mentoring.api.matching.cohort_proposal", "Cohort proposal"),
	"funder_export": ("n2w_mentoring.jobs.funder_export_to_file", "Funder export"),
}


def _key(job_id: str) -> str:
	return f"n2w_mentoring:job:{job_id}"


@frappe.whitelist(methods=["POST"])
def start(job: str, args: dict | str | None = None) -> str:
	"""Queue ``job`` with ``args``; answer its id."""
	check_staff()
	if job not in JOBS:
		frappe.throw(_("Unknown job {0}.").format(job), frappe.ValidationError)
	job_id = frappe.generate_hash(length=16)
	frappe.enqueue(
		"n2w_mentoring.jobs.run",
		queue="long",
		timeout=1800,
		enqueue_after_commit=True,
		# ``job_id`` is frappe.enqueue's own argument (the RQ job's id): the method gets ``ticket``.
		job_id=job_id,
		job=job,
		ticket=job_id,
		user=frappe.session.user,
		args=frappe.parse_json(args) or {},
	)
	return job_id


def run(job: str, ticket: str, user: str, args: dict) -> None:
	"""In the worker: run the job as the user who queued it, with progress, and keep its result."""
	method, title = JOBS[job]
	frappe.set_user(user)
	frappe.publish_progress(5, title=_(title), description=_("Working…"))
	outcome = frappe.get_attr(method)(**args)
	frappe.cache.set_value(_key(ticket), {"user": user, "result": outcome}, expires_in_sec=RESULT_SECONDS)
	frappe.publish_progress(100, title=_(title), description=_("Done"))
	frappe.publish_realtime("n2w_job_done", {"job_id": ticket, "job": job}, user=user)


@frappe.whitelist()
def result(job_id: str) -> dict:
	"""The job's result once it is done; only the user who queued it may read it."""
	stored = frappe.cache.get_value(_key(job_id))
	if not stored:
		return {"done": False}
	if stored["user"] != frappe.session.user:
		raise frappe.PermissionError(_("This job was queued by someone else."))
	return {"done": True, "result": stored["result"]}


def funder_export_to_file(
	from_date=None,
	to_date=None,
	partner_organisation=None,
	file_format="xlsx",
	programme=None,
	centre=None,
	intake=None,
) -> dict:
	"""The funder export as a private file of the user's, for a download link (the report's filters)."""
	from frappe.utils.file_manager import save_file

	from n2w_mentoring.kpis import funder_export_file

	filename, content = funder_export_file(
		from_date, to_date, partner_organisation, file_format, programme, centre, intake
	)
	file = save_file(filename, content, None, None, is_private=1)
	return {"file_url": file.file_url, "file_name": filename}
