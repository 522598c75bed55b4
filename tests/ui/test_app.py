"""The composition root: opening the register, Qt's translations, the crash hook."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ropa_app import app as app_module
from ropa_app.app import build_window, gui_main, load_qt_translations, run_gui, switch_register
from ropa_app.ui.crash import CrashHandler, default_log_path
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.prompts import PromptService
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

from .fake_editor import fake_editor_factory
from .fakes import SMALL_ORG, FakePrompts


def test_a_file_that_is_not_a_register_is_reported(tmp_path: Path, prompts: FakePrompts) -> None:
    """run_gui on a text file shows why it cannot open it and returns 1, without a traceback."""
    notes = tmp_path / "notes.txt"
    notes.write_text("not a register\n", encoding="utf-8")
    hook = sys.excepthook
    assert run_gui(str(notes), "ann", prompts=prompts) == 1
    [(title, message)] = prompts.errors
    assert title == "Cannot open the register"
    assert "not a ROPA register" in message
    assert notes.read_text(encoding="utf-8") == "not a register\n"  # untouched
    assert sys.excepthook is hook


def test_run_gui_shows_the_register_until_closed(
        qtbot: QtBot, small_session: RegisterSession, prompts: FakePrompts,
        tmp_path: Path, make_drafts) -> None:
    """run_gui shows the window on the register named and returns 0 once it is closed."""
    seen: list[list[str]] = []

    def look_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        seen.append([w.organisation_combo.currentText() for w in windows])
        for w in windows:
            w.close()

    QTimer.singleShot(0, look_and_close)
    status = run_gui(small_session.location, "ann", prompts=prompts,
                     settings=Settings(tmp_path / "s.ini"),
                     make_editor=fake_editor_factory(prompts), make_drafts=make_drafts)
    assert status == 0
    assert seen == [[SMALL_ORG]]
    assert prompts.errors == []


def test_switching_to_another_register(qtbot: QtBot, small_session: RegisterSession,
                                       demo_session: RegisterSession, prompts: FakePrompts,
                                       settings: Settings, tmp_path: Path, make_drafts) -> None:
    """Open register… shows the chosen register; a bad choice is reported and changes nothing."""
    window = build_window(small_session, settings, prompts, "ann",
                          make_editor=fake_editor_factory(prompts), make_drafts=make_drafts)
    qtbot.addWidget(window)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 20)
    prompts.register_path = str(bad)
    window.commands.open_register.trigger()
    assert prompts.errors[0][0] == "Cannot open the register"
    assert window.session is small_session
    prompts.register_path = demo_session.location
    window.commands.open_register.trigger()
    assert window.session is not None
    assert window.session.location == demo_session.location
    assert window.organisation_combo.currentText() != SMALL_ORG
    window.audit.shutdown()
    window.session.close()


def test_switch_register_keeps_the_window_on_failure(
        qtbot: QtBot, small_session: RegisterSession, prompts: FakePrompts,
        settings: Settings, tmp_path: Path, make_drafts) -> None:
    """A register that cannot be opened leaves the window's register in place."""
    window = MainWindow(settings, prompts, fake_editor_factory(prompts), make_drafts)
    qtbot.addWidget(window)
    window.set_session(small_session)
    assert not switch_register(window, prompts, "ann", str(tmp_path))  # a folder
    assert window.session is small_session


def test_qt_translations_speak_french(qapp: QApplication) -> None:
    """For a French locale, Qt's standard buttons are translated."""
    translator = load_qt_translations(qapp, QLocale(QLocale.Language.French))
    assert translator is not None
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_crash_is_logged_and_shown(tmp_path: Path, prompts: FakePrompts,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A bug's traceback goes to the log file, and the crash dialog names that file."""
    log = tmp_path / "logs" / "ropa.log"
    handler = CrashHandler(prompts, log)
    try:
        raise ValueError("a bug")
    except ValueError:
        handler(*sys.exc_info())  # type: ignore[arg-type]
    assert prompts.crashes == [log]
    text = log.read_text(encoding="utf-8")
    assert "ValueError: a bug" in text
    assert "Traceback" in text
    assert "ValueError: a bug" in capsys.readouterr().err


def test_crash_with_an_unwritable_log_still_shows_the_dialog(
        tmp_path: Path, prompts: FakePrompts) -> None:
    """If the log cannot be written, the dialog still appears (saying so)."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    handler = CrashHandler(prompts, blocker / "ropa.log")
    handler(RuntimeError, RuntimeError("boom"), None)
    assert prompts.crashes == [None]


def test_default_log_is_in_the_user_log_folder(isolated_user_folders: Path) -> None:
    """The log file lives in the (test's) user state/log folder."""
    assert default_log_path().is_relative_to(isolated_user_folders / "state")


def test_crash_dialog_names_the_log_file(qtbot: QtBot, tmp_path: Path) -> None:
    """The real crash dialog shows the log file's path."""
    texts: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        texts.append(box.informativeText())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    PromptService().show_crash(tmp_path / "ropa.log")
    assert str(tmp_path / "ropa.log") in texts[0]


def test_gui_main_reads_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """ropa-gui takes the ropa options and opens the window with them."""
    calls: list[tuple[str | None, str]] = []
    monkeypatch.setattr(app_module, "run_gui", lambda db, user: calls.append((db, user)) or 7)
    assert gui_main(["--db", "other.sqlite", "--user", "Ann"]) == 7
    assert gui_main([]) == 7
    assert calls == [("other.sqlite", "Ann"), (None, "test-user")]
