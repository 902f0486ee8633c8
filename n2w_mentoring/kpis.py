"""Rows for the programme's reports and the funder export, read with the query builder.

The computations are in :mod:`n2w_mentoring.programme.kpi` (plain Python); this module only reads
the rows, in a handful of queries whatever the number of duos, and shapes the output.
"""

from __future__ import annotations

import csv
import io

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import getdate, today

from n2w_mentoring import network
from n2w_mentoring.network import centre_identity
from n2w_mentoring.permissions import is_staff
from n2w_mentoring.programme import charts, kpi, lifecycle, rules
from n2w_mentoring.replica import read
from n2w_mentoring.utils import get_limits


def require_staff():
	if not is_staff():
		frappe.throw(_("Only programme staff can see the programme's figures."), frappe.PermissionError)


def period_of(filters) -> kpi.Period:
	filters = frappe._dict(filters or {})
	start = getdate(filters.get("from_date") or frappe.utils.add_months(today(), -12))
	end = getdate(filters.get("to_date") or today())
	if end < start:
		frappe.throw(_("The end of the period is before its start."))
	return kpi.Period(start, end)


# --- Scope: a programme, a centre, or the network -----------------------------------------------


class Scope(list):
	"""The programmes the figures cover, and the intake of them when one is asked (its duos and
	mentees only; training and events stay the programme's mentors')."""

	intake: str | None = None


def programmes_in_scope(filters) -> Scope | None:
	"""The programmes the figures cover: the one asked, the centre asked's, or the whole network
	(None) — never beyond the centres a staff user is restricted to; with an intake, that intake of
	the programme asked."""
	filters = frappe._dict(filters or {})
	allowed = network.visible_programmes()
	if filters.get("programme"):
		network.check_programme_visible(filters.programme)
		chosen = [filters.programme]
	elif filters.get("centre"):
		chosen = network.programmes_of_centres([filters.centre])
	else:
		chosen = None
	if filters.get("intake") and not filters.get("programme"):
		frappe.throw(_("Choose the programme of the intake."), title=_("Intake period"))
	if allowed is not None:
		chosen = allowed if chosen is None else [p for p in chosen if p in allowed]
	if chosen is None:
		return None
	scope = Scope(chosen)
	scope.intake = filters.get("intake") or None
	return scope


def _duo_in(duo, programmes: list[str] | None):
	"""The condition on a duo table keeping the programmes' duos (of the scope's intake, if any)."""
	condition = duo.programme.isin(programmes or [""])
	intake = getattr(programmes, "intake", None)
	return condition & (duo.intake == intake) if intake else condition


def _mentee_in(mentee, programmes: list[str] | None):
	condition = mentee.programme.isin(programmes or [""])
	intake = getattr(programmes, "intake", None)
	return condition & (mentee.intake == intake) if intake else condition


def _served_by(programmes: list[str]):
	served = frappe.qb.DocType("Mentor Programme")
	return (
		frappe.qb.from_(served)
		.select(served.parent)
		.where((served.parenttype == "Mentor") & served.programme.isin(programmes or [""]))
	)


# --- Rows ---------------------------------------------------------------------------------------


def duo_rows(organisation: str | None = None, programmes: list[str] | None = None) -> list:
	duo = frappe.qb.DocType("Duo")
	mentee = frappe.qb.DocType("Mentee")
	query = (
		frappe.qb.from_(duo)
		.left_join(mentee)
		.on(duo.mentee == mentee.name)
		.select(
			duo.name,
			duo.mentor,
			duo.partner_organisation,
			duo.status,
			duo.proposed_on,
			duo.start_date,
			duo.actual_end,
			duo.planned_end,
			duo.end_reason,
			mentee.intake_date,
		)
	)
	if organisation:
		query = query.where(duo.partner_organisation == organisation)
	if programmes is not None:
		query = query.where(_duo_in(duo, programmes))
	return query.run(as_dict=True)


