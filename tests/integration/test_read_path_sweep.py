"""A sweep, not a list: the doors are discovered, not enumerated by hand.

Every ``@frappe.whitelist()`` function of Frappe and of the app that takes a DocType (an argument
named ``doctype``, ``dt``, ``ref_doctype``, ``parent``... or the request's ``doctype``) and only reads
is found by reading their source. Each is called over HTTP for each of the app's DocTypes and child
tables as a host user (who has no mentoring role), and as a partner contact, a mentor, a mentee and
the coordinator of another centre of the network for each DocType one of their roles reads (and the
special-category one), with the name of a record
the caller may not read. An answer fails the test when it carries such a record's name or title, a row of
a child table under a parent the caller may not read, or a count above what the caller may list.
"""

from __future__ import annotations

import ast
import concurrent.futures
import json
import re
import time
from pathlib import Path

import frappe
import pytest
from frappe.utils import add_days, today
from support import acting_as, login, report, uid

from n2w_mentoring.data_protection.scope import APP_TABLES
from n2w_mentoring.demo import builders as b
from n2w_mentoring.mentoring.doctype.mentee_protected_data.mentee_protected_data import save_protected_data

DOCTYPE_ARGS = {
	"doctype",
	"dt",
	"ref_doctype",
	"reference_doctype",
	"parent",
	"parent_doctype",
	"document_type",
	"doc_type",
	"link_doctype",
}
NAME_ARGS = {"name", "docname", "dn", "value", "ref_name", "reference_name"}
LIST_ARGS = {"names", "docnames", "docs"}
FIELD_ARGS = {"field", "fieldname", "searchfield"}
# Verbs of methods that change something: the sweep only reads.
WRITES = re.compile(
	r"(^|_)(delete|remove|rename|cancel|submit|save|insert|set|update|add|create|make|new|bulk|import|"
	r"upload|run|enqueue|clear|reset|amend|assign|share|toggle|like|follow|unfollow|apply|sync|send|"
	r"email|backup|install|setup|logout|login|move|copy|merge|restore|mark|dismiss|accept|reject|"
	r"approve|attach|sign|erase|post|edit|discard|revert|trigger|execute|generate|unsubscribe|"
	r"subscribe|pin|hide|deactivate|activate|enable|disable|track|schedule|queue|retry|rebuild|reload|"
	r"refresh|build|compile|unlock|close|relink|confirm|quick|regenerate|revoke|propose|respond|answer|"
	r"log|nominate|record|download|export)($|_)"
)
ROLES = ("host_user", "partner", "mentor_user", "mentee_user", "other_coordinator")
WORKERS = 4


def _whitelisted(node: ast.FunctionDef) -> list[str] | None:
	"""The HTTP methods a whitelisted function accepts, or None if it is not whitelisted."""
	for decorator in node.decorator_list:
		target = decorator.func if isinstance(decorator, ast.Call) else decorator
		if ast.unparse(target).endswith("whitelist"):
			methods = ["GET", "POST", "PUT", "DELETE"]
			if isinstance(decorator, ast.Call):
				for keyword in decorator.keywords:
					if keyword.arg == "methods":
						methods = ast.literal_eval(keyword.value)
			return methods
	return None


def discover() -> list[tuple[str, list[str]]]:
	"""(dotted path, argument names) of every read-only whitelisted function taking a DocType."""
	roots = [
		(Path(frappe.__file__).parent, "frappe"),
		(Path(frappe.get_app_path("n2w_mentoring")), "n2w_mentoring"),
	]
	found = []
	for root, package in roots:
		for path in sorted(root.rglob("*.py")):
			if {"tests", "patches", "commands"} & set(path.parts):
				continue
			try:
				tree = ast.parse(path.read_text())
			except (SyntaxError, UnicodeDecodeError):
				continue
			module = ".".join((package, *path.relative_to(root).with_suffix("").parts)).removesuffix(
				".__init__"
			)
			for node in tree.body:
				if not isinstance(node, ast.FunctionDef) or WRITES.search(node.name):
					continue
				methods = _whitelisted(node)
				if not methods or "GET" not in methods:
					continue
				args = [a.arg for a in (*node.args.args, *node.args.kwonlyargs)]
				reads_request = (
					not args and "form_dict" in ast.unparse(node) and "doctype" in ast.unparse(node)
				)
				if DOCTYPE_ARGS & set(args) or reads_request:
					found.append((f"{module}.{node.name}", args or ["doctype"]))
	return found


