"""The column chooser, column order and widths, and the split between list and editor, kept
from one window to the next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.register_model import Column
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

MakeWindow = Callable[..., MainWindow]


def test_header_menu_hides_and_shows_columns(qtbot: QtBot, make_window: MakeWindow,
                                             small_session: RegisterSession) -> None:
    """Right-clicking the header offers every column; unticking one hides it, ticking shows it."""
    window = make_window(small_session)
    header = window.table.horizontalHeader()
    menu = window.pane.columns_menu
    header.customContextMenuRequested.emit(QPoint(10, 5))  # what a right click sends
    qtbot.waitUntil(menu.isVisible)
    assert [a.text() for a in menu.actions()] == [
        "Ref.", "Processing activity", "Main purpose", "Legal bases", "Status", "Last update",
        "Next review"]
    menu.close()
    window.pane.column_actions[Column.STATUS].trigger()
    assert header.isSectionHidden(Column.STATUS)
    window.pane.column_actions[Column.MAIN_PURPOSE].trigger()
    assert not header.isSectionHidden(Column.MAIN_PURPOSE)
    assert header.sectionSize(Column.MAIN_PURPOSE) > 20


def test_the_last_column_cannot_be_hidden(make_window: MakeWindow,
                                          small_session: RegisterSession) -> None:
    """With one column left, its entry is greyed out, so the list never goes blank."""
    window = make_window(small_session)
    actions = window.pane.column_actions
    for column in Column:
        if column is not Column.NAME and actions[column].isChecked():
            actions[column].trigger()
    assert not actions[Column.NAME].isEnabled()
    actions[Column.REFERENCE].trigger()
    assert actions[Column.NAME].isEnabled()


def test_columns_are_restored_in_a_new_window(qtbot: QtBot, make_window: MakeWindow,
                                              small_session: RegisterSession,
                                              tmp_path: Path) -> None:
    """Hidden and shown columns, their order and widths, and the split come back next time."""
    path = tmp_path / "columns.ini"
    first = make_window(small_session, Settings(path))
    header = first.table.horizontalHeader()
    first.pane.column_actions[Column.STATUS].trigger()  # hide
    first.pane.column_actions[Column.UPDATED].trigger()  # show (hidden by default)
    header.moveSection(header.visualIndex(Column.NEXT_REVIEW), 0)
    header.resizeSection(Column.LEGAL_BASES, 141)
    first.resize(790, 560)  # within the offscreen 800x600 screen
    first.splitter.setSizes([430, 350])
    sizes = first.splitter.sizes()
    first.close()

    second = make_window(small_session, Settings(path))
    header = second.table.horizontalHeader()
    assert header.isSectionHidden(Column.STATUS)
    assert not header.isSectionHidden(Column.UPDATED)
    assert header.logicalIndex(0) == Column.NEXT_REVIEW
    assert header.sectionSize(Column.LEGAL_BASES) == 141
    assert not second.pane.column_actions[Column.STATUS].isChecked()
    assert second.pane.column_actions[Column.UPDATED].isChecked()
    assert second.splitter.sizes() == sizes


def test_reset_columns_brings_the_defaults_back(make_window: MakeWindow,
                                                small_session: RegisterSession) -> None:
    """View > Reset columns shows the default columns in their default order."""
    window = make_window(small_session)
    header = window.table.horizontalHeader()
    window.pane.column_actions[Column.REFERENCE].trigger()
    header.moveSection(header.visualIndex(Column.STATUS), 0)
    window.commands.reset_columns.trigger()
    assert not header.isSectionHidden(Column.REFERENCE)
    assert [header.logicalIndex(i) for i in range(len(Column))] == list(Column)
    assert header.isSectionHidden(Column.MAIN_PURPOSE)
    assert window.pane.column_actions[Column.REFERENCE].isChecked()


def test_sections_can_be_dragged(make_window: MakeWindow, small_session: RegisterSession) -> None:
    """The columns can be reordered by dragging their headers."""
    window = make_window(small_session)
    assert window.table.horizontalHeader().sectionsMovable()
    assert window.table.horizontalHeader().contextMenuPolicy() == (
        Qt.ContextMenuPolicy.CustomContextMenu)
