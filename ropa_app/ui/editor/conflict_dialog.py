"""When a save meets a newer version of the record: each differing section side by side
(the stored version and the user's), and a choice per section of which one to keep.

The sections and the merge are :func:`ropa_app.domain.editing.conflicting_sections` and
:func:`~ropa_app.domain.editing.merge_sections`; this module only shows and asks.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ropa_app.domain.documents import RECORD_LISTS, RecordDoc
from ropa_app.ui.editor.country import CountryDescriber
from ropa_app.ui.editor.labels import FieldLabels, Vocabularies

AnyIndex = QModelIndex | QPersistentModelIndex


class ValueDescriber(QObject):
    """A record's section as text a person can compare: codes as labels, lists one item a
    line."""

    def __init__(self, vocab: Vocabularies, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vocab = vocab
        self._countries = CountryDescriber(vocab.lang, self)

    def value(self, value: Any, field: str = "") -> str:
        """One value as text."""
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, StrEnum):
            return self._vocab.label(value)
        if isinstance(value, datetime):
            return QLocale().toString(QDate(value.date()), QLocale.FormatType.ShortFormat)
        if isinstance(value, date):
            return QLocale().toString(QDate(value), QLocale.FormatType.ShortFormat)
        if field == "country":
            return self._countries.name(str(value))
        if field == "dpia_cnil_list":
            return self._vocab.cnil_dpia_label(str(value))
        if isinstance(value, list):
            return "\n".join(self.value(v, field) for v in value) or "—"
        return str(value)

    def section(self, doc: RecordDoc, name: str) -> str:
        """A whole section of ``doc``: a field's value, or a list one item a line."""
        value = getattr(doc, name)
        if name not in RECORD_LISTS:
            return self.value(value, name)
        lines = []
        for item in value:
            parts = [self.value(v, f) for f, v in item if v not in (None, "", [])
                     and f != "role"]
            lines.append(" · ".join(parts) if parts else "—")
        return "\n".join(lines) or self.tr("(empty)")


class ConflictModel(QAbstractTableModel):
    """The differing sections; the stored and the user's columns are exclusive ticks."""

    class Column(IntEnum):
        """Columns of the conflict table."""

        SECTION = 0
        STORED = 1
        MINE = 2

    def __init__(self, sections: list[str], theirs: RecordDoc, mine: RecordDoc,
                 labels: FieldLabels, describer: ValueDescriber,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections = list(sections)
        self._titles = [labels.field(s) for s in sections]
        self._theirs = [describer.section(theirs, s) for s in sections]
        self._mine = [describer.section(mine, s) for s in sections]
        self._take_stored: set[str] = set()

    def take_stored(self) -> set[str]:
        """The sections to take from the stored version."""
        return set(self._take_stored)

    def set_all(self, stored: bool) -> None:
        """Choose one side for every section."""
        self._take_stored = set(self._sections) if stored else set()
        if self._sections:
            self.dataChanged.emit(self.index(0, self.Column.STORED),
                                  self.index(len(self._sections) - 1, self.Column.MINE),
                                  [Qt.ItemDataRole.CheckStateRole])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._sections)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = {self.Column.SECTION: self.tr("Section"),
                  self.Column.STORED: self.tr("Stored version (saved by someone else)"),
                  self.Column.MINE: self.tr("Your version")}
        return titles.get(self.Column(section)) if 0 <= section < len(self.Column) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != self.Column.SECTION:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sections):
            return None
        row, column = index.row(), index.column()
        stored = self._sections[row] in self._take_stored
        if role == Qt.ItemDataRole.DisplayRole:
            return (self._titles[row], self._theirs[row], self._mine[row])[column]
        if role == Qt.ItemDataRole.CheckStateRole and column != self.Column.SECTION:
            chosen = stored if column == self.Column.STORED else not stored
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return self._sections[row]
        return None

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() \
                or index.column() == self.Column.SECTION:
            return False
        section = self._sections[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if (index.column() == self.Column.STORED) == checked:
            self._take_stored.add(section)
        else:
            self._take_stored.discard(section)
        self.dataChanged.emit(self.index(index.row(), self.Column.STORED),
                              self.index(index.row(), self.Column.MINE),
                              [Qt.ItemDataRole.CheckStateRole])
        return True


class ConflictDialog(QDialog):
    """Shows what differs between the stored record and the user's, and asks which side
    to keep for each section. Nothing is saved until the user chooses.

    Attributes:
        model: the sections and the choices made.
    """

    def __init__(self, sections: list[str], theirs: RecordDoc, mine: RecordDoc,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The record was changed meanwhile"))
        self.resize(900, 520)
        vocab = Vocabularies(parent=self)
        self.model = ConflictModel(sections, theirs, mine, FieldLabels(self),
                                   ValueDescriber(vocab, self), self)
        intro = QLabel(self.tr(
            "Someone saved record %1 after you opened it (their version %2). For each "
            "section below, tick the version to keep; the other sections are the same on "
            "both sides. Nothing was overwritten.")
            .replace("%1", mine.reference).replace("%2", str(theirs.version)))
        intro.setWordWrap(True)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ConflictModel.Column.SECTION,
                                    QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ConflictModel.Column.STORED, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ConflictModel.Column.MINE, QHeaderView.ResizeMode.Stretch)
        self.view.resizeRowsToContents()

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save with these choices"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.mine_button = QPushButton(self.tr("Keep all mine"))
        self.stored_button = QPushButton(self.tr("Take all stored"))
        self.buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.stored_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

        self.mine_button.clicked.connect(lambda: self.model.set_all(False))
        self.stored_button.clicked.connect(lambda: self.model.set_all(True))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def choice(self) -> set[str]:
        """The sections to take from the stored version."""
        return self.model.take_stored()
