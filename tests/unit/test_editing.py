"""Editing rules: conflict sections and merge, duplicate references, drafts on disk."""

from __future__ import annotations

from pathlib import Path

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.editing import (
    conflicting_sections,
    duplicate,
    merge_sections,
    next_free_reference,
)
from ropa_app.domain.enums import LegalBasis, RecordStatus
from ropa_app.domain.models import PurposeBase
from ropa_app.store.drafts import DraftStore


def _base() -> RecordDoc:
    return RecordDoc(reference="RH-01", name="Recrutement", description="Tri des CV",
                     purposes=[PurposeBase(description="Recruter",
                                           legal_basis=LegalBasis.CONTRACT)])


def test_conflict_lists_the_sections_that_differ() -> None:
    """Only the fields (lists whole) that differ are offered; bookkeeping never is."""
    theirs, mine = _base(), _base()
    theirs.version = 4
    theirs.description = "Tri des CV et entretiens"
    mine.purposes[0].legal_basis = LegalBasis.LEGITIMATE_INTERESTS
    mine.owner = "DRH"
    assert conflicting_sections(theirs, mine) == ["description", "owner", "purposes"]


def test_merge_takes_chosen_sections_from_the_stored_record() -> None:
    """The merged record keeps the user's sections, takes the chosen stored ones, and sits
    on the stored version."""
    theirs, mine = _base(), _base()
    theirs.version = 4
    theirs.description = "Version enregistrée"
    mine.description = "Ma version"
    mine.owner = "DRH"
    merged = merge_sections(theirs, mine, ["description"])
    assert merged.description == "Version enregistrée"
    assert merged.owner == "DRH"
    assert merged.version == 4


def test_next_free_reference() -> None:
    """A duplicate gets the next free number, keeping the padding."""
    assert next_free_reference("RH-01", {"RH-01", "RH-02"}) == "RH-03"
    assert next_free_reference("PAIE", {"PAIE", "PAIE-2"}) == "PAIE-3"
    assert next_free_reference("T9", set()) == "T10"


def test_duplicate_is_a_fresh_draft() -> None:
    """A duplicate has a new reference, is a draft and carries no validation stamps."""
    doc = _base()
    doc.status = RecordStatus.VALIDATED
    doc.validated_by = "dpo"
    copy = duplicate(doc, {"RH-01"}, "(copie)")
    assert (copy.reference, copy.name, copy.status) == ("RH-02", "Recrutement (copie)",
                                                        RecordStatus.DRAFT)
    assert copy.validated_by == "" and copy.purposes == doc.purposes


def test_drafts_survive_and_are_discarded(tmp_path: Path) -> None:
    """A draft written to disk is found again by a new store, and goes once discarded."""
    store = DraftStore("/data/register.sqlite", tmp_path)
    doc = _base()
    doc.description = "Modifié, pas encore enregistré — ☃"
    store.save("record-7", 1, 7, 3, doc)
    (draft,) = DraftStore("/data/register.sqlite", tmp_path).load_all()
    assert (draft.record_id, draft.base_version, draft.doc) == (7, 3, doc)
    assert DraftStore("/other/register.sqlite", tmp_path).load_all() == []
    store.discard("record-7")
    assert store.load_all() == []


def test_damaged_draft_is_skipped(tmp_path: Path) -> None:
    """An unreadable draft file does not stop the others from being offered."""
    store = DraftStore("/data/register.sqlite", tmp_path)
    store.save("record-1", 1, 1, 1, _base())
    (store.folder / "broken.json").write_text("{not json", encoding="utf-8")
    assert [d.key for d in store.load_all()] == ["record-1"]
