"""Matching on a real site: the whitelisted suggest_mentors method with 10,000 mentors.

Run with the bench's Python from the bench's sites folder, on a test site (never production):

    cd $BENCH/sites && N2W_SITE=n2w-test.localhost ../env/bin/python \\
        /path/to/app/benchmarks/bench_matching_site.py [--mentors 10000] [--repeat 10]

It inserts the mentors (e-mail domain @bench.example), commits, times the method as a coordinator,
then deletes everything it made and commits again.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import frappe
from frappe.utils import now

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_matching import LANGUAGES, LEVELS, PROFESSIONS, SLOTS, WORDS

DOMAIN = "bench.example"
POSTAL_CODES = [
	"1000",
	"1030",
	"1050",
	"1080",
	"4000",
	"5000",
	"5100",
	"5530",
	"6000",
	"7000",
	"8000",
	"9000",
]


def make_mentors(count: int, sectors: list[str]) -> None:
	rng = random.Random(3)
	stamp = now()
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "first_name", "last_name",
		"full_name", "email", "status", "capacity", "training_completed", "sector", "profession", "job_title",
		"expertise", "availability", "workplace_postal_code",
	]  # fmt: skip
	rows, languages = [], []
	for j in range(count):
		name = f"MTR-BENCH-{j:05d}"
		profession = rng.choice(PROFESSIONS)
		rows.append(
			(
				name, stamp, stamp, "Administrator", "Administrator", 0, "Bench", f"{j:05d}", f"Bench {j:05d}",
				f"mentor-{j}@{DOMAIN}", rng.choice(["Available"] * 8 + ["In duo", "Paused"]), rng.randint(1, 3),
				int(rng.random() < 0.9), rng.choice(sectors), profession, profession,
				" ".join(rng.sample(WORDS, 6)), ", ".join(rng.sample(SLOTS, 2)), rng.choice(POSTAL_CODES),
			)
		)  # fmt: skip
		for k, code in enumerate(["fr", *rng.sample(LANGUAGES[1:], rng.randint(0, 2))]):
			level = "Native" if code == "fr" else rng.choice(LEVELS)
			languages.append(
				(f"{name}-L{k}", stamp, stamp, "Administrator", "Administrator", 0, name, "Mentor", "languages", k + 1, code, level)
			)  # fmt: skip
	frappe.db.bulk_insert("Mentor", fields, rows, chunk_size=2000)
	frappe.db.bulk_insert(
		"Mentoring Language Skill",
		["name", "creation", "modified", "owner", "modified_by", "docstatus", "parent", "parenttype", "parentfield", "idx", "language", "level"],
		languages,
		chunk_size=5000,
	)  # fmt: skip


def clean_up() -> None:
	frappe.db.delete("Mentoring Language Skill", {"parent": ("like", "MTR-BENCH-%")})
	frappe.db.delete("Mentor", {"name": ("like", "MTR-BENCH-%")})
	for mentee in frappe.get_all("Mentee", {"email": ("like", f"%@{DOMAIN}")}, pluck="name"):
		frappe.delete_doc("Mentee", mentee, force=True, ignore_permissions=True)
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--mentors", type=int, default=10_000)
	parser.add_argument("--repeat", type=int, default=10)
	args = parser.parse_args()
	site = os.environ.get("N2W_SITE", "n2w-test.localhost")
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		from n2w_mentoring.api import matching
		from n2w_mentoring.demo import builders as b

		clean_up()
		sectors = frappe.get_all("Professional Sector", pluck="name")
		make_mentors(args.mentors, sectors)
		mentee = b.make_mentee(
			"Bench",
			"Mentee",
			f"mentee@{DOMAIN}",
			target_sector="Construction",
			target_profession="Ingénieure civile",
			aspirations="chantier gestion projet sécurité",
			availability="mardi soir, samedi matin",
			postal_code="5000",
			french_level="B1",
			languages=[{"language": "ar", "level": "Native"}],
		)
		coordinator = b.make_user(f"coordinator@{DOMAIN}", "Bench", "Coordinator", ["Mentoring Coordinator"])
		frappe.db.commit()
		print(f"site {site}: {frappe.db.count('Mentor')} mentors")
		frappe.set_user(coordinator)

		def call():
			frappe.local.document_cache = {}
			start = time.perf_counter()
			result = matching.suggest_mentors(mentee)
			return time.perf_counter() - start, result

		first, result = call()
		times = [call()[0] for _ in range(args.repeat)]
		print(f"suggest_mentors, first call in this process (profiles read): {first * 1000:.0f} ms")
		print(
			f"suggest_mentors, next {args.repeat} calls: median {statistics.median(times) * 1000:.0f} ms, "
			f"max {max(times) * 1000:.0f} ms"
		)
		print(f"  best: {result['suggestions'][0]['score']} — {result['suggestions'][0]['summary']}")
	finally:
		frappe.set_user("Administrator")
		clean_up()
		frappe.db.delete("Has Role", {"parent": f"coordinator@{DOMAIN}"})
		frappe.db.delete("User", {"name": f"coordinator@{DOMAIN}"})
		frappe.db.commit()
		frappe.destroy()


if __name__ == "__main__":
	main()
