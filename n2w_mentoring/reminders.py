"""E-mail reminders, through Frappe's e-mail queue and scheduler: each switched on or off per
programme (Mentoring Programme, tab Reminders), written in the recipient's language, sent from the
centre's address, and sent once.

Every reminder sent is recorded in a *Mentoring Reminder Log* whose name is a key made of the
reminder, the record and the recipient: a key that exists is never sent again, whether the job runs
twice a day or a record is saved again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import escape_html, formatdate, get_url_to_form, getdate, now_datetime, today

from n2w_mentoring import network
from n2w_mentoring.concurrency import in_batches
from n2w_mentoring.programme import lifecycle, rules

PROGRAMME = "Mentoring Programme"
LOG = "Mentoring Reminder Log"

UPCOMING_MEETING = "Upcoming meeting"
LOG_YOUR_MEETING = "Log your meeting"
CONVENTION_TO_SIGN = "Convention to sign"
FOLLOW_UP_DUE = "Follow-up due"
WEEKLY_DIGEST = "Weekly digest"

SWITCHES = {
	UPCOMING_MEETING: "remind_upcoming_meeting",
	LOG_YOUR_MEETING: "remind_log_meeting",
	CONVENTION_TO_SIGN: "remind_convention",
	FOLLOW_UP_DUE: "remind_follow_up",
	WEEKLY_DIGEST: "coordinator_digest",
}

# A planned meeting not marked held is asked about from the day after, for a few days (if the
# scheduler missed a day); the log keeps it to one e-mail.
LOG_MEETING_WINDOW_DAYS = 3


@dataclass(frozen=True)
class Recipient:
	email: str
	language: str
	name: str


def enabled(reminder: str, programme: str | None = None) -> bool:
	"""Whether a programme sends this reminder; without one, whether any active programme does."""
	if programme:
		return bool(network.programme(programme).get(SWITCHES[reminder]))
	return bool(frappe.db.exists(PROGRAMME, {"status": "Active", SWITCHES[reminder]: 1}))


def on_for_duo(reminder: str, duo: str | None) -> bool:
	"""The reminder is switched on in the duo's programme."""
	programme = network.programme_of_duo(duo)
	return bool(programme) and enabled(reminder, programme)


def sender_for(duo: str | None) -> str | None:
	"""The address of the centre running the duo's programme."""
	programme = network.programme_of_duo(duo)
	return (network.centre_identity(programme).email or None) if programme else None


def default_language() -> str:
	return frappe.db.get_default("lang") or "en"


def recipient_for_user(user: str | None) -> Recipient | None:
	if not user:
		return None
	row = frappe.db.get_value("User", user, ["email", "full_name", "enabled"], as_dict=True)
	if not row or not row.enabled or not row.email:
		return None
	language = frappe.get_doc("User", user).language or default_language()
	return Recipient(row.email, language, row.full_name or user)


def recipient_for(doctype: str, name: str | None) -> Recipient | None:
	"""A mentor or a mentee: their portal user's address and language, else their own."""
	if not name:
		return None
	person = frappe.db.get_value(
		doctype, name, ["user", "email", "preferred_language", "full_name"], as_dict=True
	)
	if not person:
		return None
	found = recipient_for_user(person.user)
	if found:
		return found
	if person.email:
		return Recipient(person.email, person.preferred_language or default_language(), person.full_name)
	return None


@contextlib.contextmanager
def in_language(language: str):
	"""Translate with ``_`` in ``language`` for the time of the block."""
	previous = frappe.local.lang
	frappe.local.lang = language
	try:
		yield
	finally:
		frappe.local.lang = previous


def paragraphs(*lines: str) -> str:
	return "".join(f"<p>{line}</p>" for line in lines if line)


