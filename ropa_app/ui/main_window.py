"""The main window: one organisation's controller or processor register, as a list.

The window shows what a :class:`~ropa_app.ui.session.RegisterSession` holds; it opens no
register itself (it asks, through ``open_register_requested``, and the composition root
answers with :meth:`MainWindow.set_session`). Questions and messages go through the
:class:`~ropa_app.ui.prompts.PromptService` it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

from ropa_app.domain.enums import RecordStatus, RegisterKind
from ropa_app.domain.reference import label
from ropa_app.store.errors import RopaError
from ropa_app.store.organisations import StoredOrganisation
from ropa_app.store.records import RecordSummary
from ropa_app.ui.prompts import FirstLaunchChoice, PromptService
from ropa_app.ui.register_model import (
    Column,
    RecordIdRole,
    RegisterFilterProxy,
    RegisterTableModel,
    ui_language,
)
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

T = TypeVar("T")


class MainWindow(QMainWindow):
    """The register window: organisation, register switch, search, and the record list.

    Signals:
        open_register_requested(str): the user chose another register file to open.
        record_open_requested(int): the user activated a record (double-click or Enter);
            carries its id. The record editor will answer it.
        records_loaded(int): the list was (re)loaded from the register; carries the number
            of records of the register shown.

    Args:
        settings: where the window remembers its geometry and the last register shown.
        prompts: the service that asks the user questions and shows messages.
        parent: normally None (a top-level window).
    """

    open_register_requested = Signal(str)
    record_open_requested = Signal(int)
    records_loaded = Signal(int)

    def __init__(
        self, settings: Settings, prompts: PromptService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._prompts = prompts
        self._session: RegisterSession | None = None
        self._lang = ui_language()
        self.setWindowTitle(self.tr("ROPA"))

        self.model = RegisterTableModel(self._lang, parent=self)
        self.proxy = RegisterFilterProxy(self.model, parent=self)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_table()
        self._build_status_bar()
        self._connect_signals()
        self._restore_settings()

    # --- building ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.new_organisation_action = QAction(self.tr("&New organisation…"), self)
        self.open_action = QAction(self.tr("&Open register…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.controller_action = QAction(self.tr("&Controller's register"), self)
        self.controller_action.setToolTip(
            self.tr("Art. 30(1): the activities your organisation carries out as controller"))
        self.controller_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_1))
        self.processor_action = QAction(self.tr("&Processor's register"), self)
        self.processor_action.setToolTip(
            self.tr("Art. 30(2): the processing it carries out on behalf of its clients"))
        self.processor_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_2))
        self.register_group = QActionGroup(self)
        self.register_group.setExclusive(True)
        for action, kind in ((self.controller_action, RegisterKind.CONTROLLER),
                             (self.processor_action, RegisterKind.PROCESSOR)):
            action.setCheckable(True)
            action.setData(kind.value)
            self.register_group.addAction(action)
        self.controller_action.setChecked(True)

        self.find_action = QAction(self.tr("&Search records"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.reload_action = QAction(self.tr("&Reload"), self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_organisation_action)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.controller_action)
        view_menu.addAction(self.processor_action)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.reload_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Register"), self)
        bar.setObjectName("register_toolbar")  # saveState() needs a name
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

        org_label = QLabel(self.tr("Organisation:"))
        org_label.setContentsMargins(6, 0, 4, 0)
        self.organisation_combo = QComboBox()
        self.organisation_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.organisation_combo.setMinimumContentsLength(24)
        self.organisation_combo.setToolTip(self.tr("The organisation whose register is shown"))
        org_label.setBuddy(self.organisation_combo)
        bar.addWidget(org_label)
        bar.addWidget(self.organisation_combo)
        bar.addSeparator()
        bar.addWidget(self._register_switch())

        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(self.tr(
            "Show the records whose reference, name, purpose, legal basis or status "
            "contains every word typed (Ctrl+F)"))
        self.search_edit.setMinimumWidth(self.search_edit.fontMetrics().averageCharWidth() * 36)
        self.clear_search_action = QAction(self.tr("Clear search"), self.search_edit)
        self.clear_search_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_search_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.search_edit.addAction(self.clear_search_action)
        bar.addWidget(self.search_edit)

    def _register_switch(self) -> QWidget:
        """The two register actions as side-by-side buttons that look pressable."""
        switch = QWidget()
        row = QHBoxLayout(switch)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.register_buttons: dict[RegisterKind, QToolButton] = {}
        for kind, action in ((RegisterKind.CONTROLLER, self.controller_action),
                             (RegisterKind.PROCESSOR, self.processor_action)):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(False)  # tool bar buttons are flat; a switch must look pressable
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
            self.register_buttons[kind] = button
        return switch

    def _build_table(self) -> None:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + 10)
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setSectionsMovable(True)
        self.table = table
        self.setCentralWidget(table)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.location_label = QLabel()
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.location_label)

    def _connect_signals(self) -> None:
        self.new_organisation_action.triggered.connect(self.create_organisation)
        self.open_action.triggered.connect(self._ask_register_path)
        self.quit_action.triggered.connect(self.close)
        self.register_group.triggered.connect(self._on_register_triggered)
        self.find_action.triggered.connect(self._focus_search)
        self.reload_action.triggered.connect(self.reload)
        self.organisation_combo.currentIndexChanged.connect(self._on_organisation_changed)
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.clear_search_action.triggered.connect(self.search_edit.clear)
        self.table.activated.connect(self._on_row_activated)

    # --- settings ------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        if not self.restoreGeometry(self._settings.window_geometry):
            self.resize(1280, 760)
        self.restoreState(self._settings.window_state)
        header = self.table.horizontalHeader()
        if not header.restoreState(self._settings.table_header_state):
            self._default_columns()
        self.table.setSortingEnabled(True)  # sorts by the (restored) sort indicator
        kind = self._settings.last_register
        (self.processor_action if kind is RegisterKind.PROCESSOR
         else self.controller_action).setChecked(True)

    def _default_columns(self) -> None:
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        pad = 2 * fm.averageCharWidth() + 16  # cell margins and the sort arrow

        def fit(*samples: str) -> int:
            return max(fm.horizontalAdvance(s) for s in samples) + pad

        sample_day = QLocale().toString(QDate(2026, 12, 28), QLocale.FormatType.ShortFormat)
        headers = {c: str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in Column}
        statuses = [label(s, self._lang) for s in RecordStatus]
        widths = {
            Column.REFERENCE: fit("COM-000", headers[Column.REFERENCE]),
            Column.NAME: fm.averageCharWidth() * 46,
            Column.LEGAL_BASES: fit("Art. 6(1)(b), (c), (f)", headers[Column.LEGAL_BASES]),
            Column.STATUS: fit(*statuses, headers[Column.STATUS]),
            Column.UPDATED: fit(sample_day, headers[Column.UPDATED]),
            Column.NEXT_REVIEW: fit(sample_day, headers[Column.NEXT_REVIEW]),
        }
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(fm.averageCharWidth() * 5)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # The main purpose takes what the other columns leave.
        header.setSectionResizeMode(Column.MAIN_PURPOSE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.REFERENCE, Qt.SortOrder.AscendingOrder)

    def _save_settings(self) -> None:
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.table_header_state = self.table.horizontalHeader().saveState()
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember how the window looked before closing."""
        self._save_settings()
        super().closeEvent(event)

    # --- the register shown --------------------------------------------------------------------

    @property
    def session(self) -> RegisterSession | None:
        """The register shown, if any."""
        return self._session

    def set_session(self, session: RegisterSession) -> None:
        """Show ``session``'s register; on an empty register, offer the first steps."""
        self._session = session
        where = session.location
        self.location_label.setText(self.fontMetrics().elidedText(
            self.tr("Register: %1").replace("%1", where), Qt.TextElideMode.ElideMiddle, 520))
        self.location_label.setToolTip(where)
        self.organisation_combo.blockSignals(True)  # ids of another register mean nothing here
        self.organisation_combo.clear()
        self.organisation_combo.blockSignals(False)
        organisations = self.reload()
        if organisations is not None and not organisations:
            # Asked once the window is on screen, not from inside set_session.
            QTimer.singleShot(0, self, self._offer_first_steps)

    def current_register(self) -> RegisterKind:
        """The register shown: controller's or processor's."""
        checked = self.register_group.checkedAction()
        return RegisterKind(checked.data()) if checked else RegisterKind.CONTROLLER

    def set_register(self, kind: RegisterKind) -> None:
        """Show the controller's or the processor's register."""
        action = self.processor_action if kind is RegisterKind.PROCESSOR else self.controller_action
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
        combo.blockSignals(True)  # one load below, not one per item
        try:
            combo.clear()
            for org in organisations:
                combo.addItem(org.data.name, org.id)
            index = combo.findData(wanted) if wanted is not None else -1
            combo.setCurrentIndex(index if index >= 0 else 0)
        finally:
            combo.blockSignals(False)
        combo.setEnabled(bool(organisations))
        shown = self.current_organisation_id()
        if shown is not None:
            self._settings.last_organisation_id = shown
        self._load_records()
        return organisations

    def _load_records(self) -> None:
        org_id = self.current_organisation_id()
        selected = self._selected_record_id()
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
        self.model.set_rows(rows)
        self._reselect(selected)
        self._update_title()
        self._update_count()
        self.records_loaded.emit(len(rows))

    def _selected_record_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(RecordIdRole)) if rows else None

    def _reselect(self, record_id: int | None) -> None:
        source_row = self.model.row_of(record_id) if record_id is not None else None
        if source_row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if index.isValid():
            self.table.selectRow(index.row())

    def _update_title(self) -> None:
        name = self.organisation_combo.currentText()
        self.setWindowTitle(self.tr("%1 — ROPA").replace("%1", name) if name else self.tr("ROPA"))

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
            self.reload(select=demo_id)

    def create_organisation(self) -> None:
        """Ask for a new organisation, store it and show its (empty) register."""
        if self._session is None:
            return
        new_id = self._prompts.ask_new_organisation(self._session.organisations.create)
        if new_id is None:
            return
        self.reload(select=new_id)

    # --- reactions -----------------------------------------------------------------------------

    def _on_organisation_changed(self, _index: int) -> None:
        org_id = self.current_organisation_id()
        if org_id is not None:
            self._settings.last_organisation_id = org_id
        self._load_records()

    def _on_register_triggered(self, action: QAction) -> None:
        self._settings.last_register = RegisterKind(action.data())
        self._load_records()

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._update_count()

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_row_activated(self, index: QModelIndex) -> None:
        self.record_open_requested.emit(int(index.data(RecordIdRole)))

    def _ask_register_path(self) -> None:
        start = str(Path(self._session.location).parent) if self._session else ""
        path = self._prompts.ask_register_path(start)
        if path:
            self.open_register_requested.emit(path)

    def _call(self, action: Callable[[], T], title: str) -> T | None:
        """Run a store call; a RopaError is shown to the user and gives None."""
        try:
            return action()
        except RopaError as exc:
            self._prompts.show_error(title, str(exc))
            return None
