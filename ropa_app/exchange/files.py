"""Reading the user's input files and writing exports safely.

Exports are written to a temporary file in the target folder and renamed into place, so a
full disk or a crash never leaves a half-written file under the user's chosen name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from ropa_app.store.errors import (
    DiskFullError,
    RopaError,
    StorageError,
    UnwritableLocationError,
)


def read_input(path: Path) -> bytes:
    """The bytes of an input file, or a clear error naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise RopaError(f"{path} does not exist") from exc
    except IsADirectoryError as exc:
        raise RopaError(f"{path} is a folder, not a file") from exc
    except PermissionError as exc:
        raise RopaError(f"{path} cannot be read (permission denied)") from exc
    except OSError as exc:
        raise StorageError(f"{path} cannot be read ({exc.strerror})") from exc


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UnwritableLocationError(f"the folder {folder} does not exist")
    if path.is_dir():
        raise UnwritableLocationError(f"{path} is a folder")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(f"no space left to write {path}; nothing was written") from exc
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise UnwritableLocationError(
                f"cannot write {path} ({exc.strerror}); choose another folder"
            ) from exc
        raise StorageError(f"cannot write {path} ({exc.strerror})") from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
