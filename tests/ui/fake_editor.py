"""A stand-in for the record editor that honours its interface: it pins down the window's
side of the contract without depending on the editor's widgets."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.store.drafts import Draft, DraftStore
from ropa_app.ui.prompts import PromptService
from ropa_app.ui.session import RegisterSession


class FakeEditor(QWidget):
    """Shows the record's reference and name; every edit is one undo command.

    Signals:
        record_saved(int), record_deleted(int), dirty_changed(bool), status_message(str)

    Attributes:
        calls: the interface methods called, in order, with their main argument.
        leave_answer: what :meth:`confirm_leave` answers when there are unsaved changes.
        leave_asked: how many times it was asked with unsaved changes.
    """

    record_saved = Signal(int)
    record_deleted = Signal(int)
    dirty_changed = Signal(bool)
    status_message = Signal(str)

    def __init__(self, session: RegisterSession, prompts: PromptService, drafts: DraftStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.prompts = prompts
        self.drafts = drafts
        self.calls: list[tuple[str, object]] = []
        self.leave_answer = True
        self.leave_asked = 0
        self._record_id: int | None = None
        self._organisation_id: int | None = None
        self._doc = RecordDoc(reference="-", name="-")
        self.undo_stack = QUndoStack(self)
        self.save_action = QAction("&Save", self)
        self.revert_action = QAction("Re&vert", self)
        self.name_edit = QLineEdit()
        self.title = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.name_edit)
        self.save_action.triggered.connect(self.save)
        self.revert_action.triggered.connect(self.revert)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    # --- test helpers ------------------------------------------------------------------------

    def edit_name(self, name: str) -> None:
        """Change the name as a user would: one undo command."""
        stack, doc = self.undo_stack, self._doc

        class Rename(QUndoCommand):
            def __init__(self, old: str) -> None:
                super().__init__("Rename")
                self.old = old

            def redo(self) -> None:
                doc.name = name

            def undo(self) -> None:
                doc.name = self.old

        stack.push(Rename(doc.name))

    # --- the interface -----------------------------------------------------------------------

    def load_record(self, record_id: int) -> None:
        self.calls.append(("load_record", record_id))
        stored = self.session.records.load(record_id)
        self._record_id, self._organisation_id = record_id, stored.organisation_id
        self._doc = stored.doc
        self.undo_stack.clear()
        self.title.setText(stored.doc.reference)

    def new_record(self, organisation_id: int, register: RegisterKind,
                   doc: RecordDoc | None = None) -> None:
        self.calls.append(("new_record", doc))
        self._record_id, self._organisation_id = None, organisation_id
        self._doc = (doc.model_copy(deep=True) if doc is not None
                     else RecordDoc(register_kind=register, reference="NEW-01", name="New"))
        self._doc.register_kind = register
        self.undo_stack.clear()

    def restore_draft(self, draft: Draft) -> None:
        self.calls.append(("restore_draft", draft.key))
        self._record_id, self._organisation_id = draft.record_id, draft.organisation_id
        self._doc = draft.doc
        self.undo_stack.clear()
        self.undo_stack.resetClean()  # a restored draft is unsaved work
        self.undo_stack.push(QUndoCommand("Restored"))

    def clear(self) -> None:
        self.calls.append(("clear", None))
        self._record_id = self._organisation_id = None
        self.undo_stack.clear()

    def current_record_id(self) -> int | None:
        return self._record_id

    def current_doc(self) -> RecordDoc:
        return self._doc

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def confirm_leave(self) -> bool:
        if not self.is_dirty():
            return True
        self.leave_asked += 1
        return self.leave_answer

    def save(self) -> bool:
        self.calls.append(("save", self._record_id))
        if self._organisation_id is None:
            return False
        records = self.session.records
        if self._record_id is None:
            stored = records.create(self._organisation_id, self._doc)
        else:
            stored = records.save(self._record_id, self._doc, self._doc.version)
        self._record_id, self._doc = stored.id, stored.doc
        self.undo_stack.setClean()
        self.record_saved.emit(stored.id)
        return True

    def revert(self) -> None:
        self.calls.append(("revert", self._record_id))
        if self._record_id is not None:
            self.load_record(self._record_id)

    def focus_field(self, path: str) -> None:
        self.calls.append(("focus_field", path))
        self.name_edit.setFocus()


def fake_editor_factory(prompts: PromptService):
    """``make_editor`` for the window: a :class:`FakeEditor` per register."""

    def make(session: RegisterSession, drafts: DraftStore) -> FakeEditor:
        return FakeEditor(session, prompts, drafts)

    return make
