"""The Excel workbook of a register, as a French auditor reads it and as ROPA reads it back.

Sheets, in tab order:

1. **Liste des traitements** — the CNIL summary: title, the header block (organisation,
   DPO, representative, register, date and time of export, application version), then one
   row per activity under the CNIL's headings; frozen headings, auto-filter.
2. **Tableau** — the flat table: one row per activity, one column per field, dates as
   dates in the language's format; frozen header row and name columns, auto-filter.
3. **The fiches** in the CNIL layout and block order. Up to :data:`SMALL_REGISTER`
   activities, one sheet per fiche named from its reference and name; beyond, sheets
   "Fiches" with the fiches one after another, each starting on a new page. Excel keeps
   at most 1,026 manual page breaks per sheet, so a "Fiches" sheet holds at most
   :data:`FICHES_PER_SHEET` fiches and larger registers have "Fiches 1-250",
   "Fiches 251-500"... Within a fiche, a page break goes before a block whose heading
   would otherwise be printed alone at the bottom of a page.
4. **Conformité** / **Audit readiness** — only when asked for (``audit=True``): the score,
   the findings of the compliance checks and the reviews due (see :mod:`.audit_sheet`).
   The import ignores it, like every visible sheet.
5. **ROPA data** (hidden) — the organisation, its third parties, the records and their
   history as JSON, one per row, split over cells of 30,000 characters: what makes our own
   workbook import back without loss. Each record row also holds fingerprints of the
   visible rows written for it, so an import can tell which were edited by hand.

Every sheet prints on A4 landscape, fitted to the page width, with its heading rows
repeated and a header and footer naming the organisation, the export date and the page.
The file is written in write-only (streaming) mode to a temporary file in the target
folder and renamed into place: a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.properties import PageSetupProperties

from ropa_app import __version__
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.models import HistoryEntryBase, ThirdPartyBase, utcnow
from ropa_app.domain.reference import load_reference
from ropa_app.exchange.audit import audit_section
from ropa_app.exchange.fiche import build_fiche, format_date
from ropa_app.exchange.labels import text
from ropa_app.exchange.xlsx.audit_sheet import AUDIT_WIDTHS, audit_layout, write_audit_sheet
from ropa_app.exchange.xlsx.cells import (
    DATA_CHUNK,
    FONT_NAME,
    FONT_SIZE,
    StyleBook,
    cell_text,
    clean_sheet_name,
    clip_text,
    column_letter,
    split_text,
)
from ropa_app.exchange.xlsx.errors import ExportCancelled
from ropa_app.exchange.xlsx.layout import (
    FICHE_WIDTHS,
    FLAT_COLUMNS,
    FLAT_WIDTHS,
    SUMMARY_WIDTHS,
    Row,
    display_lines,
    fiche_rows,
    flat_head,
    flat_values,
    height_for,
    page_capacity,
    paginate,
    summary_header_rows,
    summary_record_row,
    summary_table_head,
)
from ropa_app.exchange.xlsx.sheet import StreamSheet
from ropa_app.store.errors import DiskFullError, StorageError, UnwritableLocationError

DATA_SHEET = "ROPA data"
DATA_MARK = "ropa-xlsx"
DATA_VERSION = 1
SMALL_REGISTER = 30
FICHES_PER_SHEET = 250
#: Excel keeps at most 1,026 manual page breaks per sheet: one per fiche on a "Fiches"
#: sheet, the rest (keeping block headings with their rows) while some are left.
MAX_PAGE_BREAKS = 1000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def fingerprint(values: Iterable[Any]) -> str:
    """Fingerprint of one row's values as read back (trailing empty cells ignored)."""
    texts = [cell_text(v) for v in values]
    while texts and texts[-1] == "":
        texts.pop()
    return hashlib.blake2b("\x1f".join(texts).encode("utf-8"), digest_size=6).hexdigest()


def cell_fingerprint(value: Any) -> str:
    """Fingerprint of one cell's value as read back."""
    return hashlib.blake2b(cell_text(value).encode("utf-8"), digest_size=4).hexdigest()


# --- sheets --------------------------------------------------------------------------------


