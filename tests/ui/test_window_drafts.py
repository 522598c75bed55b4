"""Crash recovery at start: unsaved edits left on disk are offered back."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from ropa_app.domain.enums import RegisterKind
from ropa_app.store.drafts import DraftStore
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.prompts import DraftAction, DraftAnswer
from ropa_app.ui.register_model import Column
from ropa_app.ui.session import RegisterSession

from .fake_editor import FakeEditor
from .fakes import FakePrompts

MakeWindow = Callable[..., MainWindow]


def leave_draft(session: RegisterSession, make_drafts: Callable[[str], DraftStore],
                kind: RegisterKind, reference: str, new_name: str) -> str:
    """Write the draft an editor leaves behind when the program dies mid-edit."""
    org = session.organisations.list()[0].id
    record_id = session.records.find(org, kind, reference)
    assert record_id is not None
    doc = session.records.load(record_id).doc
    doc.name = new_name
    key = f"record-{record_id}"
    make_drafts(session.location).save(key, org, record_id, doc.version, doc)
    return key


def selected_ref(window: MainWindow) -> str | None:
    rows = window.table.selectionModel().selectedRows(Column.REFERENCE)
    return rows[0].data() if rows else None


def test_draft_is_offered_and_restored(qtbot: QtBot, make_window: MakeWindow,
                                       small_session: RegisterSession, prompts: FakePrompts,
                                       make_drafts: Callable[[str], DraftStore]) -> None:
    """A draft left by a crash is offered at start; restoring it shows its register and
    record, with the unsaved edits in the editor."""
    key = leave_draft(small_session, make_drafts, RegisterKind.PROCESSOR, "ST-01",
                      "Hébergement (modifié)")
    prompts.draft_answer = DraftAnswer(DraftAction.RESTORE)
    window = make_window(small_session)
    qtbot.waitUntil(lambda: len(prompts.drafts_offered) == 1)
    [offered] = prompts.drafts_offered
    assert [d.key for d in offered] == [key]
    editor = window.editor
    assert isinstance(editor, FakeEditor)
    qtbot.waitUntil(lambda: ("restore_draft", key) in editor.calls)
    assert window.current_register() is RegisterKind.PROCESSOR
    assert selected_ref(window) == "ST-01"
    assert editor.current_doc().name == "Hébergement (modifié)"
    assert editor.is_dirty()
    assert window.isWindowModified()
    assert [c for c, _ in editor.calls].count("load_record") == 0  # the draft, not the stored


def test_discarded_drafts_are_gone(qtbot: QtBot, make_window: MakeWindow,
                                   small_session: RegisterSession, prompts: FakePrompts,
                                   make_drafts: Callable[[str], DraftStore]) -> None:
    """Discarding drops every draft offered; they are not offered again."""
    leave_draft(small_session, make_drafts, RegisterKind.CONTROLLER, "RH-01", "Paie v2")
    leave_draft(small_session, make_drafts, RegisterKind.CONTROLLER, "COM-2", "Clients v2")
    prompts.draft_answer = DraftAnswer(DraftAction.DISCARD)
    window = make_window(small_session)
    qtbot.waitUntil(lambda: len(prompts.drafts_offered) == 1)
    assert len(prompts.drafts_offered[0]) == 2
    assert make_drafts(small_session.location).load_all() == []
    assert isinstance(window.editor, FakeEditor)
    assert not window.editor.is_dirty()


def test_drafts_kept_for_later_are_offered_again(
        qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession,
        prompts: FakePrompts, make_drafts: Callable[[str], DraftStore]) -> None:
    """"Later" keeps the drafts: the next start offers them again."""
    leave_draft(small_session, make_drafts, RegisterKind.CONTROLLER, "RH-01", "Paie v2")
    first = make_window(small_session)
    qtbot.waitUntil(lambda: len(prompts.drafts_offered) == 1)
    first.close()
    make_window(small_session)
    qtbot.waitUntil(lambda: len(prompts.drafts_offered) == 2)
    assert len(make_drafts(small_session.location).load_all()) == 1


def test_no_drafts_no_question(qtbot: QtBot, make_window: MakeWindow,
                               small_session: RegisterSession, prompts: FakePrompts) -> None:
    """Without drafts, nothing is asked at start."""
    make_window(small_session)
    qtbot.wait(20)
    assert prompts.drafts_offered == []


def test_draft_of_a_new_record_is_restored(qtbot: QtBot, make_window: MakeWindow,
                                           small_session: RegisterSession,
                                           prompts: FakePrompts,
                                           make_drafts: Callable[[str], DraftStore]) -> None:
    """A draft of a record never saved comes back as a new record (no row selected)."""
    org = small_session.organisations.list()[0].id
    doc = small_session.records.load(
        small_session.records.find(org, RegisterKind.CONTROLLER, "RH-01") or 0).doc
    doc.reference, doc.name = "RH-09", "Formation"
    make_drafts(small_session.location).save("new-abc", org, None, None, doc)
    prompts.draft_answer = DraftAnswer(DraftAction.RESTORE)
    window = make_window(small_session)
    editor = window.editor
    assert isinstance(editor, FakeEditor)
    qtbot.waitUntil(lambda: ("restore_draft", "new-abc") in editor.calls)
    assert editor.current_record_id() is None
    assert selected_ref(window) is None
    assert editor.current_doc().reference == "RH-09"


def test_drafts_of_another_organisation_are_not_offered(
        qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession,
        prompts: FakePrompts, make_drafts: Callable[[str], DraftStore]) -> None:
    """A draft whose organisation is no longer in the register is not offered."""
    org = small_session.organisations.list()[0].id
    doc = small_session.records.load(
        small_session.records.find(org, RegisterKind.CONTROLLER, "RH-01") or 0).doc
    make_drafts(small_session.location).save("new-x", org + 99, None, None, doc)
    make_window(small_session)
    qtbot.wait(20)
    assert prompts.drafts_offered == []
