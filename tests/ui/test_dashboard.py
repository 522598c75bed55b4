"""The register dashboard: charts showing the figures, tooltips, painting, the dialog."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolTip
from pytestqt.qtbot import QtBot

from ropa_app.checks.stats import RegisterStats, register_stats
from ropa_app.domain.demo import build_demo
from ropa_app.domain.enums import LegalBasis, RecordStatus, TransferMechanism
from ropa_app.domain.reference import label
from ropa_app.ui.dashboard import (
    ALERT_COLOUR,
    BAR_COLOUR,
    MUTED_COLOUR,
    Bar,
    BarChart,
    DashboardDialog,
    DashboardWidget,
)

TODAY = date(2026, 11, 15)
TITLE = "Logicielle Atlantique SAS — Controller register"


@pytest.fixture
def demo_stats() -> RegisterStats:
    """The figures of the demo register on a fixed day."""
    org = build_demo(datetime(2026, 11, 15, 9, 0, tzinfo=UTC))
    return register_stats(org.records, TODAY)


@pytest.fixture
def empty_stats() -> RegisterStats:
    """The figures of a register with no record."""
    return register_stats([], TODAY)


def _dashboard(qtbot: QtBot, stats: RegisterStats, lang: str = "en") -> DashboardWidget:
    widget = DashboardWidget(stats, lang, TITLE)
    qtbot.addWidget(widget)
    return widget


def _chart(qtbot: QtBot, bars: list[Bar], title: str = "Chart",
           orientation: Qt.Orientation = Qt.Orientation.Horizontal) -> BarChart:
    chart = BarChart(title, orientation)
    qtbot.addWidget(chart)
    chart.set_bars(bars)
    chart.resize(chart.sizeHint())
    return chart


def _colour_at(image: QImage, x: float, y: float) -> str:
    return image.pixelColor(round(x), round(y)).name()


def test_status_chart_shows_every_status(qtbot: QtBot, demo_stats: RegisterStats) -> None:
    """The status chart has one row per status present, archived included, with its count."""
    widget = _dashboard(qtbot, demo_stats)
    assert widget.status_chart.rows() == [
        (label(status, "en"), count) for status, count in demo_stats.by_status.items()]
    assert dict(widget.status_chart.rows())["Archived"] == demo_stats.by_status[
        RecordStatus.ARCHIVED] == 1
    assert dict(widget.status_chart.rows())["Validated"] == 11


def test_legal_basis_chart_cites_the_article(qtbot: QtBot, demo_stats: RegisterStats) -> None:
    """Each legal basis row reads "Art. 6(1)(x) — label" with its number of records."""
    rows = dict(_dashboard(qtbot, demo_stats).basis_chart.rows())
    contract = f"Art. 6(1)(b) \u2014 {label(LegalBasis.CONTRACT, 'en')}"
    assert rows[contract] == demo_stats.by_legal_basis[LegalBasis.CONTRACT] == 8
    assert len(rows) == len(demo_stats.by_legal_basis)


def test_data_category_charts_match_the_figures(qtbot: QtBot,
                                                demo_stats: RegisterStats) -> None:
    """The category charts list the categories largest first and the special ones apart."""
    widget = _dashboard(qtbot, demo_stats)
    assert widget.category_chart.rows() == [
        (label(c, "en"), n) for c, n in demo_stats.by_data_category.items()]
    assert widget.special_chart.rows() == [("Data concerning health", 2)]


def test_country_chart_shows_country_names(qtbot: QtBot, demo_stats: RegisterStats) -> None:
    """Transfer destinations are shown by country name in the language asked for."""
    assert demo_stats.transfers_by_country == {"MA": 2, "US": 1}
    english = _dashboard(qtbot, demo_stats, "en").country_chart.rows()
    french = _dashboard(qtbot, demo_stats, "fr").country_chart.rows()
    assert english == [("Morocco", 2), ("United States", 1)]
    assert french == [("Maroc", 2), ("États-Unis", 1)]


def test_unknown_destination_shows_its_name(qtbot: QtBot, demo_stats: RegisterStats) -> None:
    """A destination that is no country code (an international organisation) is shown as is."""
    stats = RegisterStats(**{**demo_stats.__dict__, "transfers_by_country": {"OMS": 1}})
    assert _dashboard(qtbot, stats).country_chart.rows() == [("OMS", 1)]


def test_mechanism_chart_cites_the_article(qtbot: QtBot, demo_stats: RegisterStats) -> None:
    """Each mechanism row cites its Chapter V provision; a missing mechanism is in red."""
    stats = RegisterStats(**{**demo_stats.__dict__, "transfers_by_mechanism": {
        TransferMechanism.SCC_COMMISSION: 2, None: 1}})
    widget = _dashboard(qtbot, stats)
    chart = widget.mechanism_chart
    scc = label(TransferMechanism.SCC_COMMISSION, "en")
    assert chart.rows() == [(f"Art. 46(2)(c) \u2014 {scc}", 2), ("Not recorded", 1)]
    assert chart.bars()[1].colour == ALERT_COLOUR


def test_reviews_chart_has_overdue_months_and_no_date(qtbot: QtBot,
                                                      demo_stats: RegisterStats) -> None:
    """The reviews chart: a red "Overdue" column, 12 month columns, a grey "No date" one."""
    widget = _dashboard(qtbot, demo_stats)
    chart = widget.reviews_chart
    rows = chart.rows()
    assert chart.orientation() == Qt.Orientation.Vertical
    assert len(rows) == 14
    assert rows[0] == ("Overdue", demo_stats.reviews_overdue) == ("Overdue", 1)
    assert rows[-1] == ("No date", demo_stats.reviews_unplanned) == ("No date", 2)
    assert [text for text, _ in rows[1:13]] == [
        "Nov 26", "Dec 26", "Jan 27", "Feb 27", "Mar 27", "Apr 27", "May 27", "Jun 27",
        "Jul 27", "Aug 27", "Sept 27", "Oct 27"]
    assert [n for _, n in rows[1:13]] == list(demo_stats.reviews_by_month.values())
    assert rows[2] == ("Dec 26", 1)
    assert chart.bars()[0].colour == ALERT_COLOUR
    assert chart.bars()[-1].colour == MUTED_COLOUR
    assert chart.tooltip(1) == "November 2026: 0"


def test_headline_figures(qtbot: QtBot, demo_stats: RegisterStats) -> None:
    """The headline gives active records, special data, transfers and overdue reviews."""
    assert [n for _, n in _dashboard(qtbot, demo_stats).figures()] == [14, 2, 3, 1]


def test_empty_register_shows_nothing_to_show(qtbot: QtBot, empty_stats: RegisterStats) -> None:
    """With no record, every chart says "Nothing to show" and the figures are zero."""
    widget = _dashboard(qtbot, empty_stats)
    for chart in widget.charts():
        assert chart.is_empty()
        assert chart.empty_text() == "Nothing to show"
        assert chart.accessibleDescription() == "Nothing to show"
    assert widget.status_chart.rows() == []
    assert [n for _, n in widget.reviews_chart.rows()] == [0] * 14  # all zero: empty
    assert [n for _, n in widget.figures()] == [0, 0, 0, 0]


def test_empty_chart_paints_the_text_and_no_bar(qtbot: QtBot) -> None:
    """An empty chart paints its title and "Nothing to show", and no bar."""
    chart = _chart(qtbot, [], "Records by status")
    image = chart.grab().toImage()
    colours = {image.pixelColor(x, y).name()
               for x in range(image.width()) for y in range(image.height())}
    assert BAR_COLOUR not in colours
    assert len(colours) > 3  # background, border, text
    assert chart.bar_at(QPoint(chart.width() // 2, chart.height() // 2)) is None


def test_set_stats_refreshes(qtbot: QtBot, empty_stats: RegisterStats,
                             demo_stats: RegisterStats) -> None:
    """set_stats replaces the figures and every chart's rows."""
    widget = _dashboard(qtbot, empty_stats)
    before = widget.status_chart.sizeHint().height()
    widget.set_stats(demo_stats)
    assert widget.status_chart.rows()[0] == ("Draft", 1)
    assert not widget.status_chart.is_empty()
    assert widget.status_chart.sizeHint().height() > before
    assert [n for _, n in widget.figures()] == [14, 2, 3, 1]
    assert "Validated: 11" in widget.status_chart.accessibleDescription()
    widget.set_stats(empty_stats)
    assert widget.status_chart.rows() == []


