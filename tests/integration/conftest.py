"""Fixtures for tests on real register files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ropa_app.store.database import OpenedRegister, open_register


@pytest.fixture(scope="session")
def template_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty register created once; tests copy it (creating runs every migration)."""
    path = tmp_path_factory.mktemp("template") / "register.sqlite"
    open_register(str(path)).dispose()
    return path


@pytest.fixture
def register_path(tmp_path: Path, template_register: Path) -> Path:
    """A fresh empty register file of this test's own."""
    target = tmp_path / "register.sqlite"
    shutil.copyfile(template_register, target)
    return target


@pytest.fixture
def opened(register_path: Path) -> Iterator[OpenedRegister]:
    """The fresh register, opened."""
    reg = open_register(str(register_path))
    yield reg
    reg.dispose()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: int = 1) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    """A fixed, hand-moved clock."""
    return Clock()
