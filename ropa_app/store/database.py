"""Opening a register: where it is, what it is, and bringing its schema up to date.

A register is a SQLite file (the default, in the user's data folder) or a PostgreSQL
database. Before anything is written to an existing file, it is identified from its header
alone (SQLite's ``application_id``) and probed read-only; a file that is not a register, is
damaged, or comes from a newer version is refused and left byte-for-byte untouched. An older
register is copied to a backup before it is migrated.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from ropa_app.store.errors import (
    CorruptRegisterError,
    NewerRegisterError,
    NotARegisterError,
    RopaError,
    StorageError,
    UnwritableLocationError,
    storage_errors,
)
from ropa_app.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD

#: SQLite ``PRAGMA application_id`` of a ROPA register: the bytes "ROPA".
APPLICATION_ID = 0x524F5041
SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_VAR = "ROPA_DB"


def default_register_path() -> Path:
    """The default register: ``register.sqlite`` in the platform's user data folder."""
    return platformdirs.user_data_path("ropa", appauthor=False) / "register.sqlite"


def resolve_location(db: str | None) -> str:
    """The register to open: ``--db`` first, then ``$ROPA_DB``, then the default file."""
    if db:
        return db
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    return str(default_register_path())


def _is_url(location: str) -> bool:
    return "://" in location


@dataclass(frozen=True)
class OpenedRegister:
    """An opened register.

    Attributes:
        engine: the SQLAlchemy engine (sessions are made from it by the store).
        location: what the user named (a path or a URL without password).
        created: True if this opening created a new, empty register.
        backup: the copy taken before migrating, if a migration ran.
    """

    engine: Engine
    location: str
    created: bool = False
    backup: Path | None = None

    def dispose(self) -> None:
        """Close every connection."""
        self.engine.dispose()


