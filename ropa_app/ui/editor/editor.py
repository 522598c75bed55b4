"""The record editor: one processing record as the CNIL fiche, with saving, reverting,
conflicts, integrity problems next to their fields, and crash-recovery drafts.

Every user edit is one command on :attr:`RecordEditor.undo_stack`; the record is
"modified" exactly when the stack is not clean (STYLE §6). Saving names the version the
edit started from, so a save never overwrites someone else's silently.
"""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import ValidationError
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.editing import conflicting_sections, merge_sections, next_free_reference
from ropa_app.domain.enums import PartyRole, RegisterKind, ThirdPartyKind
from ropa_app.domain.review import mark_reviewed
from ropa_app.domain.validation import record_problems
from ropa_app.store.drafts import Draft, DraftStore
from ropa_app.store.errors import (
    ConflictError,
    InvalidDocumentError,
    NotFoundError,
    RopaError,
)
from ropa_app.store.records import StoredRecord
from ropa_app.ui.editor.commands import (
    InsertRowCommand,
    ReplaceRecordCommand,
    SetFieldCommand,
)
from ropa_app.ui.editor.country import CountryDescriber
from ropa_app.ui.editor.document import EditorDocument, Problem, Snapshot
from ropa_app.ui.editor.focus import focus_path, split_problems
from ropa_app.ui.editor.form import ProblemLabel
from ropa_app.ui.editor.labels import FieldLabels, Vocabularies
from ropa_app.ui.editor.list_models import (
    DataCategoriesModel,
    PartiesModel,
    PurposesModel,
    RecipientsModel,
    SecurityMeasuresModel,
    SubjectsModel,
    TransfersModel,
)
from ropa_app.ui.editor.record_form import RecordForm
from ropa_app.ui.editor.stamps import StampTexts
from ropa_app.ui.prompts import PromptService, UnsavedChoice
from ropa_app.ui.register_model import ui_language
from ropa_app.ui.session import RegisterSession

#: Milliseconds of quiet after an edit before the recovery draft is written.
DRAFT_DELAY_MS = 500


