"""The register table model and its search-and-sort proxy."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from ropa_app.domain.enums import LegalBasis, RecordStatus
from ropa_app.store.records import RecordSummary
from ropa_app.ui.register_model import (
    Column,
    RecordIdRole,
    RegisterFilterProxy,
    RegisterTableModel,
    SortRole,
    fold,
    natural_key,
)

TODAY = date(2026, 6, 1)


def summary(rid: int, ref: str, name: str, purpose: str = "", status: RecordStatus =
            RecordStatus.DRAFT, bases: tuple[LegalBasis, ...] = (),
            next_review: date | None = None) -> RecordSummary:
    return RecordSummary(rid, ref, name, purpose, bases, status,
                         datetime(2026, 1, rid, 12, 0, tzinfo=UTC), next_review, 1, False, False)


ROWS = [
    summary(1, "RH-10", "Paie des salariés", "Verser les salaires",
            RecordStatus.VALIDATED, (LegalBasis.LEGAL_OBLIGATION,), date(2026, 1, 1)),
    summary(2, "RH-2", "Recrutement", "Gérer les candidatures",
            RecordStatus.IN_REVIEW, (LegalBasis.CONTRACT, LegalBasis.CONSENT), date(2027, 1, 1)),
    summary(3, "COM-1", "Prospection", "Newsletter", RecordStatus.DRAFT, (LegalBasis.CONSENT,)),
]


@pytest.fixture
def model() -> RegisterTableModel:
    model = RegisterTableModel("en", today=lambda: TODAY)
    model.set_rows(ROWS)
    return model


def visible_refs(proxy: RegisterFilterProxy) -> list[str]:
    return [proxy.index(r, Column.REFERENCE).data() for r in range(proxy.rowCount())]


def test_model_with_rows_passes_the_model_tester(qtmodeltester: ModelTester,
                                                 model: RegisterTableModel) -> None:
    """The model with rows keeps every QAbstractItemModel invariant."""
    qtmodeltester.check(model)


def test_empty_model_and_proxy_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    """An empty model, and a proxy over a model with rows, keep the invariants too."""
    qtmodeltester.check(RegisterTableModel("en"))
    model = RegisterTableModel("en", today=lambda: TODAY)
    model.set_rows(ROWS)
    proxy = RegisterFilterProxy(model)
    proxy.set_search_text("salari")
    qtmodeltester.check(proxy)
    proxy.set_search_text("")
    proxy.sort(Column.STATUS, Qt.SortOrder.DescendingOrder)  # watched by the tester
    model.set_rows(ROWS[1:])


def test_set_rows_resets_the_model(qtbot, model: RegisterTableModel) -> None:
    """Replacing the rows is announced as one model reset."""
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=1000):
        model.set_rows(ROWS[:1])
    assert model.rowCount() == 1


def test_display_texts_ids_and_labels(model: RegisterTableModel) -> None:
    """Cells show the record's fields, the enum labels and dates; every cell carries the id."""
    assert model.rowCount() == 3
    assert model.columnCount() == len(Column)
    assert model.index(0, Column.NAME).data() == "Paie des salariés"
    assert model.index(1, Column.LEGAL_BASES).data() == "Art. 6(1)(a), (b)"
    assert model.index(1, Column.LEGAL_BASES).data(Qt.ItemDataRole.ToolTipRole) == (
        "Art. 6(1)(b): Performance of a contract or pre-contractual measures\n"
        "Art. 6(1)(a): Consent of the data subject")
    assert model.index(0, Column.LEGAL_BASES).data() == "Art. 6(1)(c)"
    assert model.index(1, Column.STATUS).data() == "In review"
    assert model.index(0, Column.NEXT_REVIEW).data() == "01/01/2026"
    assert model.index(2, Column.NEXT_REVIEW).data() == ""
    assert model.index(2, Column.UPDATED).data(RecordIdRole) == 3
    assert model.headerData(Column.MAIN_PURPOSE, Qt.Orientation.Horizontal) == "Main purpose"
    assert model.rowCount(model.index(0, 0)) == 0


def test_overdue_review_is_marked(model: RegisterTableModel) -> None:
    """A next review date in the past is drawn in red with a tooltip; a future one is not."""
    overdue = model.index(0, Column.NEXT_REVIEW)
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert overdue.data(Qt.ItemDataRole.ToolTipRole) == "Review overdue"
    assert model.index(1, Column.NEXT_REVIEW).data(Qt.ItemDataRole.ForegroundRole) is None


