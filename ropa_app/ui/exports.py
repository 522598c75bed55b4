"""Exports from the main window: the register as PDF, Excel or JSON, one record's summary,
and printing.

The :class:`ExportController` belongs to the window and answers its File > Export
register…, File > Print… and Record > Save record as… commands. Every question goes
through the prompt service; every file is written off the UI thread by
:func:`~ropa_app.ui.operations.run_in_background`, with a progress dialog and Cancel. The
worker reads what it exports itself (:func:`~ropa_app.store.bulk.export_register`, on its
own database connection), so the window stays usable and nothing is shared across threads
but plain values. The exporters are imported when first used (reportlab and openpyxl
would otherwise slow the window's start).

A record is exported and printed *as shown in the editor*, unsaved changes included: that
is what the user is looking at when they ask (the commands' tips say so, and the file
dialog's title says it when there are unsaved changes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from PySide6.QtCore import QEventLoop, QLocale, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

import ropa_app
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.reference import label
from ropa_app.exchange.json_io import write_register
from ropa_app.store.bulk import export_register
from ropa_app.store.errors import Cancelled, NotFoundError, RopaError
from ropa_app.ui.operations import IsCancelled, Operation, Progress, Work, run_in_background
from ropa_app.ui.printing import print_record
from ropa_app.ui.prompts import ExportOptions, PromptService
from ropa_app.ui.register_model import ui_language
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

if TYPE_CHECKING:
    from ropa_app.ui.main_window import MainWindow


class ExportFormat(StrEnum):
    """The file formats the window writes."""

    PDF = "pdf"
    XLSX = "xlsx"
    JSON = "json"

    @property
    def suffix(self) -> str:
        """The file name extension, with its dot."""
        return f".{self.value}"


def default_export_folder() -> Path:
    """Where exports go until the user picks a folder: the repository's ``exports/`` in a
    source checkout (DESIGN §4), else the user's Documents folder."""
    checkout = Path(ropa_app.__file__).resolve().parent.parent / "exports"
    if checkout.is_dir():
        return checkout
    return Path(platformdirs.user_documents_dir())


