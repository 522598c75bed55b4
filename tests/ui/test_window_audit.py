"""Audit readiness in the window: findings panel, badges, review cycle, notice, dashboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ropa_app.app import editor_factory
from ropa_app.checks.engine import check_register
from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.review import ReviewState, add_months
from ropa_app.store.bulk import export_register
from ropa_app.ui.audit_model import AuditRowRole, FindingColumn, FindingsModel, Scope
from ropa_app.ui.editor import RecordEditor
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.prompts import ExportOptions
from ropa_app.ui.register_model import Column
from ropa_app.ui.session import RegisterSession

from .fakes import FakePrompts

MakeWindow = Callable[..., MainWindow]


def _demo_window(make_window: MakeWindow, demo_session: RegisterSession,
                 prompts: FakePrompts) -> MainWindow:
    window = make_window(demo_session, make_editor=editor_factory(prompts))
    assert window.audit.result is not None
    return window


def _expected(session: RegisterSession) -> set[tuple[str | None, str, str]]:
    org = export_register(session.register.engine).organisations[0]
    return {(f.reference, f.rule.id, f.path) for f in check_register(org)}


def _shown(window: MainWindow) -> set[tuple[str | None, str, str]]:
    rows = window.audit.model.rows()
    return {(r.finding.reference, r.finding.rule.id, r.finding.path) for r in rows}


def _panel_row(window: MainWindow, reference: str | None, rule: str) -> QModelIndex:
    proxy = window.audit.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, FindingColumn.PROBLEM)
        finding = proxy.data(index, AuditRowRole).finding
        if finding.reference == reference and finding.rule.id == rule:
            return index
    raise AssertionError(f"no finding {rule} on {reference} in the panel")


def _activate(qtbot: QtBot, window: MainWindow, reference: str | None, rule: str) -> None:
    """Choose a finding as a user does: select its row in the panel and press Enter."""
    table = window.audit.panel.table
    index = _panel_row(window, reference, rule)
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_Return)


def _list_row(window: MainWindow, reference: str) -> int:
    model = window.model
    return next(r for r in range(model.rowCount()) if model.summary(r).reference == reference)


def test_panel_lists_every_finding_of_the_register_with_its_article(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Opening the demo shows, in one panel, exactly what the checks find, with articles."""
    window = _demo_window(make_window, demo_session, prompts)
    assert _shown(window) == _expected(demo_session)
    model = window.audit.model
    problems = {model.index(r, FindingColumn.PROBLEM).data() for r in range(model.rowCount())}
    assert "A DPIA is required but its reference is not recorded." in problems or any(
        "DPIA" in p for p in problems)
    articles = {model.index(r, FindingColumn.ARTICLE).data() for r in range(model.rowCount())}
    assert all(a.startswith("Art.") for a in articles)
    assert window.audit.dock.isVisible()


