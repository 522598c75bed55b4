"""Writing an import plan into a register: one transaction, all or nothing.

* The organisation is found by name or id; a name not in the register creates the
  organisation from the workbook's organisation block. An existing organisation is never
  changed by an import.
* Third parties the records name are created when missing, never changed.
* New activities are inserted. From our own workbook they arrive as they were exported —
  versions, timestamps and history — like a JSON import (a restore adds no entry of its
  own); from the CNIL model they start at version 1 with a "created" history entry in the
  importer's name.
* Updated activities (same reference) are saved as the editor saves them: version + 1,
  a history entry listing each changed field, status stamps. From our own workbook the
  record is replaced; from the CNIL model only the fields the model has are replaced, and
  list entries matching stored ones keep what the model cannot say (legal basis, Art. 9
  condition, links to third parties...); the import's notes are appended to the stored notes.
* Invalid items are not written. If the register changed since the preview (a reference
  added or removed), nothing is written and the user is asked to preview again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlmodel import Session

from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import HistoryAction, RegisterKind
from ropa_app.domain.history import diff
from ropa_app.domain.lifecycle import stamp_status
from ropa_app.domain.models import (
    HistoryEntry,
    HistoryEntryBase,
    Organisation,
    OrganisationBase,
    ProcessingRecord,
    ThirdParty,
    utcnow,
)
from ropa_app.domain.validation import organisation_problems, record_problems
from ropa_app.exchange.xlsx.errors import ImportCancelled
from ropa_app.exchange.xlsx.preview import ImportPlan, ItemStatus, PlanItem
from ropa_app.exchange.xlsx.vocab import norm
from ropa_app.store.codec import (
    child_rows,
    delete_children,
    insert_children,
    read_records,
    record_values,
    third_party_ids,
)
from ropa_app.store.database import writer
from ropa_app.store.errors import InvalidDocumentError, NotFoundError, RopaError, storage_errors


@dataclass(frozen=True)
class ApplySummary:
    """What applying a plan wrote."""

    created: int
    updated: int
    unchanged: int
    skipped_invalid: int
    third_parties: int
    organisation_created: bool


def _find_org(s: Session, organisation: str | int) -> int | None:
    if isinstance(organisation, int):
        return organisation if s.get(Organisation, organisation) is not None else None
    return s.scalar(select(Organisation.id).where(Organisation.name == organisation))


def existing_references(engine: Engine, organisation: str | int,
                        register: RegisterKind) -> set[str]:
    """References already used in the organisation's register (empty if it is not there)."""
    with storage_errors(str(engine.url.database or engine.url)), Session(engine) as s:
        org_id = _find_org(s, organisation)
        if org_id is None:
            return set()
        return set(s.scalars(select(ProcessingRecord.reference).where(
            ProcessingRecord.organisation_id == org_id,
            ProcessingRecord.register_kind == register)))


