"""File > Import…: a JSON interchange file or an Excel / OpenDocument workbook, shown as a
preview before anything is written.

The :class:`ImportController` belongs to the window. It reads the file off the UI thread,
shows what the import would write (an :class:`ImportPreview`, laid out by
:class:`ImportPreviewDialog` through the prompt service), then writes it off the UI thread,
all or nothing, and reloads the list.

* JSON interchange: every organisation of the file is added (``import_register``). A file
  that breaks a rule, or names an organisation the register already holds, is refused with
  the path of the first problem, and nothing is written.
* Workbooks (.xlsx, .ods; our own exports or the CNIL model): the activities go into the
  organisation and register shown (or, in an empty register, into the organisation the
  workbook names). The preview says which are new, updated or invalid and why, and which
  values that fit no field are kept in the records' notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ropa_app.domain.documents import RegisterDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.reference import label
from ropa_app.domain.validation import register_problems
from ropa_app.exchange.json_io import read_register
from ropa_app.store.bulk import ImportSummary, import_register
from ropa_app.store.errors import Cancelled, DuplicateError, InvalidDocumentError
from ropa_app.ui.exports import BackgroundCommands, default_export_folder
from ropa_app.ui.operations import IsCancelled, Progress
from ropa_app.ui.prompts import PromptService
from ropa_app.ui.register_model import ui_language
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

if TYPE_CHECKING:
    from ropa_app.exchange import xlsx
    from ropa_app.ui.main_window import MainWindow


class PreviewStatus(StrEnum):
    """What the import does with one item of the file."""

    NEW = "new"
    UPDATED = "updated"
    INVALID = "invalid"


@dataclass(frozen=True)
class PreviewItem:
    """One organisation or activity of the file, with what the import does with it.

    Attributes:
        status: new, updated or invalid (not imported).
        title: "RH-01 — Payroll", or the organisation's name.
        details: the reasons it is invalid, the values kept in notes, what to check.
    """

    status: PreviewStatus
    title: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportPreview:
    """What an import would write, in words, for the user to confirm.

    Attributes:
        source: the file read.
        target: where it goes ("Into Logicielle Atlantique SAS — Controller's register").
        summary: the counts in one sentence.
        items: the organisations (JSON) or activities (workbooks), in the file's order.
        notes: remarks on the whole file (sheets or rows left aside, warnings).
        can_import: False when nothing could be written (every item invalid, empty file).
    """

    source: Path
    target: str
    summary: str
    items: tuple[PreviewItem, ...]
    notes: tuple[str, ...] = ()
    can_import: bool = True


class ImportPreviewDialog(QDialog):
    """Shows an :class:`ImportPreview`; Import accepts, Cancel rejects.

    Args:
        preview: what the import would write.
        parent: the window it is centred on.
    """

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import %1").replace("%1", preview.source.name))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        for text in (preview.target, preview.summary):
            line = QLabel(text)
            line.setTextFormat(Qt.TextFormat.PlainText)  # names come from the file
            line.setWordWrap(True)
            layout.addWidget(line)

        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("Import"), self.tr("Item")])
        words = {PreviewStatus.NEW: self.tr("New"), PreviewStatus.UPDATED: self.tr("Updated"),
                 PreviewStatus.INVALID: self.tr("Not imported")}
        red = QBrush(QColor("#b00020"))
        for item in preview.items:
            status, title = QStandardItem(words[item.status]), QStandardItem(item.title)
            if item.status is PreviewStatus.INVALID:
                status.setForeground(red)
            title.setToolTip(item.title)
            for detail in item.details:
                line = QStandardItem(detail)
                line.setToolTip(detail)  # long lines are elided in the view
                status.appendRow([QStandardItem(""), line])
            self.model.appendRow([status, title])
        for row in range(self.model.rowCount()):
            for column in range(2):
                self.model.item(row, column).setEditable(False)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 130)
        for row, item in enumerate(preview.items):  # open what needs reading
            if item.status is PreviewStatus.INVALID or len(preview.items) <= 5:
                self.tree.expand(self.model.index(row, 0))
        layout.addWidget(self.tree, 1)

        if preview.notes:
            layout.addWidget(QLabel(self.tr("Remarks on the file:")))
            notes = QPlainTextEdit("\n".join(preview.notes))
            notes.setReadOnly(True)
            notes.setMaximumHeight(110)
            layout.addWidget(notes)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button: QPushButton = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(preview.can_import)
        self.import_button.setDefault(preview.can_import)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _author(session: RegisterSession) -> str:
    """Who the history names for the import: the user the record store writes as."""
    return session.records.author


class ImportController(BackgroundCommands):
    """File > Import…: preview, then write, a JSON or workbook file.

    Signals:
        imported(int): the import was written; carries the id of the organisation shown.
    """

    imported = Signal(int)

    def __init__(self, window: MainWindow, settings: Settings, prompts: PromptService) -> None:
        super().__init__(window, settings, prompts)
        window.commands.import_.triggered.connect(self.import_file)

    def update_actions(self) -> None:
        """Import needs a register open (an empty one is fine)."""
        self._window.commands.import_.setEnabled(
            self._window.session is not None and not self.busy)

    def import_file(self) -> None:
        """Ask for a file, read it, show the preview, and write it if the user agrees."""
        w = self._window
        if w.session is None or self.busy:
            return
        # A workbook may update the record being edited: settle its unsaved changes first.
        if w.editor is not None and not w.editor.confirm_leave():
            return
        s = self._settings
        start = next((f for f in (s.import_folder, s.export_folder) if f and Path(f).is_dir()),
                     str(default_export_folder()))
        answer = self._prompts.ask_import_path(start, [
            self.tr("Registers and workbooks (*.json *.xlsx *.ods)"),
            self.tr("JSON interchange (*.json)"),
            self.tr("Excel or OpenDocument workbook (*.xlsx *.ods)")])
        if answer is None:
            return
        path = Path(answer)
        s.import_folder = str(path.parent)
        suffix = path.suffix.lower()
        if suffix == ".json":
            self._read_json(path)
        elif suffix in (".xlsx", ".ods"):
            self._read_workbook(path)
        else:
            self._prompts.show_error(self._failure_title(path), self.tr(
                "Cannot tell the format of %1: choose a .json, .xlsx or .ods file."
            ).replace("%1", path.name))

    # --- JSON interchange ----------------------------------------------------------------

    def _read_json(self, path: Path) -> None:
        session = self._window.session
        assert session is not None

        def work(progress: Progress, cancelled: IsCancelled) -> RegisterDoc:
            doc = read_register(path)  # names the path of the first schema problem
            problems = register_problems(doc)
            if problems:
                raise InvalidDocumentError(problems)
            there = {o.data.name for o in session.organisations.list()}
            for i, org in enumerate(doc.organisations):
                if org.name in there:
                    raise DuplicateError(
                        f"organisations[{i}]: an organisation named {org.name!r} is already "
                        "in this register; nothing can be imported from this file")
            return doc

        self._run(self.tr("Reading %1…").replace("%1", path.name), work,
                  lambda doc: self._confirm_json(path, doc), self._failure_title(path),
                  self.tr("Import cancelled; nothing was written"))

    def _confirm_json(self, path: Path, doc: RegisterDoc) -> None:
        session = self._window.session
        if session is None:
            return
        items = []
        for org in doc.organisations:
            kinds = [r.register_kind for r in org.records]
            details = (
                self.tr("%1 records in the controller's register, %2 in the processor's")
                .replace("%1", str(kinds.count(RegisterKind.CONTROLLER)))
                .replace("%2", str(kinds.count(RegisterKind.PROCESSOR))),
                self.tr("%1 third parties").replace("%1", str(len(org.third_parties))),
            )
            items.append(PreviewItem(PreviewStatus.NEW, org.name, details))
        records = sum(len(o.records) for o in doc.organisations)
        summary = (self.tr("%1 organisation(s) with %2 records will be added, all or nothing.")
                   .replace("%1", str(len(doc.organisations))).replace("%2", str(records))
                   if doc.organisations else self.tr("The file holds no organisation."))
        preview = ImportPreview(path, self.tr("Into the register %1").replace(
            "%1", session.location), summary, tuple(items),
            can_import=bool(doc.organisations))
        if not self._prompts.confirm_import(preview):
            self.show_status(self.tr("Import cancelled; nothing was written"))
            return
        engine = session.register.engine

        def work(progress: Progress, cancelled: IsCancelled) -> ImportSummary:
            if cancelled():
                raise Cancelled("import cancelled; nothing was written")
            return import_register(engine, doc)  # one transaction

        def done(summary: ImportSummary) -> None:
            org_id = self._call(lambda: session.organisations.find(doc.organisations[0].name),
                                self.tr("Cannot read the organisations"))
            if org_id is not None:
                self._window.show_organisation(org_id)
            else:
                self._window.reload()
            message = (self.tr("%1 records and %2 third parties of %3 organisation(s) were "
                               "added from %4.")
                       .replace("%1", str(summary.records))
                       .replace("%2", str(summary.third_parties))
                       .replace("%3", str(summary.organisations)).replace("%4", path.name))
            self.show_status(message)
            self._prompts.show_info(self.tr("Import finished"), message)
            self.imported.emit(org_id if org_id is not None else -1)

        self._run(self.tr("Importing %1…").replace("%1", path.name), work, done,
                  self._failure_title(path), self.tr("Import cancelled; nothing was written"))

    # --- workbooks -----------------------------------------------------------------------

    def _read_workbook(self, path: Path) -> None:
        w = self._window
        session = w.session
        assert session is not None
        org_id, org_name = w.current_organisation_id(), w.organisation_combo.currentText()
        register, lang = w.current_register(), ui_language()
        engine = session.register.engine

        def work(progress: Progress, cancelled: IsCancelled) -> xlsx.ImportPlan:
            from ropa_app.exchange.xlsx import existing_references, read_workbook

            refs = (existing_references(engine, org_id, register)
                    if org_id is not None else set())
            return read_workbook(path, refs, register=register, lang=lang,
                                 progress=progress, cancelled=cancelled)

        def read(plan: xlsx.ImportPlan) -> None:
            self._confirm_plan(path, plan, org_id, org_name)

        self._run(self.tr("Reading %1…").replace("%1", path.name), work, read,
                  self._failure_title(path), self.tr("Import cancelled; nothing was written"))

    def _plan_preview(self, plan: xlsx.ImportPlan, target: str) -> ImportPreview:
        items = []
        for item in plan.items:
            details = [self.tr("Not imported: %1").replace("%1", r) for r in item.reasons]
            details += [self.tr("Kept in the notes: %1").replace("%1", str(n))
                        for n in item.kept]
            details += [self.tr("To check: %1").replace("%1", str(n)) for n in item.warnings]
            items.append(PreviewItem(PreviewStatus(item.status.value),
                                     f"{item.reference} — {item.name}".strip(" —"),
                                     tuple(details)))
        notes = [self.tr("To check: %1").replace("%1", str(n)) for n in plan.warnings]
        notes += [self.tr("Left aside: %1").replace("%1", str(n)) for n in plan.ignored]
        kind = (self.tr("a workbook written by ROPA") if plan.kind == "ropa"
                else self.tr("the CNIL model"))
        counts = plan.counts
        summary = (self.tr("%1 (%2): %3 new, %4 updated, %5 not imported (invalid).")
                   .replace("%1", plan.source.name).replace("%2", kind)
                   .replace("%3", str(counts["new"])).replace("%4", str(counts["updated"]))
                   .replace("%5", str(counts["invalid"])))
        return ImportPreview(plan.source, target, summary, tuple(items), tuple(notes),
                             can_import=bool(plan.valid_items()))

    def _confirm_plan(self, path: Path, plan: xlsx.ImportPlan, org_id: int | None,
                      org_name: str) -> None:
        session = self._window.session
        if session is None:
            return
        what = label(plan.register, ui_language())
        target: int | str
        if org_id is not None:
            target = org_id
            where = self.tr("Into %1 — %2").replace("%1", org_name).replace("%2", what)
        elif plan.organisation is not None and plan.organisation.name:
            target = plan.organisation.name
            where = (self.tr("Into a new organisation, %1 — %2").replace("%1", target)
                     .replace("%2", what))
        else:
            self._prompts.show_error(self._failure_title(path), self.tr(
                "The workbook names no organisation. Create the organisation first "
                "(Organisation > New organisation…), then import into it."))
            return
        if not self._prompts.confirm_import(self._plan_preview(plan, where)):
            self.show_status(self.tr("Import cancelled; nothing was written"))
            return
        engine, author = session.register.engine, _author(session)

        def work(progress: Progress, cancelled: IsCancelled) -> xlsx.ApplySummary:
            from ropa_app.exchange.xlsx import apply_plan

            return apply_plan(engine, target, plan.register, plan, author,
                              progress=progress, cancelled=cancelled)

        def done(summary: xlsx.ApplySummary) -> None:
            shown = target if isinstance(target, int) else self._call(
                lambda: session.organisations.find(str(target)),
                self.tr("Cannot read the organisations"))
            self._after_workbook(shown)
            message = (self.tr("%1 activities added, %2 updated, %3 unchanged; %4 not "
                               "imported (invalid).")
                       .replace("%1", str(summary.created)).replace("%2", str(summary.updated))
                       .replace("%3", str(summary.unchanged))
                       .replace("%4", str(summary.skipped_invalid)))
            self.show_status(message)
            self._prompts.show_info(self.tr("Import finished"), message)
            self.imported.emit(shown if shown is not None else -1)

        self._run(self.tr("Importing %1…").replace("%1", path.name), work, done,
                  self._failure_title(path), self.tr("Import cancelled; nothing was written"))

    def _after_workbook(self, org_id: int | None) -> None:
        """Show the organisation imported into; the record on screen, if the import updated
        it, is read again (its unsaved changes were settled before the import)."""
        w = self._window
        if org_id is None:
            w.reload()
            return
        w.show_organisation(org_id)
        editor = w.editor
        record_id = editor.current_record_id() if editor is not None else None
        if editor is not None and record_id is not None and not editor.is_dirty():
            self._call(lambda: editor.load_record(record_id), self.tr("Cannot open the record"))

    def _failure_title(self, path: Path) -> str:
        return self.tr("Cannot import %1").replace("%1", path.name)
