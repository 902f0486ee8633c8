"""What the duo's parties do in the portal: answer a proposal, log a meeting, update their plan,
sign their convention; and what a partner organisation's contact does: nominate a colleague.

Each method is POST only, checks that the user is a party of that very duo (staff may act too),
takes only the fields of its form, and answers ``{"ok": True, ...}``, or the programme's refusal
as ``{"ok": False, "message": ...}`` (HTTP 417) with nothing saved.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import cint, getdate, today, validate_email_address

from n2w_mentoring.concurrency import lock_duo
from n2w_mentoring.portal import (
	MENTEE,
	MENTOR,
	check_keys,
	duo_for_user,
	not_yours,
	plain,
	portal_write,
	refused,
	text,
	user_organisations,
)
from n2w_mentoring.programme import lifecycle, rules

AGREEMENT_FIELD = {MENTOR: "mentor_agreed_on", MENTEE: "mentee_agreed_on"}


# --- Answer a proposed duo ----------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
@portal_write
def respond_to_duo(duo: str, answer: str, reason: str | None = None) -> dict:
	"""The party's answer to a proposed duo: ``accept`` records their agreement (and accepts the duo
	once both agreed), ``decline`` declines it with a reason."""
	duo_row, party = duo_for_user(duo)
	try:
		# The duo's locks first, then the duo as last committed: the other party may have just answered.
		lock_duo(duo_row.name)
		doc = frappe.get_doc("Duo", duo_row.name, for_update=True)
		if doc.status != lifecycle.PROPOSED:
			frappe.throw(_("This duo is no longer waiting for an answer."))
		if answer == "accept":
			return _accept(doc, party)
		if answer == "decline":
			return _decline(doc, reason)
		frappe.throw(_("Choose to accept or to decline the duo."))
	except frappe.ValidationError as exc:
		return refused(exc)


def _save(doc):
	# The party's right to this duo was checked by duo_for_user; portal roles hold no write on Duo.
	doc.flags.ignore_permissions = True
	doc.save()


def _accept(doc, party: str) -> dict:
	fields = [AGREEMENT_FIELD[party]] if party in AGREEMENT_FIELD else list(AGREEMENT_FIELD.values())
	for field in fields:
		if not doc.get(field):
			doc.set(field, today())
	_save(doc)
	if doc.mentor_agreed_on and doc.mentee_agreed_on:
		doc.flags.ignore_permissions = True
		apply_workflow(doc, "Accept")
		return {"ok": True, "status": lifecycle.ACCEPTED, "message": _("Thank you: the duo is accepted.")}
	return {
		"ok": True,
		"status": lifecycle.PROPOSED,
		"message": _("Thank you: your agreement is recorded. The duo starts once both of you agree."),
	}


def _decline(doc, reason: str | None) -> dict:
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Tell us in a few words why you decline."))
	doc.decline_reason = reason[:1000]
	_save(doc)
	doc.flags.ignore_permissions = True
	apply_workflow(doc, "Decline")
	return {
		"ok": True,
		"status": lifecycle.DECLINED,
		"message": _("Your answer is recorded. Your coordinator will contact you."),
	}


# --- Log a meeting ------------------------------------------------------------------------------

MEETING_KEYS = {
	"kind",
	"status",
	"meeting_date",
	"start_time",
	"duration_minutes",
	"place",
	"summary",
	"next_steps",
	"themes",
	"objectives",
}
STEPS = ("there", "here", "comparison", "verification", "conclusion")
THEME_KEYS = {"theme", *STEPS}


@frappe.whitelist(methods=["POST"])
@portal_write
def log_meeting(duo: str, data=None) -> dict:
	"""A meeting or a contact of the duo, inserted as the user so that the desk's rules apply."""
	duo_row, _party = duo_for_user(duo)
	try:
		values = check_keys(data, MEETING_KEYS)
		meeting = frappe.get_doc({"doctype": "Meeting", "duo": duo_row.name, **_meeting_values(values)})
		for row in _themes(values.get("themes")):
			meeting.append("themes", row)
		for row in _objectives(duo_row.name, values.get("objectives")):
			meeting.append("objectives", row)
		meeting.insert()
		warnings = [plain(m.get("message")) for m in frappe.local.message_log if isinstance(m, dict)]
		frappe.clear_messages()
		answer = {"ok": True, "name": meeting.name, "message": _("The meeting is saved.")}
		if warnings:
			# Saved, with something to read (more meetings this month than planned): stay on the form.
			answer.update(message="\n".join([answer["message"], *warnings]), reset=True)
		else:
			answer["redirect"] = f"/mentoring/duo?name={duo_row.name}&saved={meeting.name}"
		return answer
	except frappe.ValidationError as exc:
		return refused(exc)


