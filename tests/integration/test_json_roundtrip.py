"""The JSON interchange format: lossless, byte-identical round trips; all-or-nothing import."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from ropa_app.domain.documents import RegisterDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.exchange import json_io
from ropa_app.resources import resource_path
from ropa_app.store.bulk import export_register, import_register
from ropa_app.store.database import open_register
from ropa_app.store.errors import DuplicateError, InvalidDocumentError, RopaError
from ropa_app.store.records import count_records
from tests.strategies import registers


def _roundtrip(doc: RegisterDoc, first_db: Path, second_db: Path) -> tuple[bytes, bytes]:
    one = open_register(str(first_db))
    try:
        import_register(one.engine, doc)
        first = json_io.dumps(export_register(one.engine))
    finally:
        one.dispose()
    two = open_register(str(second_db))
    try:
        import_register(two.engine, json_io.loads(first))
        second = json_io.dumps(export_register(two.engine))
    finally:
        two.dispose()
    return first, second


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(doc=registers())
def test_export_import_export_is_byte_identical(doc: RegisterDoc, tmp_path: Path,
                                                template_register: Path) -> None:
    """Any register, with any Unicode text, exports, imports and exports to the same bytes."""
    run = tmp_path / uuid.uuid4().hex
    run.mkdir()
    shutil.copyfile(template_register, run / "a.sqlite")
    shutil.copyfile(template_register, run / "b.sqlite")
    first, second = _roundtrip(doc, run / "a.sqlite", run / "b.sqlite")
    assert first == second
    assert json_io.loads(first) == _in_export_order(doc)


def _in_export_order(doc: RegisterDoc) -> RegisterDoc:
    """The document with organisations, third parties and records in export order."""
    out = doc.model_copy(deep=True)
    out.organisations.sort(key=lambda o: o.name)
    for org in out.organisations:
        org.third_parties.sort(key=lambda t: t.name)
        org.records.sort(key=lambda r: (r.register_kind != RegisterKind.CONTROLLER, r.reference))
    return out


def test_demo_roundtrip_with_history(tmp_path: Path, template_register: Path) -> None:
    """The demo register, edited so it has history and a deleted record, round-trips exactly."""
    from ropa_app.domain.demo import build_demo
    from ropa_app.store.records import RecordStore

    shutil.copyfile(template_register, tmp_path / "a.sqlite")
    shutil.copyfile(template_register, tmp_path / "b.sqlite")
    reg = open_register(str(tmp_path / "a.sqlite"))
    import_register(reg.engine, RegisterDoc(organisations=[build_demo()]))
    store = RecordStore(reg.engine, "dpo")
    org_doc = export_register(reg.engine).organisations[0]
    first_ref = org_doc.records[0]
    rec_id = store.find(1, first_ref.register_kind, first_ref.reference)
    assert rec_id is not None
    edited = store.load(rec_id).doc
    edited.description += " (revu)"
    store.save(rec_id, edited, edited.version)
    second = org_doc.records[1]
    second_id = store.find(1, second.register_kind, second.reference)
    assert second_id is not None
    store.delete(second_id, second.version)
    data = json_io.dumps(export_register(reg.engine))
    reg.dispose()
    (tmp_path / "a.json").write_bytes(data)
    two = open_register(str(tmp_path / "b.sqlite"))
    import_register(two.engine, json_io.read_register(tmp_path / "a.json"))
    assert json_io.dumps(export_register(two.engine)) == data
    two.dispose()


def test_shipped_schema_is_current() -> None:
    """The JSON Schema shipped with the app is the one the documents generate."""
    shipped = resource_path("schema", "register.schema.json").read_text(encoding="utf-8")
    assert shipped == json_io.schema_text()


def test_export_validates_against_the_schema(tmp_path: Path, template_register: Path) -> None:
    """An exported register is valid against the published JSON Schema."""
    from ropa_app.domain.demo import build_demo

    data = json_io.dumps(RegisterDoc(organisations=[build_demo()]))
    jsonschema.validate(json.loads(data), json_io.register_schema(),
                        cls=jsonschema.Draft202012Validator)


def _demo_json() -> dict:
    from ropa_app.domain.demo import build_demo

    return json.loads(json_io.dumps(RegisterDoc(organisations=[build_demo()])))


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["organisations"][0]["records"][2]["purposes"][0].update(
            legal_basis="because"), "organisations[0].records[2].purposes[0].legal_basis"),
        (lambda d: d["organisations"][0]["records"][1].update(reference=""),
         "organisations[0].records[1].reference"),
        (lambda d: d["organisations"][0]["records"][0].update(created_at="2026-01-01T10:00:00"),
         "organisations[0].records[0].created_at"),
        (lambda d: d["organisations"][0]["records"][0].update(surprise=1),
         "organisations[0].records[0].surprise"),
        (lambda d: d["organisations"][0]["records"][3]["recipients"].append(
            {"recipient_type": "processor", "third_party": "Nobody Ltd"}),
         "organisations[0].records[3].recipients"),
        (lambda d: d["organisations"][0]["records"][0]["transfers"].append(
            {"country": "XX"}), "organisations[0].records[0].transfers"),
        (lambda d: d["organisations"][0]["records"][4].update(
            reference=d["organisations"][0]["records"][5]["reference"],
            register_kind=d["organisations"][0]["records"][5]["register_kind"]),
         "organisations[0].records[5].reference"),
    ],
)
def test_invalid_import_names_the_path_and_writes_nothing(opened, mutate, path: str) -> None:
    """An invalid document is refused with the offending path; the register stays empty."""
    data = _demo_json()
    mutate(data)
    with pytest.raises(InvalidDocumentError) as info:
        import_register(opened.engine, json_io.loads(json.dumps(data).encode()))
    assert any(p.startswith(path) for p, _ in info.value.problems), info.value.problems
    assert count_records(opened.engine) == 0


def test_import_of_existing_organisation_writes_nothing(opened) -> None:
    """Importing an organisation already present is refused as a whole."""
    from ropa_app.domain.demo import build_demo

    doc = RegisterDoc(organisations=[build_demo()])
    import_register(opened.engine, doc)
    before = count_records(opened.engine)
    with pytest.raises(DuplicateError):
        import_register(opened.engine, doc)
    assert count_records(opened.engine) == before


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xfe not utf8", "UTF-8"),
        (b"{\"format\": ", "not valid JSON (line 1"),
        (b"[1, 2]", "not a ROPA register export"),
        (b"{\"format\": \"ropa-register\", \"format_version\": 7}", "format version 7"),
    ],
)
def test_unreadable_documents_get_one_line_reasons(data: bytes, words: str) -> None:
    """Garbage, foreign JSON and future formats are refused with a one-line reason."""
    with pytest.raises(RopaError) as info:
        json_io.loads(data, "file.json")
    assert words in str(info.value) and "\n" not in str(info.value)


def test_nul_characters_are_refused(opened) -> None:
    """Text with a NUL character is refused with its path (no database can store it)."""
    data = _demo_json()
    data["organisations"][0]["records"][0]["name"] = "Paie\u0000"
    with pytest.raises(InvalidDocumentError) as info:
        import_register(opened.engine, json_io.loads(json.dumps(data).encode()))
    assert info.value.problems[0][0] == "organisations[0].records[0].name"