def send_once(
	reminder: str, key: str, recipient: Recipient | None, reference, compose, duo: str | None = None
) -> bool:
	"""Send ``compose(recipient)`` → (subject, html) to ``recipient`` unless ``key`` was sent or the
	reminder is switched off in the programme of ``duo``."""
	if not recipient or frappe.db.exists(LOG, key):
		return False
	if duo and not on_for_duo(reminder, duo):
		return False
	reference_doctype, reference_name = reference
	with in_language(recipient.language):
		subject, message = compose(recipient)
		try:
			frappe.sendmail(
				recipients=[recipient.email],
				sender=sender_for(duo),
				subject=subject,
				message=message,
				reference_doctype=reference_doctype,
				reference_name=reference_name,
				delayed=True,
			)
		except Exception:
			# No outgoing e-mail account, a refused address…: recorded, not sent, tried again next time.
			frappe.log_error(title=f"Mentoring reminder not queued: {key}")
			return False
	frappe.get_doc(
		{
			"doctype": LOG,
			"key": key,
			"reminder": reminder,
			"recipient": recipient.email,
			"language": recipient.language,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"sent_on": now_datetime(),
			"subject": subject[:140],
		}
	).insert(ignore_permissions=True)
	return True


# --- Meetings ---------------------------------------------------------------------------------


def _duo_parties(duo: str):
	return frappe.db.get_value("Duo", duo, ["mentor", "mentee", "mentor_name", "mentee_name"], as_dict=True)


def upcoming_meetings(on: date) -> int:
	"""The day before a planned meeting, both parties are reminded of it."""
	sent = 0
	meetings = frappe.get_all(
		"Meeting",
		filters={"status": rules.PLANNED, "kind": rules.MEETING, "meeting_date": on + timedelta(days=1)},
		fields=["name", "duo", "meeting_date", "start_time", "place"],
	)
	for meeting in meetings:
		duo = _duo_parties(meeting.duo)
		if not duo:
			continue
		for doctype, person, other in (
			("Mentor", duo.mentor, duo.mentee_name),
			("Mentee", duo.mentee, duo.mentor_name),
		):
			recipient = recipient_for(doctype, person)
			if not recipient:
				continue

			def compose(r, meeting=meeting, other=other):
				when = formatdate(meeting.meeting_date)
				if meeting.start_time:
					when += " " + str(meeting.start_time)[:5]
				return (
					_("Mentoring meeting tomorrow, {0}").format(formatdate(meeting.meeting_date)),
					paragraphs(
						_("Hello {0},").format(escape_html(r.name)),
						_("Your mentoring meeting with {0} is planned tomorrow, {1}.").format(
							escape_html(other or ""), when
						),
						_("Place: {0}").format(escape_html(meeting.place)) if meeting.place else "",
					),
				)

			key = f"upcoming:{meeting.name}:{recipient.email}"
			sent += send_once(
				UPCOMING_MEETING, key, recipient, ("Meeting", meeting.name), compose, meeting.duo
			)
	return sent


def meetings_to_log(on: date) -> int:
	"""The day after a planned meeting that is not marked held, the mentor is asked to record it."""
	sent = 0
	meetings = frappe.get_all(
		"Meeting",
		filters={
			"status": rules.PLANNED,
			"kind": rules.MEETING,
			"meeting_date": (
				"between",
				[on - timedelta(days=LOG_MEETING_WINDOW_DAYS), on - timedelta(days=1)],
			),
		},
		fields=["name", "duo", "meeting_date"],
	)
	for meeting in meetings:
		duo = _duo_parties(meeting.duo)
		recipient = recipient_for("Mentor", duo.mentor) if duo else None
		if not recipient:
			continue

		def compose(r, meeting=meeting, duo=duo):
			return (
				_("How did your mentoring meeting on {0} go?").format(formatdate(meeting.meeting_date)),
				paragraphs(
					_("Hello {0},").format(escape_html(r.name)),
					_(
						"Your meeting of {0} with {1} is still marked as planned. Please record it as held, with "
						"its duration and what you discussed, or as cancelled."
					).format(formatdate(meeting.meeting_date), escape_html(duo.mentee_name or "")),
				),
			)

		key = f"log:{meeting.name}:{recipient.email}"
		sent += send_once(LOG_YOUR_MEETING, key, recipient, ("Meeting", meeting.name), compose, meeting.duo)
	return sent


