"""Saving records: versions, conflicts, history, integrity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ropa_app.domain.documents import RecipientDoc, RecordDoc
from ropa_app.domain.enums import (
    DataCategory,
    HistoryAction,
    LegalBasis,
    PurposeKind,
    RecipientType,
    RecordStatus,
    RegisterKind,
    RetentionOutcome,
    RetentionUnit,
    ThirdPartyKind,
)
from ropa_app.domain.models import (
    DataCategoryEntryBase,
    OrganisationBase,
    PurposeBase,
    ThirdPartyBase,
)
from ropa_app.store.database import OpenedRegister
from ropa_app.store.errors import ConflictError, DuplicateError, InvalidDocumentError
from ropa_app.store.organisations import OrganisationStore
from ropa_app.store.records import RecordStore
from tests.integration.conftest import Clock


def _org(opened: OpenedRegister) -> int:
    orgs = OrganisationStore(opened.engine)
    org_id = orgs.create(OrganisationBase(name="Exemple SARL", country="FR"))
    orgs.save_third_party(org_id, ThirdPartyBase(name="PayeCo", kind=ThirdPartyKind.PROCESSOR))
    return org_id


def _payroll() -> RecordDoc:
    return RecordDoc(
        reference="RH-03",
        name="Gestion de la paie",
        purposes=[PurposeBase(kind=PurposeKind.MAIN, description="Calcul et versement des salaires",
                              legal_basis=LegalBasis.LEGAL_OBLIGATION,
                              justification="Code du travail, art. L.3243-1")],
        data_categories=[DataCategoryEntryBase(
            category=DataCategory.ECONOMIC_FINANCIAL, description="Salaire, RIB",
            retention_value=5, retention_unit=RetentionUnit.YEARS,
            retention_start="Versement du salaire", retention_outcome=RetentionOutcome.DELETION)],
        recipients=[RecipientDoc(recipient_type=RecipientType.PROCESSOR, name="Prestataire de paie",
                                 third_party="PayeCo")],
    )


def test_create_then_load_returns_every_field(opened: OpenedRegister, clock: Clock) -> None:
    """A created record loads back equal, at version 1, with its link to the third party."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "dpo", clock)
    saved = store.create(org_id, _payroll())
    loaded = store.load(saved.id)
    assert loaded.doc == saved.doc
    assert loaded.doc.version == 1
    assert loaded.doc.recipients[0].third_party == "PayeCo"
    assert loaded.doc.created_at == clock.now


def test_save_bumps_version_and_logs_each_changed_field(opened: OpenedRegister,
                                                        clock: Clock) -> None:
    """Each save is version + 1 and a history entry with who, when, old and new values."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice", clock)
    rec = store.create(org_id, _payroll())
    clock.tick()
    doc = rec.doc.model_copy(deep=True)
    doc.name = "Paie des salariés"
    doc.purposes[0].legal_basis = LegalBasis.CONTRACT
    saved = store.save(rec.id, doc, expected_version=1)
    assert saved.doc.version == 2
    assert store.load(rec.id).doc.name == "Paie des salariés"
    history = store.history(org_id, RegisterKind.CONTROLLER, "RH-03")
    assert [h.action for h in history] == [HistoryAction.CREATED, HistoryAction.UPDATED]
    update = history[-1]
    assert update.author == "alice" and update.at == clock.now and update.version == 2
    assert update.changes == [
        {"field": "name", "old": "Gestion de la paie", "new": "Paie des salariés"},
        {"field": "purposes[0].legal_basis", "old": "legal_obligation", "new": "contract"},
    ]
    created = history[0].changes
    assert {"field": "reference", "old": None, "new": "RH-03"} in created


def test_stale_save_raises_conflict_and_keeps_newer_version(opened: OpenedRegister,
                                                            clock: Clock) -> None:
    """Two editors load version 1; the second save is refused and the first one's text stays."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice", clock)
    rec = store.create(org_id, _payroll())
    first = rec.doc.model_copy(deep=True)
    second = rec.doc.model_copy(deep=True)
    first.description = "Version d'Alice"
    second.description = "Version de Bob"
    store.save(rec.id, first, expected_version=1)
    bob = RecordStore(opened.engine, "bob", clock)
    with pytest.raises(ConflictError) as info:
        bob.save(rec.id, second, expected_version=1)
    assert info.value.current_version == 2
    assert store.load(rec.id).doc.description == "Version d'Alice"
    assert len(store.history(org_id, RegisterKind.CONTROLLER, "RH-03")) == 2


