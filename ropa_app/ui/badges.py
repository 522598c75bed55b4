"""Small painted marks the window puts beside records and findings: how ready a record is
for an audit, and where it stands in its review cycle.

Each mark has a shape as well as a colour (a cross, a triangle, an "i", a tick, a clock),
so it reads without colour vision too; the words are in the tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from ropa_app.checks.rules import Severity
from ropa_app.domain.review import ReviewState

#: Colours with at least 3:1 contrast on white, as WCAG asks of graphics.
COLOURS = {
    Severity.ERROR: QColor("#b3261e"),
    Severity.WARNING: QColor("#b86e00"),
    Severity.NOTICE: QColor("#1f5fa8"),
    None: QColor("#2e7d32"),  # nothing to fix
}
REVIEW_COLOURS = {
    ReviewState.OVERDUE: QColor("#b3261e"),
    ReviewState.DUE_SOON: QColor("#b86e00"),
    ReviewState.FRESH: QColor("#2e7d32"),
}
_SIZE = 16


@dataclass(frozen=True, slots=True)
class RecordBadge:
    """How many findings of each severity a record has."""

    errors: int = 0
    warnings: int = 0
    notices: int = 0

    @property
    def worst(self) -> Severity | None:
        """The most serious severity found, or None when there is nothing to fix."""
        if self.errors:
            return Severity.ERROR
        if self.warnings:
            return Severity.WARNING
        if self.notices:
            return Severity.NOTICE
        return None


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _white_pen(width: float = 2.0) -> QPen:
    pen = QPen(QColor("white"), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@cache
def severity_icon(severity: Severity | None) -> QIcon:
    """The mark of a severity: a red disc with a cross (error), an amber triangle with "!"
    (warning), a blue disc with "i" (notice), a green disc with a tick (None: clean)."""
    pixmap, p = _canvas()
    colour = COLOURS[severity]
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    if severity is Severity.WARNING:
        p.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15.5, 14.5), QPointF(0.5, 14.5)]))
        p.setPen(_white_pen())
        p.drawLine(QPointF(8, 5.5), QPointF(8, 9.5))
        p.drawPoint(QPointF(8, 12.3))
    else:
        p.drawEllipse(QRectF(1, 1, 14, 14))
        p.setPen(_white_pen())
        if severity is Severity.ERROR:
            p.drawLine(QPointF(5.5, 5.5), QPointF(10.5, 10.5))
            p.drawLine(QPointF(10.5, 5.5), QPointF(5.5, 10.5))
        elif severity is Severity.NOTICE:
            p.drawPoint(QPointF(8, 4.8))
            p.drawLine(QPointF(8, 7.5), QPointF(8, 11.5))
        else:
            p.drawPolyline(QPolygonF([QPointF(4.5, 8.5), QPointF(7, 11), QPointF(11.5, 5.5)]))
    p.end()
    return QIcon(pixmap)


@cache
def review_icon(state: ReviewState) -> QIcon | None:
    """A clock in the colour of the review state (None for a record with no review date or
    an archived one: nothing to mark)."""
    colour = REVIEW_COLOURS.get(state)
    if colour is None:
        return None
    pixmap, p = _canvas()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawEllipse(QRectF(1, 1, 14, 14))
    p.setPen(_white_pen(1.8))
    p.drawLine(QPointF(8, 8), QPointF(8, 4))
    p.drawLine(QPointF(8, 8), QPointF(11, 9.5))
    p.end()
    return QIcon(pixmap)


__all__ = ["COLOURS", "REVIEW_COLOURS", "RecordBadge", "review_icon", "severity_icon"]
