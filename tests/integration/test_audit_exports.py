"""The audit readiness section of the register exports, read back from the files.

Excel with openpyxl, PDF with pypdf (and pdftoppm for the looks), the command line in a
subprocess. The section appears only on request, holds every finding of the compliance
checks, the score and the reviews due, in French or English, and does not get in the way of
re-importing our own workbook.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from ropa_app.checks.engine import Finding, check_register, score
from ropa_app.checks.stats import register_stats
from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RecordStatus, RegisterKind
from ropa_app.exchange.audit import field_label
from ropa_app.exchange.pdf import render_register_pdf, write_register_pdf
from ropa_app.exchange.xlsx import (
    ItemStatus,
    apply_plan,
    read_workbook,
    write_register_xlsx,
)
from ropa_app.exchange.xlsx import sheet as sheet_module
from ropa_app.exchange.xlsx.writer import DATA_SHEET
from ropa_app.store.database import OpenedRegister
from ropa_app.store.records import count_records
from tests.integration.test_cli import _one_line_error, ropa
from tests.integration.test_pdf import _fonts, body_text, outline_titles, squash

NOW = datetime(2026, 5, 15, 10, 0, tzinfo=UTC)
TODAY = NOW.astimezone().date()  # the exporters check on the export's local day
CONTROLLER = RegisterKind.CONTROLLER
FORMULA = '=HYPERLINK("http://evil.example","clic")'
MARKUP = "<b>Paie</b> & co"
SHEET = {"fr": "Conformité", "en": "Audit readiness"}
SEVERITIES = {"fr": ("Erreur", "Avertissement", "À examiner"),
              "en": ("Error", "Warning", "Notice")}


@pytest.fixture(scope="module")
def demo() -> OrganisationDoc:
    """The demo organisation, dated at a fixed moment (warnings and notices, no error)."""
    return build_demo(NOW)


@pytest.fixture(scope="module")
def broken() -> OrganisationDoc:
    """The demo with errors: no address, and two empty drafts, one named like a formula."""
    org = build_demo(NOW)
    org.address = ""
    org.records = [*org.records,
                   RecordDoc(reference="X-1", name=FORMULA, created_at=NOW, updated_at=NOW),
                   RecordDoc(reference="X-2", name=MARKUP, created_at=NOW, updated_at=NOW,
                             status=RecordStatus.VALIDATED, next_review=date(2026, 9, 1))]
    return org


def findings(org: OrganisationDoc) -> list[Finding]:
    """What the compliance checks find in the controller register on the export's day."""
    return check_register(org, CONTROLLER, TODAY)


def where(f: Finding, lang: str) -> str:
    """The reference column of a finding: its record, or the organisation's block."""
    if f.reference is not None:
        return f.reference
    return "Organisme" if lang == "fr" else "Organisation"


# --- Excel ---------------------------------------------------------------------------------


def _book(org: OrganisationDoc, path: Path, lang: str = "fr", audit: bool = True) -> Any:
    write_register_xlsx(path, org, CONTROLLER, lang, app_version="9.9.9", now=NOW, audit=audit)
    return openpyxl.load_workbook(path)


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def _meta(wb: Any) -> dict[str, Any]:
    first = next(wb[DATA_SHEET].iter_rows(values_only=True))
    return json.loads(first[1])


