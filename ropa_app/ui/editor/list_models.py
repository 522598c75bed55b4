"""Table models over the lists of a record: parties, purposes, data subjects, data
categories, recipients, transfers and security measures.

Each model holds its rows as plain dicts of field values (enum members, ints, strings),
one :class:`~enum.IntEnum` ``Column`` per model, and never a widget. Edits coming from the
view (:meth:`RecordListModel.setData`) become undo commands on the editor's stack; the
commands change the rows through the plain methods (``set_value``, ``insert_row``…), which
notify the views precisely.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ropa_app.domain.documents import RecipientDoc, RecordPartyDoc, TransferDoc
from ropa_app.domain.enums import (
    Art9Condition,
    DataCategory,
    LegalBasis,
    PartyRole,
    PurposeKind,
    RecipientType,
    RegisterKind,
    RetentionOutcome,
    RetentionUnit,
    SecurityMeasureType,
    SubjectCategory,
    TransferMechanism,
)
from ropa_app.domain.models import (
    DataCategoryEntryBase,
    PurposeBase,
    SecurityMeasureBase,
    SubjectCategoryEntryBase,
)
from ropa_app.ui.editor.country import CountryDescriber
from ropa_app.ui.editor.labels import FieldLabels, Vocabularies
from ropa_app.ui.editor.list_base import (
    CellKind,
    ColumnSpec,
    FieldRole,
    ProblemRole,
    RecordListModel,
    Row,
)
from ropa_app.ui.editor.list_base import (
    column_spec as col,
)

AnyIndex = QModelIndex | QPersistentModelIndex

# --- the lists ---------------------------------------------------------------------------------


class PartiesModel(RecordListModel):
    """Joint controllers (controller register) or client controllers with the categories
    of processing carried out for each (processor register)."""

    class Column(IntEnum):
        """Columns of the parties table."""

        THIRD_PARTY = 0
        DETAILS = 1

    list_name = "parties"
    item_type = RecordPartyDoc
    SPECS = (col("third_party", CellKind.THIRD_PARTY, nullable=False, width=30),
             col("details", width=60))

    def __init__(self, vocab: Vocabularies, labels: FieldLabels,
                 parent: QObject | None = None) -> None:
        super().__init__(vocab, labels, parent)
        self._register = RegisterKind.CONTROLLER

    def set_register(self, register: RegisterKind) -> None:
        """Word the details column for the register the record belongs to."""
        if register is not self._register:
            self._register = register
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def party_role(self) -> PartyRole:
        """The role a party has in this register (Art. 30(1)(a) or 30(2)(a))."""
        return (PartyRole.CLIENT_CONTROLLER if self._register is RegisterKind.PROCESSOR
                else PartyRole.JOINT_CONTROLLER)

    def header(self, spec: ColumnSpec) -> str:
        if spec.field == "details":
            return self._labels.party_details(self._register)
        return super().header(spec)

    def new_row(self) -> Row:
        return {"third_party": "", "role": self.party_role(), "details": ""}


class PurposesModel(RecordListModel):
    """The main purpose and the sub-purposes, each with its Art. 6(1) legal basis."""

    class Column(IntEnum):
        """Columns of the purposes table."""

        KIND = 0
        DESCRIPTION = 1
        LEGAL_BASIS = 2
        JUSTIFICATION = 3
        LEGITIMATE_INTEREST = 4
        BALANCING_TEST = 5
        CONSENT_DETAILS = 6

    list_name = "purposes"
    item_type = PurposeBase
    SPECS = (col("kind", CellKind.CHOICE, PurposeKind, nullable=False, width=18),
             col("description", width=34),
             col("legal_basis", CellKind.CHOICE, LegalBasis, width=40),
             col("justification", width=28),
             col("legitimate_interest", width=24),
             col("balancing_test_reference", width=16),
             col("consent_details", width=24))

    def new_row(self) -> Row:
        row = super().new_row()
        has_main = any(r["kind"] is PurposeKind.MAIN for r in self._rows)
        row["kind"] = PurposeKind.SUB if has_main else PurposeKind.MAIN
        return row


class SubjectsModel(RecordListModel):
    """Categories of data subjects with précisions."""

    class Column(IntEnum):
        """Columns of the data subjects table."""

        CATEGORY = 0
        LABEL = 1
        DETAILS = 2

    list_name = "subjects"
    item_type = SubjectCategoryEntryBase
    SPECS = (col("category", CellKind.CHOICE, SubjectCategory, nullable=False, width=22),
             col("label", width=26),
             col("details", width=50))


class DataCategoriesModel(RecordListModel):
    """Every data category of the record, ordinary and sensitive, each with its retention.

    The fiche shows ordinary and sensitive data in two blocks: two
    :class:`DataCategoryFilter` views over this one list.
    """

    class Column(IntEnum):
        """Columns of the data categories tables."""

        CATEGORY = 0
        DESCRIPTION = 1
        RETENTION_VALUE = 2
        RETENTION_UNIT = 3
        RETENTION_CRITERION = 4
        RETENTION_START = 5
        RETENTION_OUTCOME = 6
        ART9_CONDITION = 7
        ART10_GROUND = 8

    list_name = "data_categories"
    item_type = DataCategoryEntryBase
    SPECS = (col("category", CellKind.CHOICE, DataCategory, nullable=False, width=30),
             col("description", width=34),
             col("retention_value", CellKind.NUMBER, width=8),
             col("retention_unit", CellKind.CHOICE, RetentionUnit, width=9),
             col("retention_criterion", width=22),
             col("retention_start", width=18),
             col("retention_outcome", CellKind.CHOICE, RetentionOutcome, width=14),
             col("art9_condition", CellKind.CHOICE, Art9Condition, width=30),
             col("art10_ground", width=24))

    def is_sensitive(self, row: int) -> bool:
        """True for Art. 9(1) and Art. 10 data (the fiche's "données sensibles")."""
        category = self._rows[row]["category"]
        return isinstance(category, DataCategory) and category.is_sensitive

    def applicable(self, row: int, field: str) -> bool:
        values = self._rows[row]
        category = values["category"]
        if field == "art9_condition":
            return bool(category.is_special or values["art9_condition"] is not None)
        if field == "art10_ground":
            return bool(category.is_criminal or values["art10_ground"])
        return True

    def new_sensitive_row(self) -> Row:
        """A row for the sensitive data block (health data by default)."""
        row = self.new_row()
        row["category"] = DataCategory.HEALTH
        return row


class DataCategoryFilter(QSortFilterProxyModel):
    """The ordinary or the sensitive data categories of a :class:`DataCategoriesModel`."""

    def __init__(self, source: DataCategoriesModel, sensitive: bool,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sensitive = sensitive
        self.setSourceModel(source)

    def set_sensitive(self, sensitive: bool) -> None:
        """Show the sensitive (True) or the ordinary (False) categories."""
        self.beginFilterChange()
        self._sensitive = sensitive
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sensitive(self) -> bool:
        """Whether the sensitive categories are shown."""
        return self._sensitive

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Rows are numbered within the block shown (1, 2, 3…), as problems name them."""
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1) if 0 <= section < self.rowCount() else None
        return super().headerData(section, orientation, role)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, DataCategoriesModel)
        return source.is_sensitive(source_row) == self._sensitive


class RecipientsModel(RecordListModel):
    """Recipients by type, optionally linked to a third party."""

    class Column(IntEnum):
        """Columns of the recipients table."""

        TYPE = 0
        NAME = 1
        THIRD_PARTY = 2
        DETAILS = 3

    list_name = "recipients"
    item_type = RecipientDoc
    SPECS = (col("recipient_type", CellKind.CHOICE, RecipientType, nullable=False, width=26),
             col("name", width=26),
             col("third_party", CellKind.THIRD_PARTY, width=26),
             col("details", width=40))


class TransfersModel(RecordListModel):
    """Transfers outside the EEA, with the destination's standing shown next to it."""

    class Column(IntEnum):
        """Columns of the transfers table."""

        RECIPIENT = 0
        THIRD_PARTY = 1
        COUNTRY = 2
        COUNTRY_STATUS = 3
        INTERNATIONAL_ORGANISATION = 4
        MECHANISM = 5
        DOCUMENTATION = 6
        TIA_REFERENCE = 7
        DETAILS = 8

    list_name = "transfers"
    item_type = TransferDoc
    SPECS = (col("recipient", width=22),
             col("third_party", CellKind.THIRD_PARTY, width=24),
             col("country", CellKind.COUNTRY, width=16),
             col("country_status", CellKind.DERIVED, width=30),
             col("international_organisation", width=18),
             col("mechanism", CellKind.CHOICE, TransferMechanism, width=32),
             col("documentation", width=24),
             col("tia_reference", width=14),
             col("details", width=30))

    def __init__(self, vocab: Vocabularies, labels: FieldLabels, countries: CountryDescriber,
                 parent: QObject | None = None) -> None:
        super().__init__(vocab, labels, parent)
        self._countries = countries

    def display(self, row: int, spec: ColumnSpec) -> str:
        code = self._rows[row].get("country") or ""
        if spec.field == "country":
            return self._countries.name(code)
        if spec.field == "country_status":
            return self._countries.status_text(code)
        return super().display(row, spec)

    def tooltip(self, row: int, spec: ColumnSpec) -> str:
        if spec.field in ("country", "country_status"):
            return self._countries.details(self._rows[row].get("country") or "")
        return super().tooltip(row, spec)


class SecurityMeasuresModel(RecordListModel):
    """Technical and organisational security measures by type, with précisions."""

    class Column(IntEnum):
        """Columns of the security measures table."""

        TYPE = 0
        DETAILS = 1

    list_name = "security_measures"
    item_type = SecurityMeasureBase
    SPECS = (col("measure_type", CellKind.CHOICE, SecurityMeasureType, nullable=False,
                   width=26),
             col("details", width=70))


#: Every list model class, in fiche order.
LIST_MODELS: tuple[type[RecordListModel], ...] = (
    PartiesModel, PurposesModel, SubjectsModel, DataCategoriesModel, RecipientsModel,
    TransfersModel, SecurityMeasuresModel,
)


__all__ = [
    "LIST_MODELS", "CellKind", "ColumnSpec", "DataCategoriesModel", "DataCategoryFilter",
    "FieldRole", "PartiesModel", "ProblemRole", "PurposesModel", "RecipientsModel",
    "RecordListModel", "Row", "SecurityMeasuresModel", "SubjectsModel", "TransfersModel",
]
