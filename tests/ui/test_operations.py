"""Long operations run off the UI thread, report progress and can be cancelled."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ropa_app.store.errors import Cancelled, DiskFullError
from ropa_app.ui.operations import run_in_background


def test_work_runs_on_another_thread_and_reports_success(qtbot: QtBot) -> None:
    """The work runs off the UI thread; its result reaches the success callback."""
    results: list[object] = []
    main = threading.get_ident()

    def work(progress, cancelled) -> int:
        progress(1, 2)
        progress(2, 2)
        return threading.get_ident()

    op = run_in_background(None, "Exporting…", work, results.append, results.append)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert results and results[0] != main
    assert op.dialog.maximum() in (0, 2)


def test_cancel_stops_the_work_without_an_error(qtbot: QtBot) -> None:
    """Cancel makes the work stop; the cancelled callback runs, not the failure one."""
    failures: list[BaseException] = []
    cancelled_calls: list[bool] = []
    started = threading.Event()

    def work(progress, cancelled) -> None:
        started.set()
        for i in range(500):
            if cancelled():
                raise Cancelled("stopped")
            progress(i, 500)
            time.sleep(0.01)

    op = run_in_background(None, "Exporting…", work, lambda _r: None, failures.append,
                           lambda: cancelled_calls.append(True))
    assert started.wait(5)
    button = op.dialog.findChild(QPushButton)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert cancelled_calls == [True] and failures == []


def test_environment_errors_reach_the_failure_callback(qtbot: QtBot) -> None:
    """A full disk during the work is handed to the failure callback on the UI thread."""
    failures: list[BaseException] = []

    def work(progress, cancelled) -> None:
        raise DiskFullError("no space left to write x.pdf; nothing was written")

    op = run_in_background(None, "Exporting…", work, lambda _r: None, failures.append)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert isinstance(failures[0], DiskFullError)
