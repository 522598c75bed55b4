"""Stand-ins for the window's collaborators, shared by the window tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.models import OrganisationBase, ThirdPartyBase
from ropa_app.store.drafts import Draft
from ropa_app.ui.prompts import (
    DraftAction,
    DraftAnswer,
    ExportOptions,
    FirstLaunchChoice,
    PromptService,
    UnsavedChoice,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ropa_app.ui.import_dialog import ImportPreview

#: The organisation of the small test register.
SMALL_ORG = "Boulangerie Étoile SARL"


class FakePrompts(PromptService):
    """A prompt service that answers at once and remembers what it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.crashes: list[Path | None] = []
        self.first_launch_answer = FirstLaunchChoice.CANCEL
        self.first_launch_asked = 0
        self.new_organisation: OrganisationBase | None = None
        self.register_path: str | None = None
        # The register window's questions (records, drafts, organisations, third parties).
        self.delete_answer = True
        self.deletes_asked: list[tuple[str, str]] = []
        self.archive_answer = True
        self.archives_asked: list[tuple[str, str]] = []
        self.draft_answer = DraftAnswer(DraftAction.LATER)
        self.drafts_offered: list[list[Draft]] = []
        self.edited_organisation: OrganisationBase | None = None
        self.organisation_focus: list[str | None] = []  # the field asked to focus, per call
        self.third_parties_shown: list[int] = []
        self.third_party_answer: ThirdPartyBase | None = None
        self.third_party_asked: list[ThirdPartyBase | None] = []
        self.delete_third_party_answer = True
        # The record editor's questions.
        self.unsaved_answer = UnsavedChoice.CANCEL
        self.unsaved_asked: list[str] = []
        self.conflict_answer: set[str] | None = None
        self.conflicts: list[tuple[list[str], RecordDoc, RecordDoc]] = []
        self.save_as_new_answer = False
        self.save_as_new_asked: list[str] = []

    def show_error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def show_info(self, title: str, message: str) -> None:
        self.infos.append((title, message))

    def show_crash(self, log_path: Path | None) -> None:
        self.crashes.append(log_path)

    def ask_first_launch(self) -> FirstLaunchChoice:
        self.first_launch_asked += 1
        return self.first_launch_answer

    def ask_new_organisation(self, save: Callable[[OrganisationBase], int]) -> int | None:
        return save(self.new_organisation) if self.new_organisation is not None else None

    def ask_register_path(self, start: str) -> str | None:
        return self.register_path

    def confirm_delete(self, reference: str, name: str) -> bool:
        self.deletes_asked.append((reference, name))
        return self.delete_answer

    def confirm_archive(self, reference: str, name: str) -> bool:
        self.archives_asked.append((reference, name))
        return self.archive_answer

    def offer_drafts(self, drafts, organisations) -> DraftAnswer:  # type: ignore[no-untyped-def]
        self.drafts_offered.append(list(drafts))
        if self.draft_answer.action is DraftAction.RESTORE and self.draft_answer.draft is None:
            return DraftAnswer(DraftAction.RESTORE, drafts[-1])  # "the newest", by default
        return self.draft_answer

    def ask_edit_organisation(self, existing: OrganisationBase,
                              save: Callable[[OrganisationBase], int],
                              focus: str | None = None) -> int | None:
        self.organisation_focus.append(focus)
        edited = self.edited_organisation
        return save(edited) if edited is not None else None

    def show_third_parties(self, store, organisation_id: int,  # type: ignore[no-untyped-def]
                           organisation_name: str) -> None:
        self.third_parties_shown.append(organisation_id)

    def ask_third_party(self, existing: ThirdPartyBase | None,
                        save: Callable[[ThirdPartyBase], int], parent=None) -> int | None:  # type: ignore[no-untyped-def]
        self.third_party_asked.append(existing)
        answer = self.third_party_answer
        return save(answer) if answer is not None else None

    def confirm_delete_third_party(self, name: str, parent=None) -> bool:  # type: ignore[no-untyped-def]
        return self.delete_third_party_answer

    def ask_unsaved_changes(self, record: str) -> UnsavedChoice:
        self.unsaved_asked.append(record)
        return self.unsaved_answer

    def resolve_conflict(self, sections: list[str], theirs: RecordDoc,
                         mine: RecordDoc) -> set[str] | None:
        self.conflicts.append((list(sections), theirs, mine))
        return None if self.conflict_answer is None else set(self.conflict_answer)

    def ask_save_as_new(self, reference: str) -> bool:
        self.save_as_new_asked.append(reference)
        return self.save_as_new_answer

    # --- exports, imports and printing -----------------------------------------------------
    # The answers are class-level defaults (immutable) that a test overrides on its instance.

    #: The file chosen in the export dialog (None: the user cancelled).
    export_path: str | None = None
    #: The file type chosen with it ("" lets the extension decide).
    export_filter: str = ""
    #: The language and page size chosen (None: the user cancelled).
    export_options: ExportOptions | None = ExportOptions("en", "A4")
    #: Whether the user clicks "Open folder" once an export is written.
    open_folder_answer: bool = False
    #: The file chosen in the import dialog (None: the user cancelled).
    import_path: str | None = None
    #: Whether the user confirms the import preview.
    import_answer: bool = True
    #: The printer chosen in the print dialog (None: the user cancelled).
    printer: QPrinter | None = None

    def asked(self, question: str) -> list[Any]:
        """What the prompt method named ``question`` was asked, in order."""
        return self.__dict__.setdefault(f"_asked_{question}", [])

    def ask_export_path(self, title: str, suggested: Path,
                        filters: Sequence[str]) -> tuple[str, str] | None:
        self.asked("ask_export_path").append((title, suggested, list(filters)))
        return (self.export_path, self.export_filter) if self.export_path else None

    def ask_export_options(self, title: str, lang: str, page_size: str | None,
                           note: str = "", audit: bool | None = None) -> ExportOptions | None:
        self.asked("ask_export_options").append((title, lang, page_size, note))
        self.asked("export_audit_proposed").append(audit)
        return self.export_options

    def show_export_done(self, title: str, message: str) -> bool:
        self.infos.append((title, message))
        return self.open_folder_answer

    def ask_import_path(self, start: str, filters: Sequence[str]) -> str | None:
        self.asked("ask_import_path").append((start, list(filters)))
        return self.import_path

    def confirm_import(self, preview: ImportPreview) -> bool:
        self.asked("confirm_import").append(preview)
        return self.import_answer

    def ask_printer(self) -> QPrinter | None:
        self.asked("ask_printer").append(None)
        return self.printer
