"""Build tests/unit/data/frappe_names.txt and hrms_names.txt (run by hand; the output is committed).

Reads Frappe from a bench (FRAPPE) and HRMS from a git clone (HRMS, branch REF); erpnext_names.txt
is kept by hand (see its header).
"""

import json
import re
import subprocess
from pathlib import Path

OUT = Path("/work/main/tests/unit/data")
FRAPPE = Path("/home/frappe/frappe-bench/apps/frappe")
HRMS = "/work/.mirror/frappe+hrms/repo"
REF = "version-15"


def kinds_from_json(docs):
	names = {}
	for d in docs:
		dt = d.get("doctype")
		kind = {
			"DocType": "DocType",
			"Report": "Report",
			"Print Format": "Print Format",
			"Workspace": "Workspace",
			"Role": "Role",
			"Number Card": "Number Card",
			"Dashboard Chart": "Dashboard Chart",
			"Module Def": "Module",
		}.get(dt)
		if kind and d.get("name"):
			names.setdefault(kind, set()).add(d["name"])
		for p in d.get("permissions", []) or []:
			if p.get("role"):
				names.setdefault("Role", set()).add(p["role"])
		for r in d.get("roles", []) or []:
			if isinstance(r, dict) and r.get("role"):
				names.setdefault("Role", set()).add(r["role"])
	return names


def load(text):
	try:
		d = json.loads(text)
	except Exception:
		return []
	return d if isinstance(d, list) else [d]


def write(fname, header, names):
	lines = [f"# {h}" for h in header]
	for kind in sorted(names):
		for n in sorted(names[kind]):
			lines.append(f"{kind}\t{n}")
	(OUT / fname).write_text("\n".join(lines) + "\n")


# Frappe
docs = []
pkg = FRAPPE / "frappe"
for pattern in (
	"*/doctype/*/*.json",
	"*/report/*/*.json",
	"*/print_format/*/*.json",
	"*/workspace/*/*.json",
	"*/number_card/*/*.json",
	"*/dashboard_chart/*/*.json",
	"*/fixtures/*.json",
	"*/*/fixtures/*.json",
	"core/doctype/role/*.json",
):
	for f in pkg.glob(pattern):
		docs.extend(load(f.read_text()))
names = kinds_from_json(docs)
names["Module"] = {line.strip() for line in (pkg / "modules.txt").read_text().splitlines() if line.strip()}
# roles created by Frappe's install
src = (pkg / "utils" / "install.py").read_text() + (pkg / "core" / "doctype" / "role" / "role.py").read_text()
names["Role"] |= {"Administrator", "Guest", "All", "System Manager", "Desk User"}
names["Role"] |= set(re.findall(r'"role_name":\s*"([^"]+)"', src))
version = re.search(r'__version__ = "([^"]+)"', (pkg / "__init__.py").read_text()).group(1)
commit = subprocess.run(
	["git", "-C", str(FRAPPE), "rev-parse", "HEAD"], capture_output=True, text=True
).stdout.strip()
write(
	"frappe_names.txt",
	[
		f"Names Frappe v{version} ships (git commit {commit or 'unknown'}), read from its source:",
		"every */doctype/*/*.json, report, print_format, workspace, number_card and dashboard_chart JSON,",
		"roles from those files' permission rows and from the roles its install creates, modules.txt.",
		"Format: kind<TAB>name. Regenerate with tests/unit/data/build_names.py.",
	],
	names,
)

# HRMS
files = subprocess.run(
	["git", "-C", HRMS, "ls-tree", "-r", "--name-only", REF], capture_output=True, text=True
).stdout.split()
commit = subprocess.run(["git", "-C", HRMS, "rev-parse", REF], capture_output=True, text=True).stdout.strip()
wanted = re.compile(
	r"^hrms/[^/]+/(doctype|report|print_format|workspace|number_card|dashboard_chart)/([^/]+)/\2\.json$|^hrms/fixtures/[^/]+\.json$"
)
docs = []
for f in files:
	if wanted.match(f):
		docs.extend(
			load(
				subprocess.run(
					["git", "-C", HRMS, "show", f"{REF}:{f}"], capture_output=True, text=True
				).stdout
			)
		)
names = kinds_from_json(docs)
mods = subprocess.run(
	["git", "-C", HRMS, "show", f"{REF}:hrms/modules.txt"], capture_output=True, text=True
).stdout
names["Module"] = {line.strip() for line in mods.splitlines() if line.strip()}
write(
	"hrms_names.txt",
	[
		f"Names HRMS v15 ships: branch {REF} of github.com/frappe/hrms, commit {commit},",
		"read from its doctype, report, print_format, workspace, number_card, dashboard_chart and fixtures",
		"JSON (roles from permission rows) and hrms/modules.txt.",
		"Format: kind<TAB>name. Regenerate with tests/unit/data/build_names.py.",
	],
	names,
)
for k, v in names.items():
	print("hrms", k, len(v))
