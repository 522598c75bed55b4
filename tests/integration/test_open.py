"""Opening registers: creation, identification, refusal of foreign or damaged files, migrations."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from ropa_app.store import schema
from ropa_app.store.database import APPLICATION_ID, open_register, resolve_location
from ropa_app.store.errors import (
    CorruptRegisterError,
    NewerRegisterError,
    NotARegisterError,
    RopaError,
    UnwritableLocationError,
)
from ropa_app.store.migrate import script_revisions, upgrade_to


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def test_first_open_creates_register_with_identity(tmp_path: Path) -> None:
    """A missing file becomes an empty register marked with ROPA's application id."""
    path = tmp_path / "sub" / "folder" / "register.sqlite"
    reg = open_register(str(path))
    assert reg.created
    reg.dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
        schema.SCHEMA_HEAD,)
    conn.close()
    assert not [p for p in path.parent.iterdir() if ".creating" in p.name]
    again = open_register(str(path))
    assert not again.created
    again.dispose()


def test_connections_use_foreign_keys_wal_and_full_sync(register_path: Path) -> None:
    """Every connection of the engine has foreign keys on, WAL and synchronous FULL."""
    reg = open_register(str(register_path))
    with reg.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    reg.dispose()


def _text_file(path: Path) -> None:
    path.write_text("Nom;Finalité\nPaie;Salaires\n", encoding="utf-8")


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO contacts (name) VALUES ('Alice')")
    conn.commit()
    conn.close()


def _empty_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=1")
    conn.close()


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _binary_junk(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (_text_file, NotARegisterError),
        (_foreign_sqlite, NotARegisterError),
        (_empty_sqlite, NotARegisterError),
        (_zero_bytes, NotARegisterError),
        (_binary_junk, NotARegisterError),
    ],
)
def test_foreign_files_are_refused_untouched(tmp_path: Path, make, error) -> None:
    """A file that is not a register gets a one-line error and keeps every byte."""
    path = tmp_path / "file.sqlite"
    make(path)
    before, names = _digest(path), _siblings(path)
    with pytest.raises(error) as info:
        open_register(str(path))
    assert "\n" not in str(info.value) and str(path) in str(info.value)
    assert _digest(path) == before
    assert _siblings(path) == names


def _filled_register(path: Path) -> None:
    from ropa_app.domain.demo import build_demo
    from ropa_app.domain.documents import RegisterDoc
    from ropa_app.store.bulk import import_register

    reg = open_register(str(path))
    import_register(reg.engine, RegisterDoc(organisations=[build_demo()]))
    reg.dispose()


