"""Test set-up shared by every suite: no display needed, and no test touches the user's files.

Without a display, Qt aborts the whole pytest process unless told to render offscreen, so
the platform is chosen here, before anything can import Qt.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give each test its own home, data, config, cache, state and log folders and register.

    platformdirs and QSettings read these variables on every call, so the default register,
    the settings file and the log file all land in the test's temporary folder.
    """
    root = tmp_path_factory.mktemp("user")
    for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state"), ("XDG_RUNTIME_DIR", "runtime")):
        folder = root / sub
        folder.mkdir(mode=0o700)
        monkeypatch.setenv(var, str(folder))
    monkeypatch.setenv("ROPA_DB", str(root / "data" / "register.sqlite"))
    monkeypatch.setenv("ROPA_USER", "test-user")
    return root