def parents_of(child: str) -> list[str]:
	return [d for d in APP_TABLES if any(df.options == child for df in frappe.get_meta(d).get_table_fields())]


def titles_of(meta, names: list[str]) -> set[str]:
	title = meta.title_field if meta.title_field and meta.title_field != "name" else None
	if not (title and names):
		return set()
	return {t for t in frappe.get_all(meta.name, {"name": ("in", names)}, pluck=title) if t and len(t) >= 8}


def values_of(doctype: str, names: set[str], meta) -> set[str]:
	"""Every text the user reads in these records (links to records they may not open included)."""
	if not names:
		return set()
	parents = parents_of(doctype) if meta.istable else [None]
	rows = frappe.get_list(
		doctype, filters={"name": ("in", list(names))}, fields=["*"], limit=0, parent_doctype=parents[0]
	)
	return {v for row in rows for v in row.values() if isinstance(v, str)}


class Visibility:
	"""What one user may and may not read, per DocType, read through the rules themselves."""

	def __init__(self, user: str):
		self.user = user
		frappe.clear_cache(user=user)  # roles cached in this process before they were given
		self.allowed_count: dict[str, int] = {}
		self.hidden_names: dict[str, list[str]] = {}
		self.hidden_titles: dict[str, set[str]] = {}
		readable_anywhere: set[str] = set()
		with acting_as(user):
			for doctype in APP_TABLES:
				meta = frappe.get_meta(doctype)
				if meta.issingle:
					continue
				everything = frappe.get_all(doctype, pluck="name")
				readable = set()
				for parent in parents_of(doctype) if meta.istable else [None]:
					try:
						readable |= set(
							frappe.get_list(doctype, pluck="name", limit=0, parent_doctype=parent)
						)
					except frappe.PermissionError:
						pass
				self.allowed_count[doctype] = len(readable)
				self.hidden_names[doctype] = [n for n in everything if n not in readable]
				self.hidden_titles[doctype] = titles_of(meta, self.hidden_names[doctype])
				readable_anywhere |= readable | values_of(doctype, readable, meta)
		# A hidden record may share its name or title with one the user reads (a mentee's protected
		# record is named after the mentee): only what the user reads nowhere is a marker.
		for doctype in self.hidden_names:
			self.hidden_names[doctype] = [n for n in self.hidden_names[doctype] if n not in readable_anywhere]
			self.hidden_titles[doctype] -= readable_anywhere

	def has_role_read(self, doctype: str) -> bool:
		"""Whether a role of the user reads ``doctype`` (for a child table: one of its parents), or it
		is the special-category DocType, tried by every role."""
		if doctype == "Mentee Protected Data":
			return True
		meta = frappe.get_meta(doctype)
		targets = parents_of(doctype) if meta.istable else [doctype]
		return any(
			frappe.permissions.get_role_permissions(frappe.get_meta(t), user=self.user).get("read")
			for t in targets
		)

	def titles(self) -> set[str]:
		return {t for titles in self.hidden_titles.values() for t in titles}

	def markers(self) -> set[str]:
		"""Strings that must never reach this user: names and titles of what they may not read."""
		return {n for names in self.hidden_names.values() for n in names if len(n) >= 8} | self.titles()