def test_default_workbook_has_no_audit_sheet(demo: OrganisationDoc, tmp_path: Path) -> None:
    """Without audit=True the workbook is the usual one: no audit sheet, no mention of it."""
    plain = _book(demo, tmp_path / "plain.xlsx", audit=False)
    assert not {"Conformité", "Audit readiness"} & set(plain.sheetnames)
    assert "audit_sheet" not in _meta(plain)
    with_audit = _book(demo, tmp_path / "audit.xlsx")
    assert with_audit.sheetnames == [*plain.sheetnames[:-1], "Conformité", DATA_SHEET]
    for name in plain.sheetnames[:-1]:  # every other visible sheet is left as it was
        assert _rows(with_audit[name]) == _rows(plain[name]), name
    assert _meta(with_audit)["audit_sheet"] == "Conformité"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_audit_sheet_lists_every_finding_with_score_and_reviews(
        broken: OrganisationDoc, tmp_path: Path, lang: str) -> None:
    """Title, date checked, score, one row per finding (errors first) and reviews due."""
    wb = _book(broken, tmp_path / f"audit-{lang}.xlsx", lang)
    ws = wb[SHEET[lang]]
    assert ws.sheet_state == "visible"
    assert wb.sheetnames.index(SHEET[lang]) == len(wb.sheetnames) - 2
    rows = _rows(ws)
    assert rows[0][0] == ("Conformité du registre" if lang == "fr" else "Audit readiness")
    facts = {row[0]: row[3] for row in rows[2:7]}
    checked = facts["Date du contrôle" if lang == "fr" else "Checked on"]
    assert isinstance(checked, datetime) and checked.date() == TODAY
    found = findings(broken)
    records = [r for r in broken.records if r.register_kind is CONTROLLER]
    result = score(records, found)
    assert result.errors > 0 and result.warnings > 0 and result.notices > 0
    assert sorted(v for v in facts.values() if isinstance(v, int)) == sorted(
        (result.errors, result.warnings, result.notices))
    complete = facts["Fiches complètes" if lang == "fr" else "Complete records"]
    assert complete.startswith(f"{result.percent}\u00a0%" if lang == "fr"
                               else f"{result.percent}%")

    head = next(i for i, row in enumerate(rows) if row[0] in ("Gravité", "Severity"))
    listed = []
    for row in rows[head + 1:]:
        if row[0] not in SEVERITIES[lang]:
            break
        listed.append(row)
    assert len(listed) == len(found)
    for f in found:
        assert any(row[1] == where(f, lang) and row[3] == f.rule.message(lang)
                   and row[4] == f.rule.article and row[6] == f.rule.id
                   and row[5] == field_label(f.path, lang, organisation=f.reference is None)
                   for row in listed), f
    order = [SEVERITIES[lang].index(row[0]) for row in listed]
    assert order == sorted(order)
    assert listed[0][1] == where(found[0], lang)  # the organisation's block comes first

    assert ws.freeze_panes == f"A{head + 2}"
    assert ws.auto_filter.ref == f"A{head + 1}:G{head + 1 + len(listed)}"
    assert ws.print_title_rows == f"${head + 1}:${head + 1}"
    heading = ws.cell(row=head + 1, column=1)
    summary_heading = next(c for row in wb[wb.sheetnames[1]].iter_rows(max_row=1) for c in row)
    assert heading.font.bold and heading.fill.fgColor.rgb == summary_heading.fill.fgColor.rgb
    assert ws.cell(row=head + 2, column=4).alignment.wrap_text

    stats = register_stats(records, TODAY)
    counts = {row[0]: row[3] for row in rows[head + len(listed):] if row[0]}
    assert counts["En retard" if lang == "fr" else "Overdue"] == stats.reviews_overdue
    unplanned = "Sans date de prochaine revue" if lang == "fr" else "No next review date"
    assert counts[unplanned] == stats.reviews_unplanned
    month = "mai 2026" if lang == "fr" else "May 2026"
    assert counts[month] == stats.reviews_by_month[(2026, 5)]
    assert sum(1 for k in counts if k and k[-4:].isdigit()) == 12


def test_formula_like_name_in_a_finding_stays_text(broken: OrganisationDoc,
                                                   tmp_path: Path) -> None:
    """A record named "=HYPERLINK(...)" is a quoted string cell in every finding row."""
    ws = _book(broken, tmp_path / "nasty.xlsx")["Conformité"]
    cells = [row[2] for row in ws.iter_rows() if row[1].value == "X-1"]
    assert cells
    for cell in cells:
        assert (cell.value, cell.data_type) == (FORMULA, "s")
        assert cell.quotePrefix
    markup = [row[2].value for row in ws.iter_rows() if row[1].value == "X-2"]
    assert markup and set(markup) == {MARKUP}


