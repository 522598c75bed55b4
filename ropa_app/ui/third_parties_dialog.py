"""An organisation's third parties: the list (with add, edit, delete) and the form of one.

Third parties (processors, joint controllers, partners, client controllers…) are kept once
per organisation and linked from records, so their details are edited here, in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ropa_app.domain.enums import ThirdPartyKind
from ropa_app.domain.models import ThirdPartyBase
from ropa_app.domain.reference import collation_key, label, load_reference
from ropa_app.store.errors import RopaError
from ropa_app.store.organisations import OrganisationStore, StoredThirdParty
from ropa_app.ui.country_picker import CountryPicker
from ropa_app.ui.organisation_dialog import FieldWidget, field_value, set_field_value
from ropa_app.ui.register_model import ui_language

if TYPE_CHECKING:
    from ropa_app.ui.prompts import PromptService

AnyIndex = QModelIndex | QPersistentModelIndex

#: The third party's database id (an ``int``), on every cell of its row.
ThirdPartyIdRole = Qt.ItemDataRole.UserRole + 1


class ThirdPartyColumn(IntEnum):
    """The columns of the third-party list."""

    NAME = 0
    KIND = 1
    COUNTRY = 2
    CONTRACT = 3
    DPF = 4


class ThirdPartyTableModel(QAbstractTableModel):
    """An organisation's third parties, one row each, sorted by name.

    Args:
        lang: language of the kind labels and country names (``"fr"``/``"en"``).
        parent: the owning QObject.
    """

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[StoredThirdParty] = []
        self._kinds = {k: label(k, lang) for k in ThirdPartyKind}
        self._headers = {
            ThirdPartyColumn.NAME: self.tr("Name"),
            ThirdPartyColumn.KIND: self.tr("Kind"),
            ThirdPartyColumn.COUNTRY: self.tr("Country"),
            ThirdPartyColumn.CONTRACT: self.tr("Contract"),
            ThirdPartyColumn.DPF: self.tr("DPF"),
        }

    def set_rows(self, parties: Sequence[StoredThirdParty]) -> None:
        """Show ``parties`` instead of the current rows (a model reset)."""
        self.beginResetModel()
        self._rows = sorted(parties, key=self._key)
        self.endResetModel()

    def put(self, party: StoredThirdParty) -> int:
        """Add ``party`` or replace the row with its id, keeping the order; returns its row."""
        old = self.row_of(party.id)
        rows = [p for p in self._rows if p.id != party.id]
        new = next((i for i, p in enumerate(rows) if self._key(p) > self._key(party)), len(rows))
        if old is not None and old == new:
            self._rows[old] = party
            self.dataChanged.emit(self.index(old, 0), self.index(old, len(ThirdPartyColumn) - 1))
            return old
        if old is not None:
            self.beginRemoveRows(QModelIndex(), old, old)
            del self._rows[old]
            self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), new, new)
        self._rows.insert(new, party)
        self.endInsertRows()
        return new

    def remove(self, party_id: int) -> None:
        """Drop the row of the third party ``party_id``, if shown."""
        row = self.row_of(party_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def party(self, row: int) -> StoredThirdParty:
        """The third party shown in ``row``."""
        return self._rows[row]

    def row_of(self, party_id: int) -> int | None:
        """The row showing the third party ``party_id``, or None."""
        return next((i for i, p in enumerate(self._rows) if p.id == party_id), None)

    @staticmethod
    def _key(party: StoredThirdParty) -> tuple[str, str]:
        return collation_key(party.data.name), party.data.name

    # --- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(ThirdPartyColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        party = self._rows[index.row()]
        data, col = party.data, index.column()
        if role == ThirdPartyIdRole:
            return party.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == ThirdPartyColumn.NAME:
                return data.name
            if col == ThirdPartyColumn.KIND:
                return self._kinds[data.kind]
            if col == ThirdPartyColumn.COUNTRY:
                if not data.country:
                    return ""
                return load_reference().country_name(data.country, self._lang)
            if col == ThirdPartyColumn.CONTRACT:
                return data.contract_reference
            return self.tr("Yes") if data.dpf_certified else ""
        if role == Qt.ItemDataRole.ToolTipRole and col in (ThirdPartyColumn.NAME,
                                                            ThirdPartyColumn.KIND,
                                                            ThirdPartyColumn.CONTRACT):
            return self.data(index, Qt.ItemDataRole.DisplayRole) or None
        if role == Qt.ItemDataRole.ToolTipRole and col == ThirdPartyColumn.DPF:
            return self.tr("Certified under the EU-US Data Privacy Framework")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(ThirdPartyColumn)):
            return self._headers[ThirdPartyColumn(section)]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)


class ThirdPartyDialog(QDialog):
    """Creates or edits one third party; store refusals are shown in the dialog.

    Args:
        save: stores the third party and returns its id.
        existing: the third party to edit; None for a new one.
        parent: the dialog or window it belongs to.

    Attributes:
        saved_id: the id ``save`` returned once accepted, else None.
        fields: the widget editing each field (except ``kind``), by field name.
    """

    def __init__(self, save: Callable[[ThirdPartyBase], int],
                 existing: ThirdPartyBase | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        lang = ui_language()
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New third party") if existing is None
                            else self.tr("Third party"))
        self.setMinimumWidth(520)
        self.fields: dict[str, FieldWidget] = {}
        form = QFormLayout()

        def add(text: str, name: str, widget: FieldWidget) -> FieldWidget:
            self.fields[name] = widget
            form.addRow(text, widget)
            return widget

        name = add(self.tr("&Name:"), "name", QLineEdit())
        assert isinstance(name, QLineEdit)
        name.setPlaceholderText(self.tr("Required"))
        self.name_edit = name
        self.kind_combo = QComboBox()
        for kind in ThirdPartyKind:
            self.kind_combo.addItem(label(kind, lang), kind.value)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        add(self.tr("Re&gistration number:"), "registration_number", QLineEdit())
        add(self.tr("&Address:"), "address", QLineEdit())
        add(self.tr("&Postcode:"), "postcode", QLineEdit())
        add(self.tr("C&ity:"), "city", QLineEdit())
        add(self.tr("C&ountry:"), "country", CountryPicker(lang))
        add(self.tr("P&hone:"), "phone", QLineEdit())
        add(self.tr("&Email:"), "email", QLineEdit())
        add(self.tr("Contact pe&rson:"), "contact_name", QLineEdit())
        contract = add(self.tr("&Contract reference:"), "contract_reference", QLineEdit())
        contract.setToolTip(self.tr("E.g. the data processing agreement (Art. 28) and its date"))
        dpf = QCheckBox(self.tr("Certified under the EU-US &Data Privacy Framework"))
        self.fields["dpf_certified"] = dpf
        form.addRow("", dpf)
        notes = QPlainTextEdit()
        notes.setFixedHeight(notes.fontMetrics().lineSpacing() * 4 + 12)
        add(self.tr("No&tes:"), "notes", notes)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        if existing is not None:
            self.set_third_party(existing)
        self.name_edit.textChanged.connect(self._update_ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_edit.text().strip()))

    def set_third_party(self, data: ThirdPartyBase) -> None:
        """Show ``data`` in the fields."""
        for name, widget in self.fields.items():
            set_field_value(widget, getattr(data, name))
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(data.kind.value)))

    def third_party(self) -> ThirdPartyBase:
        """The third party as typed (raises ValidationError if the name is empty)."""
        values: dict[str, object] = {n: field_value(w) for n, w in self.fields.items()}
        values["kind"] = ThirdPartyKind(self.kind_combo.currentData())
        return ThirdPartyBase.model_validate(values)

    def accept(self) -> None:
        """Save; close only if it was saved."""
        try:
            self.saved_id = self._save(self.third_party())
        except (RopaError, ValidationError) as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()


class ThirdPartiesDialog(QDialog):
    """The third parties of one organisation, with add, edit and delete.

    The form of one third party and the delete confirmation come from the prompt
    service; a refusal of the store (a name taken, a third party still named in
    records) is shown in this dialog.

    Args:
        store: the organisations' store.
        organisation_id: whose third parties are shown.
        organisation_name: shown in the title.
        prompts: asks for a third party's details and confirms deletions.
        parent: the window it belongs to.
    """

    def __init__(self, store: OrganisationStore, organisation_id: int, organisation_name: str,
                 prompts: PromptService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._org_id = organisation_id
        self._prompts = prompts
        self.setWindowTitle(self.tr("Third parties of %1").replace("%1", organisation_name))
        self.resize(980, 480)
        self.model = ThirdPartyTableModel(ui_language(), self)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(ThirdPartyColumn.CONTRACT, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in ((ThirdPartyColumn.NAME, 36), (ThirdPartyColumn.KIND, 30),
                              (ThirdPartyColumn.COUNTRY, 18), (ThirdPartyColumn.DPF, 6)):
            header.resizeSection(column, char * chars)

        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_action = QAction(self.tr("Delete"), self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.activated.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.buttons.rejected.connect(self.reject)

    def reload(self) -> None:
        """Read the third parties again from the register."""
        try:
            self.model.set_rows(self._store.third_parties(self._org_id))
        except RopaError as exc:
            self._show_message(str(exc))
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.delete_action.setEnabled(selected)

    def selected(self) -> StoredThirdParty | None:
        """The third party selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.party(rows[0].row()) if rows else None

    def select(self, party_id: int) -> None:
        """Select the row of the third party ``party_id``."""
        row = self.model.row_of(party_id)
        if row is not None:
            self.table.selectRow(row)

    def add(self) -> None:
        """Ask for a new third party and add it to the list."""
        self._edit(None)

    def edit_selected(self) -> None:
        """Edit the selected third party."""
        party = self.selected()
        if party is not None:
            self._edit(party)

    def _edit(self, party: StoredThirdParty | None) -> None:
        self.message_label.hide()
        existing_id = party.id if party is not None else None

        def save(data: ThirdPartyBase) -> int:
            return self._store.save_third_party(self._org_id, data, existing_id)

        saved = self._prompts.ask_third_party(party.data if party else None, save, self)
        if saved is None:
            return
        found = next((p for p in self._store.third_parties(self._org_id) if p.id == saved), None)
        if found is not None:
            self.model.put(found)
            self.select(saved)

    def delete_selected(self) -> None:
        """Delete the selected third party, after confirmation; a refusal is shown here."""
        party = self.selected()
        if party is None or not self._prompts.confirm_delete_third_party(party.data.name, self):
            return
        try:
            self._store.delete_third_party(party.id)
        except RopaError as exc:
            self._show_message(str(exc))
            return
        self.message_label.hide()
        self.model.remove(party.id)
        self._update_buttons()

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.show()
