"""Safe cell values and sheet names for the Excel writer, and their inverse for the readers.

User text meets a spreadsheet here, and three things can go wrong:

* **Formula injection.** Text starting with ``=`` would be stored as a formula by openpyxl;
  text starting with ``+``, ``-``, ``@`` or a control character is stored as text but
  becomes a formula as soon as someone edits the cell in Excel or LibreOffice. Such text
  is always written as a string cell (``data_type = "s"``) carrying the ``quotePrefix``
  style, which is how Excel itself marks "text that looks like a formula".
* **Characters XML cannot hold.** Control characters other than tab, line feed and
  carriage return are written with the OOXML ``_xHHHH_`` escape (read back by Excel and
  by :func:`unescape`); a literal ``_xHHHH_`` in user text is protected as
  ``_x005F_xHHHH_`` so the escape stays unambiguous. A carriage return is legal XML but
  an XML parser turns it into a line feed, so it is written as ``&#13;`` (see
  :mod:`.sheet`; when rows go through openpyxl's own writer, the saved file is patched).
* **The 32,767-character limit of a cell.** Text is never cut silently. In the fiches,
  long text is split over *continuation rows* whose label says "(suite 2/3)": nothing
  is lost and every row stays printable (:func:`split_text`). In the one-row-per-activity
  sheets (summary and flat table), a cell holds the beginning of the text followed by a
  visible marker naming the full length and where the whole text is (:func:`clip_text`);
  the hidden data sheet splits its JSON over consecutive cells of the row.
"""

from __future__ import annotations

import re
from copy import copy
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: Excel's limit on the characters of one cell.
CELL_LIMIT = 32_767
#: Characters per cell of the hidden data sheet (well under the limit, escapes included).
DATA_CHUNK = 30_000

_FORMULA_START = frozenset("=+-@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet would (now or on the next edit) read ``value`` as a formula."""
    return bool(value) and (value[0] in _FORMULA_START or value[0] < " ")


def escape(value: str) -> str:
    """``value`` with control characters and literal ``_xHHHH_`` written as OOXML escapes."""
    if not _NEEDS_ESCAPE.search(value):
        return value
    value = _ESCAPE_LIKE.sub(r"_x005F_\1", value)
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)


def unescape(value: str) -> str:
    """The inverse of :func:`escape` (and of Excel's own escaping)."""
    if "_x" not in value:
        return value
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


# --- styles ------------------------------------------------------------------------------

_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOP_WRAP = Alignment(wrap_text=True, vertical="top")
FONT_NAME = "Arial"
FONT_SIZE = 10

#: name -> (font, fill colour or None, border?, alignment, number format)
_STYLES: dict[str, tuple[Font, str | None, bool, Alignment, str]] = {
    "title": (Font(name=FONT_NAME, size=14, bold=True, color="1F3864"), None, False,
              Alignment(vertical="center"), "General"),
    "subtitle": (Font(name=FONT_NAME, size=FONT_SIZE, italic=True, color="404040"), None,
                 False, Alignment(vertical="top", wrap_text=True), "General"),
    "block": (Font(name=FONT_NAME, size=11, bold=True, color="FFFFFF"), "1F3864", True,
              Alignment(vertical="center"), "General"),
    "group": (Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="1F3864"), "B4C6E7", True,
              Alignment(horizontal="center", vertical="center", wrap_text=True), "General"),
    "head": (Font(name=FONT_NAME, size=FONT_SIZE, bold=True), "D9E1F2", True,
             Alignment(vertical="top", wrap_text=True), "General"),
    "label": (Font(name=FONT_NAME, size=FONT_SIZE, bold=True), "F2F2F2", True, _TOP_WRAP,
              "General"),
    "value": (Font(name=FONT_NAME, size=FONT_SIZE), None, True, _TOP_WRAP, "General"),
    "missing": (Font(name=FONT_NAME, size=FONT_SIZE, italic=True, color="9C0006"), "FFC7CE",
                True, _TOP_WRAP, "General"),
    "empty": (Font(name=FONT_NAME, size=FONT_SIZE, italic=True, color="808080"), None, True,
              _TOP_WRAP, "General"),
    "cont": (Font(name=FONT_NAME, size=FONT_SIZE, italic=True, color="595959"), "F2F2F2",
             True, _TOP_WRAP, "General"),
    "date_fr": (Font(name=FONT_NAME, size=FONT_SIZE), None, True,
                Alignment(vertical="top", horizontal="left"), "DD/MM/YYYY"),
    "date_en": (Font(name=FONT_NAME, size=FONT_SIZE), None, True,
                Alignment(vertical="top", horizontal="left"), "YYYY-MM-DD"),
    "int": (Font(name=FONT_NAME, size=FONT_SIZE), None, True,
            Alignment(vertical="top", horizontal="left"), "0"),
    "plain": (Font(name=FONT_NAME, size=FONT_SIZE), None, False, Alignment(vertical="top"),
              "General"),
}


