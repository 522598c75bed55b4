"""Stand-ins for the window's collaborators, shared by the window tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ropa_app.domain.models import OrganisationBase
from ropa_app.ui.prompts import FirstLaunchChoice, PromptService

#: The organisation of the small test register.
SMALL_ORG = "Boulangerie Étoile SARL"


class FakePrompts(PromptService):
    """A prompt service that answers at once and remembers what it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.crashes: list[Path | None] = []
        self.first_launch_answer = FirstLaunchChoice.CANCEL
        self.first_launch_asked = 0
        self.new_organisation: OrganisationBase | None = None
        self.register_path: str | None = None

    def show_error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def show_info(self, title: str, message: str) -> None:
        self.infos.append((title, message))

    def show_crash(self, log_path: Path | None) -> None:
        self.crashes.append(log_path)

    def ask_first_launch(self) -> FirstLaunchChoice:
        self.first_launch_asked += 1
        return self.first_launch_answer

    def ask_new_organisation(self, save: Callable[[OrganisationBase], int]) -> int | None:
        return save(self.new_organisation) if self.new_organisation is not None else None

    def ask_register_path(self, start: str) -> str | None:
        return self.register_path