def test_openpyxl_cell_writer_gives_the_same_audit_sheet(broken: OrganisationDoc,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    """Without the fast row stream (lxml installed) the audit sheet holds the same cells."""
    fast = _book(broken, tmp_path / "fast.xlsx")["Conformité"]
    monkeypatch.setattr(sheet_module, "LXML", True)
    slow = _book(broken, tmp_path / "slow.xlsx")["Conformité"]
    assert _rows(fast) == _rows(slow)
    assert [(c.style_id, c.data_type) for row in fast.iter_rows() for c in row] == \
        [(c.style_id, c.data_type) for row in slow.iter_rows() for c in row]


def test_own_workbook_with_audit_sheet_imports_back(demo: OrganisationDoc,
                                                    opened: OpenedRegister,
                                                    tmp_path: Path) -> None:
    """The import ignores the audit sheet: every record comes back, with no warning."""
    path = tmp_path / "audit.xlsx"
    write_register_xlsx(path, demo, CONTROLLER, now=NOW, audit=True)
    plan = read_workbook(path)
    assert plan.kind == "ropa" and not plan.warnings
    expected = sorted((r for r in demo.records if r.register_kind is CONTROLLER),
                      key=lambda r: r.reference)
    assert [i.record for i in plan.items] == expected
    assert all(i.status is ItemStatus.NEW and not i.warnings for i in plan.items)
    summary = apply_plan(opened.engine, demo.name, CONTROLLER, plan, "dpo", now=NOW)
    assert summary.created == len(expected) == count_records(opened.engine)


# --- PDF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audit_pdf(broken: OrganisationDoc, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, PdfReader]:
    """The broken organisation's controller register in French, with the audit section."""
    path = tmp_path_factory.mktemp("audit") / "registre.pdf"
    write_register_pdf(path, broken, CONTROLLER, "fr", now=NOW, audit=True)
    return path, PdfReader(path)


def _audit_pages(reader: PdfReader, title: str) -> list[int]:
    """Indexes of the pages whose running header names the section."""
    return [i for i, page in enumerate(reader.pages)
            if squash(f"· {title}") in squash(page.extract_text())]


def test_default_pdf_has_no_audit_section(demo: OrganisationDoc) -> None:
    """Without audit=True: no contents line, no outline entry, no findings table."""
    reader = PdfReader(io.BytesIO(render_register_pdf(demo, CONTROLLER, "fr", now=NOW)))
    titles = outline_titles(reader)
    assert "Conformité du registre" not in titles
    text = body_text(reader)
    assert "Points relevés" not in text and "Conformité du registre" not in text


def test_pdf_section_follows_the_summary_with_contents_and_outline(
        audit_pdf: tuple[Path, PdfReader]) -> None:
    """Outline and contents list the section after the summary; its page number is right."""
    _path, reader = audit_pdf
    titles = outline_titles(reader)
    assert titles[:4] == ["Table des matières", "Liste des traitements",
                          "Conformité du registre", "Fiches de registre"]
    entry = reader.outline[2]
    page = reader.get_destination_page_number(entry) + 1
    pages = _audit_pages(reader, "Conformité du registre")
    assert pages and pages[0] + 1 == page
    summary = reader.get_destination_page_number(reader.outline[1])
    assert summary < pages[0]
    assert f"Conformité du registre\n{page}\n" in reader.pages[1].extract_text()
    landscape = reader.pages[pages[0]]
    assert float(landscape.mediabox.width) > float(landscape.mediabox.height)


def test_pdf_section_holds_every_finding_and_the_score(
        broken: OrganisationDoc, audit_pdf: tuple[Path, PdfReader]) -> None:
    """Every finding's reference, message, field and rule, the score and the reviews."""
    _path, reader = audit_pdf
    pages = _audit_pages(reader, "Conformité du registre")
    section = squash("".join(reader.pages[i].extract_text() for i in pages))
    found = findings(broken)
    for f in found:
        row = squash(f"{where(f, 'fr')}")
        assert row in section
        assert squash(f.rule.message("fr")) in section, f
        assert squash(f.rule.id) in section
        assert squash(field_label(f.path, "fr", organisation=f.reference is None)) in section
    assert squash(MARKUP) in section and squash(FORMULA) in section
    records = [r for r in broken.records if r.register_kind is CONTROLLER]
    result = score(records, found)
    assert squash(f"{result.percent} %") in section
    assert squash(f"({result.clean} sur {result.records})") in section
    for word in ("Points relevés", "Gravité", "Champ à corriger", "Erreur", "Avertissement",
                 "À examiner", "Revues périodiques des fiches", "En retard",
                 "Revues à faire par mois", "mai 2026", "avril 2027", "Date du contrôle"):
        assert squash(word) in section, word
    counts = [result.errors, result.warnings, result.notices]
    assert all(squash(str(n)) in section for n in counts)


def test_pdf_fonts_stay_embedded_dejavu_with_the_chart(
        audit_pdf: tuple[Path, PdfReader]) -> None:
    """The chart's labels use the embedded DejaVu Sans too: no base-14 font appears."""
    _path, reader = audit_pdf
    seen: set[int] = set()
    names = {str(font["/BaseFont"]) for page in reader.pages
             for font in _fonts(page.get("/Resources"), seen)}
    assert names and all("DejaVuSans" in n for n in names), names


def test_english_pdf_section(broken: OrganisationDoc) -> None:
    """English titles, headings and severities."""
    reader = PdfReader(io.BytesIO(render_register_pdf(
        broken, CONTROLLER, "en", now=NOW, audit=True)))
    assert outline_titles(reader)[2] == "Audit readiness"
    pages = _audit_pages(reader, "Audit readiness")
    section = squash("".join(reader.pages[i].extract_text() for i in pages))
    for word in ("Findings", "Severity", "What is wrong", "Field to fix", "Error", "Warning",
                 "Notice", "Periodic reviews of the records", "Overdue", "May 2026",
                 "Reviews due per month", "Checked on"):
        assert squash(word) in section, word
    for f in findings(broken):
        assert squash(f.rule.message("en")) in section, f


def test_pdf_section_with_no_finding_says_so(tmp_path: Path) -> None:
    """A register with nothing to raise shows 100 % and "No finding."."""
    org = build_demo(NOW)
    org.records = [r for r in org.records if r.register_kind is RegisterKind.PROCESSOR]
    assert check_register(org, RegisterKind.PROCESSOR, TODAY) == []
    path = tmp_path / "clean.pdf"
    write_register_pdf(path, org, RegisterKind.PROCESSOR, "en", now=NOW, audit=True)
    reader = PdfReader(path)
    section = squash("".join(reader.pages[i].extract_text()
                             for i in _audit_pages(reader, "Audit readiness")))
    assert squash("No finding.") in section and "100%" in section


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm (Debian package poppler-utils) is not installed")
def test_rendered_audit_page_shows_errors_in_red(audit_pdf: tuple[Path, PdfReader],
                                                 tmp_path: Path) -> None:
    """pdftoppm renders the section's first page with ink, and error cells in red."""
    from PIL import Image

    path, reader = audit_pdf
    page = _audit_pages(reader, "Conformité du registre")[0] + 1
    out = tmp_path / "audit"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page),
                    "-singlefile", str(path), str(out)], check=True, capture_output=True)
    image = Image.open(out.with_suffix(".png")).convert("RGB")
    pixels = list(image.get_flattened_data())
    assert sum(1 for px in pixels if sum(px) < 300) > 500, "the page is blank"
    reddish = sum(1 for r, g, b in pixels if r > 245 and 222 < g < 242 and 222 < b < 242)
    assert reddish > 200, "errors are not highlighted"


