"""Every command of the window is reachable from the keyboard: shortcuts and menu mnemonics."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from ropa_app.domain.enums import RegisterKind
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.session import RegisterSession

from .fake_editor import FakeEditor
from .fakes import FakePrompts

MakeWindow = Callable[..., MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier

#: action attribute of window.commands -> the key pressed and its modifiers.
SHORTCUTS: dict[str, tuple[Qt.Key, Qt.KeyboardModifier]] = {
    "open_register": (Qt.Key.Key_O, CTRL),
    "quit": (Qt.Key.Key_Q, CTRL),
    "undo": (Qt.Key.Key_Z, CTRL),
    "redo": (Qt.Key.Key_Y, CTRL),
    "find": (Qt.Key.Key_F, CTRL),
    "clear_filters": (Qt.Key.Key_F, CTRL | SHIFT),
    "new_record": (Qt.Key.Key_N, CTRL),
    "duplicate": (Qt.Key.Key_D, CTRL),
    "save": (Qt.Key.Key_S, CTRL),
    "revert": (Qt.Key.Key_R, CTRL | SHIFT),
    "archive": (Qt.Key.Key_A, CTRL | SHIFT),
    "delete": (Qt.Key.Key_Delete, CTRL),
    "delete_in_list": (Qt.Key.Key_Delete, NONE),
    "edit_organisation": (Qt.Key.Key_O, CTRL | SHIFT),
    "third_parties": (Qt.Key.Key_T, CTRL | SHIFT),
    "processor": (Qt.Key.Key_2, CTRL),
    "controller": (Qt.Key.Key_1, CTRL),
    "go_to_list": (Qt.Key.Key_L, CTRL),
    "go_to_editor": (Qt.Key.Key_L, CTRL | SHIFT),
    "reload": (Qt.Key.Key_F5, NONE),
    "shortcuts": (Qt.Key.Key_F1, NONE),
}


@pytest.fixture
def ready_window(qtbot: QtBot, make_window: MakeWindow,
                 small_session: RegisterSession, prompts: FakePrompts) -> MainWindow:
    """An active window with a record selected and one edit made (so Undo has work)."""
    prompts.delete_answer = prompts.archive_answer = False  # the commands ask, change nothing
    window = make_window(small_session)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.selectRow(0)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    editor = window.editor
    assert isinstance(editor, FakeEditor)
    editor.edit_name("Changed")
    return window


@pytest.mark.parametrize("name", list(SHORTCUTS))
def test_shortcut_triggers_its_action(qtbot: QtBot, ready_window: MainWindow, name: str) -> None:
    """Each shortcut, pressed in the record list, triggers its command."""
    action = getattr(ready_window.commands, name)
    assert isinstance(action, QAction)
    if name == "redo":
        ready_window.commands.undo.trigger()
    if name == "controller":
        ready_window.set_register(RegisterKind.PROCESSOR)
        ready_window.table.setFocus()
    key, modifiers = SHORTCUTS[name]
    assert action.isEnabled(), name
    with qtbot.waitSignal(action.triggered, timeout=1000):
        qtbot.keyClick(ready_window.table, key, modifiers)


def test_shortcuts_do_their_work(qtbot: QtBot, ready_window: MainWindow,
                                 prompts: FakePrompts) -> None:
    """A few shortcuts seen through their effect: switch register, find, help, new, quit."""
    window = ready_window
    editor = window.editor
    assert isinstance(editor, FakeEditor)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)  # undo the edit: nothing to ask
    assert not editor.is_dirty()
    qtbot.keyClick(window.table, Qt.Key.Key_2, CTRL)
    assert window.current_register() is RegisterKind.PROCESSOR
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search_edit.hasFocus)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_F1)
    title, text = prompts.infos[-1]
    assert title == "Keyboard shortcuts"
    assert "Ctrl+N\tNew record" in text
    qtbot.keyClick(window.table, Qt.Key.Key_N, CTRL)
    assert editor.calls[-1] == ("new_record", None)
    qtbot.keyClick(window.table, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()


def test_no_two_window_commands_share_a_shortcut(ready_window: MainWindow) -> None:
    """A key combination triggers one command only (no "ambiguous shortcut")."""
    seen: dict[str, str] = {}
    for action in ready_window.findChildren(QAction):
        if action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
            continue
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key}: {seen[key]} and {action.text()}"
            seen[key] = action.text()


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_menus_have_unique_mnemonics(ready_window: MainWindow) -> None:
    """Every menu and every entry in it has an Alt letter, none used twice in one menu."""
    bar = ready_window.menuBar()
    titles = [a.text() for a in bar.actions()]
    assert [t.replace("&", "") for t in titles] == [
        "File", "Edit", "Record", "Organisation", "View", "Audit", "Help"]
    letters = [_mnemonic(t) for t in titles]
    assert None not in letters and len(set(letters)) == len(letters)
    menus = [a.menu() for a in bar.actions()]
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        entries = [a for a in menu.actions() if not a.isSeparator()]
        menus += [a.menu() for a in entries if a.menu() is not None]
        if menu is ready_window.pane.columns_menu:
            continue  # column names, ticked with the mouse or the arrow keys and Space
        letters = [_mnemonic(a.text()) for a in entries]
        assert None not in letters, menu.title()
        assert len(set(letters)) == len(letters), (menu.title(), letters)


def test_the_file_menu_opens_from_the_keyboard(qtbot: QtBot, ready_window: MainWindow) -> None:
    """Alt+F opens the File menu."""
    qtbot.keyClick(ready_window.table, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert menu.title() == "&File"
    menu.close()
