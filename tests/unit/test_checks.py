"""Compliance rules: for every rule, a record that triggers it and one that does not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from ropa_app.checks.engine import check_record, check_register, score
from ropa_app.checks.rules import RULES, Severity
from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import (
    OrganisationDoc,
    RecipientDoc,
    RecordDoc,
    RecordPartyDoc,
    TransferDoc,
)
from ropa_app.domain.enums import (
    DataCategory,
    DpiaCriterion,
    DpiaDecision,
    LegalBasis,
    PartyRole,
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
from ropa_app.domain.models import (
    DataCategoryEntryBase,
    PurposeBase,
    SecurityMeasureBase,
    SubjectCategoryEntryBase,
    ThirdPartyBase,
)

TODAY = date(2026, 11, 22)


def _org() -> OrganisationDoc:
    return OrganisationDoc(
        name="Exemple SAS", address="1 rue de la Paix", postcode="75002", city="Paris",
        country="FR", email="contact@exemple.fr", dpo_name="Jeanne Martin",
        dpo_email="dpo@exemple.fr",
        third_parties=[
            ThirdPartyBase(name="PayeCo", kind=ThirdPartyKind.PROCESSOR,
                           contract_reference="DPA 2024-03"),
            ThirdPartyBase(name="MailCo Inc.", kind=ThirdPartyKind.PROCESSOR, country="US",
                           contract_reference="DPA 2025-01", dpf_certified=True),
            ThirdPartyBase(name="Client SA", kind=ThirdPartyKind.CLIENT_CONTROLLER),
        ],
    )


def _good() -> RecordDoc:
    """A complete controller record that breaks no rule."""
    return RecordDoc(
        reference="RH-03", name="Paie", status=RecordStatus.VALIDATED,
        next_review=date(2027, 6, 1),
        purposes=[PurposeBase(description="Paie", legal_basis=LegalBasis.LEGAL_OBLIGATION,
                              justification="C. trav. L.3243-1")],
        subjects=[SubjectCategoryEntryBase(category=SubjectCategory.EMPLOYEES)],
        data_categories=[DataCategoryEntryBase(
            category=DataCategory.ECONOMIC_FINANCIAL, retention_value=5,
            retention_unit=RetentionUnit.YEARS, retention_outcome=RetentionOutcome.DELETION)],
        recipients=[RecipientDoc(recipient_type=RecipientType.PROCESSOR, third_party="PayeCo")],
        transfers=[TransferDoc(recipient="MailCo", third_party="MailCo Inc.", country="US",
                               mechanism=TransferMechanism.ADEQUACY)],
        security_measures=[SecurityMeasureBase(measure_type=SecurityMeasureType.ACCESS_CONTROL)],
    )


def _processor() -> RecordDoc:
    rec = _good()
    rec.register_kind = RegisterKind.PROCESSOR
    rec.parties = [RecordPartyDoc(role=PartyRole.CLIENT_CONTROLLER, third_party="Client SA",
                                  details="Hébergement et sauvegarde")]
    return rec


def _set(path: str, value: object) -> Callable[[RecordDoc], None]:
    def mutate(rec: RecordDoc) -> None:
        target: object = rec
        parts = path.split(".")
        for part in parts[:-1]:
            name, _, index = part.partition("[")
            target = getattr(target, name)
            if index:
                target = target[int(index.rstrip("]"))]  # type: ignore[index]
        setattr(target, parts[-1], value)
    return mutate


def _transfer(country: str, mechanism: TransferMechanism | None, third_party: str | None = None,
              documentation: str = "", international: str = "") -> Callable[[RecordDoc], None]:
    def mutate(rec: RecordDoc) -> None:
        rec.transfers = [TransferDoc(recipient="X", country=country, mechanism=mechanism,
                                     third_party=third_party, documentation=documentation,
                                     international_organisation=international)]
    return mutate


def _data(category: DataCategory, **kw: object) -> Callable[[RecordDoc], None]:
    def mutate(rec: RecordDoc) -> None:
        base = {"retention_value": 1, "retention_unit": RetentionUnit.YEARS,
                "retention_outcome": RetentionOutcome.DELETION}
        rec.data_categories = [DataCategoryEntryBase(category=category, **{**base, **kw})]
    return mutate


CASES: list[tuple[str, Callable[[RecordDoc], None], str, Callable[[], RecordDoc]]] = [
    ("c.purpose.missing", _set("purposes", []), "purposes", _good),
    ("c.purpose.empty", _set("purposes[0].description", " "), "purposes[0].description", _good),
    ("c.subjects.missing", _set("subjects", []), "subjects", _good),
    ("c.data.missing", _set("data_categories", []), "data_categories", _good),
    ("c.recipients.missing", _set("recipients", []), "recipients", _good),
    ("transfer.country.missing", _transfer("", TransferMechanism.SCC_COMMISSION),
     "transfers[0].country", _good),
    ("transfer.art49.documentation",
     _transfer("IN", TransferMechanism.COMPELLING_LEGITIMATE_INTERESTS),
     "transfers[0].documentation", _good),
    ("retention.missing", _data(DataCategory.IDENTITY, retention_value=None, retention_unit=None),
     "data_categories[0].retention_value", _good),
    ("security.missing", _set("security_measures", []), "security_measures", _good),
    ("p.controllers.missing", _set("parties", []), "parties", _processor),
    ("p.categories.missing", _set("parties[0].details", ""), "parties[0].details", _processor),
    ("purpose.basis.missing", _set("purposes[0].legal_basis", None), "purposes[0].legal_basis",
     _good),
    ("purpose.li.interest", _set("purposes[0].legal_basis", LegalBasis.LEGITIMATE_INTERESTS),
     "purposes[0].legitimate_interest", _good),
    ("purpose.consent.details", _set("purposes[0].legal_basis", LegalBasis.CONSENT),
     "purposes[0].consent_details", _good),
    ("data.art9.condition", _data(DataCategory.HEALTH), "data_categories[0].art9_condition",
     _good),
    ("data.art10.ground", _data(DataCategory.CRIMINAL), "data_categories[0].art10_ground", _good),
    ("transfer.mechanism.missing", _transfer("IN", None), "transfers[0].mechanism", _good),
    ("transfer.adequacy.none", _transfer("IN", TransferMechanism.ADEQUACY),
     "transfers[0].mechanism", _good),
    ("transfer.adequacy.certification", _transfer("US", TransferMechanism.ADEQUACY, "PayeCo"),
     "transfers[0].third_party", _good),
    ("transfer.adequacy.scope", _transfer("JP", TransferMechanism.ADEQUACY),
     "transfers[0].country", _good),
    ("transfer.adequacy.unrecorded", _transfer("CH", None), "transfers[0].mechanism", _good),
    ("transfer.within_eea", _transfer("DE", TransferMechanism.SCC_COMMISSION),
     "transfers[0].country", _good),
    ("retention.open_ended", _data(DataCategory.IDENTITY, retention_value=None,
                                   retention_unit=None, retention_criterion="Durée illimitée"),
     "data_categories[0].retention_criterion", _good),
    ("retention.outcome.missing", _data(DataCategory.IDENTITY, retention_outcome=None),
     "data_categories[0].retention_outcome", _good),
    ("recipient.processor.contract",
     _set("recipients", [RecipientDoc(recipient_type=RecipientType.PROCESSOR, name="Inconnu")]),
     "recipients[0].third_party", _good),
    ("dpia.undecided", _set("dpia_criteria", [DpiaCriterion.LARGE_SCALE,
                                              DpiaCriterion.SENSITIVE_DATA]),
     "dpia_decision", _good),
    ("dpia.reference.missing", _set("dpia_decision", DpiaDecision.REQUIRED), "dpia_reference",
     _good),
    ("review.overdue", _set("next_review", date(2026, 1, 1)), "next_review", _good),
    ("review.unplanned", _set("next_review", None), "next_review", _good),
    ("status.draft", _set("status", RecordStatus.DRAFT), "status", _good),
]


def test_complete_records_have_no_findings() -> None:
    """A complete controller record and a complete processor record break no rule."""
    org = _org()
    assert check_record(_good(), org.third_parties, TODAY) == []
    assert check_record(_processor(), org.third_parties, TODAY) == []


@pytest.mark.parametrize(("rule_id", "mutate", "path", "make"), CASES,
                         ids=[c[0] for c in CASES])
def test_rule_triggers_at_its_field(rule_id: str, mutate, path: str, make) -> None:
    """Breaking the rule gives a finding of that rule, pointing at the field to fix."""
    rec = make()
    mutate(rec)
    findings = check_record(rec, _org().third_parties, TODAY)
    hits = [f for f in findings if f.rule.id == rule_id]
    assert hits, [f.rule.id for f in findings]
    assert hits[0].path == path and hits[0].reference == rec.reference


def test_every_record_rule_is_tested() -> None:
    """Each record rule has a case above (organisation rules are tested below)."""
    tested = {c[0] for c in CASES} | {"org.identity", "org.dpo"}
    assert tested == set(RULES)


def test_organisation_block_rules() -> None:
    """A missing address or DPO contact is found on the organisation, not on a record."""
    org = _org()
    assert check_register(org, today=TODAY) == []
    org.address = ""
    org.dpo_email = org.dpo_phone = ""
    ids = {(f.rule.id, f.reference, f.path) for f in check_register(org, today=TODAY)}
    assert ids == {("org.identity", None, "address"), ("org.dpo", None, "dpo_email")}


def test_archived_records_are_not_checked() -> None:
    """Archived processing is over: no findings and not counted in the score."""
    rec = _good()
    rec.purposes = []
    rec.status = RecordStatus.ARCHIVED
    assert check_record(rec, [], TODAY) == []
    assert score([rec], []).records == 0


def test_every_rule_has_article_and_both_languages() -> None:
    """Each rule cites its provision and speaks French and English."""
    for rule in RULES.values():
        assert rule.article and rule.fr and rule.en and rule.fr != rule.en


def test_demo_findings_are_what_a_dpo_expects() -> None:
    """The demo shows its draft, its overdue review and its DPIA without reference."""
    org = build_demo(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    findings = check_register(org, today=date(2026, 11, 2))
    found = {(f.rule.id, f.reference) for f in findings}
    assert ("status.draft", "IT-01") in found
    assert ("review.overdue", "FIN-01") in found
    assert ("dpia.reference.missing", "IT-01") in found
    assert not [f for f in findings if f.severity is Severity.ERROR]
    result = score(org.records, findings)
    assert result.percent == 100 and result.warnings >= 2
