"""A lean streaming reader of .xlsx sheet values, over zipfile and xml.etree.

openpyxl's read-only mode builds a cell object per cell and looks its style up to tell
dates from numbers; reading back a 10,000-activity export took longer than writing it.
The import of our own workbooks needs only values, so this reader returns them as stored:
text (inline or shared strings, rich text runs joined), numbers (dates stay Excel serial
numbers; :func:`.cells.cell_text` reads dates the same way), booleans and error codes.
It reads workbooks written by ROPA, Excel and LibreOffice alike. The CNIL model's sheets,
which need merged areas and real dates, are read with openpyxl (see :mod:`.grid`).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from ropa_app.store.errors import RopaError

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _ROW, _V, _IS, _T, _R = (f"{_NS}{t}" for t in ("c", "row", "v", "is", "t", "r"))
_SI, _SHEET_DATA = f"{_NS}si", f"{_NS}sheetData"


def _column(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n


def _row_number(ref: str) -> int:
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) if digits.isdigit() else 0


def _rich_text(node: Element) -> str:
    """Text of an ``is`` or ``si`` element: its ``t``, or its runs' ``t`` (no phonetics)."""
    parts = []
    for child in node:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            t = child.find(_T)
            if t is not None:
                parts.append(t.text or "")
    return "".join(parts)


class SheetParts:
    """Where each sheet of an .xlsx package is, and its shared strings."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        rels = {}
        for _, el in iterparse(archive.open("xl/_rels/workbook.xml.rels")):
            if el.tag == f"{_PKG}Relationship":
                rels[el.get("Id")] = el.get("Target", "")
        self.parts: dict[str, str] = {}
        self.hidden: dict[str, bool] = {}
        for _, el in iterparse(archive.open("xl/workbook.xml")):
            if el.tag == f"{_NS}sheet":
                target = rels.get(el.get(f"{_REL}id"), "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join("xl", target))
                name = el.get("name", "")
                self.parts[name] = path
                self.hidden[name] = el.get("state", "visible") != "visible"
        self._strings: list[str] | None = None

    def strings(self) -> list[str]:
        """The shared strings table (empty when the package has none)."""
        if self._strings is None:
            self._strings = []
            try:
                stream: IO[bytes] = self.archive.open("xl/sharedStrings.xml")
            except KeyError:
                return self._strings
            with stream:
                for _, el in iterparse(stream):
                    if el.tag == _SI:
                        self._strings.append(_rich_text(el))
                        el.clear()
        return self._strings

    def rows(self, name: str) -> Iterator[tuple[Any, ...]]:
        """The sheet's rows from row 1, as value tuples (missing rows are empty tuples)."""
        strings: list[str] | None = None
        expected = 1
        try:
            with self.archive.open(self.parts[name]) as stream:
                container: Element | None = None
                for event, el in iterparse(stream, events=("start", "end")):
                    tag = el.tag
                    if event == "start":
                        if tag == _SHEET_DATA:
                            container = el
                        continue
                    if tag != _ROW:
                        continue
                    number = int(el.get("r") or expected)
                    while expected < number:
                        yield ()
                        expected += 1
                    values: list[Any] = []
                    for c in el:
                        if c.tag != _C:
                            continue
                        col = _column(c.get("r", "")) or len(values) + 1
                        kind = c.get("t", "n")
                        if kind == "inlineStr":
                            node = c.find(_IS)
                            value: Any = _rich_text(node) if node is not None else None
                        else:
                            v = c.find(_V)
                            raw = v.text if v is not None else None
                            if raw is None:
                                value = None
                            elif kind == "s":
                                if strings is None:
                                    strings = self.strings()
                                value = strings[int(raw)]
                            elif kind == "n":
                                number_value = float(raw)
                                value = (int(number_value) if number_value.is_integer()
                                         else number_value)
                            elif kind == "b":
                                value = raw == "1"
                            else:  # "str" (formula text), "e" (error), "d" (ISO date)
                                value = raw
                        if value is None:
                            continue
                        values.extend([None] * (col - 1 - len(values)))
                        values.append(value)
                    yield tuple(values)
                    expected = number + 1
                    el.clear()
                    if container is not None and number % 512 == 0:
                        container.clear()  # the cleared rows themselves take memory
        except (ParseError, ValueError, IndexError, KeyError, zipfile.BadZipFile) as exc:
            raise RopaError(f"sheet {name!r}, row {expected}: the sheet is damaged "
                            f"({exc})") from exc
