"""Audit readiness in the window: the checks run in the background, the findings panel,
the badge of each record in the list, the score, the review cycle and the dashboard.

The :class:`AuditController` checks the organisation shown (both registers and its own
block) on a worker thread whenever another organisation or register file is shown, then
keeps the result current: a saved record is checked again on its own (about a millisecond),
records that appeared or went away are checked or dropped. Choosing a finding asks the
window to open the record at the field to fix (``finding_requested``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ropa_app.checks.engine import Finding, Score, check_organisation_block, check_record, score
from ropa_app.checks.rules import Severity
from ropa_app.checks.stats import RegisterStats, StatsCollector
from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import RecordStatus, RegisterKind
from ropa_app.domain.models import ThirdPartyBase
from ropa_app.domain.review import ReviewState, review_state
from ropa_app.store.errors import Cancelled, NotFoundError, RopaError
from ropa_app.ui.audit_model import (
    AuditRow,
    AuditRowRole,
    FindingColumn,
    FindingsFilter,
    FindingsModel,
    Scope,
)
from ropa_app.ui.badges import COLOURS, RecordBadge
from ropa_app.ui.operations import IsCancelled, Operation, Progress, run_in_background
from ropa_app.ui.session import RegisterSession

if TYPE_CHECKING:
    from ropa_app.ui.main_window import MainWindow

#: Records appearing at once that are checked one by one; more start a full check.
RECHECK_LIMIT = 50


# --- checking (plain Python, runs on the worker thread) ------------------------------------


@dataclass(frozen=True, slots=True)
class RecordCheck:
    """What the checks found on one record, with what the score and the list need."""

    record_id: int
    register_kind: RegisterKind
    reference: str
    name: str
    status: RecordStatus
    review: ReviewState
    findings: tuple[Finding, ...]
    rows: tuple[AuditRow, ...]  # the findings as rows of the panel

    @property
    def badge(self) -> RecordBadge:
        """Its findings counted by severity."""
        counts = {s: 0 for s in Severity}
        for f in self.findings:
            counts[f.severity] += 1
        return RecordBadge(counts[Severity.ERROR], counts[Severity.WARNING],
                           counts[Severity.NOTICE])


def check_stored(record_id: int, doc: RecordDoc, third_parties: list[ThirdPartyBase],
                 today: date) -> RecordCheck:
    """Check one stored record."""
    findings = tuple(check_record(doc, third_parties, today))
    return RecordCheck(record_id, doc.register_kind, doc.reference, doc.name, doc.status,
                       review_state(doc.next_review, doc.status, today), findings,
                       tuple(AuditRow(f, record_id, doc.name) for f in findings))


@dataclass(frozen=True)
class AuditResult:
    """The checks of one organisation.

    Attributes:
        organisation_id: the organisation checked.
        organisation: findings on its own block (identity, DPO).
        records: each record's check, by record id.
        stats: the figures of each register, for the dashboard.
        today: the day the checks compared dates with.
        third_parties: the organisation's third parties the records were checked with.
    """

    organisation_id: int
    organisation: tuple[Finding, ...]
    records: dict[int, RecordCheck]
    stats: dict[RegisterKind, RegisterStats]
    today: date
    third_parties: tuple[ThirdPartyBase, ...] = ()

    def rows(self) -> list[AuditRow]:
        """Every finding with its record."""
        out = [AuditRow(f, None, "") for f in self.organisation]
        for check in self.records.values():
            out.extend(check.rows)
        return out

    def score(self) -> Score:
        """The score of both registers together."""
        findings = [f for c in self.records.values() for f in c.findings]
        return score(self.records.values(), [*self.organisation, *findings])

    def overdue(self) -> dict[RegisterKind, int]:
        """How many records of each register are overdue for review."""
        out = {kind: 0 for kind in RegisterKind}
        for check in self.records.values():
            if check.review is ReviewState.OVERDUE:
                out[check.register_kind] += 1
        return out


def third_parties_of(session: RegisterSession, organisation_id: int) -> list[ThirdPartyBase]:
    """The organisation's third parties, as the checks read them."""
    return [tp.data for tp in session.organisations.third_parties(organisation_id)]


