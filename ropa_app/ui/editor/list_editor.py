"""A list of the record as an editable table, with buttons and keys to add, remove and
move its rows (Insert, Delete, Ctrl+Up, Ctrl+Down while the table has focus).

Every row operation is one undo command; the table follows the model (an inserted or
moved row becomes the current one, whoever inserted it: the user, undo or redo).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractProxyModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ropa_app.ui.editor.commands import InsertRowCommand, MoveRowCommand, RemoveRowCommand
from ropa_app.ui.editor.form import ProblemLabel
from ropa_app.ui.editor.list_models import RecordListModel, Row

#: Rows a table shows before it scrolls on its own.
MAX_VISIBLE_ROWS = 8


class ListTable(QTableView):
    """A table that asks for the height of its rows (up to :data:`MAX_VISIBLE_ROWS`), so the
    form around it grows with the list instead of nesting scroll bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        self.preferred_widths: dict[int, int] = {}

    def fit_columns(self) -> None:
        """Give each column its preferred width, shared out in proportion when the table
        is wider than that (narrower: the table scrolls sideways)."""
        header = self.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        wanted = {c: self.preferred_widths.get(c, header.defaultSectionSize()) for c in shown}
        total = sum(wanted.values())
        if not total:
            return
        available = self.viewport().width()
        if available <= total:
            for column, width in wanted.items():
                header.resizeSection(column, width)
            return
        widths = {c: w * available // total for c, w in wanted.items()}
        last = header.logicalIndex(max(header.visualIndex(c) for c in shown))
        widths[last] += available - sum(widths.values())
        for column, width in widths.items():
            header.resizeSection(column, width)

    def fit_height(self) -> None:
        """Size the table to its rows (at least two empty ones, to show where rows go)."""
        rows = max(2, min(self.model().rowCount() if self.model() else 0, MAX_VISIBLE_ROWS))
        header = self.horizontalHeader()
        height = header.sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
        height += 2 * self.frameWidth()
        if header.length() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Columns share the width; the horizontal scroll bar comes and goes with it."""
        super().resizeEvent(event)
        self.fit_columns()
        self.fit_height()


class ListEditor(QWidget):
    """One list's table and its row buttons.

    Args:
        model: the list (rows are counted in it).
        view_model: what the table shows: ``model``, or a proxy over it.
        undo_stack: where row operations go.
        delegate: the cell editors.
        new_row: the values of an added row.
        what: the list's name for the Edit menu ("Purposes").
    """

    def __init__(self, model: RecordListModel, view_model: QAbstractProxyModel | RecordListModel,
                 undo_stack: QUndoStack, delegate: QStyledItemDelegate,
                 new_row: Callable[[], Row], what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._stack = undo_stack
        self._new_row = new_row
        self._what = what

        self.view = ListTable()
        self.view.setModel(view_model)
        self.view.setItemDelegate(delegate)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table, on through the form
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 12)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)  # fit_columns shares the width out instead
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        char = self.view.fontMetrics().averageCharWidth()
        self.view.preferred_widths = {column: spec.width * char + 16
                                      for column, spec in enumerate(model.SPECS)}
        self.view.fit_columns()

        self.add_action = self._action(self.tr("Add"), QKeySequence(Qt.Key.Key_Insert),
                                       self.tr("Add a row (Insert)"), self.add_row)
        self.remove_action = self._action(self.tr("Remove"), QKeySequence(Qt.Key.Key_Delete),
                                          self.tr("Remove the current row (Delete)"),
                                          self.remove_row)
        self.up_action = self._action(self.tr("Move up"),
                                      QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up),
                                      self.tr("Move the current row up (Ctrl+Up)"),
                                      lambda: self.move_row(-1))
        self.down_action = self._action(self.tr("Move down"),
                                        QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down),
                                        self.tr("Move the current row down (Ctrl+Down)"),
                                        lambda: self.move_row(1))
        self.add_button = self._button(self.add_action)
        self.remove_button = self._button(self.remove_action)
        self.up_button = self._button(self.up_action)
        self.down_button = self._button(self.down_action)
        self.problem_label = ProblemLabel()

        buttons = self.buttons_layout = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.problem_label)

        view_model.rowsInserted.connect(self._on_rows_inserted)
        view_model.rowsMoved.connect(self._on_rows_moved)
        view_model.rowsRemoved.connect(self._on_rows_changed)
        view_model.modelReset.connect(self._on_rows_changed)
        view_model.layoutChanged.connect(self._on_rows_changed)
        self.view.selectionModel().currentChanged.connect(self._update_actions)
        self._on_rows_changed()

    def _action(self, text: str, key: QKeySequence, tip: str,
                slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.view)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    @staticmethod
    def _button(action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # --- rows ---------------------------------------------------------------------------------

    def _source_row(self, view_row: int) -> int:
        view_model = self.view.model()
        if isinstance(view_model, QAbstractProxyModel):
            return view_model.mapToSource(view_model.index(view_row, 0)).row()
        return view_row

    def current_source_row(self) -> int | None:
        """The list row of the table's current cell, or None."""
        current = self.view.currentIndex()
        return self._source_row(current.row()) if current.isValid() else None

    def add_row(self) -> None:
        """Add a row after the current one (at the end when there is none)."""
        current = self.current_source_row()
        row = self.model.rowCount() if current is None else current + 1
        self._stack.push(InsertRowCommand(self.model, row, self._new_row(),
                                          self.tr("Add a row to %1").replace("%1", self._what)))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_row(self) -> None:
        """Remove the current row."""
        row = self.current_source_row()
        if row is not None:
            self._stack.push(RemoveRowCommand(
                self.model, row, self.tr("Remove a row from %1").replace("%1", self._what)))

    def move_row(self, step: int) -> None:
        """Move the current row one place up (-1) or down (+1) among the rows shown."""
        current = self.view.currentIndex()
        if not current.isValid():
            return
        neighbour = current.row() + step
        if not 0 <= neighbour < self.view.model().rowCount():
            return
        self._stack.push(MoveRowCommand(
            self.model, self._source_row(current.row()), self._source_row(neighbour),
            self.tr("Move a row in %1").replace("%1", self._what)))

    def select(self, view_row: int, column: int = 0) -> None:
        """Make a cell the current one."""
        index = self.view.model().index(view_row, column)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        self._on_rows_changed()
        self.select(first, max(self.view.currentIndex().column(), 0))

    def _on_rows_moved(self, _parent: QModelIndex, start: int, _end: int,
                       _destination: QModelIndex, row: int) -> None:
        self._on_rows_changed()
        self.select(row if row < start else row - 1, max(self.view.currentIndex().column(), 0))

    def _on_rows_changed(self, *_args: object) -> None:
        self.view.fit_height()
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        current = self.view.currentIndex()
        count = self.view.model().rowCount()
        has = current.isValid()
        self.remove_action.setEnabled(has)
        self.up_action.setEnabled(has and current.row() > 0)
        self.down_action.setEnabled(has and current.row() < count - 1)

    def commit_edit(self) -> None:
        """Finish the cell being edited, keeping what was typed."""
        if self.view.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        while editor is not None and editor.parentWidget() is not self.view.viewport():
            editor = editor.parentWidget()
        if editor is not None:
            self.view.commitData(editor)
            self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def show_problems(self, messages: list[str]) -> None:
        """List the table's problems under it (the cells are marked too)."""
        self.problem_label.set_problems(messages)
