"""Matching benchmark, plain Python (no site): ranking 10,000 mentors for one mentee, and a cohort.

    python benchmarks/bench_matching.py [--mentors 10000] [--cohort 1000] [--repeat 7]

Prints the median time of each step and the cohort's peak memory (tracemalloc, which sees numpy's
arrays, and the process's maximum resident size).
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from n2w_mentoring.programme.matching.assignment import assign, propose_cohort
from n2w_mentoring.programme.matching.geography import centroids
from n2w_mentoring.programme.matching.scoring import (
	MatchSettings,
	Mentee,
	Mentor,
	Sectors,
	components,
	rank,
)

SECTORS = [
	"Construction", "Engineering", "Health and care", "Social work", "Information technology",
	"Industry and manufacturing", "Hospitality and catering", "Retail and sales", "Logistics and transport",
	"Administration and office work", "Public administration", "Education and training",
]  # fmt: skip
PROFESSIONS = [
	"Conductrice de chantier", "Ingénieur civil", "Maçon", "Infirmier", "Aide-soignante", "Développeuse web",
	"Informaticien", "Chef d'atelier", "Soudeur", "Cuisinier", "Serveuse", "Vendeuse", "Magasinier",
	"Chauffeur poids lourd", "Comptable", "Secrétaire", "Éducatrice", "Électricien", "Formateur",
]  # fmt: skip
WORDS = (
	"chantier sécurité projet soins patients code web réseau gestion équipe atelier soudure cuisine "
	"clients stock permis comptabilité bureau enfants installation formation logiciel données"
).split()
SLOTS = ["mardi soir", "samedi matin", "lundi", "week-end", "jeudi après-midi", "soirs", "mercredi matin"]
LANGUAGES = ["fr", "nl", "en", "ar", "ti", "ps", "fa", "es", "ru", "uk", "tr", "so"]
LEVELS = ["Native", "Fluent", "Good", "Basic"]


def people(n_mentees: int, n_mentors: int, seed: int = 1):
	rng = random.Random(seed)
	places = list(centroids().values())

	def langs(k):
		return {c: rng.choice(LEVELS) for c in rng.sample(LANGUAGES, k)}

	mentees = [
		Mentee(
			name=f"MTE-{i:05d}",
			target_sector=rng.choice(SECTORS),
			target_profession=rng.choice(PROFESSIONS),
			aspirations=" ".join(rng.sample(WORDS, 5)),
			availability=", ".join(rng.sample(SLOTS, 2)),
			languages=langs(rng.randint(1, 3)),
			french_level=rng.choice(["A1", "A2", "B1", "B2", "C1"]),
			location=rng.choice(places),
			preferred_language=rng.choice([None, None, "ar", "en"]),
			max_travel_km=rng.choice([None, 20, 40]),
			excluded_mentors=frozenset({f"MTR-{rng.randrange(n_mentors):05d}"}),
			previous_mentors=frozenset({f"MTR-{rng.randrange(n_mentors):05d}"}),
		)
		for i in range(n_mentees)
	]
	mentors = [
		Mentor(
			name=f"MTR-{j:05d}",
			status=rng.choice(["Available"] * 8 + ["In duo", "Paused"]),
			trained=rng.random() < 0.9,
			capacity=rng.randint(1, 3),
			open_duos=rng.randint(0, 1),
			sector=rng.choice(SECTORS),
			profession=rng.choice(PROFESSIONS),
			expertise=" ".join(rng.sample(WORDS, 6)),
			availability=", ".join(rng.sample(SLOTS, 2)),
			languages={"fr": "Native", **langs(rng.randint(0, 2))},
			location=rng.choice(places),
		)
		for j in range(n_mentors)
	]
	return mentees, mentors


def timed(fn, repeat: int) -> tuple[float, object]:
	times = []
	result = None
	for _ in range(repeat):
		gc.collect()
		start = time.perf_counter()
		result = fn()
		times.append(time.perf_counter() - start)
	return statistics.median(times), result


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--mentors", type=int, default=10_000)
	parser.add_argument("--cohort", type=int, default=1_000)
	parser.add_argument("--repeat", type=int, default=7)
	args = parser.parse_args()
	import numpy
	import scipy

	print(f"python {platform.python_version()}, numpy {numpy.__version__}, scipy {scipy.__version__}")
	settings, sectors = MatchSettings(), Sectors()

	# 1. One mentee, many mentors.
	[mentee], mentors = people(1, args.mentors)

	def cold():  # fresh profiles: free text read again
		_, fresh = people(1, args.mentors)
		start = time.perf_counter()
		rank([mentee], fresh, settings, sectors, 10)
		return time.perf_counter() - start

	cold_time = statistics.median(cold() for _ in range(3))
	rank([mentee], mentors, settings, sectors, 10)  # reads the free text once
	warm, top = timed(lambda: rank([mentee], mentors, settings, sectors, 10), args.repeat)
	print(
		f"rank {args.mentors} mentors for one mentee, top 10 explained: {warm * 1000:.1f} ms (profiles read)"
	)
	print(f"  same, profiles' free text read in the call: {cold_time * 1000:.1f} ms")
	print(f"  best: {top[0].score} ({len(top[0].reasons)} reasons)")

	# 2. A cohort.
	mentees, mentors = people(args.cohort, args.cohort, seed=2)
	for person in [*mentees, *mentors]:
		person.slots, person.topic_words, person.profession_words  # noqa: B018
	gc.collect()
	tracemalloc.start()
	start = time.perf_counter()
	parts = components(mentees, mentors, settings, sectors)
	scored = time.perf_counter()
	pairs = assign(parts.scores, [r.remaining_capacity for r in mentors])
	assigned = time.perf_counter()
	proposal = propose_cohort(mentees, mentors, settings, sectors, parts=parts)
	done = time.perf_counter()
	_, peak = tracemalloc.get_traced_memory()
	tracemalloc.stop()
	print(
		f"cohort {args.cohort} mentees x {args.cohort} mentors: scores {scored - start:.2f} s, "
		f"assignment {assigned - scored:.2f} s, whole proposal {scored - start + done - assigned:.2f} s"
	)
	print(f"  {len(pairs)} duos, total score {proposal.total}, {len(proposal.unmatched)} mentees unmatched")
	print(f"  peak traced memory {peak / 2**20:.0f} MiB")
	print(f"  process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

	# The whole cohort path in a fresh measure, as the method runs it (profiles already read).
	wall, _ = timed(lambda: propose_cohort(mentees, mentors, settings, sectors), 3)
	print(f"  propose_cohort end to end: {wall:.2f} s (median of 3)")


if __name__ == "__main__":
	main()
