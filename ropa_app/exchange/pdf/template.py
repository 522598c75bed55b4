"""The page template shared by the PDF exports: running header and footer, outline, forms.

Everything is laid out in **one pass** (a register of 1,000 activities is thousands of
pages; reportlab's usual two-pass ``multiBuild`` would double the time). The numbers that
are only known at the end -- the total in "page X of Y" and the page numbers of the table
of contents -- are PDF form XObjects: a page refers to a form by name while it is drawn, and
the forms are written once the last page is done. PDF allows that forward reference and
text extraction (pypdf, pdftotext) reads through forms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.paragraph import ParagraphStyle

from ropa_app.exchange.labels import text
from ropa_app.exchange.pdf.fonts import BOLD, REGULAR, register_fonts
from ropa_app.exchange.pdf.styles import ACCENT, GRID, MUTED
from ropa_app.store.errors import Cancelled

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

COVER, PORTRAIT, LANDSCAPE = "cover", "portrait", "landscape"

_SIDE = 16 * mm
_TOP = 18 * mm  # room for the running header
_BOTTOM = 15 * mm  # room for the footer
_HEADER_SIZE = 7.5
_FOOTER_SIZE = 7.5
_TOC_NUMBER_WIDTH = 14 * mm


class ExportCancelled(Cancelled):
    """The user cancelled the export; no file was written."""


def page_size(name: str) -> tuple[float, float]:
    """The portrait size of ``"A4"`` or ``"Letter"``."""
    try:
        return PAGE_SIZES[name]
    except KeyError:
        raise ValueError(f"unknown page size {name!r}; use one of {', '.join(PAGE_SIZES)}") \
            from None


class _Canvas(Canvas):
    """A canvas that runs ``finish`` (set by the document) before writing the file."""

    finish: Callable[[Canvas], None] | None = None

    def save(self) -> None:
        if self.finish is not None:
            self.finish(self)
        super().save()


@dataclass
class Progress:
    """Counts the export's steps, reports them and stops when the user cancels."""

    total: int
    report: Callable[[int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None
    done: int = 0

    def start(self) -> None:
        """Report the start (0 of total), or stop if already cancelled."""
        self.check()
        if self.report is not None:
            self.report(0, self.total)

    def step(self) -> None:
        """One step done: stop if the user cancelled, else report it."""
        self.check()
        self.done = min(self.done + 1, self.total)
        if self.report is not None:
            self.report(self.done, self.total)

    def check(self) -> None:
        """Raise :class:`ExportCancelled` when the user asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled("export cancelled; no file was written")


def _fit(value: str, font: str, size: float, width: float) -> str:
    """``value`` shortened with an ellipsis to fit ``width`` points."""
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[: max(len(value) - max(len(value) // 8, 1), 0)]
    return value + "…"


class RopaDocument(BaseDocTemplate):
    """A document with the ROPA running header and footer, in one layout pass.

    Args:
        buffer: where the PDF is written (a ``BytesIO``).
        size: the portrait page size.
        lang: ``"fr"`` or ``"en"``.
        organisation: shown at the top left of every page.
        generated: the footer's "generated on" line.
        progress: counts and reports steps, raises when cancelled.
        info: title, author, subject, keywords, creator for the document information.
    """

    def __init__(self, buffer: Any, *, size: tuple[float, float], lang: str,
                 organisation: str, generated: str, progress: Progress,
                 info: dict[str, Any]) -> None:
        register_fonts()
        super().__init__(
            buffer, pagesize=size, leftMargin=_SIDE, rightMargin=_SIDE, topMargin=_TOP,
            bottomMargin=_BOTTOM, lang=lang, initialFontName=REGULAR, initialFontSize=9,
            initialLeading=11, displayDocTitle=1, **info)
        self.ropa_lang = lang
        self.organisation = organisation
        self.generated = generated
        self.progress = progress
        self.anchor_pages: dict[str, int] = {}
        self.toc_keys: list[str] = []
        self.current = ""  # the activity being laid out, for the running header
        self.page_count = 0
        wide = landscape(size)
        self.addPageTemplates([
            self._template(COVER, size, header=False),
            self._template(PORTRAIT, size, header=True),
            self._template(LANDSCAPE, wide, header=True),
        ])

    def _template(self, name: str, size: tuple[float, float], header: bool) -> PageTemplate:
        frame = Frame(_SIDE, _BOTTOM, size[0] - 2 * _SIDE, size[1] - _TOP - _BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)
        on_end = self._decorate if header else self._footer
        return PageTemplate(id=name, frames=[frame], onPageEnd=on_end, pagesize=size)

    def frame_width(self, template: str = PORTRAIT) -> float:
        """The text width of a page of ``template``."""
        size = self.pagesize if template != LANDSCAPE else landscape(self.pagesize)
        return size[0] - 2 * _SIDE

    # --- drawn on every page -------------------------------------------------------------

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._header(canv)
        self._footer(canv, doc)

    def _header(self, canv: Canvas) -> None:
        width, height = canv._pagesize
        y = height - 10 * mm
        usable = width - 2 * _SIDE
        title = text("register_title", self.ropa_lang)
        left = self.organisation + (f"  ·  {self.current}" if self.current else "")
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setFont(REGULAR, _HEADER_SIZE)
        title_w = min(stringWidth(title, REGULAR, _HEADER_SIZE), usable * 0.55)
        canv.drawRightString(width - _SIDE, y, _fit(title, REGULAR, _HEADER_SIZE, title_w))
        canv.setFont(BOLD, _HEADER_SIZE)
        canv.setFillColor(ACCENT)
        canv.drawString(_SIDE, y, _fit(left, BOLD, _HEADER_SIZE, usable - title_w - 6 * mm))
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        canv.line(_SIDE, y - 2.2 * mm, width - _SIDE, y - 2.2 * mm)
        canv.restoreState()

    def _footer(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, _height = canv._pagesize
        y = 8 * mm
        canv.saveState()
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        canv.line(_SIDE, y + 3.2 * mm, width - _SIDE, y + 3.2 * mm)
        canv.setFillColor(MUTED)
        canv.setFont(REGULAR, _FOOTER_SIZE)
        canv.drawString(_SIDE, y, _fit(self.generated, REGULAR, _FOOTER_SIZE, width / 2))
        canv.translate(width - _SIDE, y)
        canv.doForm(f"ropa-page-{canv.getPageNumber()}")  # "page X of Y", written at the end
        canv.restoreState()

    # --- numbers known at the end --------------------------------------------------------

    def build(self, flowables: list[Flowable], filename: Any = None,
              canvasmaker: type[Canvas] = _Canvas) -> None:
        """Lay out ``flowables`` (consumed) on a canvas that writes the forms at the end."""
        super().build(flowables, filename, canvasmaker)

    def beforeDocument(self) -> None:
        """Hook the canvas so the forms are written after the last page."""
        self.canv.finish = self._write_forms  # type: ignore[attr-defined]

    def _number_form(self, canv: Canvas, name: str, value: str, size: float,
                     color: Any) -> None:
        """A form showing ``value`` right-aligned on the origin."""
        canv.beginForm(name, lowerx=-300, lowery=-4, upperx=2, uppery=size + 2)
        canv.setFillColor(color)
        canv.setFont(REGULAR, size)
        canv.drawRightString(0, 0, value)
        canv.endForm()

    def _write_forms(self, canv: Canvas) -> None:
        pages = canv.getPageNumber() - 1  # the page after the last one shown
        self.page_count = pages
        self.progress.check()
        pattern = text("pdf_page_of", self.ropa_lang)
        for n in range(1, pages + 1):
            self._number_form(canv, f"ropa-page-{n}", pattern.format(page=n, pages=pages),
                              _FOOTER_SIZE, MUTED)
        for key in self.toc_keys:
            page = self.anchor_pages.get(key)
            self._number_form(canv, f"ropa-toc-{key}", str(page) if page else "", 9, ACCENT)


class Anchor(Flowable):
    """An invisible mark: a bookmark, an outline entry, the running header, a progress step.

    Args:
        doc: the document being built.
        key: the bookmark's name (also the table of contents' link target).
        title: the outline entry's text; none for a bookmark without an outline entry.
        level: the outline level.
        header: what the running header shows from this page on.
        step: whether laying this out is a progress step.
    """

    def __init__(self, doc: RopaDocument, key: str, title: str | None = None, level: int = 0,
                 header: str | None = None, step: bool = False) -> None:
        super().__init__()
        self.doc = doc
        self.key = key
        self.title = title
        self.level = level
        self.header = header
        self.step = step
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkPage(self.key)
        if self.title is not None:
            canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        self.doc.anchor_pages[self.key] = canv.getPageNumber()
        if self.header is not None:
            self.doc.current = self.header
        if self.step:
            self.doc.progress.step()


class TocLine(Flowable):
    """A line of the table of contents: the entry, its page number, a link to it."""

    def __init__(self, doc: RopaDocument, key: str, markup: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.key = key
        self.para = Paragraph(markup, style)
        self.style = style
        doc.toc_keys.append(key)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _w, h = self.para.wrap(availWidth - _TOC_NUMBER_WIDTH, availHeight)
        self.width, self.height = availWidth, h + 2.5
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        bottom = 1.25
        self.para.drawOn(canv, 0, bottom)
        # Paragraph baselines: the last line sits leading - fontSize above the bottom.
        baseline = bottom + self.style.leading - self.style.fontSize
        dots_start = _last_line_width(self.para) + 1.5 * mm
        dots_end = self.width - _TOC_NUMBER_WIDTH + 2 * mm
        if dots_start + 1.5 * mm < dots_end:
            canv.saveState()
            canv.setStrokeColor(GRID)
            canv.setLineWidth(0.4)
            canv.setDash(0.5, 2)
            canv.line(dots_start, baseline + 0.5, dots_end, baseline + 0.5)
            canv.restoreState()
        canv.saveState()
        canv.translate(self.width, baseline)
        canv.doForm(f"ropa-toc-{self.key}")
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


def _last_line_width(para: Paragraph) -> float:
    """The width of the paragraph's last line (for the dotted leader)."""
    lines = getattr(para, "blPara", None)
    if lines is None or not lines.lines:
        return 0.0
    last = lines.lines[-1]
    avail = getattr(para, "width", 0.0)
    extra = getattr(last, "extraSpace", None)
    if extra is None and isinstance(last, tuple):
        extra = last[0]
    return float(avail - (extra or 0.0))
