"""Undo commands of the record editor: one per user action (STYLE §6, after Orange's
``document/commands.py``).

A command holds what it needs to go both ways (the old and the new value, the removed
row) and changes the edited record only through the plain methods of
:class:`~ropa_app.ui.editor.document.EditorDocument` and of the list models, which tell
the widgets; widgets never change the record themselves. Keystrokes in one field merge
into one command while the user keeps typing there (``id()`` / ``mergeWith``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ropa_app.ui.editor.document import EditorDocument, Snapshot
from ropa_app.ui.editor.list_models import RecordListModel, Row

#: ``QUndoCommand.id()`` of field edits that merge while the user types.
TYPING_ID = 1


class SetFieldCommand(QUndoCommand):
    """A field of the record changed (text typed, a choice, a box ticked, a date).

    Args:
        document: the edited record.
        field: the :class:`RecordDoc` field.
        old: the value before.
        new: the value after.
        text: what the Edit menu says ("Edit Name").
        typing_run: commands of one field with the same run number merge (the form
            starts a new run when the field loses focus); None never merges.
    """

    def __init__(self, document: EditorDocument, field: str, old: Any, new: Any, text: str,
                 typing_run: int | None = None) -> None:
        super().__init__(text)
        self._document = document
        self.field = field
        self._old = old
        self._new = new
        self._run = typing_run

    def id(self) -> int:
        return TYPING_ID if self._run is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.field != self.field \
                or other._run != self._run:
            return False
        self._new = other._new
        # Typed back to where it started: the command does nothing any more.
        self.setObsolete(self._new == self._old)
        return True

    def redo(self) -> None:
        self._document.set_value(self.field, self._new)

    def undo(self) -> None:
        self._document.set_value(self.field, self._old)


class SetCellCommand(QUndoCommand):
    """One cell of a list changed."""

    def __init__(self, model: RecordListModel, row: int, field: str, old: Any, new: Any,
                 list_label: str) -> None:
        super().__init__(model.tr("Edit %1").replace("%1", list_label))
        self._model = model
        self._row = row
        self._field = field
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._model.set_value(self._row, self._field, self._new)

    def undo(self) -> None:
        self._model.set_value(self._row, self._field, self._old)


class InsertRowCommand(QUndoCommand):
    """A row added to a list."""

    def __init__(self, model: RecordListModel, row: int, values: Row, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._row = row
        self._values = dict(values)

    def redo(self) -> None:
        self._model.insert_row(self._row, self._values)

    def undo(self) -> None:
        self._model.remove_row(self._row)


class RemoveRowCommand(QUndoCommand):
    """A row removed from a list (kept, to be put back by undo)."""

    def __init__(self, model: RecordListModel, row: int, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._row = row
        self._values: Row = model.row(row)

    def redo(self) -> None:
        self._values = self._model.remove_row(self._row)

    def undo(self) -> None:
        self._model.insert_row(self._row, self._values)


class MoveRowCommand(QUndoCommand):
    """A row moved up or down its list."""

    def __init__(self, model: RecordListModel, source: int, target: int, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._source = source
        self._target = target

    def redo(self) -> None:
        self._model.move_row(self._source, self._target)

    def undo(self) -> None:
        self._model.move_row(self._target, self._source)


class ReplaceRecordCommand(QUndoCommand):
    """The whole record replaced at once (merged with the stored version after a
    conflict); undo brings back the user's version."""

    def __init__(self, document: EditorDocument, new: Snapshot, text: str) -> None:
        super().__init__(text)
        self._document = document
        self._old = document.snapshot()
        self._new = new

    def redo(self) -> None:
        self._document.restore(self._new)

    def undo(self) -> None:
        self._document.restore(self._old)
