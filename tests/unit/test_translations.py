"""French and Dutch are complete: every translatable string of the app has both translations."""

import csv
import re

import pytest
from translatable import APP, extract

PLACEHOLDER = re.compile(r"\{\d+\}")
SOURCES = extract()


def load(lang: str) -> dict[str, str]:
	with open(APP / "translations" / f"{lang}.csv", newline="", encoding="utf-8") as handle:
		return {row[0]: row[1] for row in csv.reader(handle) if row}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_string_has_a_translation(lang):
	translations = load(lang)
	missing = sorted(s for s in SOURCES if not translations.get(s, "").strip())
	assert not missing, f"{len(missing)} strings lack a {lang} translation, e.g. {missing[:10]}"


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_placeholders_survive_translation(lang):
	translations = load(lang)
	wrong = [
		s for s, t in translations.items() if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t))
	]
	assert not wrong, wrong[:10]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_translation_files_are_two_columns(lang):
	with open(APP / "translations" / f"{lang}.csv", newline="", encoding="utf-8") as handle:
		widths = {len(row) for row in csv.reader(handle) if row}
	assert widths == {2}


def test_the_extractor_finds_strings_everywhere():
	origins = {o.split("/")[0].split(":")[0] for found in SOURCES.values() for o in found}
	assert {"mentoring", "workflow", "programme", "ROLES"} <= origins
