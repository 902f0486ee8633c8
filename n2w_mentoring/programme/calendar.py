"""Meetings as an iCalendar (RFC 5545) text, in plain Python: no Frappe.

:func:`build_calendar` writes a VCALENDAR of :class:`Event` rows: CRLF line ends, lines folded at
75 octets, text values escaped, a stable UID per meeting and a DTSTAMP in UTC. Times are local to
Europe/Brussels, declared once in a VTIMEZONE (the EU's summer time rule), so that a phone shows the
meeting at the hour it was planned; an event without a time is a whole-day event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

CRLF = "\r\n"
LINE_OCTETS = 75
TZID = "Europe/Brussels"
PRODID = "-//n2w_mentoring//Mentoring meetings//EN"
DEFAULT_MINUTES = 60

# The EU rule since 1996: summer time from the last Sunday of March, 01:00 UTC, to the last Sunday
# of October, 01:00 UTC.
VTIMEZONE = (
	"BEGIN:VTIMEZONE",
	f"TZID:{TZID}",
	"BEGIN:DAYLIGHT",
	"TZOFFSETFROM:+0100",
	"TZOFFSETTO:+0200",
	"TZNAME:CEST",
	"DTSTART:19700329T020000",
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	"END:DAYLIGHT",
	"BEGIN:STANDARD",
	"TZOFFSETFROM:+0200",
	"TZOFFSETTO:+0100",
	"TZNAME:CET",
	"DTSTART:19701025T030000",
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	"END:STANDARD",
	"END:VTIMEZONE",
)


@dataclass(frozen=True)
class Event:
	"""One meeting: ``start_time`` None makes a whole-day event."""

	uid: str
	summary: str
	day: date
	start_time: time | None = None
	duration_minutes: int | None = None
	location: str | None = None
	description: str | None = None
	url: str | None = None


def escape_text(value: str) -> str:
	"""A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped."""
	value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
	return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
	"""Fold a content line into pieces of at most 75 octets, never splitting a UTF-8 character.

	Each continuation starts with one space, which counts towards its 75 octets.
	"""
	pieces: list[str] = []
	current, size, limit = "", 0, LINE_OCTETS
	for char in line:
		octets = len(char.encode("utf-8"))
		if size + octets > limit:
			pieces.append(current)
			current, size, limit = "", 0, LINE_OCTETS - 1
		current += char
		size += octets
	pieces.append(current)
	return (CRLF + " ").join(pieces)


def utc_stamp(moment: datetime) -> str:
	if moment.tzinfo is not None:
		moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
	return moment.strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime) -> str:
	return moment.strftime("%Y%m%dT%H%M%S")


def event_lines(event: Event, stamp: str) -> list[str]:
	lines = ["BEGIN:VEVENT", f"UID:{escape_text(event.uid)}", f"DTSTAMP:{stamp}"]
	if event.start_time is None:
		lines.append(f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}")
		lines.append(f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}")
	else:
		start = datetime.combine(event.day, event.start_time)
		end = start + timedelta(minutes=event.duration_minutes or DEFAULT_MINUTES)
		lines.append(f"DTSTART;TZID={TZID}:{_local(start)}")
		lines.append(f"DTEND;TZID={TZID}:{_local(end)}")
	lines.append(f"SUMMARY:{escape_text(event.summary)}")
	if event.location:
		lines.append(f"LOCATION:{escape_text(event.location)}")
	if event.description:
		lines.append(f"DESCRIPTION:{escape_text(event.description)}")
	if event.url:
		lines.append(f"URL:{event.url}")
	lines.append("END:VEVENT")
	return lines


def build_calendar(events: Iterable[Event], name: str, now: datetime) -> str:
	"""The calendar's text; ``now`` (aware, or naive UTC) dates every event's DTSTAMP."""
	stamp = utc_stamp(now)
	events = list(events)
	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		f"PRODID:{PRODID}",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		f"X-WR-CALNAME:{escape_text(name)}",
		f"X-WR-TIMEZONE:{TZID}",
	]
	if any(e.start_time is not None for e in events):
		lines.extend(VTIMEZONE)
	for event in events:
		lines.extend(event_lines(event, stamp))
	lines.append("END:VCALENDAR")
	return "".join(fold(line) + CRLF for line in lines)
