"""The demo register: valid, complete, and as a DPO would expect to find it."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import (
    DpiaDecision,
    LegalBasis,
    PartyRole,
    PurposeKind,
    RecordStatus,
    RegisterKind,
    SecurityMeasureType,
    ThirdPartyKind,
    TransferMechanism,
)

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo() -> OrganisationDoc:
    """The demo built for a fixed moment."""
    return build_demo(NOW)


def _records(demo: OrganisationDoc, kind: RegisterKind) -> list[RecordDoc]:
    return [r for r in demo.records if r.register_kind is kind]


def test_revalidates(demo: OrganisationDoc) -> None:
    """The demo survives a dump and a fresh validation unchanged."""
    again = OrganisationDoc.model_validate(demo.model_dump())
    assert again == demo


def test_both_registers_and_enough_records(demo: OrganisationDoc) -> None:
    """There are at least 12 records, in both the controller and processor registers."""
    assert len(demo.records) >= 12
    assert _records(demo, RegisterKind.CONTROLLER)
    assert _records(demo, RegisterKind.PROCESSOR)


def test_references_unique_per_register(demo: OrganisationDoc) -> None:
    """No reference is used twice within one register."""
    counts = Counter((r.register_kind, r.reference) for r in demo.records)
    assert max(counts.values()) == 1


def test_third_party_links_exist(demo: OrganisationDoc) -> None:
    """Every third party named by a record exists in the organisation's list, once."""
    names = [t.name for t in demo.third_parties]
    assert len(names) == len(set(names))
    for record in demo.records:
        linked: list[str | None] = [p.third_party for p in record.parties]
        linked += [x.third_party for x in record.recipients]
        linked += [x.third_party for x in record.transfers]
        for name in linked:
            assert name is None or name in names, (record.reference, name)


def test_processor_register_names_client_controllers(demo: OrganisationDoc) -> None:
    """Processor records name client controllers kept as third parties of that kind."""
    kinds = {t.name: t.kind for t in demo.third_parties}
    for record in _records(demo, RegisterKind.PROCESSOR):
        clients = [p for p in record.parties if p.role is PartyRole.CLIENT_CONTROLLER]
        assert len(clients) >= 2, record.reference
        for party in clients:
            assert kinds[party.third_party] is ThirdPartyKind.CLIENT_CONTROLLER
            assert party.details


def test_every_security_measure_type_appears(demo: OrganisationDoc) -> None:
    """Every CNIL security measure type is used somewhere in the register."""
    used = {m.measure_type for r in demo.records for m in r.security_measures}
    assert used == set(SecurityMeasureType)


def test_dpf_transfer_to_us(demo: OrganisationDoc) -> None:
    """A transfer to the US relies on adequacy, to a DPF-certified recipient."""
    certified = {t.name for t in demo.third_parties if t.dpf_certified}
    transfers = [t for r in demo.records for t in r.transfers if t.country == "US"]
    assert any(t.mechanism is TransferMechanism.ADEQUACY and t.third_party in certified
               and "Data Privacy Framework" in t.documentation for t in transfers)


def test_scc_transfer_to_non_adequate_country(demo: OrganisationDoc) -> None:
    """A transfer to a non-adequate country uses the SCCs, with documentation and a TIA."""
    adequate = {"US", "GB", "CH", "JP", "KR", "CA", "IL", "NZ", "AR", "UY", "BR"}
    scc = [t for r in demo.records for t in r.transfers
           if t.mechanism is TransferMechanism.SCC_COMMISSION and t.country not in adequate]
    assert scc
    assert all(t.documentation and t.tia_reference for t in scc)


def test_every_data_category_has_retention_and_outcome(demo: OrganisationDoc) -> None:
    """Each data category has a duration (value and unit) or a criterion, and an outcome."""
    for record in demo.records:
        assert record.data_categories, record.reference
        for entry in record.data_categories:
            duration = entry.retention_value is not None and entry.retention_unit is not None
            assert duration or entry.retention_criterion, (record.reference, entry)
            assert entry.retention_outcome is not None, (record.reference, entry)