def safe_file_name(text: str) -> str:
    """``text`` without the characters file systems refuse (``/ \\ : * ? " < > |``,
    control characters), spaces collapsed, at most 120 characters."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f]', " ", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")
    return cleaned[:120].rstrip(" .") or "ROPA"


#: The words of the suggested file names, in the UI language (as the reference labels are):
#: a French DPO sends "… - registre responsable - 2026-05-15.pdf" to the CNIL.
_REGISTER_WORDS = {
    "fr": {RegisterKind.CONTROLLER: "registre responsable",
           RegisterKind.PROCESSOR: "registre sous-traitant"},
    "en": {RegisterKind.CONTROLLER: "controller register",
           RegisterKind.PROCESSOR: "processor register"},
}
_RECORD_WORD = {"fr": "fiche", "en": "record"}


def register_file_name(organisation: str, register: RegisterKind, lang: str, day: date,
                       fmt: ExportFormat = ExportFormat.PDF) -> str:
    """"<organisation> - registre responsable - YYYY-MM-DD.pdf" (in ``lang``)."""
    words = _REGISTER_WORDS.get(lang, _REGISTER_WORDS["en"])[RegisterKind(register)]
    return safe_file_name(f"{organisation} - {words} - {day.isoformat()}") + fmt.suffix


def record_file_name(organisation: str, reference: str, lang: str, day: date,
                     fmt: ExportFormat = ExportFormat.PDF) -> str:
    """"<organisation> - fiche RH-01 - YYYY-MM-DD.pdf" (in ``lang``)."""
    word = _RECORD_WORD.get(lang, _RECORD_WORD["en"])
    return safe_file_name(f"{organisation} - {word} {reference} - {day.isoformat()}") + fmt.suffix


def default_page_size() -> str:
    """Letter where the UI locale measures in inches (US), A4 elsewhere."""
    imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "Letter" if imperial else "A4"


def organisation_doc(session: RegisterSession, organisation_id: int) -> OrganisationDoc:
    """The organisation's block with its third parties (no records): what a record's
    summary needs around the record.

    Raises:
        RopaError: the register cannot be read, or the organisation is gone.
    """
    stored = session.organisations.get(organisation_id)
    parties = session.organisations.third_parties(organisation_id)
    return OrganisationDoc.model_validate({
        **stored.data.model_dump(), "third_parties": [p.data.model_dump() for p in parties]})


def _one_organisation(engine: Any, name: str) -> OrganisationDoc:
    """Everything the organisation named holds, read on the calling (worker) thread."""
    doc = export_register(engine, name)
    if not doc.organisations:
        raise NotFoundError(f"the organisation {name!r} is no longer in the register")
    return doc.organisations[0]


class ExportOptionsDialog(QDialog):
    """The choices of an export besides its file: language and, for a PDF, page size.

    Args:
        title: the window title.
        lang: the language proposed.
        page_size: the page size proposed; None hides the choice.
        note: a line shown above the choices ("" for none).
        parent: the window it is centred on.
        audit: whether the audit readiness section is ticked; None hides the choice.
    """

    def __init__(self, title: str, lang: str, page_size: str | None, note: str = "",
                 parent: QWidget | None = None, audit: bool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        if note:
            note_label = QLabel(note)
            note_label.setWordWrap(True)
            layout.addWidget(note_label)
        form = QFormLayout()
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("French"), "fr")
        self.language_combo.addItem(self.tr("English"), "en")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(lang)))
        self.language_combo.setToolTip(self.tr("The language of the labels in the file"))
        form.addRow(self.tr("&Language:"), self.language_combo)
        self.page_size_combo: QComboBox | None = None
        if page_size is not None:
            self.page_size_combo = QComboBox()
            self.page_size_combo.addItem("A4", "A4")
            self.page_size_combo.addItem(self.tr("Letter"), "Letter")
            self.page_size_combo.setCurrentIndex(
                max(0, self.page_size_combo.findData(page_size)))
            form.addRow(self.tr("&Page size:"), self.page_size_combo)
        self.audit_check: QCheckBox | None = None
        if audit is not None:
            self.audit_check = QCheckBox(self.tr("Add the &audit readiness section"))
            self.audit_check.setChecked(audit)
            self.audit_check.setToolTip(self.tr(
                "The score, every finding an auditor would raise with its article, and the "
                "reviews due"))
            form.addRow("", self.audit_check)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> ExportOptions:
        """The choices made."""
        size = self.page_size_combo.currentData() if self.page_size_combo else "A4"
        audit = self.audit_check is not None and self.audit_check.isChecked()
        return ExportOptions(str(self.language_combo.currentData()), str(size), audit)


class BackgroundCommands(QObject):
    """What the window's export and import commands share: one background operation at a
    time, environment errors shown to the user, bugs raised.

    Args:
        window: the main window (whose commands, register and editor are used).
        settings: where the folders and choices are remembered.
        prompts: the prompt service.

    Attributes:
        operation: the operation started last (None before the first).
    """

    def __init__(self, window: MainWindow, settings: Settings, prompts: PromptService) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._prompts = prompts
        self.operation: Operation | None = None
        self._running = False
        self._closing = False

    @property
    def busy(self) -> bool:
        """True while an operation runs."""
        return self._running

    def _run(self, label: str, work: Work, on_success: Callable[[Any], None],
             failure_title: str, cancelled_message: str) -> Operation:
        """Start ``work``; a RopaError is shown under ``failure_title``, a cancellation
        as ``cancelled_message`` in the status bar."""

        def succeeded(result: Any) -> None:
            if not self._closing:
                on_success(result)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, RopaError):
                if not self._closing:
                    self._prompts.show_error(failure_title, str(exc))
                return
            raise exc  # a bug: the crash handler logs it and tells the user

        def cancelled() -> None:
            if not self._closing:
                self.show_status(cancelled_message)

        if self.operation is not None:
            self.operation.deleteLater()  # finished: its thread has ended
        self._running = True
        operation = run_in_background(self._window, label, work, succeeded,
                                      failed, cancelled)
        operation.finished.connect(self._on_finished)
        self.operation = operation
        self.update_actions()
        return operation

    def _on_finished(self) -> None:
        self._running = False
        if not self._closing:
            self.update_actions()

    def update_actions(self) -> None:
        """Enable the commands that have something to work on (overridden)."""

    def shutdown(self) -> None:
        """Stop a running operation and wait for it (the window is closing)."""
        operation = self.operation
        if operation is None or not self._running:
            return
        self._closing = True
        loop = QEventLoop()
        operation.finished.connect(loop.quit)
        operation.cancel()
        loop.exec()  # until the worker reports, so no thread outlives the window

    def show_status(self, message: str) -> None:
        """Show ``message`` in the window's status bar for a few seconds."""
        self._window.statusBar().showMessage(message, 8000)

    def _call(self, action: Callable[[], Any], title: str) -> Any:
        """Run a store call on the UI thread; a RopaError is shown and gives None."""
        try:
            return action()
        except RopaError as exc:
            self._prompts.show_error(title, str(exc))
            return None


