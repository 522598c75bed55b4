"""Streaming one worksheet of the export: rows of values and style names, as sheet XML.

openpyxl (write-only mode) writes the workbook: styles, sheet views, columns, print set-up,
merges, page breaks, header and footer. The rows themselves are written here, as the
``<row>`` XML openpyxl would write, straight into openpyxl's stream: openpyxl builds an
element tree per cell and serialises it in Python, which made the export four times slower
than a plain write of the same values. The XML is simple and fixed (inline strings,
numbers, style indexes from openpyxl's own style table), and text is escaped here: XML
specials, carriage returns as ``&#13;`` (which parsers keep), control characters with the
OOXML ``_xHHHH_`` escape, formula-like text with the quote prefix (see :mod:`.cells`).

If the stream is not the standard-library one this relies on (openpyxl switches to lxml
when lxml is installed), each row goes through openpyxl's own cell writer instead: the
same cells, only slower.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import LXML

from ropa_app.exchange.xlsx.cells import (
    StyleBook,
    column_letter,
    escape,
    looks_like_formula,
    text_cell,
    value_cell,
)
from ropa_app.exchange.xlsx.layout import Row

_LETTERS = [column_letter(i) for i in range(1, 129)]
_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, as openpyxl writes dates


def _xml_text(value: str) -> str:
    value = escape(value)
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def _serial(value: date | datetime) -> str:
    if isinstance(value, datetime):
        day = (value.date() - _EPOCH).days
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return repr(day + seconds / 86400)
    return str((value - _EPOCH).days)


#: Characters of row XML written to the sheet's file at once.
_CHUNK = 1 << 20


@dataclass
class StreamSheet:
    """A write-only worksheet filled row by row (rows 1, 2, ...)."""

    ws: Any
    styles: StyleBook
    rows: int = 0
    merges: list[str] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    has_cr: bool = False  # a carriage return went through openpyxl's writer (slow path)
    _raw_merges: list[str] = field(default_factory=list)
    _stream: Generator[bool, tuple[int, Row], None] | None = None

    def add(self, row: Row) -> int:
        """Append ``row``; returns its 1-based index."""
        if self._stream is None:
            self.ws._get_writer()  # writes the sheet's top: properties, views, columns
            self._stream = self._rows()
            next(self._stream)
            self.ws._rows = self._stream  # openpyxl closes it, then writes the tail
        self.rows += 1
        for first, last in row.spans:
            self.merges.append(f"{_LETTERS[first - 1]}{self.rows}:{_LETTERS[last - 1]}"
                               f"{self.rows}")
        self._stream.send((self.rows, row))
        return self.rows

    def finish(self, auto_filter: str | None = None) -> None:
        """Set what is written after the rows: merges, page breaks, auto-filter."""
        from openpyxl.worksheet.pagebreak import Break, RowBreak

        if self.merges and auto_filter is None and self._stream is not None:
            # Written by _rows right after </sheetData>: with no auto-filter (nor protection
            # or scenarios, which the export never sets) that is where the schema wants them,
            # and openpyxl's own writer builds three objects per merged range.
            self._raw_merges = self.merges
        elif self.merges:
            self.ws.merged_cells = self.merges  # openpyxl only iterates over them
        if self.breaks:
            self.ws.row_breaks = RowBreak(brk=[Break(id=r) for r in self.breaks])
        if auto_filter:
            self.ws.auto_filter.ref = auto_filter

    def abandon(self) -> None:
        """Stop streaming rows after a failure (the file is deleted by the caller)."""
        stream, self._stream = self._stream, None
        self._raw_merges = []
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.close()

    def _rows(self) -> Generator[bool, tuple[int, Row], None]:
        writer = self.ws._writer
        xf = writer.xf.send(True)
        raw: Callable[[str], object] | None = getattr(xf, "_file", None)
        fast = callable(raw) and not LXML
        # Rows go to the file in chunks of about a megabyte: each write lets go of the
        # interpreter lock and takes it back at once, and a few thousand of those a second
        # keep a waiting thread (the window's) from ever getting it: stalls of 0.1–1 s.
        chunk: list[str] = []
        size = 0
        with xf.element("sheetData"):
            try:
                index, row = yield fast
                while True:
                    if raw is not None and fast:
                        xml = self._xml(index, row)
                        chunk.append(xml)
                        size += len(xml)
                        if size > _CHUNK:
                            raw("".join(chunk))
                            chunk, size = [], 0
                    else:
                        self._slow(writer, xf, index, row)
                    index, row = yield fast
            except GeneratorExit:
                pass
            if chunk and raw is not None:
                raw("".join(chunk))
        if self._raw_merges:
            if raw is not None and fast:
                refs = "".join(f'<mergeCell ref="{m}"/>' for m in self._raw_merges)
                raw(f'<mergeCells count="{len(self._raw_merges)}">{refs}</mergeCells>')
            else:
                self.ws.merged_cells = self._raw_merges
        writer.xf.send(None)

    def _xml(self, index: int, row: Row) -> str:
        ids = self.styles.ids
        height = f' ht="{row.height:g}" customHeight="1"' if row.height is not None else ""
        parts = [f'<row r="{index}"{height}>']
        for col, (value, style) in enumerate(zip(row.values, row.styles, strict=True)):
            ref = f"{_LETTERS[col]}{index}"
            if value is None or value == "":
                if style is not None:
                    parts.append(f'<c r="{ref}" s="{ids[(style, False)]}"/>')
                continue
            style = style or "plain"
            if isinstance(value, str):
                sid = ids[(style, looks_like_formula(value))]
                text = _xml_text(value)
                space = ' xml:space="preserve"' if text != text.strip() else ""
                parts.append(f'<c r="{ref}" s="{sid}" t="inlineStr"><is><t{space}>{text}'
                             "</t></is></c>")
            elif isinstance(value, bool):
                parts.append(f'<c r="{ref}" s="{ids[(style, False)]}" t="b">'
                             f"<v>{int(value)}</v></c>")
            elif isinstance(value, (date, datetime)):
                parts.append(f'<c r="{ref}" s="{ids[(style, False)]}" t="n">'
                             f"<v>{_serial(value)}</v></c>")
            else:
                parts.append(f'<c r="{ref}" s="{ids[(style, False)]}" t="n">'
                             f"<v>{value!r}</v></c>")
        parts.append("</row>")
        return "".join(parts)

    def _slow(self, writer: Any, xf: Any, index: int, row: Row) -> None:
        """The same row through openpyxl's cells (when the fast stream is unavailable)."""
        ws, book = self.ws, self.styles
        cells = []
        for col, (value, style) in enumerate(zip(row.values, row.styles, strict=True),
                                             start=1):
            if (value is None or value == "") and style is None:
                continue
            style = style or "plain"
            if isinstance(value, str) or value is None:
                if value and "\r" in value:
                    self.has_cr = True
                cell = text_cell(ws, value or "", book.array(style), book.array(style, True))
            else:
                cell = value_cell(ws, value, book.array(style))
            cell.row, cell.column = index, col
            cells.append(cell)
        if row.height is not None:
            ws.row_dimensions[index] = {"ht": f"{row.height:g}", "customHeight": "1"}
        writer.write_row(xf, cells, index)
        if row.height is not None:
            del ws.row_dimensions[index]
