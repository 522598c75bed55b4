"""A fiche's blocks laid out as tables: the part the register and the record PDFs share.

Each block of :func:`ropa_app.exchange.fiche.build_fiche` becomes one table whose first row
is the block's title, as in the CNIL spreadsheet: the title repeats when the table runs on
to the next page and can never be left alone at the bottom of a page. Long values are cut
into continuation rows (:func:`~ropa_app.exchange.pdf.escape.chunks`) so that no row is
taller than a page -- reportlab cannot split a row and would fail with ``LayoutError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ropa_app.exchange.fiche import Block, Fiche, Field
from ropa_app.exchange.fiche import Table as FicheTable
from ropa_app.exchange.labels import text
from ropa_app.exchange.pdf.escape import chunks, clean, markup
from ropa_app.exchange.pdf.fonts import BOLD, REGULAR
from ropa_app.exchange.pdf.styles import (
    ACCENT,
    CELL_LEADING,
    CELL_SIZE,
    GRID,
    HEAD_BG,
    INK,
    LABEL_BG,
    MISSING_BG,
    MISSING_INK,
    MUTED,
    TITLE_SIZE,
    Styles,
    styles,
)

#: Lines of text in one table row at most; longer values continue on the next row.
ROW_LINES = 10
#: A generous average glyph width of DejaVu Sans, in ems (so chunks err on the short side).
_EM = 0.62
_LABEL_WIDTH = 42 * mm  # label column of a two-column field table
_PAIR_LABEL = 33 * mm  # label columns of a four-column field table
_SHORT = 42  # characters: a field value this short can share its row
_MIN_COLUMN = 15 * mm
_PAD = 4  # left and right cell padding

Cell: TypeAlias = Paragraph | str


def chars_per_line(width: float, size: float = CELL_SIZE) -> int:
    """How many characters fit on a line of ``width`` points, estimated on the low side."""
    return max(int((width - 8) / (size * _EM)), 8)


def _base_style(header_rows: int, columns: int, titled: bool) -> list[tuple]:
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, CELL_SIZE, CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
    ]
    if titled:
        cmds += [
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("FONT", (0, 0), (-1, 0), BOLD, TITLE_SIZE, TITLE_SIZE * 1.25),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("TOPPADDING", (0, 0), (-1, 0), 3),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 3.5),
        ]
    headings = 1 if titled else 0
    if header_rows > headings:
        cmds.append(("BACKGROUND", (0, headings), (-1, header_rows - 1), HEAD_BG))
        cmds.append(("FONTNAME", (0, headings), (-1, header_rows - 1), BOLD))
    if columns > 1:
        cmds.append(("LINEBEFORE", (1, headings), (-1, -1), 0.4, GRID))
    return cmds


def text_cell(value: str, width: float, style: ParagraphStyle) -> Cell:
    """A cell printing ``value`` as typed: a plain string when it fits on one line.

    Plain strings are drawn as they are by the table (in the font its style commands give,
    which match ``style``), with no markup parsing and no line breaking: most cells of a
    register (dates, categories, yes/no, names) are short, and this halves the layout time.
    Anything longer, or on several lines, becomes an escaped, wrapping Paragraph.
    """
    if not value:
        return ""
    if "\n" not in value and (len(value) * style.fontSize * 0.3 < width
                              and stringWidth(value, style.fontName, style.fontSize)
                              <= width - 2 * _PAD - 0.5):
        return value
    return Paragraph(markup(value), style)


class RowsBuilder:
    """Rows of a block table, long values cut into continuation rows, with their styling."""

    def __init__(self, widths: Sequence[float], header_rows: int, st: Styles,
                 titled: bool = True) -> None:
        self.widths = list(widths)
        self.rows: list[list[Cell]] = []
        self.header_rows = header_rows
        self.st = st
        self.starts: list[int] = []  # first table row of each logical row
        self.style: list[tuple] = _base_style(header_rows, len(widths), titled)
        self._cpl: dict[float, int] = {}

    def title(self, title: str) -> None:
        """The block's title row, across the table (repeated on every page it runs onto)."""
        width = sum(self.widths)
        self.rows.append([text_cell(clean(title), width, self.st.block_title),
                          *([""] * (len(self.widths) - 1))])

    def headings(self, columns: Sequence[str]) -> None:
        """The column headings row (repeated on every page the table runs onto)."""
        self.rows.append([text_cell(clean(c), w, self.st.label)
                          for c, w in zip(columns, self.widths, strict=True)])

    def _chars_per_line(self, width: float) -> int:
        cpl = self._cpl.get(width)
        if cpl is None:
            cpl = self._cpl[width] = chars_per_line(width)
        return cpl

    def add(self, values: Sequence[str], *, missing: Sequence[bool] = (),
            labels: Sequence[int] = (), span: bool = False) -> None:
        """A logical row of text cells, cut into continuation rows when long.

        Args:
            values: one text per column, or (label, value) when ``span``.
            missing: per value, whether it is a missing mandatory item (styled as such).
            labels: the columns holding labels (bold, shaded).
            span: the second value spans every column after the first.
        """
        st = self.st
        n = len(self.widths)
        widths = [self.widths[0], sum(self.widths[1:])] if span else self.widths
        pieces = [chunks(v, self._chars_per_line(w), ROW_LINES) if v else [""]
                  for v, w in zip(values, widths, strict=True)]
        kinds = [st.missing if c < len(missing) and missing[c] else
                 st.label if c in labels else st.cell for c in range(len(values))]
        first = len(self.rows)
        self.starts.append(first)
        for k in range(max(len(p) for p in pieces)):
            row = [text_cell(piece[k], w, kind) if k < len(piece) else ""
                   for piece, w, kind in zip(pieces, widths, kinds, strict=True)]
            if span:
                row.extend([""] * (n - len(row)))
                self.style.append(("SPAN", (1, len(self.rows)), (-1, len(self.rows))))
            self.rows.append(row)
        last = len(self.rows) - 1
        if last > first:  # continuation rows read as one cell: no padding between them
            self.style.append(("BOTTOMPADDING", (0, first), (-1, last - 1), 0))
            self.style.append(("TOPPADDING", (0, first + 1), (-1, last), 0))
        for c in labels:
            self.style.append(("BACKGROUND", (c, first), (c, last), LABEL_BG))
            self.style.append(("FONTNAME", (c, first), (c, last), BOLD))
        for c, flag in enumerate(missing):
            if flag:
                end = -1 if span and c == 1 else c
                self.style.append(("BACKGROUND", (c, first), (end, last), MISSING_BG))
                self.style.append(("BOX", (c, first), (end, last), 0.8, MISSING_INK))
                self.style.append(("FONTNAME", (c, first), (end, last), BOLD))
                self.style.append(("TEXTCOLOR", (c, first), (end, last), MISSING_INK))

    def note(self, message: str, *, missing: bool) -> None:
        """A row spanning the table: "Missing" (styled) or "None"."""
        r = len(self.rows)
        self.starts.append(r)
        self.rows.append([message, *([""] * (len(self.widths) - 1))])
        self.style.append(("SPAN", (0, r), (-1, r)))
        if missing:
            self.style += [("BACKGROUND", (0, r), (-1, r), MISSING_BG),
                           ("BOX", (0, r), (-1, r), 0.8, MISSING_INK),
                           ("FONTNAME", (0, r), (-1, r), BOLD),
                           ("TEXTCOLOR", (0, r), (-1, r), MISSING_INK)]
        else:
            self.style.append(("TEXTCOLOR", (0, r), (-1, r), MUTED))

    def table(self) -> Table:
        """The table, its headings repeated on each page it runs onto."""
        style = self.style
        for r in self.starts:
            if r > self.header_rows - 1:
                style.append(("LINEABOVE", (0, r), (-1, r), 0.4, GRID))
        # longTableOptimize: a split measures only the rows that fit, not all the rest
        # (without it the 1,000-row summary table takes quadratic time).
        return Table(self.rows, colWidths=self.widths, repeatRows=self.header_rows,
                     longTableOptimize=1, style=TableStyle(style), hAlign="LEFT")


