"""The PDF exports read back with pypdf (and rendered with pdftoppm when it is installed)."""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RegisterKind, SecurityMeasureType
from ropa_app.domain.models import PurposeBase, SecurityMeasureBase
from ropa_app.exchange.fiche import build_fiche, summary_row
from ropa_app.exchange.pdf import (
    ExportCancelled,
    render_record_pdf,
    render_register_pdf,
    write_record_pdf,
    write_register_pdf,
)
from ropa_app.exchange.pdf.escape import chunks, markup
from ropa_app.store.errors import DiskFullError, RopaError, UnwritableLocationError

NOW = datetime(2026, 5, 15, 10, 0, tzinfo=UTC)
CONTROLLER = RegisterKind.CONTROLLER

MARKUP = "<b>&amp;</b> <script>alert('x')</script> & <para> &lt;"
UNICODE = "Zażółć gęślą jaźń — Ελληνικά — Русский текст"
LONG_WORD = "Anticonstitutionnellement" * 12  # 300 characters, no space
LONG_FIELD = " ".join(f"mot{i:05d}" for i in range(5600))  # about 50,000 characters
LONG_CELL = " ".join(f"cellule{i:04d}" for i in range(1800))  # a 20,000-character table cell


# --- helpers ---------------------------------------------------------------------------------


def squash(value: str) -> str:
    """``value`` without any whitespace: lines wrap wherever the layout breaks them."""
    return "".join(value.split())


def assert_in_order(value: str, text: str) -> None:
    """Every word of ``value`` is in the squashed ``text``, in order.

    A value that runs over several pages has the block's title (repeated at the top of each
    page) between its parts, so it is not one substring of the page text.
    """
    pos = 0
    for word in value.split():
        found = text.find(word, pos)
        assert found >= 0, f"{word[:40]!r} missing after position {pos}"
        pos = found + len(word)


def reader_of(data: bytes) -> PdfReader:
    """A pypdf reader over PDF bytes."""
    return PdfReader(io.BytesIO(data))


def body_text(reader: PdfReader) -> str:
    """The text of every page inside the frame: running header, footer and page numbers out."""
    parts: list[str] = []
    for page in reader.pages:
        height = float(page.mediabox.height)

        def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any, h: float = height) -> None:
            y = cm[5] + tm[5] * cm[3]
            if 35 < y < h - 45:
                parts.append(text)

        page.extract_text(visitor_text=visit)
    return "".join(parts)


def all_text(reader: PdfReader) -> str:
    """Every page's extracted text, header and footer included."""
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(reader: PdfReader) -> list[Any]:
    """The outline as nested lists of titles."""

    def walk(items: list[Any]) -> list[Any]:
        return [walk(i) if isinstance(i, list) else i.title for i in items]

    return walk(reader.outline)


def fiche_values(rec: RecordDoc, org: OrganisationDoc, lang: str) -> Iterator[str]:
    """Every non-empty value the fiche of ``rec`` holds (fields and table cells)."""
    fiche = build_fiche(rec, org, lang)
    yield fiche.name
    for block in fiche.blocks:
        for f in block.fields:
            if f.value:
                yield f.value
        if block.table is not None:
            for row in block.table.rows:
                yield from (v for v in row if v)


def adversarial_record() -> RecordDoc:
    """A record full of text that breaks naive PDF writers, and missing mandatory items."""
    return RecordDoc(
        reference="ADV-01", name=f"{MARKUP} {UNICODE}", register_kind=CONTROLLER,
        description=LONG_FIELD, software=LONG_WORD,
        notes=f"{UNICODE}\n{MARKUP}\ttab\r\nwindows line\x07bell",
        purposes=[PurposeBase(description=MARKUP, justification=LONG_CELL)],
        security_measures=[SecurityMeasureBase(measure_type=SecurityMeasureType.OTHER,
                                               details=f"{LONG_WORD} {UNICODE}")],
    )


@pytest.fixture(scope="module")
def demo() -> OrganisationDoc:
    """The demo organisation, dated at a fixed moment."""
    return build_demo(NOW)


@pytest.fixture(scope="module")
def register_fr(demo: OrganisationDoc, tmp_path_factory: pytest.TempPathFactory
                ) -> tuple[Path, int, PdfReader]:
    """The demo controller register written in French: path, returned page count, reader."""
    path = tmp_path_factory.mktemp("pdf") / "registre.pdf"
    pages = write_register_pdf(path, demo, CONTROLLER, "fr", now=NOW, app_version="9.8.7")
    return path, pages, PdfReader(path)


@pytest.fixture(scope="module")
def adversarial(demo: OrganisationDoc) -> tuple[OrganisationDoc, RecordDoc, PdfReader]:
    """The demo organisation plus the adversarial record, as a register PDF."""
    rec = adversarial_record()
    org = demo.model_copy(update={"records": [*demo.records, rec]})
    return org, rec, reader_of(render_register_pdf(org, CONTROLLER, "en", now=NOW))