# --- Conventions ------------------------------------------------------------------------------


def conventions_to_sign(on: date) -> int:
	"""A draft convention of an accepted duo: the mentor and the mentee who have not signed are asked."""
	convention = frappe.qb.DocType("Convention")
	signatory = frappe.qb.DocType("Convention Signatory")
	duo = frappe.qb.DocType("Duo")
	rows = (
		frappe.qb.from_(signatory)
		.join(convention)
		.on(signatory.parent == convention.name)
		.join(duo)
		.on(convention.duo == duo.name)
		.select(
			convention.name, convention.mentor, convention.mentee, convention.duo, duo.title, signatory.party
		)
		.where(
			(signatory.parenttype == "Convention")
			& (convention.docstatus == 0)
			& (duo.status == lifecycle.ACCEPTED)
			& signatory.party.isin(["Mentor", "Mentee"])
			& signatory.signed_on.isnull()
		)
		.run(as_dict=True)
	)
	sent = 0
	for row in rows:
		recipient = recipient_for(row.party, row.mentor if row.party == "Mentor" else row.mentee)
		if not recipient:
			continue

		def compose(r, row=row):
			return (
				_("Your mentoring convention is waiting for your signature"),
				paragraphs(
					_("Hello {0},").format(escape_html(r.name)),
					_(
						"The convention of your duo {0} is ready. Please sign it so that the duo can start."
					).format(escape_html(row.title or row.duo)),
				),
			)

		key = f"convention:{row.name}:{row.party}:{recipient.email}"
		sent += send_once(CONVENTION_TO_SIGN, key, recipient, ("Convention", row.name), compose, row.duo)
	return sent


# --- Follow-ups -------------------------------------------------------------------------------


def follow_ups_due(on: date) -> int:
	"""A follow-up that falls due: its coordinator is told, once."""
	sent = 0
	from n2w_mentoring.follow_up import ASSIGN_AT_MOST, ASSIGN_WITHIN_DAYS

	# As for the to-dos: the follow-ups that fell due lately, not a site's whole history.
	rows = frappe.get_all(
		"Post-Duo Follow-up",
		filters={
			"due_date": ("between", [on - timedelta(days=ASSIGN_WITHIN_DAYS), on]),
			"done_on": ("is", "not set"),
		},
		fields=["name", "coordinator", "person_name", "milestone", "due_date", "duo"],
		order_by="due_date asc",
		limit=ASSIGN_AT_MOST,
	)
	for row in rows:
		recipient = recipient_for_user(row.coordinator or frappe.db.get_value("Duo", row.duo, "coordinator"))
		if not recipient:
			continue

		def compose(r, row=row):
			return (
				_("Follow-up due: {0}").format(escape_html(row.person_name or row.duo)),
				paragraphs(
					_("Hello {0},").format(escape_html(r.name)),
					_(
						"The follow-up at {0} with {1} is due since {2}. Ask how things are going and record the answer."
					).format(_(row.milestone), escape_html(row.person_name or ""), formatdate(row.due_date)),
					f'<a href="{get_url_to_form("Post-Duo Follow-up", row.name)}">{escape_html(row.name)}</a>',
				),
			)

		key = f"follow-up:{row.name}:{recipient.email}"
		sent += send_once(FOLLOW_UP_DUE, key, recipient, ("Post-Duo Follow-up", row.name), compose, row.duo)
	return sent


# --- Weekly digest ----------------------------------------------------------------------------


