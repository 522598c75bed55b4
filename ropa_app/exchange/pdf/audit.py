"""The "Conformité du registre" / "Audit readiness" section of the register PDF.

Lays out :func:`ropa_app.exchange.audit.audit_section` on landscape pages, after the
summary table: the organisation, register and date checked, the score as four figures side
by side, the findings table (the block tables' helpers of :mod:`.blocks`; errors shown like
missing items), then the reviews table beside a bar chart of the reviews due in each of the
next twelve months.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ropa_app.checks.rules import Severity
from ropa_app.exchange.audit import AuditSection, fact_text, severity_label
from ropa_app.exchange.fiche import Table as FicheTable
from ropa_app.exchange.labels import text
from ropa_app.exchange.pdf.blocks import RowsBuilder, column_widths, grid_table
from ropa_app.exchange.pdf.escape import clean, markup
from ropa_app.exchange.pdf.fonts import BOLD, REGULAR
from ropa_app.exchange.pdf.styles import (
    ACCENT,
    CELL_SIZE,
    GRID,
    HEAD_BG,
    INK,
    LABEL_BG,
    MISSING_BG,
    MISSING_INK,
    MUTED,
    Styles,
)
from ropa_app.exchange.pdf.template import Anchor, RopaDocument

#: The bookmark (and contents entry) of the section.
AUDIT_KEY = "audit"
_REVIEWS_WIDTH = 78 * mm  # the reviews table; the chart takes the rest of the line
_CHART_HEIGHT = 72 * mm
_GAP = 8 * mm
_PAD = 4  # the block tables' cell padding
_FIGURE = ParagraphStyle("ropa-audit-figure", fontName=BOLD, fontSize=20, leading=24,
                         textColor=ACCENT)
_CAPTION = ParagraphStyle("ropa-audit-caption", fontName=REGULAR, fontSize=8, leading=10,
                          textColor=INK)


def score_flowables(section: AuditSection, width: float, lang: str, st: Styles
                    ) -> list[Flowable]:
    """Organisation, register and date checked, then the score's four figures."""
    checked = next((f"{label}{' :' if lang == 'fr' else ':'} {fact_text(value, lang)}"
                    for label, value in section.facts[:1]), "")
    line = f"{markup(section.subtitle)}<br/><b>{markup(checked)}</b>"
    cells = []
    style: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, CELL_SIZE),  # a table sets it even around flowables
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    for c, card in enumerate(section.cards):
        flagged = card.severity is not None and card.count > 0
        colour = MISSING_INK if flagged and card.severity is Severity.ERROR else ACCENT
        figure = ParagraphStyle(f"ropa-audit-figure-{c}", parent=_FIGURE, textColor=colour)
        cells.append([Paragraph(markup(card.value), figure),
                      Paragraph(markup(card.caption), _CAPTION)])
        if flagged and card.severity is Severity.ERROR:
            style.append(("BACKGROUND", (c, 0), (c, 0), MISSING_BG))
        elif flagged and card.severity is Severity.WARNING:
            style.append(("BACKGROUND", (c, 0), (c, 0), LABEL_BG))
    first = width * 0.34
    rest = (width - first) / max(len(cells) - 1, 1)
    card_table = Table([cells], colWidths=[first] + [rest] * (len(cells) - 1), hAlign="LEFT",
                       style=TableStyle(style))
    return [Paragraph(line, st.body), Spacer(1, 2.5 * mm), card_table]


def _fit(values: Sequence[str], font: str, floor: float, cap: float) -> float:
    """The width of the widest of ``values`` on one line, between ``floor`` and ``cap``."""
    widest = max((stringWidth(clean(v), font, CELL_SIZE) for v in values), default=0.0)
    return min(max(widest + 2 * _PAD + 1, floor), cap)


def finding_widths(section: AuditSection, width: float, lang: str) -> list[float]:
    """Column widths of the findings table.

    Severity, reference and rule id are single words that must not be cut ("Avertissement"
    is bold); they get the width of their longest value. Name, message, article and field
    share the rest by how much text they hold.
    """
    columns = section.finding_columns
    rows = [f.cells for f in section.findings]
    severity = _fit([columns[0], *(severity_label(s, lang) for s in Severity)], BOLD,
                    15 * mm, 30 * mm)
    reference = max(_fit([r[1] for r in rows], REGULAR, 15 * mm, 32 * mm),
                    _fit([columns[1]], BOLD, 15 * mm, 32 * mm))
    rule = _fit([r[6] for r in rows], REGULAR, 18 * mm, 55 * mm)
    middle = column_widths(columns[2:6], [r[2:6] for r in rows],
                           width - severity - reference - rule)
    return [severity, reference, *middle, rule]


