"""Where the application's read-only resources (reference data, icons, templates) live.

One resolver, :func:`resource_path`, hides the three ways the application runs:

* from a source checkout: ``<repo>/resources``;
* from a frozen bundle (PyInstaller): ``sys._MEIPASS/resources``, or ``resources`` next to
  the executable for freezers that do not set ``_MEIPASS``;
* from an installed wheel: ``ropa_app/_resources`` inside the package (packaging maps the
  repository's ``resources`` folder there).

The first root in which the requested path exists wins.
"""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES_DIRNAME = "resources"
"""Name of the resources folder at the repository root and in a frozen bundle."""

PACKAGE_RESOURCES_DIRNAME = "_resources"
"""Name of the resources folder inside the installed ``ropa_app`` package."""

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_roots() -> tuple[Path, ...]:
    """The folders searched for resources, in the order they are tried.

    Returns:
        The source-tree folder, then the frozen-bundle folder (only when running frozen),
        then the installed-package folder. The folders need not exist.
    """
    roots = [_PACKAGE_DIR.parent / RESOURCES_DIRNAME]
    if getattr(sys, "frozen", False):
        bundle = getattr(sys, "_MEIPASS", None)
        base = Path(bundle) if bundle else Path(sys.executable).resolve().parent
        roots.append(base / RESOURCES_DIRNAME)
    roots.append(_PACKAGE_DIR / PACKAGE_RESOURCES_DIRNAME)
    # A frozen bundle usually puts the package inside _MEIPASS, making two roots equal.
    return tuple(dict.fromkeys(roots))


def resource_path(*parts: str) -> Path:
    """The path of a resource, e.g. ``resource_path("reference", "legal_bases.json")``.

    Args:
        *parts: Path components below the resources root; none gives the root itself.

    Returns:
        The path under the first root (see :func:`resource_roots`) where it exists.

    Raises:
        FileNotFoundError: The resource exists under none of the roots; the message names
            every place that was looked at.
    """
    candidates = [root.joinpath(*parts) for root in resource_roots()]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    wanted = "/".join(parts) or "(resources root)"
    looked = "; ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"resource {wanted!r} not found; looked in: {looked}")