def audit_organisation(session: RegisterSession, organisation_id: int, today: date,
                       progress: Progress, cancelled: IsCancelled) -> AuditResult:
    """Check every record of an organisation and count its figures (the worker's job)."""
    org = session.organisations.get(organisation_id).data
    third_parties = third_parties_of(session, organisation_id)
    total = session.records.count(organisation_id)
    collectors = {kind: StatsCollector(today) for kind in RegisterKind}
    records: dict[int, RecordCheck] = {}
    progress(0, total)
    for done, (record_id, doc) in enumerate(session.records.iter_docs(organisation_id, 50), 1):
        if cancelled():
            raise Cancelled("checking cancelled")
        records[record_id] = check_stored(record_id, doc, third_parties, today)
        collectors[doc.register_kind].add(doc)
        if done % 50 == 0 or done == total:
            progress(done, total)
    return AuditResult(organisation_id, tuple(check_organisation_block(org)), records,
                       {kind: c.build() for kind, c in collectors.items()}, today,
                       tuple(third_parties))


# --- the panel ------------------------------------------------------------------------------


class AuditPanel(QWidget):
    """The score, a scope chooser and the findings table.

    Signals:
        finding_activated(object): the user chose a finding (double click or Enter);
            carries its :class:`AuditRow`.
        recheck_requested(): the user asked for the checks to run again.
        dashboard_requested(): the user asked for the dashboard.
    """

    finding_activated = Signal(object)
    recheck_requested = Signal()
    dashboard_requested = Signal()

    def __init__(self, model: FindingsModel, proxy: FindingsFilter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.proxy = model, proxy
        self.score_label = QLabel()
        self.score_label.setObjectName("audit_score")
        font = self.score_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.score_label.setFont(font)
        self.summary_label = QLabel(self.tr("Not checked yet"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scope_combo = QComboBox()
        self.scope_combo.setAccessibleName(self.tr("Findings shown"))
        for text, scope in ((self.tr("All findings"), Scope.ALL),
                            (self.tr("Missing mandatory items"), Scope.ERRORS),
                            (self.tr("Warnings"), Scope.WARNINGS),
                            (self.tr("Notices"), Scope.NOTICES),
                            (self.tr("Reviews overdue or not planned"), Scope.REVIEWS)):
            self.scope_combo.addItem(text, scope.value)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.recheck_button = QToolButton()
        self.recheck_button.setText(self.tr("Check again"))
        self.dashboard_button = QPushButton(self.tr("Dashboard…"))

        self.table = QTableView()
        self.table.setObjectName("findings_table")
        self.table.setModel(proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setToolTip(self.tr("Click a finding (or press Enter) to open the record "
                                      "at the field to fix"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((FindingColumn.SEVERITY, 130), (FindingColumn.REGISTER, 90),
                              (FindingColumn.REFERENCE, 70), (FindingColumn.NAME, 220),
                              (FindingColumn.PROBLEM, 420), (FindingColumn.ARTICLE, 130)):
            self.table.setColumnWidth(column, width)

        top = QHBoxLayout()
        top.addWidget(self.score_label)
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.progress)
        top.addWidget(self.scope_combo)
        top.addWidget(self.recheck_button)
        top.addWidget(self.dashboard_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.scope_combo.currentIndexChanged.connect(self._on_scope_changed)
        self.table.activated.connect(self._on_activated)  # Enter, or a double click
        self.table.clicked.connect(self._on_activated)  # one click is enough
        self.recheck_button.clicked.connect(self.recheck_requested)
        self.dashboard_button.clicked.connect(self.dashboard_requested)

    def set_scope(self, scope: Scope) -> None:
        """Show the findings of ``scope``."""
        self.scope_combo.setCurrentIndex(self.scope_combo.findData(scope.value))

    def show_score(self, result_score: Score) -> None:
        """Show the score and the counts."""
        s = result_score
        colour = COLOURS[Severity.ERROR if s.errors else
                         Severity.WARNING if s.warnings else None].name()
        self.score_label.setText(f"<span style='color:{colour}'>{s.percent}&nbsp;%</span>")
        self.score_label.setToolTip(self.tr("Share of active records with every mandatory "
                                            "item of Article 30"))
        self.summary_label.setText(
            self.tr("%1 of %2 active records have every mandatory item · %3 missing · "
                    "%4 warnings · %5 notices")
            .replace("%1", str(s.clean)).replace("%2", str(s.records))
            .replace("%3", str(s.errors)).replace("%4", str(s.warnings))
            .replace("%5", str(s.notices)))

    def show_progress(self, done: int, total: int) -> None:
        """Show how far the checks are (hidden once done)."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setVisible(done < total)

    def clear(self, message: str) -> None:
        """No findings to show: say why."""
        self.score_label.clear()
        self.summary_label.setText(message)
        self.progress.hide()

    def _on_scope_changed(self, _index: int) -> None:
        self.proxy.set_scope(Scope(self.scope_combo.currentData()))

    def _on_activated(self, index: object) -> None:
        row = self.proxy.data(index, AuditRowRole)  # type: ignore[arg-type]
        if row is not None:
            self.finding_activated.emit(row)


class ReviewNotice(QFrame):
    """The bar announcing overdue reviews when a register is opened.

    Signals:
        show_requested(): the user wants to see the overdue records.
    """

    show_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#review_notice { background: #fdecea; border: 1px solid #b3261e; "
                           "border-radius: 3px; } QLabel { color: #5f1410; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.show_button = QPushButton(self.tr("Show them"))
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.close_button.setAccessibleName(self.tr("Hide this message"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.close_button)
        self.show_button.clicked.connect(self.show_requested)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def announce(self, overdue: Mapping[RegisterKind, int]) -> None:
        """Say how many reviews are overdue in each register (hidden when none is)."""
        total = sum(overdue.values())
        if not total:
            self.hide()
            return
        parts = []
        if overdue.get(RegisterKind.CONTROLLER):
            parts.append(self.tr("controller's register: %1")
                         .replace("%1", str(overdue[RegisterKind.CONTROLLER])))
        if overdue.get(RegisterKind.PROCESSOR):
            parts.append(self.tr("processor's register: %1")
                         .replace("%1", str(overdue[RegisterKind.PROCESSOR])))
        head = (self.tr("1 record is overdue for review") if total == 1 else
                self.tr("%1 records are overdue for review").replace("%1", str(total)))
        self.label.setText(f"{head} ({', '.join(parts)}).")
        self.show()


# --- the controller -------------------------------------------------------------------------


class AuditController(QObject):
    """Keeps the findings, the score, the badges and the review notice of the window.

    Signals:
        finding_requested(object): open the record of this :class:`AuditRow` at its field.
        checked(object): a full check ended; carries the :class:`AuditResult`.

    Args:
        window: the main window (its session, list model and pane).
        lang: the language of rule messages.
        today: the day dates are compared with (tests pass a fixed day).

    Attributes:
        dock: the "Audit readiness" dock holding the panel.
        panel: the panel.
        notice: the overdue-review bar above the list.
    """

    finding_requested = Signal(object)
    checked = Signal(object)

    def __init__(self, window: MainWindow, lang: str,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(window)
        self._window = window
        self._lang = lang
        self.today = today
        self.result: AuditResult | None = None
        self._operation: Operation | None = None
        self._pending: int | None = None  # organisation to check once the running one ends
        self._announce = False  # announce overdue reviews after the next full check
        self._stopped = False  # shut down: the window is closing, start nothing more
        self.model = FindingsModel(lang, self)
        self.proxy = FindingsFilter(self.model, self)
        self.panel = AuditPanel(self.model, self.proxy)
        self.dock = QDockWidget(self.tr("Audit readiness"), window)
        self.dock.setObjectName("audit_dock")  # saveState() needs a name
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.notice = ReviewNotice()
        self.dashboard: QWidget | None = None
        self.panel.finding_activated.connect(self.finding_requested)
        self.panel.recheck_requested.connect(self.recheck)
        self.panel.dashboard_requested.connect(self.show_dashboard)
        self.notice.show_requested.connect(self._show_overdue)

    # --- running the checks ------------------------------------------------------------------

    def session_changed(self) -> None:
        """A register file was opened: forget everything; announce overdue reviews once
        the organisation shown is checked."""
        self._cancel()
        if self._operation is not None:
            self._operation.wait()  # it reads the previous register, about to be closed
        self._stopped = False
        self.result = None
        self._announce = True
        self._show(None)

    def records_loaded(self) -> None:
        """The window (re)loaded its list: check the organisation shown if it is not the
        one checked, else bring the result in line with the register (records added or
        removed meanwhile)."""
        org_id = self._window.current_organisation_id()
        session = self._window.session
        if session is None or org_id is None:
            self._cancel()
            self.result = None
            self._show(None)
            return
        if self.result is None or self.result.organisation_id != org_id:
            if self._running_for() != org_id:
                self._start(org_id)
            return
        self._reconcile()
        self._window.model.set_badges(self._badges())

    def _reconcile(self) -> None:
        """Drop the records of the register shown that are gone; check those that came."""
        result = self.result
        assert result is not None
        model, kind = self._window.model, self._window.current_register()
        shown = {model.summary(row).id for row in range(model.rowCount())}
        known = {rid for rid, c in result.records.items() if c.register_kind is kind}
        for record_id in known - shown:
            self.record_removed(record_id)
        new = shown - known
        if len(new) > RECHECK_LIMIT:  # an import: check everything again
            self.recheck()
            return
        for record_id in sorted(new):
            self.record_changed(record_id)

    def recheck(self) -> None:
        """Check the organisation shown again, from scratch."""
        org_id = self._window.current_organisation_id()
        if org_id is not None and self._window.session is not None:
            self._start(org_id)

    def record_changed(self, record_id: int, doc: RecordDoc | None = None) -> None:
        """Check one record again after it was saved (or drop it if it is gone).

        Args:
            record_id: the record.
            doc: the record as saved, when the caller has it (else it is read).
        """
        session, result = self._window.session, self.result
        if session is None or result is None:
            return
        if doc is None:
            try:
                stored = session.records.load(record_id)
            except NotFoundError:
                self.record_removed(record_id)
                return
            except RopaError:
                return  # the next full check will tell
            if stored.organisation_id != result.organisation_id:
                return
            doc = stored.doc
        check = check_stored(record_id, doc, list(result.third_parties), self.today())
        self._update(replace(result, records={**result.records, record_id: check}))
        self._window.model.set_badge(record_id, check.badge)

    def record_removed(self, record_id: int) -> None:
        """Forget a deleted record's findings."""
        result = self.result
        if result is not None and record_id in result.records:
            records = {k: v for k, v in result.records.items() if k != record_id}
            self._update(replace(result, records=records))
            self._window.model.set_badge(record_id, None)

    def organisation_changed(self) -> None:
        """The organisation's own block was edited: check it again."""
        session, result = self._window.session, self.result
        if session is None or result is None:
            return
        try:
            org = session.organisations.get(result.organisation_id).data
        except RopaError:
            return
        self._update(replace(result, organisation=tuple(check_organisation_block(org))))

    def is_running(self) -> bool:
        """True while a full check runs."""
        return self._operation is not None

    def wait(self) -> None:
        """Block until the running check ends (tests, shutdown)."""
        while self._operation is not None:
            self._operation.wait()
            QCoreApplication.processEvents()  # delivers the result and starts a pending check

    def shutdown(self) -> None:
        """Stop a running check and start no other (the window closes)."""
        self._stopped = True
        self._pending = None
        operation = self._operation
        if operation is not None:
            operation.cancel()
            operation.wait()

    def _running_for(self) -> int | None:
        return self._pending if self._operation is not None else None

    def _start(self, org_id: int) -> None:
        session = self._window.session
        if session is None or self._stopped:
            return
        if self._operation is not None:  # a check of something else runs: start after it
            self._pending = org_id
            self._operation.cancel()
            return
        self._pending = org_id
        today = self.today()
        self.panel.show_progress(0, 1)

        def work(progress: Progress, cancelled: IsCancelled) -> AuditResult:
            return audit_organisation(session, org_id, today, progress, cancelled)

        operation = run_in_background(self._window, self.tr("Checking the register…"), work,
                                      self._on_checked, self._on_failed, show_dialog=False)
        operation.progressed.connect(self.panel.show_progress)
        operation.finished.connect(self._on_finished)
        self._operation = operation

    def _cancel(self) -> None:
        self._pending = None
        if self._operation is not None:
            self._operation.cancel()

    def _on_checked(self, result: AuditResult) -> None:
        wanted = self._window.current_organisation_id()
        if self._window.session is None or result.organisation_id != wanted:
            return  # the user moved on meanwhile; _on_finished starts the right one
        self._update(result)
        self._window.model.set_badges(self._badges())
        if self._announce:
            self._announce = False
            self.notice.announce(result.overdue())
        self.checked.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        if self._operation is not None and self._operation.is_cancelled:
            return  # stopped on purpose; what it read no longer matters
        if isinstance(exc, RopaError):
            self.panel.clear(self.tr("Cannot check the register: %1").replace("%1", str(exc)))
            return
        raise exc  # a bug: the crash handler reports it

    def _on_finished(self) -> None:
        self._operation = None
        self.panel.progress.hide()
        wanted = self._window.current_organisation_id()
        if (self._pending is not None and wanted is not None and self._window.session
                and (self.result is None or self.result.organisation_id != wanted)):
            self._start(wanted)
        else:
            self._pending = None

    # --- showing -----------------------------------------------------------------------------

    def _badges(self) -> dict[int, RecordBadge]:
        return {rid: c.badge for rid, c in self.result.records.items()} if self.result else {}

    def _update(self, result: AuditResult) -> None:
        self.result = result
        self._show(result)

    def _show(self, result: AuditResult | None) -> None:
        if result is None:
            self.model.set_rows([])
            self.panel.clear(self.tr("Not checked yet"))
            self._window.model.set_badges({})
            self.notice.hide()
            return
        self.model.set_rows(result.rows())
        self.panel.show_score(result.score())

    def _show_overdue(self) -> None:
        self.notice.hide()
        self.dock.show()
        self.dock.raise_()
        self.panel.set_scope(Scope.REVIEWS)
        self.panel.table.setFocus()

    # --- dashboard ---------------------------------------------------------------------------

    def show_dashboard(self) -> None:
        """Show the dashboard of the register shown (from the last check)."""
        result = self.result
        if result is None:
            self._window.statusBar().showMessage(
                self.tr("The register is still being checked: try again in a moment."), 4000)
            if self._operation is None:
                self.recheck()
            return
        from ropa_app.ui.dashboard import DashboardDialog

        kind = self._window.current_register()
        title = (f"{self._window.organisation_combo.currentText()} — "
                 + (self.tr("Controller's register") if kind is RegisterKind.CONTROLLER
                    else self.tr("Processor's register")))
        dialog = self.dashboard
        if isinstance(dialog, DashboardDialog):
            dialog.set_stats(result.stats[kind])
            dialog.dashboard.set_title(title)
        else:
            dialog = DashboardDialog(result.stats[kind], self._lang, title, self._window)
            self.dashboard = dialog
        dialog.show()
        dialog.raise_()

    def toggle_action(self) -> QAction:
        """The View menu's "Audit readiness" action (shows or hides the dock)."""
        action = self.dock.toggleViewAction()
        action.setText(self.tr("&Audit readiness"))
        return action


__all__ = ["AuditController", "AuditPanel", "AuditResult", "RecordCheck", "ReviewNotice",
           "audit_organisation", "check_stored"]
