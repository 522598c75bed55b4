"""A small dialog to create an organisation: its own block and its DPO.

The full organisation editor (representative, registration number, review interval…)
comes with the record editor; this dialog asks for what a first register needs.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ropa_app.domain.models import OrganisationBase
from ropa_app.store.errors import RopaError


class OrganisationDialog(QDialog):
    """Asks for a new organisation's name, address and contact, and its DPO.

    Accepting calls ``save`` with the organisation; if the store refuses it (a name
    already used, an unknown country code, a locked file), the reason is shown in the
    dialog, which stays open with what the user typed.

    Args:
        save: stores the organisation and returns its id.
        parent: the window the dialog belongs to.

    Attributes:
        saved_id: the id returned by ``save`` once the dialog was accepted, else None.
    """

    def __init__(
        self, save: Callable[[OrganisationBase], int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New organisation"))
        self.setMinimumWidth(460)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Required"))
        self.address_edit = QLineEdit()
        self.postcode_edit = QLineEdit()
        self.city_edit = QLineEdit()
        self.country_edit = self._country_edit()
        self.email_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.dpo_name_edit = QLineEdit()
        self.dpo_email_edit = QLineEdit()

        # One form for both blocks, so that their labels and fields line up.
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Address:"), self.address_edit)
        form.addRow(self.tr("&Postcode:"), self.postcode_edit)
        form.addRow(self.tr("C&ity:"), self.city_edit)
        form.addRow(self.tr("C&ountry:"), self.country_edit)
        form.addRow(self.tr("&Email:"), self.email_edit)
        form.addRow(self.tr("P&hone:"), self.phone_edit)
        dpo_heading = QLabel(self.tr("Data protection officer"))
        font = dpo_heading.font()
        font.setBold(True)
        dpo_heading.setFont(font)
        dpo_heading.setContentsMargins(0, 8, 0, 0)
        form.addRow(dpo_heading)
        form.addRow(self.tr("Na&me:"), self.dpo_name_edit)
        form.addRow(self.tr("E&mail:"), self.dpo_email_edit)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._connect_signals()
        self._update_ok()

    def _country_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(self.tr("ISO code, e.g. FR"))
        edit.setMaxLength(2)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,2}"), edit))
        return edit

    def _connect_signals(self) -> None:
        self.name_edit.textChanged.connect(self._update_ok)
        self.country_edit.textEdited.connect(self._upper_country)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _upper_country(self, text: str) -> None:
        if text != text.upper():
            self.country_edit.setText(text.upper())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_edit.text().strip()))

    def organisation(self) -> OrganisationBase:
        """The organisation as typed (raises pydantic's ValidationError if the name is empty)."""
        return OrganisationBase(
            name=self.name_edit.text().strip(),
            address=self.address_edit.text().strip(),
            postcode=self.postcode_edit.text().strip(),
            city=self.city_edit.text().strip(),
            country=self.country_edit.text().strip().upper(),
            email=self.email_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            dpo_name=self.dpo_name_edit.text().strip(),
            dpo_email=self.dpo_email_edit.text().strip(),
        )

    def accept(self) -> None:
        """Save the organisation; close only if it was saved."""
        try:
            self.saved_id = self._save(self.organisation())
        except (RopaError, ValidationError) as exc:
            self._show_error(str(exc))
            return
        super().accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