class ExportController(BackgroundCommands):
    """File > Export register…, File > Print…, Record > Save record as PDF… / Excel….

    Signals:
        exported(str): a file was written; carries its path.
    """

    exported = Signal(str)

    def __init__(self, window: MainWindow, settings: Settings, prompts: PromptService) -> None:
        super().__init__(window, settings, prompts)
        c = window.commands
        c.export.triggered.connect(self.export_register)
        c.print.triggered.connect(self.print_record)
        c.save_record_pdf.triggered.connect(self.save_record_pdf)
        c.save_record_xlsx.triggered.connect(self.save_record_xlsx)

    # --- what can be done ----------------------------------------------------------------

    def update_actions(self) -> None:
        """Export needs an organisation shown; print and save-as need a record shown."""
        w = self._window
        c = w.commands
        has_org = w.session is not None and w.current_organisation_id() is not None
        has_record = has_org and w.editor is not None and w.editor.current_record_id() is not None
        c.export.setEnabled(has_org and not self.busy)
        c.print.setEnabled(has_record)
        for action in (c.save_record_pdf, c.save_record_xlsx):
            action.setEnabled(has_record and not self.busy)

    # --- the commands --------------------------------------------------------------------

    def export_register(self) -> None:
        """Write the register shown (PDF, Excel) or its whole organisation (JSON)."""
        w = self._window
        session, org_id = w.session, w.current_organisation_id()
        if session is None or org_id is None or self.busy:
            return
        org_name = w.organisation_combo.currentText()
        register = w.current_register()
        title = self.tr("Export register")
        target = self._ask_target(
            title, register_file_name(org_name, register, ui_language(), date.today()),
            (ExportFormat.PDF, ExportFormat.XLSX, ExportFormat.JSON))
        if target is None:
            return
        path, fmt = target
        what = label(register, ui_language())
        options = ExportOptions(ui_language())
        if fmt is not ExportFormat.JSON:
            asked = self._ask_options(title, fmt, f"{org_name} — {what}", audit=True)
            if asked is None:
                return
            options = asked
        engine = session.register.engine

        def work(progress: Progress, cancelled: IsCancelled) -> Path:
            if fmt is ExportFormat.JSON:
                doc = export_register(engine, org_name)
                if cancelled():
                    raise Cancelled("export cancelled; no file was written")
                write_register(path, doc)
                return path
            org = _one_organisation(engine, org_name)
            if fmt is ExportFormat.PDF:
                from ropa_app.exchange.pdf import write_register_pdf

                write_register_pdf(path, org, register, lang=options.lang,
                                   page_size=options.page_size, progress=progress,
                                   cancelled=cancelled, audit=options.audit)
            else:
                from ropa_app.exchange.xlsx import write_register_xlsx

                write_register_xlsx(path, org, register, lang=options.lang,
                                    progress=progress, cancelled=cancelled,
                                    audit=options.audit)
            return path

        if fmt is ExportFormat.JSON:
            done = self.tr("The organisation %1, with both of its registers, was written to:"
                           ).replace("%1", org_name)
        else:
            done = self.tr("%1 of %2 was written to:").replace("%1", what).replace("%2", org_name)
        self._run_export(self.tr("Exporting the register…"), work, path, done)

    def save_record_pdf(self) -> None:
        """Write the summary of the record shown as a PDF."""
        self._save_record(ExportFormat.PDF)

    def save_record_xlsx(self) -> None:
        """Write the record shown as an Excel workbook."""
        self._save_record(ExportFormat.XLSX)

    def print_record(self) -> None:
        """Print the summary of the record shown, through the system print dialog."""
        w = self._window
        session, org_id, editor = w.session, w.current_organisation_id(), w.editor
        if session is None or org_id is None or editor is None:
            return
        if editor.current_record_id() is None:
            return
        record = editor.current_doc()
        org = self._call(lambda: organisation_doc(session, org_id),
                         self.tr("Cannot read the organisation"))
        if org is None:
            return
        printer = self._prompts.ask_printer()
        if printer is None:
            return
        if print_record(printer, record, org, ui_language()):
            self.show_status(self.tr("%1 sent to the printer").replace("%1", record.reference))
        else:
            self._prompts.show_error(self.tr("Cannot print"), self.tr(
                "The printer reported an error; the record may not have been printed."))

    # --- helpers -------------------------------------------------------------------------

    def _save_record(self, fmt: ExportFormat) -> None:
        w = self._window
        session, org_id, editor = w.session, w.current_organisation_id(), w.editor
        if session is None or org_id is None or editor is None or self.busy:
            return
        if editor.current_record_id() is None:
            return
        record: RecordDoc = editor.current_doc().model_copy(deep=True)
        org_name = w.organisation_combo.currentText()
        title = (self.tr("Save record as PDF") if fmt is ExportFormat.PDF
                 else self.tr("Save record as Excel"))
        note = ""
        if editor.is_dirty():
            title = self.tr("%1 (as on screen, with unsaved changes)").replace("%1", title)
            note = self.tr("The record is written as shown in the editor, including the "
                           "changes not saved yet.")
        target = self._ask_target(
            title, record_file_name(org_name, record.reference, ui_language(), date.today(),
                                    fmt), (fmt,))
        if target is None:
            return
        path, fmt = target
        options = self._ask_options(title, fmt, note or f"{record.reference} — {record.name}")
        if options is None:
            return
        engine = session.register.engine

        def work(progress: Progress, cancelled: IsCancelled) -> Path:
            org = _one_organisation(engine, org_name)
            if fmt is ExportFormat.PDF:
                from ropa_app.exchange.pdf import write_record_pdf

                write_record_pdf(path, org, record, lang=options.lang,
                                 page_size=options.page_size, progress=progress,
                                 cancelled=cancelled)
            else:
                from ropa_app.exchange.xlsx import write_record_xlsx

                write_record_xlsx(path, org, record, lang=options.lang,
                                  progress=progress, cancelled=cancelled)
            return path

        done = self.tr("The record %1 was written to:").replace("%1", record.reference)
        self._run_export(self.tr("Saving the record…"), work, path, done)

    def _filters(self) -> dict[ExportFormat, str]:
        return {ExportFormat.PDF: self.tr("PDF (*.pdf)"),
                ExportFormat.XLSX: self.tr("Excel workbook (*.xlsx)"),
                ExportFormat.JSON: self.tr("JSON interchange (*.json)")}

    def _folder(self) -> Path:
        stored = self._settings.export_folder
        if stored and Path(stored).is_dir():
            return Path(stored)
        return default_export_folder()

    def _ask_target(self, title: str, name: str, formats: tuple[ExportFormat, ...]
                    ) -> tuple[Path, ExportFormat] | None:
        """Ask the file; the format is the extension's, else the file type chosen (whose
        extension is added)."""
        filters = self._filters()
        answer = self._prompts.ask_export_path(title, self._folder() / name,
                                               [filters[f] for f in formats])
        if answer is None:
            return None
        path, chosen = Path(answer[0]), answer[1]
        by_suffix = {f.suffix: f for f in formats}
        fmt = by_suffix.get(path.suffix.lower())
        if fmt is None:
            fmt = next((f for f in formats if filters[f] == chosen), formats[0])
            path = path.with_name(path.name + fmt.suffix)
        return path, fmt

    def _ask_options(self, title: str, fmt: ExportFormat, note: str,
                     audit: bool = False) -> ExportOptions | None:
        """Ask the export's options; ``audit`` offers the audit readiness section."""
        s = self._settings
        # The language proposed is always the UI's; the page size and the audit section,
        # the last ones chosen.
        options = self._prompts.ask_export_options(
            title, ui_language(),
            (s.export_page_size or default_page_size()) if fmt is ExportFormat.PDF else None,
            note, s.export_audit if audit else None)
        if options is not None and fmt is ExportFormat.PDF:
            s.export_page_size = options.page_size
        if options is not None and audit:
            s.export_audit = options.audit
        return options

    def _run_export(self, label: str, work: Work, path: Path, done: str) -> None:
        def succeeded(_result: object) -> None:
            # Remembered once something was written there, not when a folder failed.
            self._settings.export_folder = str(path.parent)
            self.show_status(self.tr("Written: %1").replace("%1", str(path)))
            self.exported.emit(str(path))
            if self._prompts.show_export_done(self.tr("Export finished"), f"{done}\n{path}"):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

        self._run(label, work, succeeded, self.tr("Cannot export"),
                  self.tr("Export cancelled; no file was written"))
