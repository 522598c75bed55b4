"""The register dashboard: headline figures and bar charts of a register's figures.

The charts are painted with QPainter (no chart library): :class:`BarChart` draws titled,
labelled bars, horizontally (one row per bar) or vertically (one column per bar).
:class:`DashboardWidget` turns a :class:`~ropa_app.checks.stats.RegisterStats` into bars
with their reference labels; it counts nothing itself (:mod:`ropa_app.checks.stats` does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ropa_app.checks.stats import RegisterStats
from ropa_app.domain.reference import label, load_reference

#: Bars with no colour of their own: 5.9:1 against white.
BAR_COLOUR = "#2b65a8"
#: Bars that call for action (reviews overdue, a legal basis or mechanism missing).
ALERT_COLOUR = "#b3261e"
#: Bars for what is not known (no review date): 4.5:1 against white.
MUTED_COLOUR = "#767676"
#: Special-category and criminal-offence data, set apart from ordinary data.
SPECIAL_COLOUR = "#7a3e9d"

_PLACEHOLDER = re.compile(r"%(\d)")


def _arg(template: str, *values: str) -> str:
    """``template`` with ``%1``, ``%2``... replaced in one pass (a value may hold ``%2``)."""
    return _PLACEHOLDER.sub(lambda m: values[int(m.group(1)) - 1], template)


@dataclass(frozen=True)
class Bar:
    """One bar of a :class:`BarChart`.

    Attributes:
        label: the text beside or under the bar, elided when it does not fit.
        value: the bar's figure (0 or more).
        colour: the bar's colour, as QColor reads it (``"#b3261e"``); the chart's if None.
        tip: the full description for the tooltip and screen readers; ``label`` if None.
    """

    label: str
    value: int
    colour: str | None = None
    tip: str | None = None

    @property
    def description(self) -> str:
        """What the bar stands for, in full."""
        return self.tip or self.label


@dataclass(frozen=True)
class _Geometry:
    """Where each part of a chart goes, for painting and hit-testing alike."""

    title: QRectF
    body: QRectF  # below the title: the bars, or the "Nothing to show" text
    slots: list[QRectF]  # the area of each bar that shows its tooltip
    labels: list[QRectF]
    bars: list[QRectF]
    values: list[QRectF]
    baseline: tuple[QPointF, QPointF] | None  # vertical charts: the axis under the columns
    wrap: bool = False  # vertical charts: labels too wide for their column, on two lines


def _elided(text: str, fm: QFontMetrics, width: int) -> str:
    """``text`` cut to ``width`` pixels with an ellipsis (no space left before it)."""
    if fm.horizontalAdvance(text) <= width:
        return text
    ellipsis = "\u2026"
    while text and fm.horizontalAdvance(text + ellipsis) > width:
        text = text[:-1].rstrip()
    return text + ellipsis


def _two_lines(text: str, fm: QFontMetrics, width: int) -> str:
    """``text`` broken at a space onto two lines (the first holding as many words as fit in
    ``width`` pixels), each elided if still too wide; one elided line if it has no space."""
    if " " not in text:
        return _elided(text, fm, width)
    words = text.split(" ")
    cut = 1
    while cut < len(words) - 1 and fm.horizontalAdvance(" ".join(words[:cut + 1])) <= width:
        cut += 1
    return "\n".join(_elided(" ".join(part), fm, width) for part in (words[:cut], words[cut:]))


class BarChart(QWidget):
    """A titled bar chart: each bar's length is proportional to the largest value, and the
    value is written at its end.

    A chart whose bars are all zero (or that has none) shows "Nothing to show". Hovering a
    bar shows its full label and value; the accessible description lists them all.

    Args:
        title: the chart's title, also its accessible name.
        orientation: ``Horizontal``: one row per bar, label on the left;
            ``Vertical``: one column per bar, label underneath (short labels).
        parent: the owning widget.
    """

    MARGIN = 12
    SPACING = 6
    #: Height of the columns of a vertical chart at its size hint.
    COLUMN_HEIGHT = 110

    def __init__(self, title: str = "",
                 orientation: Qt.Orientation = Qt.Orientation.Horizontal,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._orientation = orientation
        self._bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._update_accessible()

    # --- data ----------------------------------------------------------------------------

    def title(self) -> str:
        """The chart's title."""
        return self._title

    def set_title(self, title: str) -> None:
        """Change the chart's title."""
        self._title = title
        self._changed()

    def orientation(self) -> Qt.Orientation:
        """Whether bars run left to right (Horizontal) or bottom to top (Vertical)."""
        return self._orientation

    def set_bars(self, bars: Iterable[Bar]) -> None:
        """Show ``bars``, in this order (top to bottom, or left to right)."""
        self._bars = list(bars)
        self._changed()

    def bars(self) -> list[Bar]:
        """The bars shown, in order."""
        return list(self._bars)

    def rows(self) -> list[tuple[str, int]]:
        """``(label, value)`` of each bar, in order."""
        return [(bar.label, bar.value) for bar in self._bars]

    def is_empty(self) -> bool:
        """True when there is nothing to draw: no bar, or only zeros."""
        return not any(bar.value for bar in self._bars)

    def empty_text(self) -> str:
        """What an empty chart says."""
        return self.tr("Nothing to show")

    def tooltip(self, index: int) -> str:
        """The tooltip of bar ``index``: its full label and its value."""
        bar = self._bars[index]
        return _arg(self.tr("%1: %2"), bar.description, self._value_text(bar.value))

    # --- hit-testing ---------------------------------------------------------------------

    def bar_at(self, pos: QPoint | QPointF) -> int | None:
        """The index of the bar whose row or column holds ``pos`` (widget coordinates)."""
        if self.is_empty():
            return None
        point = QPointF(pos)
        for index, slot in enumerate(self._geometry().slots):
            if slot.contains(point):
                return index
        return None

    def bar_rect(self, index: int) -> QRectF:
        """Where bar ``index`` is painted (empty for a zero value or an empty chart)."""
        bars = self._geometry().bars
        return bars[index] if index < len(bars) else QRectF()

    def slot_rect(self, index: int) -> QRectF:
        """The row or column of bar ``index``: where hovering shows its tooltip."""
        slots = self._geometry().slots
        return slots[index] if index < len(slots) else QRectF()

    # --- QWidget -------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        value_w = self._value_width(fm)
        if self._orientation == Qt.Orientation.Horizontal:
            label_w = min(self._widest_label(fm) + 2 * self.SPACING,
                          22 * fm.averageCharWidth())
            width = label_w + 16 * fm.averageCharWidth() + value_w
        else:
            slot_w = max(self._widest_label(fm), value_w) + 2 * self.SPACING
            width = max(1, len(self._bars)) * slot_w
        return QSize(width + 2 * self.MARGIN, self._height(self.COLUMN_HEIGHT))

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        value_w = self._value_width(fm)
        if self._orientation == Qt.Orientation.Horizontal:
            width = 14 * fm.averageCharWidth() + value_w  # 8 characters of label, a bar
        else:
            width = max(1, len(self._bars)) * (value_w + self.SPACING)
        return QSize(width + 2 * self.MARGIN, self._height(self.COLUMN_HEIGHT // 2))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(index), self,
                                  self.slot_rect(index).toAlignedRect())
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        geometry = self._geometry()
        painter = QPainter(self)
        try:
            # A card: the base colour (white in light themes), with a thin border.
            painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

            painter.setPen(text)
            if self._title:
                painter.setFont(self._title_font())
                painter.drawText(geometry.title, Qt.AlignmentFlag.AlignLeft
                                 | Qt.AlignmentFlag.AlignVCenter,
                                 _elided(self._title, QFontMetrics(painter.font()),
                                         int(geometry.title.width())))
                painter.setFont(self.font())
            if self.is_empty():
                painter.setPen(QColor(MUTED_COLOUR))
                painter.drawText(geometry.body, Qt.AlignmentFlag.AlignLeft
                                 | Qt.AlignmentFlag.AlignTop, self.empty_text())
                return
            self._paint_bars(painter, geometry, text)
        finally:
            painter.end()

    # --- painting ------------------------------------------------------------------------

    def _paint_bars(self, painter: QPainter, geometry: _Geometry, text: QColor) -> None:
        fm = self.fontMetrics()
        horizontal = self._orientation == Qt.Orientation.Horizontal
        label_align = (Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignHCenter)
        value_align = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter if horizontal
                       else Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        if geometry.baseline is not None:
            painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
            painter.drawLine(*geometry.baseline)
        for bar, label_rect, bar_rect, value_rect in zip(
                self._bars, geometry.labels, geometry.bars, geometry.values, strict=True):
            painter.setPen(text)
            width = int(label_rect.width())
            painter.drawText(label_rect, label_align | Qt.AlignmentFlag.AlignVCenter,
                             _two_lines(bar.label, fm, width) if geometry.wrap
                             else _elided(bar.label, fm, width))
            if not bar_rect.isEmpty():
                painter.fillRect(bar_rect, QColor(bar.colour or BAR_COLOUR))
            painter.drawText(value_rect, value_align, self._value_text(bar.value))

    # --- layout --------------------------------------------------------------------------

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _title_height(self) -> int:
        if not self._title:
            return 0
        return QFontMetrics(self._title_font()).height() + self.SPACING

    def _row_height(self, fm: QFontMetrics) -> int:
        return fm.height() + 6

    def _value_text(self, value: int) -> str:
        return self.locale().toString(value)

    def _value_width(self, fm: QFontMetrics) -> int:
        widest = max((fm.horizontalAdvance(self._value_text(b.value)) for b in self._bars),
                     default=0)
        return widest + self.SPACING

    def _widest_label(self, fm: QFontMetrics) -> int:
        return max((fm.horizontalAdvance(b.label) for b in self._bars), default=0)

    def _height(self, column_height: int) -> int:
        """The height needed for every bar; ``column_height`` for vertical charts."""
        fm = self.fontMetrics()
        if self.is_empty():
            body = self._row_height(fm)
        elif self._orientation == Qt.Orientation.Horizontal:
            body = len(self._bars) * self._row_height(fm)
        else:
            body = column_height + 2 * fm.height() + 8
        return 2 * self.MARGIN + self._title_height() + body

    def _geometry(self) -> _Geometry:
        area = QRectF(self.rect()).adjusted(self.MARGIN, self.MARGIN, -self.MARGIN,
                                            -self.MARGIN)
        title_h = self._title_height()
        title = QRectF(area.left(), area.top(), area.width(), title_h - self.SPACING)
        body = QRectF(area.left(), area.top() + title_h, area.width(),
                      max(0.0, area.height() - title_h))
        if self.is_empty():
            return _Geometry(title, body, [], [], [], [], None)
        if self._orientation == Qt.Orientation.Horizontal:
            return self._rows_geometry(title, body)
        return self._columns_geometry(title, body)

    def _rows_geometry(self, title: QRectF, body: QRectF) -> _Geometry:
        fm = self.fontMetrics()
        row_h = self._row_height(fm)
        value_w = self._value_width(fm)
        label_w = min(self._widest_label(fm) + 2 * self.SPACING, round(body.width() * 0.58))
        bar_left = body.left() + label_w
        span = max(0.0, body.right() - value_w - bar_left)
        highest = max(bar.value for bar in self._bars)
        slots, labels, bars, values = [], [], [], []
        for index, bar in enumerate(self._bars):
            top = body.top() + index * row_h
            length = round(span * bar.value / highest)
            slots.append(QRectF(body.left(), top, body.width(), row_h))
            labels.append(QRectF(body.left(), top, label_w - self.SPACING, row_h))
            bars.append(QRectF(bar_left, top + 3, length, row_h - 6))
            values.append(QRectF(bar_left + length + self.SPACING // 2, top, value_w, row_h))
        return _Geometry(title, body, slots, labels, bars, values, None)

    def _columns_geometry(self, title: QRectF, body: QRectF) -> _Geometry:
        fm = self.fontMetrics()
        slot_w = body.width() / len(self._bars)
        # Labels too wide for their column go on two lines ("Nov" over "26").
        lines = 2 if self._widest_label(fm) > slot_w - 2 else 1
        label_h = lines * fm.height() + 4
        value_h = fm.height() + 4
        top = body.top() + value_h
        bottom = body.bottom() - label_h
        height = max(0.0, bottom - top)
        bar_w = min(round(slot_w * 0.6), 4 * fm.height())
        highest = max(bar.value for bar in self._bars)
        slots, labels, bars, values = [], [], [], []
        for index, bar in enumerate(self._bars):
            left = body.left() + index * slot_w
            bar_h = round(height * bar.value / highest)
            slots.append(QRectF(left, body.top(), slot_w, body.height()))
            labels.append(QRectF(left + 1, bottom + 4, slot_w - 2, label_h - 4))
            bars.append(QRectF(round(left + (slot_w - bar_w) / 2), bottom - bar_h, bar_w, bar_h))
            values.append(QRectF(left, bottom - bar_h - value_h, slot_w, value_h - 2))
        baseline = (QPointF(body.left(), bottom + 0.5), QPointF(body.right(), bottom + 0.5))
        return _Geometry(title, body, slots, labels, bars, values, baseline, lines == 2)

    def _changed(self) -> None:
        self._update_accessible()
        self.updateGeometry()
        self.update()

    def _update_accessible(self) -> None:
        self.setAccessibleName(self._title)
        if self.is_empty():
            self.setAccessibleDescription(self.empty_text())
        else:
            self.setAccessibleDescription(
                "; ".join(self.tooltip(i) for i in range(len(self._bars))))


class _Figure(QFrame):
    """A headline figure: a large number over its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.value = 0
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.number_label = QLabel("0")
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 2)
        self.number_label.setFont(font)
        caption_label = QLabel(caption)
        caption_label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.number_label)
        layout.addWidget(caption_label, 1)

    def set_value(self, value: int, alert: bool = False) -> None:
        """Show ``value``, in red when ``alert``."""
        self.value = value
        self.number_label.setText(self.locale().toString(value))
        # The label inherits the frame's Base background role, so it writes in Text.
        palette = self.number_label.palette()
        palette.setColor(QPalette.ColorRole.Text, QColor(ALERT_COLOUR) if alert
                         else self.palette().color(QPalette.ColorRole.Text))
        self.number_label.setPalette(palette)
        self.setAccessibleName(_arg(self.tr("%1: %2"), self.caption,
                                    self.number_label.text()))


def _article(value: StrEnum) -> str | None:
    """The GDPR provision of a code from the reference data, e.g. "6(1)(b)"."""
    term = load_reference().vocabulary(type(value)).get(value.value)
    return term.article if term is not None else None


class DashboardWidget(QWidget):
    """Headline figures and charts of one register's figures, in a scroll area.

    Args:
        stats: the figures to show.
        lang: language of the reference labels (``"fr"``/``"en"``).
        title: what the figures describe (organisation and register).
        parent: the owning widget.

    Attributes:
        status_chart, basis_chart, category_chart, special_chart, country_chart,
        mechanism_chart, reviews_chart: the charts, for tests and screen readers.
    """

    def __init__(self, stats: RegisterStats, lang: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.title_label = QLabel(title)
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)

        self.active_figure = _Figure(self.tr("active records"))
        self.special_figure = _Figure(self.tr("with special-category data"))
        self.transfers_figure = _Figure(self.tr("transfers outside the EEA"))
        self.overdue_figure = _Figure(self.tr("reviews overdue"))

        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        self.status_chart = BarChart(self.tr("Records by status"), horizontal)
        self.basis_chart = BarChart(self.tr("Active records by legal basis"), horizontal)
        self.category_chart = BarChart(self.tr("Active records by category of data"),
                                       horizontal)
        self.special_chart = BarChart(self.tr("Special-category data (Art. 9 and 10)"),
                                      horizontal)
        self.country_chart = BarChart(self.tr("Transfers by destination"), horizontal)
        self.mechanism_chart = BarChart(self.tr("Transfers by mechanism (Chapter V)"),
                                        horizontal)
        self.reviews_chart = BarChart(self.tr("Reviews due per month"), vertical)

        self._build_layout()
        self.set_stats(stats)

    def _build_layout(self) -> None:
        figures = QHBoxLayout()
        for figure in self._figures():
            figures.addWidget(figure, 1)
        # Two columns stacked independently (not grid rows), so a one-bar chart does not
        # stretch to the height of a ten-bar one beside it.
        left, right = QVBoxLayout(), QVBoxLayout()
        for chart in (self.status_chart, self.category_chart):
            left.addWidget(chart)
        for chart in (self.basis_chart, self.special_chart, self.country_chart,
                      self.mechanism_chart):
            right.addWidget(chart)
        left.addStretch(1)
        right.addStretch(1)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.reviews_chart, 1, 0, 1, 2)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.title_label)
        column.addLayout(figures)
        column.addLayout(grid)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def _figures(self) -> list[_Figure]:
        return [self.active_figure, self.special_figure, self.transfers_figure,
                self.overdue_figure]

    def charts(self) -> list[BarChart]:
        """Every chart, in reading order."""
        return [self.status_chart, self.basis_chart, self.category_chart, self.special_chart,
                self.country_chart, self.mechanism_chart, self.reviews_chart]

    def figures(self) -> list[tuple[str, int]]:
        """``(caption, value)`` of the headline figures, in order."""
        return [(figure.caption, figure.value) for figure in self._figures()]

    def title(self) -> str:
        """What the figures describe."""
        return self.title_label.text()

    def set_title(self, title: str) -> None:
        """Change what the figures are said to describe."""
        self.title_label.setText(title)

    def set_stats(self, stats: RegisterStats) -> None:
        """Show ``stats`` instead of the figures shown."""
        self.active_figure.set_value(stats.active)
        self.special_figure.set_value(stats.with_special_data)
        self.transfers_figure.set_value(sum(stats.transfers_by_country.values()))
        self.overdue_figure.set_value(stats.reviews_overdue, alert=stats.reviews_overdue > 0)
        lang = self._lang
        self.status_chart.set_bars(
            Bar(label(status, lang), count) for status, count in stats.by_status.items())
        bases = [Bar(self._cited(basis), count) for basis, count in stats.by_legal_basis.items()]
        if stats.no_legal_basis:
            bases.append(Bar(self.tr("No legal basis"), stats.no_legal_basis, ALERT_COLOUR))
        self.basis_chart.set_bars(bases)
        self.category_chart.set_bars(
            Bar(label(category, lang), count, SPECIAL_COLOUR if category.is_sensitive else None)
            for category, count in stats.by_data_category.items())
        self.special_chart.set_bars(
            Bar(label(category, lang), count, SPECIAL_COLOUR)
            for category, count in stats.special_data.items())
        reference = load_reference()
        self.country_chart.set_bars(
            Bar(reference.country_name(where, lang), count)
            for where, count in stats.transfers_by_country.items())
        self.mechanism_chart.set_bars(
            Bar(self._cited(mechanism), count) if mechanism is not None
            else Bar(self.tr("Not recorded"), count, ALERT_COLOUR)
            for mechanism, count in stats.transfers_by_mechanism.items())
        self.reviews_chart.set_bars(self._review_bars(stats))

    def _cited(self, value: StrEnum) -> str:
        """A code's label after its GDPR provision: "Art. 6(1)(b) — Performance of..."."""
        text = label(value, self._lang)
        article = _article(value)
        if not article:
            return text
        return _arg(self.tr("Art. %1 \u2014 %2"), article, text)

    def _review_bars(self, stats: RegisterStats) -> list[Bar]:
        locale: QLocale = self.locale()
        bars = [Bar(self.tr("Overdue"), stats.reviews_overdue, ALERT_COLOUR,
                    self.tr("Reviews overdue"))]
        for (year, month), count in stats.reviews_by_month.items():
            day = QDate(year, month, 1)
            bars.append(Bar(locale.toString(day, "MMM yy"), count,
                            tip=locale.toString(day, "MMMM yyyy")))
        bars.append(Bar(self.tr("No date"), stats.reviews_unplanned, MUTED_COLOUR,
                        self.tr("No review date planned")))
        return bars


class DashboardDialog(QDialog):
    """A non-modal window showing a :class:`DashboardWidget`, with a Close button.

    Args:
        stats: the figures to show.
        lang: language of the reference labels (``"fr"``/``"en"``).
        title: what the figures describe (organisation and register).
        parent: the window it belongs to.
    """

    def __init__(self, stats: RegisterStats, lang: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setWindowTitle(_arg(self.tr("Dashboard \u2014 %1"), title))
        self.dashboard = DashboardWidget(stats, lang, title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.dashboard)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.resize(1000, 720)

    def set_stats(self, stats: RegisterStats) -> None:
        """Show ``stats`` instead of the figures shown."""
        self.dashboard.set_stats(stats)


__all__ = [
    "ALERT_COLOUR",
    "BAR_COLOUR",
    "MUTED_COLOUR",
    "SPECIAL_COLOUR",
    "Bar",
    "BarChart",
    "DashboardDialog",
    "DashboardWidget",
]
