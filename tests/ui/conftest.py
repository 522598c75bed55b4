"""Fixtures of the window tests: registers on disk, temporary settings, a fake prompt service."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from ropa_app.domain.documents import OrganisationDoc, RecordDoc, RegisterDoc
from ropa_app.domain.enums import LegalBasis, PurposeKind, RecordStatus, RegisterKind
from ropa_app.domain.models import PurposeBase
from ropa_app.store.bulk import import_register
from ropa_app.store.database import open_register
from ropa_app.store.drafts import DraftStore
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.operations import wait_for_all
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

from .fake_editor import fake_editor_factory
from .fakes import SMALL_ORG, FakePrompts


@pytest.fixture(autouse=True)
def no_background_work_left(qapp: object) -> Iterator[None]:
    """Each test ends with its background work finished and its garbage collected here,
    on the UI thread, not in the next test's worker."""
    yield
    wait_for_all()
    qapp.processEvents()  # type: ignore[attr-defined]
    gc.collect()


@pytest.fixture(autouse=True)
def english_locale() -> Iterator[None]:
    """Pin the UI locale so labels and dates do not depend on the machine's."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def _record(kind: RegisterKind, ref: str, name: str, purpose: str, bases: list[LegalBasis],
            status: RecordStatus, updated: datetime, next_review: date | None) -> RecordDoc:
    purposes = [PurposeBase(kind=PurposeKind.MAIN if i == 0 else PurposeKind.SUB,
                            description=purpose if i == 0 else f"{purpose} ({i})",
                            legal_basis=basis)
                for i, basis in enumerate(bases)]
    return RecordDoc(register_kind=kind, reference=ref, name=name, purposes=purposes,
                     status=status, created_at=updated, updated_at=updated,
                     next_review=next_review)


def small_register_doc() -> RegisterDoc:
    """One organisation, three controller records and one processor record."""
    c, p = RegisterKind.CONTROLLER, RegisterKind.PROCESSOR
    records = [
        _record(c, "COM-10", "Prospection commerciale", "Envoi de lettres d'information",
                [LegalBasis.CONSENT], RecordStatus.DRAFT,
                datetime(2026, 3, 1, 9, 0, tzinfo=UTC), None),
        _record(c, "COM-2", "Fichier clients", "Suivi des commandes",
                [LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTERESTS], RecordStatus.IN_REVIEW,
                datetime(2026, 1, 15, 9, 0, tzinfo=UTC), date(2027, 1, 15)),
        _record(c, "RH-01", "Gestion du personnel", "Paie et déclarations des salariés",
                [LegalBasis.LEGAL_OBLIGATION], RecordStatus.VALIDATED,
                datetime(2025, 6, 1, 9, 0, tzinfo=UTC), date(2025, 6, 1)),
        _record(p, "ST-01", "Hébergement pour les clients", "Héberger les sites des clients",
                [LegalBasis.CONTRACT], RecordStatus.VALIDATED,
                datetime(2026, 2, 1, 9, 0, tzinfo=UTC), date(2027, 2, 1)),
    ]
    org = OrganisationDoc(name=SMALL_ORG, city="Nantes", country="FR", records=records)
    return RegisterDoc(organisations=[org])


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Window settings in a temporary INI file."""
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def prompts() -> FakePrompts:
    """A prompt service that never blocks."""
    return FakePrompts()


def _session(path: Path, doc: RegisterDoc | None) -> RegisterSession:
    opened = open_register(str(path))
    if doc is not None:
        import_register(opened.engine, doc)
    return RegisterSession.over(opened, "test-user")


@pytest.fixture
def small_session(tmp_path: Path) -> Iterator[RegisterSession]:
    """A register file holding :func:`small_register_doc`."""
    session = _session(tmp_path / "small.sqlite", small_register_doc())
    yield session
    wait_for_all()  # a background check may still read it
    session.close()


@pytest.fixture
def demo_session(tmp_path: Path) -> Iterator[RegisterSession]:
    """A register file holding the demo organisation."""
    from ropa_app.domain.demo import build_demo

    session = _session(tmp_path / "demo.sqlite", RegisterDoc(organisations=[build_demo()]))
    yield session
    wait_for_all()  # a background check may still read it
    session.close()


@pytest.fixture
def empty_session(tmp_path: Path) -> Iterator[RegisterSession]:
    """A new, empty register file."""
    session = _session(tmp_path / "empty.sqlite", None)
    yield session
    wait_for_all()  # a background check may still read it
    session.close()


@pytest.fixture
def drafts_folder(tmp_path: Path) -> Path:
    """Where the window's draft stores keep their drafts."""
    return tmp_path / "drafts"


@pytest.fixture
def make_drafts(drafts_folder: Path) -> Callable[[str], DraftStore]:
    """The window's draft-store factory, over :func:`drafts_folder`."""
    return lambda location: DraftStore(location, drafts_folder)


@pytest.fixture
def make_window(qtbot: QtBot, settings: Settings, prompts: FakePrompts,
                make_drafts: Callable[[str], DraftStore]) -> Iterator[Callable[..., MainWindow]]:
    """Build a shown main window over a session, with the fixtures' settings and prompts
    and a fake record editor (pass ``make_editor`` for another). The window's background
    audit has finished when it is returned; any check still running at the end of the test
    is stopped before the window goes."""
    windows: list[MainWindow] = []

    def make(session: RegisterSession, window_settings: Settings | None = None,
             make_editor: Callable[..., object] | None = None,
             today: Callable[[], date] = date.today) -> MainWindow:
        window = MainWindow(window_settings or settings, prompts,
                            make_editor or fake_editor_factory(prompts),  # type: ignore[arg-type]
                            make_drafts, today=today)
        qtbot.addWidget(window)
        windows.append(window)
        window.set_session(session)
        with qtbot.waitExposed(window):
            window.show()
        window.audit.wait()
        return window

    yield make
    for window in windows:
        window.audit.shutdown()