def active_criterion(duo, period: kpi.Period):
	"""The SQL twin of :func:`n2w_mentoring.programme.kpi.active_during`: started on or before the
	period's end, and not ended before its start (a completed duo without an actual end ends on its
	planned end)."""
	started = duo.start_date.isnotnull() & (duo.start_date <= period.end)
	ended_in_or_after = duo.actual_end.isnotnull() & (duo.actual_end >= period.start)
	not_ended = duo.actual_end.isnull() & (
		(duo.status != lifecycle.COMPLETED) | duo.planned_end.isnull() | (duo.planned_end >= period.start)
	)
	return started & (ended_in_or_after | not_ended)


def meeting_rows(
	period: kpi.Period, organisation: str | None = None, programmes: list[str] | None = None
) -> list:
	"""Held meetings in the period of the duos active during it, and their minutes (one row)."""
	query, meeting, duo = held_meetings(period, organisation, programmes)
	return (
		query.select(Count(meeting.name).as_("held"), Sum(meeting.duration_minutes).as_("minutes"))
		.where(active_criterion(duo, period))
		.run(as_dict=True)
	)


def held_meetings(period: kpi.Period, organisation: str | None, programmes: list[str] | None):
	"""The query of the period's held meetings (joined to their duo) in the scope, without a select."""
	meeting = frappe.qb.DocType("Meeting")
	duo = frappe.qb.DocType("Duo")
	query = (
		frappe.qb.from_(meeting)
		.join(duo)
		.on(meeting.duo == duo.name)
		.where(
			(meeting.kind == rules.MEETING)
			& (meeting.status == rules.HELD)
			& meeting.meeting_date.between(period.start, period.end)
		)
	)
	if organisation:
		query = query.where(duo.partner_organisation == organisation)
	if programmes is not None:
		query = query.where(_duo_in(duo, programmes))
	return query, meeting, duo


def objective_rows(
	period: kpi.Period, organisation: str | None = None, programmes: list[str] | None = None
) -> list:
	"""Objectives of the duos active during the period, counted by axis and status."""
	plan = frappe.qb.DocType("Action Plan")
	objective = frappe.qb.DocType("Action Plan Objective")
	duo = frappe.qb.DocType("Duo")
	query = (
		frappe.qb.from_(objective)
		.join(plan)
		.on(objective.parent == plan.name)
		.join(duo)
		.on(plan.duo == duo.name)
		.select(objective.axis, objective.status, Count("*").as_("count"))
		.where((objective.parenttype == "Action Plan") & active_criterion(duo, period))
		.groupby(objective.axis, objective.status)
	)
	if organisation:
		query = query.where(duo.partner_organisation == organisation)
	if programmes is not None:
		query = query.where(_duo_in(duo, programmes))
	return query.run(as_dict=True)


def follow_up_rows(
	period: kpi.Period, organisation: str | None = None, programmes: list[str] | None = None
) -> list:
	"""The answered follow-ups due in the period, counted by their answers."""
	follow_up = frappe.qb.DocType("Post-Duo Follow-up")
	query = (
		frappe.qb.from_(follow_up)
		.select(
			follow_up.person_type,
			follow_up.milestone,
			follow_up.situation,
			follow_up.contract_type,
			follow_up.would_mentor_again,
			Max(follow_up.due_date).as_("due_date"),
			Max(follow_up.done_on).as_("done_on"),
			Count("*").as_("count"),
		)
		.where(follow_up.due_date.between(period.start, period.end) & follow_up.done_on.isnotnull())
		.groupby(
			follow_up.person_type,
			follow_up.milestone,
			follow_up.situation,
			follow_up.contract_type,
			follow_up.would_mentor_again,
		)
	)
	if organisation:
		query = query.where(follow_up.partner_organisation == organisation)
	if programmes is not None:
		duo = frappe.qb.DocType("Duo")
		query = query.where(
			follow_up.duo.isin(frappe.qb.from_(duo).select(duo.name).where(_duo_in(duo, programmes)))
		)
	return query.run(as_dict=True)


