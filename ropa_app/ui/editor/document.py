"""The record as it is being edited: field values, the list models, and the stamps the
store maintains (version, who changed the status and when…).

The undo commands change it; the form and the tables show it. It builds the
:class:`RecordDoc` to save, and says which fields a document could not be built from.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal

from ropa_app.domain.documents import RECORD_LISTS, RecordDoc
from ropa_app.domain.models import ProcessingRecordBase
from ropa_app.ui.editor.list_models import RecordListModel

Problem = tuple[str, str]
Snapshot = dict[str, Any]

#: The fields the form edits, in fiche order.
FORM_FIELDS: tuple[str, ...] = (
    "reference", "name", "description", "business_function", "owner", "software", "status",
    "last_review", "last_reviewed_by", "next_review",
    "data_source", "data_source_details", "automated_decision", "profiling",
    "automated_decision_details",
    "dpia_criteria", "dpia_cnil_list", "dpia_decision", "dpia_reason", "dpia_reference",
    "notes",
)
#: The fields the store maintains; shown, never edited.
STAMP_FIELDS: tuple[str, ...] = (
    "register_kind", "status_changed_by", "status_changed_at", "validated_by", "validated_at",
    "created_at", "updated_at", "version",
)


def path_of(location: tuple[int | str, ...]) -> str:
    """A pydantic error location as a document path: ``("purposes", 0, "kind")`` ->
    ``purposes[0].kind``."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else str(part)
    return path


class EditorDocument(QObject):
    """The edited record.

    Signals:
        field_changed(str): a form field changed (its name); the form shows the new value.
        stamps_changed(): the stamps were replaced (a load or a save).

    Args:
        models: the list models, by :class:`RecordDoc` list name.
    """

    field_changed = Signal(str)
    stamps_changed = Signal()

    def __init__(self, models: Mapping[str, RecordListModel],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        assert set(models) == set(RECORD_LISTS), "one model per list of the record"
        self.models = dict(models)
        fields = ProcessingRecordBase.model_fields
        self._values: dict[str, Any] = {
            name: None if fields[name].is_required()
            else fields[name].get_default(call_default_factory=True)
            for name in FORM_FIELDS
        }
        self._stamps: dict[str, Any] = {
            name: fields[name].get_default(call_default_factory=True) for name in STAMP_FIELDS
        }

    # --- values -------------------------------------------------------------------------------

    def value(self, field: str) -> Any:
        """The value of a form field (lists are copies)."""
        return copy.copy(self._values[field])

    def set_value(self, field: str, value: Any) -> None:
        """Change a form field (for the undo commands); tells the form."""
        if self._values[field] == value:
            return
        self._values[field] = copy.copy(value)
        self.field_changed.emit(field)

    def stamp(self, field: str) -> Any:
        """A field the store maintains (version, status_changed_by…)."""
        return self._stamps[field]

    # --- whole documents ---------------------------------------------------------------------

    def load(self, doc: RecordDoc) -> None:
        """Show ``doc``: every field, every list, every stamp."""
        for field in FORM_FIELDS:
            self._values[field] = copy.copy(getattr(doc, field))
        self.set_stamps(doc)
        for name, model in self.models.items():
            model.set_items(getattr(doc, name))
        for field in FORM_FIELDS:
            self.field_changed.emit(field)

    def set_stamps(self, doc: RecordDoc) -> None:
        """Take the stamps of ``doc`` (after a save: new version, who changed the status)."""
        for field in STAMP_FIELDS:
            self._stamps[field] = getattr(doc, field)
        self.stamps_changed.emit()

    def snapshot(self) -> Snapshot:
        """Every edited value, to be given back to :meth:`restore`."""
        return {"fields": copy.deepcopy(self._values),
                "lists": {name: model.rows() for name, model in self.models.items()}}

    def restore(self, snapshot: Snapshot) -> None:
        """Bring back the values of a :meth:`snapshot`; only what differs is announced."""
        for field, value in snapshot["fields"].items():
            self.set_value(field, value)
        for name, rows in snapshot["lists"].items():
            model = self.models[name]
            if model.rows() != rows:
                model.set_rows(rows)

    @staticmethod
    def snapshot_of(doc: RecordDoc) -> Snapshot:
        """The snapshot that shows ``doc``."""
        return {"fields": {f: copy.deepcopy(getattr(doc, f)) for f in FORM_FIELDS},
                "lists": {name: [item.model_dump() for item in getattr(doc, name)]
                          for name in RECORD_LISTS}}

    def data(self) -> dict[str, Any]:
        """The record as a dict of :class:`RecordDoc` fields."""
        data = copy.deepcopy(self._values)
        data.update(self._stamps)
        for name, model in self.models.items():
            data[name] = model.rows()
        return data

    def build(self) -> tuple[RecordDoc, list[Problem]]:
        """The record as a document, with the problems that keep it from being valid.

        When a field breaks the document's own rules (an empty reference, a party with
        no third party), the document is still returned, unvalidated, so that nothing
        typed is lost; the problems say where.
        """
        data = self.data()
        try:
            return RecordDoc.model_validate(data), []
        except ValidationError as exc:
            problems = [(path_of(tuple(e["loc"])), self._message(e)) for e in exc.errors()]
        for name, item_type in RECORD_LISTS.items():
            data[name] = [item_type.model_construct(**row) for row in data[name]]
        return RecordDoc.model_construct(**data), problems

    def _message(self, error: Mapping[str, Any]) -> str:
        kind = error.get("type", "")
        context = error.get("ctx") or {}
        if kind == "string_too_short":
            return self.tr("Required")
        if kind == "string_too_long":
            return self.tr("At most %1 characters").replace(
                "%1", str(context.get("max_length", "")))
        return str(error.get("msg", kind))
