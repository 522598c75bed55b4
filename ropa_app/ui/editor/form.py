"""The form's parts: folding sections, problem labels, a date field that can be empty, the
check list of the CNIL's DPIA list, and the binder that turns each user edit of a field into
one undo command and shows the record's values back in the widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ropa_app.ui.editor.commands import SetFieldCommand
from ropa_app.ui.editor.document import EditorDocument
from ropa_app.ui.editor.labels import FieldLabels

AnyIndex = QModelIndex | QPersistentModelIndex
PROBLEM_COLOUR = "#b3261e"


class Section(QWidget):
    """A titled block of the fiche that folds away (its title is a button).

    Args:
        title: e.g. "3. Purposes".
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.toggle = QToolButton()
        self.toggle.setText(title)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        # A heading, not a button to press: no frame, no pressed look when unfolded.
        self.toggle.setStyleSheet("QToolButton { border: none; background: transparent; }")
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        font = QFont(self.toggle.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.toggle.setFont(font)
        self.badge = QLabel()
        self.badge.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toggle)
        header.addWidget(self.badge)
        header.addWidget(line, 1)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(22, 2, 4, 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self.set_expanded)

    def set_expanded(self, expanded: bool) -> None:
        """Unfold (True) or fold the section."""
        self.toggle.setChecked(expanded)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)

    def is_expanded(self) -> bool:
        """Whether the section shows its fields."""
        return self.toggle.isChecked()

    def set_problem_count(self, count: int) -> None:
        """Say on the title how many problems the section holds."""
        if count == 1:
            self.badge.setText(self.tr("1 problem"))
        else:
            self.badge.setText(self.tr("%n problems", "", count) if count else "")


class ProblemLabel(QLabel):
    """A red message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def set_problems(self, messages: list[str]) -> None:
        """Show the messages, one a line (none: hide)."""
        self.setText("\n".join(messages))
        self.setVisible(bool(messages))


def field_with_problem(widget: QWidget, problem: ProblemLabel) -> QWidget:
    """A field and its problem label under it, as one form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(problem)
    return box


