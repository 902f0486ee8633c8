"""Heavy work runs in Frappe's background workers: a real RQ worker of the bench, started by the test
against the same Redis, takes the jobs that a coordinator queues over HTTP, publishes their progress
and keeps each result for the person who asked."""

from __future__ import annotations

import json
import time

import frappe
import pytest
from conftest import SITE, start_worker
from support import acting_as, login

from n2w_mentoring import jobs

START = "/api/method/n2w_mentoring.jobs.start"
RESULT = "/api/method/n2w_mentoring.jobs.result"


@pytest.fixture(scope="module")
def worker(site):
	process = start_worker()
	yield process
	process.terminate()
	process.wait(timeout=30)


@pytest.fixture
def events():
	"""What Frappe publishes for the browser (progress, realtime events), as its socket.io server
	reads it from Redis."""
	from frappe.utils.background_jobs import get_redis_connection_without_auth

	pubsub = get_redis_connection_without_auth().pubsub()
	pubsub.subscribe("events")
	seen = []

	def read():
		while message := pubsub.get_message(timeout=0.1):
			if message["type"] == "message":
				data = json.loads(message["data"])
				if data.get("namespace") == SITE:
					seen.append(data)
		return seen

	yield read
	pubsub.close()


def wait_for(session, base: str, job_id: str, seconds: int = 120) -> dict:
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		answer = session.get(f"{base}{RESULT}", params={"job_id": job_id}, timeout=10)
		assert answer.ok, answer.text[:300]
		message = answer.json()["message"]
		if message["done"]:
			return message
		time.sleep(0.5)
	raise AssertionError(f"job {job_id} was not done by the worker within {seconds} s")


def queue(session, base: str, job: str, args: dict | None = None) -> str:
	response = session.post(f"{base}{START}", json={"job": job, "args": args or {}}, timeout=10)
	assert response.ok, response.text[:300]
	return response.json()["message"]


def test_the_worker_runs_a_cohort_proposal_with_progress_for_the_asker_only(world, server, worker, events):
	world.mentee(status="Waiting for match", target_sector="Construction", target_profession="Maçon")
	world.mentor(sector="Construction", profession="Maçon")
	frappe.db.commit()
	coordinator = login(server, world.coordinator)

	job_id = queue(coordinator, server, "cohort_proposal")
	answer = wait_for(coordinator, server, job_id)

	assert answer["result"]["pairs"], answer
	published = events()
	progress = [e["message"]["percent"] for e in published if e["event"] == "progress"]
	assert progress == [5, 100]
	assert {e["room"] for e in published if e["event"] == "progress"} == {f"user:{world.coordinator}"}
	done = [e for e in published if e["event"] == "n2w_job_done"]
	assert [e["message"]["job_id"] for e in done] == [job_id]
	# Someone else, staff included, cannot read it.
	manager = login(server, world.manager)
	assert manager.get(f"{server}{RESULT}", params={"job_id": job_id}, timeout=10).status_code == 403


def test_the_worker_makes_the_funder_export_a_private_file_of_the_asker(world, server, worker):
	coordinator = login(server, world.coordinator)
	job_id = queue(coordinator, server, "funder_export", {"file_format": "csv"})
	answer = wait_for(coordinator, server, job_id)

	url = answer["result"]["file_url"]
	assert url.startswith("/private/files/") and url.endswith(".csv")
	assert coordinator.get(f"{server}{url}", timeout=10).ok
	assert login(server, world.host_user).get(f"{server}{url}", timeout=10).status_code == 403
	frappe.db.rollback()
	assert frappe.db.get_value("File", {"file_url": url}, "owner") == world.coordinator


@pytest.mark.parametrize("who", ["mentor", "partner", "host_user"])
def test_only_staff_queue_jobs(world, server, who):
	user = world.user_of("Mentor", world.mentor(with_user=True)) if who == "mentor" else getattr(world, who)
	frappe.db.commit()
	response = login(server, user).post(f"{server}{START}", json={"job": "cohort_proposal"}, timeout=10)
	assert response.status_code == 403


def test_a_job_is_started_by_post_only(world, server):
	response = login(server, world.coordinator).get(
		f"{server}{START}", params={"job": "cohort_proposal"}, timeout=10
	)
	assert response.status_code in (403, 405)


def test_an_unknown_job_is_refused(world):
	with acting_as(world.coordinator), pytest.raises(frappe.ValidationError, match="drop_everything"):
		jobs.start("drop_everything")