def _meeting_values(values: dict) -> dict:
	kind = text(values, "kind") or rules.MEETING
	status = text(values, "status") or rules.HELD
	if kind not in rules.MEETING_KINDS:
		frappe.throw(_("Choose what kind of contact it was."))
	if status not in rules.MEETING_STATUSES:
		frappe.throw(_("Choose whether the meeting was held, planned or cancelled."))
	meeting_date = _date(text(values, "meeting_date"))
	start_time = text(values, "start_time")
	if start_time and not _is_time(start_time):
		frappe.throw(_("Give the time as hours and minutes, for example 14:30."))
	duration = text(values, "duration_minutes")
	if duration and not duration.isdigit():
		frappe.throw(_("Give the duration as a number of minutes."))
	return {
		"kind": kind,
		"status": status,
		"meeting_date": meeting_date,
		"start_time": start_time or None,
		"duration_minutes": cint(duration) if duration else (None if kind != rules.MEETING else 0),
		"place": text(values, "place"),
		"summary": text(values, "summary", 5000),
		"next_steps": text(values, "next_steps", 2000),
	}


def _date(value: str):
	if not value:
		frappe.throw(_("Give the date of the meeting."))
	try:
		return getdate(value)
	except Exception:
		frappe.throw(_("Give a valid date."))


def _is_time(value: str) -> bool:
	parts = value.split(":")
	if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
		return False
	return 0 <= int(parts[0]) < 24 and all(0 <= int(p) < 60 for p in parts[1:])


def _themes(rows) -> list[dict]:
	"""Themes discussed: a theme with its five steps, kept when it is ticked or a step is written."""
	if not rows:
		return []
	if isinstance(rows, dict):
		rows = [rows[k] for k in sorted(rows, key=lambda k: cint(k))]
	if not isinstance(rows, list):
		frappe.throw(_("The themes could not be read; reload the page and try again."))
	themes = set(frappe.get_all("Intercultural Theme", {"enabled": 1}, pluck="name"))
	kept = []
	for row in rows:
		row = check_keys(row, THEME_KEYS)
		steps = {step: text(row, step, 2000) for step in STEPS}
		theme = text(row, "theme")
		if not theme and not any(steps.values()):
			continue
		if theme not in themes:
			frappe.throw(_("Tick the theme whose steps you wrote."))
		kept.append({"theme": theme, **steps})
	return kept


def _objectives(duo: str, names) -> list[dict]:
	"""Objectives worked on: rows of the duo's own action plan, by name."""
	if not names:
		return []
	if isinstance(names, str):
		names = [names]
	if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
		frappe.throw(_("The objectives could not be read; reload the page and try again."))
	plan = frappe.db.get_value("Action Plan", {"duo": duo}, "name")
	rows = {
		r.name: r
		for r in frappe.get_all(
			"Action Plan Objective",
			filters={"parent": plan or "", "parenttype": "Action Plan"},
			fields=["name", "objective", "axis"],
		)
	}
	unknown = [n for n in names if n not in rows]
	if unknown:
		frappe.throw(_("This objective is not in the duo's action plan."))
	return [
		{"plan_objective": n, "objective": rows[n].objective, "axis": rows[n].axis}
		for n in dict.fromkeys(names)
	]


# --- Action plan --------------------------------------------------------------------------------

PLAN_ROW_KEYS = {"name", "status", "progress_notes"}
OBJECTIVE_STATUSES = ("Not started", "In progress", "Achieved", "Dropped")


@frappe.whitelist(methods=["POST"])
@portal_write
def update_plan(duo: str, rows=None) -> dict:
	"""The status and progress notes of existing objectives of the duo's own plan; nothing else."""
	duo_row, _party = duo_for_user(duo)
	try:
		if duo_row.status in (lifecycle.DECLINED, lifecycle.CANCELLED):
			frappe.throw(_("This duo is closed: its plan cannot change."))
		rows = frappe.parse_json(rows) if rows else []
		if isinstance(rows, dict):
			rows = [rows[k] for k in sorted(rows, key=lambda k: cint(k))]
		if not isinstance(rows, list):
			frappe.throw(_("The plan could not be read; reload the page and try again."))
		lock_duo(duo_row.name)
		plan_name = frappe.db.get_value("Action Plan", {"duo": duo_row.name}, "name")
		if not plan_name:
			frappe.throw(_("This duo has no action plan yet."))
		plan = frappe.get_doc("Action Plan", plan_name, for_update=True)
		by_name = {row.name: row for row in plan.objectives}
		for values in rows:
			values = check_keys(values, PLAN_ROW_KEYS)
			row = by_name.get(text(values, "name"))
			if not row:
				frappe.throw(_("This objective is not in the duo's action plan."))
			if "status" in values:
				status = text(values, "status")
				if status not in OBJECTIVE_STATUSES:
					frappe.throw(_("Choose a status from the list."))
				row.status = status
			if "progress_notes" in values:
				row.progress_notes = text(values, "progress_notes", 2000)
		plan.save()
		return {"ok": True, "message": _("The action plan is saved.")}
	except frappe.ValidationError as exc:
		return refused(exc)