def test_tooltip_gives_label_and_value(qtbot: QtBot) -> None:
    """Hovering a bar's row shows its full label and value; elsewhere, no tooltip."""
    long = "Informations d'ordre économique et financier (revenus, situation fiscale)"
    chart = _chart(qtbot, [Bar("Draft", 1), Bar(long, 1234), Bar("Short", 3, tip="Full")])
    chart.resize(300, chart.sizeHint().height())
    with qtbot.waitExposed(chart):
        chart.show()
    assert chart.tooltip(0) == "Draft: 1"
    assert chart.tooltip(1) == f"{long}: 1,234"
    assert chart.tooltip(2) == "Full: 3"
    for index in range(3):
        centre = chart.slot_rect(index).center().toPoint()
        assert chart.bar_at(centre) == index
        event = QHelpEvent(QEvent.Type.ToolTip, centre, chart.mapToGlobal(centre))
        QApplication.sendEvent(chart, event)
        assert QToolTip.text() == chart.tooltip(index)
    above = QPoint(chart.width() // 2, 2)  # the margin, above the title
    assert chart.bar_at(above) is None
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, above,
                                             chart.mapToGlobal(above)))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # Qt hides it after a short delay


def test_chart_is_accessible(qtbot: QtBot) -> None:
    """A chart's accessible name is its title and its description lists every bar."""
    chart = _chart(qtbot, [Bar("Draft", 1), Bar("Validated", 11)], "Records by status")
    assert chart.accessibleName() == "Records by status"
    assert chart.accessibleDescription() == "Draft: 1; Validated: 11"