# --- the whole register ----------------------------------------------------------------------


def test_register_holds_every_activity_and_every_filled_field(
        demo: OrganisationDoc, register_fr: tuple[Path, int, PdfReader]) -> None:
    """Every activity's name and every filled fiche value and summary cell is in the text."""
    _path, _pages, reader = register_fr
    text = squash(body_text(reader))
    records = [r for r in demo.records if r.register_kind is CONTROLLER]
    assert records
    for rec in records:
        assert squash(f"{rec.reference} — {rec.name}") in text
        for value in fiche_values(rec, demo, "fr"):
            assert squash(value) in text, (rec.reference, value)
        for value in summary_row(rec, "fr"):
            assert squash(value) in text, (rec.reference, value)


def test_register_leaves_out_the_other_register(
        demo: OrganisationDoc, register_fr: tuple[Path, int, PdfReader]) -> None:
    """The controller register does not show the processor register's activities."""
    text = all_text(register_fr[2])
    for rec in demo.records:
        if rec.register_kind is RegisterKind.PROCESSOR:
            assert rec.name not in text


def test_page_count_footer_and_contents_agree(
        register_fr: tuple[Path, int, PdfReader]) -> None:
    """The returned count, the file's pages, "page X sur Y" and the contents' numbers agree."""
    _path, pages, reader = register_fr
    assert pages == len(reader.pages) > 3
    for n, page in enumerate(reader.pages, start=1):
        assert f"page {n} sur {pages}" in page.extract_text()
    records_entry = reader.outline[-1]
    contents = reader.pages[1].extract_text()
    for item in records_entry:
        number = reader.get_destination_page_number(item) + 1
        assert item.title in reader.pages[number - 1].extract_text()
        reference, _dash, name = item.title.partition(" — ")
        assert f"{reference} {name}\n{number}\n" in contents


def test_outline_has_one_entry_per_activity(
        demo: OrganisationDoc, register_fr: tuple[Path, int, PdfReader]) -> None:
    """The outline: contents, summary, then one entry per activity in the register's order."""
    titles = outline_titles(register_fr[2])
    expected = [f"{r.reference} — {r.name}" for r in demo.records
                if r.register_kind is CONTROLLER]
    assert titles == ["Table des matières", "Liste des traitements", "Fiches de registre",
                      expected]


def _fonts(resources: Any, seen: set[int]) -> Iterator[DictionaryObject]:
    """Every font dictionary reachable from page or form resources."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        ref = xobject.idnum if isinstance(xobject, IndirectObject) else id(xobject)
        if ref in seen:
            continue
        seen.add(ref)
        yield from _fonts(xobject.get_object().get("/Resources"), seen)


def test_fonts_are_embedded_dejavu_only(register_fr: tuple[Path, int, PdfReader]) -> None:
    """Every font is an embedded DejaVu Sans subset (/FontFile2); no base-14 Helvetica."""
    seen: set[int] = set()
    names = set()
    for page in register_fr[2].pages:
        for font in _fonts(page.get("/Resources"), seen):
            names.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
    assert names
    assert all("DejaVuSans" in n for n in names), names
    assert not any("Helvetica" in n or "Times" in n or "Courier" in n for n in names)
    assert any("Bold" in n for n in names)  # the family's bold face is used, not faked


def test_metadata_and_language(register_fr: tuple[Path, int, PdfReader]) -> None:
    """Title, author, subject, creator and the catalog's /Lang are set."""
    reader = register_fr[2]
    meta = reader.metadata
    assert meta is not None
    assert meta.title == ("Registre des activités de traitement (article 30 du RGPD) — "
                          "Logicielle Atlantique SAS")
    assert meta.author == "Logicielle Atlantique SAS"
    assert "responsable de traitement" in (meta.subject or "")
    assert meta.creator == "ROPA 9.8.7"
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_cover_header_and_landscape_summary(register_fr: tuple[Path, int, PdfReader]) -> None:
    """The cover names organisation, DPO, date and version; the summary is landscape A4."""
    reader = register_fr[2]
    cover = squash(reader.pages[0].extract_text())
    for expected in ("Logicielle Atlantique SAS", "Hélène Quéré", "15/05/2026", "9.8.7",
                     "Registre des activités de traitement (article 30 du RGPD)"):
        assert squash(expected) in cover
    first_record = reader.pages[3].extract_text()
    assert "Registre des activités de traitement (article 30 du RGPD)" in first_record
    assert "Logicielle Atlantique SAS" in first_record
    assert "Généré le 15/05/2026" in first_record
    summary = reader.pages[2]
    assert float(summary.mediabox.width) > float(summary.mediabox.height)
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4 portrait


