"""Cell editors of the list tables: a combo of labels for codes and third parties, the
country picker, a number field; plain text cells keep Qt's line edit.

The delegate only edits: the value it hands to the model becomes an undo command there.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ropa_app.ui.editor.country import CountryCombo, CountryListModel
from ropa_app.ui.editor.labels import Vocabularies
from ropa_app.ui.editor.list_models import CellKind, ColumnSpec, RecordListModel

AnyIndex = QModelIndex | QPersistentModelIndex


class ChoiceCombo(QComboBox):
    """A cell's drop-down list that knows whether its list was opened: a choice clicked in
    the open list is committed at once, while arrow keys only browse (Enter or Tab
    commits, Escape cancels)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.popup_used = False

    def showPopup(self) -> None:
        """Open the list (and remember it was opened)."""
        self.popup_used = True
        super().showPopup()


class CellDelegate(QStyledItemDelegate):
    """The editor of each cell of one list table, chosen by its column's :class:`CellKind`.

    Args:
        model: the list model (the view may show it through a proxy).
        vocab: labels of the codes, in the UI language.
        countries: the country picker's list.
        third_parties: gives the names of the organisation's third parties, when asked.
        only: for a choice column (by field), the codes offered; all by default.
    """

    def __init__(self, model: RecordListModel, vocab: Vocabularies, countries: CountryListModel,
                 third_parties: Callable[[], list[str]],
                 only: Mapping[str, Collection[StrEnum]] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._vocab = vocab
        self._countries = countries
        self._third_parties = third_parties
        self._only = dict(only or {})

    def _spec(self, index: AnyIndex) -> ColumnSpec:
        return self._model.spec(index.column())

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        spec = self._spec(index)
        if spec.kind is CellKind.CHOICE:
            assert spec.enum is not None
            choices = [(m.value, label) for m, label in
                       self._vocab.choices(spec.enum, self._only.get(spec.field))]
            return self._combo(parent, choices, spec.nullable)
        if spec.kind is CellKind.THIRD_PARTY:
            names = self._third_parties()
            current = index.data(Qt.ItemDataRole.EditRole)
            if current and current not in names:
                names = [*names, current]  # a link to a name no longer there: still shown
            return self._combo(parent, [(n, n) for n in names], True,
                               none_text=self.tr("(none)"))
        if spec.kind is CellKind.COUNTRY:
            combo = CountryCombo(self._countries, parent)
            combo.setFrame(False)
            self._widen_popup(combo)
            return combo
        if spec.kind is CellKind.NUMBER:
            edit = QLineEdit(parent)
            edit.setFrame(False)
            edit.setValidator(QIntValidator(0, 1_000_000, edit))
            return edit
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(2000)
        return editor

    def _combo(self, parent: QWidget, choices: list[tuple[str, str]], nullable: bool,
               none_text: str = "—") -> QComboBox:
        combo = ChoiceCombo(parent)
        combo.setFrame(False)
        if nullable:
            combo.addItem(none_text, "")
        for code, label in choices:
            combo.addItem(label, code)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        self._widen_popup(combo)
        combo.activated.connect(lambda _row, c=combo: self._chosen(c))
        return combo

    @staticmethod
    def _widen_popup(combo: QComboBox) -> None:
        view = combo.view()
        view.setMinimumWidth(min(view.sizeHintForColumn(0) + 32, 900))

    def _chosen(self, combo: ChoiceCombo) -> None:
        # Picked in the open list: that is the user's choice, no need to press Enter.
        if combo.popup_used:
            combo.popup_used = False
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value: Any = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, CountryCombo):
            editor.set_code(value or "")
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()  # typing replaces the country shown
        elif isinstance(editor, QComboBox):
            code = value.value if isinstance(value, StrEnum) else (value or "")
            editor.setCurrentIndex(max(editor.findData(code), 0))
        elif isinstance(editor, QLineEdit) and self._spec(index).kind is CellKind.NUMBER:
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, CountryCombo):
            model.setData(index, editor.code(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
