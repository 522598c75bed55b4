"""Running the rules over records and organisations.

Pure functions over documents (no database, no Qt): :func:`check_record`,
:func:`check_organisation_block`, :func:`check_register`, and :func:`score`.
Archived records are not checked: they describe processing that has stopped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from ropa_app.checks.rules import RULES, Rule, Severity
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import (
    DpiaDecision,
    LegalBasis,
    RecipientType,
    RecordStatus,
    RegisterKind,
    ThirdPartyKind,
    TransferMechanism,
)
from ropa_app.domain.models import OrganisationBase, ThirdPartyBase
from ropa_app.domain.reference import CountryStatus, load_reference
from ropa_app.domain.search import fold


@dataclass(frozen=True, slots=True)  # a large register has tens of thousands
class Finding:
    """A rule broken at one place.

    Attributes:
        rule: the rule.
        reference: the record's reference, or None for the organisation's own block.
        register: the record's register, or None for the organisation.
        path: the field to fix, in the document's spelling ("purposes[0].legal_basis").
    """

    rule: Rule
    reference: str | None
    register: RegisterKind | None
    path: str

    @property
    def severity(self) -> Severity:
        """The rule's severity."""
        return self.rule.severity

    def to_json(self, lang: str) -> dict[str, object]:
        """A plain dict for ``ropa check --json``."""
        return {
            "rule": self.rule.id, "severity": self.rule.severity.value,
            "article": self.rule.article, "message": self.rule.message(lang),
            "register": self.register.value if self.register else None,
            "reference": self.reference, "field": self.path,
        }


_OPEN_ENDED = re.compile(r"illimit|indefini|indetermin|unlimited|indefinite|forever|"
                         r"permanent|sans limit|no limit|a vie\b|for life")


def _f(rule_id: str, rec: RecordDoc, path: str) -> Finding:
    return Finding(RULES[rule_id], rec.reference, rec.register_kind, path)


def check_organisation_block(org: OrganisationBase) -> list[Finding]:
    """Findings on the organisation's own block (its identity and DPO)."""
    out = []
    if not org.address or not (org.email or org.phone):
        out.append(Finding(RULES["org.identity"], None, None,
                           "address" if not org.address else "email"))
    if not org.dpo_name or not (org.dpo_email or org.dpo_phone):
        out.append(Finding(RULES["org.dpo"], None, None,
                           "dpo_name" if not org.dpo_name else "dpo_email"))
    return out


def _lists(rec: RecordDoc) -> Iterator[Finding]:
    if rec.register_kind is RegisterKind.CONTROLLER:
        if not rec.purposes:
            yield _f("c.purpose.missing", rec, "purposes")
        if not rec.subjects:
            yield _f("c.subjects.missing", rec, "subjects")
        if not rec.data_categories:
            yield _f("c.data.missing", rec, "data_categories")
        if not rec.recipients:
            yield _f("c.recipients.missing", rec, "recipients")
    else:
        if not rec.parties:
            yield _f("p.controllers.missing", rec, "parties")
        for i, party in enumerate(rec.parties):
            if not party.details.strip():
                yield _f("p.categories.missing", rec, f"parties[{i}].details")
    if not rec.security_measures:
        yield _f("security.missing", rec, "security_measures")


def _purposes(rec: RecordDoc) -> Iterator[Finding]:
    for i, p in enumerate(rec.purposes):
        where = f"purposes[{i}]"
        if not p.description.strip() and rec.register_kind is RegisterKind.CONTROLLER:
            yield _f("c.purpose.empty", rec, f"{where}.description")
        if p.legal_basis is None:
            if rec.register_kind is RegisterKind.CONTROLLER:
                yield _f("purpose.basis.missing", rec, f"{where}.legal_basis")
        elif p.legal_basis is LegalBasis.LEGITIMATE_INTERESTS and not p.legitimate_interest.strip():
            yield _f("purpose.li.interest", rec, f"{where}.legitimate_interest")
        elif p.legal_basis is LegalBasis.CONSENT and not p.consent_details.strip():
            yield _f("purpose.consent.details", rec, f"{where}.consent_details")


def _data(rec: RecordDoc) -> Iterator[Finding]:
    if rec.register_kind is RegisterKind.PROCESSOR:
        return  # Art. 30(2) asks for neither data categories nor their retention
    for i, c in enumerate(rec.data_categories):
        where = f"data_categories[{i}]"
        has_duration = c.retention_value is not None and c.retention_unit is not None
        if not has_duration and not c.retention_criterion.strip():
            yield _f("retention.missing", rec, f"{where}.retention_value")
        elif _OPEN_ENDED.search(fold(f"{c.retention_criterion} {c.retention_start}")):
            yield _f("retention.open_ended", rec, f"{where}.retention_criterion")
        if c.retention_outcome is None:
            yield _f("retention.outcome.missing", rec, f"{where}.retention_outcome")
        if c.category.is_special and c.art9_condition is None:
            yield _f("data.art9.condition", rec, f"{where}.art9_condition")
        if c.category.is_criminal and not c.art10_ground.strip():
            yield _f("data.art10.ground", rec, f"{where}.art10_ground")


