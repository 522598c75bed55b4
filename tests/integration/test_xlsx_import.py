"""The Excel import: our own workbooks back without loss, the CNIL model as DPOs fill it,
bad files refused with the place named, and nothing written unless everything is."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc, RecordDoc, RegisterDoc
from ropa_app.domain.enums import (
    HistoryAction,
    LegalBasis,
    PurposeKind,
    RecipientType,
    RegisterKind,
    SubjectCategory,
)
from ropa_app.domain.models import OrganisationBase, PurposeBase
from ropa_app.exchange import json_io
from ropa_app.exchange.xlsx import (
    ImportPlan,
    ItemStatus,
    Limits,
    apply_plan,
    existing_references,
    read_workbook,
    write_register_xlsx,
)
from ropa_app.exchange.xlsx.writer import DATA_SHEET
from ropa_app.store.bulk import export_register, import_register
from ropa_app.store.database import OpenedRegister, open_register
from ropa_app.store.errors import InvalidDocumentError, RopaError
from ropa_app.store.organisations import OrganisationStore
from ropa_app.store.records import RecordStore, count_records

NOW = datetime(2026, 5, 15, 9, 30, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cnil"
CONTROLLER, PROCESSOR = RegisterKind.CONTROLLER, RegisterKind.PROCESSOR
BAKERY = "Boulangerie Martin SARL"


def _demo_with_history(engine: Engine) -> OrganisationDoc:
    """The demo in ``engine``, with an edited record and a deleted one (so it has history)."""
    import_register(engine, RegisterDoc(organisations=[build_demo(NOW)]))
    store = RecordStore(engine, "dpo")
    org = export_register(engine).organisations[0]
    first = store.find(1, CONTROLLER, org.records[0].reference)
    assert first is not None
    edited = store.load(first).doc
    edited.description += " (revu)"
    store.save(first, edited, edited.version)
    second = store.find(1, CONTROLLER, org.records[1].reference)
    assert second is not None
    store.delete(second, org.records[1].version)
    return export_register(engine).organisations[0]


def _import(engine: Engine, path: Path, organisation: str, register: RegisterKind = CONTROLLER,
            author: str = "importer") -> ImportPlan:
    plan = read_workbook(path, existing_references(engine, organisation, register),
                         register=register, now=NOW)
    apply_plan(engine, organisation, register, plan, author, now=NOW)
    return plan


def _nothing_written(opened: OpenedRegister) -> bool:
    return count_records(opened.engine) == 0 and OrganisationStore(opened.engine).list() == []


# --- our own workbook ------------------------------------------------------------------------


def test_own_workbook_round_trip_is_lossless(opened: OpenedRegister, tmp_path: Path) -> None:
    """Export both registers, import them into an empty register, export: same JSON.

    Nothing is ignored: the hidden data sheet holds every field, the third parties the
    records name and the history (the demo's third parties are all named by a record).
    """
    org = _demo_with_history(opened.engine)
    for register in (CONTROLLER, PROCESSOR):
        write_register_xlsx(tmp_path / f"{register}.xlsx", org, register, now=NOW)
    target = open_register(str(tmp_path / "target.sqlite"))
    try:
        for register in (CONTROLLER, PROCESSOR):
            plan = _import(target.engine, tmp_path / f"{register}.xlsx", org.name, register)
            assert plan.kind == "ropa"
            assert plan.count(ItemStatus.NEW) == len(plan.items) > 0
            assert all(not i.warnings and not i.kept for i in plan.items)
        assert json_io.dumps(export_register(target.engine)) == \
            json_io.dumps(export_register(opened.engine))
    finally:
        target.dispose()


def test_nasty_text_round_trips_exactly(opened: OpenedRegister, tmp_path: Path) -> None:
    """Formula-like text, control characters, carriage returns and a 40,000-character
    description come back exactly."""
    long = "ligne\r\n" + "x" * 40_000
    rec = RecordDoc(reference="=1+1", name="@SUM(A1)", description=long,
                    owner="\tx\x01_x0041_", software="\rx", notes="-2\n+3",
                    created_at=NOW, updated_at=NOW)
    org = OrganisationDoc(name="=Org", records=[rec])
    write_register_xlsx(tmp_path / "nasty.xlsx", org, CONTROLLER, now=NOW)
    _import(opened.engine, tmp_path / "nasty.xlsx", "=Org")
    back = export_register(opened.engine).organisations[0].records[0]
    assert back == rec


def test_reimporting_an_unchanged_workbook_changes_nothing(opened: OpenedRegister,
                                                           tmp_path: Path) -> None:
    """Every activity is "updated" in the preview, and applying writes no new version."""
    import_register(opened.engine, RegisterDoc(organisations=[build_demo(NOW)]))
    org = export_register(opened.engine).organisations[0]
    write_register_xlsx(tmp_path / "r.xlsx", org, CONTROLLER, now=NOW)
    before = json_io.dumps(export_register(opened.engine))
    plan = read_workbook(tmp_path / "r.xlsx",
                         existing_references(opened.engine, org.name, CONTROLLER))
    assert plan.counts == {"new": 0, "updated": len(plan.items), "invalid": 0}
    summary = apply_plan(opened.engine, org.name, CONTROLLER, plan, "dpo", now=NOW)
    assert (summary.updated, summary.unchanged) == (0, len(plan.items))
    assert json_io.dumps(export_register(opened.engine)) == before


def test_changed_records_are_saved_with_history(opened: OpenedRegister, tmp_path: Path) -> None:
    """A matched record is saved as the editor saves it: new version, history entry."""
    import_register(opened.engine, RegisterDoc(organisations=[build_demo(NOW)]))
    org = export_register(opened.engine).organisations[0]
    org.records[0].description = "Nouvelle description"
    write_register_xlsx(tmp_path / "r.xlsx", org, CONTROLLER, now=NOW)
    _import(opened.engine, tmp_path / "r.xlsx", org.name, author="claire")
    store = RecordStore(opened.engine, "x")
    ref = org.records[0].reference
    rec_id = store.find(1, CONTROLLER, ref)
    assert rec_id is not None
    assert store.load(rec_id).doc.version == org.records[0].version + 1
    last = store.history(1, CONTROLLER, ref)[-1]
    assert (last.action, last.author) == (HistoryAction.UPDATED, "claire")
    assert [c["field"] for c in last.changes] == ["description"]


def test_hand_edits_of_visible_sheets_are_reported(opened: OpenedRegister,
                                                   tmp_path: Path) -> None:
    """A cell edited in the flat sheet or a fiche is named in the preview, not ignored."""
    org = build_demo(NOW)
    path = tmp_path / "r.xlsx"
    write_register_xlsx(path, org, CONTROLLER, now=NOW)
    wb = openpyxl.load_workbook(path)
    wb["Tableau"]["F3"] = "Texte changé dans Excel"
    fiche = wb[wb.sheetnames[4]]
    fiche["B6"] = "autre référence"
    wb.save(path)
    plan = read_workbook(path)
    warned = {(n.sheet, n.row, n.column) for i in plan.items for n in i.warnings}
    assert ("Tableau", 3, 6) in warned
    assert any(sheet == wb.sheetnames[4] for sheet, _, _ in warned)
    assert len(warned) == 2
    assert "Description" in str(next(n for i in plan.items for n in i.warnings if n.row == 3))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
def test_own_workbook_saved_as_ods_still_imports(opened: OpenedRegister, tmp_path: Path) -> None:
    """Our workbook opened and saved as .ods by LibreOffice is still read as our own."""
    org = build_demo(NOW)
    write_register_xlsx(tmp_path / "r.xlsx", org, CONTROLLER, now=NOW)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "ods", "--outdir", str(tmp_path),
                    str(tmp_path / "r.xlsx")], check=True, capture_output=True, timeout=180)
    plan = _import(opened.engine, tmp_path / "r.ods", org.name)
    assert (plan.kind, plan.file_format) == ("ropa", "ods")
    assert plan.count(ItemStatus.NEW) == 13
    assert [r.reference for r in export_register(opened.engine).organisations[0].records] == \
        sorted(r.reference for r in org.records if r.register_kind is CONTROLLER)


# --- the CNIL model --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["registre_cnil.xlsx", "registre_cnil.ods"])
def test_cnil_fixture_preview(name: str) -> None:
    """The filled CNIL model gives the expected preview, in .xlsx and in .ods alike."""
    plan = read_workbook(FIXTURES / name, {"SG-01"})
    assert (plan.kind, plan.file_format) == ("cnil", name.rsplit(".", 1)[1])
    assert plan.counts == {"new": 4, "updated": 1, "invalid": 1}
    items = {i.reference: i for i in plan.items}
    assert items["SG-01"].status is ItemStatus.UPDATED
    assert items["DIV-01"].reasons == ["no name (« Nom du traitement ») was found"]
    ignored = {n.sheet: n.message for n in plan.ignored}
    assert "example" in ignored["4 - Exemple de fiche"]
    assert {"Tutoriel", "5 - Listes", "3 - Modèle de fiche de registre", "Notes DPO"} <= \
        set(ignored)
    assert any(n.row == 16 and "example line" in n.message for n in plan.ignored)
    assert plan.organisation is not None
    assert (plan.organisation.name, plan.organisation.dpo_name) == (BAKERY, "Claire Durand")
    assert plan.organisation.dpo_company == "DPO Conseil SAS"
    assert [t.name for t in plan.third_parties] == ["Syndic Bellecour Gestion"]


@pytest.mark.parametrize("name", ["registre_cnil.xlsx", "registre_cnil.ods"])
def test_cnil_unmapped_values_are_kept_in_notes(name: str) -> None:
    """Values without a field go to the record's notes and the preview, with their place."""
    plan = read_workbook(FIXTURES / name)
    items = {i.reference: i for i in plan.items}
    video = items["SG-01"]
    assert {(n.sheet, n.row, n.column) for n in video.kept} == {("vidéo", 3, 1), ("vidéo", 9, 2)}
    assert video.record is not None
    assert "Vérifier l'affichage en boutique" in video.record.notes
    assert "feuille « vidéo », ligne 9" in video.record.notes
    recruitment = items["RH-02"]
    assert any(n.value == "Amérique du Nord" and n.column == 3 for n in recruitment.kept)
    assert recruitment.record is not None
    assert "Amérique du Nord" in recruitment.record.notes
    assert any("Privacy Shield" in n.message for n in recruitment.warnings)
    assert items["COM-02"].warnings[0].message.startswith("no fiche found")


def test_cnil_values_are_mapped_to_fields() -> None:
    """Dates as dates or text, durations, "Autre" values, several facts in one cell."""
    items = {i.reference: i for i in read_workbook(FIXTURES / "registre_cnil.xlsx").items}
    staff = items["RH-01"].record
    assert staff is not None
    assert staff.created_at == datetime(2019, 9, 2, 12, tzinfo=UTC)
    assert staff.updated_at == datetime(2026, 5, 15, 12, tzinfo=UTC)  # typed as text
    assert (staff.purposes[0].kind, staff.purposes[0].legal_basis) == (PurposeKind.MAIN, None)
    assert len(staff.purposes) == 4  # "Sous-finalité 3 : —" is empty
    assert [(s.category, s.label) for s in staff.subjects] == [
        (SubjectCategory.EMPLOYEES, ""), (SubjectCategory.OTHER, "stagiaires")]
    other = [r for r in staff.recipients if r.recipient_type is RecipientType.OTHER]
    assert [r.name for r in other] == ["URSSAF et caisses de retraite"]
    identity = staff.data_categories[0]
    assert (identity.retention_value, identity.retention_start) == (5, "après le départ du "
                                                                   "salarié")
    badge = next(d for d in staff.data_categories if "badge" in d.description)
    assert badge.category.value == "other" and badge.description.startswith("badge d'accès")
    health = next(d for d in staff.data_categories if d.category.value == "health")
    assert health.retention_criterion == "Durée du contrat + 5 ans"
    recruitment = items["RH-02"].record
    assert recruitment is not None
    assert recruitment.purposes[0].legal_basis is LegalBasis.CONTRACT  # hand-added column
    assert [(t.country, t.mechanism is not None) for t in recruitment.transfers] == [
        ("US", False), ("MA", True), ("", False)]


def test_applying_the_cnil_plan(opened: OpenedRegister) -> None:
    """New records are created as drafts with a history entry; the matched record is
    updated and keeps what the CNIL model cannot say; the invalid one is not written."""
    orgs = OrganisationStore(opened.engine)
    org_id = orgs.create(OrganisationBase(name=BAKERY))
    store = RecordStore(opened.engine, "dpo")
    store.create(org_id, RecordDoc(
        reference="SG-01", name="Vidéo", created_at=NOW, updated_at=NOW, notes="Note initiale",
        purposes=[PurposeBase(kind=PurposeKind.MAIN, description="Sécurité des biens et des "
                              "personnes", legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
                              legitimate_interest="Protéger la boutique")]))
    plan = read_workbook(FIXTURES / "registre_cnil.ods",
                         existing_references(opened.engine, org_id, CONTROLLER), now=NOW)
    summary = apply_plan(opened.engine, org_id, CONTROLLER, plan, "claire", now=NOW)
    assert (summary.created, summary.updated, summary.skipped_invalid) == (4, 1, 1)
    assert summary.third_parties == 1 and not summary.organisation_created
    records = {r.reference: r for r in export_register(opened.engine).organisations[0].records}
    assert set(records) == {"RH-01", "RH-02", "SG-01", "COM-01", "COM-02"}
    video = records["SG-01"]
    assert video.version == 2 and video.name == "Vidéosurveillance"
    assert video.purposes[0].legal_basis is LegalBasis.LEGITIMATE_INTERESTS
    assert video.purposes[0].legitimate_interest == "Protéger la boutique"
    assert video.notes.startswith("Note initiale\n\nImport du classeur")
    assert video.parties[0].third_party == "Syndic Bellecour Gestion"
    history = store.history(org_id, CONTROLLER, "RH-01")
    assert [(h.action, h.author, h.version) for h in history] == [
        (HistoryAction.CREATED, "claire", 1)]
    assert records["RH-01"].status.value == "draft"


def test_cnil_import_into_a_new_organisation(opened: OpenedRegister) -> None:
    """An organisation name not in the register is created from the header block."""
    _import(opened.engine, FIXTURES / "registre_cnil.xlsx", BAKERY)
    org = export_register(opened.engine).organisations[0]
    assert (org.name, org.city, org.dpo_email) == (BAKERY, "Lyon", "dpo@dpo-conseil.fr")
    assert len(org.records) == 5


# --- all or nothing --------------------------------------------------------------------------


def test_a_failing_record_writes_nothing(opened: OpenedRegister) -> None:
    """When one record breaks a rule at apply time, nothing at all is written."""
    plan = read_workbook(FIXTURES / "registre_cnil.xlsx")
    item = next(i for i in plan.items if i.reference == "SG-01")
    plan.third_parties.clear()  # its joint controller no longer exists anywhere
    assert item.status is ItemStatus.NEW
    with pytest.raises(InvalidDocumentError, match="Syndic Bellecour Gestion"):
        apply_plan(opened.engine, BAKERY, CONTROLLER, plan, "claire", now=NOW)
    assert _nothing_written(opened)


def test_a_stale_preview_writes_nothing(opened: OpenedRegister) -> None:
    """If the register changed since the preview, nothing is written."""
    plan = read_workbook(FIXTURES / "registre_cnil.xlsx")
    org_id = OrganisationStore(opened.engine).create(OrganisationBase(name=BAKERY))
    RecordStore(opened.engine, "x").create(org_id, RecordDoc(reference="RH-01", name="RH"))
    with pytest.raises(RopaError, match="changed since the preview"):
        apply_plan(opened.engine, BAKERY, CONTROLLER, plan, "claire", now=NOW)
    assert count_records(opened.engine) == 1


def test_a_plan_for_another_register_is_refused(opened: OpenedRegister) -> None:
    """The register a plan was classified against is the one it is written to."""
    plan = read_workbook(FIXTURES / "registre_cnil.xlsx")
    with pytest.raises(RopaError, match="controller register"):
        apply_plan(opened.engine, BAKERY, PROCESSOR, plan, "claire", now=NOW)
    assert _nothing_written(opened)


# --- bad files -------------------------------------------------------------------------------


def _zip(path: Path, files: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _own_book(tmp_path: Path, edit: str, cell: str, value: object) -> Path:
    path = tmp_path / "own.xlsx"
    write_register_xlsx(path, build_demo(NOW), CONTROLLER, now=NOW)
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET] if edit == "data" else wb[edit]
    ws[cell] = value
    wb.save(path)
    return path


def _cnil_without_table(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Tutoriel"
    ws = wb.create_sheet("2 - Liste des traitements")
    ws["A1"] = "REGISTRE"
    ws["A5"], ws["B5"], ws["C5"] = "Activity", "Code", "Owner"
    ws["A6"], ws["B6"] = "Paie", "RH-1"
    path = tmp_path / "cnil.xlsx"
    wb.save(path)
    return path


def _random_book(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Budget 2026"
    path = tmp_path / "budget.xlsx"
    wb.save(path)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BAD_FILES = {
    "text": (lambda p: _write(p / "a.xlsx", "Nom;Réf\nPaie;RH-1\n".encode()),
             "is not a workbook"),
    "empty": (lambda p: _write(p / "e.xlsx", b""), "is not a workbook"),
    "encrypted xlsx": (lambda p: _write(p / "s.xlsx", CFB + b"\0" * 500 + "EncryptionInfo".encode(
        "utf-16-le")), "password-protected"),
    "old xls": (lambda p: _write(p / "o.xls", CFB + b"\0" * 500), "97-2003"),
    "encrypted ods": (lambda p: _zip(p / "s.ods", {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": "<manifest><file-entry><encryption-data/></file-entry>"
                                 "</manifest>", "content.xml": "garbled"}),
        "password-protected"),
    "word document": (lambda p: _zip(p / "w.xlsx", {"word/document.xml": "<w/>"}),
                      "Word document"),
    "damaged zip": (lambda p: _write(p / "d.xlsx", b"PK\x03\x04" + b"\0" * 64), "damaged"),
    "missing sheets": (_random_book, "no sheet of the CNIL model"),
    "unknown headers": (_cnil_without_table,
                        "sheet '2 - Liste des traitements', row 5: unknown table headings "
                        "(A 'Activity', B 'Code', C 'Owner')"),
    "wrong type in data sheet": (lambda p: _own_book(p, "data", "B1", 12),
                                 "sheet 'ROPA data', row 1, column B"),
    "bad JSON in data sheet": (lambda p: _own_book(p, "data", "C5", "{not json"),
                               "sheet 'ROPA data', row 5, column C"),
    "unknown row kind": (lambda p: _own_book(p, "data", "A4", "spreadsheet"),
                         "sheet 'ROPA data', row 4, column A"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_naming_the_place(case: str, opened: OpenedRegister,
                                                tmp_path: Path) -> None:
    """A bad file raises a user-facing error naming what is wrong, and writes nothing."""
    make, message = BAD_FILES[case]
    path = make(tmp_path)
    with pytest.raises(RopaError) as caught:
        read_workbook(path)
    assert message in str(caught.value)
    assert _nothing_written(opened)


def test_record_with_wrong_types_is_invalid_with_its_place(tmp_path: Path) -> None:
    """A record of our data sheet that breaks the schema is an invalid item naming the cell."""
    path = tmp_path / "own.xlsx"
    write_register_xlsx(path, build_demo(NOW), CONTROLLER, now=NOW)
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "record")
    payload = json.loads(ws.cell(row, 3).value)
    payload["version"] = "deux"
    ws.cell(row, 3).value = json.dumps(payload, ensure_ascii=False)
    wb.save(path)
    plan = read_workbook(path)
    bad = [i for i in plan.items if i.status is ItemStatus.INVALID]
    assert len(bad) == 1
    assert bad[0].reasons[0].startswith(f"sheet 'ROPA data', row {row}, column C: version")


def test_oversized_files_are_refused(tmp_path: Path) -> None:
    """Files, unpacked contents or sheets beyond the limits are refused with the place."""
    source = FIXTURES / "registre_cnil.xlsx"
    with pytest.raises(RopaError, match="too large"):
        read_workbook(source, limits=Limits(file_bytes=1000))
    with pytest.raises(RopaError, match="too large once unpacked"):
        read_workbook(source, limits=Limits(unpacked_bytes=10_000))
    with pytest.raises(RopaError, match=r"sheet '.*', row 21: the sheet has more than 20 rows"):
        read_workbook(source, limits=Limits(sheet_rows=20))


def test_reading_leaves_the_workbook_untouched(tmp_path: Path) -> None:
    """Reading a workbook (a preview) never writes to it."""
    path = tmp_path / "c.xlsx"
    shutil.copyfile(FIXTURES / "registre_cnil.xlsx", path)
    before = path.read_bytes()
    read_workbook(path)
    assert path.read_bytes() == before
