"""The main window, driven as a user would: search, register switch, sorting, first launch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.models import OrganisationBase
from ropa_app.store.errors import RegisterLockedError, StorageError
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.prompts import FirstLaunchChoice
from ropa_app.ui.register_model import Column
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

from .fakes import SMALL_ORG, FakePrompts

MakeWindow = Callable[..., MainWindow]


def shown_refs(window: MainWindow) -> list[str]:
    proxy = window.table.model()
    return [proxy.index(r, Column.REFERENCE).data() for r in range(proxy.rowCount())]


def click_register(qtbot: QtBot, window: MainWindow, kind: RegisterKind) -> None:
    qtbot.mouseClick(window.register_buttons[kind], Qt.MouseButton.LeftButton)


def click_header(qtbot: QtBot, window: MainWindow, column: Column) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_window_shows_the_demo_register(make_window: MakeWindow,
                                        demo_session: RegisterSession) -> None:
    """On a register holding the demo, the window lists the demo's controller records."""
    window = make_window(demo_session)
    expected = [s.reference for s in demo_session.records.list_summaries(
        window.current_organisation_id(), RegisterKind.CONTROLLER)]
    assert window.organisation_combo.currentText() == demo_session.organisations.list()[0].data.name
    assert len(expected) > 3
    assert sorted(shown_refs(window)) == sorted(expected)
    assert window.count_label.text() == f"{len(expected)} records"


def test_window_shows_records_and_where_they_are(make_window: MakeWindow,
                                                 small_session: RegisterSession) -> None:
    """The small register's controller records are listed by reference; the status bar
    counts them and names the register file."""
    window = make_window(small_session)
    assert shown_refs(window) == ["COM-2", "COM-10", "RH-01"]
    assert window.count_label.text() == "3 records"
    assert window.location_label.toolTip() == small_session.location
    assert "small.sqlite" in window.location_label.text()
    assert window.windowTitle().replace("[*]", "") == f"{SMALL_ORG} — ROPA"


def test_typing_in_the_search_box_filters(qtbot: QtBot, make_window: MakeWindow,
                                          small_session: RegisterSession) -> None:
    """Typed words narrow the list, and clearing the box brings every record back."""
    window = make_window(small_session)
    qtbot.keyClicks(window.search_edit, "clients")
    assert shown_refs(window) == ["COM-2"]
    assert window.count_label.text() == "1 of 3 records"
    window.search_edit.clear()
    assert len(shown_refs(window)) == 3


def test_search_ignores_accents(make_window: MakeWindow, small_session: RegisterSession) -> None:
    """An accented search finds unaccented text and the reverse."""
    window = make_window(small_session)
    window.search_edit.setText("salariés")
    assert shown_refs(window) == ["RH-01"]
    window.search_edit.setText("DECLARATIONS")
    assert shown_refs(window) == ["RH-01"]


def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, make_window: MakeWindow,
                                       small_session: RegisterSession) -> None:
    """Ctrl+F puts the cursor in the search box; Escape there clears it."""
    window = make_window(small_session)
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_edit.hasFocus)
    qtbot.keyClicks(window.search_edit, "zzz")
    assert shown_refs(window) == []
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    assert len(shown_refs(window)) == 3


def test_switching_register_shows_the_processor_records(
        qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession) -> None:
    """Clicking "Processor's register" lists the processor records only, and back."""
    window = make_window(small_session)
    with qtbot.waitSignal(window.records_loaded, check_params_cb=lambda n: n == 1):
        click_register(qtbot, window, RegisterKind.PROCESSOR)
    assert window.current_register() is RegisterKind.PROCESSOR
    assert shown_refs(window) == ["ST-01"]
    assert window.count_label.text() == "1 record"
    click_register(qtbot, window, RegisterKind.CONTROLLER)
    assert shown_refs(window) == ["COM-2", "COM-10", "RH-01"]


def test_clicking_a_header_sorts(qtbot: QtBot, make_window: MakeWindow,
                                 small_session: RegisterSession) -> None:
    """Clicking a column header sorts by it; clicking again reverses the order."""
    window = make_window(small_session)
    click_header(qtbot, window, Column.NEXT_REVIEW)
    assert shown_refs(window) == ["RH-01", "COM-2", "COM-10"]
    click_header(qtbot, window, Column.NEXT_REVIEW)
    assert shown_refs(window) == ["COM-10", "COM-2", "RH-01"]
    click_header(qtbot, window, Column.NAME)
    assert shown_refs(window) == ["COM-2", "RH-01", "COM-10"]


def test_settings_are_restored_in_a_new_window(
        qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession,
        tmp_path: Path) -> None:
    """Geometry, column widths, sort order and the last register come back next time."""
    settings = Settings(tmp_path / "round-trip.ini")
    first = make_window(small_session, settings)
    first.resize(790, 520)  # within the offscreen 800x600 screen
    click_register(qtbot, first, RegisterKind.PROCESSOR)
    first.table.horizontalHeader().resizeSection(Column.LEGAL_BASES, 133)
    click_header(qtbot, first, Column.STATUS)
    first.close()

    second = make_window(small_session, Settings(tmp_path / "round-trip.ini"))
    assert second.size().toTuple() == (790, 520)
    assert second.current_register() is RegisterKind.PROCESSOR
    assert shown_refs(second) == ["ST-01"]
    header = second.table.horizontalHeader()
    assert header.sectionSize(Column.LEGAL_BASES) == 133
    assert header.sortIndicatorSection() == Column.STATUS


