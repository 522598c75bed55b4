"""What the window works on: one opened register and the stores over it.

Built by the composition root (:mod:`ropa_app.app`) and handed to the window; opening
another register builds a new session and closes the old one. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ropa_app.store.database import OpenedRegister, open_register
from ropa_app.store.organisations import OrganisationStore
from ropa_app.store.records import RecordStore


@dataclass(frozen=True)
class RegisterSession:
    """An opened register with its organisation and record stores.

    Attributes:
        register: the opened register (engine and location).
        organisations: organisations and their third parties.
        records: processing records.
    """

    register: OpenedRegister
    organisations: OrganisationStore
    records: RecordStore

    @classmethod
    def open(cls, location: str | None, user: str) -> RegisterSession:
        """Open the register at ``location`` (see :func:`open_register`) for ``user``.

        Raises:
            RopaError: the register cannot be opened; the message says why.
        """
        return cls.over(open_register(location), user)

    @classmethod
    def over(cls, register: OpenedRegister, user: str) -> RegisterSession:
        """A session over an already opened register."""
        return cls(register, OrganisationStore(register.engine), RecordStore(register.engine, user))

    @property
    def location(self) -> str:
        """The register's file path or URL (without password), as the user named it."""
        return self.register.location

    def import_demo(self) -> int:
        """Add the demo organisation and both its registers; returns its id.

        Raises:
            RopaError: the register refused it (the demo is there already, a locked file…).
        """
        from ropa_app.domain.demo import build_demo
        from ropa_app.domain.documents import RegisterDoc
        from ropa_app.store.bulk import import_register

        demo = build_demo()
        import_register(self.register.engine, RegisterDoc(organisations=[demo]))
        demo_id = self.organisations.find(demo.name)
        assert demo_id is not None  # just imported, in a committed transaction
        return demo_id

    def close(self) -> None:
        """Close every connection to the register."""
        self.register.dispose()
