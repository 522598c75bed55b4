"""A country field: pick an ISO 3166-1 country by name or type its two-letter code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ropa_app.domain.reference import load_reference


class CountryPicker(QComboBox):
    """An editable list of every country, by name in the UI language.

    The user picks from the list, types part of a name (the completer shows every country
    containing it) or types a code such as ``fr``. :meth:`code` is the country's ISO 3166-1
    alpha-2 code, ``""`` for none, or what was typed, upper-cased, when it names no country
    (the store then refuses it with its own message).

    Args:
        lang: language of the country names (``"fr"``/``"en"``).
        parent: the owning widget.
    """

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", "")
        self._by_name: dict[str, str] = {}
        for code, name in load_reference().countries(lang):
            self.addItem(f"{name} ({code})", code)
            self._by_name[name.casefold()] = code
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        line = self.lineEdit()
        assert line is not None  # editable
        line.setPlaceholderText(self.tr("Name or code, e.g. FR"))

    def code(self) -> str:
        """The country chosen or typed, as an upper-case code; ``""`` when empty."""
        text = self.currentText().strip()
        if not text:
            return ""
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)  # case-insensitive
        if index >= 0:
            return str(self.itemData(index))
        return self._by_name.get(text.casefold(), text.upper())

    def set_code(self, code: str) -> None:
        """Show the country ``code`` (an unknown code is shown as typed)."""
        index = self.findData(code.strip().upper()) if code else 0
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(code)