def apply_plan(engine: Engine, organisation: str | int, register: RegisterKind,
               plan: ImportPlan, author: str, *, now: datetime | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> ApplySummary:
    """Write the plan's valid items into ``organisation``'s ``register``, all or nothing.

    Raises:
        RopaError: the plan was made for another register, or the register changed since
            the preview; nothing was written.
        InvalidDocumentError: a record breaks the register's rules; nothing was written.
        NotFoundError: ``organisation`` is an id that does not exist.
        ImportCancelled: ``cancelled`` said so; nothing was written.
    """
    if register is not plan.register:
        raise RopaError(f"the preview was made for the {plan.register.value} register; read "
                        f"the workbook again for the {register.value} register")
    now = now or utcnow()
    items = plan.valid_items()
    where = str(engine.url.database or engine.url)
    with storage_errors(where), Session(writer(engine)) as s, s.begin():
        org_id, created_org = _organisation(s, organisation, plan)
        n_tp = _third_parties(s, org_id, plan, items, created_org)
        tp_ids = third_party_ids(s, org_id)
        current: dict[str, int] = {ref: rec_id for ref, rec_id in s.execute(
            select(ProcessingRecord.reference, ProcessingRecord.id).where(
                ProcessingRecord.organisation_id == org_id,
                ProcessingRecord.register_kind == register))}
        moved = [i.reference for i in items
                 if (i.status is ItemStatus.UPDATED) != (i.reference in current)]
        if moved:
            raise RopaError(f"the register changed since the preview ({', '.join(moved[:5])}); "
                            "nothing was imported: read the workbook again")
        new = [i for i in items if i.status is ItemStatus.NEW]
        updates = [i for i in items if i.status is ItemStatus.UPDATED]
        total, done = len(items), 0

        def tick() -> None:
            nonlocal done
            done += 1
            if cancelled is not None and cancelled():
                raise ImportCancelled("import cancelled; nothing was written")
            if progress is not None:
                progress(done, total)

        docs = [_new_doc(i, plan, register, author, now) for i in new]
        problems = [(f"{i.reference}: {path}", message) for i, d in zip(new, docs, strict=True)
                    for path, message in record_problems(d, tp_ids)]
        if problems:
            raise InvalidDocumentError(problems)
        ids = _insert(s, org_id, docs, tp_ids, tick)
        restore = created_org and plan.kind == "ropa"
        history: list[dict[str, Any]] = []
        if restore:
            history += _history_rows(plan.history, org_id, ids, register)
        for item, doc in zip(new, docs, strict=True):
            if plan.kind == "ropa":
                if not restore:
                    history += _history_rows(item.history, org_id, ids, register)
            else:
                history.append(_entry(org_id, ids[doc.reference], doc, author, now,
                                      HistoryAction.CREATED, diff(None, doc)))
        updated = unchanged = 0
        for item in updates:
            if _update(s, org_id, current[item.reference], item, register, author, now, tp_ids,
                       history):
                updated += 1
            else:
                unchanged += 1
            tick()
        if history:
            s.execute(insert(HistoryEntry), history)
    return ApplySummary(len(new), updated, unchanged, plan.count(ItemStatus.INVALID), n_tp,
                        created_org)


def _organisation(s: Session, organisation: str | int, plan: ImportPlan) -> tuple[int, bool]:
    org_id = _find_org(s, organisation)
    if org_id is not None:
        return org_id, False
    if isinstance(organisation, int):
        raise NotFoundError(f"organisation #{organisation} does not exist")
    source = plan.organisation or OrganisationDoc(name=organisation)
    doc = source.model_copy(update={"name": organisation, "third_parties": [], "records": [],
                                    "history": []})
    problems = organisation_problems(doc)
    if problems:
        raise InvalidDocumentError(problems)
    row = Organisation(**{k: getattr(doc, k) for k in OrganisationBase.model_fields},
                       created_at=doc.created_at, updated_at=doc.updated_at)
    s.add(row)
    s.flush()
    assert row.id is not None
    return row.id, True


def _third_parties(s: Session, org_id: int, plan: ImportPlan, items: Iterable[PlanItem],
                   everything: bool) -> int:
    named: set[str] = set()
    for item in items:
        rec = item.record
        if rec is not None:
            named |= {p.third_party for p in rec.parties}
            named |= {x.third_party for x in rec.recipients if x.third_party}
            named |= {t.third_party for t in rec.transfers if t.third_party}
    have = third_party_ids(s, org_id)
    missing = [tp for tp in plan.third_parties
               if tp.name not in have and (everything or tp.name in named)]
    if missing:
        s.execute(insert(ThirdParty), [{**tp.model_dump(), "organisation_id": org_id}
                                       for tp in missing])
    return len(missing)


def _new_doc(item: PlanItem, plan: ImportPlan, register: RegisterKind, author: str,
             now: datetime) -> RecordDoc:
    assert item.record is not None
    doc = item.record.model_copy(deep=True)
    doc.register_kind = register
    if plan.kind != "ropa":
        doc.version = 1
        stamp_status(None, doc, author, now)
    return doc


def _insert(s: Session, org_id: int, docs: list[RecordDoc], tp_ids: dict[str, int],
            tick: Callable[[], None]) -> dict[str, int]:
    if not docs:
        return {}
    ids = s.scalars(
        insert(ProcessingRecord).returning(ProcessingRecord.id, sort_by_parameter_order=True),
        [{**record_values(d), "organisation_id": org_id} for d in docs]).all()
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc, rec_id in zip(docs, ids, strict=True):
        for key, rows in child_rows(rec_id, doc, tp_ids).items():
            children[key].extend(rows)
        tick()
    insert_children(s, children)
    return {d.reference: rec_id for d, rec_id in zip(docs, ids, strict=True)}


def _history_rows(entries: list[HistoryEntryBase], org_id: int, ids: dict[str, int],
                  register: RegisterKind) -> list[dict[str, Any]]:
    """History rows, linked to the living record only after its reference's last deletion."""
    last_deletion: dict[tuple[RegisterKind, str], int] = {}
    for i, h in enumerate(entries):
        if h.action is HistoryAction.DELETED:
            last_deletion[(h.register_kind, h.reference)] = i
    rows = []
    for i, h in enumerate(entries):
        alive = i > last_deletion.get((h.register_kind, h.reference), -1)
        rows.append({**h.model_dump(), "register_kind": register, "organisation_id": org_id,
                     "record_id": ids.get(h.reference) if alive else None})
    return rows


def _entry(org_id: int, record_id: int, doc: RecordDoc, author: str, now: datetime,
           action: HistoryAction, changes: list[dict[str, object]]) -> dict[str, Any]:
    return {"organisation_id": org_id, "record_id": record_id,
            "register_kind": doc.register_kind, "reference": doc.reference,
            "version": doc.version, "at": now, "author": author, "action": action,
            "changes": changes}


def _update(s: Session, org_id: int, record_id: int, item: PlanItem, register: RegisterKind,
            author: str, now: datetime, tp_ids: dict[str, int],
            history: list[dict[str, Any]]) -> bool:
    """Save the item over the stored record; False when nothing would change."""
    assert item.record is not None
    row = s.get(ProcessingRecord, record_id)
    assert row is not None
    names = {v: k for k, v in tp_ids.items()}
    before = read_records(s, [row], names)[0]
    after = _merged(before, item)
    after.register_kind = register
    after.version = before.version + 1
    after.created_at, after.updated_at = before.created_at, now
    stamp_status(before, after, author, now)
    changes = diff(before, after)
    if not changes:
        return False
    problems = record_problems(after, tp_ids)
    if problems:
        raise InvalidDocumentError([(f"{item.reference}: {p}", m) for p, m in problems])
    s.execute(update(ProcessingRecord).where(ProcessingRecord.id == record_id)
              .values(**record_values(after)))
    delete_children(s, record_id)
    insert_children(s, child_rows(record_id, after, tp_ids))
    history.append(_entry(org_id, record_id, after, author, now, HistoryAction.UPDATED,
                          changes))
    return True


_KEYS: dict[str, Callable[[Any], Any]] = {
    "parties": lambda x: x.third_party,
    "purposes": lambda x: norm(x.description),
    "subjects": lambda x: (x.category, norm(x.label)),
    "data_categories": lambda x: (x.category, norm(x.description)),
    "recipients": lambda x: (x.recipient_type, norm(x.name)),
    "transfers": lambda x: (norm(x.recipient), x.country),
    "security_measures": lambda x: x.measure_type,
}


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def _merged(before: RecordDoc, item: PlanItem) -> RecordDoc:
    """The stored record with the workbook's content laid over it."""
    new = item.record
    assert new is not None
    if item.fields is None:
        return new.model_copy(deep=True)
    out = before.model_copy(deep=True)
    for name in item.fields:
        value = getattr(new, name)
        if name == "notes":
            if value and value not in before.notes:
                out.notes = f"{before.notes}\n\n{value}" if before.notes else value
            continue
        if name in _KEYS:
            value = _merge_list(getattr(before, name), value, _KEYS[name])
        setattr(out, name, value if not isinstance(value, list) else
                [v.model_copy(deep=True) for v in value])
    return out


def _merge_list(old: list[Any], new: list[Any], key: Callable[[Any], Any]) -> list[Any]:
    """``new``, each entry completed from the stored entry with the same key."""
    stored: dict[Any, Any] = {}
    for entry in old:
        stored.setdefault(key(entry), entry)
    out = []
    for entry in new:
        match = stored.get(key(entry))
        if match is None:
            out.append(entry)
            continue
        values = {name: getattr(entry, name) for name in type(entry).model_fields}
        for name, value in values.items():
            if _blank(value):
                values[name] = getattr(match, name)
        out.append(type(entry).model_validate(values))
    return out
