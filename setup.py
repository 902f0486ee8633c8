"""setuptools shim: the metadata lives in pyproject.toml."""

import re
from pathlib import Path

from setuptools import find_packages, setup

version = re.search(r'__version__ = "([^"]+)"', Path("n2w_mentoring/__init__.py").read_text()).group(1)

setup(
	name="n2w_mentoring",
	version=version,
	packages=find_packages(exclude=("tests", "tests.*")),
	include_package_data=True,
	zip_safe=False,
)
