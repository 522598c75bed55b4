"""File > Export register… and Record > Save record as…: asked through the prompts, written
off the UI thread, read back from the file."""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import RegisterDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.store.bulk import import_register
from ropa_app.store.database import open_register
from ropa_app.ui.exports import BackgroundCommands, default_export_folder
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.prompts import ExportOptions
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

from .fake_editor import FakeEditor
from .fakes import FakePrompts

MakeWindow = Callable[..., MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier
DEMO = "Logicielle Atlantique SAS"


# --- helpers shared with the import and printing tests -------------------------------------


def wait_idle(qtbot: QtBot, controller: BackgroundCommands) -> None:
    """Wait until the controller's operations (one after another) have all finished."""
    while controller.busy:
        operation = controller.operation
        assert operation is not None
        with qtbot.waitSignal(operation.finished, timeout=60_000):
            pass


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """Press Ctrl+``key`` in the record list of the (activated) window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, key, CTRL)


#: Typographic ligatures a PDF may hold ("ﬁ" for "fi"), spelt out.
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl"}


def pdf_text(path: Path) -> str:
    """The text of every page, ligatures spelt out, whitespace collapsed to single spaces."""
    pages = PdfReader(str(path)).pages
    text = " ".join(page.extract_text() for page in pages).translate(_LIGATURES)
    return re.sub(r"\s+", " ", text)


def first_controller_record_name() -> str:
    """The name of the demo's first controller record (the first row of the list)."""
    return next(r.name for r in build_demo().records
                if r.register_kind is RegisterKind.CONTROLLER)


def _recorder(opened: list[QUrl]) -> Callable[[QUrl], bool]:
    """A stand-in for QDesktopServices.openUrl that remembers the URLs instead."""

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    return open_url


# --- the register --------------------------------------------------------------------------


def test_ctrl_e_exports_the_register_as_pdf(qtbot: QtBot, make_window: MakeWindow,
                                            demo_session: RegisterSession,
                                            prompts: FakePrompts, settings: Settings,
                                            tmp_path: Path) -> None:
    """Ctrl+E with a PDF path writes the register in the background, then says where."""
    window = make_window(demo_session)
    target = tmp_path / "out" / "register.pdf"
    target.parent.mkdir()
    prompts.export_path = str(target)
    press(qtbot, window, Qt.Key.Key_E)
    wait_idle(qtbot, window.exports)
    text = pdf_text(target)
    assert DEMO in text
    assert first_controller_record_name() in text
    title, message = prompts.infos[-1]
    assert title == "Export finished" and str(target) in message
    assert prompts.errors == []
    assert settings.export_folder == str(target.parent)
    assert prompts.asked("ask_export_options")[-1][1:3] == ("en", "A4")
    assert str(target) in window.statusBar().currentMessage()


def test_export_suggests_a_dated_name_in_the_default_folder(make_window: MakeWindow,
                                                            demo_session: RegisterSession,
                                                            prompts: FakePrompts) -> None:
    """The file dialog proposes "<organisation> - controller register - <today>.pdf" in the
    checkout's exports/ folder, and offers PDF, Excel and JSON."""
    window = make_window(demo_session)
    prompts.export_path = None  # the user cancels the file dialog
    window.commands.export.trigger()
    title, suggested, filters = prompts.asked("ask_export_path")[-1]
    assert title == "Export register"
    assert suggested == default_export_folder() / (
        f"{DEMO} - controller register - {date.today().isoformat()}.pdf")
    assert default_export_folder().name == "exports"  # tests run from the source checkout
    assert filters == ["PDF (*.pdf)", "Excel workbook (*.xlsx)", "JSON interchange (*.json)"]
    assert window.exports.operation is None


def test_a_french_ui_proposes_french(make_window: MakeWindow, demo_session: RegisterSession,
                                      prompts: FakePrompts, tmp_path: Path) -> None:
    """Under a French UI the file name and the export language are French."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    window = make_window(demo_session)
    prompts.export_path = str(tmp_path / "registre.pdf")
    prompts.export_options = None  # the user looks, then cancels
    window.commands.export.trigger()
    suggested = prompts.asked("ask_export_path")[-1][1]
    assert suggested.name == f"{DEMO} - registre responsable - {date.today().isoformat()}.pdf"
    assert prompts.asked("ask_export_options")[-1][1] == "fr"


def test_the_page_size_chosen_is_proposed_next_time(qtbot: QtBot, make_window: MakeWindow,
                                                    demo_session: RegisterSession,
                                                    prompts: FakePrompts, settings: Settings,
                                                    tmp_path: Path) -> None:
    """A PDF exported on Letter pages makes Letter the next proposal."""
    window = make_window(demo_session)
    prompts.export_path = str(tmp_path / "register.pdf")
    prompts.export_options = ExportOptions("en", "Letter")
    window.commands.export.trigger()
    wait_idle(qtbot, window.exports)
    assert settings.export_page_size == "Letter"
    assert PdfReader(str(tmp_path / "register.pdf")).pages[0].mediabox.width == 612  # 8.5 in
    prompts.export_options = None
    window.commands.export.trigger()
    assert prompts.asked("ask_export_options")[-1][2] == "Letter"


def test_the_folder_picked_is_proposed_next_time(qtbot: QtBot, make_window: MakeWindow,
                                                 demo_session: RegisterSession,
                                                 prompts: FakePrompts, tmp_path: Path) -> None:
    """After an export, the next file dialog opens in the folder written to."""
    window = make_window(demo_session)
    prompts.export_path = str(tmp_path / "first.json")
    window.commands.export.trigger()
    wait_idle(qtbot, window.exports)
    prompts.export_path = None
    window.commands.export.trigger()
    assert prompts.asked("ask_export_path")[-1][1].parent == tmp_path


def test_export_as_excel(qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
                         prompts: FakePrompts, tmp_path: Path) -> None:
    """Choosing the Excel file type without typing the extension writes an .xlsx workbook."""
    window = make_window(demo_session)
    prompts.export_path = str(tmp_path / "register")
    prompts.export_filter = "Excel workbook (*.xlsx)"
    prompts.export_options = ExportOptions("fr", "A4")
    window.commands.export.trigger()
    wait_idle(qtbot, window.exports)
    target = tmp_path / "register.xlsx"
    book = openpyxl.load_workbook(target, read_only=True)
    try:
        cells = {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                 for v in row if v is not None}
    finally:
        book.close()
    assert any(DEMO in c for c in cells)
    assert first_controller_record_name() in cells
    assert prompts.asked("ask_export_options")[-1][2] is None  # no page size for Excel
    assert prompts.errors == []


@pytest.fixture
def big_session(tmp_path: Path) -> Iterator[RegisterSession]:
    """A register whose controller's register holds 300 records (demo records cloned)."""
    demo = build_demo()
    originals = [r for r in demo.records if r.register_kind is RegisterKind.CONTROLLER]
    clones = []
    for i in range(300):
        clone = originals[i % len(originals)].model_copy(deep=True)
        clone.reference = f"GEN-{i:03d}"
        clones.append(clone)
    demo.records = clones
    demo.history = []
    opened = open_register(str(tmp_path / "big.sqlite"))
    import_register(opened.engine, RegisterDoc(organisations=[demo]))
    session = RegisterSession.over(opened, "test-user")
    yield session
    session.close()


@pytest.mark.parametrize(("suffix", "module", "writer"), [
    (".pdf", "ropa_app.exchange.pdf", "write_register_pdf"),
    (".xlsx", "ropa_app.exchange.xlsx", "write_register_xlsx"),
])
def test_cancel_during_a_long_export_leaves_no_file(qtbot: QtBot, make_window: MakeWindow,
                                                    big_session: RegisterSession,
                                                    prompts: FakePrompts, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    suffix: str, module: str,
                                                    writer: str) -> None:
    """Cancel in the progress dialog stops the export: no file, no error, a status message."""
    real = getattr(importlib.import_module(module), writer)

    def slow_writer(*args: Any, progress: Callable[[int, int], None], **kwargs: Any) -> Any:
        def slow_progress(done: int, total: int) -> None:
            time.sleep(0.02)  # slow enough for the user to reach Cancel
            progress(done, total)

        return real(*args, progress=slow_progress, **kwargs)

    monkeypatch.setattr(importlib.import_module(module), writer, slow_writer)
    window = make_window(big_session)
    out = tmp_path / "out"
    out.mkdir()
    prompts.export_path = str(out / f"big{suffix}")
    press(qtbot, window, Qt.Key.Key_E)
    operation = window.exports.operation
    assert operation is not None
    qtbot.waitUntil(operation.dialog.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: operation.dialog.value() > 0, timeout=10_000)
    cancel = operation.dialog.findChild(QPushButton)
    with qtbot.waitSignal(operation.finished, timeout=30_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert list(out.iterdir()) == []  # no file, no temporary file left behind
    assert prompts.errors == [] and prompts.infos == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.commands.export.isEnabled()


def test_closing_the_window_stops_a_running_export(qtbot: QtBot, make_window: MakeWindow,
                                                    big_session: RegisterSession,
                                                    prompts: FakePrompts, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing the window during an export cancels it and waits: no file, no message."""
    from ropa_app.exchange import pdf

    real = pdf.write_register_pdf

    def slow_writer(*args: Any, progress: Callable[[int, int], None], **kwargs: Any) -> Any:
        def slow_progress(done: int, total: int) -> None:
            time.sleep(0.02)
            progress(done, total)

        return real(*args, progress=slow_progress, **kwargs)

    monkeypatch.setattr(pdf, "write_register_pdf", slow_writer)
    window = make_window(big_session)
    target = tmp_path / "big.pdf"
    prompts.export_path = str(target)
    window.commands.export.trigger()
    operation = window.exports.operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.dialog.value() > 0, timeout=10_000)
    window.close()
    assert not window.exports.busy and operation.is_cancelled
    assert not target.exists() and prompts.errors == [] and prompts.infos == []


@pytest.mark.parametrize("case", ["missing folder", "file in the way"])
def test_an_unwritable_folder_is_reported(qtbot: QtBot, make_window: MakeWindow,
                                          demo_session: RegisterSession, prompts: FakePrompts,
                                          settings: Settings, tmp_path: Path, case: str) -> None:
    """A folder that cannot be written to gives a clear message, no traceback, no file."""
    if case == "missing folder":
        folder = tmp_path / "gone"
    else:
        folder = tmp_path / "a-file"
        folder.write_text("not a folder")
    prompts.export_path = str(folder / "register.pdf")
    window = make_window(demo_session)
    window.commands.export.trigger()
    wait_idle(qtbot, window.exports)
    title, message = prompts.errors[-1]
    assert title == "Cannot export"
    assert str(folder) in message and "Traceback" not in message
    assert prompts.crashes == [] and prompts.infos == []
    assert settings.export_folder == ""  # a folder that failed is not remembered


def test_open_folder_opens_the_folder(qtbot: QtBot, make_window: MakeWindow,
                                      demo_session: RegisterSession, prompts: FakePrompts,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Answering "Open folder" to the export message opens the folder written to."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", _recorder(opened))
    prompts.export_path = str(tmp_path / "register.json")
    prompts.open_folder_answer = True
    window = make_window(demo_session)
    window.commands.export.trigger()
    wait_idle(qtbot, window.exports)
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_declining_to_open_the_folder_opens_nothing(qtbot: QtBot, make_window: MakeWindow,
                                                    demo_session: RegisterSession,
                                                    prompts: FakePrompts, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """OK on the export message leaves the folder closed."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", _recorder(opened))
    prompts.export_path = str(tmp_path / "register.json")
    window = make_window(demo_session)
    window.commands.export.trigger()
    wait_idle(qtbot, window.exports)
    assert opened == [] and (tmp_path / "register.json").exists()


def test_cancelling_the_options_writes_nothing(make_window: MakeWindow,
                                               demo_session: RegisterSession,
                                               prompts: FakePrompts, tmp_path: Path) -> None:
    """Cancel in the export options dialog starts no export."""
    prompts.export_path = str(tmp_path / "register.pdf")
    prompts.export_options = None
    window = make_window(demo_session)
    window.commands.export.trigger()
    assert window.exports.operation is None and not (tmp_path / "register.pdf").exists()


# --- one record ----------------------------------------------------------------------------


def test_save_record_as_pdf(qtbot: QtBot, make_window: MakeWindow,
                            demo_session: RegisterSession, prompts: FakePrompts,
                            tmp_path: Path) -> None:
    """Record > Save record as PDF… writes the summary of the record shown."""
    window = make_window(demo_session)
    window.table.selectRow(0)
    editor = window.editor
    assert isinstance(editor, FakeEditor)
    doc = editor.current_doc()
    target = tmp_path / "record.pdf"
    prompts.export_path = str(target)
    window.commands.save_record_pdf.trigger()
    wait_idle(qtbot, window.exports)
    text = pdf_text(target)
    assert doc.reference in text and doc.name in text and DEMO in text
    title, suggested, filters = prompts.asked("ask_export_path")[-1]
    assert title == "Save record as PDF" and filters == ["PDF (*.pdf)"]
    assert suggested.name == f"{DEMO} - record {doc.reference} - {date.today().isoformat()}.pdf"


def test_save_record_exports_what_is_on_screen(qtbot: QtBot, make_window: MakeWindow,
                                               demo_session: RegisterSession,
                                               prompts: FakePrompts, tmp_path: Path) -> None:
    """With unsaved changes, the dialog says so and the file holds the record as on screen."""
    window = make_window(demo_session)
    window.table.selectRow(0)
    editor = window.editor
    assert isinstance(editor, FakeEditor)
    editor.edit_name("Renamed on screen, not saved")
    target = tmp_path / "record.pdf"
    prompts.export_path = str(target)
    window.commands.save_record_pdf.trigger()
    wait_idle(qtbot, window.exports)
    assert "Renamed on screen, not saved" in pdf_text(target)
    assert "unsaved changes" in prompts.asked("ask_export_path")[-1][0]
    assert "not saved yet" in prompts.asked("ask_export_options")[-1][3]
    assert editor.is_dirty()  # exporting does not save
    assert "unsaved changes included" in window.commands.save_record_pdf.toolTip()


def test_save_record_as_excel(qtbot: QtBot, make_window: MakeWindow,
                              demo_session: RegisterSession, prompts: FakePrompts,
                              tmp_path: Path) -> None:
    """Record > Save record as Excel… writes a workbook holding the record."""
    window = make_window(demo_session)
    window.table.selectRow(0)
    editor = window.editor
    assert isinstance(editor, FakeEditor)
    target = tmp_path / "record.xlsx"
    prompts.export_path = str(target)
    window.commands.save_record_xlsx.trigger()
    wait_idle(qtbot, window.exports)
    book = openpyxl.load_workbook(target, read_only=True)
    try:
        cells = {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                 for v in row if v is not None}
    finally:
        book.close()
    assert editor.current_doc().name in cells
    assert prompts.errors == []


# --- what can be done, and the keys --------------------------------------------------------


def test_commands_are_enabled_only_with_something_to_export(
        make_window: MakeWindow, small_session: RegisterSession,
        empty_session: RegisterSession) -> None:
    """Export needs an organisation shown; Print and Save record as… need a record shown."""
    c_empty = make_window(empty_session).commands
    assert not c_empty.export.isEnabled() and not c_empty.print.isEnabled()
    assert c_empty.import_.isEnabled()
    window = make_window(small_session)
    c = window.commands
    assert c.export.isEnabled()
    assert not any(a.isEnabled() for a in (c.print, c.save_record_pdf, c.save_record_xlsx))
    window.table.selectRow(0)
    assert all(a.isEnabled() for a in (c.print, c.save_record_pdf, c.save_record_xlsx))
    assert "PDF" in c.export.toolTip() and "JSON" in c.export.toolTip()
    assert "Print the summary" in c.print.toolTip()


@pytest.mark.parametrize(("name", "key"), [("export", Qt.Key.Key_E), ("print", Qt.Key.Key_P),
                                           ("import_", Qt.Key.Key_I)])
def test_keys_reach_export_print_and_import(qtbot: QtBot, make_window: MakeWindow,
                                            small_session: RegisterSession, name: str,
                                            key: Qt.Key) -> None:
    """Ctrl+E, Ctrl+P and Ctrl+I trigger Export register…, Print… and Import…."""
    window = make_window(small_session)
    window.table.selectRow(0)
    action = getattr(window.commands, name)
    with qtbot.waitSignal(action.triggered, timeout=1000):
        press(qtbot, window, key)
