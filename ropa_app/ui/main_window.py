"""The main window: one organisation's register as a list, and the record editor beside it.

The window shows what a :class:`~ropa_app.ui.session.RegisterSession` holds; it opens no
register itself (it asks, through ``open_register_requested``, and the composition root
answers with :meth:`MainWindow.set_session`). For each register it builds a record editor
and a draft store with the factories it was given. Questions and messages go through the
:class:`~ropa_app.ui.prompts.PromptService`. Exports, printing and imports are run by
its :class:`~ropa_app.ui.exports.ExportController` and ``ImportController``.

Nothing leaves a record with unsaved changes without asking: selecting another record,
switching organisation or register, opening another register, creating, duplicating or
archiving a record, and closing the window all ask the editor first (``confirm_leave``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QWidget,
)

from ropa_app import __version__
from ropa_app.domain.enums import RecordStatus, RegisterKind
from ropa_app.store.drafts import DraftStore
from ropa_app.store.errors import RopaError
from ropa_app.store.organisations import StoredOrganisation
from ropa_app.store.records import RecordSummary
from ropa_app.ui.audit import AuditController
from ropa_app.ui.audit_model import AuditRow
from ropa_app.ui.exports import ExportController
from ropa_app.ui.import_dialog import ImportController
from ropa_app.ui.prompts import FirstLaunchChoice, PromptService
from ropa_app.ui.register_model import (
    RecordIdRole,
    RegisterFilterProxy,
    RegisterTableModel,
    ui_language,
)
from ropa_app.ui.register_pane import RegisterPane
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings
from ropa_app.ui.window_actions import WindowActions
from ropa_app.ui.window_records import RecordCommandsMixin

if TYPE_CHECKING:
    from ropa_app.ui.editor import RecordEditor

T = TypeVar("T")
#: Builds the record editor of a register: ``make_editor(session, drafts)``.
EditorFactory = Callable[[RegisterSession, DraftStore], "RecordEditor"]
#: Builds the draft store of the register at a location.
DraftsFactory = Callable[[str], DraftStore]


class MainWindow(RecordCommandsMixin, QMainWindow):
    """The register window: the record list on the left, the record editor on the right.

    Signals:
        open_register_requested(str): the user chose another register file to open.
        records_loaded(int): the list was (re)loaded from the register; carries the number
            of records of the register shown.

    Args:
        settings: where the window remembers its geometry, columns and last register.
        prompts: the service that asks the user questions and shows messages.
        make_editor: builds the record editor for a register session.
        make_drafts: builds the draft store of a register location.
        parent: normally None (a top-level window).
    """

    open_register_requested = Signal(str)
    records_loaded = Signal(int)

    def __init__(self, settings: Settings, prompts: PromptService, make_editor: EditorFactory,
                 make_drafts: DraftsFactory, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self._settings = settings
        self._prompts = prompts
        self._make_editor = make_editor
        self._make_drafts = make_drafts
        self._session: RegisterSession | None = None
        self._drafts: DraftStore | None = None
        self.editor: RecordEditor | None = None
        self._lang = ui_language()
        self._syncing = False  # selection or combo changed by the window itself
        self._guard_off = False
        self._shown_org: int | None = None
        self._shown_register = settings.last_register
        self.setWindowTitle(self.tr("ROPA[*]"))

        self.model = RegisterTableModel(self._lang, today, parent=self)
        self.proxy = RegisterFilterProxy(self.model, parent=self)
        self.commands = WindowActions(self)
        self.exports = ExportController(self, settings, prompts)  # Export, Print, Save as
        self.imports = ImportController(self, settings, prompts)  # Import
        self.pane = RegisterPane(self.model, self.proxy, {
            RegisterKind.CONTROLLER: self.commands.controller,
            RegisterKind.PROCESSOR: self.commands.processor}, self._lang)
        # Short names for what the user works with most (and tests drive).
        self.organisation_combo = self.pane.organisation_combo
        self.register_buttons = self.pane.register_buttons
        self.search_edit = self.pane.search_edit
        self.filter_bar = self.pane.filter_bar
        self.table = self.pane.table
        self.table.addAction(self.commands.delete_in_list)
        self.audit = AuditController(self, self._lang, today)  # findings, score, badges
        self.pane.add_notice(self.audit.notice)

        self._build_layout()
        self.commands.build_menus(self.pane.columns_menu, self.audit.toggle_action())
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.commands.build_toolbar())
        self._build_status_bar()
        self._connect_signals()
        self._restore_settings()
        self._update_actions()

    # --- building ----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.editor_area = QScrollArea()
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        placeholder = QLabel(self.tr("No register open"))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor_area.setWidget(placeholder)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.pane)
        self.splitter.addWidget(self.editor_area)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.audit.dock)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.location_label = QLabel()
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.location_label)

    def _connect_signals(self) -> None:
        c = self.commands
        c.open_register.triggered.connect(self._ask_register_path)
        c.quit.triggered.connect(self.close)
        c.find.triggered.connect(self._focus_search)
        c.clear_filters.triggered.connect(self._clear_search_and_filters)
        c.new_record.triggered.connect(self.new_record)
        c.duplicate.triggered.connect(self.duplicate_record)
        c.archive.triggered.connect(self.archive_record)
        c.delete.triggered.connect(self.delete_record)
        c.delete_in_list.triggered.connect(self.delete_record)
        c.new_organisation.triggered.connect(self.create_organisation)
        c.edit_organisation.triggered.connect(self.edit_organisation)
        c.third_parties.triggered.connect(self.show_third_parties)
        c.register_group.triggered.connect(self._on_register_triggered)
        c.go_to_list.triggered.connect(self._focus_list)
        c.go_to_editor.triggered.connect(self._focus_editor)
        c.reset_columns.triggered.connect(self.pane.default_columns)
        c.reload.triggered.connect(self._on_reload_triggered)
        c.shortcuts.triggered.connect(self._show_shortcuts)
        c.about.triggered.connect(self._show_about)
        c.mark_reviewed.triggered.connect(self.mark_reviewed)
        c.dashboard.triggered.connect(self.audit.show_dashboard)
        c.recheck.triggered.connect(self.audit.recheck)
        self.audit.finding_requested.connect(self.open_finding)
        self.records_loaded.connect(self.audit.records_loaded)
        self.organisation_combo.currentIndexChanged.connect(self._on_organisation_changed)
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.pane.clear_search_action.triggered.connect(self.search_edit.clear)
        self.filter_bar.filters_changed.connect(self._apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._focus_editor)

    def _install_editor(self, editor: RecordEditor) -> None:
        """Put ``editor`` on the right, its actions in the menus, and wire its signals."""
        self.editor = editor
        self.editor_area.setWidget(editor)  # deletes the previous widget
        c = self.commands
        c.install_editor_actions(
            editor.save_action, editor.revert_action,
            editor.undo_stack.createUndoAction(editor, self.tr("&Undo")),
            editor.undo_stack.createRedoAction(editor, self.tr("&Redo")))
        editor.record_saved.connect(self._on_record_saved)
        editor.record_deleted.connect(self._on_record_deleted)
        editor.dirty_changed.connect(self._on_dirty_changed)
        editor.status_message.connect(self._show_status)

    # --- settings ------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        if not self.restoreGeometry(self._settings.window_geometry):
            screen = self.screen().availableGeometry()
            self.resize(min(1366, screen.width()), min(768, screen.height()))
        if not self.restoreState(self._settings.window_state):
            self.resizeDocks([self.audit.dock], [190], Qt.Orientation.Vertical)
        if not self.splitter.restoreState(self._settings.splitter_state):
            self.splitter.setSizes([590, 776])  # shared in proportion at other widths
        self.pane.restore_columns(self._settings.table_header_state)
        self.table.setSortingEnabled(True)  # sorts by the (restored) sort indicator
        kind = self._settings.last_register
        (self.commands.processor if kind is RegisterKind.PROCESSOR
         else self.commands.controller).setChecked(True)
        self._shown_register = kind

    def _save_settings(self) -> None:
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.splitter_state = self.splitter.saveState()
        self._settings.table_header_state = self.table.horizontalHeader().saveState()
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes (cancel keeps the window open); remember the looks."""
        if not self._leave_ok():
            event.ignore()
            return
        self.exports.shutdown()
        self.imports.shutdown()
        self.audit.shutdown()
        self._save_settings()
        super().closeEvent(event)

    # --- the register shown --------------------------------------------------------------------

    @property
    def session(self) -> RegisterSession | None:
        """The register shown, if any."""
        return self._session

    @property
    def drafts(self) -> DraftStore | None:
        """The draft store of the register shown."""
        return self._drafts

    def set_session(self, session: RegisterSession) -> None:
        """Show ``session``'s register with a new editor; offer drafts left by a crash, or
        the first steps on an empty register."""
        self._session = session
        self.audit.session_changed()
        self._drafts = self._make_drafts(session.location)
        self._install_editor(self._make_editor(session, self._drafts))
        where = session.location
        self.location_label.setText(self.fontMetrics().elidedText(
            self.tr("Register: %1").replace("%1", where), Qt.TextElideMode.ElideMiddle, 520))
        self.location_label.setToolTip(where)
        with self._quietly():  # ids of another register mean nothing here
            self.organisation_combo.clear()
        self._shown_org = None
        organisations = self.reload()
        # Asked once the window is on screen, not from inside set_session.
        if organisations is not None and not organisations:
            QTimer.singleShot(0, self, self._offer_first_steps)
        elif organisations:
            QTimer.singleShot(0, self, self._offer_drafts)

    def current_register(self) -> RegisterKind:
        """The register shown: controller's or processor's."""
        checked = self.commands.register_group.checkedAction()
        return RegisterKind(checked.data()) if checked else RegisterKind.CONTROLLER

    def set_register(self, kind: RegisterKind) -> None:
        """Show the controller's or the processor's register (asking about unsaved changes)."""
        c = self.commands
        action = c.processor if kind is RegisterKind.PROCESSOR else c.controller
        if not action.isChecked():
            action.trigger()

    def current_organisation_id(self) -> int | None:
        """The id of the organisation shown, or None when the register has none."""
        data = self.organisation_combo.currentData()
        return int(data) if data is not None else None

    def reload(self, select: int | None = None) -> list[StoredOrganisation] | None:
        """Read the organisations and the records shown again from the register.

        Args:
            select: the organisation to show; by default the one shown, else the last one
                shown in an earlier run, else the first.

        Returns:
            The organisations, or None if the register could not be read (the user was told).
        """
        if self._session is None:
            return None
        organisations = self._call(self._session.organisations.list,
                                   self.tr("Cannot read the organisations"))
        if organisations is None:
            return None
        wanted = next((i for i in (select, self.current_organisation_id(),
                                   self._settings.last_organisation_id) if i is not None), None)
        combo = self.organisation_combo
        with self._quietly():  # one load below, not one per item
            combo.clear()
            for org in organisations:
                combo.addItem(org.data.name, org.id)
            index = combo.findData(wanted) if wanted is not None else -1
            combo.setCurrentIndex(index if index >= 0 else 0)
        combo.setEnabled(bool(organisations))
        self._shown_org = self.current_organisation_id()
        if self._shown_org is not None:
            self._settings.last_organisation_id = self._shown_org
        self._load_records()
        return organisations

    def _load_records(self) -> None:
        org_id = self.current_organisation_id()
        rows: list[RecordSummary] = []
        session = self._session
        if session is not None and org_id is not None:
            # list_summaries reads 10,000 records in a few queries (well under a second), so
            # it runs here on the UI thread; a background worker (STYLE §10) goes here when
            # registers on slow servers make that noticeable.
            kind = self.current_register()
            found = self._call(lambda: session.records.list_summaries(org_id, kind),
                               self.tr("Cannot read the records"))
            rows = found if found is not None else []
        with self._quietly():
            self.model.set_rows(rows)
        self._select_quietly(self.editor.current_record_id() if self.editor else None)
        self._update_title()
        self._update_count()
        self._update_actions()
        self.records_loaded.emit(len(rows))

    def _selected_record_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(RecordIdRole)) if rows else None

    def _select_quietly(self, record_id: int | None) -> None:
        """Select ``record_id``'s row (or nothing) without loading it in the editor."""
        with self._quietly():
            source_row = self.model.row_of(record_id) if record_id is not None else None
            index = (self.proxy.mapFromSource(self.model.index(source_row, 0))
                     if source_row is not None else QModelIndex())
            if index.isValid():
                self.table.selectRow(index.row())
                self.table.scrollTo(index)
            else:
                self.table.clearSelection()

    def _update_title(self) -> None:
        name = self.organisation_combo.currentText()
        self.setWindowTitle(self.tr("%1 — ROPA[*]").replace("%1", name) if name
                            else self.tr("ROPA[*]"))

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown != total:
            text = self.tr("%1 of %n records", "", total).replace("%1", str(shown))
        elif total == 1:
            text = self.tr("1 record")
        else:
            text = self.tr("%n records", "", total)
        self.count_label.setText(text)

    def _current_summary(self) -> RecordSummary | None:
        record_id = self.editor.current_record_id() if self.editor else None
        row = self.model.row_of(record_id) if record_id is not None else None
        return self.model.summary(row) if row is not None else None

    def _update_actions(self) -> None:
        c = self.commands
        has_org = self._session is not None and self.current_organisation_id() is not None
        summary = self._current_summary()
        for action in (c.new_record, c.edit_organisation, c.third_parties):
            action.setEnabled(has_org)
        for action in (c.duplicate, c.delete, c.delete_in_list):
            action.setEnabled(summary is not None)
        active = summary is not None and summary.status is not RecordStatus.ARCHIVED
        c.archive.setEnabled(active)
        c.mark_reviewed.setEnabled(active)
        c.dashboard.setEnabled(has_org)
        c.recheck.setEnabled(has_org)
        c.go_to_editor.setEnabled(self.editor is not None)
        self.exports.update_actions()
        self.imports.update_actions()

    # --- the guard -----------------------------------------------------------------------------

    def _leave_ok(self) -> bool:
        """True when the editor may show something else (asks about unsaved changes)."""
        if self._guard_off or self.editor is None:
            return True
        return self.editor.confirm_leave()

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Changes made by the window itself: no guard, no loading."""
        was = self._syncing
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = was

    def _on_selection_changed(self) -> None:
        editor = self.editor
        if self._syncing or editor is None:
            return
        record_id = self._selected_record_id()
        if record_id is None or record_id == editor.current_record_id():
            self._update_actions()
            return
        if not self._leave_ok():  # back to the record being edited
            self._select_quietly(editor.current_record_id())
        elif self._try(lambda: editor.load_record(record_id), self.tr("Cannot open the record")):
            # Saving on the way out reloads the list: select the record asked for again.
            self._select_quietly(record_id)
        else:  # gone meanwhile (deleted by someone else?): show the register as it is
            self._load_records()
        self._update_actions()

    def _on_organisation_changed(self, _index: int) -> None:
        if self._syncing or self.current_organisation_id() == self._shown_org:
            return
        if not self._leave_ok():
            with self._quietly():
                self.organisation_combo.setCurrentIndex(
                    max(0, self.organisation_combo.findData(self._shown_org)))
            return
        self._shown_org = self.current_organisation_id()
        if self._shown_org is not None:
            self._settings.last_organisation_id = self._shown_org
        if self.editor is not None:
            self.editor.clear()
        self._load_records()

    def _on_register_triggered(self, action: QAction) -> None:
        kind = RegisterKind(action.data())
        if kind is self._shown_register:
            return
        if not self._leave_ok():
            c = self.commands
            (c.processor if self._shown_register is RegisterKind.PROCESSOR
             else c.controller).setChecked(True)
            return
        self._shown_register = kind
        self._settings.last_register = kind
        if self.editor is not None:
            self.editor.clear()
        self._load_records()

    # --- the editor's news -------------------------------------------------------------------

    def _on_record_saved(self, record_id: int) -> None:
        # Refresh only the saved row: reloading 10,000 rows would freeze the window for
        # about half a second after every save. A new record (or an unreadable row) reloads.
        session = self._session
        summary = session.records.summary(record_id) if session is not None else None
        editor = self.editor
        shown = editor is not None and editor.current_record_id() == record_id
        self.audit.record_changed(record_id, editor.current_doc() if shown else None)
        if summary is None or not self.model.update_row(summary):
            self._load_records()
        else:
            self._update_count()  # the proxy re-filters the changed row by itself
        self._select_quietly(record_id)
        self._update_actions()

    def _on_record_deleted(self, record_id: int) -> None:
        self.audit.record_removed(record_id)
        self._load_records()

    def _on_dirty_changed(self, dirty: bool) -> None:
        self.setWindowModified(dirty)

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    # --- first steps and organisations ---------------------------------------------------------

    def _offer_first_steps(self) -> None:
        if self._session is None or self.organisation_combo.count():
            return
        choice = self._prompts.ask_first_launch()
        if choice == FirstLaunchChoice.DEMO:
            self.import_demo()
        elif choice == FirstLaunchChoice.ORGANISATION:
            self.create_organisation()

    def import_demo(self) -> None:
        """Add the demo organisation to the register and show it."""
        if self._session is None:
            return
        demo_id = self._call(self._session.import_demo, self.tr("Cannot add the demo"))
        if demo_id is not None:
            self.show_organisation(demo_id)

    def create_organisation(self) -> None:
        """Ask for a new organisation, store it and show its (empty) register."""
        if self._session is None:
            return
        new_id = self._prompts.ask_new_organisation(self._session.organisations.create)
        if new_id is not None:
            self.show_organisation(new_id)

    def show_organisation(self, org_id: int) -> None:
        """Show the register of organisation ``org_id`` (asking about unsaved changes)."""
        if self.current_organisation_id() != org_id and self._leave_ok() and self.editor:
            self.editor.clear()
        self.reload(select=org_id)

    def edit_organisation(self, focus: str | None = None) -> None:
        """Let the user edit the organisation shown (every field of its block), with the
        cursor in field ``focus`` if given."""
        session, org_id = self._session, self.current_organisation_id()
        if session is None or org_id is None:
            return
        stored = self._call(lambda: session.organisations.get(org_id),
                            self.tr("Cannot read the organisation"))
        if stored is None:
            return

        def save(data: object) -> int:
            session.organisations.update(org_id, data)  # type: ignore[arg-type]
            return org_id

        if self._prompts.ask_edit_organisation(stored.data, save, focus) is not None:
            self.audit.organisation_changed()
            self.reload(select=org_id)

    def show_third_parties(self) -> None:
        """Show the third parties of the organisation shown."""
        session, org_id = self._session, self.current_organisation_id()
        if session is not None and org_id is not None:
            self._prompts.show_third_parties(session.organisations, org_id,
                                             self.organisation_combo.currentText())
            self.audit.recheck()  # a processor's contract or certification may have changed

    # --- audit readiness ------------------------------------------------------------------------

    def open_finding(self, row: AuditRow) -> None:
        """Open what a finding is about at the field to fix: the record in the editor
        (switching register and clearing the search if needed), or the organisation dialog."""
        finding = row.finding
        if row.record_id is None:
            self.edit_organisation(focus=finding.path)
            return
        if finding.register is not None and finding.register is not self.current_register():
            self.set_register(finding.register)
            if self.current_register() is not finding.register:
                return  # the user kept the unsaved changes of the record shown
        if self._show_record(row.record_id) and self.editor is not None:
            self.editor_area.ensureWidgetVisible(self.editor, 0, 0)
            self.editor.focus_field(finding.path)

    def _show_record(self, record_id: int) -> bool:
        """Select ``record_id`` in the list and show it in the editor; True when shown."""
        editor = self.editor
        if editor is None:
            return False
        if editor.current_record_id() == record_id:
            self._select_quietly(record_id)
            return True
        source_row = self.model.row_of(record_id)
        if source_row is None:  # added meanwhile (by someone else?): read the list again
            self._load_records()
            source_row = self.model.row_of(record_id)
            if source_row is None:
                self._prompts.show_error(self.tr("Cannot open the record"),
                                         self.tr("The record is no longer in the register."))
                return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():  # hidden by the search or a filter
            self._clear_search_and_filters()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectRow(index.row())  # loads it, asking about unsaved changes
        self.table.scrollTo(index)
        return editor.current_record_id() == record_id

    def mark_reviewed(self) -> None:
        """Record the periodic review of the record shown by the user, today."""
        session, org_id, editor = self._session, self.current_organisation_id(), self.editor
        if session is None or org_id is None or editor is None \
                or editor.current_record_id() is None:
            return
        stored = self._call(lambda: session.organisations.get(org_id),
                            self.tr("Cannot read the organisation"))
        if stored is None:
            return
        interval = stored.data.review_interval_months
        if editor.mark_reviewed(session.records.author, self.audit.today(), interval):
            doc = editor.current_doc()
            due = doc.next_review
            when = (QLocale().toString(QDate(due.year, due.month, due.day),
                                       QLocale.FormatType.LongFormat) if due else "")
            self._show_status(self.tr("%1 reviewed; next review on %2")
                              .replace("%1", doc.reference).replace("%2", when))

    # --- search, filters, focus ----------------------------------------------------------------

    def _on_reload_triggered(self) -> None:
        self.reload()
        self.audit.recheck()  # others may have changed any record

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._update_count()

    def _apply_filters(self) -> None:
        bar = self.filter_bar
        self.proxy.set_status_filter(bar.status())
        self.proxy.set_legal_basis_filter(bar.legal_basis())
        self.proxy.set_special_data_filter(bar.special_data())
        self.proxy.set_transfers_filter(bar.transfers())
        self.proxy.set_overdue_only(bar.overdue_only())
        self._update_count()

    def _clear_search_and_filters(self) -> None:
        self.search_edit.clear()
        self.filter_bar.clear()

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _focus_editor(self) -> None:
        """Put the cursor in the editor's first field."""
        editor = self.editor
        if editor is None:
            return
        widget = editor.nextInFocusChain()
        while widget is not None and widget is not editor:
            if (editor.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()
        editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- help and files ------------------------------------------------------------------------

    def _show_shortcuts(self) -> None:
        lines = [f"{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t"
                 f"{a.text().replace('&', '').rstrip('…')}"
                 for a in self.commands.with_shortcuts()]
        lines.append(f"{QKeySequence(QKeySequence.StandardKey.Delete).toString()}\t"
                     + self.tr("Delete the record selected in the list"))
        self._prompts.show_info(self.tr("Keyboard shortcuts"), "\n".join(lines))

    def _show_about(self) -> None:
        self._prompts.show_info(self.tr("About ROPA"), self.tr(
            "ROPA %1\nThe record of processing activities of GDPR Article 30, kept by the "
            "data protection officer.").replace("%1", __version__))

    def _ask_register_path(self) -> None:
        start = str(Path(self._session.location).parent) if self._session else ""
        path = self._prompts.ask_register_path(start)
        if path and self._leave_ok():
            self.open_register_requested.emit(path)

    def _call(self, action: Callable[[], T], title: str) -> T | None:
        """Run a store call; a RopaError is shown to the user and gives None."""
        try:
            return action()
        except RopaError as exc:
            self._prompts.show_error(title, str(exc))
            return None

    def _try(self, action: Callable[[], object], title: str) -> bool:
        """Run a store call; a RopaError is shown to the user and gives False."""
        try:
            action()
        except RopaError as exc:
            self._prompts.show_error(title, str(exc))
            return False
        return True
