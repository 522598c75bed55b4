"""The organisation dialog: its own block, its DPO, its Art. 27 representative, notes.

Used to create an organisation and to edit one: every field of
:class:`~ropa_app.domain.models.OrganisationBase` is here, on four tabs.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ropa_app.domain.models import OrganisationBase
from ropa_app.store.errors import InvalidDocumentError, RopaError
from ropa_app.ui.country_picker import CountryPicker
from ropa_app.ui.register_model import ui_language

#: A field of the form: the widget that edits one attribute of the organisation.
FieldWidget = QLineEdit | CountryPicker | QSpinBox | QCheckBox | QPlainTextEdit


def field_value(widget: FieldWidget) -> str | int | bool | None:
    """What ``widget`` holds, as the model field wants it (text stripped)."""
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, CountryPicker):
        return widget.code()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    value = widget.value()
    # A spin box at its minimum shows its "not given" text and stands for None.
    return None if widget.specialValueText() and value == widget.minimum() else value


def set_field_value(widget: FieldWidget, value: object) -> None:
    """Show ``value`` in ``widget``."""
    if isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
    elif isinstance(widget, CountryPicker):
        widget.set_code(str(value or ""))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    else:
        widget.setValue(widget.minimum() if value is None else int(str(value)))


def bold_label(text: str) -> QLabel:
    """A section heading inside a form."""
    heading = QLabel(text)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    return heading


class OrganisationDialog(QDialog):
    """Creates or edits an organisation.

    Accepting calls ``save`` with the organisation; if the store refuses it (a name
    already used, an unknown country code, a locked file), the reason is shown in the
    dialog, which stays open with what the user typed, on the tab of the field at fault.

    Args:
        save: stores the organisation and returns its id.
        existing: the organisation to edit; None for a new one.
        parent: the window the dialog belongs to.

    Attributes:
        saved_id: the id returned by ``save`` once the dialog was accepted, else None.
        fields: the widget editing each field, by field name.
    """

    def __init__(
        self,
        save: Callable[[OrganisationBase], int],
        existing: OrganisationBase | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._lang = ui_language()
        self.saved_id: int | None = None
        self.fields: dict[str, FieldWidget] = {}
        self.setWindowTitle(self.tr("New organisation") if existing is None
                            else self.tr("Organisation details"))
        self.setMinimumWidth(560)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._identity_page(), self.tr("Organisation"))
        self.tabs.addTab(self._dpo_page(), self.tr("Data protection officer"))
        self.tabs.addTab(self._representative_page(), self.tr("Representative"))
        self.tabs.addTab(self._notes_page(), self.tr("Notes"))

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        if existing is not None:
            self.set_organisation(existing)
        self._connect_signals()
        self._update_ok()
        self._update_dpo_company()
        self.name_edit.setFocus()

    # --- pages ---------------------------------------------------------------------------

    def _add(self, form: QFormLayout, text: str, name: str, widget: FieldWidget) -> FieldWidget:
        self.fields[name] = widget
        form.addRow(text, widget)
        return widget

    def _address_rows(self, form: QFormLayout, prefix: str) -> None:
        self._add(form, self.tr("&Address:"), f"{prefix}address", QLineEdit())
        self._add(form, self.tr("&Postcode:"), f"{prefix}postcode", QLineEdit())
        self._add(form, self.tr("C&ity:"), f"{prefix}city", QLineEdit())
        self._add(form, self.tr("C&ountry:"), f"{prefix}country", CountryPicker(self._lang))
        self._add(form, self.tr("P&hone:"), f"{prefix}phone", QLineEdit())
        self._add(form, self.tr("&Email:"), f"{prefix}email", QLineEdit())

    def _identity_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        name = self._add(form, self.tr("&Name:"), "name", QLineEdit())
        assert isinstance(name, QLineEdit)
        name.setPlaceholderText(self.tr("Required"))
        self.name_edit = name
        self._add(form, self.tr("&Legal form:"), "legal_form", QLineEdit())
        reg = self._add(form, self.tr("Re&gistration number:"), "registration_number",
                        QLineEdit())
        reg.setToolTip(self.tr("SIREN or SIRET, or the national equivalent"))
        self._address_rows(form, "")
        self._add(form, self.tr("&Contact person:"), "contact_name", QLineEdit())
        headcount = QSpinBox()
        headcount.setRange(-1, 10_000_000)
        headcount.setSpecialValueText(self.tr("Not given"))
        headcount.setGroupSeparatorShown(True)
        number_width = self.fontMetrics().averageCharWidth() * 18
        headcount.setMaximumWidth(number_width)
        self._add(form, self.tr("Hea&dcount:"), "headcount", headcount)
        interval = QSpinBox()
        interval.setRange(1, 120)
        interval.setValue(12)
        interval.setSuffix(self.tr(" months"))
        interval.setMaximumWidth(number_width)
        interval.setToolTip(self.tr("How often each record is to be reviewed; the next "
                                    "review date of a record is set from it"))
        self._add(form, self.tr("&Review every:"), "review_interval_months", interval)
        return page

    def _dpo_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self._add(form, self.tr("&Name:"), "dpo_name", QLineEdit())
        external = QCheckBox(self.tr("E&xternal DPO (a service provider)"))
        self.fields["dpo_external"] = external
        self.dpo_external_check = external
        form.addRow("", external)
        self._add(form, self.tr("DPO's co&mpany:"), "dpo_company", QLineEdit())
        self._address_rows(form, "dpo_")
        number = self._add(form, self.tr("&Designation number:"), "dpo_designation_number",
                           QLineEdit())
        number.setToolTip(self.tr("The number the supervisory authority gave the designation"))
        return page

    def _representative_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        intro = QLabel(self.tr("Art. 27: the representative in the Union of an organisation "
                               "established outside it. Leave empty otherwise."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self._add(form, self.tr("&Name:"), "representative_name", QLineEdit())
        self._address_rows(form, "representative_")
        return page

    def _notes_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        notes = QPlainTextEdit()
        self.fields["notes"] = notes
        self.notes_edit = notes
        layout.addWidget(notes)
        return page

    def _connect_signals(self) -> None:
        self.name_edit.textChanged.connect(self._update_ok)
        self.dpo_external_check.toggled.connect(self._update_dpo_company)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_edit.text().strip()))

    def _update_dpo_company(self) -> None:
        self.fields["dpo_company"].setEnabled(self.dpo_external_check.isChecked())

    # --- values --------------------------------------------------------------------------

    def set_organisation(self, data: OrganisationBase) -> None:
        """Show ``data`` in the fields."""
        for name, widget in self.fields.items():
            set_field_value(widget, getattr(data, name))

    def organisation(self) -> OrganisationBase:
        """The organisation as typed (raises pydantic's ValidationError if the name is empty)."""
        values = {name: field_value(widget) for name, widget in self.fields.items()}
        if not values["dpo_external"]:
            values["dpo_company"] = ""  # a company is only kept for an external DPO
        return OrganisationBase.model_validate(values)

    def accept(self) -> None:
        """Save the organisation; close only if it was saved."""
        try:
            self.saved_id = self._save(self.organisation())
        except InvalidDocumentError as exc:
            self._show_problem(exc)
            return
        except (RopaError, ValidationError) as exc:
            self._show_error(str(exc))
            return
        super().accept()

    def _show_problem(self, exc: InvalidDocumentError) -> None:
        path, message = exc.problems[0] if exc.problems else ("", str(exc))
        widget = self.fields.get(path)
        if widget is None:
            self._show_error(str(exc))
            return
        form_label = self._label_of(widget)
        self._show_error(f"{form_label} {message}" if form_label else message)
        self.focus_field(path)

    def focus_field(self, name: str) -> bool:
        """Show the page of field ``name`` and put the cursor in it; False if no such field."""
        widget = self.fields.get(name)
        if widget is None:
            return False
        page = widget.parentWidget()
        while page is not None and self.tabs.indexOf(page) < 0:
            page = page.parentWidget()
        if page is not None:
            self.tabs.setCurrentWidget(page)
        widget.setFocus()
        return True

    def _label_of(self, widget: QWidget) -> str:
        page = widget.parentWidget()
        form = page.layout() if page is not None else None
        if isinstance(form, QFormLayout):
            found = form.labelForField(widget)
            if isinstance(found, QLabel):
                return found.text().replace("&", "")
        return ""

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

