"""The window with the real record editor: the list and the editor working together."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ropa_app.app import editor_factory
from ropa_app.domain.enums import RecordStatus, RegisterKind
from ropa_app.store.drafts import DraftStore
from ropa_app.ui.editor import RecordEditor
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.prompts import DraftAction, DraftAnswer, UnsavedChoice
from ropa_app.ui.register_model import Column
from ropa_app.ui.session import RegisterSession

from .fakes import FakePrompts

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def real_window(qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession,
                prompts: FakePrompts) -> MainWindow:
    """The small register in a window with the real editor, active, COM-2 selected."""
    window = make_window(small_session, make_editor=editor_factory(prompts))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    select(qtbot, window, "COM-2")
    return window


def editor_of(window: MainWindow) -> RecordEditor:
    assert isinstance(window.editor, RecordEditor)
    return window.editor


def shown_refs(window: MainWindow) -> list[str]:
    proxy = window.table.model()
    return [proxy.index(r, Column.REFERENCE).data() for r in range(proxy.rowCount())]


def shown_names(window: MainWindow) -> list[str]:
    proxy = window.table.model()
    return [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]


def select(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    """Click the row of ``reference`` in the list."""
    row = shown_refs(window).index(reference)
    rect = window.table.visualRect(window.table.model().index(row, Column.NAME))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def rename(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Type a new name in the editor (ASCII: keyClicks)."""
    edit = editor_of(window).form.name_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, name)


def test_selected_record_is_shown_in_the_editor(real_window: MainWindow) -> None:
    """Selecting a row shows that record, clean, in the editor beside the list."""
    editor = editor_of(real_window)
    assert editor.current_doc().reference == "COM-2"
    assert editor.title_label.text().startswith("COM-2 — Fichier clients")
    assert not editor.is_dirty()
    assert real_window.editor_area.widget() is editor


