"""File > Import…: a JSON interchange file or a workbook, previewed, then written all or
nothing, and the list shows what came in."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ropa_app.exchange.json_io import write_register
from ropa_app.store.bulk import export_register
from ropa_app.ui.import_dialog import (
    ImportPreview,
    ImportPreviewDialog,
    PreviewItem,
    PreviewStatus,
)
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.session import RegisterSession

from .fakes import FakePrompts
from .test_window_export import DEMO, press, wait_idle

MakeWindow = Callable[..., MainWindow]
CNIL_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cnil"
BAKERY = "Boulangerie Martin SARL"


def _demo_json(session: RegisterSession, path: Path) -> Path:
    write_register(path, export_register(session.register.engine))
    return path


def _preview(prompts: FakePrompts) -> ImportPreview:
    preview = prompts.asked("confirm_import")[-1]
    assert isinstance(preview, ImportPreview)
    return preview


def test_json_export_then_import_into_an_empty_register(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        empty_session: RegisterSession, prompts: FakePrompts, tmp_path: Path) -> None:
    """A register exported as JSON with Ctrl+E and imported with Ctrl+I into an empty
    register shows the same records."""
    source = make_window(demo_session)
    path = tmp_path / "demo.json"
    prompts.export_path = str(path)
    press(qtbot, source, Qt.Key.Key_E)
    wait_idle(qtbot, source.exports)
    assert path.exists()

    window = make_window(empty_session)
    assert window.model.rowCount() == 0
    prompts.import_path = str(path)
    with qtbot.waitSignal(window.imports.imported, timeout=60_000):
        press(qtbot, window, Qt.Key.Key_I)
    preview = _preview(prompts)
    assert [(i.status, i.title) for i in preview.items] == [(PreviewStatus.NEW, DEMO)]
    assert "13 records in the controller's register, 2 in the processor's" in \
        preview.items[0].details
    assert preview.can_import
    assert window.organisation_combo.currentText() == DEMO
    assert window.model.rowCount() == 13
    assert {"RH-01", "FIN-01"} <= set(window.model.references())
    assert prompts.infos[-1][0] == "Import finished" and prompts.errors == []


def _bad_status(records: list[dict[str, object]]) -> None:
    records[2]["status"] = "bogus"  # breaks the schema


def _reference_twice(records: list[dict[str, object]]) -> None:
    records[1]["reference"] = records[0]["reference"]  # breaks a register rule


@pytest.mark.parametrize(("tamper", "where"), [
    (_bad_status, "organisations[0].records[2].status"),
    (_reference_twice, "organisations[0].records[1].reference"),
])
def test_an_invalid_file_is_refused_naming_the_first_problem(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        empty_session: RegisterSession, prompts: FakePrompts, tmp_path: Path,
        tamper: Callable[[list[dict[str, object]]], None], where: str) -> None:
    """A file that breaks the schema or a register rule is refused, naming where; nothing
    is written and no preview is shown."""
    path = _demo_json(demo_session, tmp_path / "demo.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    tamper(data["organisations"][0]["records"])
    path.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(empty_session)
    prompts.import_path = str(path)
    window.commands.import_.trigger()
    wait_idle(qtbot, window.imports)
    title, message = prompts.errors[-1]
    assert title == "Cannot import demo.json"
    assert where in message
    assert prompts.asked("confirm_import") == [] and prompts.crashes == []
    assert empty_session.organisations.list() == []


def test_an_organisation_already_there_is_refused(qtbot: QtBot, make_window: MakeWindow,
                                                  demo_session: RegisterSession,
                                                  prompts: FakePrompts, tmp_path: Path) -> None:
    """Importing an organisation the register holds already is refused; nothing changes."""
    path = _demo_json(demo_session, tmp_path / "demo.json")
    window = make_window(demo_session)
    prompts.import_path = str(path)
    window.commands.import_.trigger()
    wait_idle(qtbot, window.imports)
    assert "already in this register" in prompts.errors[-1][1]
    assert len(demo_session.organisations.list()) == 1


def test_declining_the_preview_writes_nothing(qtbot: QtBot, make_window: MakeWindow,
                                              demo_session: RegisterSession,
                                              empty_session: RegisterSession,
                                              prompts: FakePrompts, tmp_path: Path) -> None:
    """Cancel in the preview leaves the register as it was."""
    path = _demo_json(demo_session, tmp_path / "demo.json")
    window = make_window(empty_session)
    prompts.import_path = str(path)
    prompts.import_answer = False
    window.commands.import_.trigger()
    wait_idle(qtbot, window.imports)
    assert len(prompts.asked("confirm_import")) == 1
    assert empty_session.organisations.list() == []
    assert "nothing was written" in window.statusBar().currentMessage()


def test_cnil_workbook_preview_then_import(qtbot: QtBot, make_window: MakeWindow,
                                           empty_session: RegisterSession,
                                           prompts: FakePrompts) -> None:
    """The CNIL model is previewed (new and invalid activities with reasons, values kept
    in notes, sheets left aside), then its organisation and activities come in."""
    window = make_window(empty_session)
    prompts.import_path = str(CNIL_FIXTURES / "registre_cnil.xlsx")
    with qtbot.waitSignal(window.imports.imported, timeout=60_000):
        window.commands.import_.trigger()
    preview = _preview(prompts)
    statuses = [i.status for i in preview.items]
    assert statuses.count(PreviewStatus.NEW) == 5 and statuses.count(PreviewStatus.INVALID) == 1
    invalid = next(i for i in preview.items if i.status is PreviewStatus.INVALID)
    assert any("no name" in d for d in invalid.details)
    video = next(i for i in preview.items if i.title.startswith("SG-01"))
    assert any(d.startswith("Kept in the notes:") for d in video.details)
    assert any(n.startswith("Left aside:") for n in preview.notes)
    assert BAKERY in preview.target and "new organisation" in preview.target
    assert window.organisation_combo.currentText() == BAKERY
    assert window.model.rowCount() == 5
    assert "5 activities added" in prompts.infos[-1][1]


def test_own_workbook_reimported_changes_nothing(qtbot: QtBot, make_window: MakeWindow,
                                                 demo_session: RegisterSession,
                                                 prompts: FakePrompts, tmp_path: Path) -> None:
    """A register exported as Excel and imported back is seen as updates that change
    nothing, in the organisation shown."""
    window = make_window(demo_session)
    path = tmp_path / "demo.xlsx"
    prompts.export_path = str(path)
    window.commands.export.trigger()
    wait_idle(qtbot, window.exports)
    prompts.import_path = str(path)
    with qtbot.waitSignal(window.imports.imported, timeout=60_000):
        window.commands.import_.trigger()
    preview = _preview(prompts)
    assert {i.status for i in preview.items} == {PreviewStatus.UPDATED}
    assert len(preview.items) == 13 and DEMO in preview.target
    assert "13 unchanged" in prompts.infos[-1][1]
    assert window.model.rowCount() == 13 and prompts.errors == []


def test_a_file_of_unknown_type_is_refused(make_window: MakeWindow,
                                           small_session: RegisterSession,
                                           prompts: FakePrompts, tmp_path: Path) -> None:
    """A file that is neither JSON nor a workbook is refused by its extension."""
    window = make_window(small_session)
    prompts.import_path = str(tmp_path / "notes.txt")
    window.commands.import_.trigger()
    assert "Cannot tell the format of notes.txt" in prompts.errors[-1][1]
    assert window.imports.operation is None


def test_the_preview_dialog_shows_the_items(qtbot: QtBot, tmp_path: Path) -> None:
    """The preview dialog lists each item with its details, and Import is off when
    nothing could be written."""
    preview = ImportPreview(tmp_path / "x.xlsx", "Into Org — Controller's register",
                            "0 new, 0 updated, 1 not imported (invalid).",
                            (PreviewItem(PreviewStatus.INVALID, "X-1 — <b>Bad</b>",
                                         ("Not imported: no name",)),),
                            ("Left aside: sheet 'Tutoriel'",), can_import=False)
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.item(0, 1).text() == "X-1 — <b>Bad</b>"
    assert dialog.model.item(0, 0).text() == "Not imported"
    assert dialog.model.item(0, 0).child(0, 1).text() == "Not imported: no name"
    assert not dialog.import_button.isEnabled()
