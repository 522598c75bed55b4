"""Saving from the record editor when things go wrong: someone else saved or deleted the
record, the register is read-only, a rule is broken; and the drafts that keep unsaved
edits through a crash. Nothing typed is ever lost, nothing stored is overwritten silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from ropa_app.domain.enums import RegisterKind
from ropa_app.store.drafts import DraftStore
from ropa_app.store.errors import DiskFullError, InvalidDocumentError, RopaError
from ropa_app.store.records import RecordStore
from ropa_app.ui.editor.list_models import DataCategoriesModel, ProblemRole, PurposesModel
from ropa_app.ui.session import RegisterSession

from . import editor_fixtures
from .editor_fixtures import (
    MakeEditor,
    add_row,
    cell,
    choose_cell,
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

D = DataCategoriesModel.Column


def colleague_saves(location: str, record_id: int, **changes: object) -> None:
    """Another user, in another session, changes and saves the record."""
    other = RegisterSession.open(location, "colleague")
    try:
        doc = other.records.load(record_id).doc
        for field, value in changes.items():
            setattr(doc, field, value)
        other.records.save(record_id, doc, doc.version)
    finally:
        other.close()


def test_a_conflict_lets_the_user_choose_each_section(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, prompts: FakePrompts) -> None:
    """When a colleague saved meanwhile, the differing sections are offered side by side;
    the ones chosen from the stored version win, the others keep the user's edits."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    colleague_saves(clinic_session.location, patient_record,
                    name="Dossier patient (GHT)", notes="Note du collegue")
    type_text(qtbot, editor.form.name_edit, "Dossier patient unique")
    type_text(qtbot, editor.form.description_edit, "Ma description")
    prompts.conflict_answer = {"notes"}
    with qtbot.waitSignal(editor.record_saved):
        qtbot.keyClick(editor.form.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    sections, theirs, mine = prompts.conflicts[0]
    assert sections == ["name", "description", "notes"]
    assert (theirs.notes, mine.notes) == ("Note du collegue", "Revu avec le DPO")
    stored = clinic_session.records.load(patient_record).doc
    assert (stored.name, stored.description, stored.notes) == (
        "Dossier patient unique", "Ma description", "Note du collegue")
    assert stored.version == 3
    assert editor.form.notes_edit.toPlainText() == "Note du collegue"
    assert not editor.is_dirty()
    editor.undo_stack.undo()  # the merge is one step: back to the user's own version
    assert editor.form.notes_edit.toPlainText() == "Revu avec le DPO"


def test_a_cancelled_conflict_saves_nothing_and_keeps_the_edits(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, prompts: FakePrompts) -> None:
    """Cancelling the conflict dialog leaves the colleague's version stored and the user's
    edits on screen, unsaved; a later save asks again."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    colleague_saves(clinic_session.location, patient_record, owner="Dr Colleague")
    type_text(qtbot, editor.form.owner_edit, "Dr Mine")
    prompts.conflict_answer = None
    with qtbot.waitSignal(editor.status_message) as message:
        assert not editor.save()
    assert "changed meanwhile" in message.args[0]
    assert clinic_session.records.load(patient_record).doc.owner == "Dr Colleague"
    assert editor.is_dirty() and editor.form.owner_edit.text() == "Dr Mine"
    prompts.conflict_answer = set()  # keep mine everywhere
    assert editor.save()
    assert len(prompts.conflicts) == 2
    assert clinic_session.records.load(patient_record).doc.owner == "Dr Mine"


def test_a_record_deleted_meanwhile_can_be_saved_as_new(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, prompts: FakePrompts) -> None:
    """Saving a record a colleague deleted offers to save the edits as a new record;
    declining keeps them on screen, accepting creates the record again."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    clinic_session.records.delete(patient_record, 1)
    type_text(qtbot, editor.form.owner_edit, "Dr Mine")
    prompts.save_as_new_answer = False
    with qtbot.waitSignal(editor.record_deleted) as deleted:
        assert not editor.save()
    assert deleted.args == [patient_record]
    assert prompts.save_as_new_asked == ["PAT-01"]
    assert editor.is_dirty() and editor.form.owner_edit.text() == "Dr Mine"
    prompts.save_as_new_answer = True
    with qtbot.waitSignal(editor.record_saved) as saved:
        assert editor.save()
    new_id = saved.args[0]
    assert editor.current_record_id() == new_id
    assert clinic_session.records.load(new_id).doc.owner == "Dr Mine"
    history = clinic_session.records.history(organisation_id(clinic_session),
                                             RegisterKind.CONTROLLER, "PAT-01")
    assert [h.action.value for h in history] == ["created", "deleted", "created"]


def test_a_read_only_register_shows_the_error_and_keeps_the_edits(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, prompts: FakePrompts) -> None:
    """On a register opened read-only, saving says why it failed; the edits stay."""
    path = Path(str(clinic_session.register.engine.url.database))
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    session = RegisterSession(clinic_session.register, clinic_session.organisations,
                              RecordStore(read_only, "test-user"))
    try:
        editor = make_editor(session)
        editor.load_record(patient_record)
        type_text(qtbot, editor.form.owner_edit, "Dr Mine")
        assert not editor.save()
    finally:
        read_only.dispose()
    assert prompts.errors[0][0] == "Cannot save the record"
    assert "read-only" in prompts.errors[0][1]
    assert editor.is_dirty() and editor.form.owner_edit.text() == "Dr Mine"
    assert clinic_session.records.load(patient_record).doc.owner == "Dr Martin"


def test_a_failed_save_can_be_tried_again(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, prompts: FakePrompts, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk is reported; once space is back, Save works with the same edits."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    type_text(qtbot, editor.form.owner_edit, "Dr Mine")

    def disk_full(*_args: object) -> None:
        raise DiskFullError("no space left on the disk holding the register; nothing saved")

    monkeypatch.setattr(clinic_session.records, "save", disk_full)
    assert not editor.save()
    assert "no space left" in prompts.errors[-1][1]
    monkeypatch.undo()
    assert editor.save()
    assert clinic_session.records.load(patient_record).doc.owner == "Dr Mine"


def test_a_duplicate_reference_is_reported(qtbot: QtBot, make_editor: MakeEditor,
                                           clinic_session: RegisterSession,
                                           patient_record: int, prompts: FakePrompts) -> None:
    """A new record under a reference already used is refused with the store's reason."""
    editor = make_editor(clinic_session)
    editor.new_record(organisation_id(clinic_session), RegisterKind.CONTROLLER)
    type_text(qtbot, editor.form.reference_edit, "PAT-01")
    assert not editor.save()
    assert "already used" in prompts.errors[-1][1]
    assert editor.current_record_id() is None
    assert editor.form.reference_edit.text() == "PAT-01"


def test_a_broken_rule_is_shown_next_to_its_cell_as_it_is_typed(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int) -> None:
    """A retention number without its unit marks the cell red with the reason, lists it
    under the table and counts it on the section's title, until the unit is chosen."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    table = editor.form.data_categories
    row = add_row(qtbot, table)
    type_cell(qtbot, table, row, D.RETENTION_VALUE, "5")
    message = "a retention duration needs both a number and a unit"
    assert cell(table, row, D.RETENTION_VALUE, ProblemRole) == message
    assert message in cell(table, row, D.RETENTION_VALUE, Qt.ItemDataRole.ToolTipRole)
    assert table.problem_label.isVisible()
    assert f"Row 2, Retention: {message}" in table.problem_label.text()
    assert editor.form.sections["data"].badge.text() == "1 problem"
    choose_cell(qtbot, table, row, D.RETENTION_UNIT, "months")
    assert cell(table, row, D.RETENTION_VALUE, ProblemRole) is None
    assert not table.problem_label.isVisible()


def test_an_empty_name_is_flagged_and_not_saved(qtbot: QtBot, make_editor: MakeEditor,
                                                clinic_session: RegisterSession,
                                                patient_record: int) -> None:
    """Emptying the name shows "Required" under it; saving is refused and says why."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    name = editor.form.name_edit
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    label = editor.form.binder.problem_label("name")
    assert label.isVisible() and label.text() == "Required"
    with qtbot.waitSignal(editor.status_message) as message:
        assert not editor.save()
    assert message.args == ["Not saved: 1 problem to fix, marked in red"]
    assert clinic_session.records.load(patient_record).doc.version == 1


def test_problems_found_by_the_store_are_placed_on_their_fields(
        make_editor: MakeEditor, clinic_session: RegisterSession, patient_record: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Problems the store raises at save time are shown on their cell and field."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    editor.undo_stack.resetClean()  # something to save

    def refuse(*_args: object) -> None:
        raise InvalidDocumentError([("purposes[2].legal_basis", "not for this purpose"),
                                    ("software", "text contains a NUL character")])

    monkeypatch.setattr(clinic_session.records, "save", refuse)
    assert not editor.save()
    purposes = editor.form.purposes
    assert cell(purposes, 2, PurposesModel.Column.LEGAL_BASIS, ProblemRole) == \
        "not for this purpose"
    assert editor.form.binder.problem_label("software").text() == \
        "text contains a NUL character"
    assert editor.is_dirty()


def test_a_draft_is_written_after_an_edit_and_brings_it_back(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, drafts: DraftStore) -> None:
    """Shortly after an edit the record is kept as a draft; restoring it in a new editor
    shows the edit as unsaved; saving it removes the draft."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    type_text(qtbot, editor.form.owner_edit, "Dr Crash")
    qtbot.waitUntil(lambda: bool(drafts.load_all()))
    draft = drafts.load_all()[0]
    assert (draft.key, draft.record_id, draft.base_version) == (
        f"record-{patient_record}", patient_record, 1)
    assert draft.doc.owner == "Dr Crash"

    again = make_editor(clinic_session)  # as after a restart
    again.restore_draft(draft)
    assert again.is_dirty()
    assert again.form.owner_edit.text() == "Dr Crash"
    assert again.current_record_id() == patient_record
    assert again.save()
    assert drafts.load_all() == []
    assert clinic_session.records.load(patient_record).doc.owner == "Dr Crash"


def test_a_new_record_draft_is_saved_as_a_new_record(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        drafts: DraftStore) -> None:
    """A never-saved record survives as a draft too, even with its name emptied."""
    editor = make_editor(clinic_session)
    editor.new_record(organisation_id(clinic_session), RegisterKind.CONTROLLER)
    type_text(qtbot, editor.form.reference_edit, "CRASH-1")
    editor.form.name_edit.clear()  # the name field emptied (as select-all and Delete)
    qtbot.keyClicks(editor.form.name_edit, "x")
    qtbot.keyClick(editor.form.name_edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: bool(drafts.load_all()))
    draft = drafts.load_all()[0]
    assert draft.key.startswith("new-") and draft.record_id is None
    assert (draft.doc.reference, draft.doc.name) == ("CRASH-1", "?")
    again = make_editor(clinic_session)
    again.restore_draft(draft)
    type_text(qtbot, again.form.name_edit, "Recovered")
    assert again.save()
    assert drafts.load_all() == []
    assert clinic_session.records.find(organisation_id(clinic_session),
                                       RegisterKind.CONTROLLER, "CRASH-1") is not None


def test_an_unwritable_draft_folder_is_only_a_status_message(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, drafts: DraftStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A draft that cannot be written does not interrupt the user: a status message says so."""
    def fail(*_args: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(drafts, "save", fail)
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    with qtbot.waitSignal(editor.status_message, timeout=3000) as message:
        type_text(qtbot, editor.form.owner_edit, "Dr Who")
    assert "recovery copy" in message.args[0]
    assert editor.is_dirty()


def test_saving_a_new_record_and_then_editing_it(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession) -> None:
    """A saved new record keeps being edited as a stored one: the next save updates it."""
    editor = make_editor(clinic_session)
    editor.new_record(organisation_id(clinic_session), RegisterKind.CONTROLLER)
    with qtbot.waitSignal(editor.record_saved) as saved:
        assert editor.save()
    assert "version 1" in editor.state_label.text()
    type_text(qtbot, editor.form.owner_edit, "Dr Later")
    assert editor.save()
    stored = clinic_session.records.load(saved.args[0]).doc
    assert (stored.owner, stored.version) == ("Dr Later", 2)
    assert "version 2" in editor.state_label.text()


def test_errors_reading_a_record_are_raised_to_the_window(
        make_editor: MakeEditor, clinic_session: RegisterSession) -> None:
    """load_record leaves the editor as it was when the record cannot be read."""
    editor = make_editor(clinic_session)
    with pytest.raises(RopaError):
        editor.load_record(999)
    assert not editor.isEnabled()


def test_switching_records_keeps_the_pending_draft(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        patient_record: int, drafts: DraftStore) -> None:
    """An edit not yet written to its draft is written before another record is shown."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    type_text(qtbot, editor.form.owner_edit, "Dr Quick")
    editor.new_record(organisation_id(clinic_session), RegisterKind.CONTROLLER)
    assert [d.doc.owner for d in drafts.load_all()] == ["Dr Quick"]