def event_rows(
	period: kpi.Period, organisation: str | None = None, programmes: list[str] | None = None
) -> list:
	"""Participants of the network events held in the period (with an organisation: its mentors)."""
	event = frappe.qb.DocType("Network Event")
	participant = frappe.qb.DocType("Network Event Participant")
	query = (
		frappe.qb.from_(participant)
		.join(event)
		.on(participant.parent == event.name)
		.select(participant.parent.as_("event"), participant.status)
		.where(
			(participant.parenttype == "Network Event") & event.event_date.between(period.start, period.end)
		)
	)
	if organisation:
		mentor = frappe.qb.DocType("Mentor")
		query = (
			query.join(mentor)
			.on((participant.party_type == "Mentor") & (participant.party == mentor.name))
			.where(mentor.partner_organisation == organisation)
		)
	if programmes is not None:
		mentee = frappe.qb.DocType("Mentee")
		query = query.where(
			((participant.party_type == "Mentor") & participant.party.isin(_served_by(programmes)))
			| (
				(participant.party_type == "Mentee")
				& participant.party.isin(
					frappe.qb.from_(mentee).select(mentee.name).where(_mentee_in(mentee, programmes))
				)
			)
		)
	return query.run(as_dict=True)


def training_rows(
	period: kpi.Period, organisation: str | None = None, programmes: list[str] | None = None
) -> list:
	session = frappe.qb.DocType("Mentor Training Session")
	attendance = frappe.qb.DocType("Mentor Training Attendance")
	query = (
		frappe.qb.from_(attendance)
		.join(session)
		.on(attendance.parent == session.name)
		.select(attendance.parent.as_("event"), attendance.status)
		.where(
			(attendance.parenttype == "Mentor Training Session")
			& session.session_date.between(period.start, period.end)
		)
	)
	if organisation:
		mentor = frappe.qb.DocType("Mentor")
		query = (
			query.join(mentor)
			.on(attendance.mentor == mentor.name)
			.where(mentor.partner_organisation == organisation)
		)
	if programmes is not None:
		query = query.where(attendance.mentor.isin(_served_by(programmes)))
	return query.run(as_dict=True)


def survey_rows(
	period: kpi.Period, organisation: str | None = None, programmes: list[str] | None = None
) -> list:
	survey = frappe.qb.DocType("Duo Survey")
	query = (
		frappe.qb.from_(survey)
		.select(survey.moment, survey.satisfaction, survey.answered_on)
		.where(survey.answered_on.between(period.start, period.end))
	)
	if organisation or programmes is not None:
		duo = frappe.qb.DocType("Duo")
		query = query.join(duo).on(survey.duo == duo.name)
		if organisation:
			query = query.where(duo.partner_organisation == organisation)
		if programmes is not None:
			query = query.where(_duo_in(duo, programmes))
	return query.run(as_dict=True)


# --- Figures ------------------------------------------------------------------------------------


def outcomes(filters) -> list[dict]:
	filters = frappe._dict(filters or {})
	period = period_of(filters)
	return kpi.duo_outcomes(duo_rows(filters.partner_organisation, programmes_in_scope(filters)), period)


def programme_kpis(filters) -> list[dict]:
	filters = frappe._dict(filters or {})
	period = period_of(filters)
	organisation = filters.partner_organisation
	scope = programmes_in_scope(filters)
	return kpi.programme_kpis(
		period,
		duo_rows(organisation, scope),
		meetings=meeting_rows(period, organisation, scope),
		objectives=objective_rows(period, organisation, scope),
		follow_ups=follow_up_rows(period, organisation, scope),
		events=event_rows(period, organisation, scope),
		trainings=training_rows(period, organisation, scope),
		surveys=survey_rows(period, organisation, scope),
		today=getdate(today()),
		limits=get_limits(scope[0] if scope and len(scope) == 1 else None),
	)


def translated_kpis(rows: list[dict]) -> list[dict]:
	"""Section and indicator in the user's language (organisation names stay as they are)."""
	return [
		{
			**row,
			"section": _(row["section"]),
			"indicator": row["indicator"]
			if row["section"] == kpi.PARTICIPATION and row["indicator"] != kpi.NO_ORGANISATION
			else _(row["indicator"]),
		}
		for row in rows
	]


def translated_outcomes(rows: list[dict]) -> list[dict]:
	return [
		{**row, "outcome": _(row["outcome"]), "reason": _(row["reason"]) if row["reason"] else ""}
		for row in rows
	]


# --- Funder export ------------------------------------------------------------------------------


