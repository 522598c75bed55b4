"""Paragraph and table styles of the PDF exports: one look for the register and the record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ropa_app.exchange.pdf.fonts import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1b1f24")
ACCENT = colors.HexColor("#1f3a5f")  # headings, rules
MUTED = colors.HexColor("#5b6470")  # header, footer, "none"
GRID = colors.HexColor("#b7c0cc")
HEAD_BG = colors.HexColor("#e6ecf3")  # table headings
LABEL_BG = colors.HexColor("#f3f5f8")  # label column of a field table
MISSING_INK = colors.HexColor("#a3141b")
MISSING_BG = colors.HexColor("#fde8e8")

BODY_SIZE = 9
CELL_SIZE = 8
CELL_LEADING = CELL_SIZE * 1.22
TITLE_SIZE = 9.5  # title row of a block table


@dataclass(frozen=True)
class Styles:
    """The paragraph styles, by use."""

    title: ParagraphStyle  # cover title
    subtitle: ParagraphStyle
    h1: ParagraphStyle  # an activity
    h2: ParagraphStyle  # a section heading
    block_title: ParagraphStyle  # the title row of a block's table
    body: ParagraphStyle
    cell: ParagraphStyle
    label: ParagraphStyle  # label column, table headings
    missing: ParagraphStyle
    none: ParagraphStyle  # "None" under an empty optional block
    toc: ParagraphStyle


@cache
def styles() -> Styles:
    """The styles, built once (fonts registered first)."""
    register_fonts()
    base = ParagraphStyle("ropa-body", fontName=REGULAR, fontSize=BODY_SIZE,
                          leading=BODY_SIZE * 1.3, textColor=INK, alignment=TA_LEFT,
                          splitLongWords=1)
    cell = ParagraphStyle("ropa-cell", parent=base, fontSize=CELL_SIZE, leading=CELL_LEADING)
    return Styles(
        title=ParagraphStyle("ropa-title", parent=base, fontName=BOLD, fontSize=22,
                             leading=28, textColor=ACCENT, spaceAfter=10),
        subtitle=ParagraphStyle("ropa-subtitle", parent=base, fontSize=13, leading=17,
                                textColor=ACCENT, spaceAfter=24),
        h1=ParagraphStyle("ropa-h1", parent=base, fontName=BOLD, fontSize=15, leading=19,
                          textColor=ACCENT, spaceAfter=4),
        h2=ParagraphStyle("ropa-h2", parent=base, fontName=BOLD, fontSize=10.5, leading=13,
                          textColor=ACCENT, spaceBefore=10, spaceAfter=4),
        block_title=ParagraphStyle("ropa-block-title", parent=cell, fontName=BOLD,
                                   fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.25,
                                   textColor=colors.white),
        body=base,
        cell=cell,
        label=ParagraphStyle("ropa-label", parent=cell, fontName=BOLD),
        missing=ParagraphStyle("ropa-missing", parent=cell, fontName=BOLD,
                               textColor=MISSING_INK),
        none=ParagraphStyle("ropa-none", parent=cell, textColor=MUTED),
        toc=ParagraphStyle("ropa-toc", parent=base, fontSize=9, leading=11.5),
    )
