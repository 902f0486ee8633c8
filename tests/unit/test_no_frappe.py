"""The programme package is plain Python: it never imports frappe."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAMME = ROOT / "n2w_mentoring" / "programme"


def imported_modules(path: Path) -> set[str]:
	modules = set()
	for node in ast.walk(ast.parse(path.read_text())):
		if isinstance(node, ast.Import):
			modules.update(alias.name for alias in node.names)
		elif isinstance(node, ast.ImportFrom) and node.module:
			modules.add(node.module)
	return modules


@pytest.mark.parametrize("path", sorted(PROGRAMME.glob("*.py")), ids=lambda p: p.name)
def test_programme_module_does_not_import_frappe(path):
	assert [m for m in imported_modules(path) if m == "frappe" or m.startswith("frappe.")] == []


def test_importing_the_programme_loads_no_frappe():
	code = (
		"import sys; import n2w_mentoring.programme.rules, n2w_mentoring.programme.lifecycle; "
		"assert not [m for m in sys.modules if m == 'frappe' or m.startswith('frappe.')]"
	)
	subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
