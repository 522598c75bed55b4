"""A whole database in or out as one document (the JSON interchange format, the demo).

Export is deterministic: organisations by name, third parties by name, records by register
then reference, lists in their order, history in the order it was written. Import checks
the whole document first and writes everything in one transaction, or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlmodel import Session

from ropa_app.domain.documents import OrganisationDoc, RegisterDoc
from ropa_app.domain.enums import HistoryAction, RegisterKind
from ropa_app.domain.models import (
    HistoryEntry,
    HistoryEntryBase,
    Organisation,
    OrganisationBase,
    ProcessingRecord,
    ThirdParty,
    ThirdPartyBase,
)
from ropa_app.domain.validation import register_problems
from ropa_app.store.codec import child_rows, insert_children, read_records, record_values
from ropa_app.store.database import writer
from ropa_app.store.errors import DuplicateError, InvalidDocumentError, storage_errors

_REGISTER_ORDER = {RegisterKind.CONTROLLER: 0, RegisterKind.PROCESSOR: 1}


@dataclass(frozen=True)
class ImportSummary:
    """What an import wrote."""

    organisations: int
    third_parties: int
    records: int
    history_entries: int


def export_register(engine: Engine, organisation: str | None = None) -> RegisterDoc:
    """Every organisation (or the one named) with everything it holds."""
    where = str(engine.url.database or engine.url)
    with storage_errors(where), Session(engine) as s:
        stmt = select(Organisation)
        if organisation is not None:
            stmt = stmt.where(Organisation.name == organisation)
        orgs = sorted(s.scalars(stmt).all(), key=lambda o: o.name)
        return RegisterDoc(organisations=[_export_org(s, org) for org in orgs])


def _export_org(s: Session, org: Organisation) -> OrganisationDoc:
    tps = sorted(
        s.scalars(select(ThirdParty).where(ThirdParty.organisation_id == org.id)).all(),
        key=lambda t: t.name,
    )
    names = {tp.id: tp.name for tp in tps}
    rows = s.scalars(
        select(ProcessingRecord).where(ProcessingRecord.organisation_id == org.id)
    ).all()
    rows = sorted(rows, key=lambda r: (_REGISTER_ORDER[r.register_kind], r.reference))
    records = read_records(s, rows, names)  # type: ignore[arg-type]
    history = s.scalars(
        select(HistoryEntry).where(HistoryEntry.organisation_id == org.id).order_by(HistoryEntry.id)
    ).all()
    data = {k: getattr(org, k) for k in OrganisationBase.model_fields}
    # Each item is validated on its own, not in one call over every list: one pydantic
    # call holds the interpreter lock throughout, and a background export of a large
    # register would freeze the window for over half a second. Validated documents are
    # taken as they are by the call below.
    return OrganisationDoc.model_validate({
        **data,
        "created_at": org.created_at,
        "updated_at": org.updated_at,
        "third_parties": [ThirdPartyBase.model_validate(
            {k: getattr(tp, k) for k in ThirdPartyBase.model_fields}) for tp in tps],
        "records": records,
        "history": [HistoryEntryBase.model_validate(
            {k: getattr(h, k) for k in HistoryEntryBase.model_fields}) for h in history],
    })


def import_register(engine: Engine, doc: RegisterDoc) -> ImportSummary:
    """Add every organisation of ``doc`` to the database, all or nothing.

    Raises:
        InvalidDocumentError: the document breaks an integrity rule (nothing written).
        DuplicateError: an organisation of the same name is already there (nothing written).
    """
    problems = register_problems(doc)
    if problems:
        raise InvalidDocumentError(problems)
    where = str(engine.url.database or engine.url)
    counts = [0, 0, 0, 0]
    with storage_errors(where), Session(writer(engine)) as s, s.begin():
        existing = set(s.scalars(select(Organisation.name)))
        for i, org in enumerate(doc.organisations):
            if org.name in existing:
                raise DuplicateError(
                    f"organisations[{i}]: an organisation named {org.name!r} is already in "
                    "this register; nothing was imported"
                )
        for org in doc.organisations:
            n_tp, n_rec, n_hist = _import_org(s, org)
            counts[0] += 1
            counts[1] += n_tp
            counts[2] += n_rec
            counts[3] += n_hist
    return ImportSummary(*counts)


def _import_org(s: Session, org: OrganisationDoc) -> tuple[int, int, int]:
    row = Organisation(**{k: getattr(org, k) for k in OrganisationBase.model_fields},
                       created_at=org.created_at, updated_at=org.updated_at)
    s.add(row)
    s.flush()
    org_id = row.id
    assert org_id is not None
    tp_ids: dict[str, int] = {}
    if org.third_parties:
        ids = s.scalars(
            insert(ThirdParty).returning(ThirdParty.id, sort_by_parameter_order=True),
            [{**tp.model_dump(), "organisation_id": org_id} for tp in org.third_parties],
        ).all()
        tp_ids = {tp.name: tp_id for tp, tp_id in zip(org.third_parties, ids, strict=True)}
    record_ids: dict[tuple[RegisterKind, str], int] = {}
    if org.records:
        ids = s.scalars(
            insert(ProcessingRecord).returning(ProcessingRecord.id, sort_by_parameter_order=True),
            [{**record_values(r), "organisation_id": org_id} for r in org.records],
        ).all()
        children: dict[str, list[dict[str, object]]] = defaultdict(list)
        for rec, rec_id in zip(org.records, ids, strict=True):
            record_ids[(rec.register_kind, rec.reference)] = rec_id
            for key, rows in child_rows(rec_id, rec, tp_ids).items():
                children[key].extend(rows)
        insert_children(s, children)
    if org.history:
        s.execute(insert(HistoryEntry), _history_rows(org, org_id, record_ids))
    return len(org.third_parties), len(org.records), len(org.history)


def _history_rows(org: OrganisationDoc, org_id: int,
                  record_ids: dict[tuple[RegisterKind, str], int]) -> list[dict[str, object]]:
    """History rows, linked to the living record only after its reference's last deletion."""
    last_deletion: dict[tuple[RegisterKind, str], int] = {}
    for i, h in enumerate(org.history):
        if h.action is HistoryAction.DELETED:
            last_deletion[(h.register_kind, h.reference)] = i
    rows = []
    for i, h in enumerate(org.history):
        key = (h.register_kind, h.reference)
        alive = i > last_deletion.get(key, -1)
        rows.append({**h.model_dump(), "organisation_id": org_id,
                     "record_id": record_ids.get(key) if alive else None})
    return rows