def test_labels_follow_the_language() -> None:
    """A French model shows French labels."""
    model = RegisterTableModel("fr")
    model.set_rows(ROWS)
    assert model.index(1, Column.STATUS).data() == "En cours de validation"


def test_search_ignores_case_and_accents(model: RegisterTableModel) -> None:
    """Every word must match, in any case and with or without accents, in any searched field."""
    proxy = RegisterFilterProxy(model)
    proxy.set_search_text("SALARIES")
    assert visible_refs(proxy) == ["RH-10"]
    proxy.set_search_text("gérer candidatures")
    assert visible_refs(proxy) == ["RH-2"]
    proxy.set_search_text("consent")  # a legal basis label
    assert sorted(visible_refs(proxy)) == ["COM-1", "RH-2"]
    proxy.set_search_text("validated")  # a status label
    assert visible_refs(proxy) == ["RH-10"]
    proxy.set_search_text("  ")
    assert proxy.rowCount() == 3


def test_search_survives_a_reset(model: RegisterTableModel) -> None:
    """The search applies to rows set after it."""
    proxy = RegisterFilterProxy(model)
    proxy.set_search_text("com-")
    model.set_rows([*ROWS, summary(4, "COM-2", "Salon", "Stand")])
    assert sorted(visible_refs(proxy)) == ["COM-1", "COM-2"]


def test_sort_by_reference_is_natural(model: RegisterTableModel) -> None:
    """References sort by their numbers: RH-2 before RH-10."""
    proxy = RegisterFilterProxy(model)
    proxy.sort(Column.REFERENCE, Qt.SortOrder.AscendingOrder)
    assert visible_refs(proxy) == ["COM-1", "RH-2", "RH-10"]


def test_records_without_review_date_sort_last(model: RegisterTableModel) -> None:
    """Ascending by next review: the earliest first, the undated last."""
    proxy = RegisterFilterProxy(model)
    proxy.sort(Column.NEXT_REVIEW, Qt.SortOrder.AscendingOrder)
    assert visible_refs(proxy) == ["RH-10", "RH-2", "COM-1"]


def test_sort_role_has_one_type_per_column(model: RegisterTableModel) -> None:
    """Each column's sort keys share a type, so the proxy can compare them."""
    rows = [*ROWS, replace(ROWS[0], id=9, next_review=None, legal_bases=())]
    model.set_rows(rows)
    for column in Column:
        kinds = {type(model.index(r, column).data(SortRole)) for r in range(model.rowCount())}
        assert len(kinds) == 1, column


def test_fold_and_natural_key() -> None:
    """Folding drops accents and case; natural keys pad digit runs."""
    assert fold("Été ÉLÈVES") == "ete eleves"
    assert natural_key("RH-2") < natural_key("rh-10")


def test_invalid_index_gives_nothing(model: RegisterTableModel) -> None:
    """Out-of-range and invalid indexes give no data and no flags."""
    assert model.data(QModelIndex()) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_sorting_keeps_persistent_indexes(model: RegisterTableModel) -> None:
    """A kept index (a selection) follows its record when the rows are sorted."""
    proxy = RegisterFilterProxy(model)
    kept = QPersistentModelIndex(proxy.index(0, Column.NAME))
    record = kept.data(RecordIdRole)
    proxy.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert kept.isValid()
    assert kept.data(RecordIdRole) == record
    assert kept.row() != 0


def test_ten_thousand_records_load_sort_and_filter_quickly() -> None:
    """10,000 records load, sort and filter well within a blink (generous bounds for CI)."""
    rows = [summary(1 + i % 28, f"REF-{i}", f"Traitement {i} des salariés", f"Finalité {i}",
                    RecordStatus.DRAFT, (LegalBasis.CONTRACT,)) for i in range(10_000)]
    rows = [replace(r, id=i) for i, r in enumerate(rows)]
    model = RegisterTableModel("en", today=lambda: TODAY)
    proxy = RegisterFilterProxy(model)
    proxy.sort(Column.REFERENCE, Qt.SortOrder.AscendingOrder)
    start = time.perf_counter()
    model.set_rows(rows)
    proxy.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    proxy.set_search_text("salaries 99")
    elapsed = time.perf_counter() - start
    assert proxy.rowCount() == 280
    assert elapsed < 1.5, f"{elapsed:.2f} s"
