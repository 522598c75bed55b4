"""The window settings: typed, with defaults, in an INI file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray

from ropa_app.domain.enums import RegisterKind
from ropa_app.ui.settings import Settings, default_settings_path


def test_defaults_when_nothing_is_stored(tmp_path: Path) -> None:
    """A new settings file gives every default."""
    settings = Settings(tmp_path / "s.ini")
    assert settings.window_geometry == QByteArray()
    assert settings.table_header_state == QByteArray()
    assert settings.last_organisation_id is None
    assert settings.last_register is RegisterKind.CONTROLLER


def test_values_round_trip_through_the_file(tmp_path: Path) -> None:
    """Written values are read back, with their types, by another Settings on the file."""
    path = tmp_path / "s.ini"
    settings = Settings(path)
    settings.window_geometry = QByteArray(b"\x01\x02geometry")
    settings.last_organisation_id = 42
    settings.last_register = RegisterKind.PROCESSOR
    settings.sync()
    assert path.exists()
    again = Settings(path)
    assert again.window_geometry == QByteArray(b"\x01\x02geometry")
    assert again.last_organisation_id == 42
    assert again.last_register is RegisterKind.PROCESSOR
    again.last_organisation_id = None
    assert again.last_organisation_id is None


def test_unreadable_values_give_the_default(tmp_path: Path) -> None:
    """A hand-edited file with nonsense values falls back to the defaults."""
    path = tmp_path / "s.ini"
    path.write_text("[register]\nlast_organisation_id=abc\nlast_register=both\n"
                    "[window]\ngeometry=not bytes\n", encoding="utf-8")
    settings = Settings(path)
    assert settings.last_organisation_id is None
    assert settings.last_register is RegisterKind.CONTROLLER
    assert settings.window_geometry == QByteArray()


def test_default_file_is_in_the_user_config_folder(isolated_user_folders: Path) -> None:
    """Without a path, settings go to the (test's) user config folder."""
    assert Settings().path == default_settings_path()
    assert default_settings_path().is_relative_to(isolated_user_folders / "config")
