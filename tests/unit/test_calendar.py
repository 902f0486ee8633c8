"""Meetings as iCalendar text (n2w_mentoring/programme/calendar.py)."""

from datetime import date, datetime, time, timezone

from hypothesis import given
from hypothesis import strategies as st

from n2w_mentoring.programme.calendar import (
	CRLF,
	TZID,
	Event,
	build_calendar,
	escape_text,
	fold,
	utc_stamp,
)

NOW = datetime(2026, 3, 5, 9, 30, 0, tzinfo=timezone.utc)
MEETING = Event(
	uid="MTG-2026-00001@mentoring.example",
	summary="Rencontre de mentorat, Amina et Claire",
	day=date(2026, 3, 12),
	start_time=time(14, 0),
	duration_minutes=90,
	location="Bâtiments Mosans, Rue de Dave 12, 5100 Jambes",
	description="Préparer le CV; apporter les diplômes.\nDeuxième ligne",
	url="https://mentoring.example/mentoring/duo?name=DUO-2026-0001",
)


def unfold(text: str) -> list[str]:
	return text.replace(CRLF + " ", "").split(CRLF)


def test_calendar_wraps_events_in_a_vcalendar():
	text = build_calendar([MEETING], "Mes rencontres", NOW)
	lines = unfold(text)
	assert lines[0] == "BEGIN:VCALENDAR"
	assert "VERSION:2.0" in lines
	assert any(line.startswith("PRODID:") for line in lines)
	assert lines[-2] == "END:VCALENDAR" and lines[-1] == ""
	assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


def test_every_line_ends_with_crlf_and_no_bare_newline():
	text = build_calendar([MEETING], "Mes rencontres", NOW)
	assert text.endswith(CRLF)
	assert "\n" not in text.replace(CRLF, "")
	assert "\r" not in text.replace(CRLF, "")


def test_event_has_uid_dtstamp_and_local_times_with_tzid():
	lines = unfold(build_calendar([MEETING], "Mes rencontres", NOW))
	assert "UID:MTG-2026-00001@mentoring.example" in lines
	assert "DTSTAMP:20260305T093000Z" in lines
	assert f"DTSTART;TZID={TZID}:20260312T140000" in lines
	assert f"DTEND;TZID={TZID}:20260312T153000" in lines
	assert f"TZID:{TZID}" in lines and "BEGIN:VTIMEZONE" in lines


def test_text_values_are_escaped():
	lines = unfold(build_calendar([MEETING], "Mes rencontres", NOW))
	assert "LOCATION:Bâtiments Mosans\\, Rue de Dave 12\\, 5100 Jambes" in lines
	assert "DESCRIPTION:Préparer le CV\\; apporter les diplômes.\\nDeuxième ligne" in lines
	assert "SUMMARY:Rencontre de mentorat\\, Amina et Claire" in lines


def test_escape_text_escapes_backslash_first():
	assert escape_text("a\\b;c,d\r\ne\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_event_without_a_time_is_a_whole_day():
	event = Event(uid="x@y", summary="Rencontre", day=date(2026, 12, 31))
	lines = unfold(build_calendar([event], "Mes rencontres", NOW))
	assert "DTSTART;VALUE=DATE:20261231" in lines
	assert "DTEND;VALUE=DATE:20270101" in lines
	assert "BEGIN:VTIMEZONE" not in lines


def test_empty_calendar_is_valid():
	lines = unfold(build_calendar([], "Mes rencontres", NOW))
	assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
	assert "BEGIN:VEVENT" not in lines


def test_dtstamp_of_a_naive_moment_is_taken_as_utc():
	assert utc_stamp(datetime(2026, 1, 2, 3, 4, 5)) == "20260102T030405Z"


def test_long_lines_are_folded_at_75_octets():
	event = Event(uid="u@x", summary="é" * 200, day=date(2026, 1, 1))
	text = build_calendar([event], "x", NOW)
	for line in text.split(CRLF):
		assert len(line.encode("utf-8")) <= 75
	assert "SUMMARY:" + "é" * 200 in unfold(text)


@given(st.text(min_size=0, max_size=400))
def test_fold_keeps_the_text_and_the_octet_limit(value):
	value = value.replace("\r", "").replace("\n", "")
	folded = fold("DESCRIPTION:" + value)
	pieces = folded.split(CRLF)
	assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
	assert all(p.startswith(" ") for p in pieces[1:])
	assert folded.replace(CRLF + " ", "") == "DESCRIPTION:" + value