# --- the command line ----------------------------------------------------------------------


def test_cli_export_audit_flag(tmp_path: Path) -> None:
    """``ropa export --audit`` adds the section to .xlsx and .pdf; without it, none."""
    db = tmp_path / "a.sqlite"
    assert ropa("demo", db=db).returncode == 0
    book = tmp_path / "reg.xlsx"
    done = ropa("export", str(book), "--audit", db=db)
    assert done.returncode == 0, done.stderr
    assert "audit readiness" in done.stdout
    names = openpyxl.load_workbook(book, read_only=True).sheetnames
    assert names[-2:] == ["Conformité", DATA_SHEET]
    plain = tmp_path / "plain.xlsx"
    assert ropa("export", str(plain), db=db).returncode == 0
    assert "Conformité" not in openpyxl.load_workbook(plain, read_only=True).sheetnames
    pdf = tmp_path / "reg.pdf"
    done = ropa("export", str(pdf), "--audit", "--lang", "en", db=db)
    assert done.returncode == 0, done.stderr
    assert "Audit readiness" in outline_titles(PdfReader(pdf))


@pytest.mark.parametrize(("args", "words"), [
    (("x.json", "--audit"), "--audit adds a section to .pdf and .xlsx exports"),
    (("x.pdf", "--audit", "--record", "IT-01"), "not to one record"),
])
def test_cli_audit_flag_misused_is_a_usage_error(tmp_path: Path, args: tuple[str, ...],
                                                 words: str) -> None:
    """``--audit`` on a JSON or one-record export: one line, exit 2, nothing written."""
    db = tmp_path / "a.sqlite"
    assert ropa("demo", db=db).returncode == 0
    target = tmp_path / args[0]
    result = ropa("export", str(target), *args[1:], db=db)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ropa: error: ") and words in lines[0]
    assert not target.exists()


def test_cli_unknown_format_still_says_so(tmp_path: Path) -> None:
    """``--audit`` with an unknown extension gets the usual format error (exit 1)."""
    line = _one_line_error(ropa("export", str(tmp_path / "x.txt"), "--audit",
                                db=tmp_path / "a.sqlite"))
    assert "cannot tell the format" in line