@dataclass
class SheetSpec:
    """What the print set-up and the view of a sheet need."""

    widths: Sequence[float]
    freeze: str | None = None
    title_rows: str | None = None
    hidden: bool = False
    fit_width: int = 1
    header: str | None = None  # right part of the printed header (default: the sheet name)


def _hf(value: str) -> str:
    """Text for a print header or footer (``&`` introduces codes there)."""
    return value.replace("&", "&&").replace("\r", " ").replace("\n", " ")[:80]


def _default_font(wb: Workbook) -> None:
    """Make 10-point Arial the workbook's default font (openpyxl's is 11-point Calibri).

    Column widths are counted in characters of the default font: with Calibri, which
    LibreOffice replaces by a wider font where Calibri is missing, the same sheet printed
    at a smaller scale there than in Excel. Arial (Liberation Sans in LibreOffice, with the
    same metrics) gives one width everywhere. openpyxl has no public setting for this; its
    first font and "Normal" style are replaced before any cell is styled.
    """
    from openpyxl.styles import NamedStyle
    from openpyxl.styles.named_styles import NamedStyleList
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT_NAME, size=FONT_SIZE, family=2)
    wb._fonts = IndexedList([font])
    wb._named_styles = NamedStyleList()
    wb.add_named_style(NamedStyle(name="Normal", font=font, builtinId=0))


class _Book:
    """The workbook being written, with its shared styles and header/footer texts."""

    def __init__(self, lang: str, header: str, footer: str) -> None:
        self.wb = Workbook(write_only=True)
        _default_font(self.wb)
        self.lang = lang
        self.header = header
        self.footer = footer
        self.sheets: list[StreamSheet] = []
        self.styles: StyleBook | None = None

    def sheet(self, title: str, spec: SheetSpec) -> StreamSheet:
        ws = self.wb.create_sheet(title)
        if self.styles is None:
            self.styles = StyleBook(ws)
        for i, width in enumerate(spec.widths, start=1):
            ws.column_dimensions[column_letter(i)].width = width
        if spec.freeze:
            ws.freeze_panes = spec.freeze
        if spec.title_rows:
            ws.print_title_rows = spec.title_rows
        if spec.hidden:
            ws.sheet_state = "hidden"
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = spec.fit_width
        ws.page_setup.fitToHeight = 0
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.25
        ws.oddHeader.left.text = _hf(self.header)
        ws.oddHeader.right.text = _hf(spec.header or title)
        ws.oddFooter.left.text = _hf(self.footer)
        ws.oddFooter.right.text = "Page &P / &N"  # the same word in French and English
        sheet = StreamSheet(ws, self.styles)
        self.sheets.append(sheet)
        return sheet

    def discard(self) -> None:
        """Close and delete openpyxl's temporary files after a failure."""
        for sheet in self.sheets:
            sheet.abandon()
            writer = getattr(sheet.ws, "_writer", None)
            if writer is None:
                continue
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(OSError):
                os.remove(writer.out)


# --- the export ------------------------------------------------------------------------------


def _register_records(org: OrganisationDoc, register: RegisterKind) -> list[RecordDoc]:
    return sorted((r for r in org.records if r.register_kind is register),
                  key=lambda r: r.reference)


def _third_parties(org: OrganisationDoc, records: Sequence[RecordDoc]) -> list[ThirdPartyBase]:
    """The third parties the records name (a workbook carries no one else's details)."""
    named = {p.third_party for r in records for p in r.parties}
    named |= {x.third_party for r in records for x in r.recipients if x.third_party}
    named |= {t.third_party for r in records for t in r.transfers if t.third_party}
    return [tp for tp in org.third_parties if tp.name in named]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _data_row(kind: str, meta: dict[str, Any], payload: Any) -> Row:
    chunks = split_text(_json(payload), DATA_CHUNK)
    values: list[Any] = [kind, _json(meta), *chunks]
    styles: list[str | None] = ["plain"] * len(values)
    return Row(values, styles)


