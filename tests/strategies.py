"""Hypothesis strategies for whole registers with arbitrary Unicode text."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from ropa_app.domain.documents import (
    OrganisationDoc,
    RecipientDoc,
    RecordDoc,
    RecordPartyDoc,
    RegisterDoc,
    TransferDoc,
)
from ropa_app.domain.enums import (
    Art9Condition,
    DataCategory,
    DataSource,
    DpiaCriterion,
    DpiaDecision,
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
)
from ropa_app.domain.models import (
    DataCategoryEntryBase,
    PurposeBase,
    SecurityMeasureBase,
    SubjectCategoryEntryBase,
    ThirdPartyBase,
)

# Any Unicode but lone surrogates (not encodable) and NUL (refused by the register).
text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
name = text.filter(lambda s: 0 < len(s) <= 60)
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1),
                       timezones=st.just(UTC))
days = st.dates(min_value=datetime(1990, 1, 1).date(), max_value=datetime(2100, 1, 1).date())
countries = st.sampled_from(["", "FR", "US", "IN", "MA", "JP", "GB", "CH"])


def _opt(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


@st.composite
def records(draw: st.DrawFn, register: RegisterKind, parties: list[str]) -> RecordDoc:
    """A record of ``register`` whose links name the given third parties."""
    link = st.sampled_from(parties) if parties else st.nothing()
    role = (PartyRole.JOINT_CONTROLLER if register is RegisterKind.CONTROLLER
            else PartyRole.CLIENT_CONTROLLER)
    cats = []
    for cat in draw(st.lists(st.sampled_from(list(DataCategory)), max_size=4)):
        has_duration = draw(st.booleans())
        cats.append(DataCategoryEntryBase(
            category=cat, description=draw(text),
            retention_value=draw(st.integers(0, 100)) if has_duration else None,
            retention_unit=draw(st.sampled_from(list(RetentionUnit))) if has_duration else None,
            retention_criterion=draw(text), retention_start=draw(text),
            retention_outcome=draw(_opt(st.sampled_from(list(RetentionOutcome)))),
            art9_condition=draw(_opt(st.sampled_from(list(Art9Condition))))
            if cat.is_special else None,
            art10_ground=draw(text) if cat.is_criminal else "",
        ))
    kinds = [PurposeKind.MAIN] + [PurposeKind.SUB] * draw(st.integers(0, 2))
    return RecordDoc(
        register_kind=register,
        reference=draw(name),
        name=draw(name),
        description=draw(text), business_function=draw(text), owner=draw(text),
        software=draw(text),
        data_source=draw(_opt(st.sampled_from(list(DataSource)))),
        data_source_details=draw(text),
        automated_decision=draw(st.booleans()), profiling=draw(st.booleans()),
        dpia_criteria=draw(st.lists(st.sampled_from(list(DpiaCriterion)), unique=True,
                                    max_size=3)),
        dpia_decision=draw(_opt(st.sampled_from(list(DpiaDecision)))),
        dpia_reason=draw(text), dpia_reference=draw(text),
        status=draw(st.sampled_from(list(RecordStatus))),
        status_changed_by=draw(text), status_changed_at=draw(_opt(moments)),
        validated_by=draw(text), validated_at=draw(_opt(moments)),
        last_review=draw(_opt(days)), next_review=draw(_opt(days)),
        created_at=draw(moments), updated_at=draw(moments),
        version=draw(st.integers(1, 50)), notes=draw(text),
        parties=[RecordPartyDoc(role=role, third_party=draw(link), details=draw(text))
                 for _ in range(draw(st.integers(0, 2 if parties else 0)))],
        purposes=[PurposeBase(kind=k, description=draw(text),
                              legal_basis=draw(_opt(st.sampled_from(list(LegalBasis)))),
                              justification=draw(text), legitimate_interest=draw(text))
                  for k in kinds],
        subjects=[SubjectCategoryEntryBase(category=c, label=draw(text), details=draw(text))
                  for c in draw(st.lists(st.sampled_from(list(SubjectCategory)), max_size=3))],
        data_categories=cats,
        recipients=[RecipientDoc(recipient_type=t, name=draw(text), details=draw(text),
                                 third_party=draw(_opt(link)) if parties else None)
                    for t in draw(st.lists(st.sampled_from(list(RecipientType)), max_size=3))],
        transfers=[TransferDoc(recipient=draw(text), country=draw(countries),
                               third_party=draw(_opt(link)) if parties else None,
                               documentation=draw(text), tia_reference=draw(text))
                   for _ in range(draw(st.integers(0, 2)))],
        security_measures=[SecurityMeasureBase(measure_type=t, details=draw(text))
                           for t in draw(st.lists(st.sampled_from(list(SecurityMeasureType)),
                                                  max_size=3))],
    )


@st.composite
def organisations(draw: st.DrawFn, org_name: str) -> OrganisationDoc:
    """An organisation with third parties and records in both registers."""
    tp_names = draw(st.lists(name, max_size=3, unique=True))
    third_parties = [ThirdPartyBase(name=n, kind=draw(st.sampled_from(list(ThirdPartyKind))),
                                    address=draw(text), country=draw(countries),
                                    dpf_certified=draw(st.booleans()), notes=draw(text))
                     for n in tp_names]
    recs: list[RecordDoc] = []
    seen: set[tuple[RegisterKind, str]] = set()
    for register in draw(st.lists(st.sampled_from(list(RegisterKind)), max_size=4)):
        rec = draw(records(register, tp_names))
        if (register, rec.reference) not in seen:
            seen.add((register, rec.reference))
            recs.append(rec)
    return OrganisationDoc(name=org_name, address=draw(text), city=draw(text),
                           dpo_name=draw(text), dpo_external=draw(st.booleans()),
                           headcount=draw(_opt(st.integers(0, 10**6))),
                           created_at=draw(moments), updated_at=draw(moments),
                           third_parties=third_parties, records=recs)


@st.composite
def registers(draw: st.DrawFn) -> RegisterDoc:
    """A register document with one or two organisations of distinct names."""
    names = draw(st.lists(name, min_size=1, max_size=2, unique=True))
    return RegisterDoc(organisations=[draw(organisations(n)) for n in names])