# --- Convention ---------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
@portal_write
def sign_convention(convention: str, agree=None) -> dict:
	"""The caller signs their own row of the convention; the last signature submits it."""
	name = convention if isinstance(convention, str) else ""
	duo = frappe.db.get_value("Convention", name, "duo") if name else None
	duo_for_user(duo)
	user = frappe.session.user
	try:
		if not cint(agree):
			frappe.throw(_("Tick the box to confirm that you have read the convention and agree to it."))
		# The duo's locks first, then the convention as last committed: another party may have just signed.
		lock_duo(duo)
		doc = frappe.get_doc("Convention", name, for_update=True)
		row = next((r for r in doc.signatories if r.user == user), None)
		if not row:
			frappe.throw(_("This convention has no signature for you."))
		if doc.docstatus != 0:
			frappe.throw(_("This convention is already signed by every party."))
		if row.signed_on:
			return {"ok": True, "message": _("You have already signed this convention.")}
		row.signed_on = today()
		row.signature_method = "In the portal"
		# The caller is a signatory of this convention (checked above); portal roles hold no write on it.
		doc.flags.ignore_permissions = True
		doc.save()
		if all(r.signed_on for r in doc.signatories):
			doc.flags.ignore_permissions = True
			doc.submit()
			return {
				"ok": True,
				"message": _("Thank you: the convention is signed by everyone. The duo starts."),
			}
		return {"ok": True, "message": _("Thank you: your signature is recorded.")}
	except frappe.ValidationError as exc:
		return refused(exc)


# --- Partner organisation -----------------------------------------------------------------------

NOMINATION_KEYS = {"first_name", "last_name", "email", "phone", "job_title", "colleague_agreed"}


@frappe.whitelist(methods=["POST"])
@portal_write
def nominate_mentor(organisation: str, data=None) -> dict:
	"""A partner organisation's contact proposes a colleague as a volunteer mentor (an applicant)."""
	user = frappe.session.user
	if user == "Guest" or organisation not in user_organisations(user):
		not_yours()
	try:
		values = check_keys(data, NOMINATION_KEYS)
		first_name, last_name = text(values, "first_name"), text(values, "last_name")
		email = text(values, "email").lower()
		if not (first_name and last_name):
			frappe.throw(_("Give your colleague's first name and last name."))
		if not validate_email_address(email):
			frappe.throw(_("Give a valid e-mail address."))
		if not cint(values.get("colleague_agreed")):
			frappe.throw(_("Tick the box to confirm that your colleague agrees to be proposed."))
		if frappe.db.exists("Mentor", {"email": email}):
			frappe.throw(_("A mentor with this e-mail address is already known to the programme."))
		mentor = frappe.get_doc(
			{
				"doctype": "Mentor",
				"first_name": first_name,
				"last_name": last_name,
				"email": email,
				"phone": text(values, "phone", 40),
				"job_title": text(values, "job_title"),
				"partner_organisation": organisation,
				"status": "Applicant",
				"capacity": 1,
			}
		)
		# The caller is a contact of this organisation (checked above); partner contacts create no mentor.
		mentor.insert(ignore_permissions=True)
		mentor.add_comment("Comment", _("Proposed in the portal by {0}.").format(user))
		return {
			"ok": True,
			"message": _("Thank you: {0} is proposed as a mentor. The centre will contact them.").format(
				mentor.full_name
			),
		}
	except frappe.ValidationError as exc:
		return refused(exc)


# --- Short surveys ------------------------------------------------------------------------------


def due_surveys(duo, party: str) -> list[str]:
	"""The survey moments this party may answer now on this duo."""
	from n2w_mentoring.programme.surveys import due_moments

	answered = set(frappe.get_all("Duo Survey", {"duo": duo.name, "respondent_type": party}, pluck="moment"))
	return due_moments(
		duo.status,
		getdate(duo.start_date) if duo.start_date else None,
		getdate(duo.planned_end) if duo.planned_end else None,
		getdate(today()),
		answered,
	)


@frappe.whitelist(methods=["POST"])
@portal_write
def answer_survey(duo: str, moment: str, satisfaction=None, comments: str | None = None) -> dict:
	"""A party's answer to the duo's mid-point or end survey: satisfaction 1 to 5 and comments."""
	from n2w_mentoring.programme.surveys import SATISFACTION

	duo_row, party = duo_for_user(duo)
	try:
		if party not in (MENTOR, MENTEE):
			frappe.throw(_("Only the duo's mentor and mentee answer its surveys."))
		lock_duo(duo_row.name)
		if moment not in due_surveys(duo_row, party):
			frappe.throw(_("This survey is not open for you now, or you have already answered it."))
		score = cint(satisfaction)
		if score not in SATISFACTION:
			frappe.throw(_("Choose how satisfied you are, from 1 to 5."))
		survey = frappe.get_doc(
			{
				"doctype": "Duo Survey",
				"duo": duo_row.name,
				"respondent_type": party,
				"moment": moment,
				"answered_on": today(),
				"satisfaction": score,
				"comments": text({"comments": comments}, "comments", 2000),
			}
		)
		# The party's right to this duo was checked above; portal roles hold no right on Duo Survey.
		survey.insert(ignore_permissions=True)
	except frappe.ValidationError as exc:
		return refused(exc)
	return {"ok": True, "message": _("Thank you for your answer.")}
