"""The Excel export: read back with openpyxl (and rendered by LibreOffice when present)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.exchange.labels import text
from ropa_app.exchange.xlsx import ExportCancelled, write_record_xlsx, write_register_xlsx
from ropa_app.exchange.xlsx import sheet as sheet_module
from ropa_app.exchange.xlsx.cells import CELL_LIMIT, unescape
from ropa_app.exchange.xlsx.writer import DATA_SHEET

NOW = datetime(2026, 5, 15, 9, 30, tzinfo=UTC)
CONTROLLER = RegisterKind.CONTROLLER
BLOCK_KEYS = ("block_description", "block_actors", "block_purposes", "block_data",
              "block_sensitive", "block_subjects", "block_recipients", "block_security",
              "block_transfers", "block_more")
NASTY = {
    "name": '=HYPERLINK("http://evil.example","clic")',
    "description": "+1",
    "business_function": "-2",
    "owner": "@SUM(A1)",
    "software": "\tx",
    "notes": "\rx",
}


@pytest.fixture(scope="module")
def demo() -> OrganisationDoc:
    """The demo organisation, built for a fixed day."""
    return build_demo(NOW)


@pytest.fixture(scope="module")
def demo_book(demo: OrganisationDoc, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's controller register exported in French."""
    path = tmp_path_factory.mktemp("xlsx") / "registre.xlsx"
    write_register_xlsx(path, demo, CONTROLLER, "fr", app_version="9.9.9", now=NOW)
    return path


def _org_with(records: list[RecordDoc]) -> OrganisationDoc:
    org = build_demo(NOW)
    org.records = records
    return org


def _record(reference: str, name: str, **fields: Any) -> RecordDoc:
    return RecordDoc(reference=reference, name=name, created_at=NOW, updated_at=NOW, **fields)


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def _column_a(ws: Any) -> list[Any]:
    return [row[0] for row in ws.iter_rows(values_only=True)]


def test_demo_workbook_has_the_expected_sheets(demo: OrganisationDoc, demo_book: Path) -> None:
    """Summary, flat table, one fiche per activity and the hidden data sheet, in that order."""
    wb = openpyxl.load_workbook(demo_book)
    controller = [r for r in demo.records if r.register_kind is CONTROLLER]
    assert wb.sheetnames[0] == "Liste des traitements"
    assert wb.sheetnames[1] == "Tableau"
    assert wb.sheetnames[-1] == DATA_SHEET
    assert wb[DATA_SHEET].sheet_state == "hidden"
    fiches = wb.sheetnames[2:-1]
    assert len(fiches) == len(controller)
    assert all(wb[n].sheet_state == "visible" for n in wb.sheetnames[:-1])
    assert fiches[0].startswith("COM-01 ")


def test_header_block_names_organisation_dpo_register_date_and_version(
        demo: OrganisationDoc, demo_book: Path) -> None:
    """The summary's header block holds who keeps the register, which one, when, with what."""
    ws = openpyxl.load_workbook(demo_book)["Liste des traitements"]
    block = {row[0]: row[1] for row in _rows(ws)[1:8] if row[0]}
    assert block["Organisme"].startswith(demo.name)
    assert demo.dpo_name in block["Délégué à la protection des données"]
    assert block["Représentant"] == "Aucun"
    assert block["Registre"].startswith("Registre des activités de traitement du responsable")
    local = NOW.astimezone()
    assert block["Date et heure de l'export"] == f"{local:%d/%m/%Y %H:%M}"
    assert block["Version de l'application"] == "9.9.9"


def test_summary_has_one_row_per_activity(demo: OrganisationDoc, demo_book: Path) -> None:
    """Below its CNIL headings, the summary lists each activity once, by reference."""
    ws = openpyxl.load_workbook(demo_book)["Liste des traitements"]
    rows = _rows(ws)
    head = next(i for i, row in enumerate(rows) if row[0] == "Nom du traitement")
    assert rows[head][:4] == ("Nom du traitement", "N° / RÉF", "Date de création de la fiche",
                              "Dernière mise à jour de la fiche")
    assert rows[head - 1][0] == "Identification du traitement"
    listed = [row[1] for row in rows[head + 1:] if row[1]]
    expected = sorted(r.reference for r in demo.records if r.register_kind is CONTROLLER)
    assert listed == expected
    assert ws.freeze_panes == f"A{head + 2}"
    assert ws.auto_filter.ref == f"A{head + 1}:H{head + 1 + len(expected)}"


def test_fiche_blocks_follow_the_cnil_order(demo_book: Path) -> None:
    """A fiche shows the CNIL blocks in the CNIL order, with its title and dates in French."""
    wb = openpyxl.load_workbook(demo_book)
    ws = wb[next(n for n in wb.sheetnames if n.startswith("RH-03"))]
    column = _column_a(ws)
    titles = [text(k, "fr") for k in BLOCK_KEYS]
    assert [v for v in column if v in titles] == titles
    assert column[0] == "Fiche de registre — RH-03 — Paie"
    values = {row[0]: row[1] for row in _rows(ws) if row[0]}
    assert values["N° / RÉF"] == "RH-03"
    assert values["Prochaine revue"].count("/") == 2  # 15/05/2027: the French format
    assert ws.print_title_rows == "$1:$1"