def _word_width(cells: Sequence[str], font: str, cap: float) -> float:
    """The width of the longest word among ``cells`` (at most ``cap``)."""
    longest = max((w for v in cells for w in v.split()), key=len, default="")
    return min(stringWidth(longest, font, CELL_SIZE) + 2 * _PAD + 1, cap)


def column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], width: float,
                  bold: str = "") -> list[float]:
    """Column widths sharing ``width`` by how much text each column holds.

    A column's share grows with the mean length of its cells (damped, so one long column
    does not crush the others); no column is narrower than its heading's longest word, or
    than ``bold`` (the "Missing" label) when one of its cells holds it.
    """
    sample = rows[:200]
    want: list[float] = []
    floor: list[float] = []
    for c, heading in enumerate(columns):
        cells = [row[c] for row in sample]
        mean = sum(len(v) for v in cells) / len(cells) if cells else len(heading)
        # capped, so that one huge cell cannot squeeze the other columns to nothing
        want.append(min(max(mean, len(heading) / 2, 4), 150) ** 0.8)
        floor.append(max(_MIN_COLUMN, _word_width([heading], BOLD, 34 * mm),
                         _word_width(cells, REGULAR, 30 * mm),
                         _word_width([bold] if bold and bold in cells else [], BOLD, 30 * mm)))
    if sum(floor) > width:  # too many columns for the page: share it by the floors
        return [width * f / sum(floor) for f in floor]
    total = sum(want)
    widths = [width * w / total for w in want]
    # Give narrow columns their floor, taken from the wide ones in proportion to their excess.
    for _ in range(len(columns)):
        short = sum(max(f - w, 0) for w, f in zip(widths, floor, strict=True))
        if short <= 0.5:
            break
        spare = [max(w - f, 0) for w, f in zip(widths, floor, strict=True)]
        room = sum(spare)
        widths = [max(w, f) if w <= f else w - short * s / room
                  for w, f, s in zip(widths, floor, spare, strict=True)]
    return widths