# --- engines -------------------------------------------------------------------------------


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": 5.0},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control from the driver so BEGIN is ours (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")  # off by default, per connection
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # a committed save survives a power cut
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front (BEGIN IMMEDIATE): a deferred transaction
        # that reads then writes can fail at once with "database is locked" under WAL.
        mode = conn.get_execution_options().get("ropa_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, with transactions that take SQLite's write lock when they begin."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(ropa_begin="IMMEDIATE")
    return engine


# --- identifying a file ----------------------------------------------------------------------


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(100)
    except IsADirectoryError as exc:
        raise NotARegisterError(f"{path} is a folder, not a register file") from exc
    except PermissionError as exc:
        raise StorageError(f"{path} cannot be read (permission denied)") from exc
    except OSError as exc:
        raise StorageError(f"{path} cannot be read ({exc.strerror})") from exc


def identify_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a ROPA register, from its first 100 bytes only.

    Raises:
        NotARegisterError: not SQLite, or SQLite written by another application.
    """
    header = _read_header(path)
    if not header.startswith(SQLITE_MAGIC):
        raise NotARegisterError(f"{path} is not a ROPA register (not a SQLite database)")
    if len(header) < 100:
        raise CorruptRegisterError(f"{path} is damaged (truncated header)")
    (app_id,) = struct.unpack(">I", header[68:72])
    if app_id != APPLICATION_ID:
        raise NotARegisterError(
            f"{path} is a SQLite database of another application, not a ROPA register"
        )
    # The header says how many pages the file holds (when its "valid for" counter matches
    # the change counter): a shorter file was cut short, by an interrupted copy say.
    (page_size,) = struct.unpack(">H", header[16:18])
    (pages,) = struct.unpack(">I", header[28:32])
    if pages and header[24:28] == header[92:96]:
        expected = pages * (65536 if page_size == 1 else page_size)
        if path.stat().st_size < expected:
            raise CorruptRegisterError(f"{path} is damaged (truncated: "
                                       f"{path.stat().st_size} of {expected} bytes)")


def probe_sqlite_revision(path: Path, thorough: bool = False) -> str | None:
    """Read the schema revision of a register without writing anything to its file.

    The file is opened ``immutable`` (no lock, no journal, no shared-memory file). With
    ``thorough``, every page is checked (``PRAGMA quick_check``, about half a second for a
    register of 10,000 activities): done before a migration rewrites the file. Otherwise
    only the schema is read; damage elsewhere is reported by SQLite when the page is read
    (the background checks read every record just after opening).
    """
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CorruptRegisterError(f"{path} cannot be opened ({exc})") from exc
    try:
        check = conn.execute("PRAGMA quick_check").fetchall() if thorough else [("ok",)]
        if check != [("ok",)]:
            detail = "; ".join(str(row[0]) for row in check[:3])
            raise CorruptRegisterError(f"{path} is damaged ({detail})")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            raise CorruptRegisterError(f"{path} is an incomplete ROPA register (no schema version)")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        return rows[0][0] if rows else None
    except sqlite3.DatabaseError as exc:
        raise CorruptRegisterError(f"{path} is damaged ({exc})") from exc
    finally:
        conn.close()


def _check_revision(revision: str | None, where: str) -> None:
    if revision is None:
        raise CorruptRegisterError(f"{where} is an incomplete ROPA register (no schema version)")
    if revision not in KNOWN_REVISIONS:
        raise NewerRegisterError(
            f"{where} was written by a newer version of ROPA (schema {revision}); "
            "update the application to open it. The file was not changed."
        )


# --- creating and migrating ----------------------------------------------------------------


def _upgrade(engine: Engine) -> None:
    from ropa_app.store.migrate import upgrade_to_head  # alembic is imported only when needed
    from ropa_app.store.records import refresh_search_texts

    upgrade_to_head(engine)
    refresh_search_texts(engine)  # derived data that older revisions did not keep


def _create_sqlite(path: Path) -> Engine:
    """Create a new register at ``path``, atomically: built aside, then renamed into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnwritableLocationError(
            f"cannot create the folder {path.parent} ({exc.strerror})"
        ) from exc
    tmp = path.with_name(f".{path.name}.creating")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    engine = _sqlite_engine(tmp)
    try:
        with storage_errors(str(path)):
            _upgrade(engine)
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        os.replace(tmp, path)
    except OSError as exc:
        engine.dispose()
        tmp.unlink(missing_ok=True)
        raise UnwritableLocationError(
            f"cannot create the register {path} ({exc.strerror})"
        ) from exc
    except BaseException:
        engine.dispose()
        tmp.unlink(missing_ok=True)
        raise
    finally:
        for side in (Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            side.unlink(missing_ok=True)
    return _sqlite_engine(path)


def backup_path_for(path: Path, revision: str) -> Path:
    """Where the copy taken before migrating from ``revision`` goes."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.stem}.before-{revision}-{stamp}{path.suffix}")


def _backup_sqlite(path: Path, revision: str) -> Path:
    """Copy the register aside: byte for byte, unless its journal holds committed pages, in
    which case SQLite's backup API writes a consistent copy including them."""
    target = backup_path_for(path, revision)
    wal = Path(f"{path}-wal")
    with storage_errors(str(target)):
        if not wal.exists() or wal.stat().st_size == 0:
            shutil.copy2(path, target)
            return target
        src = sqlite3.connect(path)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    return target


def open_sqlite(path: Path) -> OpenedRegister:
    """Open (or create) the SQLite register at ``path``."""
    path = path.expanduser()
    if not path.exists():
        return OpenedRegister(_create_sqlite(path), str(path), created=True)
    identify_sqlite_file(path)
    revision = probe_sqlite_revision(path)
    _check_revision(revision, str(path))
    backup = None
    engine = _sqlite_engine(path)
    if revision != SCHEMA_HEAD:
        assert revision is not None
        probe_sqlite_revision(path, thorough=True)  # never migrate a damaged file
        backup = _backup_sqlite(path, revision)
        try:
            with storage_errors(str(path)):
                _upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
    return OpenedRegister(engine, str(path), backup=backup)


def open_server(url: str) -> OpenedRegister:
    """Open (or initialise) a register in a database server such as PostgreSQL."""
    shown = make_url(url).render_as_string(hide_password=True)
    engine = create_engine(url, pool_pre_ping=True)
    try:
        with storage_errors(shown):
            tables = set(inspect(engine).get_table_names())
            created = False
            if not tables:
                _upgrade(engine)
                created = True
            elif "ropa_meta" not in tables or "alembic_version" not in tables:
                raise NotARegisterError(
                    f"{shown} holds tables of another application, not a ROPA register"
                )
            else:
                with engine.connect() as conn:
                    revision = conn.execute(
                        text("SELECT version_num FROM alembic_version")
                    ).scalar()
                _check_revision(revision, shown)
                if revision != SCHEMA_HEAD:
                    _upgrade(engine)  # server registers are backed up by their administrators
    except BaseException:
        engine.dispose()
        raise
    return OpenedRegister(engine, shown, created=created)


def open_register(location: str | None = None) -> OpenedRegister:
    """Open the register named by ``location`` (see :func:`resolve_location`).

    Raises:
        RopaError: a subclass naming what is wrong, in words for the user.
    """
    where = resolve_location(location)
    if _is_url(where):
        if where.startswith("sqlite:///"):
            return open_sqlite(Path(where.removeprefix("sqlite:///")))
        try:
            make_url(where)
        except Exception as exc:  # any parse failure is the user's typo, not a bug
            raise RopaError(f"{where!r} is not a valid database URL") from exc
        return open_server(where)
    return open_sqlite(Path(where))


__all__ = ["APPLICATION_ID", "OpenedRegister", "RopaError", "open_register", "writer"]