def test_save_of_a_deleted_record_is_a_conflict(opened: OpenedRegister, clock: Clock) -> None:
    """Saving a record someone deleted raises a conflict naming the deletion."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice", clock)
    rec = store.create(org_id, _payroll())
    store.delete(rec.id, expected_version=1)
    with pytest.raises(ConflictError) as info:
        store.save(rec.id, rec.doc, expected_version=1)
    assert info.value.current_version is None


def test_delete_keeps_history_with_the_full_content(opened: OpenedRegister, clock: Clock) -> None:
    """After deletion, the history still holds every filled field of the deleted record."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice", clock)
    rec = store.create(org_id, _payroll())
    store.delete(rec.id, expected_version=1)
    assert store.find(org_id, RegisterKind.CONTROLLER, "RH-03") is None
    history = store.history(org_id, RegisterKind.CONTROLLER, "RH-03")
    assert [h.action for h in history] == [HistoryAction.CREATED, HistoryAction.DELETED]
    gone = {c["field"]: c["old"] for c in history[-1].changes}
    assert gone["name"] == "Gestion de la paie"
    assert gone["data_categories[0].retention_value"] == 5
    assert gone["recipients[0].third_party"] == "PayeCo"
    assert all(c["new"] is None for c in history[-1].changes)


def test_invalid_link_writes_nothing(opened: OpenedRegister, clock: Clock) -> None:
    """A record naming an unknown third party is refused with its path; nothing is written."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice", clock)
    doc = _payroll()
    doc.recipients[0].third_party = "Inconnu SA"
    with pytest.raises(InvalidDocumentError) as info:
        store.create(org_id, doc)
    assert info.value.problems[0][0] == "recipients[0].third_party"
    assert store.list_summaries(org_id, RegisterKind.CONTROLLER) == []


def test_duplicate_reference_in_one_register_is_refused(opened: OpenedRegister) -> None:
    """References are unique per register; the processor register may reuse one."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice")
    store.create(org_id, _payroll())
    with pytest.raises(DuplicateError):
        store.create(org_id, _payroll())
    other = _payroll()
    other.register_kind = RegisterKind.PROCESSOR
    other.recipients = []
    store.create(org_id, other)
    assert len(store.list_summaries(org_id, RegisterKind.PROCESSOR)) == 1


def test_status_change_records_who_and_when(opened: OpenedRegister, clock: Clock) -> None:
    """Validating a record stamps the validator and time; the history shows the change."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice", clock)
    rec = store.create(org_id, _payroll())
    assert rec.doc.status_changed_by == "alice"
    clock.tick(60)
    doc = rec.doc.model_copy(deep=True)
    doc.status = RecordStatus.VALIDATED
    saved = RecordStore(opened.engine, "dpo", clock).save(rec.id, doc, 1)
    assert saved.doc.validated_by == "dpo" and saved.doc.validated_at == clock.now
    assert saved.doc.status_changed_at == clock.now
    last = store.history(org_id, RegisterKind.CONTROLLER, "RH-03")[-1]
    assert {"field": "status", "old": "draft", "new": "validated"} in last.changes


def test_saving_unchanged_record_writes_no_version(opened: OpenedRegister, clock: Clock) -> None:
    """Saving without a change neither bumps the version nor adds history."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice", clock)
    rec = store.create(org_id, _payroll())
    again = store.save(rec.id, rec.doc, expected_version=1)
    assert again.doc.version == 1
    assert len(store.history(org_id, RegisterKind.CONTROLLER, "RH-03")) == 1


def test_renamed_reference_keeps_its_history(opened: OpenedRegister, clock: Clock) -> None:
    """Changing a record's reference carries its history to the new reference."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice", clock)
    rec = store.create(org_id, _payroll())
    doc = rec.doc.model_copy(deep=True)
    doc.reference = "RH-99"
    store.save(rec.id, doc, 1)
    assert len(store.history(org_id, RegisterKind.CONTROLLER, "RH-99")) == 2
    assert store.history(org_id, RegisterKind.CONTROLLER, "RH-03") == []


def test_summaries_carry_purpose_bases_and_flags(opened: OpenedRegister) -> None:
    """The list rows show the main purpose, the legal bases and the sensitive-data flag."""
    org_id = _org(opened)
    store = RecordStore(opened.engine, "alice")
    doc = _payroll()
    doc.data_categories.append(DataCategoryEntryBase(category=DataCategory.HEALTH))
    store.create(org_id, doc)
    (row,) = store.list_summaries(org_id, RegisterKind.CONTROLLER)
    assert row.main_purpose == "Calcul et versement des salaires"
    assert row.legal_bases == (LegalBasis.LEGAL_OBLIGATION,)
    assert row.has_special_data and not row.has_transfers


def test_cascade_and_restrict_in_the_database(opened: OpenedRegister, register_path: Path) -> None:
    """Foreign keys hold on every connection: a linked third party cannot be deleted."""
    org_id = _org(opened)
    RecordStore(opened.engine, "alice").create(org_id, _payroll())
    conn = sqlite3.connect(register_path)
    conn.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM third_party WHERE name='PayeCo'")
    conn.execute("DELETE FROM organisation")
    conn.commit()
    assert conn.execute("SELECT count(*) FROM purpose").fetchone() == (0,)
    conn.close()
