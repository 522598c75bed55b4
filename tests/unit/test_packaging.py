"""The package as shipped: every module reaches the wheel, resources resolve."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ropa_app.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject() -> None:
    """Each folder of Python modules under ropa_app/ is listed for the wheel."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "ropa_app").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert found - listed == set()


def test_reference_and_schema_resolve() -> None:
    """The resolver finds the shipped data files."""
    assert resource_path("reference", "legal_bases.json").is_file()
    assert resource_path("schema", "register.schema.json").is_file()
