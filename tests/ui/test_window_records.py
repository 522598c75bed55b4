"""Record commands of the window (new, duplicate, archive, delete) and the unsaved-changes
guard, against a fake editor that honours the editor's interface."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import HistoryAction, RecordStatus, RegisterKind
from ropa_app.domain.models import OrganisationBase
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.register_model import Column
from ropa_app.ui.session import RegisterSession

from .fake_editor import FakeEditor
from .fakes import SMALL_ORG, FakePrompts

MakeWindow = Callable[..., MainWindow]


def shown_refs(window: MainWindow) -> list[str]:
    proxy = window.table.model()
    return [proxy.index(r, Column.REFERENCE).data() for r in range(proxy.rowCount())]


def editor_of(window: MainWindow) -> FakeEditor:
    assert isinstance(window.editor, FakeEditor)
    return window.editor


def click_row(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    row = shown_refs(window).index(reference)
    rect = window.table.visualRect(window.table.model().index(row, Column.NAME))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def selected_ref(window: MainWindow) -> str | None:
    rows = window.table.selectionModel().selectedRows(Column.REFERENCE)
    return rows[0].data() if rows else None


def record_id(session: RegisterSession, window: MainWindow, reference: str,
              kind: RegisterKind = RegisterKind.CONTROLLER) -> int | None:
    org = window.current_organisation_id()
    assert org is not None
    return session.records.find(org, kind, reference)


# --- selection and the editor --------------------------------------------------------------

def test_selecting_a_record_loads_it(qtbot: QtBot, make_window: MakeWindow,
                                     small_session: RegisterSession) -> None:
    """Clicking a row loads that record in the editor and enables the record commands."""
    window = make_window(small_session)
    assert not window.commands.delete.isEnabled()
    click_row(qtbot, window, "RH-01")
    assert editor_of(window).current_record_id() == record_id(small_session, window, "RH-01")
    assert window.commands.delete.isEnabled()
    assert window.commands.duplicate.isEnabled()
    assert window.commands.archive.isEnabled()


def test_record_switch_is_refused_when_the_user_cancels(
        qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession) -> None:
    """With unsaved changes, another row asks first; cancel keeps the edited record selected."""
    window = make_window(small_session)
    editor = editor_of(window)
    click_row(qtbot, window, "COM-2")
    editor.edit_name("Fichier clients v2")
    editor.leave_answer = False
    click_row(qtbot, window, "RH-01")
    assert editor.leave_asked == 1
    assert selected_ref(window) == "COM-2"
    assert editor.current_record_id() == record_id(small_session, window, "COM-2")
    editor.leave_answer = True  # now "save" or "discard"
    click_row(qtbot, window, "RH-01")
    assert editor.current_record_id() == record_id(small_session, window, "RH-01")
    assert selected_ref(window) == "RH-01"


def test_register_switch_is_guarded(qtbot: QtBot, make_window: MakeWindow,
                                    small_session: RegisterSession) -> None:
    """Switching register with unsaved changes asks first; cancel stays on the register."""
    window = make_window(small_session)
    editor = editor_of(window)
    click_row(qtbot, window, "COM-2")
    editor.edit_name("Changed")
    editor.leave_answer = False
    qtbot.mouseClick(window.register_buttons[RegisterKind.PROCESSOR], Qt.MouseButton.LeftButton)
    assert window.current_register() is RegisterKind.CONTROLLER
    assert window.commands.controller.isChecked()
    assert shown_refs(window) == ["COM-2", "COM-10", "RH-01"]
    assert selected_ref(window) == "COM-2"
    editor.leave_answer = True
    qtbot.mouseClick(window.register_buttons[RegisterKind.PROCESSOR], Qt.MouseButton.LeftButton)
    assert window.current_register() is RegisterKind.PROCESSOR
    assert shown_refs(window) == ["ST-01"]
    assert editor.current_record_id() is None  # the editor was cleared


def test_organisation_switch_is_guarded(make_window: MakeWindow,
                                        small_session: RegisterSession) -> None:
    """Choosing another organisation with unsaved changes asks first; cancel keeps the old one."""
    small_session.organisations.create(OrganisationBase(name="Zèbre SAS"))
    window = make_window(small_session)
    window.organisation_combo.setCurrentIndex(window.organisation_combo.findText(SMALL_ORG))
    editor = editor_of(window)
    window.table.selectRow(0)
    editor.edit_name("Changed")
    editor.leave_answer = False
    window.organisation_combo.setCurrentIndex(window.organisation_combo.findText("Zèbre SAS"))
    assert window.organisation_combo.currentText() == SMALL_ORG
    assert len(shown_refs(window)) == 3
    editor.leave_answer = True
    window.organisation_combo.setCurrentIndex(window.organisation_combo.findText("Zèbre SAS"))
    assert shown_refs(window) == []


def test_close_is_ignored_when_the_user_cancels(qtbot: QtBot, make_window: MakeWindow,
                                                small_session: RegisterSession) -> None:
    """Closing with unsaved changes asks; cancel keeps the window open, otherwise it closes."""
    window = make_window(small_session)
    editor = editor_of(window)
    window.table.selectRow(0)
    editor.edit_name("Changed")
    editor.leave_answer = False
    assert not window.close()
    assert window.isVisible()
    window.commands.quit.trigger()
    assert window.isVisible()
    assert editor.leave_asked == 2
    editor.leave_answer = True
    assert window.close()
    assert not window.isVisible()


def test_opening_another_register_is_guarded(qtbot: QtBot, make_window: MakeWindow,
                                             small_session: RegisterSession,
                                             prompts: FakePrompts) -> None:
    """Open register… with unsaved changes asks first; cancel opens nothing."""
    window = make_window(small_session)
    editor = editor_of(window)
    window.table.selectRow(0)
    editor.edit_name("Changed")
    editor.leave_answer = False
    prompts.register_path = "/somewhere/other.sqlite"
    with qtbot.assertNotEmitted(window.open_register_requested):
        window.commands.open_register.trigger()
    editor.leave_answer = True
    with qtbot.waitSignal(window.open_register_requested):
        window.commands.open_register.trigger()


def test_unsaved_changes_mark_the_title(make_window: MakeWindow,
                                        small_session: RegisterSession) -> None:
    """The window title shows that the record has unsaved changes."""
    window = make_window(small_session)
    window.table.selectRow(0)
    assert not window.isWindowModified()
    editor_of(window).edit_name("Changed")
    assert window.isWindowModified()
    editor_of(window).undo_stack.undo()
    assert not window.isWindowModified()


# --- new, duplicate, archive, delete -------------------------------------------------------

def test_new_record_goes_to_the_editor(make_window: MakeWindow,
                                       small_session: RegisterSession) -> None:
    """New record starts a record in the editor for the organisation and register shown;
    once saved it appears in the list, selected."""
    window = make_window(small_session)
    editor = editor_of(window)
    window.set_register(RegisterKind.PROCESSOR)
    window.commands.new_record.trigger()
    assert editor.calls[-1] == ("new_record", None)
    assert editor.current_doc().register_kind is RegisterKind.PROCESSOR
    assert editor.current_record_id() is None
    assert selected_ref(window) is None
    window.commands.save.trigger()  # the editor's own Save, in the window's menu
    assert shown_refs(window) == ["NEW-01", "ST-01"]
    assert selected_ref(window) == "NEW-01"


def test_duplicate_gives_the_next_free_reference(make_window: MakeWindow,
                                                 small_session: RegisterSession) -> None:
    """Duplicate opens a copy under the next free reference, named as a copy, as a draft."""
    window = make_window(small_session)
    editor = editor_of(window)
    window.table.selectRow(shown_refs(window).index("RH-01"))
    window.commands.duplicate.trigger()
    name, copy = editor.calls[-1]
    assert name == "new_record"
    assert isinstance(copy, RecordDoc)
    assert copy.reference == "RH-02"
    assert copy.name == "Gestion du personnel (copy)"
    assert copy.status is RecordStatus.DRAFT
    assert copy.purposes[0].description == "Paie et déclarations des salariés"
    window.commands.save.trigger()
    assert "RH-02" in shown_refs(window)


def test_duplicate_skips_taken_references(make_window: MakeWindow,
                                          small_session: RegisterSession) -> None:
    """A duplicate of COM-2 skips to a reference no record of the register uses."""
    window = make_window(small_session)
    window.table.selectRow(shown_refs(window).index("COM-2"))
    window.commands.duplicate.trigger()
    copy = editor_of(window).current_doc()
    assert copy.reference == "COM-3"
    assert copy.reference not in shown_refs(window)


def test_delete_with_confirmation_removes_the_row(make_window: MakeWindow,
                                                  small_session: RegisterSession,
                                                  prompts: FakePrompts) -> None:
    """Delete asks with the reference and name; yes removes the record, the history keeps it."""
    window = make_window(small_session)
    org = window.current_organisation_id()
    window.table.selectRow(shown_refs(window).index("COM-10"))
    window.commands.delete.trigger()
    assert prompts.deletes_asked == [("COM-10", "Prospection commerciale")]
    assert shown_refs(window) == ["COM-2", "RH-01"]
    assert editor_of(window).current_record_id() is None
    assert small_session.records.find(org, RegisterKind.CONTROLLER, "COM-10") is None
    history = small_session.records.history(org, RegisterKind.CONTROLLER, "COM-10")
    assert history[-1].action is HistoryAction.DELETED
    assert not window.commands.delete.isEnabled()


def test_cancelled_delete_keeps_the_row(make_window: MakeWindow,
                                        small_session: RegisterSession,
                                        prompts: FakePrompts) -> None:
    """Answering no to the confirmation deletes nothing."""
    prompts.delete_answer = False
    window = make_window(small_session)
    window.table.selectRow(0)
    window.commands.delete.trigger()
    assert len(prompts.deletes_asked) == 1
    assert shown_refs(window) == ["COM-2", "COM-10", "RH-01"]
    assert editor_of(window).current_record_id() is not None


def test_delete_refused_by_the_store_is_shown(make_window: MakeWindow,
                                              small_session: RegisterSession,
                                              prompts: FakePrompts) -> None:
    """A record changed by someone else meanwhile is not deleted; the user is told why."""
    window = make_window(small_session)
    window.table.selectRow(shown_refs(window).index("RH-01"))
    rid = editor_of(window).current_record_id()
    assert rid is not None
    stored = small_session.records.load(rid)
    stored.doc.name = "Changed elsewhere"
    small_session.records.save(rid, stored.doc, stored.doc.version)
    window.commands.delete.trigger()
    assert prompts.errors[0][0] == "Cannot delete the record"
    assert "changed by someone else" in prompts.errors[0][1]
    assert "RH-01" in shown_refs(window)


def test_delete_drops_the_record_drafts(make_window: MakeWindow,
                                        small_session: RegisterSession) -> None:
    """A draft of a deleted record is dropped, so it is not offered back at the next start."""
    window = make_window(small_session)
    window.table.selectRow(0)
    editor = editor_of(window)
    rid = editor.current_record_id()
    assert rid is not None and window.drafts is not None
    window.drafts.save(f"record-{rid}", window.current_organisation_id() or 0, rid, 1,
                       editor.current_doc())
    window.commands.delete.trigger()
    assert window.drafts.load_all() == []


def test_archive_changes_the_status(make_window: MakeWindow, small_session: RegisterSession,
                                    prompts: FakePrompts) -> None:
    """Archive asks, then saves the record as archived; the list and the editor show it."""
    window = make_window(small_session)
    window.table.selectRow(shown_refs(window).index("COM-2"))
    rid = editor_of(window).current_record_id()
    assert rid is not None
    window.commands.archive.trigger()
    assert prompts.archives_asked == [("COM-2", "Fichier clients")]
    assert small_session.records.load(rid).doc.status is RecordStatus.ARCHIVED
    row = shown_refs(window).index("COM-2")
    assert window.table.model().index(row, Column.STATUS).data() == "Archived"
    assert editor_of(window).calls[-1] == ("load_record", rid)
    assert editor_of(window).current_doc().status is RecordStatus.ARCHIVED
    assert selected_ref(window) == "COM-2"
    assert not window.commands.archive.isEnabled()  # archived already


def test_cancelled_archive_changes_nothing(make_window: MakeWindow,
                                           small_session: RegisterSession,
                                           prompts: FakePrompts) -> None:
    """Answering no to the archive question keeps the status."""
    prompts.archive_answer = False
    window = make_window(small_session)
    window.table.selectRow(0)
    rid = editor_of(window).current_record_id()
    assert rid is not None
    window.commands.archive.trigger()
    assert small_session.records.load(rid).doc.status is RecordStatus.IN_REVIEW
