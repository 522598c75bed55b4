"""Undo, redo, revert and unsaved changes in the record editor: one command per user
action, "modified" meaning the undo stack is not clean."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ropa_app.domain.enums import DpiaCriterion, LegalBasis, RegisterKind, ThirdPartyKind
from ropa_app.domain.models import ThirdPartyBase
from ropa_app.store.drafts import DraftStore
from ropa_app.ui.editor.list_models import PurposesModel
from ropa_app.ui.prompts import UnsavedChoice
from ropa_app.ui.session import RegisterSession

from . import editor_fixtures
from .editor_fixtures import (
    MakeEditor,
    add_row,
    cell,
    choose,
    choose_cell,
    click_box,
    organisation_id,
    type_cell,
    type_text,
)
from .fakes import FakePrompts

# The editor's fixtures, found by pytest under these names.
clinic_session = editor_fixtures.clinic_session
drafts = editor_fixtures.drafts
make_editor = editor_fixtures.make_editor
patient_record = editor_fixtures.patient_record

P = PurposesModel.Column
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_typing_in_a_field_is_one_undo_step(qtbot: QtBot, make_editor: MakeEditor,
                                             clinic_session: RegisterSession,
                                             patient_record: int) -> None:
    """Keystrokes in one field merge into one command; Ctrl+Z and Ctrl+Shift+Z in the field
    undo and redo it and the field shows each state."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    name = editor.form.name_edit
    name.setFocus()
    name.end(False)
    qtbot.keyClicks(name, " v2")
    assert editor.undo_stack.count() == 1
    assert editor.undo_stack.undoText() == "Edit Name"
    assert editor.is_dirty()
    assert "Dossier patient v2 •" in editor.title_label.text()
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert name.text() == "Dossier patient"
    assert not editor.is_dirty()
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL_SHIFT)
    assert name.text() == "Dossier patient v2"
    assert editor.current_doc().name == "Dossier patient v2"


def test_leaving_a_field_starts_a_new_undo_step(qtbot: QtBot, make_editor: MakeEditor,
                                                clinic_session: RegisterSession,
                                                patient_record: int) -> None:
    """Typing in one field, then another, then the first again makes three commands."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    f = editor.form
    type_text(qtbot, f.owner_edit, "Dr A")
    qtbot.keyClick(f.owner_edit, Qt.Key.Key_Tab)
    type_text(qtbot, f.software_edit, "X")
    type_text(qtbot, f.owner_edit, "Dr B")
    assert editor.undo_stack.count() == 3
    editor.undo_stack.undo()
    assert f.owner_edit.text() == "Dr A"


def test_choices_boxes_and_cells_are_undone_in_the_widgets(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int) -> None:
    """Undo puts back a combo choice, a check box and a table cell, each one step."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    f = editor.form
    choose(qtbot, f.status_combo, "validated")
    click_box(qtbot, f.criteria_boxes[DpiaCriterion.LARGE_SCALE])
    choose_cell(qtbot, f.purposes, 0, P.LEGAL_BASIS, "contract")
    type_cell(qtbot, f.purposes, 0, P.DESCRIPTION, "Soins")
    assert editor.undo_stack.count() == 4
    editor.undo_stack.undo()
    assert cell(f.purposes, 0, P.DESCRIPTION) == "Prise en charge des patients"
    editor.undo_stack.undo()
    assert cell(f.purposes, 0, P.LEGAL_BASIS, Qt.ItemDataRole.EditRole) == \
        LegalBasis.PUBLIC_TASK
    editor.undo_stack.undo()
    assert not f.criteria_boxes[DpiaCriterion.LARGE_SCALE].isChecked()
    editor.undo_stack.undo()
    assert f.status_combo.currentData() == "in_review"
    assert not editor.is_dirty()
    editor.undo_stack.redo()
    assert f.status_combo.currentData() == "validated"