def test_special_categories_carry_art9_condition(demo: OrganisationDoc) -> None:
    """Special-category data carry their Art. 9(2) condition, and only they do."""
    specials = 0
    for record in demo.records:
        for entry in record.data_categories:
            assert (entry.art9_condition is not None) == entry.category.is_special
            specials += entry.category.is_special
    assert specials


def test_each_record_has_one_main_purpose_with_bases(demo: OrganisationDoc) -> None:
    """Each record has exactly one main purpose, and every purpose a legal basis."""
    for record in demo.records:
        assert [p.kind for p in record.purposes].count(PurposeKind.MAIN) == 1, record.reference
        for purpose in record.purposes:
            assert purpose.legal_basis is not None and purpose.justification


def test_legitimate_interests_and_consent_are_explained(demo: OrganisationDoc) -> None:
    """Legitimate-interest purposes state the interest; consent ones how it is given and
    withdrawn."""
    purposes = [p for r in demo.records for p in r.purposes]
    bases = {p.legal_basis for p in purposes}
    assert {LegalBasis.CONSENT, LegalBasis.LEGITIMATE_INTERESTS} <= bases
    for purpose in purposes:
        if purpose.legal_basis is LegalBasis.LEGITIMATE_INTERESTS:
            assert purpose.legitimate_interest, purpose
        if purpose.legal_basis is LegalBasis.CONSENT:
            assert "retrait" in purpose.consent_details.lower(), purpose


def test_every_record_is_filled_in(demo: OrganisationDoc) -> None:
    """Each record has subjects, recipients, security measures, a source and an owner."""
    for r in demo.records:
        assert r.subjects and r.recipients and r.security_measures, r.reference
        assert r.data_source is not None and r.owner and r.business_function and r.software
        assert r.version == 1


def test_statuses_and_dpia_screening(demo: OrganisationDoc) -> None:
    """Statuses span the lifecycle; DPIA screening reaches both decisions."""
    assert {r.status for r in demo.records} == set(RecordStatus)
    decisions = {r.dpia_decision for r in demo.records}
    assert {DpiaDecision.REQUIRED, DpiaDecision.NOT_REQUIRED} <= decisions
    for r in demo.records:
        if r.dpia_decision is DpiaDecision.REQUIRED:
            assert len(r.dpia_criteria) >= 2 and r.dpia_reason


def test_review_dates_relative_to_now(demo: OrganisationDoc) -> None:
    """One review is overdue, one due within a month, and none lies in the future."""
    today = NOW.date()
    nexts = [r.next_review for r in demo.records if r.next_review is not None]
    assert any(d < today for d in nexts)
    assert any(today <= d <= today + timedelta(days=31) for d in nexts)
    for r in demo.records:
        assert r.created_at <= r.updated_at <= NOW
        assert r.last_review is None or r.last_review <= today
        if r.status is RecordStatus.VALIDATED:
            assert r.validated_by and r.validated_at is not None


def test_no_history_and_no_representative(demo: OrganisationDoc) -> None:
    """The demo has no history yet, an external DPO and no Art. 27 representative."""
    assert demo.history == []
    assert demo.dpo_external and demo.dpo_company
    assert not demo.representative_name


def test_deterministic_for_given_now() -> None:
    """Two builds for the same ``now`` are identical; another ``now`` moves the dates."""
    assert build_demo(NOW).model_dump() == build_demo(NOW).model_dump()
    before = build_demo(NOW).records[0].last_review
    after = build_demo(NOW + timedelta(days=100)).records[0].last_review
    assert before is not None and after == before + timedelta(days=100)


def test_default_now_is_today() -> None:
    """Without ``now``, the demo is dated from the current time."""
    demo = build_demo()
    assert demo.updated_at <= datetime.now(UTC)
    assert demo.updated_at > datetime.now(UTC) - timedelta(days=30)


def test_naive_now_refused() -> None:
    """A naive ``now`` is refused."""
    with pytest.raises(ValueError, match="timezone-aware"):
        build_demo(datetime(2026, 1, 1))