def test_last_organisation_is_restored(make_window: MakeWindow, small_session: RegisterSession,
                                       settings: Settings) -> None:
    """The organisation shown last is shown again, not the first by name."""
    other = small_session.organisations.create(OrganisationBase(name="AAA Première"))
    first = make_window(small_session)
    assert first.current_organisation_id() == other  # first by name, in a fresh profile
    first.organisation_combo.setCurrentIndex(first.organisation_combo.findText(SMALL_ORG))
    assert shown_refs(first) == ["COM-2", "COM-10", "RH-01"]
    first.close()
    second = make_window(small_session)
    assert second.organisation_combo.currentText() == SMALL_ORG


def test_first_launch_offers_the_demo(qtbot: QtBot, make_window: MakeWindow,
                                      empty_session: RegisterSession,
                                      prompts: FakePrompts) -> None:
    """An empty register asks what to do; answering "demo" fills the table with it."""
    prompts.first_launch_answer = FirstLaunchChoice.DEMO
    window = make_window(empty_session)
    qtbot.waitUntil(lambda: prompts.first_launch_asked == 1)
    qtbot.waitUntil(lambda: len(shown_refs(window)) > 3)
    assert window.organisation_combo.count() == 1
    assert prompts.errors == []


def test_first_launch_can_create_the_organisation(qtbot: QtBot, make_window: MakeWindow,
                                                  empty_session: RegisterSession,
                                                  prompts: FakePrompts) -> None:
    """Answering "organisation" stores the organisation typed and shows its empty register."""
    prompts.first_launch_answer = FirstLaunchChoice.ORGANISATION
    prompts.new_organisation = OrganisationBase(name="Mairie de Rezé", dpo_name="C. Martin")
    window = make_window(empty_session)
    qtbot.waitUntil(lambda: window.organisation_combo.count() == 1)
    assert window.organisation_combo.currentText() == "Mairie de Rezé"
    assert shown_refs(window) == []
    assert window.count_label.text() == "0 records"


def test_first_launch_cancelled_leaves_the_register_empty(
        qtbot: QtBot, make_window: MakeWindow, empty_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Cancelling the first-launch question is asked once and changes nothing."""
    window = make_window(empty_session)
    qtbot.waitUntil(lambda: prompts.first_launch_asked == 1)
    assert not window.organisation_combo.isEnabled()
    assert empty_session.organisations.list() == []


def test_a_register_with_data_does_not_ask(qtbot: QtBot, make_window: MakeWindow,
                                           small_session: RegisterSession,
                                           prompts: FakePrompts) -> None:
    """The first-launch question is only for an empty register."""
    make_window(small_session)
    qtbot.wait(20)
    assert prompts.first_launch_asked == 0


def test_store_errors_are_shown_not_raised(
        qtbot: QtBot, make_window: MakeWindow, small_session: RegisterSession,
        prompts: FakePrompts, monkeypatch) -> None:
    """A RopaError while loading is reported through the prompt service; the window lives on."""
    window = make_window(small_session)

    def locked(*_args: object) -> None:
        raise RegisterLockedError("the register is locked by another program")

    monkeypatch.setattr(small_session.records, "list_summaries", locked)
    click_register(qtbot, window, RegisterKind.PROCESSOR)
    assert prompts.errors == [("Cannot read the records",
                               "the register is locked by another program")]
    assert shown_refs(window) == []

    monkeypatch.setattr(small_session.organisations, "list",
                        lambda: (_ for _ in ()).throw(StorageError("disk I/O error")))
    window.commands.reload.trigger()
    assert prompts.errors[-1] == ("Cannot read the organisations", "disk I/O error")


def test_a_refused_demo_import_is_shown(qtbot: QtBot, make_window: MakeWindow,
                                        demo_session: RegisterSession,
                                        prompts: FakePrompts) -> None:
    """Adding the demo twice is refused by the store and reported, not raised."""
    window = make_window(demo_session)
    window.import_demo()
    assert len(prompts.errors) == 1
    assert "already" in prompts.errors[0][1]


def test_activating_a_record_goes_to_the_editor(qtbot: QtBot, make_window: MakeWindow,
                                                small_session: RegisterSession) -> None:
    """Clicking a row loads it in the editor; double-click or Enter moves the cursor there."""
    window = make_window(small_session)
    window.activateWindow()
    view = window.table
    rect = view.visualRect(view.model().index(1, Column.NAME))
    expected = small_session.records.find(window.current_organisation_id(),
                                          RegisterKind.CONTROLLER, "COM-10")
    # QTest sends the double-click event alone; a real one follows a press.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.current_record_id() == expected
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.editor.isAncestorOf(QApplication.focusWidget()))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.isAncestorOf(QApplication.focusWidget()))


def test_open_register_asks_for_a_path(qtbot: QtBot, make_window: MakeWindow,
                                       small_session: RegisterSession,
                                       prompts: FakePrompts) -> None:
    """File > Open register… asks for a file and passes the choice on; cancel does nothing."""
    window = make_window(small_session)
    prompts.register_path = "/somewhere/other.sqlite"
    with qtbot.waitSignal(window.open_register_requested,
                          check_params_cb=lambda p: p == "/somewhere/other.sqlite"):
        window.commands.open_register.trigger()
    prompts.register_path = None
    with qtbot.assertNotEmitted(window.open_register_requested):
        window.commands.open_register.trigger()


def test_screenshot_is_not_blank(make_window: MakeWindow, small_session: RegisterSession,
                                 tmp_path: Path) -> None:
    """A grab of the window is a real picture: many colours, text-like detail."""
    window = make_window(small_session)
    window.resize(1366, 768)
    QApplication.processEvents()
    path = tmp_path / "main.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1366, 768)
    colours = {image.pixel(x, y) for x in range(0, 1366, 7) for y in range(0, 768, 7)}
    assert len(colours) > 20
