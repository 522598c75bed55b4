"""Filters of the register list: each narrows it, and they combine with the search."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ropa_app.domain.documents import OrganisationDoc, RecordDoc, RegisterDoc, TransferDoc
from ropa_app.domain.enums import (
    DataCategory,
    LegalBasis,
    PurposeKind,
    RecordStatus,
    RegisterKind,
)
from ropa_app.domain.models import DataCategoryEntryBase, PurposeBase
from ropa_app.store.bulk import import_register
from ropa_app.store.database import open_register
from ropa_app.store.records import RecordSummary
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.register_model import Column, RegisterFilterProxy, RegisterTableModel
from ropa_app.ui.session import RegisterSession

TODAY = date.today()
MakeWindow = Callable[..., MainWindow]


def _doc(ref: str, name: str, basis: LegalBasis, status: RecordStatus, *,
         health: bool = False, transfer: bool = False,
         review: date | None = None) -> RecordDoc:
    return RecordDoc(
        register_kind=RegisterKind.CONTROLLER, reference=ref, name=name, status=status,
        purposes=[PurposeBase(kind=PurposeKind.MAIN, description=name, legal_basis=basis)],
        data_categories=[DataCategoryEntryBase(category=DataCategory.IDENTITY)]
        + ([DataCategoryEntryBase(category=DataCategory.HEALTH)] if health else []),
        transfers=[TransferDoc(recipient="Cloud Inc.", country="US")] if transfer else [],
        next_review=review)


@pytest.fixture
def filter_session(tmp_path: Path) -> Iterator[RegisterSession]:
    """Four controller records, each different on one filter."""
    past, future = TODAY - timedelta(days=30), TODAY + timedelta(days=300)
    records = [
        _doc("RH-01", "Paie des salariés", LegalBasis.LEGAL_OBLIGATION, RecordStatus.VALIDATED,
             review=past),
        _doc("RH-02", "Médecine du travail", LegalBasis.LEGAL_OBLIGATION, RecordStatus.DRAFT,
             health=True, review=future),
        _doc("COM-01", "Newsletter", LegalBasis.CONSENT, RecordStatus.VALIDATED,
             transfer=True, review=future),
        _doc("COM-02", "Clients", LegalBasis.CONTRACT, RecordStatus.IN_REVIEW,
             transfer=True, health=True),
    ]
    opened = open_register(str(tmp_path / "filters.sqlite"))
    import_register(opened.engine, RegisterDoc(organisations=[
        OrganisationDoc(name="Filtres SA", records=records)]))
    session = RegisterSession.over(opened, "test-user")
    yield session
    session.close()


def shown(window: MainWindow) -> list[str]:
    proxy = window.table.model()
    return sorted(proxy.index(r, Column.REFERENCE).data() for r in range(proxy.rowCount()))


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_status_filter_narrows_the_list(make_window: MakeWindow,
                                        filter_session: RegisterSession) -> None:
    """Choosing a status shows only the records with it; "Any status" shows them all."""
    window = make_window(filter_session)
    choose(window.filter_bar.status_combo, "Validated")
    assert shown(window) == ["COM-01", "RH-01"]
    assert window.count_label.text() == "2 of 4 records"
    choose(window.filter_bar.status_combo, "Any status")
    assert len(shown(window)) == 4


def test_legal_basis_filter_narrows_the_list(make_window: MakeWindow,
                                             filter_session: RegisterSession) -> None:
    """Choosing an Art. 6(1) basis shows only the records with a purpose on it."""
    window = make_window(filter_session)
    combo = window.filter_bar.basis_combo
    choose(combo, combo.itemText(combo.findData(LegalBasis.LEGAL_OBLIGATION.value)))
    assert combo.currentText().startswith("Art. 6(1)(c)")
    assert shown(window) == ["RH-01", "RH-02"]


def test_sensitive_data_filter_narrows_the_list(make_window: MakeWindow,
                                                filter_session: RegisterSession) -> None:
    """"Sensitive data" keeps the records with Art. 9/10 data; "No sensitive data" the others."""
    window = make_window(filter_session)
    choose(window.filter_bar.special_combo, "Sensitive data")
    assert shown(window) == ["COM-02", "RH-02"]
    choose(window.filter_bar.special_combo, "No sensitive data")
    assert shown(window) == ["COM-01", "RH-01"]


def test_transfers_filter_narrows_the_list(make_window: MakeWindow,
                                           filter_session: RegisterSession) -> None:
    """"Transfers outside the EEA" keeps the records with a transfer; "No transfer" the others."""
    window = make_window(filter_session)
    choose(window.filter_bar.transfers_combo, "Transfers outside the EEA")
    assert shown(window) == ["COM-01", "COM-02"]
    choose(window.filter_bar.transfers_combo, "No transfer outside the EEA")
    assert shown(window) == ["RH-01", "RH-02"]


def test_overdue_filter_narrows_the_list(qtbot: QtBot, make_window: MakeWindow,
                                         filter_session: RegisterSession) -> None:
    """Ticking "Review overdue" keeps the records whose next review date has passed."""
    window = make_window(filter_session)
    qtbot.mouseClick(window.filter_bar.overdue_check, Qt.MouseButton.LeftButton)
    assert shown(window) == ["RH-01"]


def test_filters_combine_with_each_other_and_the_search(
        qtbot: QtBot, make_window: MakeWindow, filter_session: RegisterSession) -> None:
    """A record is shown only if it passes the search and every filter; clearing restores all."""
    window = make_window(filter_session)
    bar = window.filter_bar
    choose(bar.transfers_combo, "Transfers outside the EEA")
    choose(bar.special_combo, "Sensitive data")
    assert shown(window) == ["COM-02"]
    window.search_edit.setText("newsletter")
    assert shown(window) == []
    choose(bar.special_combo, "Any data")
    assert shown(window) == ["COM-01"]
    assert bar.clear_button.isEnabled()
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert shown(window) == ["COM-01"]  # the search stays
    assert not bar.clear_button.isEnabled()
    window.commands.clear_filters.trigger()
    assert window.search_edit.text() == ""
    assert len(shown(window)) == 4


def test_filters_survive_a_register_switch(qtbot: QtBot, make_window: MakeWindow,
                                           filter_session: RegisterSession) -> None:
    """The filters apply to the rows loaded after they were set."""
    window = make_window(filter_session)
    choose(window.filter_bar.status_combo, "Draft")
    window.set_register(RegisterKind.PROCESSOR)
    window.set_register(RegisterKind.CONTROLLER)
    assert shown(window) == ["RH-02"]


# --- the proxy on its own ------------------------------------------------------------------

def _summary(rid: int, ref: str, status: RecordStatus, bases: tuple[LegalBasis, ...],
             special: bool, transfers: bool, review: date | None) -> RecordSummary:
    return RecordSummary(rid, ref, f"Activity {ref}", "", bases, status,
                         datetime(2026, 1, 1, tzinfo=UTC), review, 1, special, transfers)


ROWS = [
    _summary(1, "A-1", RecordStatus.DRAFT, (LegalBasis.CONSENT,), True, False, date(2020, 1, 1)),
    _summary(2, "A-2", RecordStatus.VALIDATED, (LegalBasis.CONTRACT, LegalBasis.CONSENT),
             False, True, None),
    _summary(3, "A-3", RecordStatus.ARCHIVED, (), False, False, date(2020, 1, 1)),
]


def proxy_refs(proxy: RegisterFilterProxy) -> list[str]:
    return [proxy.index(r, Column.REFERENCE).data() for r in range(proxy.rowCount())]


def test_proxy_setters_filter_and_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    """Each named setter filters; the proxy keeps the model invariants while filtering."""
    model = RegisterTableModel("en", today=lambda: date(2026, 6, 1))
    model.set_rows(ROWS)
    proxy = RegisterFilterProxy(model)
    qtmodeltester.check(proxy)
    proxy.set_status_filter(RecordStatus.VALIDATED)
    assert proxy_refs(proxy) == ["A-2"]
    proxy.set_status_filter(None)
    proxy.set_legal_basis_filter(LegalBasis.CONSENT)
    assert proxy_refs(proxy) == ["A-1", "A-2"]
    proxy.set_special_data_filter(False)
    assert proxy_refs(proxy) == ["A-2"]
    proxy.set_legal_basis_filter(None)
    proxy.set_special_data_filter(None)
    proxy.set_transfers_filter(False)
    assert proxy_refs(proxy) == ["A-1", "A-3"]
    proxy.set_transfers_filter(None)
    proxy.set_overdue_only(True)
    assert proxy_refs(proxy) == ["A-1"]  # an archived record's review is not due
    assert proxy.has_filters()
    proxy.clear_filters()
    assert not proxy.has_filters()
    assert proxy.rowCount() == 3


def test_archived_rows_are_greyed(qtmodeltester: ModelTester) -> None:
    """An archived record is drawn in grey and never marked overdue."""
    model = RegisterTableModel("en", today=lambda: date(2026, 6, 1))
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    assert model.index(2, Column.NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, Column.NAME).data(Qt.ItemDataRole.ForegroundRole) is None
    assert not model.is_overdue(2)
    assert model.is_overdue(0)
