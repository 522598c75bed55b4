"""The base of the list tables' models: rows of field values, column specifications, and
edits from the view turned into undo commands (see :mod:`ropa_app.ui.editor.list_models`
for the models of each list)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum, auto
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QUndoStack

from ropa_app.domain.models import Shape
from ropa_app.ui.editor.labels import FieldLabels, Vocabularies

AnyIndex = QModelIndex | QPersistentModelIndex
Row = dict[str, Any]

#: The field name of a cell's column (a ``str``), on every cell and header section.
FieldRole = Qt.ItemDataRole.UserRole + 10
#: The integrity problem shown on a cell (a ``str``), or None.
ProblemRole = Qt.ItemDataRole.UserRole + 11

PROBLEM_BRUSH = QBrush(QColor("#f9dedc"))
NOT_APPLICABLE_BRUSH = QBrush(QColor("#f1f1f1"))


class CellKind(Enum):
    """How a column is shown and edited."""

    TEXT = auto()  # free text (line edit)
    CHOICE = auto()  # a code of a vocabulary (combo of labels)
    NUMBER = auto()  # a whole number >= 0, or empty
    THIRD_PARTY = auto()  # the name of one of the organisation's third parties
    COUNTRY = auto()  # an ISO 3166-1 alpha-2 code (country picker)
    DERIVED = auto()  # read-only, computed from the row


@dataclass(frozen=True)
class ColumnSpec:
    """One column: the item field it shows, how, and its preferred width in characters."""

    field: str
    kind: CellKind = CellKind.TEXT
    enum: type[StrEnum] | None = None
    nullable: bool = True
    width: int = 18


def column_spec(field: str, kind: CellKind = CellKind.TEXT, enum: type[StrEnum] | None = None,
                nullable: bool = True, width: int = 18) -> ColumnSpec:
    """A :class:`ColumnSpec`, spelled short for the models' column lists."""
    return ColumnSpec(field, kind, enum, nullable, width)