def test_flat_sheet_has_frozen_header_and_auto_filter(demo: OrganisationDoc,
                                                      demo_book: Path) -> None:
    """The flat sheet: one row per activity, frozen header, auto-filter, real dates."""
    ws = openpyxl.load_workbook(demo_book)["Tableau"]
    rows = _rows(ws)
    count = len([r for r in demo.records if r.register_kind is CONTROLLER])
    assert len(rows) == count + 1
    assert rows[0][:3] == ("N° / RÉF", "Nom du traitement", "Statut")
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:AE{count + 1}"
    created = rows[0].index("Date de création de la fiche")
    assert isinstance(rows[1][created], datetime)
    assert ws.cell(row=2, column=created + 1).number_format == "DD/MM/YYYY"
    assert ws.cell(row=2, column=1).alignment.wrap_text


def test_every_sheet_prints_on_a4_fitted_to_width(demo_book: Path) -> None:
    """Print set-up: A4, landscape, fitted to the page width, header and footer."""
    wb = openpyxl.load_workbook(demo_book)
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToHeight == 0
        assert "&P" in ws.oddFooter.right.text
    assert wb["Liste des traitements"].page_setup.fitToWidth == 1
    assert wb["Liste des traitements"].print_title_rows


def test_english_export_uses_english_labels_and_iso_dates(demo: OrganisationDoc,
                                                          tmp_path: Path) -> None:
    """Labels and date formats follow the language."""
    path = tmp_path / "register.xlsx"
    write_register_xlsx(path, demo, RegisterKind.PROCESSOR, "en", now=NOW)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["List of processing activities", "Table"]
    ws = wb["Table"]
    created = _rows(ws)[0].index("Record created on")
    assert ws.cell(row=2, column=created + 1).number_format == "YYYY-MM-DD"
    titles = {text(k, "en") for k in BLOCK_KEYS}
    first_block = next(v for v in _column_a(wb[wb.sheetnames[2]]) if v in titles)
    assert first_block == "Description of the processing"


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    """Text starting with = + - @ or a control character is a string cell, never a formula."""
    path = tmp_path / "nasty.xlsx"
    write_register_xlsx(path, _org_with([_record("X-1", **NASTY)]), CONTROLLER, now=NOW)
    wb = openpyxl.load_workbook(path)
    ws = wb["Tableau"]
    head = _rows(ws)[0]
    for field, value in NASTY.items():
        cell = ws.cell(row=2, column=head.index(text(field, "fr")) + 1)
        assert cell.value == value, field
        assert cell.data_type == "s", field
        assert cell.quotePrefix, field
    fiche = wb[wb.sheetnames[2]]
    name = next(row for row in fiche.iter_rows() if row[0].value == "Nom du traitement")[1]
    assert (name.value, name.data_type) == (NASTY["name"], "s")


def test_control_characters_are_escaped_not_refused(tmp_path: Path) -> None:
    """Characters XML cannot hold are written with the OOXML escape and read back."""
    path = tmp_path / "control.xlsx"
    rec = _record("X-1", "Bell\x07 and _x0041_ literal", description="a\x01b\x1fc")
    write_register_xlsx(path, _org_with([rec]), CONTROLLER, now=NOW)
    ws = openpyxl.load_workbook(path)["Tableau"]
    assert unescape(ws.cell(row=2, column=2).value) == "Bell\x07 and _x0041_ literal"
    assert unescape(ws.cell(row=2, column=6).value) == "a\x01b\x1fc"


def test_sheet_names_are_valid_and_unique(tmp_path: Path) -> None:
    """Forbidden characters are replaced, names cut at 31 and made unique."""
    long_ref = "DIRECTION-GENERALE-DES-ACHATS-0000"
    records = [_record("RH/01", "paie [test]*?"), _record(f"{long_ref}1", "Achats"),
               _record(f"{long_ref}2", "Achats"), _record("ROPA", "data")]
    path = tmp_path / "names.xlsx"
    write_register_xlsx(path, _org_with(records), CONTROLLER, now=NOW)
    names = openpyxl.load_workbook(path).sheetnames
    fiches = names[2:-1]
    assert len(fiches) == 4
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")
    assert "RH 01 paie test" in fiches
    assert any(n.endswith(" (2)") for n in fiches)


def test_a_40000_character_field_is_not_cut_silently(tmp_path: Path) -> None:
    """A text over Excel's cell limit continues on further rows of the fiche, and the flat
    sheet says where the rest is."""
    long = "".join(f"Phrase {i} du traitement décrit en détail. " for i in range(1000))[:40_000]
    path = tmp_path / "long.xlsx"
    write_register_xlsx(path, _org_with([_record("L-1", "Long", description=long)]),
                        CONTROLLER, now=NOW)
    wb = openpyxl.load_workbook(path)
    fiche = wb[wb.sheetnames[2]]
    pieces = [row[1] for row in _rows(fiche)
              if isinstance(row[0], str) and row[0].startswith("Description")
              and not row[0].startswith("Description du")]
    assert len(pieces) > 1
    assert "".join(pieces) == long
    assert all(len(p) <= CELL_LIMIT for p in pieces)
    conts = [row[0] for row in _rows(fiche) if isinstance(row[0], str) and "(suite" in row[0]]
    assert conts and conts[-1].endswith(f"/{len(pieces)})")
    flat = wb["Tableau"].cell(row=2, column=6).value
    assert len(flat) <= CELL_LIMIT
    assert flat.startswith(long[:1000])
    assert "40\u202f000 caractères" in flat and "L-1" in flat


