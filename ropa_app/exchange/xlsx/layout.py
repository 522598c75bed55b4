"""Where each value goes: the rows of a fiche, of the summary and of the flat table.

Pure layout over the row source of :mod:`ropa_app.exchange.fiche`: a :class:`Row` is the
values of one sheet row with their style names, the merged spans and the height. The
writer turns rows into openpyxl cells; the benchmark writes the same values plainly.

Row heights are computed here because no spreadsheet fits the height of a row to the text
of merged cells: a row gets as many lines as its fullest cell needs at its width.
Excel caps a row at 409 points, so a long text is continued on further rows labelled
"(suite 2/3)" rather than hidden (see :mod:`.cells`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import PartyRole, RegisterKind
from ropa_app.domain.reference import load_reference
from ropa_app.exchange.fiche import (
    Fiche,
    format_retention,
    header_fields,
    summary_columns,
    summary_row,
)
from ropa_app.exchange.labels import text

#: Widths (characters) of the eight columns of a fiche.
FICHE_WIDTHS = (34, 22, 28, 9, 16, 16, 16, 30)
FICHE_COLUMNS = len(FICHE_WIDTHS)
#: How a table of n columns spreads over the eight fiche columns: (first, last) per column.
SPANS: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((1, 8),),
    2: ((1, 1), (2, 8)),
    3: ((1, 1), (2, 4), (5, 8)),
    4: ((1, 1), (2, 3), (4, 6), (7, 8)),
    5: ((1, 1), (2, 3), (4, 6), (7, 7), (8, 8)),
    6: ((1, 1), (2, 3), (4, 5), (6, 6), (7, 7), (8, 8)),
    7: ((1, 1), (2, 2), (3, 3), (4, 5), (6, 6), (7, 7), (8, 8)),
    8: tuple((i, i) for i in range(1, 9)),
}
LINE_HEIGHT = 12.75  # points per line of 10-point Arial
MAX_LINES = 28  # 28 lines fit in Excel's 409-point row limit with room to spare
CHAR_FACTOR = 1.1  # characters of French text in 10-point Arial per unit of column width


@dataclass
class Row:
    """One sheet row: values and style names by column (1-based positions from 0)."""

    values: list[Any]
    styles: Sequence[str | None]
    height: float | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    block_start: bool = False  # the spacer before a block: a good place for a page break


def display_lines(value: str, width: float) -> int:
    """Lines ``value`` takes wrapped in a column ``width`` characters wide."""
    if not value:
        return 1
    per_line = max(1, int(width * CHAR_FACTOR))
    total = 0
    for line in value.split("\n"):
        total += max(1, -(-len(line) // per_line))
    return total


def height_for(lines: int) -> float:
    """Row height in points for ``lines`` lines of text (at most Excel's 409)."""
    return min(409.0, round(lines * LINE_HEIGHT + 3, 2))


def chunk_for_display(value: str, width: float, max_lines: int = MAX_LINES) -> list[str]:
    """``value`` in consecutive pieces that each fit ``max_lines`` lines at ``width``.

    The pieces concatenate to ``value`` exactly; a piece ends at a line break, or at a
    space when a single paragraph is longer than a piece.
    """
    if display_lines(value, width) <= max_lines:
        return [value]
    from ropa_app.exchange.xlsx.cells import split_text

    per_line = max(1, int(width * CHAR_FACTOR))
    pieces: list[str] = []
    current, used = "", 0
    for line in value.splitlines(keepends=True):
        need = max(1, -(-len(line.rstrip("\n")) // per_line))
        if need > max_lines:
            if current:
                pieces.append(current)
                current, used = "", 0
            parts = split_text(line, per_line * (max_lines - 1))
            pieces.extend(parts[:-1])
            current, used = parts[-1], display_lines(parts[-1], width)
            continue
        if used + need > max_lines and current:
            pieces.append(current)
            current, used = "", 0
        current += line
        used += need
    if current:
        pieces.append(current)
    return pieces


def _span_width(span: tuple[int, int], widths: Sequence[float]) -> float:
    return sum(widths[span[0] - 1 : span[1]])


def _cells_rows(texts: Sequence[str], spans: Sequence[tuple[int, int]], styles: Sequence[str],
                lang: str, widths: Sequence[float] = FICHE_WIDTHS,
                first_label: str | None = None) -> Iterator[Row]:
    """Rows for one logical line of a fiche, continued over further rows when too long."""
    chunks = [chunk_for_display(t, _span_width(s, widths)) for t, s in zip(texts, spans,
                                                                           strict=True)]
    count = max(len(c) for c in chunks)
    ncols = len(widths)
    for i in range(count):
        values: list[Any] = [None] * ncols
        row_styles: list[str | None] = [None] * ncols
        lines = 1
        for k, (span, pieces) in enumerate(zip(spans, chunks, strict=True)):
            piece = pieces[i] if i < len(pieces) else ""
            style = styles[k]
            if i > 0 and k == 0:
                label = first_label or texts[0]
                marker = f"({text('continued', lang)} {i + 1}/{count})"
                piece = f"{label[:60]} {marker}" if not piece else f"{marker}\n{piece}"
                style = "cont"
            values[span[0] - 1] = piece
            for c in range(span[0], span[1] + 1):
                row_styles[c - 1] = style
            lines = max(lines, display_lines(piece, _span_width(span, widths)))
        yield Row(values, row_styles, height_for(lines),
                  [s for s in spans if s[1] > s[0]])


def fiche_rows(fiche: Fiche, register_line: str, lang: str) -> Iterator[Row]:
    """The rows of one fiche, in the CNIL block order."""
    full = ((1, FICHE_COLUMNS),)
    title = f"{text('fiche', lang)} — {fiche.reference} — {fiche.name}"
    for row in _cells_rows([title], full, ["title"], lang, first_label=fiche.reference):
        row.height = max(24.0, min(409.0, (row.height or 0) * 1.5))  # 14-point title
        yield row
    yield Row([register_line] + [None] * 7, ["subtitle"] + [None] * 7, None, [full[0]])
    for block in fiche.blocks:
        yield Row([None] * 8, [None] * 8, 6.0, block_start=True)
        yield Row([block.title] + [None] * 7, ["block"] * 8, 20.0, [full[0]])
        for f in block.fields:
            value, style = f.value, "value"
            if not value:
                value, style = (text("missing", lang), "missing") if f.missing else ("", "value")
            yield from _cells_rows([f.label, value], SPANS[2], ["label", style], lang)
        table = block.table
        if table is None:
            continue
        spans = SPANS[len(table.columns)]
        yield from _cells_rows(list(table.columns), spans, ["head"] * len(spans), lang)
        if not table.rows:
            message, style = ((text("missing", lang), "missing") if table.missing
                              else (text("none", lang), "empty"))
            yield from _cells_rows([message], full, [style], lang)
        for line in table.rows:
            styles = ["missing" if v == text("missing", lang) else "value" for v in line]
            yield from _cells_rows(list(line), spans, styles, lang)


# --- pages ---------------------------------------------------------------------------------

A4_LANDSCAPE = (784.0, 509.0)  # printable width and height in points within the margins
DEFAULT_HEIGHT = 12.75


def page_capacity(widths: Sequence[float]) -> float:
    """Points of row height that fit on one printed page once the sheet is fitted to the
    page width, as Excel counts (7 pixels per character of 10-point Arial). LibreOffice
    draws the same columns a little narrower, so as much fits there or more."""
    sheet_width = sum(int(w * 7) for w in widths) * 0.75
    scale = min(1.0, A4_LANDSCAPE[0] / sheet_width)
    return A4_LANDSCAPE[1] / scale * 0.98  # room for the applications' rounding


def paginate(rows: Sequence[Row], capacity: float, repeated: float = 0.0) -> list[int]:
    """Indexes of the rows that start a new page.

    Every page break is placed here rather than left to the application (whose pages
    differ between Excel and LibreOffice): a page ends before the block whose heading,
    column headings and first row would not fit with it, or else before the row that
    would not fit. ``repeated`` is the height of the title rows printed on every page.
    """
    breaks: list[int] = []
    used = 0.0
    for i, row in enumerate(rows):
        height = row.height if row.height is not None else DEFAULT_HEIGHT
        need = height
        if row.block_start:
            end = i + 1
            while end < len(rows) and end < i + 4 and not rows[end].block_start:
                end += 1
            need = sum(r.height if r.height is not None else DEFAULT_HEIGHT
                       for r in rows[i:end])
        if used > repeated and used + need > capacity:
            breaks.append(i)
            used = repeated
        used += height
    return breaks


# --- summary ("Liste des traitements") ----------------------------------------------------

SUMMARY_WIDTHS = (40, 12, 16, 16, 50, 12, 12, 22)


def summary_header_rows(org: OrganisationDoc, register: RegisterKind, lang: str,
                        exported_at: Any, app_version: str) -> Iterator[Row]:
    """Title and header block of the summary sheet: organisation, DPO, representative,
    register, date of export, application version."""
    ncols = len(SUMMARY_WIDTHS)
    title = text("register_title", lang)
    yield Row([title] + [None] * (ncols - 1), ["title"] + [None] * (ncols - 1), 24.0,
              [(1, ncols)])
    for f in header_fields(org, register, lang, exported_at, app_version):
        value, style = f.value, "value"
        if f.missing and not value:
            value, style = text("missing", lang), "missing"
        yield from _cells_rows([f.label, value], ((1, 1), (2, ncols)), ["label", style], lang,
                               SUMMARY_WIDTHS)
    yield Row([None] * ncols, [None] * ncols, 8.0)


def summary_table_head(lang: str) -> list[Row]:
    """The CNIL's two heading rows over the list of activities."""
    ncols = len(SUMMARY_WIDTHS)
    groups: list[Any] = [text("group_identification", lang), None, None, None,
                         text("group_purpose", lang), text("group_flags", lang), None, None]
    columns = list(summary_columns(lang))
    return [
        Row(groups, ["group"] * ncols, 18.0, [(1, 4), (6, 8)]),
        Row(columns, ["head"] * ncols,
            height_for(max(display_lines(c, w) for c, w in zip(columns, SUMMARY_WIDTHS,
                                                                strict=True)))),
    ]


def summary_record_row(rec: RecordDoc, lang: str) -> tuple[str, ...]:
    """The summary line of ``rec`` (the CNIL "Liste des traitements" columns)."""
    return summary_row(rec, lang)


# --- flat table -----------------------------------------------------------------------------


def _join(lines: Sequence[str]) -> str:
    return "\n".join(line for line in lines if line)


def _colon(lang: str) -> str:
    return " : " if lang == "fr" else ": "


def _flat_values(rec: RecordDoc, lang: str) -> dict[str, Any]:
    ref = load_reference()
    c = _colon(lang)
    main = next((p for p in rec.purposes if p.kind.value == "main"), None)
    subs = [p for p in rec.purposes if p.kind.value != "main"]

    def purpose(p: Any) -> str:
        basis = ref.label(p.legal_basis, lang) if p.legal_basis else text("missing", lang)
        return f"{p.description} ({basis})"

    def data(sensitive: bool) -> str:
        lines = []
        for d in rec.data_categories:
            if d.category.is_sensitive != sensitive:
                continue
            retention = format_retention(d, lang) or text("missing", lang)
            extra = ""
            if sensitive:
                cond = ref.label(d.art9_condition, lang) if d.art9_condition else d.art10_ground
                extra = f" [{cond or text('missing', lang)}]"
            desc = f"{c}{d.description}" if d.description else ""
            lines.append(f"{ref.label(d.category, lang)}{desc} — {retention}{extra}")
        return _join(lines)

    def party(p: Any) -> str:
        role = text("joint_controller" if p.role is PartyRole.JOINT_CONTROLLER
                    else "client_controller", lang)
        return f"{p.third_party} ({role}){c + p.details if p.details else ''}"

    transfers = []
    for t in rec.transfers:
        where = ref.country_name(t.country, lang) if t.country else t.international_organisation
        mech = ref.label(t.mechanism, lang) if t.mechanism else text("missing", lang)
        transfers.append(f"{t.recipient or t.third_party or ''} — {where} — {mech}")
    source = _join([ref.label(rec.data_source, lang) if rec.data_source else "",
                    rec.data_source_details])
    dpia = _join([ref.label(rec.dpia_decision, lang) if rec.dpia_decision else "",
                  rec.dpia_reason])
    validated = " — ".join(v for v in (rec.validated_by, _day(rec.validated_at, lang)) if v)
    return {
        "reference": rec.reference, "name": rec.name,
        "status": ref.label(rec.status, lang),
        "business_function": rec.business_function, "owner": rec.owner,
        "description": rec.description, "software": rec.software,
        "parties": _join([party(p) for p in rec.parties]),
        "main_purpose": purpose(main) if main else "",
        "sub_purposes": _join([purpose(p) for p in subs]),
        "block_subjects": _join([
            f"{ref.label(s.category, lang)}{c + s.label if s.label else ''}"
            f"{' — ' + s.details if s.details else ''}" for s in rec.subjects]),
        "block_data": data(False),
        "sensitive_data": text("yes" if any(d.category.is_sensitive
                                            for d in rec.data_categories) else "no", lang),
        "block_sensitive": data(True),
        "block_recipients": _join([
            f"{ref.label(r.recipient_type, lang)}{c}{r.name or r.third_party or ''}"
            f"{' — ' + r.details if r.details else ''}" for r in rec.recipients]),
        "transfers_outside": text("yes" if rec.transfers else "no", lang),
        "block_transfers": _join(transfers),
        "block_security": _join([
            f"{ref.label(m.measure_type, lang)}{c + m.details if m.details else ''}"
            for m in rec.security_measures]),
        "data_source": source,
        "automated_decision": _join([
            text("yes" if rec.automated_decision or rec.profiling else "no", lang),
            rec.automated_decision_details]),
        "dpia": dpia,
        "dpia_criteria": ", ".join(ref.label(x, lang) for x in rec.dpia_criteria),
        "dpia_reference": rec.dpia_reference,
        "created_at": rec.created_at.astimezone().date(),
        "updated_at": rec.updated_at.astimezone().date(),
        "validated": validated,
        "last_review": rec.last_review, "last_reviewed_by": rec.last_reviewed_by,
        "next_review": rec.next_review, "version": rec.version, "notes": rec.notes,
    }


def _day(value: Any, lang: str) -> str:
    if value is None:
        return ""
    day = value.astimezone().date()
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


#: Columns of the flat sheet: (label key, width, kind) — kind "text", "date" or "int".
FLAT_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("reference", 12, "text"), ("name", 32, "text"), ("status", 14, "text"),
    ("business_function", 18, "text"), ("owner", 22, "text"), ("description", 50, "text"),
    ("software", 24, "text"), ("parties", 32, "text"), ("main_purpose", 40, "text"),
    ("sub_purposes", 44, "text"), ("block_subjects", 32, "text"), ("block_data", 56, "text"),
    ("sensitive_data", 11, "text"), ("block_sensitive", 44, "text"),
    ("block_recipients", 40, "text"), ("transfers_outside", 11, "text"),
    ("block_transfers", 40, "text"), ("block_security", 56, "text"),
    ("data_source", 30, "text"), ("automated_decision", 20, "text"), ("dpia", 36, "text"),
    ("dpia_criteria", 30, "text"), ("dpia_reference", 16, "text"),
    ("created_at", 12, "date"), ("updated_at", 12, "date"), ("validated", 24, "text"),
    ("last_review", 12, "date"), ("last_reviewed_by", 20, "text"),
    ("next_review", 12, "date"), ("version", 8, "int"), ("notes", 40, "text"),
)
FLAT_WIDTHS = tuple(w for _, w, _ in FLAT_COLUMNS)


def flat_head(lang: str) -> list[str]:
    """Headings of the flat sheet."""
    return [text(key, lang) for key, _, _ in FLAT_COLUMNS]


def flat_values(rec: RecordDoc, lang: str) -> list[Any]:
    """One activity as the values of the flat sheet's columns (dates as dates)."""
    values = _flat_values(rec, lang)
    out = []
    for key, _, kind in FLAT_COLUMNS:
        value = values[key]
        if kind == "text":
            out.append(value or "")
        else:
            out.append(value if isinstance(value, (date, int)) else None)
    return out
