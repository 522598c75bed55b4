"""Whole-record and whole-register documents: what the editor edits, what the store saves,
what the JSON interchange format holds.

A document is plain data (pydantic models built on the table bases of
:mod:`ropa_app.domain.models`): no database ids, links to third parties by name, lists in
their display order. ``RegisterDoc.model_json_schema()`` is the published JSON Schema.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ropa_app.domain.models import (
    DataCategoryEntryBase,
    HistoryEntryBase,
    OrganisationBase,
    ProcessingRecordBase,
    PurposeBase,
    RecipientBase,
    RecordPartyBase,
    SecurityMeasureBase,
    Shape,
    SubjectCategoryEntryBase,
    ThirdPartyBase,
    TransferBase,
    utcnow,
)

FORMAT_NAME = "ropa-register"
FORMAT_VERSION = 1


class RecordPartyDoc(RecordPartyBase):
    """A joint controller or client controller of a record, named by its third party."""

    third_party: str = Field(min_length=1)


class RecipientDoc(RecipientBase):
    """A recipient, optionally linked to a third party by name."""

    third_party: str | None = None


class TransferDoc(TransferBase):
    """A transfer, optionally linked to a third party by name."""

    third_party: str | None = None


class RecordDoc(ProcessingRecordBase):
    """A processing record with all its lists, in the CNIL fiche order."""

    parties: list[RecordPartyDoc] = Field(default_factory=list)
    purposes: list[PurposeBase] = Field(default_factory=list)
    subjects: list[SubjectCategoryEntryBase] = Field(default_factory=list)
    data_categories: list[DataCategoryEntryBase] = Field(default_factory=list)
    recipients: list[RecipientDoc] = Field(default_factory=list)
    transfers: list[TransferDoc] = Field(default_factory=list)
    security_measures: list[SecurityMeasureBase] = Field(default_factory=list)


#: Names of the list fields of a record, in fiche order, with their item shapes.
RECORD_LISTS: dict[str, type[Shape]] = {
    "parties": RecordPartyDoc,
    "purposes": PurposeBase,
    "subjects": SubjectCategoryEntryBase,
    "data_categories": DataCategoryEntryBase,
    "recipients": RecipientDoc,
    "transfers": TransferDoc,
    "security_measures": SecurityMeasureBase,
}


class OrganisationDoc(OrganisationBase):
    """An organisation with its third parties, both registers and the records' history."""

    created_at: AwareDatetime = Field(default_factory=utcnow)
    updated_at: AwareDatetime = Field(default_factory=utcnow)
    third_parties: list[ThirdPartyBase] = Field(default_factory=list)
    records: list[RecordDoc] = Field(default_factory=list)
    history: list[HistoryEntryBase] = Field(default_factory=list)


class RegisterDoc(Shape):
    """The JSON interchange document: every organisation of a database."""

    format: Literal["ropa-register"] = FORMAT_NAME
    format_version: Literal[1] = FORMAT_VERSION
    organisations: list[OrganisationDoc] = Field(default_factory=list)