def _links(doctype: str, rows: list, label) -> str:
	if not rows:
		return ""
	items = "".join(
		f'<li><a href="{get_url_to_form(doctype, r.name)}">{escape_html(label(r))}</a></li>' for r in rows
	)
	return f"<ul>{items}</ul>"


def coordinator_digest(on: date) -> int:
	"""Once a week, each coordinator gets what needs them: duos needing attention or an outcome,
	follow-ups due. Nothing to say, no e-mail."""
	year, week, _day = on.isocalendar()
	coordinators = set(
		frappe.get_all(
			"Duo",
			filters={"status": ("in", lifecycle.OPEN_STATES), "coordinator": ("is", "set")},
			pluck="coordinator",
			distinct=True,
		)
	) | set(
		frappe.get_all(
			"Post-Duo Follow-up",
			filters={"due_date": ("<=", on), "done_on": ("is", "not set"), "coordinator": ("is", "set")},
			pluck="coordinator",
			distinct=True,
		)
	)
	sent = 0
	for user in sorted(coordinators):
		attention = frappe.get_all(
			"Duo",
			filters={"coordinator": user, "needs_attention": 1, "status": ("in", lifecycle.OPEN_STATES)},
			fields=["name", "title", "health_signals"],
			order_by="name asc",
		)
		closing = frappe.get_all(
			"Duo",
			filters={"coordinator": user, "closure_due": 1, "status": ("in", lifecycle.RUNNING_STATES)},
			fields=["name", "title"],
			order_by="name asc",
		)
		follow_ups = frappe.get_all(
			"Post-Duo Follow-up",
			filters={"coordinator": user, "due_date": ("<=", on), "done_on": ("is", "not set")},
			fields=["name", "title"],
			order_by="due_date asc",
		)
		if not (attention or closing or follow_ups):
			continue
		recipient = recipient_for_user(user)
		if not recipient:
			continue

		def compose(r, attention=attention, closing=closing, follow_ups=follow_ups):
			def signals(d):
				labels = ", ".join(_(s) for s in (d.health_signals or "").splitlines() if s)
				return f"{d.title or d.name}: {labels}"

			sections = [_("Hello {0},").format(escape_html(r.name)), _("Your mentoring week at a glance:")]
			html = paragraphs(*sections)
			if attention:
				html += f"<h4>{_('Duos needing attention')} ({len(attention)})</h4>" + _links(
					"Duo", attention, signals
				)
			if closing:
				html += f"<h4>{_('Duos whose outcome is to record')} ({len(closing)})</h4>" + _links(
					"Duo", closing, lambda d: d.title or d.name
				)
			if follow_ups:
				html += f"<h4>{_('Follow-ups due')} ({len(follow_ups)})</h4>" + _links(
					"Post-Duo Follow-up", follow_ups, lambda f: f.title or f.name
				)
			return _("Your mentoring week: {0} duos need attention").format(len(attention)), html

		key = f"digest:{user}:{year}-W{week:02d}"
		sent += send_once(WEEKLY_DIGEST, key, recipient, ("User", user), compose)
	return sent


# --- Jobs -------------------------------------------------------------------------------------


DAILY = {
	UPCOMING_MEETING: upcoming_meetings,
	LOG_YOUR_MEETING: meetings_to_log,
	CONVENTION_TO_SIGN: conventions_to_sign,
	FOLLOW_UP_DUE: follow_ups_due,
}


def send_daily(on=None) -> dict[str, int]:
	"""Every daily reminder that is switched on; how many e-mails each queued. In the daily job each
	kind of reminder is committed on its own: a run never holds its log's rows for long."""
	day = getdate(on or today())
	kinds = [name for name in DAILY if enabled(name)]
	return dict(zip(kinds, in_batches(kinds, lambda batch: DAILY[batch[0]](day), size=1), strict=True))


def send_weekly(on=None) -> int:
	return coordinator_digest(getdate(on or today())) if enabled(WEEKLY_DIGEST) else 0