def funder_table(filters) -> list[list]:
	"""The export as rows: a heading, the KPIs, then the duo outcomes."""
	require_staff()
	filters = frappe._dict(filters or {})
	period = period_of(filters)
	table: list[list] = [
		[_("Programme KPIs"), scope_label(filters)],
		[_("Period"), f"{period.start.isoformat()} – {period.end.isoformat()}"],
		[_("Partner organisation"), filters.partner_organisation or _("All")],
		[_("Intake period"), filters.intake or _("All")],
		[],
		[_("Section"), _("Indicator"), _("Value"), _("Out of"), _("Rate (%)")],
	]
	for row in translated_kpis(programme_kpis(filters)):
		table.append([row["section"], row["indicator"], row["value"], row["out_of"], row["rate"]])
	table += [[], [_("Duo outcomes"), _("Reason"), _("Duos")]]
	for row in translated_outcomes(outcomes(filters)):
		table.append([row["outcome"], row["reason"], row["duos"]])
	return table


def scope_label(filters) -> str:
	"""What the figures cover, in words: a programme and its centre, a centre, or the network."""
	if filters.get("programme"):
		identity = centre_identity(filters.programme)
		return " · ".join(p for p in (identity.programme_name, identity.name) if p)
	if filters.get("centre"):
		return filters.centre
	centres = network.restricted_centres()
	return ", ".join(centres) if centres else _("The whole network")


def funder_export_file(
	from_date,
	to_date,
	partner_organisation=None,
	file_format="xlsx",
	programme=None,
	centre=None,
	intake=None,
) -> tuple[str, bytes]:
	filters = {
		"from_date": from_date,
		"to_date": to_date,
		"partner_organisation": partner_organisation,
		"programme": programme,
		"centre": centre,
		"intake": intake,
	}
	table, note = read(funder_table, filters)
	if note:
		# Under the heading: the figures may be behind, or were read from the main database.
		table.insert(3, [_("Note"), note])
	period = period_of(filters)
	stem = f"programme-kpis-{period.start.isoformat()}-{period.end.isoformat()}"
	if file_format == "csv":
		buffer = io.StringIO()
		csv.writer(buffer).writerows([["" if v is None else v for v in row] for row in table])
		return f"{stem}.csv", buffer.getvalue().encode("utf-8-sig")
	if file_format != "xlsx":
		frappe.throw(_("The export is made as xlsx or csv."))
	from frappe.utils.xlsxutils import make_xlsx

	return f"{stem}.xlsx", make_xlsx(table, _("Programme KPIs")[:31]).getvalue()


@frappe.whitelist()
def funder_export(
	from_date=None,
	to_date=None,
	partner_organisation=None,
	file_format="xlsx",
	programme=None,
	centre=None,
	intake=None,
):
	"""The figures of a programme (or one of its intakes), a centre or the network for a period, as a
	file for a funder (programme staff only, within their centres), read from the site's read replica
	when it has one."""
	filename, content = funder_export_file(
		from_date, to_date, partner_organisation, file_format, programme, centre, intake
	)
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


# --- Charts -------------------------------------------------------------------------------------


def held_meeting_days(
	period: kpi.Period, organisation: str | None = None, programmes: list[str] | None = None
) -> list:
	"""Held meetings of the period, counted by day (the charts add them up by month)."""
	query, meeting, _duo = held_meetings(period, organisation, programmes)
	return (
		query.select(meeting.meeting_date, Count(meeting.name).as_("count"))
		.groupby(meeting.meeting_date)
		.run(as_dict=True)
	)


def translated_chart(data: dict) -> dict:
	return {**data, "datasets": [{**d, "name": _(d["name"])} for d in data["datasets"]]}


def chart_data(filters, which: str) -> dict:
	"""One of the funders' charts (n2w_mentoring.programme.charts) for the filters' scope and period."""
	filters = frappe._dict(filters or {})
	period = period_of(filters)
	organisation = filters.partner_organisation
	scope = programmes_in_scope(filters)
	if which == "status":
		data = charts.duos_by_status_over_time(duo_rows(organisation, scope), period)
	elif which == "meetings":
		data = charts.meetings_held_against_planned(
			duo_rows(organisation, scope),
			held_meeting_days(period, organisation, scope),
			period,
			getdate(today()),
			get_limits(scope[0] if scope and len(scope) == 1 else None),
		)
	else:
		data = charts.outcomes_at_milestones(follow_up_rows(period, organisation, scope))
		data["labels"] = [_(m) for m in data["labels"]]
	return translated_chart(data)


