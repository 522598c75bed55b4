"""A new user's first session, end to end, in the real window with the real editor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ropa_app.app import editor_factory
from ropa_app.domain.enums import RegisterKind
from ropa_app.ui.editor import RecordEditor
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.register_model import Column
from ropa_app.ui.session import RegisterSession

from .editor_fixtures import clinic_session
from .fakes import FakePrompts
from .test_editor_record import fill_complete_record

__all__ = ["clinic_session"]  # the fixture, used by name below


def _retype(qtbot: QtBot, editor: RecordEditor, text: str) -> None:
    name = editor.form.name_edit
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, text)


def _shown(window: MainWindow) -> list[str]:
    proxy = window.table.model()
    return [proxy.index(r, Column.REFERENCE).data() for r in range(proxy.rowCount())]


def test_create_find_edit_undo_save_and_quit_loses_nothing(
        qtbot: QtBot, make_window: Callable[..., MainWindow], clinic_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Create a complete record, find it by a word deep inside it, edit, undo, save, quit:
    another session on the same file sees exactly what was saved."""
    window = make_window(clinic_session, make_editor=editor_factory(prompts))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    assert isinstance(editor, RecordEditor)
    fill_complete_record(qtbot, editor, prompts)
    window.commands.save.trigger()
    assert not window.isWindowModified()
    reference = editor.current_doc().reference

    # Find it again by typing part of a word that is only in a security measure.
    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, "aes-25")
    qtbot.waitUntil(lambda: _shown(window) == [reference])
    qtbot.keyClicks(window.search_edit, "9")  # no record says "aes-259"
    qtbot.waitUntil(lambda: _shown(window) == [])
    window.search_edit.clear()

    # Edit, undo, edit again, save.
    name = editor.form.name_edit
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Dossier patient unique")
    window.commands.undo.trigger()
    assert name.text() == "Dossier patient"
    name.selectAll()
    qtbot.keyClicks(name, "Dossier patient informatise")
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    assert window.close()  # nothing unsaved: no question asked
    assert prompts.unsaved_asked == []

    again = RegisterSession.open(clinic_session.location, "someone-else")
    try:
        org_id = again.organisations.list()[0].id
        record_id = again.records.find(org_id, RegisterKind.CONTROLLER, reference)
        assert record_id is not None
        doc = again.records.load(record_id).doc
        assert doc.name == "Dossier patient informatise"
        assert doc.version == 2
        assert any("AES-256" in m.details for m in doc.security_measures)
    finally:
        again.close()


def test_saving_refreshes_only_the_saved_row(
        qtbot: QtBot, make_window: Callable[..., MainWindow], clinic_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """After a save the list shows the new name without a reload, and search finds it."""
    window = make_window(clinic_session, make_editor=editor_factory(prompts))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    assert isinstance(editor, RecordEditor)
    _retype(qtbot, editor, "Badges")
    window.commands.save.trigger()
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    _retype(qtbot, editor, "Badges et controle d'acces")
    window.commands.save.trigger()
    assert resets == []
    proxy = window.table.model()
    names = [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]
    assert names == ["Badges et controle d'acces"]
    window.search_edit.setText("controle")
    assert _shown(window) == [editor.current_doc().reference]