def test_english_letter_register(demo: OrganisationDoc) -> None:
    """English labels, "page X of Y", /Lang en and US Letter pages on request."""
    reader = reader_of(render_register_pdf(demo, CONTROLLER, "en", "Letter", now=NOW))
    text = all_text(reader)
    assert "Record of processing activities (GDPR Article 30)" in text
    assert f"page 1 of {len(reader.pages)}" in text
    assert "Description of the processing" in text
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert (round(float(reader.pages[0].mediabox.width)),
            round(float(reader.pages[0].mediabox.height))) == (612, 792)


def test_processor_register_and_empty_register(demo: OrganisationDoc) -> None:
    """The processor register lists its activities; a register with none still renders."""
    reader = reader_of(render_register_pdf(demo, RegisterKind.PROCESSOR, "fr", now=NOW))
    names = [r.name for r in demo.records if r.register_kind is RegisterKind.PROCESSOR]
    assert len(outline_titles(reader)[-1]) == len(names)
    empty = demo.model_copy(update={"records": []})
    reader = reader_of(render_register_pdf(empty, RegisterKind.PROCESSOR, "fr", now=NOW))
    assert "Aucune activité dans ce registre." in all_text(reader)
    assert outline_titles(reader) == ["Table des matières", "Liste des traitements"]


# --- text that breaks naive writers ----------------------------------------------------------


def test_adversarial_text_prints_as_typed(
        adversarial: tuple[OrganisationDoc, RecordDoc, PdfReader]) -> None:
    """Markup characters, a 50,000-character field, a 300-character word and non-Latin text."""
    _org, _rec, reader = adversarial
    text = squash(body_text(reader))
    for expected in (MARKUP, UNICODE, LONG_WORD, "windows line", "tab"):
        assert squash(expected) in text, expected[:40]
    assert_in_order(LONG_FIELD, text)
    assert_in_order(LONG_CELL, text)
    for word in ("Zażółć", "gęślą", "jaźń", "Ελληνικά", "Русский"):
        assert word in all_text(reader)


def test_adversarial_missing_items_are_shown(
        adversarial: tuple[OrganisationDoc, RecordDoc, PdfReader]) -> None:
    """Empty mandatory items of the adversarial record print as "Missing", not left out."""
    org, rec, reader = adversarial
    start = reader.get_destination_page_number(reader.outline[-1][-1])
    text = "".join(p.extract_text() for p in reader.pages[start:])
    fiche = build_fiche(rec, org, "en")
    flagged = sum(1 for b in fiche.blocks if b.table is not None and b.table.missing)
    assert flagged >= 3  # data, subjects, recipients
    assert text.count("Missing") >= flagged + 1  # the purpose's legal basis too


def test_one_record_pdf_with_adversarial_text(
        adversarial: tuple[OrganisationDoc, RecordDoc, PdfReader], tmp_path: Path) -> None:
    """The one-record PDF of the adversarial record flows over pages and keeps every value."""
    org, rec, _reader = adversarial
    path = tmp_path / "fiche.pdf"
    pages = write_record_pdf(path, org, rec, "fr", now=NOW)
    reader = PdfReader(path)
    assert pages == len(reader.pages) > 2
    text = squash(body_text(reader))
    for value in (MARKUP, LONG_WORD):
        assert squash(value) in text
    assert_in_order(LONG_FIELD, text)
    assert_in_order(LONG_CELL, text)
    assert outline_titles(reader) == [f"ADV-01 — {MARKUP} {UNICODE}"]


def test_escape_and_chunks() -> None:
    """Markup is escaped; cutting long text into pieces loses nothing."""
    assert markup("<b>&amp;</b>\nx\ty") == "&lt;b&gt;&amp;amp;&lt;/b&gt;<br/>x y"
    pieces = chunks(LONG_FIELD, 60, 10)
    assert len(pieces) > 50
    assert squash("".join(pieces)) == squash(LONG_FIELD)
    assert chunks(LONG_WORD * 20, 60, 10) and squash("".join(chunks(LONG_WORD * 20, 60, 10))) \
        == LONG_WORD * 20
    assert chunks("court", 60, 10) == ["court"]


# --- one record ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_record_pdf_is_one_or_two_pages(demo: OrganisationDoc, lang: str) -> None:
    """Each demo record prints on one or two pages with all its values."""
    for rec in demo.records:
        reader = reader_of(render_record_pdf(demo, rec, lang, now=NOW))
        assert 1 <= len(reader.pages) <= 2, rec.reference
        text = squash(body_text(reader))
        for value in fiche_values(rec, demo, lang):
            assert squash(value) in text, (rec.reference, value)


# --- writing, progress, cancelling, errors ---------------------------------------------------