def test_adding_a_row_is_undone_and_redone(qtbot: QtBot, make_editor: MakeEditor,
                                           clinic_session: RegisterSession,
                                           patient_record: int) -> None:
    """The Add button adds one row; undo removes it, redo brings it back."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    purposes = editor.form.purposes
    purposes.select(0)
    row = add_row(qtbot, purposes)
    assert row == 1  # after the current row
    assert purposes.view.model().rowCount() == 4
    assert editor.undo_stack.undoText() == "Add a row to Purposes"
    editor.undo_stack.undo()
    assert purposes.view.model().rowCount() == 3
    assert cell(purposes, 1, P.DESCRIPTION) == "Enquete de satisfaction"
    editor.undo_stack.redo()
    assert purposes.view.model().rowCount() == 4
    assert cell(purposes, 1, P.DESCRIPTION) == ""


def test_table_keys_add_remove_and_move_rows(qtbot: QtBot, make_editor: MakeEditor,
                                             clinic_session: RegisterSession,
                                             patient_record: int) -> None:
    """With the table focused: Ctrl+Down and Ctrl+Up move the current row, Delete removes
    it, Insert adds one; each is one undo step."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    purposes = editor.form.purposes
    view = purposes.view
    view.setFocus()
    purposes.select(0, P.DESCRIPTION)
    qtbot.keyClick(view, Qt.Key.Key_Down, CTRL)
    assert [cell(purposes, r, P.DESCRIPTION) for r in range(3)] == [
        "Enquete de satisfaction", "Prise en charge des patients", "Lettre d'information"]
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Up, CTRL)
    assert cell(purposes, 0, P.DESCRIPTION) == "Prise en charge des patients"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert view.model().rowCount() == 2
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert view.model().rowCount() == 3
    assert editor.undo_stack.count() == 4
    for _ in range(4):
        editor.undo_stack.undo()
    assert [cell(purposes, r, P.DESCRIPTION) for r in range(3)] == [
        "Prise en charge des patients", "Enquete de satisfaction", "Lettre d'information"]
    assert not editor.is_dirty()


def test_move_buttons_follow_the_current_row(qtbot: QtBot, make_editor: MakeEditor,
                                             clinic_session: RegisterSession,
                                             patient_record: int) -> None:
    """Move up is off on the first row and Move down on the last; Remove needs a row."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    purposes = editor.form.purposes
    purposes.select(0)
    assert not purposes.up_button.isEnabled() and purposes.down_button.isEnabled()
    purposes.select(2)
    assert purposes.up_button.isEnabled() and not purposes.down_button.isEnabled()
    qtbot.mouseClick(purposes.up_button, Qt.MouseButton.LeftButton)
    assert cell(purposes, 1, P.DESCRIPTION) == "Lettre d'information"
    assert purposes.remove_button.isEnabled()


def test_revert_goes_back_to_the_stored_version(qtbot: QtBot, make_editor: MakeEditor,
                                                clinic_session: RegisterSession,
                                                patient_record: int, drafts: DraftStore) -> None:
    """Revert drops the edits, clears the undo history and the recovery draft."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    type_text(qtbot, editor.form.name_edit, "Autre nom")
    add_row(qtbot, editor.form.security_measures)
    qtbot.waitUntil(lambda: bool(drafts.load_all()))
    assert editor.revert_action.isEnabled()
    editor.revert_action.trigger()
    assert editor.form.name_edit.text() == "Dossier patient"
    assert editor.form.security_measures.view.model().rowCount() == 1
    assert editor.undo_stack.count() == 0
    assert not editor.is_dirty()
    assert drafts.load_all() == []


def test_dirty_state_is_signalled(qtbot: QtBot, make_editor: MakeEditor,
                                  clinic_session: RegisterSession, patient_record: int) -> None:
    """dirty_changed says True on the first edit and False once undone back."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    with qtbot.waitSignal(editor.dirty_changed) as became:
        type_text(qtbot, editor.form.software_edit, "Y")
    assert became.args == [True]
    with qtbot.waitSignal(editor.dirty_changed) as became:
        editor.undo_stack.undo()
    assert became.args == [False]


def test_confirm_leave_asks_only_with_unsaved_changes(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, prompts: FakePrompts) -> None:
    """A clean record may be left without a question; with changes, Cancel keeps them."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    assert editor.confirm_leave()
    assert prompts.unsaved_asked == []
    type_text(qtbot, editor.form.owner_edit, "Dr Who")
    prompts.unsaved_answer = UnsavedChoice.CANCEL
    assert not editor.confirm_leave()
    assert prompts.unsaved_asked == ["PAT-01 — Dossier patient"]
    assert editor.is_dirty() and editor.form.owner_edit.text() == "Dr Who"


