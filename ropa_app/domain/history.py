"""What changed between two versions of a record, field by field.

A record is flattened to ``{path: value}`` with JSON values and paths such as ``name`` or
``purposes[1].legal_basis``; the history keeps, for each save, every path whose value
differs. Bookkeeping fields (version, timestamps of the save itself) are left out.
"""

from __future__ import annotations

from typing import Any

from ropa_app.domain.documents import RecordDoc

#: Fields that change on every save and so say nothing about what the user changed.
BOOKKEEPING = frozenset({"version", "updated_at", "created_at"})


def _flatten(value: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, sub in value.items():
            _flatten(sub, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for i, sub in enumerate(value):
            _flatten(sub, f"{path}[{i}]", out)
    else:
        out[path] = value


def flatten(doc: RecordDoc) -> dict[str, Any]:
    """The record as ``{path: JSON value}``, bookkeeping fields left out."""
    data = doc.model_dump(mode="json", exclude=set(BOOKKEEPING))
    out: dict[str, Any] = {}
    _flatten(data, "", out)
    return out


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def diff(before: RecordDoc | None, after: RecordDoc | None) -> list[dict[str, Any]]:
    """Changes from ``before`` to ``after`` as ``{"field", "old", "new"}`` dicts, in field order.

    With ``before`` None (a creation) or ``after`` None (a deletion), the other side's
    filled-in fields are listed, so the history alone holds a deleted record's content.
    """
    old = flatten(before) if before is not None else {}
    new = flatten(after) if after is not None else {}
    changes: list[dict[str, Any]] = []
    for path in dict.fromkeys([*old, *new]):
        a, b = old.get(path), new.get(path)
        if a == b:
            continue
        if (before is None or after is None) and _is_blank(a) and _is_blank(b):
            continue
        changes.append({"field": path, "old": a, "new": b})
    return changes
