"""The application at the size of a large organisation: 10,000 activities.

One command, from the repository root (about 6 to 8 minutes on a 2-core machine)::

    .venv/bin/python benchmarks/bench_app.py [--activities 10000] [--skip-exports]

It generates a register (benchmarks/generate.py, seeded), then measures, each against a
baseline measured in the same run, and prints one table:

* open: process start to the main window shown with the list filled, against a script that
  starts PySide6 and shows a plain table of the same summary rows read with one raw
  ``sqlite3`` query (target ratio <= 2.0);
* memory: peak resident memory with the register open, minus the baseline's (<= 150 MB);
* search: typing a 5-character search, median per keystroke until the view is updated,
  against a minimal proxy filtering precomputed lower-case strings (target <= 1.5);
* open a record in the editor and save it (with its history entry), against a raw
  single-row read and a raw single-row update plus commit on the same file;
* the longest stall of the event loop while searching, opening a record and exporting;
* ``ropa check`` over the whole register (time per record);
* the Excel and PDF export ratios (their own benchmarks, run as they are).

The window runs on Qt's offscreen platform. Each GUI measurement runs in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCH = "gesti"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


# --- children ------------------------------------------------------------------------------


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _StallMeter:
    """Ticks every 5 ms on the UI thread and keeps the longest gap between two ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def reset(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()


def _type_search(app, edit) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times = []
    for char in SEARCH:
        start = time.perf_counter()
        QTest.keyClick(edit, getattr(Qt.Key, f"Key_{char.upper()}"))
        app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def child_ropa(db: str, export_to: str | None) -> None:
    """The application, started as ``ropa`` starts it; reports once the list is filled."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from ropa_app.app import run_gui
    from ropa_app.ui.main_window import MainWindow
    from ropa_app.ui.settings import Settings

    settings = Settings(Path(tempfile.mkdtemp()) / "settings.ini")
    report: dict[str, object] = {}

    def measure() -> None:
        window = next(w for w in app.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        report["ready"] = time.time()
        report["rows"] = window.table.model().rowCount()
        report["rss_mb"] = _maxrss_mb()
        meter = _StallMeter()
        _wait_for_audit(window, report)
        report["audit_stall"] = meter.longest
        report["rss_audit_mb"] = _maxrss_mb()
        meter.reset()
        window.search_edit.setFocus()
        report["keystrokes"] = _type_search(app, window.search_edit)
        report["search_stall"] = meter.longest
        window.search_edit.clear()
        app.processEvents()
        session = window.session
        assert session is not None
        rows = session.records.list_summaries(window.current_organisation_id(),
                                              window.current_register())
        record_id = rows[len(rows) // 2].id
        meter.reset()
        start = time.perf_counter()
        window.editor.load_record(record_id)
        app.processEvents()
        report["editor_open"] = time.perf_counter() - start
        editor = window.editor
        editor.form.name_edit.setText(editor.form.name_edit.text() + " (revu)")
        editor.form.name_edit.editingFinished.emit()
        start = time.perf_counter()
        saved = editor.save()
        app.processEvents()
        report["editor_save"] = time.perf_counter() - start
        report["saved"] = saved
        report["record_stall"] = meter.longest
        if export_to:
            _export_in_background(app, window, export_to, meter, report)
        else:
            _finish(app, report)

    QTimer.singleShot(0, measure)
    run_gui(db, "benchmark", settings=settings)


def _wait_for_audit(window, report: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    """Wait (in an event loop, as the user would) for the background check of the register
    that starts when it is opened; report how long it took."""
    from PySide6.QtCore import QEventLoop, QTimer

    start = time.perf_counter()
    if window.audit.is_running():
        loop = QEventLoop()
        window.audit.checked.connect(loop.quit)
        QTimer.singleShot(600_000, loop.quit)
        loop.exec()
    report["audit_time"] = time.perf_counter() - start
    result = window.audit.result
    report["audit_findings"] = len(result.rows()) if result is not None else -1


def _export_in_background(app, window, target: str, meter: _StallMeter,  # type: ignore[no-untyped-def]
                          report: dict[str, object]) -> None:
    from ropa_app.exchange.xlsx import write_register_xlsx
    from ropa_app.store.bulk import export_register
    from ropa_app.ui.operations import run_in_background

    engine = window.session.register.engine
    register = window.current_register()

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        org = export_register(engine).organisations[0]
        write_register_xlsx(Path(target), org, register, progress=progress, cancelled=cancelled)

    meter.reset()
    start = time.perf_counter()

    def done(_result: object) -> None:
        report["export_time"] = time.perf_counter() - start
        report["export_stall"] = meter.longest
        _finish(app, report)

    def failed(exc: BaseException) -> None:
        report["export_error"] = repr(exc)
        _finish(app, report)

    window._bench_op = run_in_background(window, "Export", work, done, failed)  # keep alive


def _finish(app, report: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    print("REPORT " + json.dumps(report), flush=True)
    for widget in app.topLevelWidgets():
        widget.setWindowModified(False)
    os._exit(0)  # measured already; skip teardown


def child_baseline(db: str) -> None:
    """PySide6 showing a plain table of the summary rows read with one raw query."""
    from PySide6.QtCore import (
        QAbstractTableModel,
        QModelIndex,
        QSortFilterProxyModel,
        Qt,
        QTimer,
    )
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QVBoxLayout, QWidget

    app = QApplication(sys.argv[:1])
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT r.reference, r.name,"
        " (SELECT p.description FROM purpose p WHERE p.record_id = r.id AND p.kind = 'main'),"
        " r.status, r.updated_at, r.next_review FROM processing_record r").fetchall()

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
            return 6

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            if role == Qt.ItemDataRole.DisplayRole:
                return rows[index.row()][index.column()]
            return None

    lowered = [" ".join(str(v) for v in row).lower() for row in rows]

    class Proxy(QSortFilterProxyModel):
        needle = ""

        def filterAcceptsRow(self, row: int, parent) -> bool:  # type: ignore[no-untyped-def]
            return self.needle in lowered[row]

    model, proxy = Model(), Proxy()
    proxy.setSourceModel(model)
    window = QWidget()
    layout = QVBoxLayout(window)
    edit, view = QLineEdit(), QTableView()
    layout.addWidget(edit)
    layout.addWidget(view)
    view.setModel(proxy)

    def on_text(text: str) -> None:
        proxy.beginFilterChange()
        proxy.needle = text.lower()
        proxy.endFilterChange()

    edit.textChanged.connect(on_text)
    window.resize(1366, 768)
    window.show()

    def measure() -> None:
        report = {"ready": time.time(), "rows": proxy.rowCount(), "rss_mb": _maxrss_mb()}
        edit.setFocus()
        report["keystrokes"] = _type_search(app, edit)
        _finish(app, report)

    QTimer.singleShot(0, measure)
    app.exec()


# --- parent --------------------------------------------------------------------------------


def _run_child(mode: str, db: str, extra: list[str] | None = None) -> tuple[float, dict]:
    start = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--db", db, *(extra or [])],
                         capture_output=True, text=True, env=ENV, timeout=900, check=False)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("REPORT ")), None)
    if line is None:
        raise SystemExit(f"{mode} child failed:\n{out.stdout}\n{out.stderr}")
    report = json.loads(line[len("REPORT "):])
    return report["ready"] - start, report


def _raw_read_and_update(db: str, runs: int = 20) -> tuple[float, float]:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA synchronous=FULL")
    ids = [r[0] for r in conn.execute("SELECT id FROM processing_record LIMIT 200")]
    reads, writes = [], []
    for i in range(runs):
        rid = ids[i]
        start = time.perf_counter()
        conn.execute("SELECT * FROM processing_record WHERE id = ?", (rid,)).fetchone()
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        conn.execute("UPDATE processing_record SET notes = notes || '.' WHERE id = ?", (rid,))
        conn.commit()
        writes.append(time.perf_counter() - start)
    conn.close()
    return statistics.median(reads), statistics.median(writes)


def _check_per_record(db: str) -> tuple[float, int]:
    sys.path.insert(0, str(ROOT))
    from ropa_app.checks.engine import check_register
    from ropa_app.store.bulk import export_register
    from ropa_app.store.database import open_register

    reg = open_register(db)
    start = time.perf_counter()
    doc = export_register(reg.engine)
    findings = sum(len(check_register(org)) for org in doc.organisations)
    elapsed = time.perf_counter() - start
    count = sum(len(org.records) for org in doc.organisations)
    reg.dispose()
    return elapsed / max(count, 1), findings


def _row(name: str, ours: str, base: str, ratio: str, target: str) -> None:
    print(f"{name:<34} {ours:>12} {base:>12} {ratio:>8}  {target}")


def main() -> int:
    """Generate the register, run every measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each start-up")
    parser.add_argument("--skip-exports", action="store_true",
                        help="do not run the Excel and PDF export benchmarks")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--export-to", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "ropa":
        child_ropa(args.db, args.export_to)
        return 0
    if args.child == "baseline":
        child_baseline(args.db)
        return 0

    work = Path(tempfile.mkdtemp(prefix="ropa-bench-"))
    db = str(work / "big.sqlite")
    print(f"generating {args.activities} activities in {db} …", flush=True)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"),
                    str(args.activities), db], check=True, env=ENV, capture_output=True)
    opens, bases = [], []
    report: dict = {}
    base_report: dict = {}
    for i in range(args.runs):
        extra = ["--export-to", str(work / "export.xlsx")] if i == 0 else []
        elapsed, report_i = _run_child("ropa", db, extra)
        opens.append(elapsed)
        report = report_i if i == 0 else report
        elapsed, base_report = _run_child("baseline", db)
        bases.append(elapsed)
    read, write = _raw_read_and_update(db)
    per_record, findings = _check_per_record(db)

    print()
    print(f"{args.activities} activities; medians of {args.runs} runs where repeated; "
          f"rows shown: ours {report['rows']}, baseline {base_report['rows']}")
    _row("measure", "ROPA", "baseline", "ratio", "target")
    o, b = statistics.median(opens), statistics.median(bases)
    _row("open (start to list shown)", f"{o:.2f} s", f"{b:.2f} s", f"{o / b:.2f}", "<= 2.0")
    mem = report["rss_mb"] - base_report["rss_mb"]
    _row("peak memory", f"{report['rss_mb']:.0f} MB", f"{base_report['rss_mb']:.0f} MB",
         f"+{mem:.0f} MB", "<= +150 MB")
    mem = report["rss_audit_mb"] - base_report["rss_mb"]
    _row("peak memory, after the checks", f"{report['rss_audit_mb']:.0f} MB",
         f"{base_report['rss_mb']:.0f} MB", f"+{mem:.0f} MB", "<= +150 MB")
    _row("background checks after opening", f"{report['audit_time']:.1f} s", "", "",
         f"({report['audit_findings']} findings)")
    _row("longest stall: background checks", f"{report['audit_stall'] * 1000:.0f} ms", "", "",
         "<= 100 ms")
    ks, kb = statistics.median(report["keystrokes"]), statistics.median(base_report["keystrokes"])
    _row("search, per keystroke", f"{ks * 1000:.1f} ms", f"{kb * 1000:.1f} ms",
         f"{ks / kb:.2f}", "<= 1.5")
    _row("open a record in the editor", f"{report['editor_open'] * 1000:.1f} ms",
         f"{read * 1000:.2f} ms", f"{report['editor_open'] / read:.0f}", "(report)")
    _row("save it, with history", f"{report['editor_save'] * 1000:.1f} ms",
         f"{write * 1000:.2f} ms", f"{report['editor_save'] / write:.1f}", "(report)")
    _row("longest stall: search", f"{report['search_stall'] * 1000:.0f} ms", "", "", "<= 100 ms")
    _row("longest stall: open + save record", f"{report['record_stall'] * 1000:.0f} ms", "", "",
         "<= 100 ms")
    if "export_stall" in report:
        _row("longest stall: Excel export", f"{report['export_stall'] * 1000:.0f} ms", "", "",
             f"<= 100 ms (export {report['export_time']:.1f} s in the background)")
    else:
        print(f"export in the window failed: {report.get('export_error')}")
    _row("ropa check, per record", f"{per_record * 1000:.2f} ms", "", "",
         f"({findings} findings)")
    if not args.skip_exports:
        for script, opts in (("bench_xlsx.py", []), ("bench_pdf.py", ["--no-memory"])):
            print(f"\n$ benchmarks/{script} {' '.join(opts)}", flush=True)
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *opts],
                           env=ENV, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
