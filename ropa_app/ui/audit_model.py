"""The findings of the audit readiness panel: a table model and its filter.

One row per finding: its severity, the record (register, reference, name), what is wrong,
the GDPR article it rests on and the field to fix. Findings on the organisation's own block
come first, with no record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ropa_app.checks.engine import Finding
from ropa_app.checks.rules import Severity
from ropa_app.domain.enums import RegisterKind
from ropa_app.ui.badges import severity_icon
from ropa_app.ui.editor.labels import FieldLabels
from ropa_app.ui.register_model import natural_key

AnyIndex = QModelIndex | QPersistentModelIndex

#: The finding's :class:`AuditRow`, on every cell of its row.
AuditRowRole = Qt.ItemDataRole.UserRole + 1

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}
#: The rules of the review cycle (for the "reviews" scope of the panel).
REVIEW_RULES = frozenset({"review.overdue", "review.unplanned"})


@dataclass(frozen=True, slots=True)
class AuditRow:
    """A finding and the record it is about.

    Attributes:
        finding: the finding (rule, reference, register, field path).
        record_id: the record's id; None for the organisation's own block.
        record_name: the record's name ("" for the organisation's block).
    """

    finding: Finding
    record_id: int | None
    record_name: str
    key: tuple[int, int, str, str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Sorting 15,000 findings again after each save must not re-parse references.
        object.__setattr__(self, "key", sort_key(self))


class FindingColumn(IntEnum):
    """The columns of the findings table."""

    SEVERITY = 0
    REGISTER = 1
    REFERENCE = 2
    NAME = 3
    PROBLEM = 4
    ARTICLE = 5
    FIELD = 6


class Scope(StrEnum):
    """Which findings the panel shows."""

    ALL = "all"
    ERRORS = "error"
    WARNINGS = "warning"
    NOTICES = "notice"
    REVIEWS = "reviews"  # review overdue or not planned


def sort_key(row: AuditRow) -> tuple[int, int, str, str, str]:
    """Errors first, then warnings, then notices; the organisation's block before records;
    then by register, reference (natural order) and field."""
    f = row.finding
    return (_SEVERITY_ORDER[f.severity], 0 if f.reference is None else 1,
            f.register.value if f.register else "", natural_key(f.reference or ""), f.path)


class FindingsModel(QAbstractTableModel):
    """The findings of one organisation, sorted by :func:`sort_key`.

    Args:
        lang: the language of rule messages (``"fr"``/``"en"``).
        parent: the owning QObject.
    """

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[AuditRow] = []
        self._labels = FieldLabels(self)
        self._severity_texts = {
            Severity.ERROR: self.tr("Missing item"),
            Severity.WARNING: self.tr("Warning"),
            Severity.NOTICE: self.tr("Notice"),
        }
        self._severity_tips = {
            Severity.ERROR: self.tr("A mandatory item of Article 30 is missing"),
            Severity.WARNING: self.tr("Likely non-compliance with another provision"),
            Severity.NOTICE: self.tr("Something to look at"),
        }
        self._register_texts = {RegisterKind.CONTROLLER: self.tr("Controller"),
                                RegisterKind.PROCESSOR: self.tr("Processor")}
        self._organisation_fields = {
            "address": self.tr("Address"), "email": self.tr("E-mail"),
            "dpo_name": self.tr("DPO: name"), "dpo_email": self.tr("DPO: e-mail"),
        }
        self._headers = {
            FindingColumn.SEVERITY: self.tr("Severity"),
            FindingColumn.REGISTER: self.tr("Register"),
            FindingColumn.REFERENCE: self.tr("Ref."),
            FindingColumn.NAME: self.tr("Processing activity"),
            FindingColumn.PROBLEM: self.tr("What an auditor would raise"),
            FindingColumn.ARTICLE: self.tr("GDPR"),
            FindingColumn.FIELD: self.tr("Field to fix"),
        }

    def set_rows(self, rows: Sequence[AuditRow]) -> None:
        """Show ``rows`` (sorted here) instead of the current ones."""
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda row: row.key)
        self.endResetModel()

    def rows(self) -> list[AuditRow]:
        """Every finding shown, in order."""
        return list(self._rows)

    def row(self, index: int) -> AuditRow:
        """The finding of row ``index``."""
        return self._rows[index]

    def field_label(self, row: AuditRow) -> str:
        """The field to fix, in words."""
        path = row.finding.path
        if row.finding.reference is None:
            return self._organisation_fields.get(path, path)
        return self._labels.path(path)

    def _text(self, row: AuditRow, column: int) -> str:
        f = row.finding
        if column == FindingColumn.SEVERITY:
            return self._severity_texts[f.severity]
        if column == FindingColumn.REGISTER:
            return self._register_texts[f.register] if f.register else self.tr("Organisation")
        if column == FindingColumn.REFERENCE:
            return f.reference or ""
        if column == FindingColumn.NAME:
            return row.record_name
        if column == FindingColumn.PROBLEM:
            return f.rule.message(self._lang)
        if column == FindingColumn.ARTICLE:
            return f.rule.article
        return self.field_label(row)

    # --- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(FindingColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FindingColumn.SEVERITY:
                return self._severity_tips[row.finding.severity]
            if column == FindingColumn.PROBLEM:
                return (f"{row.finding.rule.message(self._lang)}\n"
                        f"{row.finding.rule.article} · {row.finding.rule.id}")
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.DecorationRole and column == FindingColumn.SEVERITY:
            return severity_icon(row.finding.severity)
        if role == AuditRowRole:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(FindingColumn)):
            return self._headers[FindingColumn(section)]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)


class FindingsFilter(QSortFilterProxyModel):
    """Shows the findings of one :class:`Scope`."""

    def __init__(self, model: FindingsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._scope = Scope.ALL
        self.setSourceModel(model)

    def set_scope(self, scope: Scope) -> None:
        """Show only the findings of ``scope``."""
        if scope is self._scope:
            return
        self.beginFilterChange()
        self._scope = scope
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def scope(self) -> Scope:
        """The scope shown."""
        return self._scope

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._scope is Scope.ALL:
            return True
        finding = self._model.row(source_row).finding
        if self._scope is Scope.REVIEWS:
            return finding.rule.id in REVIEW_RULES
        return finding.severity.value == self._scope.value


__all__ = ["REVIEW_RULES", "AuditRow", "AuditRowRole", "FindingColumn", "FindingsFilter",
           "FindingsModel", "Scope", "sort_key"]
