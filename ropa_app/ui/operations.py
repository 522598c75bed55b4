"""Slow work off the UI thread: one helper for every long operation.

:func:`run_in_background` runs ``work(progress, cancelled)`` on a worker thread while a
progress dialog (shown only if the work lasts more than a moment) offers Cancel. The work
reports ``progress(done, total)`` and polls ``cancelled()``; it must not touch widgets. The
callbacks run on the UI thread: ``on_success(result)``, or ``on_failure(exception)``; a
:class:`~ropa_app.store.errors.Cancelled` exception is not a failure and only calls
``on_cancelled``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ropa_app.store.errors import Cancelled

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], Any]


class _Worker(QObject):
    """Runs the work on the worker thread and reports through queued signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, cancel: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._cancel.is_set)
        except BaseException as exc:  # handed to the UI thread, which decides what it means
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class Operation(QObject):
    """A running background operation.

    Signals:
        finished: emitted once, on the UI thread, after the callbacks ran.
    """

    finished = Signal()

    def __init__(self, parent: QWidget | None, label: str, work: Work,
                 on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None],
                 on_cancelled: Callable[[], None] | None = None,
                 show_after_ms: int = 300) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._on_success, self._on_failure = on_success, on_failure
        self._on_cancelled = on_cancelled
        self._thread = QThread()
        self._worker = _Worker(work, self._cancel)
        self._worker.moveToThread(self._thread)
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._connect_signals()
        self._thread.start()

    def _connect_signals(self) -> None:
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._done_ok)
        self._worker.failed.connect(self._done_failed)
        self.dialog.canceled.connect(self.cancel)

    def cancel(self) -> None:
        """Ask the work to stop; it ends with a Cancelled exception at its next check."""
        self._cancel.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    @property
    def is_cancelled(self) -> bool:
        """True once cancel() was asked."""
        return self._cancel.is_set()

    def wait(self, msecs: int = 60_000) -> bool:
        """Block until the worker thread ends (for tests and shutdown)."""
        return self._thread.wait(msecs)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.reset()
        self.dialog.close()

    @Slot(object)
    def _done_ok(self, result: object) -> None:
        self._finish()
        try:
            self._on_success(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _done_failed(self, exc: BaseException) -> None:
        self._finish()
        try:
            if isinstance(exc, Cancelled):
                if self._on_cancelled is not None:
                    self._on_cancelled()
                return
            self._on_failure(exc)
        finally:
            self.finished.emit()


def run_in_background(parent: QWidget | None, label: str, work: Work,
                      on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None],
                      on_cancelled: Callable[[], None] | None = None) -> Operation:
    """Start ``work`` on a worker thread with a cancellable progress dialog."""
    return Operation(parent, label, work, on_success, on_failure, on_cancelled)
