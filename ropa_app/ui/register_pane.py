"""The left side of the main window: the register list with its bar (organisation, register
switch, search, filters) and its column chooser.

The pane lays the widgets out and looks after its table's columns; the window connects
the widgets to what they do (see :class:`~ropa_app.ui.main_window.MainWindow`).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ropa_app.domain.enums import RecordStatus, RegisterKind
from ropa_app.domain.reference import label
from ropa_app.ui.filters import FilterBar
from ropa_app.ui.register_model import Column, RegisterFilterProxy, RegisterTableModel


class RegisterPane(QWidget):
    """Organisation and register choice, search, filters and the record list.

    Args:
        model: the register model (for the column titles).
        proxy: the proxy the table shows.
        register_actions: the controller's and processor's register actions, shown as a
            two-button switch.
        lang: language of the reference labels.
        parent: the owning widget.

    Attributes:
        column_actions: one checkable action per column (shown or hidden), used by the
            header's context menu and the View > Columns menu.
        columns_menu: the menu of those actions.
    """

    def __init__(self, model: RegisterTableModel, proxy: RegisterFilterProxy,
                 register_actions: dict[RegisterKind, QAction], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._lang = lang

        org_label = QLabel(self.tr("Or&ganisation:"))
        self.organisation_combo = QComboBox()
        self.organisation_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.organisation_combo.setMinimumContentsLength(16)
        self.organisation_combo.setSizePolicy(QSizePolicy.Policy.Expanding,
                                              QSizePolicy.Policy.Fixed)
        self.organisation_combo.setToolTip(self.tr("The organisation whose register is shown"))
        org_label.setBuddy(self.organisation_combo)

        self.register_buttons: dict[RegisterKind, QToolButton] = {}
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for kind, action in register_actions.items():
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            switch.addWidget(button)
            self.register_buttons[kind] = button

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search the register…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.search_edit.setToolTip(self.tr(
            "Show the records containing every word typed, in any of their fields (Ctrl+F)"))
        self.clear_search_action = QAction(self.tr("Clear search"), self.search_edit)
        self.clear_search_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_search_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.search_edit.addAction(self.clear_search_action)

        self.filter_bar = FilterBar(lang)
        self.table = self._make_table(proxy)

        top = QHBoxLayout()
        top.addWidget(org_label)
        top.addWidget(self.organisation_combo, 1)
        top.addSpacing(8)
        top.addLayout(switch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.addLayout(top)
        self._notices = QVBoxLayout()  # bars such as the overdue-review notice
        self._notices.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._notices)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

        self.columns_menu = QMenu(self.tr("Columns"), self)
        self.column_actions: dict[Column, QAction] = {}
        for column in Column:
            action = self.columns_menu.addAction(str(model.headerData(
                column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(True)
            action.setData(int(column))
            self.column_actions[column] = action
        self._connect_signals()

    def add_notice(self, notice: QWidget) -> None:
        """Show ``notice`` (a bar that hides itself) above the search field."""
        self._notices.addWidget(notice)

    def _make_table(self, proxy: RegisterFilterProxy) -> QTableView:
        table = QTableView()
        table.setModel(proxy)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        return table

    def _connect_signals(self) -> None:
        self.columns_menu.triggered.connect(self._on_column_toggled)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._header_menu)

    # --- columns --------------------------------------------------------------------------

    #: Columns hidden until the user shows them: the list is narrow beside the editor,
    #: and the editor shows the purposes and dates of the record selected.
    HIDDEN_BY_DEFAULT = (Column.MAIN_PURPOSE, Column.UPDATED)

    def default_columns(self) -> None:
        """The default columns in their place, at a width fitting their content; the name
        takes the width left."""
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        pad = fm.averageCharWidth() + 16  # cell margins and the sort arrow

        def fit(*samples: str) -> int:
            return max(fm.horizontalAdvance(s) for s in samples) + pad

        sample_day = QLocale().toString(QDate(2026, 12, 28), QLocale.FormatType.ShortFormat)
        headers = {c: str(self._model.headerData(c, Qt.Orientation.Horizontal)) for c in Column}
        statuses = [label(s, self._lang) for s in RecordStatus]
        widths = {
            Column.REFERENCE: fit("COM-000", headers[Column.REFERENCE]),
            Column.MAIN_PURPOSE: fm.averageCharWidth() * 40,
            Column.LEGAL_BASES: fit("Art. 6(1)(b), (c), (f)", headers[Column.LEGAL_BASES]),
            Column.STATUS: fit(*statuses, headers[Column.STATUS]),
            Column.UPDATED: fit(sample_day, headers[Column.UPDATED]),
            Column.NEXT_REVIEW: fit(sample_day, headers[Column.NEXT_REVIEW]),
        }
        for logical in Column:
            header.moveSection(header.visualIndex(logical), logical)
            header.setSectionHidden(logical, logical in self.HIDDEN_BY_DEFAULT)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(fm.averageCharWidth() * 5)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # The name takes what the other columns leave.
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.REFERENCE, Qt.SortOrder.AscendingOrder)
        self.sync_column_actions()

    def restore_columns(self, state: bytes | object) -> None:
        """Restore the header as saved (shown columns, order, widths, sort), or the default."""
        header = self.table.horizontalHeader()
        if state is None or not header.restoreState(state):  # type: ignore[arg-type]
            self.default_columns()
        self.sync_column_actions()

    def sync_column_actions(self) -> None:
        """Tick the shown columns; the last one shown cannot be hidden."""
        header = self.table.horizontalHeader()
        shown = [c for c in Column if not header.isSectionHidden(c)]
        for column, action in self.column_actions.items():
            action.setChecked(column in shown)
            action.setEnabled(shown != [column])

    def _on_column_toggled(self, action: QAction) -> None:
        column = Column(int(action.data()))
        header = self.table.horizontalHeader()
        header.setSectionHidden(column, not action.isChecked())
        if action.isChecked() and header.sectionSize(column) < header.minimumSectionSize() * 2:
            header.resizeSection(column, header.defaultSectionSize())
        self.sync_column_actions()

    def _header_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        self.columns_menu.popup(header.mapToGlobal(pos))