def findings_table(section: AuditSection, width: float, lang: str, st: Styles) -> Table:
    """The findings, one per row, headings repeated on every page; errors in red."""
    rows = [f.cells for f in section.findings]
    columns = section.finding_columns
    builder = RowsBuilder(finding_widths(section, width, lang), 2, st)
    builder.title(section.findings_title)
    builder.headings(columns)
    for finding in section.findings:
        builder.add(finding.cells, missing=(finding.severity is Severity.ERROR,),
                    labels=(0,) if finding.severity is Severity.WARNING else ())
    if not rows:
        builder.note(section.no_findings, missing=False)
    return builder.table()


def reviews_chart(section: AuditSection, width: float, lang: str,
                  height: float = _CHART_HEIGHT) -> Drawing:
    """A bar chart of the reviews due in each of the next twelve months."""
    drawing = Drawing(width, height)
    # the renderer sets the drawing's initial font even if no text uses it: not Helvetica
    drawing.initialFontName, drawing.initialFontSize = REGULAR, 8
    drawing.add(String(0, height - 9, text("audit_chart_title", lang), fontName=BOLD,
                       fontSize=9, fillColor=ACCENT))
    counts = [m.count for m in section.months]
    top = max(counts, default=0)
    step = max(1, -(-top // 5))
    ceiling = max(step * (-(-top // step) + 1), 2)
    chart = VerticalBarChart()
    chart.x, chart.y = 22, 46
    chart.width, chart.height = width - 30, height - 46 - 18
    chart.data = [counts]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    chart.groupSpacing = 6
    chart.strokeColor = None
    chart.categoryAxis.categoryNames = [m.label for m in section.months]
    chart.categoryAxis.strokeColor = GRID
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize, labels.fillColor = REGULAR, 6.5, INK
    labels.angle, labels.boxAnchor, labels.dx, labels.dy = 35, "ne", 3, -2
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = 0, ceiling, step
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = REGULAR, 7, MUTED
    axis.strokeColor = GRID
    axis.visibleGrid = True
    axis.gridStrokeColor = GRID
    axis.gridStrokeWidth = 0.3
    axis.labelTextFormat = "%d"
    chart.barLabelFormat = _count_label
    chart.barLabels.fontName, chart.barLabels.fontSize = BOLD, 7
    chart.barLabels.fillColor = ACCENT
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def _count_label(value: float) -> str:
    """A bar's label: its count, none on an empty month."""
    return f"{value:.0f}" if value else ""


def reviews_block(section: AuditSection, width: float, lang: str, st: Styles) -> Table:
    """The reviews table with the chart beside it, as one unbreakable line."""
    rows = tuple((label, str(count)) for label, count in section.reviews)
    table = grid_table(section.reviews_title, FicheTable(section.review_columns, rows),
                       _REVIEWS_WIDTH, lang, st=st)
    chart = reviews_chart(section, width - _REVIEWS_WIDTH - _GAP, lang)
    return Table([[table, chart]], colWidths=[_REVIEWS_WIDTH + _GAP, width - _REVIEWS_WIDTH
                                              - _GAP], hAlign="LEFT",
                 style=TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, CELL_SIZE),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))


def audit_flowables(doc: RopaDocument, section: AuditSection, width: float, lang: str,
                    st: Styles) -> list[Flowable]:
    """The whole section, starting with its bookmark and outline entry."""
    return [
        Anchor(doc, AUDIT_KEY, section.title, header=section.title),
        Paragraph(markup(section.title), st.h1),
        *score_flowables(section, width, lang, st),
        Spacer(1, 4 * mm),
        findings_table(section, width, lang, st),
        Spacer(1, 5 * mm),
        reviews_block(section, width, lang, st),
    ]


__all__ = ["AUDIT_KEY", "audit_flowables", "finding_widths", "findings_table", "reviews_block",
           "reviews_chart", "score_flowables"]
