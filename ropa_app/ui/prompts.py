"""Every question and message the window puts to the user, behind one small service.

Widgets never call ``QMessageBox`` or ``QFileDialog`` themselves: they ask the
:class:`PromptService` they were given. Tests give them a fake that answers at once, so
nothing blocks on a modal ``exec()`` under test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ropa_app.domain.models import OrganisationBase, ThirdPartyBase
from ropa_app.store.drafts import Draft

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ropa_app.domain.documents import RecordDoc
    from ropa_app.store.organisations import OrganisationStore
    from ropa_app.ui.import_dialog import ImportPreview


class FirstLaunchChoice(StrEnum):
    """What the user wants to do with an empty register."""

    ORGANISATION = "organisation"
    DEMO = "demo"
    CANCEL = "cancel"


class DraftAction(StrEnum):
    """What the user wants done with the unsaved edits found at start."""

    RESTORE = "restore"  # open one of them in the editor; the others are kept
    DISCARD = "discard"  # throw them all away
    LATER = "later"  # keep them all, ask again next time


@dataclass(frozen=True)
class DraftAnswer:
    """The answer to :meth:`PromptService.offer_drafts`: an action and, to restore, which."""

    action: DraftAction
    draft: Draft | None = None


class UnsavedChoice(StrEnum):
    """What to do with a record's unsaved changes before showing something else."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


@dataclass(frozen=True)
class ExportOptions:
    """The answer to :meth:`PromptService.ask_export_options`.

    Attributes:
        lang: the language of the export, ``"fr"`` or ``"en"``.
        page_size: ``"A4"`` or ``"Letter"`` (used by PDF exports only).
        audit: add the audit readiness section (register exports as PDF or Excel).
    """

    lang: str
    page_size: str = "A4"
    audit: bool = False