class RecordEditor(QWidget):
    """Edits one processing record of a register.

    The editor is as tall as its fields (its tables size to their rows): the window puts
    it in a scroll area, which :meth:`focus_field` scrolls.

    Signals:
        record_saved(int): the record was saved (created or updated); carries its id.
        record_deleted(int): the record shown turned out to be deleted by someone else.
        dirty_changed(bool): the record has (True) or no longer has unsaved changes.
        status_message(str): something to tell the user in passing (saved, not saved…).

    Args:
        session: the register's stores.
        prompts: questions and messages to the user.
        drafts: where unsaved edits are kept against a crash.

    Attributes:
        undo_stack: every edit of the record; the window builds Undo / Redo from it.
        save_action: Ctrl+S while the editor has focus; the window may put it in a menu.
        revert_action: back to the stored version.
        form: the fields and tables.
    """

    record_saved = Signal(int)
    record_deleted = Signal(int)
    dirty_changed = Signal(bool)
    status_message = Signal(str)

    def __init__(self, session: RegisterSession, prompts: PromptService, drafts: DraftStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._prompts = prompts
        self._drafts = drafts
        self._record_id: int | None = None
        self._organisation_id: int | None = None
        self._register = RegisterKind.CONTROLLER
        self._base_version: int | None = None
        self._draft_key = ""
        self._initial: Snapshot | None = None
        self._third_parties: list[str] = []

        lang = ui_language()
        self.vocab = Vocabularies(lang, self)
        self.labels = FieldLabels(self)
        self.countries = CountryDescriber(lang, self)
        self.stamps = StampTexts(self.vocab, self)
        self.undo_stack = QUndoStack(self)
        models = {
            "parties": PartiesModel(self.vocab, self.labels, self),
            "purposes": PurposesModel(self.vocab, self.labels, self),
            "subjects": SubjectsModel(self.vocab, self.labels, self),
            "data_categories": DataCategoriesModel(self.vocab, self.labels, self),
            "recipients": RecipientsModel(self.vocab, self.labels, self),
            "transfers": TransfersModel(self.vocab, self.labels, self.countries, self),
            "security_measures": SecurityMeasuresModel(self.vocab, self.labels, self),
        }
        for model in models.values():
            model.undo_stack = self.undo_stack
        self.document = EditorDocument(models, self)
        self.form = RecordForm(self.document, self.undo_stack, self.vocab, self.labels,
                               self.countries, lambda: list(self._third_parties), self)

        self.save_action = QAction(self.tr("&Save record"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.setToolTip(self.tr("Save the record (Ctrl+S)"))
        self.revert_action = QAction(self.tr("Re&vert record"), self)
        self.revert_action.setToolTip(self.tr("Drop the unsaved changes: back to the stored "
                                              "version"))
        self.addAction(self.save_action)
        self.addAction(self.revert_action)
        self._build_header()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(self._header)
        layout.addWidget(self.general_problems)
        layout.addWidget(self.form, 1)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._connect_signals()
        self.clear()

    def _build_header(self) -> None:
        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label.setWordWrap(True)  # a long name must not widen the editor
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setEnabled(False)
        self.save_button = QToolButton()
        self.save_button.setDefaultAction(self.save_action)
        self.revert_button = QToolButton()
        self.revert_button.setDefaultAction(self.revert_action)
        # The buttons sit beside the title only: the state line below has the full width.
        self._header = QGridLayout()
        self._header.setContentsMargins(0, 0, 0, 0)
        self._header.setVerticalSpacing(0)
        self._header.addWidget(self.title_label, 0, 0)
        self._header.addWidget(self.save_button, 0, 1, Qt.AlignmentFlag.AlignTop)
        self._header.addWidget(self.revert_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        self._header.addWidget(self.state_label, 1, 0, 1, 3)
        self._header.setColumnStretch(0, 1)
        self.general_problems = ProblemLabel()

    def _connect_signals(self) -> None:
        self.save_action.triggered.connect(self.save)
        self.revert_action.triggered.connect(self.revert)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.indexChanged.connect(self._on_edited)
        self._draft_timer.timeout.connect(self._write_draft)
        self.document.stamps_changed.connect(self._show_stamps)
        self.document.field_changed.connect(self._on_field_changed)
        self.form.new_third_party_button.clicked.connect(self._new_third_party)

    # --- the interface ------------------------------------------------------------------------

    def load_record(self, record_id: int) -> None:
        """Show the stored record ``record_id``; unsaved changes shown before are dropped
        (the window asks :meth:`confirm_leave` first).

        Raises:
            RopaError: the record cannot be read (deleted, locked file…); nothing changed.
        """
        stored = self._session.records.load(record_id)
        names = self._read_third_parties(stored.organisation_id)
        self._start(stored.organisation_id, stored.doc.register_kind, names)
        self._record_id = record_id
        self._base_version = stored.doc.version
        self._draft_key = f"record-{record_id}"
        self._initial = None
        self.document.load(stored.doc)
        self._settle(dirty=False)

    def new_record(self, organisation_id: int, register: RegisterKind,
                   doc: RecordDoc | None = None) -> None:
        """Start a record in ``register`` of the organisation, blank or from ``doc`` (a
        duplicate or a template: unsaved work from the start).

        Raises:
            RopaError: the organisation's third parties or references cannot be read.
        """
        names = self._read_third_parties(organisation_id)
        if doc is None:
            taken = {s.reference for s in
                     self._session.records.list_summaries(organisation_id, register)}
            start = RecordDoc(register_kind=register,
                              reference=next_free_reference("NEW-00", taken),
                              name=self.tr("New processing activity"))
        else:
            start = doc.model_copy(deep=True)
            start.register_kind = register
        self._start(organisation_id, register, names)
        self._record_id = None
        self._base_version = None
        self._draft_key = f"new-{uuid.uuid4().hex}"
        self._initial = EditorDocument.snapshot_of(start)
        self.document.load(start)
        self._settle(dirty=doc is not None)
        if doc is None:
            self.form.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.form.name_edit.selectAll()

    def restore_draft(self, draft: Draft) -> None:
        """Reopen the unsaved edits of a draft, as unsaved changes on top of the version
        they started from.

        Raises:
            RopaError: the organisation's third parties cannot be read.
        """
        names = self._read_third_parties(draft.organisation_id)
        self._start(draft.organisation_id, draft.doc.register_kind, names)
        self._record_id = draft.record_id
        self._base_version = draft.base_version
        self._draft_key = draft.key
        self._initial = None
        self.document.load(draft.doc)
        self._settle(dirty=True)
        self.status_message.emit(self.tr("Unsaved edits of %1 restored").replace(
            "%1", draft.doc.reference))

    def clear(self) -> None:
        """Show nothing (the editor is disabled). Unsaved changes are not discarded: their
        draft stays on disk (the window asks :meth:`confirm_leave` first)."""
        self._flush_draft()
        self._record_id = self._organisation_id = self._base_version = None
        self._initial = None
        self._draft_key = ""
        self._third_parties = []
        self.document.load(RecordDoc.model_construct(reference="", name=""))
        self.undo_stack.clear()
        self._show_problems([])
        self.setEnabled(False)
        self._update_header()

    def current_record_id(self) -> int | None:
        """The id of the record shown; None for a new record or nothing."""
        return self._record_id

    def current_doc(self) -> RecordDoc:
        """The record as currently edited (not validated when a field breaks the
        document's own rules, such as an empty reference)."""
        return self.document.build()[0]

    def is_dirty(self) -> bool:
        """Whether the record has unsaved changes."""
        return not self.undo_stack.isClean()

    def confirm_leave(self) -> bool:
        """True when the editor may show something else: no unsaved changes, or the user
        saved them (successfully) or discarded them."""
        if not self.is_dirty():
            return True
        choice = self._prompts.ask_unsaved_changes(self._describe())
        if choice == UnsavedChoice.SAVE:
            return self.save()
        if choice == UnsavedChoice.DISCARD:
            self._discard()
            return True
        return False

    def save(self) -> bool:
        """Save the record (create it if new). Problems are shown next to their fields,
        errors are reported; either way the edits stay on screen. True when saved."""
        if self._organisation_id is None:
            return False
        self.form.commit_cell_edits()
        doc, problems = self.document.build()
        if problems:
            return self._not_saved(problems)
        records = self._session.records
        key = self._draft_key
        try:
            if self._record_id is None:
                stored = records.create(self._organisation_id, doc)
            else:
                assert self._base_version is not None
                stored = records.save(self._record_id, doc, self._base_version)
        except InvalidDocumentError as exc:
            return self._not_saved(exc.problems)
        except ConflictError as exc:
            return self._resolve_conflict(doc, exc)
        except RopaError as exc:
            self._prompts.show_error(self.tr("Cannot save the record"), str(exc))
            self.status_message.emit(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        self._saved(stored, key)
        return True

    def revert(self) -> None:
        """Drop the unsaved changes: back to the stored version (a new record back to how
        it started); the undo history is cleared."""
        if self._organisation_id is None:
            return
        if self._record_id is None:
            self._drafts.discard(self._draft_key)
            if self._initial is None:
                self.clear()
                return
            self.document.restore(self._initial)
            self._settle(dirty=False)
            return
        record_id = self._record_id
        try:
            stored = self._session.records.load(record_id)
        except NotFoundError as exc:
            self._drafts.discard(self._draft_key)
            self._prompts.show_error(self.tr("Cannot revert the record"), str(exc))
            self.clear()
            self.record_deleted.emit(record_id)
            return
        except RopaError as exc:
            self._prompts.show_error(self.tr("Cannot revert the record"), str(exc))
            return
        self._drafts.discard(self._draft_key)
        self._base_version = stored.doc.version
        self.document.load(stored.doc)
        self._settle(dirty=False)
        self.status_message.emit(self.tr("%1 reverted to the stored version").replace(
            "%1", stored.doc.reference))

    def mark_reviewed(self, who: str, day: date, interval_months: int) -> bool:
        """Record the periodic review of the record shown: reviewed by ``who`` on ``day``,
        next review ``interval_months`` later. The three fields change as one undoable
        edit, then the record is saved (with the user's other changes, if any); if the save
        fails everything stays on screen. True when saved."""
        if self._organisation_id is None:
            return False
        self.form.commit_cell_edits()
        reviewed = mark_reviewed(self.current_doc(), who, day, interval_months)
        changes = [(field, self.document.value(field), getattr(reviewed, field))
                   for field in ("last_review", "last_reviewed_by", "next_review")]
        text = self.tr("Mark as reviewed")
        self.undo_stack.beginMacro(text)
        for field, old, new in changes:
            if old != new:
                self.undo_stack.push(SetFieldCommand(self.document, field, old, new, text))
        self.undo_stack.endMacro()
        return self.save()

    def focus_field(self, path: str) -> None:
        """Bring the field or table cell named by a document path into view and focus it,
        e.g. ``purposes[0].legal_basis`` or ``name``."""
        if not focus_path(self.form, path):
            self.status_message.emit(self.tr("Nothing to show for %1").replace("%1", path))

    # --- states -------------------------------------------------------------------------------

    def _read_third_parties(self, organisation_id: int) -> list[str]:
        return [tp.data.name for tp in self._session.organisations.third_parties(organisation_id)]

    def _flush_draft(self) -> None:
        """Write the draft an edit is waiting for now, before the record shown changes."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._write_draft()

    def _start(self, organisation_id: int, register: RegisterKind, names: list[str]) -> None:
        self._flush_draft()
        self._organisation_id = organisation_id
        self._register = register
        self._third_parties = names
        self.form.set_register(register)
        try:
            organisation = self._session.organisations.get(organisation_id).data
        except RopaError:
            organisation = None
        self.form.organisation_info.setText(
            self.stamps.organisation(organisation, register) if organisation else "")
        self.setEnabled(True)

    def _settle(self, dirty: bool) -> None:
        """A record was just shown: fresh undo history, clean or not, problems checked."""
        self.undo_stack.clear()
        if dirty:
            self.undo_stack.resetClean()  # unsaved work with nothing to undo
            self._draft_timer.start()
        self._validate()
        self._update_header()

    def _discard(self) -> None:
        self._draft_timer.stop()
        self._drafts.discard(self._draft_key)
        if self._record_id is None:
            self.clear()
        else:
            self.revert()

    def _saved(self, stored: StoredRecord, old_key: str) -> None:
        self._draft_timer.stop()
        self._drafts.discard(old_key)
        self._record_id = stored.id
        self._base_version = stored.doc.version
        self._draft_key = f"record-{stored.id}"
        self._initial = None
        self.document.set_stamps(stored.doc)
        self.undo_stack.setClean()
        self._validate()
        self._update_header()
        self.record_saved.emit(stored.id)
        self.status_message.emit(self.tr("%1 saved (version %2)").replace(
            "%1", stored.doc.reference).replace("%2", str(stored.doc.version)))

    def _not_saved(self, problems: list[Problem]) -> bool:
        self._show_problems(problems)
        count = len(problems)
        self.status_message.emit(
            self.tr("Not saved: 1 problem to fix, marked in red") if count == 1 else
            self.tr("Not saved: %n problems to fix, marked in red", "", count))
        return False

    def _resolve_conflict(self, mine: RecordDoc, error: ConflictError) -> bool:
        assert self._record_id is not None
        try:
            theirs = None if error.current_version is None else \
                self._session.records.load(self._record_id).doc
        except NotFoundError:
            theirs = None
        except RopaError as exc:
            self._prompts.show_error(self.tr("Cannot save the record"), str(exc))
            return False
        if theirs is None:
            return self._offer_save_as_new(mine)
        sections = conflicting_sections(theirs, mine)
        keep = self._prompts.resolve_conflict(sections, theirs, mine) if sections else set()
        if keep is None:
            self.status_message.emit(self.tr(
                "Not saved: the record was changed meanwhile; your edits are still here"))
            return False
        if keep:
            merged = merge_sections(theirs, mine, keep)
            self.undo_stack.push(ReplaceRecordCommand(
                self.document, EditorDocument.snapshot_of(merged),
                self.tr("Take sections from the stored version")))
        self._base_version = theirs.version
        return self.save()

    def _offer_save_as_new(self, mine: RecordDoc) -> bool:
        record_id = self._record_id
        assert record_id is not None
        self.record_deleted.emit(record_id)
        if not self._prompts.ask_save_as_new(mine.reference):
            self.status_message.emit(self.tr(
                "Not saved: the record was deleted meanwhile; your edits are still here"))
            return False
        self._record_id = None
        self._base_version = None
        return self.save()

    # --- reactions ----------------------------------------------------------------------------

    def _on_clean_changed(self, clean: bool) -> None:
        self._update_header()
        self.dirty_changed.emit(not clean)

    def _on_edited(self, _index: int) -> None:
        self._validate()
        self._update_header()
        if self._organisation_id is not None:
            self._draft_timer.start()

    def _on_field_changed(self, field: str) -> None:
        if field in ("reference", "name"):
            self._update_header()

    def _write_draft(self) -> None:
        if self._organisation_id is None or not self._draft_key:
            return
        if not self.is_dirty():
            self._drafts.discard(self._draft_key)
            return
        doc = self._recoverable()
        if doc is None:
            return
        try:
            self._drafts.save(self._draft_key, self._organisation_id, self._record_id,
                              self._base_version, doc)
        except (OSError, RopaError) as exc:
            self.status_message.emit(self.tr("Could not keep a recovery copy: %1").replace(
                "%1", str(exc)))

    def _recoverable(self) -> RecordDoc | None:
        """The edited record in a form a draft can hold (a draft must be a valid document:
        an emptied reference or name is kept as "?")."""
        data = self.current_doc().model_dump()
        data["reference"] = data["reference"] or "?"
        data["name"] = data["name"] or "?"
        data["parties"] = [p for p in data["parties"] if p["third_party"]]
        try:
            return RecordDoc.model_validate(data)
        except ValidationError:
            return None

    def _new_third_party(self) -> None:
        organisation_id = self._organisation_id
        if organisation_id is None:
            return
        store = self._session.organisations
        saved_id = self._prompts.ask_third_party(
            None, lambda data: store.save_third_party(organisation_id, data), self)
        if saved_id is None:
            return
        try:
            parties = store.third_parties(organisation_id)
        except RopaError as exc:
            self._prompts.show_error(self.tr("Cannot read the third parties"), str(exc))
            return
        self._third_parties = [tp.data.name for tp in parties]
        added = next((tp.data for tp in parties if tp.id == saved_id), None)
        if added is None:
            return
        model = self.document.models["parties"]
        assert isinstance(model, PartiesModel)
        role = model.party_role()
        wanted = (ThirdPartyKind.CLIENT_CONTROLLER if role is PartyRole.CLIENT_CONTROLLER
                  else ThirdPartyKind.JOINT_CONTROLLER)
        if added.kind is wanted:
            row = {**model.new_row(), "third_party": added.name}
            self.undo_stack.push(InsertRowCommand(
                model, model.rowCount(), row,
                self.tr("Add %1 to the actors").replace("%1", added.name)))
        self.status_message.emit(self.tr("Third party %1 added").replace("%1", added.name))
        self._validate()

    # --- showing ------------------------------------------------------------------------------

    def _validate(self) -> None:
        """Check the record as it stands (cheap: no storage) and show what is wrong."""
        if self._organisation_id is None:
            self._show_problems([])
            return
        doc, problems = self.document.build()
        flagged = {path for path, _m in problems}
        problems += [(p, m) for p, m in record_problems(doc, self._third_parties)
                     if p not in flagged]
        self._show_problems(problems)

    def _show_problems(self, problems: list[Problem]) -> None:
        fields, cells, other = split_problems(problems, self.labels)
        self.form.show_problems(fields, cells)
        self.general_problems.set_problems(other)

    def _update_header(self) -> None:
        if self._organisation_id is None:
            self.title_label.setText(self.tr("No record open"))
            self.state_label.setText(self.tr("Choose a record in the list, or create one."))
        else:
            reference = self.document.value("reference") or "?"
            name = self.document.value("name") or self.tr("(no name)")
            mark = " •" if self.is_dirty() else ""
            self.title_label.setText(f"{reference} — {name}{mark}")
            self.state_label.setText(self.stamps.state_line(
                self._register, self._record_id is None, self.document.stamp("version"),
                self.is_dirty()))
            self.title_label.setToolTip(self.title_label.text())
        self.save_action.setEnabled(self._organisation_id is not None
                                    and (self.is_dirty() or self._record_id is None))
        self.revert_action.setEnabled(self._organisation_id is not None and self.is_dirty())

    def _show_stamps(self) -> None:
        self.form.status_info.setText(self.stamps.status_line(self.document))

    def _describe(self) -> str:
        return f"{self.document.value('reference') or '?'} — {self.document.value('name')}"


__all__ = ["DRAFT_DELAY_MS", "RecordEditor"]
