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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    QThread is destroyed, and a worker deleted while it runs crashes it)."""

    def __init__(self) -> None:
        super().__init__()
        self._live: dict[QThread, QObject] = {}

    def keep(self, thread: QThread, worker: QObject) -> None:
        self._live[thread] = worker
        thread.finished.connect(self._release)  # queued: runs here once the thread ended

    @Slot()
    def _release(self) -> None:
        for thread in [t for t in self._live if t.isFinished()]:
            thread.wait()
            del self._live[thread]


_threads: _Threads | None = None


def _keep_alive(thread: QThread, worker: QObject) -> None:
    global _threads
    if _threads is None:
        _threads = _Threads()  # created on the UI thread, by the first operation
    _threads.keep(thread, worker)


class MainThreadCollector(QObject):
    """Runs Python's cyclic garbage collection on the UI thread only.

    Left automatic, the collector runs in whichever thread happens to allocate, a worker
    included; collecting a cycle that holds a Qt widget there deletes the widget off the
    UI thread and crashes the process. So automatic collection is turned off and this
    timer collects on the UI thread, by generation, when the counts call for it.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        """Take over collection (turns automatic collection off)."""
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Give collection back as it was before :meth:`start`."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    @Slot()
    def collect(self) -> None:
        """Collect the generations whose thresholds are reached, oldest first."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


@contextmanager
def collecting_on_this_thread() -> Iterator[MainThreadCollector]:
    """Garbage collection on the calling (UI) thread only while the block runs."""
    collector = MainThreadCollector()
    collector.start()
    try:
        yield collector
    finally:
        collector.stop()
        collector.deleteLater()


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
