"""Finding a record by typing part of any of its words."""

from __future__ import annotations

from ropa_app.domain.documents import RecordDoc, TransferDoc
from ropa_app.domain.enums import DataCategory, LegalBasis
from ropa_app.domain.models import DataCategoryEntryBase, PurposeBase
from ropa_app.domain.search import fold, matches, record_search_text


def _doc() -> RecordDoc:
    return RecordDoc(
        reference="RH-02", name="Gestion du personnel",
        purposes=[PurposeBase(description="Tenue du registre unique",
                              legal_basis=LegalBasis.LEGAL_OBLIGATION)],
        data_categories=[DataCategoryEntryBase(category=DataCategory.HEALTH,
                                               description="Aptitude médicale")],
        transfers=[TransferDoc(recipient="Atlas Support", country="MA")],
    )


def test_fold_removes_accents_and_case() -> None:
    """Folding ignores accents and case, so "Données" matches "donnees"."""
    assert fold("Données Médicales ÉTÉ") == "donnees medicales ete"


def test_any_word_of_any_field_or_label_matches() -> None:
    """Words from nested lists and the labels of codes (in French and English) match."""
    text = record_search_text(_doc())
    for query in ("registre unique", "MÉDICALE", "atlas", "obligation legale",
                  "legal obligation", "sante", "rh-02", "brouillon"):
        assert matches(text, query), query
    assert not matches(text, "newsletter")
    assert matches(text, "")  # an empty search shows everything


def test_codes_shared_by_two_vocabularies_keep_their_own_labels() -> None:
    """"other" as a security measure reads "Autres mesures", not another list's "other"."""
    from ropa_app.domain.enums import DataSource, SecurityMeasureType
    from ropa_app.domain.models import SecurityMeasureBase

    doc = _doc()
    doc.security_measures = [SecurityMeasureBase(measure_type=SecurityMeasureType.OTHER)]
    text = record_search_text(doc)
    assert matches(text, "autres mesures") and not matches(text, "obtenues")
    doc.data_source = DataSource.OTHER
    assert matches(record_search_text(doc), "obtenues autre source")
