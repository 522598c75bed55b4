"""The filter bar above the register list: status, legal basis, sensitive data, transfers,
overdue reviews.

The bar only says what the user chose; the window passes the choices to the
:class:`~ropa_app.ui.register_model.RegisterFilterProxy`, which does the filtering.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QToolButton,
    QWidget,
)

from ropa_app.domain.enums import LegalBasis, RecordStatus
from ropa_app.domain.reference import label, load_reference


def _article(basis: LegalBasis) -> str:
    term = load_reference().vocabulary(LegalBasis).get(basis.value)
    return term.article if term is not None and term.article else ""


class FilterBar(QWidget):
    """Drop-down filters of the register list, each starting at "any".

    Signals:
        filters_changed(): the user changed a filter (or cleared them all); read the
            choices with :meth:`status`, :meth:`legal_basis`, :meth:`special_data`,
            :meth:`transfers` and :meth:`overdue_only`.

    Args:
        lang: language of the reference labels (``"fr"``/``"en"``).
        parent: the owning widget.
    """

    filters_changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_combo = self._combo(
            self.tr("Status"), self.tr("Show only the records with this status"),
            [(self.tr("Any status"), None)]
            + [(label(s, lang), s) for s in RecordStatus])
        self.basis_combo = self._combo(
            self.tr("Legal basis"),
            self.tr("Show only the records with a purpose on this Art. 6(1) legal basis"),
            [(self.tr("Any legal basis"), None)]
            + [(self._basis_text(b, lang), b) for b in LegalBasis])
        self.special_combo = self._combo(
            self.tr("Sensitive data"),
            self.tr("Special categories of data (Art. 9) and data on criminal convictions "
                    "and offences (Art. 10)"),
            [(self.tr("Any data"), None), (self.tr("Sensitive data"), True),
             (self.tr("No sensitive data"), False)])
        self.transfers_combo = self._combo(
            self.tr("Transfers"),
            self.tr("Transfers of personal data outside the EEA (GDPR Chapter V)"),
            [(self.tr("Any transfers"), None), (self.tr("Transfers outside the EEA"), True),
             (self.tr("No transfer outside the EEA"), False)])
        self.overdue_check = QCheckBox(self.tr("Review over&due"))
        self.overdue_check.setToolTip(
            self.tr("Show only the records whose next review date has passed"))
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setToolTip(self.tr("Show the records of every status, basis…"))
        self.clear_button.setEnabled(False)

        # Two rows of three: the list pane is narrow beside the editor.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.status_combo, 0, 0)
        grid.addWidget(self.basis_combo, 0, 1)
        grid.addWidget(self.special_combo, 0, 2)
        grid.addWidget(self.transfers_combo, 1, 0)
        grid.addWidget(self.overdue_check, 1, 1)
        grid.addWidget(self.clear_button, 1, 2, Qt.AlignmentFlag.AlignRight)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self._connect_signals()

    def _combo(self, name: str, tip: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(f"{name}: {tip}")
        for text, value in items:
            combo.addItem(text, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        # The closed combo may be narrow; its list shows each choice in full.
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        return combo

    def _basis_text(self, basis: LegalBasis, lang: str) -> str:
        article = _article(basis)
        if not article:
            return label(basis, lang)
        return f"{self.tr('Art. %1').replace('%1', article)} – {label(basis, lang)}"

    def _connect_signals(self) -> None:
        for combo in (self.status_combo, self.basis_combo, self.special_combo,
                      self.transfers_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.overdue_check.toggled.connect(self._changed)
        self.clear_button.clicked.connect(self.clear)

    def _changed(self) -> None:
        self.clear_button.setEnabled(self.is_filtering())
        for combo in (self.status_combo, self.basis_combo, self.special_combo,
                      self.transfers_combo):
            # A set filter stands out, so that a short list is not mistaken for the register.
            font = combo.font()
            font.setBold(combo.currentIndex() > 0)
            combo.setFont(font)
        self.filters_changed.emit()

    # --- the choices ----------------------------------------------------------------------

    def status(self) -> RecordStatus | None:
        """The status chosen, None for any."""
        value = self.status_combo.currentData()
        return RecordStatus(value) if value is not None else None

    def legal_basis(self) -> LegalBasis | None:
        """The legal basis chosen, None for any."""
        value = self.basis_combo.currentData()
        return LegalBasis(value) if value is not None else None

    def special_data(self) -> bool | None:
        """True: with sensitive data only; False: without; None: both."""
        value = self.special_combo.currentData()
        return bool(value) if value is not None else None

    def transfers(self) -> bool | None:
        """True: with transfers outside the EEA only; False: without; None: both."""
        value = self.transfers_combo.currentData()
        return bool(value) if value is not None else None

    def overdue_only(self) -> bool:
        """True to show only the records whose review is overdue."""
        return self.overdue_check.isChecked()

    def is_filtering(self) -> bool:
        """True when any filter is set."""
        return self.overdue_only() or any(
            c.currentIndex() > 0 for c in (self.status_combo, self.basis_combo,
                                           self.special_combo, self.transfers_combo))

    def clear(self) -> None:
        """Set every filter back to "any" (one ``filters_changed``)."""
        if not self.is_filtering():
            return
        widgets = (self.status_combo, self.basis_combo, self.special_combo,
                   self.transfers_combo, self.overdue_check)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for combo in widgets[:4]:
                combo.setCurrentIndex(0)  # type: ignore[union-attr]
            self.overdue_check.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._changed()

    def set_status(self, status: RecordStatus | None) -> None:
        """Choose a status as the user would (emits ``filters_changed``)."""
        index = 0 if status is None else self.status_combo.findData(status.value)
        self.status_combo.setCurrentIndex(max(0, index))


__all__ = ["FilterBar"]