class StyleBook:
    """Every cell style of the export, registered once in the workbook.

    openpyxl looks a style up in the workbook's tables each time a font or fill is
    assigned to a cell; here each combination is computed once and cells share its
    ``StyleArray`` (never mutated afterwards).
    """

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self._arrays: dict[tuple[str, bool], StyleArray] = {}
        for name, (font, fill, box, align, fmt) in _STYLES.items():
            for quoted in (False, True):
                cell = Cell(ws, row=1, column=1)
                cell.font = font
                if fill:
                    cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
                if box:
                    cell.border = _BOX
                cell.alignment = align
                cell.number_format = fmt
                if quoted:
                    cell.quotePrefix = True
                self._arrays[(name, quoted)] = copy(cell._style)
        #: (name, quoted) -> index in the workbook's cell style table (the ``s`` attribute)
        self.ids = {key: ws.parent._cell_styles.add(array)
                    for key, array in self._arrays.items()}

    def array(self, name: str, quoted: bool = False) -> StyleArray:
        """The shared style array of ``name`` (with the quote prefix if ``quoted``)."""
        return self._arrays[(name, quoted)]


def text_cell(ws: WriteOnlyWorksheet, value: str, style: StyleArray,
              quoted_style: StyleArray) -> Cell:
    """A string cell for user text: never a formula, control characters escaped."""
    if value and (value[0] in _FORMULA_START or value[0] < " "):
        cell = Cell(ws, row=1, column=1, style_array=quoted_style)
        cell._value = escape(value)
        cell.data_type = "s"
        return cell
    cell = Cell(ws, row=1, column=1, style_array=style)
    cell._value = escape(value) if value else None
    cell.data_type = "s" if value else "n"
    return cell


def value_cell(ws: WriteOnlyWorksheet, value: Any, style: StyleArray) -> Cell:
    """A cell for a non-text value (date, number) in the given style."""
    cell = Cell(ws, row=1, column=1, style_array=style)
    cell.value = value
    return cell


# --- sheet names -------------------------------------------------------------------------

SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED = frozenset({"history"})  # Excel keeps "History" for itself


def clean_sheet_name(raw: str, taken: set[str], fallback: str = "Fiche") -> str:
    """A valid, unique sheet name built from ``raw``; the lower-cased name joins ``taken``.

    Excel forbids ``[]:*?/\\``, a leading or trailing apostrophe and names over 31
    characters, and compares names without regard to case.
    """
    name = _FORBIDDEN.sub(" ", raw)
    name = re.sub(r"\s+", " ", name).strip().strip("'").strip()
    if not name or name.casefold() in _RESERVED:
        name = fallback
    base = name[:SHEET_NAME_LIMIT].rstrip().rstrip("'")
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip().rstrip("'") + suffix
    taken.add(candidate.casefold())
    return candidate


# --- long text ---------------------------------------------------------------------------


def split_text(value: str, size: int) -> list[str]:
    """``value`` in pieces of at most ``size`` characters whose concatenation is ``value``.

    A piece ends after a line break or a space when one falls in its last fifth, so words
    are not cut in the middle on screen.
    """
    if len(value) <= size:
        return [value]
    pieces: list[str] = []
    start = 0
    while len(value) - start > size:
        end = start + size
        floor = start + size * 4 // 5
        cut = max(value.rfind("\n", floor, end), value.rfind(" ", floor, end))
        if cut >= floor:
            end = cut + 1
        pieces.append(value[start:end])
        start = end
    pieces.append(value[start:])
    return pieces


_CLIP_MARKER = {
    "fr": " […] ⟨texte tronqué ici : {n} caractères au total ; texte complet dans la fiche {ref}⟩",
    "en": " […] ⟨text cut here: {n} characters in all; full text in record sheet {ref}⟩",
}


def clip_text(value: str, lang: str, reference: str, limit: int = CELL_LIMIT) -> str:
    """``value`` if it fits in a cell, else its beginning and a visible marker saying so."""
    if len(escape(value)) <= limit:
        return value
    marker = _CLIP_MARKER["fr" if lang == "fr" else "en"].format(
        n=f"{len(value):,}".replace(",", "\u202f" if lang == "fr" else ","), ref=reference)
    room = limit - len(marker) - 64
    head = value[:room]
    while len(escape(head)) > room:  # escapes make the stored text longer
        head = head[: len(head) * 9 // 10]
    return head + marker


# --- reading back ------------------------------------------------------------------------


_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system


def cell_text(value: Any) -> str:
    """A cell value as text, as the fingerprints of :mod:`.writer` see it: dates as the
    serial number stored in the file, whichever reader returned them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):  # as stored: an Excel serial number
        serial = (value.date() - _EPOCH).days + (
            value.hour * 3600 + value.minute * 60 + value.second) / 86400
        return str(int(serial)) if float(serial).is_integer() else repr(serial)
    if isinstance(value, date):
        return str((value - _EPOCH).days)
    return str(value)


def column_letter(index: int) -> str:
    """``1`` -> ``A``, ``27`` -> ``AA``."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def where(sheet: str, row: int | None = None, column: int | None = None) -> str:
    """"sheet 'X', row 5, column C" — how every reader names a place in a workbook."""
    out = f"sheet {sheet!r}"
    if row is not None:
        out += f", row {row}"
    if column is not None:
        out += f", column {column_letter(column)}"
    return out