class DateField(QWidget):
    """A date that may be empty: typed in the locale's short format (or ISO, 2026-03-01),
    or picked in a calendar; an emptied field means "no date".

    Signals:
        date_edited(object): the user set a date (a ``datetime.date``) or emptied it (None).
    """

    date_edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
        self._format = fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")
        self._value: date | None = None
        self.line = QLineEdit()
        self.line.setPlaceholderText(self._format.lower())
        self.line.setMaxLength(10)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.button = QToolButton()
        self.button.setText("…")
        self.button.setToolTip(self.tr("Pick the date in a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(menu)
        # The button says what it does; the menu arrow would squeeze the "…".
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._on_typed)
        self.line.editingFinished.connect(self._on_finished)
        self.calendar.clicked.connect(self._on_picked)
        menu.aboutToShow.connect(self._prepare_calendar)

    def value(self) -> date | None:
        """The date, or None when it is empty."""
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show ``value`` without it counting as an edit."""
        self._value = value
        self.line.setText("" if value is None else QDate(value).toString(self._format))

    def _parse(self, text: str) -> date | bool | None:
        """The date typed, None for nothing, False when it is not (yet) a date."""
        text = text.strip()
        if not text:
            return None
        for fmt in (self._format, "yyyy-MM-dd"):
            parsed = QDate.fromString(text, fmt)
            if parsed.isValid():
                return cast(date, parsed.toPython())
        return False

    def _on_typed(self, text: str) -> None:
        parsed = self._parse(text)
        if parsed is not False and parsed != self._value:
            self._value = parsed if isinstance(parsed, date) else None
            self.date_edited.emit(self._value)

    def _on_finished(self) -> None:
        # Half a date typed and left: show the date the record holds again.
        if self._parse(self.line.text()) is False:
            self.set_value(self._value)

    def _prepare_calendar(self) -> None:
        shown = QDate(self._value) if self._value is not None else QDate.currentDate()
        self.calendar.setSelectedDate(shown)

    def _on_picked(self, picked: QDate) -> None:
        menu = self.button.menu()
        if menu is not None:
            menu.hide()
        value = cast(date, picked.toPython())
        if value != self._value:
            self.set_value(value)
            self.date_edited.emit(value)


class CheckListModel(QAbstractListModel):
    """Codes to tick in a list (the CNIL's list of processing requiring a DPIA).

    Ticking calls ``on_toggle(codes)`` with the codes that would be ticked; the binder makes
    that an undo command, which comes back through :meth:`set_checked`. A ticked code that
    the list does not know is shown too, so that it can be unticked.
    """

    class Column(IntEnum):
        """The single column."""

        ENTRY = 0

    def __init__(self, choices: list[tuple[str, str, str]], unknown_text: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._known = len(choices)
        self._unknown_text = unknown_text
        self._checked: list[str] = []
        self.on_toggle: Callable[[list[str]], None] | None = None

    def codes(self) -> list[str]:
        """The codes ticked, in the list's order."""
        return [c for c, _l, _h in self._choices if c in self._checked]

    def set_checked(self, codes: list[str]) -> None:
        """Tick exactly ``codes``."""
        unknown = [c for c in codes if c not in {k for k, _l, _h in self._choices[:self._known]}]
        if self._choices[self._known:] != [(c, c, "") for c in unknown]:
            self.beginResetModel()
            self._choices = self._choices[:self._known] + [(c, c, "") for c in unknown]
            self._checked = list(codes)
            self.endResetModel()
            return
        self._checked = list(codes)
        if self._choices:
            self.dataChanged.emit(self.index(0), self.index(len(self._choices) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices) or index.column():
            return None
        code, label, help_text = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label if index.row() < self._known else self._unknown_text.replace("%1", code)
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if code in self._checked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return help_text or None
        if role == Qt.ItemDataRole.UserRole:
            return code
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        code = self._choices[index.row()][0]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        wanted = [c for c in self._checked if c != code] + ([code] if checked else [])
        order = [c for c, _l, _h in self._choices]
        wanted.sort(key=order.index)
        if self.on_toggle is not None:
            self.on_toggle(wanted)
        else:
            self.set_checked(wanted)
        return True


_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class FormBinder(QObject):
    """Ties form widgets to the record's fields.

    A user edit of a bound widget becomes one :class:`SetFieldCommand` (keystrokes in one
    field merge until the field loses focus); when the record changes (an edit, undo,
    redo, a load), the widget shows the new value. Ctrl+Z / Ctrl+Shift+Z in a bound text
    field go to the editor's undo stack, never to the widget's own undo.
    """

    def __init__(self, document: EditorDocument, undo_stack: QUndoStack, labels: FieldLabels,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._stack = undo_stack
        self._labels = labels
        self._show: dict[str, Callable[[Any], None]] = {}
        self._widgets: dict[str, QWidget] = {}
        self._problems: dict[str, ProblemLabel] = {}
        self._runs: dict[str, int] = {}
        self._run = 0
        document.field_changed.connect(self._on_field_changed)

    # --- binding ------------------------------------------------------------------------------

    def problem_label(self, field: str) -> ProblemLabel:
        """The problem label of a field (made on first use)."""
        if field not in self._problems:
            self._problems[field] = ProblemLabel()
        return self._problems[field]

    def widget(self, field: str) -> QWidget | None:
        """The widget editing ``field``."""
        return self._widgets.get(field)

    def fields(self) -> list[str]:
        """The fields bound so far."""
        return list(self._widgets)

    def _register(self, field: str, widget: QWidget, show: Callable[[Any], None]) -> None:
        self._widgets[field] = widget
        self._show[field] = show
        widget.installEventFilter(self)
        show(self._document.value(field))

    def bind_line(self, field: str, edit: QLineEdit) -> None:
        """A one-line text field."""
        def show(value: Any) -> None:
            if edit.text() != value:
                edit.setText(value)
                if not edit.hasFocus():
                    edit.setCursorPosition(0)  # show the start of a long text, not its end
        edit.textEdited.connect(lambda text: self.edit(field, text, typing=True))
        edit.editingFinished.connect(lambda: self._finish_typing(field, edit.text()))
        self._register(field, edit, show)

    def bind_text(self, field: str, edit: QPlainTextEdit) -> None:
        """A multi-line text field."""
        edit.setUndoRedoEnabled(False)  # the editor's stack undoes; two undo histories confuse
        edit.setTabChangesFocus(True)  # Tab moves on through the form, as in every other field
        showing = [False]

        def show(value: Any) -> None:
            if edit.toPlainText() != value:
                showing[0] = True
                try:
                    edit.setPlainText(value)
                finally:
                    showing[0] = False

        def changed() -> None:
            if not showing[0]:
                self.edit(field, edit.toPlainText(), typing=True)
        edit.textChanged.connect(changed)
        self._register(field, edit, show)

    def bind_combo(self, field: str, combo: QComboBox, enum_cls: type[StrEnum]) -> None:
        """A choice: items hold codes (``""`` for none)."""
        def show(value: Any) -> None:
            code = value.value if isinstance(value, StrEnum) else ""
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(code), 0))
            combo.blockSignals(False)

        def chosen(_row: int) -> None:
            code = combo.currentData()
            self.edit(field, enum_cls(code) if code else None)
        combo.activated.connect(chosen)
        self._register(field, combo, show)

    def bind_check(self, field: str, box: QCheckBox) -> None:
        """A yes/no field."""
        def show(value: Any) -> None:
            box.setChecked(bool(value))
        box.clicked.connect(lambda checked: self.edit(field, bool(checked)))
        self._register(field, box, show)

    def bind_date(self, field: str, edit: DateField) -> None:
        """A date that may be empty."""
        edit.date_edited.connect(lambda value: self.edit(field, value, typing=True))
        self._register(field, edit.line, edit.set_value)

    def bind_code_boxes(self, field: str, boxes: dict[StrEnum, QCheckBox],
                        focus: QWidget) -> None:
        """A list of codes, one check box per code (the EDPB criteria)."""
        order = list(boxes)

        def show(value: Any) -> None:
            for code, box in boxes.items():
                box.setChecked(code in value)

        def clicked() -> None:
            self.edit(field, [c for c in order if boxes[c].isChecked()])
        for box in boxes.values():
            box.clicked.connect(clicked)
        self._register(field, focus, show)

    def bind_check_list(self, field: str, model: CheckListModel, view: QWidget) -> None:
        """A list of codes ticked in a list view (the CNIL's DPIA list)."""
        model.on_toggle = lambda codes: self.edit(field, codes)
        self._register(field, view, model.set_checked)

    # --- editing ------------------------------------------------------------------------------

    def edit(self, field: str, value: Any, typing: bool = False) -> None:
        """The user set ``field`` to ``value``: one undo command (typing merges)."""
        old = self._document.value(field)
        if old == value:
            return
        text = self.tr("Edit %1").replace("%1", self._labels.field(field))
        run = self._runs.setdefault(field, self._next_run()) if typing else None
        self._stack.push(SetFieldCommand(self._document, field, old, value, text, run))

    def _next_run(self) -> int:
        self._run += 1
        return self._run

    def end_typing(self, field: str) -> None:
        """The next keystrokes in ``field`` start a new undo command."""
        self._runs.pop(field, None)

    def _finish_typing(self, field: str, text: str) -> None:
        if text != text.strip():
            self.edit(field, text.strip(), typing=True)
        self.end_typing(field)

    def _on_field_changed(self, field: str) -> None:
        show = self._show.get(field)
        if show is not None:
            show(self._document.value(field))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Undo keys go to the editor's stack; leaving a field ends its typing run."""
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and \
                isinstance(event, QKeyEvent):
            for key in _UNDO_KEYS:
                if event.matches(key):
                    if kind == QEvent.Type.ShortcutOverride:
                        # Not ours to take: let the window's Undo / Redo action have it.
                        event.ignore()
                        return True
                    # No action took it (the editor shown alone): undo here.
                    (self._stack.undo if key == QKeySequence.StandardKey.Undo
                     else self._stack.redo)()
                    return True
        if kind == QEvent.Type.FocusOut:
            for field, widget in self._widgets.items():
                if widget is watched:
                    self.end_typing(field)
        return super().eventFilter(watched, event)

    # --- problems -----------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        """Show each field's messages under it; clear the others."""
        for field, label in self._problems.items():
            label.set_problems(problems.get(field, []))


class WrappingCheckBox(QWidget):
    """A check box whose text wraps (a long label must not widen the whole form); clicking
    the text ticks the box, as with a plain check box."""

    def __init__(self, text: str, help_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.installEventFilter(self)
        if help_text:
            self.box.setToolTip(help_text)
            self.label.setToolTip(help_text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on the text is a click on the box."""
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease \
                and self.isEnabled():
            self.box.click()
            return True
        return super().eventFilter(watched, event)


def check_box_group(items: list[tuple[StrEnum, str, str]]
                    ) -> tuple[dict[StrEnum, QCheckBox], list[WrappingCheckBox]]:
    """One wrapping check box per ``(code, label, help)``: the boxes by code, and the rows
    to lay out."""
    rows = [WrappingCheckBox(text, help_text) for _code, text, help_text in items]
    return {code: row.box for (code, _t, _h), row in zip(items, rows, strict=True)}, rows
