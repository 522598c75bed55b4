"""Between table rows and documents: reading a record's lists, writing them back.

Links to third parties are ids in the tables and names in the documents; this module is
the one place where one becomes the other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from ropa_app.domain.documents import RECORD_LISTS, RecordDoc
from ropa_app.domain.models import (
    DataCategoryEntry,
    ProcessingRecord,
    Purpose,
    Recipient,
    RecordParty,
    SecurityMeasure,
    SubjectCategoryEntry,
    ThirdParty,
    Transfer,
)
from ropa_app.domain.search import record_search_text

#: Table of each list field of a record.
CHILD_TABLES: dict[str, type[Any]] = {
    "parties": RecordParty,
    "purposes": Purpose,
    "subjects": SubjectCategoryEntry,
    "data_categories": DataCategoryEntry,
    "recipients": Recipient,
    "transfers": Transfer,
    "security_measures": SecurityMeasure,
}
_LINKED = frozenset({"parties", "recipients", "transfers"})
_ROW_ONLY = frozenset({"id", "record_id", "position", "third_party_id"})
RECORD_SCALARS: tuple[str, ...] = tuple(
    name for name in RecordDoc.model_fields if name not in RECORD_LISTS
)


def third_party_ids(session: Session, organisation_id: int) -> dict[str, int]:
    """Name → id of an organisation's third parties."""
    rows = session.exec(  # type: ignore[call-overload]
        select(ThirdParty.name, ThirdParty.id).where(ThirdParty.organisation_id == organisation_id)
    ).all()
    return {name: tp_id for name, tp_id in rows}


def record_values(doc: RecordDoc) -> dict[str, Any]:
    """The record's own columns, as Python values for the table (with its search text)."""
    values = {name: getattr(doc, name) for name in RECORD_SCALARS}
    values["search_text"] = record_search_text(doc)
    return values


def child_rows(
    record_id: int, doc: RecordDoc, tp_ids: Mapping[str, int]
) -> dict[str, list[dict[str, Any]]]:
    """Rows of every list of ``doc``, ready for a bulk insert."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key in RECORD_LISTS:
        rows = []
        for position, item in enumerate(getattr(doc, key)):
            values = item.model_dump(exclude={"third_party"})
            if key in _LINKED:
                name = getattr(item, "third_party", None)
                values["third_party_id"] = tp_ids[name] if name is not None else None
            values["record_id"] = record_id
            values["position"] = position
            rows.append(values)
        out[key] = rows
    return out


def insert_children(session: Session, rows: Mapping[str, Sequence[dict[str, Any]]]) -> None:
    """Insert child rows produced by :func:`child_rows` (possibly for many records)."""
    for key, table in CHILD_TABLES.items():
        if rows.get(key):
            session.execute(insert(table), list(rows[key]))


def delete_children(session: Session, record_id: int) -> None:
    """Remove every list entry of a record (before writing its new lists)."""
    for table in CHILD_TABLES.values():
        session.execute(delete(table).where(table.record_id == record_id))


def read_records(
    session: Session, rows: Sequence[ProcessingRecord], tp_names: Mapping[int, str]
) -> list[RecordDoc]:
    """Documents for the given record rows, with their lists, in one query per list."""
    ids = [r.id for r in rows]
    lists: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for key, table in CHILD_TABLES.items():
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for chunk in _chunks(ids, 500):
            stmt = select(table).where(table.record_id.in_(chunk)).order_by(
                table.record_id, table.position
            )
            for (child,) in session.execute(stmt):
                values = {k: getattr(child, k) for k in type(child).model_fields
                          if k not in _ROW_ONLY}
                if key in _LINKED:
                    tp_id = child.third_party_id
                    values["third_party"] = tp_names[tp_id] if tp_id is not None else None
                grouped[child.record_id].append(values)
        lists[key] = grouped
    docs = []
    for row in rows:
        data = {name: getattr(row, name) for name in RECORD_SCALARS}
        for key in RECORD_LISTS:
            data[key] = lists[key].get(row.id, [])  # type: ignore[arg-type]
        docs.append(RecordDoc.model_validate(data))
    return docs


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
