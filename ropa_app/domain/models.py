"""Tables of the register (SQLModel).

Each entity has a ``...Base`` class with its own fields (also used by the interchange
documents in :mod:`ropa_app.domain.documents`) and a ``table=True`` class adding keys and
links. Free text is ``""`` when empty, never ``None``, so that "empty" has one spelling.

Every record belongs to exactly one organisation and one register (controller's register,
GDPR Art. 30(1), or processor's register, Art. 30(2)); the CNIL sanctioned a register that
mixed two companies' activities.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from pydantic import AwareDatetime, ConfigDict
from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ropa_app.domain.enums import (
    Art9Condition,
    DataCategory,
    DataSource,
    DpiaCriterion,
    DpiaDecision,
    HistoryAction,
    LegalBasis,
    PartyRole,
    PurposeKind,
    RecipientType,
    RecordStatus,
    RegisterKind,
    RetentionOutcome,
    RetentionUnit,
    SecurityMeasureType,
    SubjectCategory,
    ThirdPartyKind,
    TransferMechanism,
)
from ropa_app.domain.types import EnumCode, JSONList, UTCDateTime


def utcnow() -> datetime:
    """Now, timezone-aware, in UTC."""
    return datetime.now(UTC)


def _enum(cls: type, default: object = None, nullable: bool = True) -> object:
    return Field(default=default, sa_type=EnumCode(cls), nullable=nullable)


def _ts(nullable: bool = False) -> object:
    if nullable:
        return Field(default=None, sa_type=UTCDateTime, nullable=True)
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Shape(SQLModel):
    """Common configuration: unknown fields are an error, assignments are validated."""

    model_config = ConfigDict(extra="forbid")


def _child_fk(table: str = "processing_record") -> object:
    return Field(
        sa_column=Column(Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    )


# --- Organisation ------------------------------------------------------------------------


class OrganisationBase(Shape):
    """The organisation keeping the register: its own block, its DPO and its representative.

    Art. 30(1)(a) / 30(2)(a): name and contact details of the controller (or processor),
    its representative (Art. 27) and its data protection officer (Art. 37).
    """

    name: str = Field(min_length=1, max_length=300)
    legal_form: str = ""
    registration_number: str = ""  # SIREN / SIRET or national equivalent
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    phone: str = ""
    email: str = ""
    contact_name: str = ""  # legal representative or contact person of the organisation
    headcount: int | None = Field(default=None, ge=0)
    review_interval_months: int = Field(default=12, ge=1, le=120)

    dpo_name: str = ""
    dpo_external: bool = False
    dpo_company: str = ""  # the DPO's company when the DPO is external ("Société du DPO")
    dpo_address: str = ""
    dpo_postcode: str = ""
    dpo_city: str = ""
    dpo_country: str = ""
    dpo_phone: str = ""
    dpo_email: str = ""
    dpo_designation_number: str = ""  # number of the designation filed with the authority

    representative_name: str = ""  # Art. 27 representative in the EU
    representative_address: str = ""
    representative_postcode: str = ""
    representative_city: str = ""
    representative_country: str = ""
    representative_phone: str = ""
    representative_email: str = ""

    notes: str = ""


class Organisation(OrganisationBase, table=True):
    """An organisation; it owns third parties and the records of its two registers."""

    __tablename__ = "organisation"
    __table_args__ = (
        UniqueConstraint("name", name="uq_organisation_name"),
        CheckConstraint("name <> ''", name="ck_organisation_name_not_empty"),
    )

    id: int | None = Field(default=None, primary_key=True)
    created_at: AwareDatetime = _ts()  # type: ignore[assignment]
    updated_at: AwareDatetime = _ts()  # type: ignore[assignment]


# --- Third parties -------------------------------------------------------------------------


class ThirdPartyBase(Shape):
    """A processor, joint controller, partner or client controller, kept once per
    organisation and linked from records so its details are edited in one place."""

    name: str = Field(min_length=1, max_length=300)
    kind: ThirdPartyKind = _enum(ThirdPartyKind, ThirdPartyKind.OTHER, nullable=False)  # type: ignore[assignment]
    registration_number: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    phone: str = ""
    email: str = ""
    contact_name: str = ""
    contract_reference: str = ""  # e.g. the Art. 28 data processing agreement
    dpf_certified: bool = False  # listed under the EU-US Data Privacy Framework
    notes: str = ""


class ThirdParty(ThirdPartyBase, table=True):
    """A third party of one organisation."""

    __tablename__ = "third_party"
    __table_args__ = (
        UniqueConstraint("organisation_id", "name", name="uq_third_party_name"),
        CheckConstraint("name <> ''", name="ck_third_party_name_not_empty"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _child_fk("organisation")  # type: ignore[assignment]


# --- Processing record ---------------------------------------------------------------------


class ProcessingRecordBase(Shape):
    """One processing activity ("fiche de registre")."""

    register_kind: RegisterKind = _enum(  # type: ignore[assignment]
        RegisterKind, RegisterKind.CONTROLLER, nullable=False
    )
    reference: str = Field(min_length=1, max_length=60)  # "N° / RÉF", unique per register
    name: str = Field(min_length=1, max_length=300)
    description: str = ""
    business_function: str = ""  # department / business function
    owner: str = ""  # person responsible for the activity in the organisation
    software: str = ""  # application(s) used

    data_source: DataSource | None = _enum(DataSource)  # type: ignore[assignment]
    data_source_details: str = ""
    automated_decision: bool = False  # Art. 22 decision-making, including profiling
    profiling: bool = False
    automated_decision_details: str = ""

    # DPIA screening (Art. 35): EDPB criteria met, CNIL list entries matched, decision.
    dpia_criteria: list[DpiaCriterion] = Field(
        default_factory=list, sa_type=JSONList, nullable=False
    )
    dpia_cnil_list: list[str] = Field(default_factory=list, sa_type=JSONList, nullable=False)
    dpia_decision: DpiaDecision | None = _enum(DpiaDecision)  # type: ignore[assignment]
    dpia_reason: str = ""
    dpia_reference: str = ""

    status: RecordStatus = _enum(RecordStatus, RecordStatus.DRAFT, nullable=False)  # type: ignore[assignment]
    status_changed_by: str = ""
    status_changed_at: AwareDatetime | None = _ts(nullable=True)  # type: ignore[assignment]
    validated_by: str = ""
    validated_at: AwareDatetime | None = _ts(nullable=True)  # type: ignore[assignment]
    last_review: date | None = None
    last_reviewed_by: str = ""  # who carried out the last periodic review
    next_review: date | None = None
    created_at: AwareDatetime = _ts()  # type: ignore[assignment]
    updated_at: AwareDatetime = _ts()  # type: ignore[assignment]
    version: int = Field(default=1, ge=1)  # bumped by every save; guards concurrent edits

    notes: str = ""  # free notes, and anything an import could not map to a field


class ProcessingRecord(ProcessingRecordBase, table=True):
    """A processing record in one organisation's controller or processor register."""

    __tablename__ = "processing_record"
    __table_args__ = (
        UniqueConstraint(
            "organisation_id", "register_kind", "reference", name="uq_record_reference"
        ),
        CheckConstraint("reference <> ''", name="ck_record_reference_not_empty"),
        CheckConstraint("name <> ''", name="ck_record_name_not_empty"),
        CheckConstraint("version >= 1", name="ck_record_version_positive"),
        Index("ix_record_org_register", "organisation_id", "register_kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _child_fk("organisation")  # type: ignore[assignment]
    # Derived: every word of the record, folded (see ropa_app.domain.search); rewritten at
    # every save, so the list can search without loading records.
    search_text: str = Field(default="", sa_type=Text, nullable=False)


# --- Record children (ordered by position) -------------------------------------------------
# Links to third parties are ids in the tables and names in the documents, so the ``...Base``
# classes below leave them out; see ``ropa_app.domain.documents``.


class RecordPartyBase(Shape):
    """A joint controller (Art. 26) or, in the processor register, a controller on whose
    behalf the processing is carried out with the categories of processing (Art. 30(2)(b))."""

    role: PartyRole = _enum(PartyRole, nullable=False)  # type: ignore[assignment]
    details: str = ""  # Art. 26 arrangement, or the categories of processing for the client


class PurposeBase(Shape):
    """A purpose with its own Art. 6(1) legal basis."""

    kind: PurposeKind = _enum(PurposeKind, PurposeKind.MAIN, nullable=False)  # type: ignore[assignment]
    description: str = ""
    legal_basis: LegalBasis | None = _enum(LegalBasis)  # type: ignore[assignment]
    justification: str = ""  # the law, regulation or contract relied on
    legitimate_interest: str = ""  # Art. 6(1)(f): the interest pursued
    balancing_test_reference: str = ""  # Art. 6(1)(f): where the assessment is kept
    consent_details: str = ""  # Art. 6(1)(a) / 7: how consent is collected and withdrawn


class SubjectCategoryEntryBase(Shape):
    """A category of data subjects (Art. 30(1)(c))."""

    category: SubjectCategory = _enum(SubjectCategory, nullable=False)  # type: ignore[assignment]
    label: str = ""  # wording for "other", or a more precise name
    details: str = ""  # précisions


class DataCategoryEntryBase(Shape):
    """A category of personal data with its retention (Art. 30(1)(c) and (f))."""

    category: DataCategory = _enum(DataCategory, nullable=False)  # type: ignore[assignment]
    description: str = ""
    retention_value: int | None = Field(default=None, ge=0)
    retention_unit: RetentionUnit | None = _enum(RetentionUnit)  # type: ignore[assignment]
    retention_criterion: str = ""  # when no duration can be given
    retention_start: str = ""  # the event the period runs from
    retention_outcome: RetentionOutcome | None = _enum(RetentionOutcome)  # type: ignore[assignment]
    art9_condition: Art9Condition | None = _enum(Art9Condition)  # type: ignore[assignment]
    art10_ground: str = ""  # Art. 10: official authority or the law authorising it


class RecipientBase(Shape):
    """A category of recipient (Art. 30(1)(d))."""

    recipient_type: RecipientType = _enum(RecipientType, nullable=False)  # type: ignore[assignment]
    name: str = ""
    details: str = ""


class TransferBase(Shape):
    """A transfer to a third country or international organisation (Art. 30(1)(e))."""

    recipient: str = ""
    country: str = ""  # ISO 3166-1 alpha-2; empty for an international organisation
    international_organisation: str = ""
    mechanism: TransferMechanism | None = _enum(TransferMechanism)  # type: ignore[assignment]
    documentation: str = ""  # safeguards documentation (mandatory for Art. 49(1) second subpara.)
    tia_reference: str = ""  # transfer impact assessment
    details: str = ""


class SecurityMeasureBase(Shape):
    """A technical or organisational security measure (Art. 30(1)(g), Art. 32(1))."""

    measure_type: SecurityMeasureType = _enum(SecurityMeasureType, nullable=False)  # type: ignore[assignment]
    details: str = ""


class RecordParty(RecordPartyBase, table=True):
    __tablename__ = "record_party"
    id: int | None = Field(default=None, primary_key=True)
    record_id: int = _child_fk()  # type: ignore[assignment]
    position: int = 0
    third_party_id: int = Field(
        sa_column=Column(Integer, ForeignKey("third_party.id"), nullable=False)
    )


class Purpose(PurposeBase, table=True):
    __tablename__ = "purpose"
    id: int | None = Field(default=None, primary_key=True)
    record_id: int = _child_fk()  # type: ignore[assignment]
    position: int = 0


class SubjectCategoryEntry(SubjectCategoryEntryBase, table=True):
    __tablename__ = "subject_category"
    id: int | None = Field(default=None, primary_key=True)
    record_id: int = _child_fk()  # type: ignore[assignment]
    position: int = 0


class DataCategoryEntry(DataCategoryEntryBase, table=True):
    __tablename__ = "data_category"
    id: int | None = Field(default=None, primary_key=True)
    record_id: int = _child_fk()  # type: ignore[assignment]
    position: int = 0


class Recipient(RecipientBase, table=True):
    __tablename__ = "recipient"
    id: int | None = Field(default=None, primary_key=True)
    record_id: int = _child_fk()  # type: ignore[assignment]
    position: int = 0
    third_party_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("third_party.id"), nullable=True),
    )