def test_truncated_register_is_refused_untouched(tmp_path: Path) -> None:
    """A register cut short (a copy interrupted) is reported as damaged and left as is."""
    path = tmp_path / "register.sqlite"
    _filled_register(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before, names = _digest(path), _siblings(path)
    with pytest.raises(CorruptRegisterError) as info:
        open_register(str(path))
    assert "damaged" in str(info.value)
    assert _digest(path) == before and _siblings(path) == names


def test_register_from_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    """A register whose schema revision this version does not know is refused, unchanged."""
    path = tmp_path / "register.sqlite"
    _filled_register(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before, names = _digest(path), _siblings(path)
    with pytest.raises(NewerRegisterError) as info:
        open_register(str(path))
    assert "newer version" in str(info.value)
    assert _digest(path) == before and _siblings(path) == names


def test_folder_is_not_a_register(tmp_path: Path) -> None:
    """Naming a folder gives a clear error."""
    with pytest.raises(RopaError, match="folder"):
        open_register(str(tmp_path))


def test_register_in_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    """A register that cannot be created names the folder."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UnwritableLocationError):
        open_register(str(blocker / "register.sqlite"))


def test_location_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    """--db wins over $ROPA_DB, which wins over the default file."""
    monkeypatch.setenv("ROPA_DB", "/env/register.sqlite")
    assert resolve_location("/arg.sqlite") == "/arg.sqlite"
    assert resolve_location(None) == "/env/register.sqlite"
    monkeypatch.delenv("ROPA_DB")
    assert resolve_location(None).endswith("register.sqlite")


def test_known_revisions_match_the_migration_scripts() -> None:
    """The revisions the opener knows are exactly the scripts, in order."""
    assert list(schema.KNOWN_REVISIONS) == script_revisions()


@pytest.mark.parametrize("revision", script_revisions())
def test_each_migration_from_the_previous_revision(tmp_path: Path, revision: str) -> None:
    """Each migration applies to a database at the previous revision and leaves the schema
    the tables describe (nothing missing, nothing extra)."""
    revisions = script_revisions()
    index = revisions.index(revision)
    engine = create_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    if index > 0:
        upgrade_to(engine, revisions[index - 1])
    upgrade_to(engine, revision)
    if revision == revisions[-1]:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(ctx, SQLModel.metadata) == []
    engine.dispose()


def test_older_register_is_backed_up_then_migrated(tmp_path: Path) -> None:
    """A register at the first revision is copied aside, then migrated with its data intact."""
    path = tmp_path / "register.sqlite"
    first = script_revisions()[0]
    engine = create_engine(f"sqlite:///{path}")
    upgrade_to(engine, first)
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    stamp = "2020-01-01T00:00:00.000000+00:00"
    _insert(conn, "organisation", id=1, name="Ancienne SA", review_interval_months=12,
            created_at=stamp, updated_at=stamp)
    _insert(conn, "processing_record", id=1, organisation_id=1, register_kind="controller",
            reference="RH-01", name="Paie", status="validated", dpia_criteria="[]",
            dpia_cnil_list="[]", version=3, created_at=stamp, updated_at=stamp)
    conn.commit()
    conn.close()
    before = path.read_bytes()
    reg = open_register(str(path))
    assert reg.backup is not None and reg.backup.read_bytes() == before
    from ropa_app.store.organisations import OrganisationStore

    assert [o.data.name for o in OrganisationStore(reg.engine).list()] == ["Ancienne SA"]
    from ropa_app.store.records import RecordStore

    doc = RecordStore(reg.engine, "dpo").load(1).doc
    assert (doc.reference, doc.version, doc.last_reviewed_by) == ("RH-01", 3, "")
    (summary,) = RecordStore(reg.engine, "dpo").list_summaries(1, doc.register_kind)
    assert "paie" in summary.search_text and "valide" in summary.search_text
    with reg.engine.connect() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            schema.SCHEMA_HEAD)
    reg.dispose()
    backup = sqlite3.connect(reg.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (first,)
    backup.close()


def _insert(conn: sqlite3.Connection, table: str, **values: object) -> None:
    """Insert a row as an old version wrote it: every other NOT NULL column blank."""
    for _, col, col_type, notnull, default, _pk in conn.execute(f"PRAGMA table_info({table})"):
        if col not in values and notnull and default is None:
            values[col] = 0 if col_type.upper() in ("INTEGER", "BOOLEAN") else ""
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))


def test_damage_inside_an_up_to_date_register_is_reported_when_read(tmp_path: Path) -> None:
    """Opening skips the whole-file check (it costs half a second on a large register), so
    a damaged data page is reported, in one line, by the read that meets it."""
    from ropa_app.domain.demo import build_demo
    from ropa_app.domain.documents import RegisterDoc
    from ropa_app.store.bulk import export_register, import_register
    from ropa_app.store.errors import RopaError

    path = tmp_path / "register.sqlite"
    opened = open_register(str(path))
    import_register(opened.engine, RegisterDoc(organisations=[build_demo()]))
    opened.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        roots = {r[0] for r in conn.execute("SELECT rootpage FROM sqlite_master")}
    data = bytearray(path.read_bytes())
    for number in range(max(roots) + 1, pages + 1):  # data pages after the schema's
        start = (number - 1) * page_size
        data[start:start + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    reopened = open_register(str(path))  # the schema pages are intact
    try:
        with pytest.raises(RopaError) as info:
            export_register(reopened.engine)
        assert "\n" not in str(info.value) and "damaged" in str(info.value)
    finally:
        reopened.dispose()