def _actor_rows(table: FicheTable, lang: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The actors' eight CNIL columns folded into four, to fit a portrait page."""
    cols = table.columns
    columns = [cols[0], cols[1], cols[2], f"{text('phone', lang)} / {text('email', lang)}"]
    rows: list[tuple[str, ...]] = []
    for role, name, address, postcode, city, country, phone, email in table.rows:
        town = f"{postcode} {city}".strip()
        rows.append((role, name, "\n".join(v for v in (address, town, country) if v),
                     "\n".join(v for v in (phone, email) if v)))
    return columns, rows


def _short(f: Field) -> bool:
    """Whether a field fits in half a row (a date, a name, a status)."""
    return len(f.value or "x" * 9) <= _SHORT and "\n" not in f.value and len(f.label) <= 40


def field_table(title: str, fields: Sequence[Field], width: float, lang: str,
                st: Styles | None = None, *, pairs: bool = True) -> Table | None:
    """Label / value rows under a block title; empty fields left out, missing ones shown.

    With ``pairs``, two consecutive short fields share a row (label, value, label, value),
    as on a paper form; long values take a whole row.
    """
    st = st or styles()
    shown = [f for f in fields if f.value or f.missing]
    if not shown:
        return None
    missing_text = text("missing", lang)
    if pairs:
        half = width / 2
        widths = [_PAIR_LABEL, half - _PAIR_LABEL, _PAIR_LABEL, half - _PAIR_LABEL]
    else:
        widths = [_LABEL_WIDTH, width - _LABEL_WIDTH]
    builder = RowsBuilder(widths, 1, st)
    builder.title(title)
    i = 0
    while i < len(shown):
        f = shown[i]
        if pairs and _short(f) and i + 1 < len(shown) and _short(shown[i + 1]):
            g = shown[i + 1]
            builder.add((f.label, f.value or missing_text, g.label, g.value or missing_text),
                        missing=(False, not f.value, False, not g.value), labels=(0, 2))
            i += 2
            continue
        builder.add((f.label, f.value or missing_text), missing=(False, not f.value),
                    labels=(0,), span=pairs)
        i += 1
    return builder.table()


def grid_table(title: str, table: FicheTable, width: float, lang: str, key: str = "",
               st: Styles | None = None) -> Table:
    """A block's table under its title; "Missing" or "None" when it has no rows."""
    st = st or styles()
    columns: Sequence[str] = table.columns
    rows: Sequence[Sequence[str]] = table.rows
    if not rows:  # no column headings over nothing: the title and "Missing" or "None"
        builder = RowsBuilder([width], 1, st)
        builder.title(title)
        builder.note(text("missing", lang) if table.missing else text("pdf_nothing", lang),
                     missing=table.missing)
        return builder.table()
    if key == "actors" and len(columns) == 8:
        columns, rows = _actor_rows(table, lang)
    missing_text = text("missing", lang)
    widths = column_widths(columns, rows, width, bold=missing_text)
    builder = RowsBuilder(widths, 2, st)
    builder.title(title)
    builder.headings(columns)
    for row in rows:
        builder.add(row, missing=[v == missing_text for v in row])
    return builder.table()


def _common_prefix(title: str, fields: Sequence[Field]) -> tuple[str, list[Field]]:
    """Fields labelled "<same words> — <name>" as a table titled by the shared words.

    The processor register's "Categories of processing carried out on its behalf — <client>"
    would otherwise repeat a long label on every row.
    """
    heads = {f.label.partition(" — ")[0] for f in fields}
    if len(heads) != 1 or not all(" — " in f.label for f in fields):
        return title, list(fields)
    return heads.pop(), [Field(f.label.partition(" — ")[2], f.value, f.missing) for f in fields]


def block_flowables(block: Block, width: float, lang: str, st: Styles | None = None
                    ) -> list[Flowable]:
    """One block: its table, then its fields (or the fields alone)."""
    st = st or styles()
    out: list[Flowable] = []
    if block.table is not None:
        out.append(grid_table(block.title, block.table, width, lang, block.key, st))
        title, fields = _common_prefix(block.title, block.fields)
        extra = field_table(title, fields, width, lang, st, pairs=False)
        if extra is not None:
            out.append(extra)
    else:
        table = field_table(block.title, block.fields, width, lang, st)
        if table is not None:
            out.append(table)
    return out


def fiche_flowables(fiche: Fiche, width: float, lang: str, st: Styles | None = None
                    ) -> list[Flowable]:
    """Every block of the fiche, in the CNIL order, with a little space between blocks."""
    st = st or styles()
    out: list[Flowable] = []
    for block in fiche.blocks:
        for flowable in block_flowables(block, width, lang, st):
            out.append(flowable)
            out.append(Spacer(1, 2.5 * mm))
    return out
