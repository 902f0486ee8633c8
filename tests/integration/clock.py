"""The test clock: ``N2W_TODAY`` freezes "now" for a whole run of the integration tier.

``N2W_TODAY`` is a local date or date and time of the site's time zone (``2027-01-31`` or
``2027-03-28T03:30``; a date alone means 10:00). The test process, the site served for the HTTP tests
and the background worker all read it, so every part of a run agrees on the day. The clock ticks from
there (``tick=True``): records made one after the other still get increasing timestamps.

Without ``N2W_TODAY`` the tests run on the real clock. ``.ci/run`` runs the date-sensitive tests again
under the dates of ``CALENDAR`` below.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

ENV = "N2W_TODAY"
TIME_ZONE = "Europe/Brussels"

# The days where date arithmetic breaks: month ends of every length, a leap day, the year's end, the
# first of a month, and the two days Belgium changes its clocks (at 02:00 and 03:00 local time).
# Times close to midnight make the UTC date differ from the local one.
CALENDAR = (
	"2027-01-01T00:30",  # the first of a month and of a year; in UTC still the year before
	"2027-01-29T10:00",
	"2027-01-31T23:30",  # a 31st, late in the evening
	"2027-02-28T10:00",  # the end of a short month
	"2027-03-28T03:30",  # clocks go forward that night (02:00 → 03:00)
	"2027-04-30T10:00",  # the end of a 30-day month
	"2027-05-01T00:30",  # the first of a month; in UTC still the last day of the month before
	"2027-10-31T02:30",  # clocks go back that night (03:00 → 02:00): 02:30 happens twice
	"2027-12-31T23:30",  # the year's last evening
	"2028-02-29T10:00",  # a leap day
)

# The tests that do date arithmetic on "today" (rules, lifecycle, the programme's daily work), run
# again under every day of CALENDAR. test_scheduled_days.py plays its own days and is not among them.
CALENDAR_TESTS = (
	"test_meeting_rules.py",
	"test_duo_rules.py",
	"test_workflow.py",
	"test_programme_ops.py",
)
# Tests of those files that do no date arithmetic, left out of the calendar runs (a -k expression).
CALENDAR_SKIPS = "not resources and not erasing and not cannot_run_the_staff_reports"


def frozen_local() -> datetime | None:
	value = os.environ.get(ENV, "").strip()
	if not value:
		return None
	return datetime.fromisoformat(value if ("T" in value or " " in value) else f"{value}T10:00")


def to_utc(local: datetime) -> datetime:
	"""A naive local time of the site's zone as an aware UTC time (the first of two at a clock change)."""
	return local.replace(tzinfo=ZoneInfo(TIME_ZONE)).astimezone(timezone.utc)


def freeze(local: datetime | str, tick: bool = True):
	"""A freezegun context at ``local`` (the site's time zone), ticking from there: Frappe compares
	timestamps as text, and a time frozen on a whole second prints without its microseconds."""
	from freezegun import freeze_time

	if isinstance(local, str):
		local = datetime.fromisoformat(local)
	return freeze_time(to_utc(local), tick=tick)


_running = None


def start() -> datetime | None:
	"""Freeze the process's clock at ``N2W_TODAY`` if it is set; the local time frozen, or None."""
	global _running
	local = frozen_local()
	if local is None:
		return None
	_running = freeze(local, tick=True)
	_running.start()
	return local


def stop() -> None:
	global _running
	if _running is not None:
		_running.stop()
		_running = None
