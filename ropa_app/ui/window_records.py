"""The record commands of the main window (new, duplicate, archive, delete) and the
crash-recovery drafts offered at start.

A part of :class:`~ropa_app.ui.main_window.MainWindow`, kept in its own file: the window
inherits these methods. Each command asks the editor before leaving unsaved changes,
asks the user through the prompt service where the action cannot be undone, and reports
the store's refusals instead of raising them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.editing import duplicate
from ropa_app.domain.enums import RecordStatus, RegisterKind
from ropa_app.store.drafts import Draft, DraftStore
from ropa_app.store.records import RecordSummary
from ropa_app.ui.prompts import DraftAction, PromptService
from ropa_app.ui.register_model import RegisterTableModel
from ropa_app.ui.session import RegisterSession

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from ropa_app.ui.editor import RecordEditor


class RecordCommandsMixin:
    """New, duplicate, archive and delete the record shown; offer and restore drafts.

    Mixed into :class:`~ropa_app.ui.main_window.MainWindow`, which provides the attributes
    and helpers declared below.
    """

    if TYPE_CHECKING:  # provided by MainWindow
        editor: RecordEditor | None
        model: RegisterTableModel
        organisation_combo: QComboBox
        _session: RegisterSession | None
        _drafts: DraftStore | None
        _prompts: PromptService
        _guard_off: bool

        def tr(self, sourceText: str, disambiguation: str | None = None,
               n: int = -1) -> str: ...
        def current_organisation_id(self) -> int | None: ...
        def current_register(self) -> RegisterKind: ...
        def set_register(self, kind: RegisterKind) -> None: ...
        def _leave_ok(self) -> bool: ...
        def _select_quietly(self, record_id: int | None) -> None: ...
        def _current_summary(self) -> RecordSummary | None: ...
        def _update_actions(self) -> None: ...
        def _load_records(self) -> None: ...
        def _show_status(self, message: str) -> None: ...
        def _try(self, action: Callable[[], object], title: str) -> bool: ...

    def new_record(self) -> None:
        """Start a new record in the organisation's register shown."""
        org_id = self.current_organisation_id()
        if self.editor is None or org_id is None or not self._leave_ok():
            return
        editor, kind = self.editor, self.current_register()
        if not self._try(lambda: editor.new_record(org_id, kind),
                         self.tr("Cannot start a new record")):
            return
        self._select_quietly(None)
        self._update_actions()

    def duplicate_record(self) -> None:
        """Start a new record as a copy of the record shown (under the next free reference)."""
        editor, session, org_id = self.editor, self._session, self.current_organisation_id()
        record_id = editor.current_record_id() if editor else None
        if editor is None or session is None or org_id is None or record_id is None:
            return
        if not self._leave_ok():
            return
        # The stored record: what the user kept, whether they saved or discarded just now.
        loaded: list[RecordDoc] = []
        if not self._try(lambda: loaded.append(session.records.load(record_id).doc),
                         self.tr("Cannot read the record")):
            return
        copy = duplicate(loaded[0], self.model.references(), self.tr("(copy)"))
        kind = self.current_register()
        if not self._try(lambda: editor.new_record(org_id, kind, copy),
                         self.tr("Cannot duplicate the record")):
            return
        self._select_quietly(None)
        self._update_actions()

    def archive_record(self) -> None:
        """Set the record shown to archived and save it, after confirmation."""
        summary, session, editor = self._current_summary(), self._session, self.editor
        if summary is None or session is None or editor is None or not self._leave_ok():
            return
        if not self._prompts.confirm_archive(summary.reference, summary.name):
            return

        def archive() -> None:
            stored = session.records.load(summary.id)
            doc = stored.doc.model_copy(deep=True)
            doc.status = RecordStatus.ARCHIVED
            session.records.save(summary.id, doc, stored.doc.version)

        if self._try(archive, self.tr("Cannot archive the record")):
            self._show_status(self.tr("%1 archived").replace("%1", summary.reference))
            self._try(lambda: editor.load_record(summary.id), self.tr("Cannot open the record"))
            self._load_records()

    def delete_record(self) -> None:
        """Delete the record shown, after confirmation; its history keeps its content."""
        summary, session = self._current_summary(), self._session
        if summary is None or session is None or self.editor is None:
            return
        if not self._prompts.confirm_delete(summary.reference, summary.name):
            return
        if not self._try(lambda: session.records.delete(summary.id, summary.version),
                         self.tr("Cannot delete the record")):
            return
        self.editor.clear()
        self._discard_drafts_of(summary.id)
        self._show_status(self.tr("%1 deleted").replace("%1", summary.reference))
        self._load_records()

    def _discard_drafts_of(self, record_id: int) -> None:
        """A draft of a deleted record would be offered back at the next start: drop it."""
        if self._drafts is not None:
            for draft in self._drafts.load_all():
                if draft.record_id == record_id:
                    self._drafts.discard(draft.key)

    # --- drafts left by a crash ----------------------------------------------------------------

    def _offer_drafts(self) -> None:
        if self._drafts is None or self.editor is None:
            return
        names = {self.organisation_combo.itemData(i): self.organisation_combo.itemText(i)
                 for i in range(self.organisation_combo.count())}
        drafts = [d for d in self._drafts.load_all() if d.organisation_id in names]
        if not drafts:
            return
        answer = self._prompts.offer_drafts(drafts, names)
        if answer.action is DraftAction.DISCARD:
            for draft in drafts:
                self._drafts.discard(draft.key)
        elif answer.action is DraftAction.RESTORE and answer.draft is not None:
            self.restore_draft(answer.draft)

    def restore_draft(self, draft: Draft) -> None:
        """Show the draft's organisation and register, and the draft in the editor."""
        if self.editor is None or not self._leave_ok():
            return
        self._guard_off = True  # asked once, just above
        try:
            index = self.organisation_combo.findData(draft.organisation_id)
            if index >= 0:
                self.organisation_combo.setCurrentIndex(index)
            self.set_register(draft.doc.register_kind)
        finally:
            self._guard_off = False
        editor = self.editor
        if not self._try(lambda: editor.restore_draft(draft), self.tr("Cannot restore the draft")):
            return
        self._select_quietly(draft.record_id)
        self._update_actions()
