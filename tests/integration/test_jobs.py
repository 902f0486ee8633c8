"""Heavy work is queued on Frappe's background workers, shows progress, and its result is the asker's."""

import frappe
import pytest
from support import acting_as

from n2w_mentoring import jobs


@pytest.fixture
def queued(monkeypatch):
	calls = []
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kwargs: calls.append((method, kwargs)))
	return calls


@pytest.fixture
def progress(monkeypatch):
	seen = []
	monkeypatch.setattr(frappe, "publish_progress", lambda percent, **kwargs: seen.append(percent))
	monkeypatch.setattr(frappe, "publish_realtime", lambda *args, **kwargs: seen.append(args[0]))
	return seen


def test_a_cohort_proposal_is_queued_on_the_long_queue(world, queued):
	with acting_as(world.coordinator):
		job_id = jobs.start("cohort_proposal")
	method, kwargs = queued[0]
	assert method == "n2w_mentoring.jobs.run" and kwargs["queue"] == "long"
	assert kwargs["job_id"] == job_id and kwargs["user"] == world.coordinator


def test_the_worker_runs_it_with_progress_and_keeps_the_result_for_the_asker(world, progress):
	world.mentee(status="Waiting for match", target_sector="Construction", target_profession="Maçon")
	world.mentor(sector="Construction", profession="Maçon")
	jobs.run("cohort_proposal", "test-job-1", world.coordinator, {})
	percents = [p for p in progress if isinstance(p, int)]
	assert percents == [5, 100] and "n2w_job_done" in progress
	with acting_as(world.coordinator):
		answer = jobs.result("test-job-1")
	assert answer["done"] and answer["result"]["pairs"]
	with acting_as(world.manager), pytest.raises(frappe.PermissionError):
		jobs.result("test-job-1")


def test_the_funder_export_becomes_a_private_file_of_the_asker(world, progress):
	jobs.run("funder_export", "test-job-2", world.coordinator, {"file_format": "csv"})
	with acting_as(world.coordinator):
		answer = jobs.result("test-job-2")
	assert answer["result"]["file_url"].startswith("/private/files/")


@pytest.mark.parametrize("who", ["mentor", "partner", "host_user"])
def test_only_staff_queue_jobs(world, queued, who):
	user = world.user_of("Mentor", world.mentor(with_user=True)) if who == "mentor" else getattr(world, who)
	with acting_as(user), pytest.raises(frappe.PermissionError):
		jobs.start("cohort_proposal")
	assert not [method for method, _ in queued if method == "n2w_mentoring.jobs.run"]


def test_an_unknown_job_is_refused(world, queued):
	with acting_as(world.coordinator), pytest.raises(frappe.ValidationError):
		jobs.start("drop_everything")