class RecordListModel(QAbstractTableModel):
    """Base of the list models: rows of field values, edited through the undo stack.

    Subclasses set ``list_name`` (the :class:`RecordDoc` field), ``item_type`` and
    ``SPECS`` (one :class:`ColumnSpec` per ``Column`` member, in order).

    Attributes:
        undo_stack: where the view's edits go as commands; with None they apply at once.
    """

    list_name: ClassVar[str]
    item_type: ClassVar[type[Shape]]
    SPECS: ClassVar[tuple[ColumnSpec, ...]]

    def __init__(self, vocab: Vocabularies, labels: FieldLabels,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vocab = vocab
        self._labels = labels
        self._rows: list[Row] = []
        self._problems: dict[tuple[int, str], str] = {}
        self.undo_stack: QUndoStack | None = None

    # --- the rows, for the editor and the commands ----------------------------------------

    def rows(self) -> list[Row]:
        """Copies of the rows, in order."""
        return [dict(r) for r in self._rows]

    def set_rows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Replace every row (a real reset: a record loaded or a snapshot restored)."""
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self._problems = {}
        self.endResetModel()

    def set_items(self, items: Iterable[Shape]) -> None:
        """Replace every row with the fields of document items."""
        self.set_rows(item.model_dump() for item in items)

    def row(self, row: int) -> Row:
        """A copy of one row."""
        return dict(self._rows[row])

    def value(self, row: int, field: str) -> Any:
        """One field of one row."""
        return self._rows[row][field]

    def set_value(self, row: int, field: str, value: Any) -> None:
        """Change one field; the whole row is announced (derived cells follow it)."""
        self._rows[row][field] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def insert_row(self, row: int, values: Mapping[str, Any]) -> None:
        """Insert a row at ``row``."""
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, dict(values))
        self._problems = {}
        self.endInsertRows()

    def remove_row(self, row: int) -> Row:
        """Remove the row at ``row`` and return it."""
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self._rows.pop(row)
        self._problems = {}
        self.endRemoveRows()
        return removed

    def move_row(self, source: int, target: int) -> None:
        """Move the row at ``source`` so that it ends at ``target``."""
        if source == target:
            return
        # Qt counts the destination before the move: one further down when moving down.
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(source))
        self._problems = {}
        self.endMoveRows()

    def new_row(self) -> Row:
        """The values of a row the user adds: the item's defaults, enums on their first
        choice when they cannot be empty."""
        values: Row = {}
        for name, info in self.item_type.model_fields.items():
            values[name] = None if info.is_required() else info.get_default(
                call_default_factory=True)
        for spec in self.SPECS:
            if spec.kind is CellKind.CHOICE and not spec.nullable and spec.enum is not None:
                values[spec.field] = self._vocab.choices(spec.enum)[0][0]
        return values

    def column_of(self, field: str) -> int | None:
        """The column showing ``field``, or None."""
        for column, spec in enumerate(self.SPECS):
            if spec.field == field:
                return column
        return None

    def spec(self, column: int) -> ColumnSpec:
        """The specification of a column."""
        return self.SPECS[column]

    # --- problems ----------------------------------------------------------------------------

    def set_problems(self, problems: Mapping[tuple[int, str], str]) -> None:
        """Mark cells with problems: ``{(row, field): message}``; a field with no column of
        its own is shown on the row's first column."""
        placed: dict[tuple[int, str], str] = {}
        for (row, field), message in problems.items():
            if not 0 <= row < len(self._rows):
                continue
            column = self.column_of(field)
            if column is None or self.SPECS[column].kind is CellKind.DERIVED:
                field = self.SPECS[0].field
            key = (row, field)
            placed[key] = f"{placed[key]}\n{message}" if key in placed else message
        if placed == self._problems:
            return
        changed = set(placed) | set(self._problems)
        self._problems = placed
        for row, field in changed:
            column = self.column_of(field)
            if column is not None:
                index = self.index(row, column)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.BackgroundRole,
                                                     Qt.ItemDataRole.ToolTipRole, ProblemRole])

    def problems(self) -> dict[tuple[int, str], str]:
        """The problems shown, by row and field."""
        return dict(self._problems)

    # --- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.SPECS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if not 0 <= section < len(self.SPECS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header(self.SPECS[section])
        if role == FieldRole:
            return self.SPECS[section].field
        return None

    def header(self, spec: ColumnSpec) -> str:
        """The title of a column."""
        return self._labels.item_field(spec.field)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        spec = self.SPECS[index.column()]
        if spec.kind is CellKind.DERIVED or not self.applicable(index.row(), spec.field):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def applicable(self, row: int, field: str) -> bool:
        """Whether ``field`` means something for that row (subclasses narrow it); a field
        holding a value stays editable so that it can be cleared."""
        return True

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        spec = self.SPECS[index.column()]
        row = self._rows[index.row()]
        problem = self._problems.get((index.row(), spec.field))
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(index.row(), spec)
        if role == Qt.ItemDataRole.EditRole:
            return row.get(spec.field)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.tooltip(index.row(), spec)
            return "\n".join(t for t in (problem, text) if t) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem:
                return PROBLEM_BRUSH
            if not self.applicable(index.row(), spec.field):
                return NOT_APPLICABLE_BRUSH
            return None
        if role == ProblemRole:
            return problem
        if role == FieldRole:
            return spec.field
        return None

    def display(self, row: int, spec: ColumnSpec) -> str:
        """What a cell shows."""
        value = self._rows[row].get(spec.field)
        if value is None:
            return ""
        if spec.kind is CellKind.CHOICE:
            return self._vocab.label(value)
        return str(value)

    def tooltip(self, row: int, spec: ColumnSpec) -> str:
        """The full text of a cell (cells are elided), with a code's explanation."""
        text = self.display(row, spec)
        if spec.kind is CellKind.CHOICE:
            more = self._vocab.help(self._rows[row].get(spec.field))
            return f"{text}\n{more}" if more else text
        return text if len(text) > 30 else ""

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        spec = self.SPECS[index.column()]
        try:
            new = self.normalise(spec, value)
        except ValueError:
            return False
        old = self._rows[index.row()].get(spec.field)
        if new == old:
            return True
        if self.undo_stack is None:
            self.set_value(index.row(), spec.field, new)
            return True
        from ropa_app.ui.editor.commands import SetCellCommand

        self.undo_stack.push(SetCellCommand(self, index.row(), spec.field, old, new,
                                            self._labels.field(self.list_name)))
        return True

    @staticmethod
    def normalise(spec: ColumnSpec, value: Any) -> Any:
        """The stored form of a value typed or chosen in a cell (raises ValueError)."""
        empty = value is None or (isinstance(value, str) and not value.strip())
        if spec.kind is CellKind.CHOICE:
            if empty:
                if not spec.nullable:
                    raise ValueError("a choice is required")
                return None
            assert spec.enum is not None
            return spec.enum(value)
        if spec.kind is CellKind.NUMBER:
            if empty:
                return None
            number = int(str(value).strip())
            if number < 0:
                raise ValueError("negative")
            return number
        if spec.kind is CellKind.THIRD_PARTY:
            if empty:
                return "" if not spec.nullable else None
            return str(value).strip()
        if spec.kind is CellKind.COUNTRY:
            return "" if empty else str(value).strip().upper()
        return "" if value is None else str(value).strip()