@pytest.fixture(scope="module")
def people(world):
	"""Two duos with portal users, plans, meetings, protected data, so every table has rows."""
	made = []
	for _ in range(2):
		mentor = world.mentor(with_user=True)
		mentee = world.mentee(with_user=True)
		duo = b.start_duo(mentee, mentor, add_days(today(), -30))
		b.log_meeting(
			duo.name,
			add_days(today(), -10),
			60,
			themes=[{"theme": "Workplace codes and organisation in Belgium", "there": "Horaires"}],
		)
		b.make_action_plan(duo.name, [{"objective": f"CV {uid()}", "axis": "Technical"}])
		save_protected_data(mentee, {"health_notes": f"Secret médical {uid()}"})
		made.append(
			frappe._dict(
				mentor_user=world.user_of("Mentor", mentor), mentee_user=world.user_of("Mentee", mentee)
			)
		)
	frappe.db.commit()
	return {
		"host_user": world.host_user,
		"partner": world.partner,
		"other_coordinator": world.other_coordinator,
		**made[0],
	}


def params_for(args: list[str], doctype: str, hidden: list[str], title_field: str) -> dict:
	meta = frappe.get_meta(doctype)
	params: dict[str, str] = {}
	for arg in args:
		if arg == "parent" and meta.istable:
			parents = parents_of(doctype)
			if parents:
				params[arg] = parents[0]
		elif arg in DOCTYPE_ARGS and arg != "parent":
			params[arg] = doctype
		elif arg in NAME_ARGS and hidden:
			params[arg] = hidden[0]
		elif arg in LIST_ARGS and hidden:
			params[arg] = json.dumps(hidden[:3])
		elif arg in FIELD_ARGS:
			params[arg] = title_field
		elif arg == "txt":
			params[arg] = ""
	if "doctype" not in params and "doctype" in args:
		params["doctype"] = doctype
	return params


def leaks_in(body: str, markers: set[str], given: set[str]) -> list[str]:
	return sorted(m for m in markers - given if m in body)


def test_no_whitelisted_method_answers_what_the_caller_may_not_read(server, people):
	methods = discover()
	assert len(methods) > 50, "the discovery found too few methods: is Frappe's source readable?"
	started = time.monotonic()
	sessions = {role: login(server, people[role]) for role in ROLES}
	seen = {role: Visibility(people[role]) for role in ROLES}
	calls, findings, spent = [], [], {}
	for role in ROLES:
		view = seen[role]
		for doctype in APP_TABLES:
			meta = frappe.get_meta(doctype)
			if meta.issingle or not view.hidden_names.get(doctype):
				continue  # nothing of it is hidden from this user: nothing can leak
			if role != "host_user" and not view.has_role_read(doctype):
				continue  # refused by role, as for the host user, who tries every DocType
			title_field = meta.title_field or "name"
			for method, args in methods:
				params = params_for(args, doctype, view.hidden_names[doctype], title_field)
				calls.append((role, doctype, method, params, view))

	def call(job):
		role, doctype, method, params, view = job
		t0 = time.monotonic()
		response = sessions[role].get(f"{server}/api/method/{method}", params=params, timeout=30)
		spent[method] = spent.get(method, 0) + time.monotonic() - t0
		given = set(params.values())
		# A refusal may name the record it refuses (an identifier); it must never show its title.
		markers = view.markers() if response.status_code == 200 else view.titles()
		body = response.text
		for value in sorted(given, key=len, reverse=True):
			body = body.replace(value, "")  # an echo of what was asked is no leak, nor what it contains
		found = sorted(m for m in markers - given if m in body)
		if response.status_code == 200 and "count" in method:
			try:
				message = response.json().get("message")
			except ValueError:
				message = None
			allowed = view.allowed_count.get(doctype, 0)
			if type(message) is int and message > allowed:
				found.append(f"count {message} > {allowed}")
		return [f"{role} {method} {doctype}: {', '.join(found)[:200]}"] if found else []

	with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
		for result in pool.map(call, calls):
			findings += result
	elapsed = time.monotonic() - started
	report(
		f"read-path sweep: {len(methods)} methods, {len(calls)} calls, {elapsed:.0f} s, {len(findings)} leaks"
	)
	assert not findings, "\n".join(findings[:40])