class _Ticker:
    def __init__(self, total: int, progress: Progress | None,
                 cancelled: Cancelled | None) -> None:
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled
        self.step = max(1, total // 200)

    def __call__(self, n: int = 1) -> None:
        self.done += n
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled("export cancelled; no file was written")
        if self.progress is not None and (self.done % self.step < n or self.done >= self.total):
            self.progress(min(self.done, self.total), self.total)


def _write_book(book: _Book, org: OrganisationDoc, register: RegisterKind,
                records: Sequence[RecordDoc], history: Sequence[HistoryEntryBase],
                lang: str, app_version: str, exported_at: datetime, tick: _Ticker,
                audit: bool = False) -> None:
    taken = {DATA_SHEET.casefold()}
    summary_name = clean_sheet_name(text("summary_sheet", lang), taken)
    flat_name = clean_sheet_name(text("flat_sheet", lang), taken)
    # taken before the fiches' names, so the audit sheet keeps its name whatever they are
    audit_name = clean_sheet_name(text("audit_sheet", lang), taken) if audit else None
    small = len(records) <= SMALL_REGISTER
    capacity = page_capacity(FICHE_WIDTHS)
    if small:
        fiche_names = [clean_sheet_name(f"{r.reference} {r.name}", taken) for r in records]
    else:
        word = text("xlsx_fiches_sheet", lang)
        starts = range(0, len(records), FICHES_PER_SHEET)
        fiche_names = [clean_sheet_name(
            word if len(starts) == 1 else
            f"{word} {i + 1}-{min(i + FICHES_PER_SHEET, len(records))}", taken)
            for i in starts]
    head = summary_table_head(lang)
    top = list(summary_header_rows(org, register, lang, exported_at, app_version))
    head_row = len(top) + len(head)
    summary = book.sheet(summary_name, SheetSpec(
        SUMMARY_WIDTHS, freeze=f"A{head_row + 1}", title_rows=f"{head_row - 1}:{head_row}"))
    flat = book.sheet(flat_name, SheetSpec(FLAT_WIDTHS, freeze="C2", title_rows="1:1",
                                           fit_width=3))
    fiche_sheets: dict[str, StreamSheet] = {}
    for k, name in enumerate(dict.fromkeys(fiche_names)):
        header = f"{text('fiche', lang)} {records[k].reference}" if small else None
        fiche_sheets[name] = book.sheet(name, SheetSpec(
            FICHE_WIDTHS, title_rows="1:1" if small else None, header=header))
    if audit_name is not None:
        section = audit_section(org, register, lang, exported_at.astimezone().date())
        layout = audit_layout(section, lang)
        write_audit_sheet(book.sheet(audit_name, SheetSpec(
            AUDIT_WIDTHS, freeze=f"A{layout.head_row + 1}",
            title_rows=f"{layout.head_row}:{layout.head_row}")), layout)
    data = book.sheet(DATA_SHEET, SheetSpec((12, 40, 60), hidden=True))

    for row in (*top, *head):
        summary.add(row)
    columns = flat_head(lang)
    flat.add(Row(columns, ["head"] * len(columns), height_for(max(
        display_lines(c, w) for c, w in zip(columns, FLAT_WIDTHS, strict=True)))))
    meta = {"format_version": DATA_VERSION, "app_version": app_version, "lang": lang,
            "register": register.value, "exported_at": exported_at.isoformat(),
            "organisation": org.name, "summary_sheet": summary_name, "flat_sheet": flat_name,
            "fiche_sheets": list(fiche_sheets), "records": len(records)}
    if audit_name is not None:
        meta["audit_sheet"] = audit_name
    data.add(Row([DATA_MARK, _json(meta)], ["plain", "plain"]))
    org_payload = org.model_dump(mode="json", exclude={"third_parties", "records", "history"})
    data.add(_data_row("organisation", {}, org_payload))
    for tp in _third_parties(org, records):
        data.add(_data_row("third_party", {}, tp.model_dump(mode="json")))

    ref = load_reference()
    register_line = (f"{ref.label(register, lang)} — {org.name} — "
                     f"{text('xlsx_exported_on', lang)} {format_date(exported_at, lang)}")
    flat_styles = [("date_" + ("fr" if lang == "fr" else "en")) if kind == "date"
                   else "int" if kind == "int" else "value" for _, _, kind in FLAT_COLUMNS]
    for i, rec in enumerate(records):
        sheet = fiche_sheets[fiche_names[i if small else i // FICHES_PER_SHEET]]
        if sheet.rows:
            sheet.breaks.append(sheet.rows)
        first = sheet.rows + 1
        digest = hashlib.blake2b(digest_size=8)
        rows = list(fiche_rows(build_fiche(rec, org, lang), register_line, lang))
        repeated = (rows[0].height or 0.0) if small else 0.0  # the title row, printed again
        pages = set(paginate(rows, capacity, repeated=repeated))
        for k, row in enumerate(rows):
            # page breaks between fiches come first; those within fiches while room is left
            if k in pages and len(sheet.breaks) < MAX_PAGE_BREAKS - FICHES_PER_SHEET:
                sheet.breaks.append(sheet.rows)
            sheet.add(row)
            digest.update(fingerprint(row.values).encode())
        record_meta: dict[str, Any] = {"sheet": sheet.ws.title, "first": first,
                                       "last": sheet.rows, "hash": digest.hexdigest()}
        srow = [clip_text(v, lang, rec.reference) for v in summary_record_row(rec, lang)]
        record_meta["summary_row"] = summary.add(Row(
            srow, ["value"] * len(srow), _height(srow, SUMMARY_WIDTHS)))
        record_meta["summary_hash"] = fingerprint(srow)
        values = [clip_text(v, lang, rec.reference) if isinstance(v, str) else v
                  for v in flat_values(rec, lang)]
        record_meta["flat_row"] = flat.add(Row(values, flat_styles,
                                               _height(values, FLAT_WIDTHS)))
        record_meta["flat"] = [cell_fingerprint(v) for v in values]
        data.add(_data_row("record", record_meta, rec.model_dump(mode="json")))
        tick()
    for entry in history:
        data.add(_data_row("history", {}, entry.model_dump(mode="json")))
    last_summary = max(summary.rows, head_row)
    summary.finish(f"A{head_row}:{column_letter(len(SUMMARY_WIDTHS))}{last_summary}")
    flat.finish(f"A1:{column_letter(len(FLAT_COLUMNS))}{flat.rows}")
    for sheet in fiche_sheets.values():
        sheet.finish()
    data.finish()


def _height(values: Sequence[Any], widths: Sequence[float]) -> float:
    lines = max((display_lines(v, w) for v, w in zip(values, widths, strict=True)
                 if isinstance(v, str)), default=1)
    return height_for(lines)


def _save(book: _Book, path: Path) -> None:
    """Save through a temporary file in the target folder, then rename into place."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UnwritableLocationError(f"the folder {folder} does not exist")
    if path.is_dir():
        raise UnwritableLocationError(f"{path} is a folder")
    tmp_name = None
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else _new_file_mode()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        os.close(fd)
        os.chmod(tmp_name, mode)  # mkstemp makes it private; an export is an ordinary file
        book.wb.save(tmp_name)
        if any(s.has_cr for s in book.sheets):
            _keep_carriage_returns(Path(tmp_name))
        with open(tmp_name, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(f"no space left to write {path}; nothing was written") from exc
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise UnwritableLocationError(
                f"cannot write {path} ({exc.strerror}); choose another folder") from exc
        raise StorageError(f"cannot write {path} ({exc.strerror})") from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _new_file_mode() -> int:
    """The mode a new file gets under the process's umask (read without changing it)."""
    umask = 0o022
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    return 0o666 & ~umask


def _keep_carriage_returns(path: Path) -> None:
    """Write carriage returns of cell text as ``&#13;``, which XML parsers keep.

    openpyxl writes them raw and every XML parser reads a raw one as a line feed. In a
    worksheet written by openpyxl a raw CR can only come from text, so each is replaced.
    """
    patched = path.with_name(path.name + ".cr")
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(
                patched, "w", compression=zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename.startswith("xl/worksheets/") and b"\r" in data:
                    data = data.replace(b"\r", b"&#13;")
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        os.replace(patched, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(patched)


def _export(path: Path, org: OrganisationDoc, register: RegisterKind,
            records: Sequence[RecordDoc], history: Sequence[HistoryEntryBase], lang: str,
            app_version: str, now: datetime | None, progress: Progress | None,
            cancelled: Cancelled | None, audit: bool = False) -> None:
    if lang not in ("fr", "en"):
        raise ValueError(f"unsupported language {lang!r}")
    exported_at = now or utcnow()
    footer = (f"{text('xlsx_exported_on', lang)} {format_date(exported_at, lang)} — "
              f"ROPA {app_version}")
    book = _Book(lang, org.name, footer)
    tick = _Ticker(len(records) + 1, progress, cancelled)
    try:
        _write_book(book, org, register, records, history, lang, app_version, exported_at,
                    tick, audit)
        if cancelled is not None and cancelled():
            raise ExportCancelled("export cancelled; no file was written")
        _save(book, Path(path))
    except BaseException:
        book.discard()
        raise
    tick()


def write_register_xlsx(path: Path | str, org: OrganisationDoc, register: RegisterKind,
                        lang: str = "fr", app_version: str = __version__,
                        now: datetime | None = None, progress: Progress | None = None,
                        cancelled: Cancelled | None = None, audit: bool = False) -> None:
    """Write one register (controller's or processor's) of ``org`` as an Excel workbook.

    Args:
        path: the .xlsx file to write (replaced atomically if it exists).
        org: the organisation with its third parties, records and history.
        register: which of its two registers to write.
        lang: "fr" or "en", for labels and dates.
        app_version: printed in the header block and stored in the data sheet.
        now: the export time (default: now).
        progress: called with (done, total) as activities are written.
        cancelled: polled between activities; when it returns True the export stops.
        audit: add the audit readiness sheet ("Conformité"), checked on the export's day.

    Raises:
        ExportCancelled: ``cancelled`` said so; no file was written.
        RopaError: the file cannot be written (folder missing, read-only, disk full).
    """
    records = _register_records(org, register)
    history = [h for h in org.history if h.register_kind is register]
    _export(Path(path), org, register, records, history, lang, app_version, now, progress,
            cancelled, audit)


def write_record_xlsx(path: Path | str, org: OrganisationDoc, record: RecordDoc,
                      lang: str = "fr", app_version: str = __version__,
                      now: datetime | None = None, progress: Progress | None = None,
                      cancelled: Cancelled | None = None) -> None:
    """Write one record (with the header block and summary line) as an Excel workbook.

    Same layout and arguments as :func:`write_register_xlsx`, for a single activity.
    """
    history = [h for h in org.history
               if h.register_kind is record.register_kind and h.reference == record.reference]
    _export(Path(path), org, record.register_kind, [record], history, lang, app_version, now,
            progress, cancelled)


class _Recorder(StreamSheet):
    """A sheet that keeps its rows' values instead of writing them."""

    def __init__(self, title: str, rows: list[list[Any]]) -> None:
        super().__init__(_Title(title), StyleBook.__new__(StyleBook))
        self.kept = rows

    def add(self, row: Row) -> int:
        self.kept.append(list(row.values))
        self.rows += 1
        return self.rows

    def finish(self, auto_filter: str | None = None) -> None:
        return None


@dataclass
class _Title:
    title: str


class RecordingBook(_Book):
    """A book that keeps every row's values instead of writing cells (for benchmarks)."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang, "", "")
        self.values: dict[str, list[list[Any]]] = {}

    def sheet(self, title: str, spec: SheetSpec) -> StreamSheet:
        return _Recorder(title, self.values.setdefault(title, []))


def cell_values(org: OrganisationDoc, register: RegisterKind, lang: str = "fr",
                app_version: str = __version__, now: datetime | None = None,
                audit: bool = False) -> dict[str, list[list[Any]]]:
    """The values the export writes, sheet by sheet (what a plain writer would write)."""
    records = _register_records(org, register)
    history = [h for h in org.history if h.register_kind is register]
    book = RecordingBook(lang)
    _write_book(book, org, register, records, history, lang, app_version, now or utcnow(),
                _Ticker(len(records) + 1, None, None), audit)
    return book.values