class Transfer(TransferBase, table=True):
    __tablename__ = "transfer"
    id: int | None = Field(default=None, primary_key=True)
    record_id: int = _child_fk()  # type: ignore[assignment]
    position: int = 0
    third_party_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("third_party.id"), nullable=True),
    )


class SecurityMeasure(SecurityMeasureBase, table=True):
    __tablename__ = "security_measure"
    id: int | None = Field(default=None, primary_key=True)
    record_id: int = _child_fk()  # type: ignore[assignment]
    position: int = 0


# --- History -------------------------------------------------------------------------------


class HistoryEntryBase(Shape):
    """One save of a record: who, when, and each changed field's old and new value.

    Keyed by register and reference rather than by a foreign key, so the history of a
    deleted record stays (its last content is in the "deleted" entry).
    """

    register_kind: RegisterKind = _enum(RegisterKind, nullable=False)  # type: ignore[assignment]
    reference: str
    version: int
    at: AwareDatetime = _ts()  # type: ignore[assignment]
    author: str = ""
    action: HistoryAction = _enum(HistoryAction, nullable=False)  # type: ignore[assignment]
    changes: list[dict[str, object]] = Field(default_factory=list, sa_type=JSONList,
                                             nullable=False)


class HistoryEntry(HistoryEntryBase, table=True):
    __tablename__ = "record_history"
    __table_args__ = (Index("ix_history_record", "organisation_id", "register_kind", "reference"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = _child_fk("organisation")  # type: ignore[assignment]
    record_id: int | None = Field(default=None, index=True)  # None once the record is deleted


class RopaMeta(SQLModel, table=True):
    """Marks a database as a ROPA register (SQLite files also carry an application id)."""

    __tablename__ = "ropa_meta"

    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=200)
