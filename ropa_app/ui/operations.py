"""Slow work off the UI thread: one helper for every long operation.

:func:`run_in_background` runs ``work(progress, cancelled)`` on a worker thread while a
progress dialog (shown only if the work lasts more than a moment) offers Cancel. The work
reports ``progress(done, total)`` and polls ``cancelled()``; it must not touch widgets. The
callbacks run on the UI thread: ``on_success(result)``, or ``on_failure(exception)``; a
:class:`~ropa_app.store.errors.Cancelled` exception is not a failure and only calls
``on_cancelled``.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
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
        finally:
            # The thread ends with the work, so wait() returns even before the UI thread
            # has taken the result (which stays queued for it).
            QThread.currentThread().quit()


class _Threads(QObject):
    """Keeps every worker thread and its worker alive until the thread has ended, even if
    the window that started it is deleted first (Qt aborts the process when a running
    QThread is destroyed, and a worker deleted while it runs crashes it).

    While a worker runs, Python's automatic garbage collection is off: left on, it runs in
    whichever thread happens to allocate, and a cycle holding a Qt widget collected in a
    worker deletes the widget off the UI thread and crashes the process. Instead a timer
    collects the youngest generation here, on the UI thread. Older generations wait until
    the work is done: over the many objects a large export holds, collecting them takes
    half a second or more, which would freeze the window.
    """

    def __init__(self) -> None:
        super().__init__()
        self._live: dict[QThread, QObject] = {}
        self._gc_was_enabled = False
        self._collector = QTimer(self)
        self._collector.setInterval(50)
        self._collector.timeout.connect(self._collect_young)

    def keep(self, thread: QThread, worker: QObject) -> None:
        if not self._live:
            self._gc_was_enabled = gc.isenabled()
            gc.disable()
            self._collector.start()
        self._live[thread] = worker
        thread.finished.connect(self._release)  # queued: runs here once the thread ended

    @Slot()
    def _release(self) -> None:
        for thread in [t for t in self._live if t.isFinished()]:
            thread.wait()
            del self._live[thread]
        if not self._live:
            self._collector.stop()
            if self._gc_was_enabled:
                gc.enable()

    @Slot()
    def _collect_young(self) -> None:
        # Only the youngest generation: its cost follows what was allocated since the last
        # tick. Older generations hold what a large export keeps alive (millions of
        # objects); they wait until the work is done and automatic collection is back.
        if gc.get_count()[0] > gc.get_threshold()[0]:
            gc.collect(0)


_threads: _Threads | None = None


def _keep_alive(thread: QThread, worker: QObject) -> None:
    global _threads
    if _threads is None:
        _threads = _Threads()  # created on the UI thread, by the first operation
    _threads.keep(thread, worker)


def wait_for_all(msecs: int = 60_000) -> bool:
    """Block until every worker thread started here has ended (before closing what they
    read: tests, shutdown). False if one was still running after ``msecs``."""
    live = list(_threads._live) if _threads is not None else []
    return all(thread.wait(msecs) for thread in live)


class Operation(QObject):
    """A running background operation.

    Signals:
        progressed(int, int): the work's ``progress(done, total)``, on the UI thread.
        finished: emitted once, on the UI thread, after the callbacks ran.
    """

    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, parent: QWidget | None, label: str, work: Work,
                 on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None],
                 on_cancelled: Callable[[], None] | None = None,
                 show_after_ms: int = 300, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._on_success, self._on_failure = on_success, on_failure
        self._on_cancelled = on_cancelled
        self._thread = QThread()
        self._worker = _Worker(work, self._cancel)
        self._worker.moveToThread(self._thread)
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(show_after_ms)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
        self._connect_signals()
        _keep_alive(self._thread, self._worker)
        self._thread.start()

    def _connect_signals(self) -> None:
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._done_ok)
        self._worker.failed.connect(self._done_failed)
        self._worker.progressed.connect(self.progressed)
        if self.dialog is not None:
            self.dialog.canceled.connect(self.cancel)

    def cancel(self) -> None:
        """Ask the work to stop; it ends with a Cancelled exception at its next check."""
        self._cancel.set()
        if self.dialog is not None:
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
        if total > 0 and self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        if self.dialog is not None:
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
                      on_cancelled: Callable[[], None] | None = None,
                      show_dialog: bool = True) -> Operation:
    """Start ``work`` on a worker thread with a cancellable progress dialog (or, with
    ``show_dialog`` False, quietly: the caller shows :attr:`Operation.progressed`)."""
    return Operation(parent, label, work, on_success, on_failure, on_cancelled,
                     show_dialog=show_dialog)
