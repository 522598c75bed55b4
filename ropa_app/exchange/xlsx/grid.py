"""Opening a workbook the user chose: what it is, whether it can be read, and its sheets.

A file is identified from its bytes, not its name: an Office Open XML workbook (.xlsx,
read with openpyxl), an OpenDocument spreadsheet (.ods, read with :mod:`.odf`), or
something that must be refused with a reason the user can act on — a password-protected
(encrypted) workbook, an old binary .xls, a Word document, a damaged or oversized file.
Every value read passes through :func:`.cells.unescape`, the inverse of the writer's
escaping of control characters.
"""

from __future__ import annotations

import contextlib
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from ropa_app.exchange.xlsx import odf
from ropa_app.exchange.xlsx.cells import unescape
from ropa_app.exchange.xlsx.odf import Grid
from ropa_app.exchange.xlsx.ooxml import SheetParts
from ropa_app.store.errors import RopaError, StorageError

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Limits:
    """How big a workbook may be before it is refused as not a register.

    The defaults take a 10,000-activity workbook written by ROPA with room to spare.
    """

    file_bytes: int = 512 * 1024 * 1024
    unpacked_bytes: int = 4 * 1024 * 1024 * 1024
    sheet_rows: int = 20_000  # a sheet of the CNIL model (our own sheets are streamed)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return unescape(value)
    return value


class Workbook:
    """An opened workbook: its sheet names and a way to read each sheet.

    Use as a context manager; :meth:`close` releases the file.
    """

    def __init__(self, path: Path, limits: Limits | None = None) -> None:
        self.path = path
        self.limits = limits = limits or Limits()
        self.kind = _identify(path, limits)
        self._zip: zipfile.ZipFile | None = None
        self._parts: SheetParts | None = None
        self._full: Any = None
        self._grids: dict[str, Grid] | None = None
        if self.kind == "xlsx":
            try:
                self._zip = zipfile.ZipFile(path)
                self._parts = SheetParts(self._zip)
            except (KeyError, ParseError, zipfile.BadZipFile) as exc:
                self.close()
                raise RopaError(f"{path.name} is damaged and cannot be read ({exc})") from exc
            self.sheet_names = list(self._parts.parts)
            self.hidden = dict(self._parts.hidden)
        else:
            self._grids = {}
            with zipfile.ZipFile(path) as archive:
                for grid in odf.iter_tables(archive):
                    grid.rows = [[_clean(v) for v in row] for row in grid.rows]
                    self._grids[grid.name] = grid
            self.sheet_names = list(self._grids)
            self.hidden = {name: g.hidden for name, g in self._grids.items()}

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the file."""
        for opened in (self._zip, self._full):
            if opened is not None:
                with contextlib.suppress(Exception):
                    opened.close()
        self._zip = self._full = self._parts = None

    def rows(self, name: str) -> Iterator[tuple[Any, ...]]:
        """The rows of sheet ``name`` as value tuples, streamed (row 1 first)."""
        if self._grids is not None:
            for values in self._grids[name].rows:
                yield tuple(values)
            return
        assert self._parts is not None, "the workbook is closed"
        for row in self._parts.rows(name):
            yield tuple(_clean(v) for v in row)

    def grid(self, name: str) -> Grid:
        """Sheet ``name`` fully read, with its merged areas (for the CNIL model's sheets)."""
        if self._grids is not None:
            grid = self._grids[name]
            if len(grid.rows) > self.limits.sheet_rows:
                raise _too_many_rows(name, self.limits.sheet_rows)
            return grid
        if self._full is None:
            self._full = _load_xlsx(self.path, read_only=False)
        ws = self._full[name]
        if ws.max_row > self.limits.sheet_rows:
            raise _too_many_rows(name, self.limits.sheet_rows)
        rows = [[_clean(v) for v in row] for row in ws.iter_rows(values_only=True)]
        merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
        return Grid(name, ws.sheet_state != "visible", rows, merged)


def _too_many_rows(name: str, limit: int) -> RopaError:
    return RopaError(f"sheet {name!r}, row {limit + 1}: the sheet has more than {limit:,} "
                     "rows; this is not a sheet of the CNIL model")


def _identify(path: Path, limits: Limits) -> str:
    """"xlsx" or "ods", or a :class:`RopaError` saying why the file cannot be read."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise RopaError(f"{path} does not exist") from exc
    except IsADirectoryError as exc:
        raise RopaError(f"{path} is a folder, not a workbook") from exc
    except PermissionError as exc:
        raise RopaError(f"{path} cannot be read (permission denied)") from exc
    except OSError as exc:
        raise StorageError(f"{path} cannot be read ({exc.strerror})") from exc
    if path.is_dir():
        raise RopaError(f"{path} is a folder, not a workbook")
    if size > limits.file_bytes:
        raise RopaError(f"{name} is too large ({size / 1e6:,.0f} MB; the limit is "
                        f"{limits.file_bytes / 1e6:,.0f} MB); nothing was imported")
    if head.startswith(_CFB_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data or b"E\x00n\x00c\x00r\x00y\x00p" in data:
            raise RopaError(f"{name} is password-protected (encrypted): open it in Excel or "
                            "LibreOffice, remove the password and save it again")
        raise RopaError(f"{name} is an Excel 97-2003 (.xls) file: save it as .xlsx or .ods "
                        "first")
    if not head.startswith(_ZIP_MAGIC):
        raise RopaError(f"{name} is not a workbook (.xlsx or .ods); nothing was imported")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > limits.unpacked_bytes:
                raise RopaError(
                    f"{name} is too large once unpacked ({unpacked / 1e6:,.0f} MB; the limit "
                    f"is {limits.unpacked_bytes / 1e6:,.0f} MB); nothing was imported")
            if "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIME:
                if odf.is_encrypted(archive):
                    raise RopaError(f"{name} is password-protected (encrypted): open it in "
                                    "LibreOffice, remove the password and save it again")
                return "ods"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "EncryptionInfo" in names:
                raise RopaError(f"{name} is password-protected (encrypted)")
            if any(n.startswith("word/") for n in names):
                raise RopaError(f"{name} is a Word document, not a workbook")
    except zipfile.BadZipFile as exc:
        raise RopaError(f"{name} is damaged or not a workbook ({exc})") from exc
    raise RopaError(f"{name} is not a workbook (.xlsx or .ods); nothing was imported")


def _load_xlsx(path: Path, read_only: bool) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about what it drops (data validation extensions, print areas);
            # an import reads values only, so these say nothing to the user.
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=read_only, data_only=True)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError, SyntaxError) as exc:
        raise RopaError(f"{path.name} is damaged and cannot be read ({exc})") from exc