def test_confirm_leave_saves_when_asked(qtbot: QtBot, make_editor: MakeEditor,
                                        clinic_session: RegisterSession, patient_record: int,
                                        prompts: FakePrompts) -> None:
    """Answering Save stores the changes and lets the window move on."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    type_text(qtbot, editor.form.owner_edit, "Dr Who")
    prompts.unsaved_answer = UnsavedChoice.SAVE
    with qtbot.waitSignal(editor.record_saved):
        assert editor.confirm_leave()
    assert clinic_session.records.load(patient_record).doc.owner == "Dr Who"
    assert not editor.is_dirty()


def test_confirm_leave_discards_when_asked(qtbot: QtBot, make_editor: MakeEditor,
                                           clinic_session: RegisterSession,
                                           patient_record: int, prompts: FakePrompts) -> None:
    """Answering Discard drops the changes: the stored record is untouched."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    type_text(qtbot, editor.form.owner_edit, "Dr Who")
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    assert editor.confirm_leave()
    assert not editor.is_dirty()
    assert editor.form.owner_edit.text() == "Dr Martin"
    assert clinic_session.records.load(patient_record).doc.owner == "Dr Martin"


def test_a_new_record_starts_clean_and_a_duplicate_dirty(
        make_editor: MakeEditor, clinic_session: RegisterSession, patient_record: int) -> None:
    """A blank new record has nothing to lose; a duplicate is unsaved work from the start."""
    editor = make_editor(clinic_session)
    org = organisation_id(clinic_session)
    editor.new_record(org, RegisterKind.CONTROLLER)
    assert not editor.is_dirty()
    assert editor.current_record_id() is None
    assert editor.form.reference_edit.text() == "NEW-01"
    assert editor.save_action.isEnabled()
    copy = clinic_session.records.load(patient_record).doc.model_copy(update={
        "reference": "PAT-02"})
    editor.new_record(org, RegisterKind.CONTROLLER, copy)
    assert editor.is_dirty()
    assert editor.form.reference_edit.text() == "PAT-02"
    assert editor.save()
    assert editor.current_record_id() not in (None, patient_record)


def test_clear_disables_the_editor(make_editor: MakeEditor, clinic_session: RegisterSession,
                                   patient_record: int) -> None:
    """With nothing loaded the editor is disabled and says so."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    assert editor.isEnabled()
    editor.clear()
    assert not editor.isEnabled()
    assert editor.current_record_id() is None
    assert editor.title_label.text() == "No record open"
    assert not editor.save()


def test_dates_are_typed_or_emptied(qtbot: QtBot, make_editor: MakeEditor,
                                    clinic_session: RegisterSession, patient_record: int) -> None:
    """A date typed in full is taken, half a date left is put back, an emptied date is none."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    field = editor.form.next_review_edit
    type_text(qtbot, field.line, "15/04/2027")
    assert str(editor.current_doc().next_review) == "2027-04-15"
    field.line.selectAll()
    qtbot.keyClicks(field.line, "31/02")  # typed over, not a date
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.line.text() == "15/04/2027"
    type_text(qtbot, field.line, "")
    assert editor.current_doc().next_review is None
    editor.undo_stack.undo()  # the field's typing was one step
    assert field.line.text() == "01/03/2027"


def test_a_new_third_party_joins_the_actors_when_it_is_one(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, prompts: FakePrompts) -> None:
    """"New third party…" stores it; a joint controller becomes a party of the record, a
    processor only becomes available to the recipients and transfers."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    parties = editor.form.parties.view.model()
    prompts.third_party_answer = ThirdPartyBase(name="Labo Analyses",
                                                kind=ThirdPartyKind.PROCESSOR)
    with qtbot.waitSignal(editor.status_message) as message:
        qtbot.mouseClick(editor.form.new_third_party_button, Qt.MouseButton.LeftButton)
    assert message.args == ["Third party Labo Analyses added"]
    assert parties.rowCount() == 2
    assert not editor.is_dirty()
    names = [tp.data.name for tp in clinic_session.organisations.third_parties(
        organisation_id(clinic_session))]
    assert "Labo Analyses" in names
    prompts.third_party_answer = ThirdPartyBase(name="CHU Voisin",
                                                kind=ThirdPartyKind.JOINT_CONTROLLER)
    qtbot.mouseClick(editor.form.new_third_party_button, Qt.MouseButton.LeftButton)
    assert parties.rowCount() == 3
    assert editor.current_doc().parties[2].third_party == "CHU Voisin"
    editor.undo_stack.undo()
    assert parties.rowCount() == 2
