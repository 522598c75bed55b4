"""File > Print…: the record's summary from the fiche rows, through the system print
dialog (a printer writing a PDF file here), user text printed as typed."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ropa_app.app import editor_factory
from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.exchange.fiche import build_fiche
from ropa_app.ui.editor import RecordEditor
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.printing import print_record, record_html
from ropa_app.ui.session import RegisterSession

from .fake_editor import FakeEditor
from .fakes import FakePrompts
from .test_window_export import DEMO, pdf_text, press

MakeWindow = Callable[..., MainWindow]
NASTY = 'R&D <b>bold</b> "quoted" <script>x</script> & 5 < 6'


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes a PDF file, as a user printing to a file would choose."""
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _demo_record() -> tuple[OrganisationDoc, RecordDoc]:
    org = build_demo()
    return org, org.records[0].model_copy(deep=True)


def test_print_writes_the_record_shown(qtbot: QtBot, make_window: MakeWindow,
                                       demo_session: RegisterSession, prompts: FakePrompts,
                                       tmp_path: Path) -> None:
    """Ctrl+P with a printer chosen prints the record shown, its blocks and fields."""
    window = make_window(demo_session)
    window.table.selectRow(0)
    editor = window.editor
    assert isinstance(editor, FakeEditor)
    doc = editor.current_doc()
    target = tmp_path / "printed.pdf"
    prompts.printer = pdf_printer(target)
    press(qtbot, window, Qt.Key.Key_P)
    text = pdf_text(target)
    assert f"{doc.reference} — {doc.name}" in text
    assert DEMO in text
    assert doc.purposes[0].description.split()[0] in text
    for title in ("Description of the processing", "Purpose(s) of the processing",
                  "Security measures", "Transfers outside the EU"):
        assert title in text
    assert doc.reference in window.statusBar().currentMessage()
    assert prompts.errors == []


def test_cancelling_the_print_dialog_prints_nothing(qtbot: QtBot, make_window: MakeWindow,
                                                    demo_session: RegisterSession,
                                                    prompts: FakePrompts) -> None:
    """Cancel in the print dialog prints nothing and says nothing."""
    window = make_window(demo_session)
    window.table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_P)
    assert len(prompts.asked("ask_printer")) == 1
    assert prompts.errors == [] and window.statusBar().currentMessage() == ""


def test_markup_in_user_text_prints_as_typed(qapp: QApplication, tmp_path: Path) -> None:
    """Angle brackets, ampersands and quotes typed by the user are printed, not obeyed."""
    org, record = _demo_record()
    record.name = NASTY
    record.description = "first line\nsecond line"
    target = tmp_path / "nasty.pdf"
    assert print_record(pdf_printer(target), record, org, "en")
    text = pdf_text(target)
    assert NASTY in text
    assert "first line second line" in text
    page = record_html(record, org, "en")
    assert "<b>bold</b>" not in page and "<script>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_missing_mandatory_items_are_marked(qapp: QApplication, tmp_path: Path) -> None:
    """A mandatory list left empty (security measures) prints as missing, an optional one
    (sensitive data) as none."""
    org, record = _demo_record()
    record.security_measures = []
    record.data_categories = [c for c in record.data_categories if not c.category.is_sensitive]
    page = record_html(record, org, "en")
    security = page.split("<h2>Security measures</h2>")[1].split("<h2>")[0]
    assert 'class="missing"' in security and "Missing" in security
    sensitive = page.split("<h2>Sensitive data</h2>")[1].split("<h2>")[0]
    assert 'class="missing"' not in sensitive and ">None<" in sensitive
    target = tmp_path / "missing.pdf"
    assert print_record(pdf_printer(target), record, org, "en")
    assert re.search(r"Security measures .*Missing", pdf_text(target))


def test_blocks_print_in_the_cnil_order_in_french() -> None:
    """The printout holds the fiche's blocks in the CNIL order, in the language asked."""
    org, record = _demo_record()
    page = record_html(record, org, "fr")
    titles = [b.title for b in build_fiche(record, org, "fr").blocks]
    positions = [page.index(f"<h2>{html.escape(t)}</h2>") for t in titles]
    assert positions == sorted(positions)
    assert titles[0] == "Description du traitement"


def test_the_real_editor_prints_what_is_on_screen(qtbot: QtBot, make_window: MakeWindow,
                                                  demo_session: RegisterSession,
                                                  prompts: FakePrompts, tmp_path: Path) -> None:
    """With the real editor, a name typed but not saved is what prints."""
    window = make_window(demo_session, make_editor=editor_factory(prompts))
    window.table.selectRow(0)
    editor = window.editor
    assert isinstance(editor, RecordEditor)
    name = editor.form.name_edit
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Typed & not saved <yet>")
    assert editor.is_dirty()
    target = tmp_path / "on-screen.pdf"
    prompts.printer = pdf_printer(target)
    window.commands.print.trigger()
    assert "Typed & not saved <yet>" in pdf_text(target)
    assert editor.is_dirty()