def test_errors_come_first_and_score_is_shown(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Findings are sorted by severity, and the score says how many records are complete."""
    window = _demo_window(make_window, demo_session, prompts)
    order = {"error": 0, "warning": 1, "notice": 2}
    ranks = [order[r.finding.severity.value] for r in window.audit.model.rows()]
    assert ranks == sorted(ranks)
    score = window.audit.result.score()
    assert window.audit.panel.score_label.text().count(f"{score.percent}&nbsp;%") == 1
    assert f"{score.clean} of {score.records} active records" in \
        window.audit.panel.summary_label.text()


def test_choosing_a_finding_opens_the_record_at_the_field_to_fix(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Enter on "DPIA reference missing" opens IT-01 with the cursor in the DPIA reference."""
    window = _demo_window(make_window, demo_session, prompts)
    window.activateWindow()
    _activate(qtbot, window, "IT-01", "dpia.reference.missing")
    editor = window.editor
    assert isinstance(editor, RecordEditor)
    assert editor.current_doc().reference == "IT-01"
    field = editor.form.binder.widget("dpia_reference")
    assert field is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    assert window.table.selectionModel().selectedRows()[0].data() == "IT-01"


def _edit_stored(session: RegisterSession, register: RegisterKind,
                 change: Callable[[RecordDoc], None]) -> str:
    """Change the first record of ``register`` in the file; its reference."""
    org_id = session.organisations.list()[0].id
    summary = session.records.list_summaries(org_id, register)[0]
    stored = session.records.load(summary.id)
    doc = stored.doc.model_copy(deep=True)
    change(doc)
    session.records.save(summary.id, doc, stored.doc.version)
    return doc.reference


def test_a_finding_in_a_list_selects_the_cell(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """A finding on a list item (row 2's retention outcome) lands on that row's cell."""

    def drop_outcome(doc: RecordDoc) -> None:
        doc.data_categories[1].retention_outcome = None

    reference = _edit_stored(demo_session, RegisterKind.CONTROLLER, drop_outcome)
    window = _demo_window(make_window, demo_session, prompts)
    _activate(qtbot, window, reference, "retention.outcome.missing")
    editor = window.editor
    assert isinstance(editor, RecordEditor)
    assert editor.current_doc().reference == reference
    table = editor.form.list_editor_of("data_categories", 1)
    qtbot.waitUntil(lambda: table.view.hasFocus())
    current = table.view.currentIndex()
    assert current.row() == editor.form.view_row(table, 1)
    model = editor.document.models["data_categories"]
    assert current.column() == model.column_of("retention_outcome")


def test_a_finding_of_the_other_register_switches_register(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Choosing a processor-register finding from the controller's register switches."""

    def drop_security(doc: RecordDoc) -> None:
        doc.security_measures = []

    reference = _edit_stored(demo_session, RegisterKind.PROCESSOR, drop_security)
    window = _demo_window(make_window, demo_session, prompts)
    window.set_register(RegisterKind.CONTROLLER)
    _activate(qtbot, window, reference, "security.missing")
    assert window.current_register() is RegisterKind.PROCESSOR
    assert window.editor is not None
    assert window.editor.current_doc().reference == reference
    assert window.editor.current_doc().register_kind is RegisterKind.PROCESSOR


def test_a_hidden_record_is_shown_by_clearing_the_search(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """A finding on a record filtered out of the list clears the search to show it."""
    window = _demo_window(make_window, demo_session, prompts)
    window.search_edit.setText("zzzz-nothing")
    assert window.proxy.rowCount() == 0
    _activate(qtbot, window, "IT-01", "dpia.reference.missing")
    assert window.search_edit.text() == ""
    assert window.editor is not None and window.editor.current_doc().reference == "IT-01"


def test_an_organisation_finding_opens_the_organisation_dialog_at_its_field(
        qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """A finding on the organisation's own block opens its details at the field to fix."""
    window = make_window(small_session)
    org_rows = [r for r in window.audit.model.rows() if r.finding.reference is None]
    assert org_rows, "the small register's organisation has no DPO contact"
    assert window.audit.model.rows()[0].finding.reference is None  # listed first
    target = org_rows[0].finding
    _activate(qtbot, window, None, target.rule.id)
    assert prompts.organisation_focus == [target.path]


def test_badges_mark_each_record_by_its_worst_finding(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Each row has a mark and a tooltip: IT-01 misses a mandatory item, others differ."""
    window = _demo_window(make_window, demo_session, prompts)
    model = window.model
    it01 = model.index(_list_row(window, "IT-01"), Column.REFERENCE)
    assert not it01.data(Qt.ItemDataRole.DecorationRole).isNull()
    tip = it01.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Audit readiness:")
    result = window.audit.result
    badge = model.badge(_list_row(window, "IT-01"))
    check = next(c for c in result.records.values() if c.reference == "IT-01")
    assert badge == check.badge
    assert badge.worst is not None


def test_review_state_is_shown_in_the_list(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Overdue, due soon, up to date and unplanned reviews each have their tooltip."""
    window = _demo_window(make_window, demo_session, prompts)
    model = window.model
    states = {model.summary(r).reference: model.review_state(r) for r in range(model.rowCount())}
    assert states["FIN-01"] is ReviewState.OVERDUE
    assert states["COM-04"] is ReviewState.UNPLANNED
    row = _list_row(window, "FIN-01")
    cell = model.index(row, Column.NEXT_REVIEW)
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Review overdue"
    assert not cell.data(Qt.ItemDataRole.DecorationRole).isNull()
    fresh = next(r for r, s in enumerate(model.review_state(i) for i in
                                         range(model.rowCount())) if s is ReviewState.FRESH)
    assert model.index(fresh, Column.NEXT_REVIEW).data(
        Qt.ItemDataRole.ToolTipRole) == "Review up to date"


def test_overdue_reviews_are_announced_at_start_up(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """The demo's overdue review is announced; "Show them" lists the review findings."""
    window = _demo_window(make_window, demo_session, prompts)
    notice = window.audit.notice
    assert notice.isVisible()
    overdue = sum(window.audit.result.overdue().values())
    assert overdue >= 1
    assert f"{overdue} record" in notice.label.text()
    qtbot.mouseClick(notice.show_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    assert window.audit.proxy.scope() is Scope.REVIEWS
    rules = {window.audit.proxy.data(window.audit.proxy.index(r, 0), AuditRowRole).finding.rule.id
             for r in range(window.audit.proxy.rowCount())}
    assert rules <= {"review.overdue", "review.unplanned"} and "review.overdue" in rules


def test_no_notice_when_no_review_is_overdue(
        qtbot: QtBot, make_window: MakeWindow, empty_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """An empty register announces nothing."""
    window = make_window(empty_session)
    assert not window.audit.notice.isVisible()


def test_mark_as_reviewed_records_who_and_when_and_clears_the_finding(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Mark as reviewed on FIN-01 saves today, the user and the next date; the overdue
    finding goes away from the panel and the badge."""
    window = _demo_window(make_window, demo_session, prompts)
    window.activateWindow()
    _activate(qtbot, window, "FIN-01", "review.overdue")
    assert window.commands.mark_reviewed.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    session = window.session
    assert session is not None
    org_id = window.current_organisation_id()
    record_id = session.records.find(org_id, RegisterKind.CONTROLLER, "FIN-01")
    doc = session.records.load(record_id).doc
    today = date.today()
    interval = session.organisations.get(org_id).data.review_interval_months
    assert (doc.last_review, doc.last_reviewed_by, doc.next_review) == (
        today, session.records.author, add_months(today, interval))
    assert ("FIN-01", "review.overdue", "next_review") not in _shown(window)
    assert _shown(window) == _expected(demo_session)
    assert window.model.review_state(_list_row(window, "FIN-01")) is not ReviewState.OVERDUE
    history = session.records.history(org_id, RegisterKind.CONTROLLER, "FIN-01")
    assert "next_review" in str(history[-1].changes)
    assert not window.isWindowModified()


def test_saving_a_fix_updates_the_panel_and_the_score(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Typing the missing DPIA reference and saving removes that finding at once."""
    window = _demo_window(make_window, demo_session, prompts)
    window.activateWindow()
    before = window.audit.result.score()
    _activate(qtbot, window, "IT-01", "dpia.reference.missing")
    field = window.editor.form.binder.widget("dpia_reference")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, "AIPD-2026-07")
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    assert ("IT-01", "dpia.reference.missing", "dpia_reference") not in _shown(window)
    assert _shown(window) == _expected(demo_session)
    after = window.audit.result.score()
    assert after.warnings + after.errors + after.notices == \
        before.warnings + before.errors + before.notices - 1


def test_deleting_a_record_drops_its_findings(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """A record deleted from the window leaves the panel with it."""
    window = _demo_window(make_window, demo_session, prompts)
    prompts.delete_answer = True
    _activate(qtbot, window, "IT-01", "dpia.reference.missing")
    window.commands.delete.trigger()
    assert not any(r.finding.reference == "IT-01" and
                   r.finding.register is RegisterKind.CONTROLLER
                   for r in window.audit.model.rows())
    assert _shown(window) == _expected(demo_session)


def test_scope_chooser_filters_the_findings(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Choosing "Warnings" shows only warnings."""
    window = _demo_window(make_window, demo_session, prompts)
    panel = window.audit.panel
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData(Scope.WARNINGS.value))
    proxy = window.audit.proxy
    assert proxy.rowCount() > 0
    assert {proxy.data(proxy.index(r, 0), AuditRowRole).finding.severity.value
            for r in range(proxy.rowCount())} == {"warning"}


def test_dashboard_shows_the_register_shown(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """F9 opens the dashboard with the figures of the register shown."""
    window = _demo_window(make_window, demo_session, prompts)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    dialog = window.audit.dashboard
    assert isinstance(dialog, QWidget) and dialog.isVisible()
    stats = window.audit.result.stats[RegisterKind.CONTROLLER]
    status_rows = dict(dialog.dashboard.status_chart.rows())
    assert sum(status_rows.values()) == stats.records
    window.set_register(RegisterKind.PROCESSOR)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    processor = window.audit.result.stats[RegisterKind.PROCESSOR]
    assert sum(dict(dialog.dashboard.status_chart.rows()).values()) == processor.records
    dialog.close()


def test_register_export_can_add_the_audit_section(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts, tmp_path: Path) -> None:
    """The export dialog offers the audit section; ticked, the workbook has the sheet."""
    window = _demo_window(make_window, demo_session, prompts)
    prompts.export_path = str(tmp_path / "register.xlsx")
    prompts.export_options = ExportOptions("en", "A4", audit=True)
    window.commands.export.trigger()
    qtbot.waitUntil(lambda: not window.exports.busy, timeout=20_000)
    assert prompts.asked("export_audit_proposed") == [False]  # not ticked the first time
    book = load_workbook(tmp_path / "register.xlsx", read_only=True)
    assert "Audit readiness" in book.sheetnames
    book.close()


def test_findings_model_passes_the_model_tester(qtmodeltester, demo_session: RegisterSession,
                                                make_window: MakeWindow,
                                                prompts: FakePrompts) -> None:
    """The findings model follows Qt's model rules."""
    window = make_window(demo_session)
    model = FindingsModel("en")
    model.set_rows(window.audit.result.rows())
    qtmodeltester.check(model)


def test_one_click_on_a_finding_opens_its_record(
        qtbot: QtBot, make_window: MakeWindow, demo_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """A single mouse click on a finding is enough to open the record at its field."""
    window = _demo_window(make_window, demo_session, prompts)
    table = window.audit.panel.table
    index = _panel_row(window, "COM-04", "review.unplanned")
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())
    editor = window.editor
    assert isinstance(editor, RecordEditor)
    assert editor.current_doc().reference == "COM-04"
    field = editor.form.binder.widget("next_review")
    qtbot.waitUntil(lambda: (field is not None and field.isAncestorOf(
        QApplication.focusWidget())) or QApplication.focusWidget() is field)
