"""A small reader of OpenDocument spreadsheets (.ods), over zipfile and xml.etree.

openpyxl reads only Office Open XML. Rather than add a dependency (odfpy, pyexcel-ods) or
convert files with LibreOffice behind the user's back, this module reads what an import
needs from ``content.xml``: each table's name and visibility, its cell values (text, numbers,
dates, booleans) and its merged areas. Formulas are read as their last computed value,
as LibreOffice saved it. Repeated empty rows and cells (LibreOffice writes a sheet's
remaining million rows as one repeated row) are never expanded.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from ropa_app.store.errors import RopaError

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_S = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"

MAX_COLUMNS = 1024  # a sheet of the CNIL model uses a dozen; repeated cells stop here


@dataclass
class Grid:
    """One sheet, fully read: rows of values and merged areas (1-based, inclusive)."""

    name: str
    hidden: bool = False
    rows: list[list[Any]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2


def _text(node: Element) -> str:
    """The text of a ``text:p`` (or a span inside it), with spaces, tabs and breaks."""
    parts: list[str] = [node.text or ""]
    for child in node:
        tag = child.tag
        if tag == f"{_X}s":
            parts.append(" " * int(child.get(f"{_X}c", "1")))
        elif tag == f"{_X}tab":
            parts.append("\t")
        elif tag == f"{_X}line-break":
            parts.append("\n")
        elif tag in (f"{_O}annotation", f"{_X}note"):
            pass  # comments are not the cell's value
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _number(raw: str | None) -> Any:
    if raw is None:
        return None
    value = float(raw)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _date(raw: str | None) -> Any:
    if not raw:
        return None
    if "T" in raw:
        return datetime.fromisoformat(raw[:19])
    return date.fromisoformat(raw[:10])


def cell_value(cell: Element) -> Any:
    """The value of a ``table:table-cell``, typed as LibreOffice saved it."""
    kind = cell.get(f"{_O}value-type")
    if kind is None:
        return None
    if kind in ("float", "percentage", "currency"):
        return _number(cell.get(f"{_O}value"))
    if kind == "date":
        return _date(cell.get(f"{_O}date-value"))
    if kind == "boolean":
        return cell.get(f"{_O}boolean-value") == "true"
    string = cell.get(f"{_O}string-value")
    if string is not None:
        return string
    paragraphs = [_text(p) for p in cell if p.tag in (f"{_X}p", f"{_X}h")]
    if not paragraphs and kind == "time":
        return cell.get(f"{_O}time-value")
    return "\n".join(paragraphs)


def _hidden_styles(styles: Element) -> set[str]:
    hidden = set()
    for style in styles:
        props = style.find(f"{_S}table-properties")
        if props is not None and props.get(f"{_T}display") == "false":
            hidden.add(style.get(f"{_S}name", ""))
    return hidden


def iter_tables(archive: zipfile.ZipFile, max_rows: int | None = None) -> Iterator[Grid]:
    """Every table of the spreadsheet in ``archive``, in order, read one at a time.

    Raises:
        RopaError: ``content.xml`` is missing or malformed, or a table has more than
            ``max_rows`` rows (the message names the table and the row).
    """
    try:
        stream = archive.open("content.xml")
    except KeyError as exc:
        raise RopaError("the OpenDocument file has no content.xml") from exc
    hidden_styles: set[str] = set()
    grid: Grid | None = None
    with stream:
        try:
            for event, elem in iterparse(stream, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == f"{_T}table":
                        hidden = elem.get(f"{_T}style-name", "") in hidden_styles
                        grid = Grid(elem.get(f"{_T}name", ""), hidden)
                        pending_empty = 0
                    continue
                if tag == f"{_O}automatic-styles":
                    hidden_styles = _hidden_styles(elem)
                elif tag == f"{_T}table-row" and grid is not None:
                    row, spans = _row(elem, len(grid.rows) + pending_empty + 1)
                    repeat = int(elem.get(f"{_T}number-rows-repeated", "1"))
                    if not row:
                        pending_empty += repeat
                    else:
                        grid.rows.extend([] for _ in range(pending_empty))
                        pending_empty = 0
                        for _ in range(min(repeat, 1000)):
                            grid.rows.append(list(row))
                        grid.merged.extend(spans)
                        if max_rows is not None and len(grid.rows) > max_rows:
                            raise RopaError(
                                f"sheet {grid.name!r}, row {len(grid.rows)}: the sheet has "
                                f"more than {max_rows:,} rows; this is not a register sheet")
                    elem.clear()
                elif tag == f"{_T}table" and grid is not None:
                    elem.clear()
                    yield grid
                    grid = None
        except ParseError as exc:
            where = f"sheet {grid.name!r}" if grid is not None else "the file"
            raise RopaError(f"{where} is damaged (content.xml: {exc})") from exc


def _row(row: Element, index: int) -> tuple[list[Any], list[tuple[int, int, int, int]]]:
    values: list[Any] = []
    spans: list[tuple[int, int, int, int]] = []
    column = 0
    for cell in row:
        if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_T}number-columns-repeated", "1"))
        value = cell_value(cell) if cell.tag == f"{_T}table-cell" else None
        if value is None or value == "":
            column += repeat
            continue
        for _ in range(min(repeat, MAX_COLUMNS - column)):
            values.extend([None] * (column - len(values)))
            values.append(value)
            column += 1
        cols = int(cell.get(f"{_T}number-columns-spanned", "1"))
        rows = int(cell.get(f"{_T}number-rows-spanned", "1"))
        if cols > 1 or rows > 1:
            start = len(values)
            spans.append((index, start, index + rows - 1, start + cols - 1))
    return values, spans


def is_encrypted(archive: zipfile.ZipFile) -> bool:
    """True when the OpenDocument package is password-protected."""
    try:
        manifest = archive.read("META-INF/manifest.xml")
    except KeyError:
        return False
    return b"encryption-data" in manifest