def _transfers(rec: RecordDoc, tps: dict[str, ThirdPartyBase], today: date) -> Iterator[Finding]:
    ref = load_reference()
    for i, t in enumerate(rec.transfers):
        where = f"transfers[{i}]"
        if not t.country and not t.international_organisation.strip():
            yield _f("transfer.country.missing", rec, f"{where}.country")
            continue
        status = ref.country_status(t.country, today) if t.country else CountryStatus.THIRD_COUNTRY
        if status is CountryStatus.EEA:
            yield _f("transfer.within_eea", rec, f"{where}.country")
            continue
        adequate = status in (CountryStatus.ADEQUATE, CountryStatus.ADEQUATE_PARTIAL)
        if t.mechanism is None:
            if adequate:
                yield _f("transfer.adequacy.unrecorded", rec, f"{where}.mechanism")
            else:
                yield _f("transfer.mechanism.missing", rec, f"{where}.mechanism")
        elif t.mechanism is TransferMechanism.ADEQUACY:
            yield from _adequacy(rec, t.country, t.third_party, tps, adequate, where, today)
        elif (t.mechanism is TransferMechanism.COMPELLING_LEGITIMATE_INTERESTS
              and not t.documentation.strip()):
            yield _f("transfer.art49.documentation", rec, f"{where}.documentation")


def _adequacy(rec: RecordDoc, country: str, third_party: str | None,
              tps: dict[str, ThirdPartyBase], adequate: bool, where: str,
              today: date) -> Iterator[Finding]:
    if not adequate:
        yield _f("transfer.adequacy.none", rec, f"{where}.mechanism")
        return
    decision = load_reference().adequacy(country)
    assert decision is not None  # adequate implies a decision in force
    if decision.requires_certification:
        tp = tps.get(third_party or "")
        if tp is None or not tp.dpf_certified:
            yield _f("transfer.adequacy.certification", rec, f"{where}.third_party")
    elif decision.is_partial:
        yield _f("transfer.adequacy.scope", rec, f"{where}.country")


def _processors(rec: RecordDoc, tps: dict[str, ThirdPartyBase]) -> Iterator[Finding]:
    for i, r in enumerate(rec.recipients):
        tp = tps.get(r.third_party or "")
        is_processor = (r.recipient_type is RecipientType.PROCESSOR
                        or (tp is not None and tp.kind is ThirdPartyKind.PROCESSOR))
        if is_processor and (tp is None or not tp.contract_reference.strip()):
            yield _f("recipient.processor.contract", rec, f"recipients[{i}].third_party")


def _dpia(rec: RecordDoc) -> Iterator[Finding]:
    screened_in = len(set(rec.dpia_criteria)) >= 2 or bool(rec.dpia_cnil_list)
    if screened_in and rec.dpia_decision is None:
        yield _f("dpia.undecided", rec, "dpia_decision")
    if rec.dpia_decision is DpiaDecision.REQUIRED and not rec.dpia_reference.strip():
        yield _f("dpia.reference.missing", rec, "dpia_reference")


def _lifecycle(rec: RecordDoc, today: date) -> Iterator[Finding]:
    if rec.next_review is None:
        yield _f("review.unplanned", rec, "next_review")
    elif rec.next_review < today:
        yield _f("review.overdue", rec, "next_review")
    if rec.status is RecordStatus.DRAFT:
        yield _f("status.draft", rec, "status")


def check_record(rec: RecordDoc, third_parties: Iterable[ThirdPartyBase],
                 today: date | None = None) -> list[Finding]:
    """Every finding on one record (none for an archived record)."""
    if rec.status is RecordStatus.ARCHIVED:
        return []
    day = today or date.today()
    tps = {tp.name: tp for tp in third_parties}
    return [*_lists(rec), *_purposes(rec), *_data(rec), *_transfers(rec, tps, day),
            *_processors(rec, tps), *_dpia(rec), *_lifecycle(rec, day)]


def check_register(org: OrganisationDoc, register: RegisterKind | None = None,
                   today: date | None = None) -> list[Finding]:
    """Findings on the organisation's block and its records (of one register, or both)."""
    out = check_organisation_block(org)
    for rec in org.records:
        if register is None or rec.register_kind is register:
            out.extend(check_record(rec, org.third_parties, today))
    return out


@dataclass(frozen=True)
class Score:
    """How ready a register is for an audit.

    Attributes:
        records: active (non-archived) records checked.
        clean: of those, records without any error.
        errors, warnings, notices: counts of findings by severity.
    """

    records: int
    clean: int
    errors: int
    warnings: int
    notices: int

    @property
    def percent(self) -> int:
        """Share of active records with no missing mandatory item (100 for none)."""
        return round(100 * self.clean / self.records) if self.records else 100


class Scored(Protocol):
    """What :func:`score` reads of a record (a :class:`RecordDoc` has it)."""

    @property
    def register_kind(self) -> RegisterKind: ...
    @property
    def reference(self) -> str: ...
    @property
    def status(self) -> RecordStatus: ...


def score(records: Iterable[Scored], findings: Iterable[Finding]) -> Score:
    """The register's score from its records (documents, or anything with their register,
    reference and status) and their findings."""
    found = list(findings)
    active = [r for r in records if r.status is not RecordStatus.ARCHIVED]
    with_errors = {(f.register, f.reference) for f in found
                   if f.severity is Severity.ERROR and f.reference is not None}
    clean = sum(1 for r in active if (r.register_kind, r.reference) not in with_errors)
    counts = {s: sum(1 for f in found if f.severity is s) for s in Severity}
    return Score(len(active), clean, counts[Severity.ERROR], counts[Severity.WARNING],
                 counts[Severity.NOTICE])


__all__ = ["Finding", "Score", "Scored", "check_organisation_block", "check_record",
           "check_register", "score"]
