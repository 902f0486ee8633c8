"""Every translatable source string of the app: DocType JSON, workflow, workspace, code, templates."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "n2w_mentoring"

JS_CALL = re.compile(r'__\(\s*(?:"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'|`((?:[^`\\$]|\\.)*)`)')
# _("…") in Jinja templates and t("…", lang) in print formats
TEMPLATE_CALL = re.compile(r'\b(?:_|t)\(\s*(?:"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\')')


def _add(found: dict[str, set[str]], text, origin: str) -> None:
	if isinstance(text, str) and text.strip():
		found.setdefault(text, set()).add(origin)


def _doctypes(found):
	for path in sorted(APP.glob("*/doctype/*/*.json")):
		doc = json.loads(path.read_text())
		if doc.get("doctype") != "DocType":
			continue
		origin = str(path.relative_to(APP))
		_add(found, doc["name"], origin)
		_add(found, doc.get("description"), origin)
		for field in doc.get("fields", []):
			_add(found, field.get("label"), origin)
			_add(found, field.get("description"), origin)
			if field.get("fieldtype") == "Select":
				for option in (field.get("options") or "").split("\n"):
					_add(found, option, origin)


def _workflow_and_workspaces(found):
	for workflow in json.loads((APP / "fixtures" / "workflow.json").read_text()):
		for state in workflow["states"]:
			_add(found, state["state"], "workflow")
		for transition in workflow["transitions"]:
			_add(found, transition["action"], "workflow")
	for path in APP.glob("*/workspace/*/*.json"):
		workspace = json.loads(path.read_text())
		_add(found, workspace.get("label"), "workspace")
		for row in workspace.get("links", []) + workspace.get("shortcuts", []):
			_add(found, row.get("label"), "workspace")


def translated_literals(root: ast.AST):
	"""The ``_("…")`` calls with a literal string under ``root``: (string, line) pairs."""
	for node in ast.walk(root):
		if (
			isinstance(node, ast.Call)
			and isinstance(node.func, ast.Name)
			and node.func.id == "_"
			and node.args
			and isinstance(node.args[0], ast.Constant)
			and isinstance(node.args[0].value, str)
		):
			yield node.args[0].value, node.lineno


def _python(found):
	for path in sorted(APP.rglob("*.py")):
		for text, line in translated_literals(ast.parse(path.read_text())):
			_add(found, text, f"{path.relative_to(APP)}:{line}")


def _unescape(text: str) -> str:
	return text.encode().decode("unicode_escape") if "\\" in text else text


def _scripts_and_templates(found):
	for path in sorted(APP.rglob("*.js")):
		source = path.read_text()
		for match in JS_CALL.finditer(source):
			_add(
				found, _unescape(next(g for g in match.groups() if g is not None)), str(path.relative_to(APP))
			)
	templates = [*APP.rglob("*.html")]
	for path in templates:
		for match in TEMPLATE_CALL.finditer(path.read_text()):
			_add(
				found, _unescape(next(g for g in match.groups() if g is not None)), str(path.relative_to(APP))
			)
	for path in APP.glob("*/print_format/*/*.json"):
		html = json.loads(path.read_text()).get("html") or ""
		for match in TEMPLATE_CALL.finditer(html):
			_add(
				found, _unescape(next(g for g in match.groups() if g is not None)), str(path.relative_to(APP))
			)


def _setup_records(found):
	tree = ast.parse((APP / "setup" / "install.py").read_text())
	for node in tree.body:
		if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
			name = node.targets[0].id
			if name in ("ROLES", "THEMES"):
				for key in node.value.keys:
					_add(found, key.value, name)
			elif name == "SECTORS":
				for element in node.value.elts:
					_add(found, element.value, name)
	_add(found, "Mentoring", "module")


def extract() -> dict[str, set[str]]:
	found: dict[str, set[str]] = {}
	_doctypes(found)
	_workflow_and_workspaces(found)
	_python(found)
	_scripts_and_templates(found)
	_setup_records(found)
	return found