def test_edit_and_save_from_the_list_updates_it(qtbot: QtBot, real_window: MainWindow) -> None:
    """Edits mark the window modified; Ctrl+S (even from the list) saves, the row follows."""
    rename(qtbot, real_window, "Fichier clients et prospects")
    assert real_window.isWindowModified()
    assert real_window.commands.undo.isEnabled()
    real_window.table.setFocus()
    qtbot.waitUntil(real_window.table.hasFocus)
    qtbot.keyClick(real_window.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not real_window.isWindowModified()
    assert "Fichier clients et prospects" in shown_names(real_window)
    assert real_window.table.selectionModel().selectedRows(Column.REFERENCE)[0].data() == "COM-2"


def test_undo_and_redo_from_the_menu(qtbot: QtBot, real_window: MainWindow) -> None:
    """Edit > Undo takes the edit back, Redo brings it again."""
    rename(qtbot, real_window, "Autre nom")
    editor = editor_of(real_window)
    real_window.commands.undo.trigger()
    assert editor.form.name_edit.text() == "Fichier clients"
    assert not real_window.isWindowModified()
    real_window.commands.redo.trigger()
    assert editor.form.name_edit.text() == "Autre nom"


def test_record_switch_asks_and_cancel_stays(qtbot: QtBot, real_window: MainWindow,
                                             prompts: FakePrompts) -> None:
    """With unsaved edits, another row asks; Cancel keeps the edits and the selection,
    Discard drops them and shows the other record."""
    rename(qtbot, real_window, "Brouillon")
    prompts.unsaved_answer = UnsavedChoice.CANCEL
    select(qtbot, real_window, "RH-01")
    assert len(prompts.unsaved_asked) == 1
    assert editor_of(real_window).form.name_edit.text() == "Brouillon"
    assert real_window.table.selectionModel().selectedRows(Column.REFERENCE)[0].data() == "COM-2"
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    select(qtbot, real_window, "RH-01")
    assert editor_of(real_window).current_doc().reference == "RH-01"
    assert "Brouillon" not in shown_names(real_window)


def test_record_switch_can_save_first(qtbot: QtBot, real_window: MainWindow,
                                      prompts: FakePrompts) -> None:
    """Answering Save when choosing another row saves the edits, then shows that row."""
    rename(qtbot, real_window, "Fichier clients (v2)")
    prompts.unsaved_answer = UnsavedChoice.SAVE
    select(qtbot, real_window, "RH-01")
    assert editor_of(real_window).current_doc().reference == "RH-01"
    assert real_window.table.selectionModel().selectedRows(Column.REFERENCE)[0].data() == "RH-01"
    assert "Fichier clients (v2)" in shown_names(real_window)


def test_a_record_deleted_elsewhere_is_reported(qtbot: QtBot, real_window: MainWindow,
                                                small_session: RegisterSession,
                                                prompts: FakePrompts) -> None:
    """Choosing a record someone else deleted says so and refreshes the list."""
    org = real_window.current_organisation_id()
    assert org is not None
    gone = small_session.records.find(org, RegisterKind.CONTROLLER, "RH-01")
    assert gone is not None
    small_session.records.delete(gone, small_session.records.load(gone).doc.version)
    select(qtbot, real_window, "RH-01")
    assert prompts.errors[-1][0] == "Cannot open the record"
    assert shown_refs(real_window) == ["COM-2", "COM-10"]
    assert editor_of(real_window).current_doc().reference == "COM-2"


def test_register_switch_can_save_first(qtbot: QtBot, real_window: MainWindow,
                                        prompts: FakePrompts) -> None:
    """Answering Save when switching register saves the edits, then switches."""
    rename(qtbot, real_window, "Clients (sauvegarde)")
    prompts.unsaved_answer = UnsavedChoice.SAVE
    real_window.set_register(RegisterKind.PROCESSOR)
    assert real_window.current_register() is RegisterKind.PROCESSOR
    assert editor_of(real_window).current_record_id() is None
    real_window.set_register(RegisterKind.CONTROLLER)
    assert "Clients (sauvegarde)" in shown_names(real_window)


def test_close_with_unsaved_edits_is_ignored_on_cancel(qtbot: QtBot, real_window: MainWindow,
                                                       prompts: FakePrompts) -> None:
    """Closing with unsaved edits asks; Cancel keeps the window open."""
    rename(qtbot, real_window, "Pas fini")
    prompts.unsaved_answer = UnsavedChoice.CANCEL
    assert not real_window.close()
    assert real_window.isVisible()
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    assert real_window.close()


def test_new_record_then_save_adds_a_row(qtbot: QtBot, real_window: MainWindow) -> None:
    """Ctrl+N starts a blank record with a free reference; saving adds it to the list."""
    real_window.table.setFocus()
    qtbot.keyClick(real_window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = editor_of(real_window)
    assert editor.current_record_id() is None
    assert editor.current_doc().register_kind is RegisterKind.CONTROLLER
    rename(qtbot, real_window, "Gestion des badges")
    real_window.commands.save.trigger()
    assert "Gestion des badges" in shown_names(real_window)
    assert editor.current_record_id() is not None


def test_duplicate_then_save_adds_the_copy(qtbot: QtBot, real_window: MainWindow) -> None:
    """Ctrl+D copies the record under the next free reference; saving adds the copy."""
    select(qtbot, real_window, "RH-01")
    real_window.table.setFocus()
    qtbot.keyClick(real_window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    editor = editor_of(real_window)
    assert editor.current_doc().reference == "RH-02"
    assert editor.current_doc().name == "Gestion du personnel (copy)"
    assert editor.is_dirty()  # the copy is not saved yet
    real_window.commands.save.trigger()
    assert shown_refs(real_window) == ["COM-2", "COM-10", "RH-01", "RH-02"]


def test_archive_and_delete_with_the_editor(qtbot: QtBot, real_window: MainWindow,
                                            prompts: FakePrompts) -> None:
    """Archive shows the archived record in the editor; Delete empties the editor."""
    real_window.commands.archive.trigger()
    assert editor_of(real_window).current_doc().status is RecordStatus.ARCHIVED
    real_window.commands.delete.trigger()
    assert shown_refs(real_window) == ["COM-10", "RH-01"]
    assert editor_of(real_window).current_record_id() is None
    assert not editor_of(real_window).isEnabled()


def test_crash_draft_is_offered_and_restored(
        qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession,
        prompts: FakePrompts, real_window: MainWindow,
        make_drafts: Callable[[str], DraftStore]) -> None:
    """Edits the editor kept on disk come back in the next window, unsaved."""
    rename(qtbot, real_window, "Fichier clients (avant la panne)")
    drafts = make_drafts(small_session.location)
    qtbot.waitUntil(lambda: len(drafts.load_all()) == 1, timeout=3000)
    # The first window "crashes": the next start finds the draft.
    prompts.draft_answer = DraftAnswer(DraftAction.RESTORE)
    second = make_window(small_session, make_editor=editor_factory(prompts))
    qtbot.waitUntil(lambda: len(prompts.drafts_offered) == 1)
    editor = editor_of(second)
    qtbot.waitUntil(lambda: editor.form.name_edit.text() == "Fichier clients (avant la panne)")
    assert editor.is_dirty()
    assert second.table.selectionModel().selectedRows(Column.REFERENCE)[0].data() == "COM-2"
    prompts.unsaved_answer = UnsavedChoice.DISCARD  # let both windows close