def test_write_is_atomic_and_reports_progress(demo: OrganisationDoc, tmp_path: Path) -> None:
    """Progress goes from 0 to done; only the PDF is left in the folder, replacing the old."""
    path = tmp_path / "registre.pdf"
    path.write_bytes(b"old")
    seen: list[tuple[int, int]] = []
    write_register_pdf(path, demo, CONTROLLER, "fr", now=NOW,
                       progress=lambda done, total: seen.append((done, total)))
    assert path.read_bytes().startswith(b"%PDF")
    assert os.listdir(tmp_path) == ["registre.pdf"]
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


@pytest.mark.parametrize("after", [0, 3, 20])
def test_cancel_leaves_no_file(demo: OrganisationDoc, tmp_path: Path, after: int) -> None:
    """Cancelling before or during the export raises ExportCancelled and writes nothing."""
    calls = iter(range(1000))
    path = tmp_path / "registre.pdf"
    with pytest.raises(ExportCancelled) as caught:
        write_register_pdf(path, demo, CONTROLLER, "fr", now=NOW,
                           cancelled=lambda: next(calls) >= after)
    assert isinstance(caught.value, RopaError)
    assert os.listdir(tmp_path) == []


def test_unwritable_folder_raises_one_line_ropa_error(demo: OrganisationDoc,
                                                      tmp_path: Path) -> None:
    """A missing folder, a file as folder or a folder as file: a RopaError, one line."""
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    targets = [tmp_path / "missing" / "r.pdf", a_file / "r.pdf", tmp_path]
    for target in targets:
        with pytest.raises(UnwritableLocationError) as caught:
            write_register_pdf(target, demo, CONTROLLER, "fr", now=NOW)
        assert "\n" not in str(caught.value) and str(caught.value)
    with pytest.raises(RopaError):
        write_record_pdf(tmp_path / "missing" / "r.pdf", demo, demo.records[0], "fr")


@pytest.mark.parametrize(("code", "error"), [(errno.ENOSPC, DiskFullError),
                                             (errno.EACCES, UnwritableLocationError),
                                             (errno.EROFS, UnwritableLocationError)])
def test_write_failure_after_layout_raises_ropa_error(
        demo: OrganisationDoc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        code: int, error: type[RopaError]) -> None:
    """Disk full or permission refused while writing: the matching RopaError, no file left."""
    real_fdopen = os.fdopen

    def failing_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)
        handle.close()
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("ropa_app.exchange.files.os.fdopen", failing_fdopen)
    with pytest.raises(error) as caught:
        write_record_pdf(tmp_path / "fiche.pdf", demo, demo.records[0], "fr", now=NOW)
    assert "\n" not in str(caught.value)
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root ignores folder permissions")
def test_read_only_folder_raises_ropa_error(demo: OrganisationDoc, tmp_path: Path) -> None:
    """A read-only folder: UnwritableLocationError with a one-line message, nothing written."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UnwritableLocationError) as caught:
            write_register_pdf(folder / "r.pdf", demo, CONTROLLER, "fr", now=NOW)
        assert "\n" not in str(caught.value)
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_bad_arguments_are_programming_errors(demo: OrganisationDoc) -> None:
    """An unknown language or page size, or a naive date, is a ValueError (a bug)."""
    with pytest.raises(ValueError, match="language"):
        render_register_pdf(demo, CONTROLLER, "de")
    with pytest.raises(ValueError, match="page size"):
        render_register_pdf(demo, CONTROLLER, "fr", "A3")
    with pytest.raises(ValueError, match="timezone"):
        render_register_pdf(demo, CONTROLLER, "fr", now=datetime(2026, 1, 1))


# --- looks -----------------------------------------------------------------------------------


def _render_png(pdf: Path, page: int, out: Path) -> Any:
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out)], check=True, capture_output=True)
    return Image.open(out.with_suffix(".png")).convert("RGB")


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm (Debian package poppler-utils) is not installed")
def test_rendered_pages_are_not_blank(register_fr: tuple[Path, int, PdfReader],
                                      adversarial: tuple[OrganisationDoc, RecordDoc, PdfReader],
                                      tmp_path: Path) -> None:
    """pdftoppm renders the cover with ink on it, and "Missing" cells in red."""
    cover = _render_png(register_fr[0], 1, tmp_path / "cover")
    dark = sum(1 for px in cover.get_flattened_data() if sum(px) < 300)
    assert dark > 500, "the cover is blank"
    org, rec, _reader = adversarial
    pdf = tmp_path / "adv.pdf"
    pages = write_record_pdf(pdf, org, rec, "en", now=NOW)
    last = _render_png(pdf, pages, tmp_path / "last")
    reddish = sum(1 for r, g, b in last.get_flattened_data()  # the "missing" background, #fde8e8
                  if r > 245 and 222 < g < 242 and 222 < b < 242)
    assert reddish > 200, "missing items are not highlighted"
    assert re.search(r"Missing", PdfReader(pdf).pages[-1].extract_text())
