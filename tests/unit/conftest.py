"""Unit tier: plain Python and pytest, no Frappe. The app is imported from the repository's root."""

import ast
import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "n2w_mentoring"

# Hypothesis keeps its example database and caches outside the work tree.
os.environ.setdefault(
	"HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "n2w_mentoring-hypothesis")
)

if str(ROOT) not in sys.path:
	sys.path.insert(0, str(ROOT))


def assigned_literal(path: Path, name: str):
	"""The literal value assigned to a module-level ``name`` in ``path``, read without importing it."""
	for node in ast.parse(path.read_text()).body:
		if isinstance(node, ast.Assign) and any(
			isinstance(target, ast.Name) and target.id == name for target in node.targets
		):
			return ast.literal_eval(node.value)
	raise LookupError(f"{name} is not assigned in {path}")


@pytest.fixture(scope="session")
def app_roles() -> set[str]:
	"""The roles the app creates (``ROLES`` in setup/install.py, which imports frappe)."""
	return set(assigned_literal(APP / "setup" / "install.py", "ROLES"))
