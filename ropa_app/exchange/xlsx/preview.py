"""The import plan: what an import would do, shown to the user before anything is written.

:func:`ropa_app.exchange.xlsx.read_workbook` returns an :class:`ImportPlan`; the user reads
its preview (:func:`preview_lines`), then :func:`ropa_app.exchange.xlsx.apply_plan` writes
it. Each activity of the workbook is an :class:`PlanItem`, *new* (its reference is not in
the target register), *updated* (it is) or *invalid* (with the reasons; it will not be
written). Values that could not be put in a field are listed in :attr:`PlanItem.kept` and
written into the record's notes, never dropped; :attr:`ImportPlan.ignored` says which
sheets or rows were left aside and why.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal

from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.models import HistoryEntryBase, ThirdPartyBase
from ropa_app.domain.validation import record_problems
from ropa_app.exchange.xlsx.cells import where


class ItemStatus(StrEnum):
    """What the import does with one activity."""

    NEW = "new"
    UPDATED = "updated"
    INVALID = "invalid"


@dataclass(frozen=True)
class Note:
    """Something said about a place of the workbook: a value kept in notes, a warning,
    a row or sheet left aside."""

    sheet: str
    row: int | None
    column: int | None
    message: str
    label: str = ""
    value: str = ""

    @property
    def place(self) -> str:
        """"sheet 'X', row 5, column C"."""
        return where(self.sheet, self.row, self.column)

    def __str__(self) -> str:
        shown = f" ({self.label}: {self.value!r})" if self.label or self.value else ""
        return f"{self.place}: {self.message}{shown}"


@dataclass
class PlanItem:
    """One activity of the workbook and what the import will do with it.

    Attributes:
        status: new, updated or invalid.
        reference: its N° / RÉF (possibly given by the import, see ``warnings``).
        name: its name.
        sheet: the sheet it comes from (its fiche, or the summary sheet).
        record: the record to write (None when it could not be built at all).
        reasons: why it is invalid.
        kept: values that fit no field, kept in the record's notes.
        warnings: what the user should check (dates not understood, example rows...).
        fields: the record fields the workbook provides; None when it provides them all.
            Updating a record replaces only these (a CNIL sheet has no legal basis, so the
            stored legal bases are kept).
        history: the record's history as the workbook carries it (our own workbooks).
    """

    status: ItemStatus
    reference: str
    name: str
    sheet: str
    record: RecordDoc | None = None
    reasons: list[str] = field(default_factory=list)
    kept: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    fields: frozenset[str] | None = None
    history: list[HistoryEntryBase] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What reading a workbook found, and what applying it would write.

    Attributes:
        source: the file read.
        kind: "ropa" for a workbook written by this application, "cnil" for the CNIL model.
        file_format: "xlsx" or "ods".
        register: the register the plan was classified against (records are written there).
        organisation: the organisation block the workbook holds (used only when the import
            creates the organisation; an existing organisation is never changed).
        third_parties: third parties the records name (created when missing, never changed).
        items: the activities, in workbook order.
        ignored: sheets and rows left aside, with the reason.
        warnings: remarks on the whole workbook.
        history: every history entry of our own workbook (copied when the import creates
            the organisation, so a restored register keeps its deleted records' history).
    """

    source: Path
    kind: Literal["ropa", "cnil"]
    file_format: str
    register: RegisterKind
    organisation: OrganisationDoc | None = None
    third_parties: list[ThirdPartyBase] = field(default_factory=list)
    items: list[PlanItem] = field(default_factory=list)
    ignored: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    history: list[HistoryEntryBase] = field(default_factory=list)

    def count(self, status: ItemStatus) -> int:
        """How many activities have ``status``."""
        return sum(1 for item in self.items if item.status is status)

    @property
    def counts(self) -> dict[str, int]:
        """``{"new": n, "updated": n, "invalid": n}``."""
        return {s.value: self.count(s) for s in ItemStatus}

    def valid_items(self) -> list[PlanItem]:
        """The items apply_plan writes."""
        return [i for i in self.items if i.status is not ItemStatus.INVALID]


def classify(plan: ImportPlan, existing_references: Collection[str]) -> None:
    """Set each item's status: invalid (reasons), updated (reference exists) or new.

    Checks the records' integrity against the plan's third parties, and refuses a
    reference used twice in the workbook.
    """
    names = {tp.name for tp in plan.third_parties}
    seen: dict[str, str] = {}
    for item in plan.items:
        if item.record is not None:
            for path, message in record_problems(item.record, names):
                item.reasons.append(f"{path}: {message}" if path else message)
            key = item.record.reference
            if key in seen:
                item.reasons.append(f"reference {key!r} is used twice in the workbook "
                                    f"(also in sheet {seen[key]!r})")
            else:
                seen[key] = item.sheet
        elif not item.reasons:
            item.reasons.append("the activity could not be read")
        if item.reasons:
            item.status = ItemStatus.INVALID
        elif item.reference in existing_references:
            item.status = ItemStatus.UPDATED
        else:
            item.status = ItemStatus.NEW


def preview_lines(plan: ImportPlan) -> list[str]:
    """The preview in plain English lines (the GUI lays out the same facts itself)."""
    counts = plan.counts
    kind = "a workbook written by ROPA" if plan.kind == "ropa" else "the CNIL model"
    lines = [f"{plan.source.name} ({plan.file_format}, {kind}): {counts['new']} new, "
             f"{counts['updated']} updated, {counts['invalid']} invalid."]
    lines += [f"  warning: {n}" for n in plan.warnings]
    lines += [f"  ignored: {n}" for n in plan.ignored]
    for item in plan.items:
        lines.append(f"- [{item.status.value}] {item.reference} {item.name} "
                     f"(sheet {item.sheet!r})")
        lines += [f"    invalid: {r}" for r in item.reasons]
        lines += [f"    kept in notes: {n}" for n in item.kept]
        lines += [f"    warning: {n}" for n in item.warnings]
    return lines


def notes_text(existing: str, kept: Iterable[Note], source: str, lang: str) -> str:
    """The record's notes with the values an import could not map appended."""
    kept = list(kept)
    if not kept:
        return existing
    head = (f"Import du classeur « {source} » — valeurs conservées ici faute de champ :"
            if lang == "fr" else
            f"Import of the workbook “{source}” — values kept here for want of a field:")
    lines = [head]
    for n in kept:
        if lang == "fr":
            place = f"feuille « {n.sheet} »"
            if n.row is not None:
                place += f", ligne {n.row}"
        else:
            place = f"sheet “{n.sheet}”"
            if n.row is not None:
                place += f", row {n.row}"
        label = f"{n.label} : " if lang == "fr" and n.label else f"{n.label}: " if n.label else ""
        lines.append(f"- {place} — {label}{n.value}")
    block = "\n".join(lines)
    return f"{existing}\n\n{block}" if existing else block
