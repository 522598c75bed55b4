"""The "Conformité" / "Audit readiness" sheet of the register workbook, laid out as rows.

Pure layout over :func:`ropa_app.exchange.audit.audit_section`, like :mod:`.layout` for the
other sheets: a title, the organisation and register, the score (date checked, share of
complete records, counts by severity, as dates and numbers a formula can use), the findings
table under one heading row (frozen, filtered, repeated on printed pages), then the reviews
table (overdue, no date, due in each of the next twelve months).

The writer (:mod:`.writer`) creates the sheet with :data:`AUDIT_WIDTHS`, freezes the rows
down to :attr:`AuditLayout.head_row` and sets the auto-filter over the findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropa_app.checks.rules import Severity
from ropa_app.exchange.audit import AuditSection
from ropa_app.exchange.xlsx.cells import clip_text, column_letter
from ropa_app.exchange.xlsx.layout import Row, display_lines, height_for
from ropa_app.exchange.xlsx.sheet import StreamSheet

#: Widths (characters) of the columns: severity, reference, name, message, article, field,
#: rule id.
AUDIT_WIDTHS = (15, 12, 34, 56, 24, 36, 27)
_N = len(AUDIT_WIDTHS)
_LABEL = (1, 3)  # label cells of the score and reviews blocks span A:C
_VALUE = (4, _N)  # the score's values span D:G
_COUNT = (4, 4)  # the reviews' counts sit in D, under the findings' message column
_SEVERITY_STYLE = {Severity.ERROR: "missing", Severity.WARNING: "label",
                   Severity.NOTICE: "value"}


@dataclass(frozen=True)
class AuditLayout:
    """The sheet's rows, and where the findings table lies in them (1-based rows)."""

    rows: list[Row]
    head_row: int  # the findings' column headings
    last_row: int  # the last row of the findings table

    @property
    def filter_range(self) -> str:
        """The auto-filter's range: the findings table, headings included."""
        return f"A{self.head_row}:{column_letter(_N)}{self.last_row}"


def _width(span: tuple[int, int]) -> float:
    return sum(AUDIT_WIDTHS[span[0] - 1 : span[1]])


def _spanned(cells: Sequence[tuple[Any, str, tuple[int, int]]], columns: int = _N) -> Row:
    """A row of (value, style, span) cells; every column of a span gets the style (borders
    around merged cells), and the height fits the fullest cell."""
    values: list[Any] = [None] * columns
    styles: list[str | None] = [None] * columns
    lines = 1
    for value, style, span in cells:
        values[span[0] - 1] = value
        for c in range(span[0], span[1] + 1):
            styles[c - 1] = style
        if isinstance(value, str):
            lines = max(lines, display_lines(value, _width(span)))
    return Row(values, styles, height_for(lines), [s for _, _, s in cells if s[1] > s[0]])


def _fact_style(value: str | int | date, lang: str) -> str:
    if isinstance(value, date):
        return "date_fr" if lang == "fr" else "date_en"
    return "int" if isinstance(value, int) else "value"


def audit_layout(section: AuditSection, lang: str) -> AuditLayout:
    """The rows of the audit sheet for ``section``."""
    full = (1, _N)
    rows = [
        Row([section.title] + [None] * (_N - 1), ["title"] + [None] * (_N - 1), 24.0, [full]),
        _spanned([(section.subtitle, "subtitle", full)]),
    ]
    for label, value in section.facts:
        rows.append(_spanned([(label, "label", _LABEL),
                              (value, _fact_style(value, lang), _VALUE)]))
    rows.append(Row([None] * _N, [None] * _N, 8.0))
    rows.append(Row([section.findings_title] + [None] * (_N - 1), ["block"] * _N, 20.0,
                    [full]))
    columns = list(section.finding_columns)
    rows.append(Row(columns, ["head"] * _N, height_for(max(
        display_lines(c, w) for c, w in zip(columns, AUDIT_WIDTHS, strict=True)))))
    head_row = len(rows)
    for finding in section.findings:
        reference = finding.cells[1]
        values = [clip_text(v, lang, reference) for v in finding.cells]
        styles = [_SEVERITY_STYLE[finding.severity]] + ["value"] * (_N - 1)
        lines = max(display_lines(v, w) for v, w in zip(values, AUDIT_WIDTHS, strict=True))
        rows.append(Row(values, styles, height_for(lines)))
    if not section.findings:
        rows.append(_spanned([(section.no_findings, "empty", full)]))
    last_row = len(rows)
    rows.append(Row([None] * _N, [None] * _N, 8.0))
    rows.append(_spanned([(section.reviews_title, "block", (1, _COUNT[1]))]))
    rows[-1].height = 20.0
    due, count = section.review_columns
    rows.append(_spanned([(due, "head", _LABEL), (count, "head", _COUNT)]))
    for label, number in section.reviews:
        rows.append(_spanned([(label, "value", _LABEL), (number, "int", _COUNT)]))
    return AuditLayout(rows, head_row, last_row)


def write_audit_sheet(sheet: StreamSheet, layout: AuditLayout) -> None:
    """Write ``layout`` into ``sheet`` and set its auto-filter."""
    for row in layout.rows:
        sheet.add(row)
    sheet.finish(layout.filter_range)


__all__ = ["AUDIT_WIDTHS", "AuditLayout", "audit_layout", "write_audit_sheet"]
