"""The audit readiness section's rows: field labels, order of the findings, score, reviews."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ropa_app.checks.engine import check_register
from ropa_app.checks.rules import Severity
from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RecordStatus, RegisterKind
from ropa_app.exchange.audit import audit_section, field_label, sort_findings
from ropa_app.exchange.labels import TEXT
from tests.unit.test_checks import CASES, TODAY, _org

CONTROLLER = RegisterKind.CONTROLLER


@pytest.mark.parametrize(("path", "fr", "en"), [
    ("purposes[0].legal_basis", "Finalité 1 › Base légale (art. 6.1)",
     "Purpose 1 › Legal basis (Art. 6(1))"),
    ("purposes[1].description", "Finalité 2 › Description", "Purpose 2 › Description"),
    ("purposes", "Finalité(s) du traitement effectué", "Purpose(s) of the processing"),
    ("data_categories[2].retention_value", "Catégorie de données 3 › Durée de conservation",
     "Data category 3 › Retention period"),
    ("data_categories[0].art9_condition",
     "Catégorie de données 1 › Condition (art. 9.2 / art. 10)",
     "Data category 1 › Condition (Art. 9(2) / Art. 10)"),
    ("transfers[0].mechanism", "Transfert 1 › Garanties", "Transfer 1 › Safeguards"),
    ("transfers[0].third_party",
     "Transfert 1 › Destinataire : certification Data Privacy Framework",
     "Transfer 1 › Recipient: Data Privacy Framework certification"),
    ("recipients[0].third_party",
     "Destinataire 1 › Sous-traitant : référence du contrat (art. 28)",
     "Recipient 1 › Processor: contract reference (Art. 28)"),
    ("parties[1].details",
     "Responsable de traitement 2 › Catégories de traitements effectués pour son compte",
     "Controller 2 › Categories of processing carried out on its behalf"),
    ("dpia_decision", "Analyse d'impact (AIPD)", "Data protection impact assessment"),
    ("next_review", "Prochaine revue", "Next review"),
])
def test_record_paths_read_as_the_exports_label_them(path: str, fr: str, en: str) -> None:
    """A record's path becomes "item n › field" with the labels the exports print."""
    assert field_label(path, "fr") == fr
    assert field_label(path, "en") == en


@pytest.mark.parametrize(("path", "fr", "en"), [
    ("address", "Organisme › Adresse", "Organisation › Address"),
    ("email", "Organisme › Adresse mél", "Organisation › E-mail"),
    ("dpo_name", "Délégué à la protection des données › Nom",
     "Data protection officer › Name"),
    ("dpo_email", "Délégué à la protection des données › Adresse mél",
     "Data protection officer › E-mail"),
])
def test_organisation_paths_name_the_block(path: str, fr: str, en: str) -> None:
    """A path of the organisation's own block names the organisation or its DPO."""
    assert field_label(path, "fr", organisation=True) == fr
    assert field_label(path, "en", organisation=True) == en


@pytest.mark.parametrize("path", ["unknown_field", "purposes[0].unknown_field",
                                  "purposes[0][1]", "status[0]", "a b", "",
                                  "purposes[0].transfers[0].country"])
def test_paths_without_a_label_are_shown_as_they_are(path: str) -> None:
    """A path the labels do not know is shown whole rather than half translated."""
    assert field_label(path, "fr") == path
    assert field_label(path, "en", organisation=True) == path


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_path_the_engine_gives_has_a_label(lang: str) -> None:
    """Each rule's path (the cases of the rule tests) reads as words, not as a path."""
    for _rule, _mutate, path, _make in CASES:
        label = field_label(path, lang)
        assert label != path and "_" not in label and "[" not in label, (path, label)
    for path in ("address", "email", "dpo_name", "dpo_email"):
        label = field_label(path, lang, organisation=True)
        assert "_" not in label and " › " in label, label


def test_new_labels_exist_in_both_languages() -> None:
    """Every label the section uses has a French and an English text."""
    keys = [k for k in TEXT if k.startswith(("audit_", "severity_", "item_", "month_"))]
    assert len(keys) > 30
    for key in keys:
        fr, en = TEXT[key]
        assert fr and en, key


def _broken_org() -> OrganisationDoc:
    org = _org()
    org.address = ""
    org.dpo_email = org.dpo_phone = ""
    org.records = [
        RecordDoc(reference="R-10", name="Dix", next_review=date(2027, 1, 5),
                  status=RecordStatus.VALIDATED),
        RecordDoc(reference="R-9", name="Neuf", next_review=date(2026, 1, 1)),
        RecordDoc(reference="R-2", name="Archivé", status=RecordStatus.ARCHIVED),
    ]
    return org


def test_findings_sorted_by_severity_then_organisation_then_reference() -> None:
    """Errors, warnings, notices; the organisation's block first; R-9 before R-10."""
    found = sort_findings(check_register(_broken_org(), CONTROLLER, TODAY))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}
    ranks = [order[f.severity] for f in found]
    assert ranks == sorted(ranks)
    errors = [f.reference for f in found if f.severity is Severity.ERROR]
    assert errors[0] is None and errors.index("R-9") < errors.index("R-10")
    warnings = [f.reference for f in found if f.severity is Severity.WARNING]
    assert warnings[0] is None  # org.dpo


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_section_lists_every_finding_with_words(lang: str) -> None:
    """Each finding of check_register is one row, with its rule's message and article."""
    org = _broken_org()
    section = audit_section(org, CONTROLLER, lang, TODAY)
    found = check_register(org, CONTROLLER, TODAY)
    assert len(section.findings) == len(found)
    cells = {row.cells for row in section.findings}
    for f in found:
        assert any(c[3] == f.rule.message(lang) and c[4] == f.rule.article and c[6] == f.rule.id
                   for c in cells), f
    org_rows = [r.cells for r in section.findings if r.cells[6].startswith("org.")]
    word = "Organisme" if lang == "fr" else "Organisation"
    assert org_rows and all(c[1] == word and c[2] == org.name for c in org_rows)
    first = section.findings[0].cells
    assert first[0] == ("Erreur" if lang == "fr" else "Error")
    assert {r.cells[0] for r in section.findings} == (
        {"Erreur", "Avertissement", "À examiner"} if lang == "fr"
        else {"Error", "Warning", "Notice"})
    assert section.score.records == 2 and section.score.clean == 0
    assert "0" in section.score_line and str(section.score.errors) in section.score_line


def test_demo_section_score_and_reviews() -> None:
    """The demo: 100 % complete, its warnings and notices, one overdue, 12 months listed."""
    today = date(2026, 5, 15)
    org = build_demo(datetime(2026, 5, 15, 10, 0, tzinfo=UTC))
    section = audit_section(org, CONTROLLER, "fr", today)
    assert section.score.percent == 100 and section.score.errors == 0
    assert section.score_line.startswith("100\u00a0% des fiches actives")
    refs = {(r.cells[1], r.cells[6]) for r in section.findings}
    assert {("IT-01", "dpia.reference.missing"), ("FIN-01", "review.overdue"),
            ("COM-04", "review.unplanned"), ("IT-01", "status.draft")} <= refs
    assert section.reviews[0] == ("En retard", 1)
    assert section.reviews[1][0] == "Sans date de prochaine revue"
    assert [label for label, _ in section.reviews[2:]][:2] == ["mai 2026", "juin 2026"]
    assert len(section.months) == 12 and section.months[-1].label == "avril 2027"
    english = audit_section(org, CONTROLLER, "en", today)
    assert english.title == "Audit readiness" and english.months[0].label == "May 2026"
    assert english.findings_title == "Findings"