class PromptService(QObject):
    """Modal questions and messages, parented to the main window once it exists.

    Args:
        parent_widget: the window the dialogs are centred on (may be set later with
            :meth:`set_parent_widget`).
    """

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self._parent_widget = parent_widget

    def set_parent_widget(self, widget: QWidget | None) -> None:
        """Centre the dialogs on ``widget`` from now on."""
        self._parent_widget = widget

    def show_error(self, title: str, message: str) -> None:
        """Tell the user about a problem they can act on (a locked or unreadable file…)."""
        QMessageBox.critical(self._parent_widget, title, message)

    def show_info(self, title: str, message: str) -> None:
        """Tell the user something that is not a problem."""
        QMessageBox.information(self._parent_widget, title, message)

    def show_crash(self, log_path: Path | None) -> None:
        """Tell the user the program hit a bug, and where its details were written."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected error"))
        box.setText(self.tr("ROPA hit an unexpected error (a bug in the program)."))
        if log_path is not None:
            detail = self.tr(
                "The details were written to:\n%1\n\nYou can go on working. If this "
                "happens again, please send that file to your support."
            ).replace("%1", str(log_path))
        else:
            detail = self.tr("The details could not be written to the log file.")
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def ask_first_launch(self) -> FirstLaunchChoice:
        """Ask what to do with an empty register: create an organisation or open the demo."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Welcome to ROPA"))
        box.setText(self.tr("This register is empty."))
        box.setInformativeText(self.tr(
            "Start with your organisation, or explore a demo register first "
            "(a fictitious company with both of its registers)."
        ))
        org = box.addButton(self.tr("Create my organisation…"), QMessageBox.ButtonRole.AcceptRole)
        demo = box.addButton(self.tr("Open the demo"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(org)
        box.exec()
        clicked = box.clickedButton()
        if clicked is org:
            return FirstLaunchChoice.ORGANISATION
        if clicked is demo:
            return FirstLaunchChoice.DEMO
        return FirstLaunchChoice.CANCEL

    def ask_new_organisation(self, save: Callable[[OrganisationBase], int]) -> int | None:
        """Let the user describe a new organisation; ``save`` stores it.

        Returns:
            The id ``save`` returned, or None if the user cancelled.
        """
        from ropa_app.ui.organisation_dialog import OrganisationDialog

        dialog = OrganisationDialog(save, parent=self._parent_widget)
        try:
            dialog.exec()
            return dialog.saved_id
        finally:
            dialog.deleteLater()

    def ask_register_path(self, start: str) -> str | None:
        """Let the user pick a register file to open; None if they cancelled."""
        path, _filter = QFileDialog.getOpenFileName(
            self._parent_widget,
            self.tr("Open register"),
            start,
            self.tr("ROPA registers (*.sqlite *.db);;All files (*)"),
        )
        return path or None

    # --- the register window (records, organisations, drafts) ------------------------------

    def confirm_delete(self, reference: str, name: str) -> bool:
        """Ask before deleting a record; True to delete."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete record"))
        box.setText(self.tr("Delete record %1, \u201c%2\u201d?").replace("%1", reference)
                    .replace("%2", name))
        box.setInformativeText(self.tr(
            "It disappears from the register. Its history keeps every version, including "
            "the content deleted."))
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def confirm_archive(self, reference: str, name: str) -> bool:
        """Ask before archiving a record; True to archive."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Archive record"))
        box.setText(self.tr("Archive record %1, \u201c%2\u201d?").replace("%1", reference)
                    .replace("%2", name))
        box.setInformativeText(self.tr(
            "An archived record stays in the register, marked as no longer carried out. "
            "Its status can be changed back in the editor."))
        archive = box.addButton(self.tr("Archive"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(archive)
        box.exec()
        return box.clickedButton() is archive

    def offer_drafts(self, drafts: Sequence[Draft], organisations: dict[int, str]) -> DraftAnswer:
        """Offer back the unsaved edits left by a crash: restore one, discard all, or later.

        Args:
            drafts: the drafts found, oldest first.
            organisations: organisation names by id, to say whose record each draft is.
        """
        from ropa_app.ui.drafts_dialog import DraftsDialog

        dialog = DraftsDialog(drafts, organisations, self._parent_widget)
        try:
            dialog.exec()
            return dialog.answer
        finally:
            dialog.deleteLater()

    def ask_edit_organisation(
        self, existing: OrganisationBase, save: Callable[[OrganisationBase], int],
        focus: str | None = None,
    ) -> int | None:
        """Let the user edit an organisation; ``save`` stores it. None if cancelled.

        ``focus`` names the field to put the cursor in (a finding's field to fix)."""
        from ropa_app.ui.organisation_dialog import OrganisationDialog

        dialog = OrganisationDialog(save, existing, self._parent_widget)
        if focus:
            dialog.focus_field(focus)
        try:
            dialog.exec()
            return dialog.saved_id
        finally:
            dialog.deleteLater()

    def show_third_parties(
        self, store: OrganisationStore, organisation_id: int, organisation_name: str
    ) -> None:
        """Show the organisation's third parties, to add, edit or delete them."""
        from ropa_app.ui.third_parties_dialog import ThirdPartiesDialog

        dialog = ThirdPartiesDialog(store, organisation_id, organisation_name, self,
                                    self._parent_widget)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def ask_third_party(
        self, existing: ThirdPartyBase | None, save: Callable[[ThirdPartyBase], int],
        parent: QWidget | None = None,
    ) -> int | None:
        """Let the user describe a third party (new if ``existing`` is None); ``save``
        stores it. Returns the id saved, or None if cancelled."""
        from ropa_app.ui.third_parties_dialog import ThirdPartyDialog

        dialog = ThirdPartyDialog(save, existing, parent or self._parent_widget)
        try:
            dialog.exec()
            return dialog.saved_id
        finally:
            dialog.deleteLater()

    def confirm_delete_third_party(self, name: str, parent: QWidget | None = None) -> bool:
        """Ask before deleting a third party; True to delete."""
        answer = QMessageBox.question(
            parent or self._parent_widget, self.tr("Delete third party"),
            self.tr("Delete the third party \u201c%1\u201d?").replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # --- the record editor -----------------------------------------------------------------

    def ask_unsaved_changes(self, record: str) -> UnsavedChoice:
        """Ask what to do with the unsaved changes of ``record`` ("RH-01 — Payroll")."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("Save the changes made to %1?").replace("%1", record))
        box.setInformativeText(self.tr("If you discard them, they are lost."))
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return UnsavedChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return UnsavedChoice.DISCARD
        return UnsavedChoice.CANCEL

    def resolve_conflict(self, sections: list[str], theirs: RecordDoc,
                         mine: RecordDoc) -> set[str] | None:
        """Someone saved the record meanwhile: show each differing section side by side
        and let the user choose, per section, which version to keep.

        Returns:
            The sections to take from the stored version (the others keep the user's), or
            None if the user cancelled (nothing is saved).
        """
        from ropa_app.ui.editor.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(sections, theirs, mine, self._parent_widget)
        try:
            if dialog.exec() != ConflictDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()

    def ask_save_as_new(self, reference: str) -> bool:
        """The record being saved was deleted meanwhile: True to save the edits as a new
        record."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Record deleted"))
        box.setText(self.tr("Record %1 was deleted by someone else while you edited it.")
                    .replace("%1", reference))
        box.setInformativeText(self.tr(
            "Save your edits as a new record? Otherwise they stay on screen, unsaved."))
        save = box.addButton(self.tr("Save as a new record"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        box.exec()
        return box.clickedButton() is save

    # --- exports, imports and printing ---------------------------------------------------

    def ask_export_path(self, title: str, suggested: Path, filters: Sequence[str]
                        ) -> tuple[str, str] | None:
        """Let the user choose the file an export is written to.

        Args:
            title: the dialog title ("Export register").
            suggested: the folder and file name proposed.
            filters: the file types offered ("PDF (*.pdf)"), the first one chosen.

        Returns:
            The path and the file type chosen, or None if the user cancelled.
        """
        path, chosen = QFileDialog.getSaveFileName(
            self._parent_widget, title, str(suggested), ";;".join(filters),
            filters[0] if filters else "")
        return (path, chosen) if path else None

    def ask_export_options(self, title: str, lang: str, page_size: str | None,
                           note: str = "", audit: bool | None = None) -> ExportOptions | None:
        """Ask the language of an export and, when ``page_size`` is given, the page size.

        Args:
            title: the dialog title.
            lang: the language proposed (``"fr"`` or ``"en"``).
            page_size: the page size proposed; None when the format has no pages.
            note: a line shown above the choices (what exactly is exported).
            audit: whether the audit readiness section is proposed (ticked or not); None
                when the export has no such section.

        Returns:
            The choices, or None if the user cancelled.
        """
        from ropa_app.ui.exports import ExportOptionsDialog

        dialog = ExportOptionsDialog(title, lang, page_size, note, self._parent_widget,
                                     audit=audit)
        try:
            if dialog.exec() != ExportOptionsDialog.DialogCode.Accepted:
                return None
            return dialog.options()
        finally:
            dialog.deleteLater()

    def show_export_done(self, title: str, message: str) -> bool:
        """Say an export was written; True when the user asks to open its folder."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(message)
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.exec()
        return box.clickedButton() is open_folder

    def ask_import_path(self, start: str, filters: Sequence[str]) -> str | None:
        """Let the user pick a file to import; None if they cancelled."""
        path, _filter = QFileDialog.getOpenFileName(
            self._parent_widget, self.tr("Import"), start, ";;".join(filters))
        return path or None

    def confirm_import(self, preview: ImportPreview) -> bool:
        """Show what an import would write; True to write it."""
        from ropa_app.ui.import_dialog import ImportPreviewDialog

        dialog = ImportPreviewDialog(preview, self._parent_widget)
        try:
            return dialog.exec() == ImportPreviewDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def ask_printer(self) -> QPrinter | None:
        """Let the user choose a printer and its settings; None if they cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._parent_widget)
        dialog.setWindowTitle(self.tr("Print record"))
        try:
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return None
            return printer
        finally:
            dialog.deleteLater()
