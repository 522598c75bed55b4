"""The window's own settings, declared once with their types and defaults.

Settings hold how the window looks and where the user was (geometry, the split between
list and editor, shown columns with their order and widths, last organisation and
register, the folders and choices of the last export and import), never register data.
They live in an INI file: by default ``settings.ini`` in the platform's user config
folder; tests pass a temporary file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from ropa_app.domain.enums import RegisterKind

T = TypeVar("T")


def default_settings_path() -> Path:
    """``settings.ini`` in the platform's user config folder."""
    return platformdirs.user_config_path("ropa", appauthor=False) / "settings.ini"


def _to_bytes(raw: object) -> QByteArray:
    return raw if isinstance(raw, QByteArray) else QByteArray()


def _to_optional_int(raw: object) -> int | None:
    try:
        return int(str(raw))
    except ValueError:
        return None


def _to_text(raw: object) -> str:
    return str(raw)


def _to_choice(*allowed: str) -> Callable[[object], str]:
    """A parser that keeps a stored value only if it is one of ``allowed`` ("" otherwise)."""
    return lambda raw: str(raw) if str(raw) in allowed else ""


def _to_register(raw: object) -> RegisterKind:
    try:
        return RegisterKind(str(raw))
    except ValueError:
        return RegisterKind.CONTROLLER


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: its key in the INI file, its default, and how a stored value is read.

    A stored value that cannot be read (a hand-edited file, an older format) gives the
    default rather than an error.

    Used as a class attribute of :class:`Settings`, it reads and writes the setting.
    """

    key: str
    default: T
    parse: Callable[[object], T]
    dump: Callable[[T], object] = lambda value: value

    @overload
    def __get__(self, obj: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type) -> T: ...

    def __get__(self, obj: Settings | None, owner: type) -> Option[T] | T:
        if obj is None:
            return self
        return obj.read(self)

    def __set__(self, obj: Settings, value: T) -> None:
        obj.write(self, value)


class Settings:
    """Typed access to the window's settings.

    Args:
        path: the INI file; ``None`` for :func:`default_settings_path`.
    """

    window_geometry: Option[QByteArray] = Option("window/geometry", QByteArray(), _to_bytes)
    window_state: Option[QByteArray] = Option("window/state", QByteArray(), _to_bytes)
    table_header_state: Option[QByteArray] = Option(
        "register_table/header_state", QByteArray(), _to_bytes
    )
    #: The split between the record list and the editor.
    splitter_state: Option[QByteArray] = Option("window/splitter_state", QByteArray(), _to_bytes)
    last_organisation_id: Option[int | None] = Option(
        "register/last_organisation_id", None, _to_optional_int,
        lambda value: "" if value is None else value,
    )
    last_register: Option[RegisterKind] = Option(
        "register/last_register", RegisterKind.CONTROLLER, _to_register, lambda value: value.value
    )

    #: The folder the last export was written to ("" until the user picks one).
    export_folder: Option[str] = Option("exchange/export_folder", "", _to_text)
    #: The folder the last import was read from ("" until the user picks one).
    import_folder: Option[str] = Option("exchange/import_folder", "", _to_text)
    #: The page size of the last PDF export ("A4" or "Letter"; "" for the locale's).
    export_page_size: Option[str] = Option("exchange/export_page_size", "",
                                           _to_choice("A4", "Letter"))

    #: Whether the last register export included the audit readiness section.
    export_audit: Option[bool] = Option("exchange/export_audit", False,
                                        lambda raw: str(raw).lower() == "true",
                                        lambda value: "true" if value else "false")

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_settings_path()
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def read(self, option: Option[T]) -> T:
        """The stored value of ``option``, or its default."""
        raw: Any = self._qsettings.value(option.key)
        if raw is None or raw == "":
            return option.default
        return option.parse(raw)

    def write(self, option: Option[T], value: T) -> None:
        """Store ``value`` for ``option`` (written to the file by :meth:`sync` or on exit)."""
        self._qsettings.setValue(option.key, option.dump(value))

    def sync(self) -> None:
        """Write pending changes to the file now."""
        self._qsettings.sync()