def test_size_hint_follows_the_rows(qtbot: QtBot) -> None:
    """A chart asks for a row's height per bar and never less than all its rows."""
    one = _chart(qtbot, [Bar("A", 1)])
    five = _chart(qtbot, [Bar(str(i), i) for i in range(1, 6)])
    row = one.fontMetrics().height()
    assert five.sizeHint().height() - one.sizeHint().height() >= 4 * row
    assert five.minimumSizeHint().height() == five.sizeHint().height()
    assert five.minimumSizeHint().width() < five.sizeHint().width()


def test_bars_are_painted_in_proportion(qtbot: QtBot) -> None:
    """Bars are painted in their colour, their lengths in proportion to the largest value."""
    chart = _chart(qtbot, [Bar("Validated", 10), Bar("Draft", 5),
                           Bar("Overdue", 2, ALERT_COLOUR)])
    chart.resize(500, chart.sizeHint().height())
    image = chart.grab().toImage()
    assert not image.isNull()
    background = image.pixelColor(chart.width() // 2, 2)
    assert any(image.pixelColor(x, y) != background
               for x in range(image.width()) for y in range(image.height()))
    full, half, alert = (chart.bar_rect(i) for i in range(3))
    assert half.width() == pytest.approx(full.width() / 2, abs=1)
    assert _colour_at(image, full.center().x(), full.center().y()) == BAR_COLOUR
    assert _colour_at(image, half.center().x(), half.center().y()) == BAR_COLOUR
    assert _colour_at(image, alert.center().x(), alert.center().y()) == ALERT_COLOUR
    assert _colour_at(image, half.right() + 40, half.center().y()) == background.name()


def test_columns_are_painted_bottom_up(qtbot: QtBot) -> None:
    """A vertical chart paints columns standing on one baseline, heights in proportion."""
    chart = _chart(qtbot, [Bar("Overdue", 4, ALERT_COLOUR), Bar("Nov 26", 2),
                           Bar("Dec 26", 0), Bar("No date", 1, MUTED_COLOUR)],
                   orientation=Qt.Orientation.Vertical)
    image = chart.grab().toImage()
    overdue, nov, dec, no_date = (chart.bar_rect(i) for i in range(4))
    assert overdue.bottom() == nov.bottom() == no_date.bottom()
    assert nov.height() == pytest.approx(overdue.height() / 2, abs=1)
    assert dec.height() == 0
    assert _colour_at(image, overdue.center().x(), overdue.center().y()) == ALERT_COLOUR
    assert _colour_at(image, nov.center().x(), nov.center().y()) == BAR_COLOUR
    assert _colour_at(image, no_date.center().x(), no_date.center().y()) == MUTED_COLOUR
    assert chart.bar_at(chart.slot_rect(2).center()) == 2  # a zero column has a tooltip


def test_dialog_is_non_modal_and_closes(qtbot: QtBot, demo_stats: RegisterStats) -> None:
    """The dialog is non-modal, about 1000x720, paints its charts and closes on Close."""
    dialog = DashboardDialog(demo_stats, "en", TITLE)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert not dialog.isModal()
    assert (dialog.width(), dialog.height()) == (1000, 720)
    assert TITLE in dialog.windowTitle()
    assert dialog.dashboard.title() == TITLE
    image = dialog.grab().toImage()
    bar = dialog.dashboard.status_chart.bar_rect(2).center().toPoint()
    where = dialog.dashboard.status_chart.mapTo(dialog, bar)
    assert _colour_at(image, where.x(), where.y()) == BAR_COLOUR
    assert QColor(BAR_COLOUR).name() == BAR_COLOUR
    dialog.set_stats(register_stats([], TODAY))
    assert dialog.dashboard.status_chart.is_empty()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
