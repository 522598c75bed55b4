"""Problems of the environment, as opposed to bugs.

Every error here carries a message a DPO can act on; the command line prints it on one
line, the window shows it in a dialog, and neither shows a traceback. Anything else that is
raised is a bug.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc


class RopaError(Exception):
    """Base of the errors the user is told about in plain words."""


class NotARegisterError(RopaError):
    """The file or database is not a ROPA register."""


class NewerRegisterError(RopaError):
    """The register was written by a newer version of the application."""


class CorruptRegisterError(RopaError):
    """The register file is damaged (truncated, malformed)."""


class RegisterLockedError(RopaError):
    """Another program holds a lock on the register."""


class ReadOnlyRegisterError(RopaError):
    """The register cannot be written (read-only file, folder or medium)."""


class DiskFullError(RopaError):
    """No space left where the register or the export is written."""


class StorageError(RopaError):
    """Any other failure of the storage (I/O error, unreachable server)."""


class UnwritableLocationError(RopaError):
    """A folder or file the user chose cannot be written."""


class InvalidDocumentError(RopaError):
    """A document (an import, a record) breaks the register's rules.

    Attributes:
        problems: ``(path, message)`` pairs, the path naming the place in the document.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        first = problems[0] if problems else ("", "invalid document")
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        where = f"{first[0]}: " if first[0] else ""
        super().__init__(f"{where}{first[1]}{more}")


class NotFoundError(RopaError):
    """The organisation or record asked for does not exist (any more)."""


class DuplicateError(RopaError):
    """A name or reference that must be unique is already taken."""


class Cancelled(RopaError):
    """The user cancelled a long operation; it wrote nothing (subclassed per operation)."""


class ConflictError(RopaError):
    """The record was changed by someone else since it was loaded.

    Attributes:
        expected_version: the version the editor started from.
        current_version: the version now in the register (None if it was deleted).
    """

    def __init__(self, reference: str, expected_version: int, current_version: int | None) -> None:
        self.reference = reference
        self.expected_version = expected_version
        self.current_version = current_version
        if current_version is None:
            msg = f"record {reference} was deleted by someone else; nothing was overwritten"
        else:
            msg = (
                f"record {reference} was changed by someone else (version {current_version}, "
                f"you started from version {expected_version}); nothing was overwritten"
            )
        super().__init__(msg)


def _classify(message: str, where: str) -> RopaError | None:
    text = message.lower()
    if "locked" in text or "busy" in text:
        return RegisterLockedError(f"{where} is locked by another program; try again in a moment")
    if any(w in text for w in ("readonly", "read-only", "read only", "permission denied")):
        return ReadOnlyRegisterError(f"{where} is read-only; nothing was saved")
    if "disk is full" in text or "no space" in text or "database or disk is full" in text:
        return DiskFullError(f"no space left on the disk holding {where}; nothing was saved")
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return CorruptRegisterError(f"{where} is damaged ({message.strip()})")
    if "disk i/o error" in text or "unable to open" in text:
        return StorageError(f"{where} could not be read or written ({message.strip()})")
    if "could not connect" in text or "connection refused" in text:
        return StorageError(f"{where} cannot be reached ({message.strip()})")
    return None


@contextmanager
def storage_errors(where: str) -> Iterator[None]:
    """Turn the driver's environment errors into :class:`RopaError` subclasses.

    Integrity errors and anything unrecognised are left alone: those are bugs or are
    handled closer to their cause.
    """
    try:
        yield
    except sa_exc.OperationalError as exc:
        known = _classify(str(exc.orig), where)
        if known is None:
            raise
        raise known from exc
    except sa_exc.DatabaseError as exc:
        if isinstance(exc, sa_exc.IntegrityError):
            raise
        known = _classify(str(exc.orig), where)
        if known is None:
            raise
        raise known from exc
    except sqlite3.OperationalError as exc:
        known = _classify(str(exc), where)
        if known is None:
            raise
        raise known from exc
    except sqlite3.DatabaseError as exc:
        known = _classify(str(exc), where)
        if known is None:
            raise
        raise known from exc
    except OSError as exc:
        known = _classify(exc.strerror or str(exc), where)
        if known is None:
            raise StorageError(f"{where}: {exc.strerror or exc}") from exc
        raise known from exc
