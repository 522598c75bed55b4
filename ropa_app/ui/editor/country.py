"""The country picker of transfers: every ISO 3166 country with where it stands under
GDPR Chapter V (EEA, adequacy decision with its scope, third country).

The standing comes from the reference data (:meth:`ReferenceData.country_status` and
:meth:`ReferenceData.adequacy`); this module only words it.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ropa_app.domain.reference import CountryStatus, load_reference

AnyIndex = QModelIndex | QPersistentModelIndex

#: The ISO 3166-1 alpha-2 code of a country item (``""`` for "no country").
CodeRole = Qt.ItemDataRole.UserRole + 1


def short_scope(scope: str) -> str:
    """The scope of a partial adequacy decision up to its first aside, for one-line display:
    "Organisations certified under the EU-U.S. Data Privacy Framework, on the…" ->
    "Organisations certified under the EU-U.S. Data Privacy Framework"."""
    cut = len(scope)
    for mark in (" (", ", "):
        found = scope.find(mark)
        if found > 0:
            cut = min(cut, found)
    return scope[:cut].rstrip(" .;:")


class CountryDescriber(QObject):
    """Country names and Chapter V standing in the UI language.

    Args:
        lang: ``"fr"`` or ``"en"``.
    """

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._ref = load_reference()

    def name(self, code: str) -> str:
        """The country's name (the code itself when it is not a country)."""
        return self._ref.country_name(code, self.lang) if code else ""

    def status(self, code: str) -> CountryStatus:
        """Where the country stands today."""
        return self._ref.country_status(code)

    def status_text(self, code: str) -> str:
        """One line, in the reference data's words: "European Economic Area", "Adequate
        country", "Partial adequacy: <scope>", "Third country without an adequacy
        decision" (and when a decision expired)."""
        if not code:
            return ""
        status = self.status(code)
        text = self._ref.vocabulary(CountryStatus).label(status.value, self.lang)
        decision = self._ref.adequacy(code)
        if status is CountryStatus.ADEQUATE_PARTIAL and decision is not None:
            scope = short_scope(decision.scope_label(self.lang) or "")
            return self.tr("%1: %2").replace("%1", text).replace("%2", scope)
        if status is CountryStatus.THIRD_COUNTRY and decision is not None \
                and decision.expires_on is not None:
            return self.tr("%1 (decision expired on %2)").replace("%1", text).replace(
                "%2", decision.expires_on.isoformat())
        return text

    def details(self, code: str) -> str:
        """Everything known of the country's standing: decision reference, full scope,
        expiry, notes (for tooltips and the transfer's detail line)."""
        if not code:
            return ""
        parts = [f"{self.name(code)} — {self.status_text(code)}"]
        decision = self._ref.adequacy(code)
        if decision is not None:
            parts.append(self.tr("Decision: %1").replace("%1", decision.decision))
            scope = decision.scope_label(self.lang)
            if scope:
                parts.append(self.tr("Scope: %1").replace("%1", scope))
            if decision.expires_on is not None:
                parts.append(self.tr("Applies until %1").replace(
                    "%1", decision.expires_on.isoformat()))
            if decision.note:
                parts.append(decision.note[self.lang])
        elif self.status(code) is CountryStatus.THIRD_COUNTRY:
            parts.append(self.tr("A transfer needs Art. 46 safeguards, binding corporate rules "
                                 "or an Art. 49 derogation."))
        return "\n".join(parts)

    def item_text(self, code: str) -> str:
        """What the picker lists: "United States — Partial adequacy: Organisations certified
        under the EU-U.S. Data Privacy Framework"."""
        return f"{self.name(code)} — {self.status_text(code)}"


class CountryListModel(QAbstractListModel):
    """Every country, sorted by name in the UI language, after a "no country" entry.

    Row 0 is the empty choice (a transfer to an international organisation has no country).
    Each entry reads "United States — Partial adequacy: Organisations certified under the
    EU-U.S. Data Privacy Framework"; its tooltip has the decision's reference and full scope.
    """

    class Column(IntEnum):
        """The single column."""

        COUNTRY = 0

    def __init__(self, describer: CountryDescriber, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._describer = describer
        self._codes = [""] + [code for code, _name in load_reference().countries(describer.lang)]
        self._texts = [""] + [describer.item_text(c) for c in self._codes[1:]]
        self._rows = {code: row for row, code in enumerate(self._codes)}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._codes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._codes):
            return None
        code = self._codes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._texts[index.row()]
        if role == CodeRole:
            return code
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._describer.details(code) or None
        return None

    def row_of(self, code: str) -> int:
        """The row of a country code; 0 (no country) when unknown."""
        return self._rows.get(code.strip().upper(), 0)


class CountryCombo(QComboBox):
    """A country picker: type part of a name to narrow the list; each entry says the
    country's standing. Used as the transfers table's country editor."""

    def __init__(self, model: CountryListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setModel(model)
        self.setMaxVisibleItems(18)
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Country name or code"))
        self._model = model

    def code(self) -> str:
        """The chosen country's code (``""`` for none). Text typed that names one entry
        exactly (its full text, its name or its code) counts as choosing it."""
        text = self.currentText().strip()
        if not text:
            return ""
        wanted = text.casefold()
        for row in range(self._model.rowCount()):
            index = self._model.index(row, 0)
            item = str(index.data())
            code = str(index.data(CodeRole))
            if wanted in (item.casefold(), item.split(" — ")[0].casefold(), code.casefold()):
                return code
        return str(self.currentData(CodeRole) or "")

    def set_code(self, code: str) -> None:
        """Show ``code`` as chosen."""
        self.setCurrentIndex(self._model.row_of(code))