# --- The impact summary: one page per programme and period, with its charts -------------------------

COLOURS = ("#2490ef", "#f5a623", "#7cd6a0", "#c0c6cc")
SECTION_ROWS = 8
CHARTS = (
	("status", "Duos by status over time"),
	("meetings", "Meetings held against planned"),
	("milestones", "Outcomes at 3, 6 and 12 months"),
)


def number(value) -> str:
	"""A count as a whole number, any other figure with one decimal."""
	if value is None:
		return ""
	if float(value).is_integer():
		return str(int(value))
	return f"{value:.1f}"


def svg_bars(data: dict, width: int = 200, height: int = 100) -> dict:
	"""Grouped bars of a chart's datasets, as coordinates for the template's SVG."""
	labels, datasets = data["labels"], data["datasets"]
	top = max([v for d in datasets for v in d["values"]] + [1])
	group = width / max(len(labels), 1)
	bar = group * 0.8 / max(len(datasets), 1)
	bars = []
	for i, _label in enumerate(labels):
		for k, dataset in enumerate(datasets):
			value = dataset["values"][i]
			h = round(value / top * (height - 12), 1)
			x = round(i * group + group * 0.1 + k * bar, 1)
			bars.append(
				{"x": x, "y": height - h, "width": round(bar, 1), "height": h, "colour": COLOURS[k % 4]}
			)
	step = max(1, len(labels) // 6)
	ticks = [
		{"x": round(i * group + group / 2, 1), "label": str(lab)[-5:]}
		for i, lab in enumerate(labels)
		if i % step == 0
	]
	legend = [{"name": d["name"], "colour": COLOURS[k % 4]} for k, d in enumerate(datasets)]
	return {"bars": bars, "ticks": ticks, "legend": legend, "top": number(top)}


def impact_summary_html(programme: str, from_date=None, to_date=None) -> str:
	from n2w_mentoring.printing import logo_data_uri

	filters = frappe._dict(programme=programme, from_date=from_date, to_date=to_date)
	period = period_of(filters)
	identity = centre_identity(programme)
	sections: dict[str, list] = {}
	for row in translated_kpis(programme_kpis(filters)):
		sections.setdefault(row["section"], []).append(
			{
				"indicator": row["indicator"],
				"value": number(row["value"]),
				"out_of": number(row["out_of"]),
				"rate": f"{row['rate']:.0f} %" if row.get("rate") is not None else "",
			}
		)
	summary = {
		"programme_name": identity.programme_name,
		"centre": identity.name,
		"logo": logo_data_uri(identity.logo),
		"period": f"{frappe.utils.formatdate(period.start)} – {frappe.utils.formatdate(period.end)}",
		"charts": [{"title": _(title), **svg_bars(chart_data(filters, which))} for which, title in CHARTS],
		# One page: a long section (participation by organisation) shows its first rows.
		"sections": [{"title": title, "rows": rows[:SECTION_ROWS]} for title, rows in sections.items()],
	}
	return frappe.render_template("n2w_mentoring/templates/impact_summary.html", {"summary": summary, "_": _})


@frappe.whitelist()
def impact_summary(programme: str, from_date: str | None = None, to_date: str | None = None):
	"""One page for a funder: a programme's figures and charts over a period, as a PDF (programme
	staff only, within their centres)."""
	from frappe.utils.pdf import get_pdf

	require_staff()
	if not programme or not frappe.db.exists("Mentoring Programme", programme):
		frappe.throw(_("Choose a programme."), title=_("Impact summary"), exc=frappe.ValidationError)
	network.check_programme_visible(programme)
	html = impact_summary_html(programme, from_date, to_date)
	period = period_of({"from_date": from_date, "to_date": to_date})
	frappe.response["filename"] = f"impact-{frappe.scrub(programme)}-{period.start}-{period.end}.pdf"
	frappe.response["filecontent"] = get_pdf(html, {"page-size": "A4"})
	frappe.response["type"] = "download"
