"""The exports' row source: CNIL fiche order, labels, missing mandatory items."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import DataCategory, RegisterKind, RetentionUnit
from ropa_app.domain.models import DataCategoryEntryBase
from ropa_app.exchange.fiche import build_fiche, format_date, format_retention, summary_row

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_blocks_follow_the_cnil_fiche_order() -> None:
    """Blocks come in the CNIL model's order, with French titles."""
    org = build_demo(NOW)
    fiche = build_fiche(org.records[0], org, "fr")
    assert [b.title for b in fiche.blocks] == [
        "Description du traitement", "Acteurs", "Finalité(s) du traitement effectué",
        "Catégories de données personnelles concernées", "Données sensibles",
        "Catégories de personnes concernées", "Destinataires", "Mesures de sécurité",
        "Transferts hors UE", "Informations complémentaires",
    ]


def test_empty_mandatory_items_are_flagged_missing() -> None:
    """A bare record flags its empty Art. 30(1) lists as missing; transfers are optional."""
    org = OrganisationDoc(name="Exemple SA")
    fiche = build_fiche(RecordDoc(reference="R1", name="Paie"), org, "en")
    missing = {b.key for b in fiche.blocks if b.table is not None and b.table.missing}
    assert missing == {"purposes", "data", "subjects", "recipients", "security"}


def test_processor_record_requires_client_controllers() -> None:
    """A processor record without controllers shows that Art. 30(2)(a) item as missing."""
    org = OrganisationDoc(name="Exemple SA")
    fiche = build_fiche(RecordDoc(reference="S1", name="Hébergement",
                                  register_kind=RegisterKind.PROCESSOR), org, "fr")
    actors = next(b for b in fiche.blocks if b.key == "actors")
    assert actors.fields and actors.fields[0].missing
    recipients = next(b for b in fiche.blocks if b.key == "recipients")
    assert recipients.table is not None and not recipients.table.missing


def test_retention_and_dates_in_words() -> None:
    """Retention reads as a duration in the chosen language; dates use its format."""
    cat = DataCategoryEntryBase(category=DataCategory.IDENTITY, retention_value=1,
                                retention_unit=RetentionUnit.YEARS,
                                retention_criterion="puis archivage")
    assert format_retention(cat, "fr") == "1 an — puis archivage"
    cat.retention_value = 5
    assert format_retention(cat, "en").startswith("5 years")
    assert format_date(date(2026, 5, 15), "fr") == "15/05/2026"
    assert format_date(date(2026, 5, 15), "en") == "2026-05-15"


def test_summary_row_mentions_sensitive_data() -> None:
    """The list row says whether the activity handles sensitive data."""
    org = build_demo(NOW)
    staff = next(r for r in org.records if any(c.category.is_sensitive
                                               for c in r.data_categories))
    row = summary_row(staff, "fr")
    assert row[0] == staff.name and row[1] == staff.reference and row[5] == "Oui"