def test_large_registers_put_fiches_on_one_sheet_with_page_breaks(tmp_path: Path) -> None:
    """Beyond 30 activities the fiches follow each other on "Fiches", one page break each."""
    base = build_demo(NOW).records[0]
    records = [base.model_copy(update={"reference": f"R-{i:03d}"}) for i in range(31)]
    path = tmp_path / "big.xlsx"
    write_register_xlsx(path, _org_with(records), CONTROLLER, now=NOW)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Liste des traitements", "Tableau", "Fiches", DATA_SHEET]
    ws = wb["Fiches"]
    column = _column_a(ws)
    titles = [i for i, v in enumerate(column, start=1)
              if isinstance(v, str) and v.startswith("Fiche de registre")]
    starts = [b.id + 1 for b in ws.row_breaks.brk]
    assert set(titles[1:]) <= set(starts)
    assert len(starts) <= 1026  # Excel's limit of manual page breaks per sheet
    headings = {text(k, "fr") for k in BLOCK_KEYS}
    assert not [b for b in starts if column[b - 2] in headings]  # no heading ends a page


def test_one_record_workbook(demo: OrganisationDoc, tmp_path: Path) -> None:
    """A single record exports with the header block, its summary line and its fiche."""
    path = tmp_path / "one.xlsx"
    rec = demo.records[2]
    write_record_xlsx(path, demo, rec, "fr", now=NOW)
    wb = openpyxl.load_workbook(path)
    assert len(wb.sheetnames) == 4
    assert wb.sheetnames[2].startswith(rec.reference)
    assert [r[1] for r in _rows(wb["Tableau"])][1:] == [rec.name]


def test_cancelling_leaves_no_file(demo: OrganisationDoc, tmp_path: Path) -> None:
    """A cancelled export raises ExportCancelled and leaves nothing in the folder."""
    calls: list[tuple[int, int]] = []
    with pytest.raises(ExportCancelled):
        write_register_xlsx(tmp_path / "x.xlsx", demo, CONTROLLER, now=NOW,
                            progress=lambda d, t: calls.append((d, t)),
                            cancelled=lambda: len(calls) >= 3)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_its_total(demo: OrganisationDoc, tmp_path: Path) -> None:
    """Progress is reported in order and ends at (total, total)."""
    calls: list[tuple[int, int]] = []
    write_register_xlsx(tmp_path / "x.xlsx", demo, CONTROLLER, now=NOW,
                        progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_openpyxl_cell_writer_gives_the_same_workbook(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    """Without the fast row stream (lxml installed), openpyxl's cells hold the same values."""
    org = _org_with([_record("X-1", **NASTY), *build_demo(NOW).records[:3]])
    write_register_xlsx(tmp_path / "fast.xlsx", org, CONTROLLER, now=NOW)
    monkeypatch.setattr(sheet_module, "LXML", True)
    write_register_xlsx(tmp_path / "slow.xlsx", org, CONTROLLER, now=NOW)
    fast = openpyxl.load_workbook(tmp_path / "fast.xlsx")
    slow = openpyxl.load_workbook(tmp_path / "slow.xlsx")
    assert fast.sheetnames == slow.sheetnames
    for name in fast.sheetnames:
        a, b = fast[name], slow[name]
        assert _rows(a) == _rows(b), name
        assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))
        assert [(c.style_id, c.data_type) for row in a.iter_rows() for c in row] == \
            [(c.style_id, c.data_type) for row in b.iter_rows() for c in row], name


def test_export_file_has_an_ordinary_mode(demo: OrganisationDoc, tmp_path: Path) -> None:
    """The workbook is readable by others like any file the user saves (not private)."""
    path = tmp_path / "x.xlsx"
    write_register_xlsx(path, demo, CONTROLLER, now=NOW)
    assert path.stat().st_mode & 0o044


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
def test_libreoffice_converts_the_export_to_pdf_and_csv(demo_book: Path, tmp_path: Path) -> None:
    """LibreOffice opens the export and converts it to PDF and CSV without error."""
    for target in ("pdf", "csv"):
        out = tmp_path / target
        out.mkdir()
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                        "--headless", "--convert-to", target, "--outdir", str(out),
                        str(demo_book)], check=True, capture_output=True, timeout=180)
        produced = out / f"{demo_book.stem}.{target}"
        assert produced.stat().st_size > 1000
    assert (tmp_path / "pdf" / "registre.pdf").read_bytes().startswith(b"%PDF")
    csv_text = (tmp_path / "csv" / "registre.csv").read_bytes().decode("utf-8", "replace")
    assert "Nom du traitement" in csv_text
