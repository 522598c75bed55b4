"""Organisations and their third parties."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ropa_app.domain.models import (
    Organisation,
    OrganisationBase,
    ThirdParty,
    ThirdPartyBase,
    utcnow,
)
from ropa_app.domain.validation import organisation_problems, text_problems
from ropa_app.store.database import writer
from ropa_app.store.errors import (
    DuplicateError,
    InvalidDocumentError,
    NotFoundError,
    RopaError,
    storage_errors,
)


@dataclass(frozen=True)
class StoredOrganisation:
    """An organisation as stored: its id and its own fields."""

    id: int
    data: OrganisationBase


@dataclass(frozen=True)
class StoredThirdParty:
    """A third party as stored: its id and its fields."""

    id: int
    data: ThirdPartyBase


class OrganisationStore:
    """Reads and writes organisations and their third parties."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)
        self._where = str(engine.url.database or engine.url)

    def list(self) -> list[StoredOrganisation]:
        """Every organisation, by name."""
        with storage_errors(self._where), Session(self._engine) as s:
            rows = s.scalars(select(Organisation).order_by(Organisation.name)).all()
            return [StoredOrganisation(r.id, _org_data(r)) for r in rows]  # type: ignore[arg-type]

    def get(self, organisation_id: int) -> StoredOrganisation:
        """One organisation. Raises NotFoundError if there is none with that id."""
        with storage_errors(self._where), Session(self._engine) as s:
            row = s.get(Organisation, organisation_id)
            if row is None:
                raise NotFoundError(f"organisation #{organisation_id} does not exist")
            return StoredOrganisation(organisation_id, _org_data(row))

    def find(self, name: str) -> int | None:
        """The id of the organisation with this exact name, or None."""
        with storage_errors(self._where), Session(self._engine) as s:
            return s.scalar(select(Organisation.id).where(Organisation.name == name))

    def create(self, data: OrganisationBase) -> int:
        """Add an organisation; returns its id."""
        _validate_org(data)
        now = utcnow()
        with storage_errors(self._where), Session(self._writer) as s, s.begin():
            row = Organisation(**data.model_dump(), created_at=now, updated_at=now)
            s.add(row)
            try:
                s.flush()
            except IntegrityError as exc:
                raise DuplicateError(f"an organisation named {data.name!r} exists already") from exc
            assert row.id is not None
            return row.id

    def update(self, organisation_id: int, data: OrganisationBase) -> None:
        """Replace an organisation's own fields."""
        _validate_org(data)
        with storage_errors(self._where), Session(self._writer) as s, s.begin():
            row = s.get(Organisation, organisation_id)
            if row is None:
                raise NotFoundError(f"organisation #{organisation_id} does not exist")
            for key, value in data.model_dump().items():
                setattr(row, key, value)
            row.updated_at = utcnow()
            try:
                s.flush()
            except IntegrityError as exc:
                raise DuplicateError(f"an organisation named {data.name!r} exists already") from exc

    def third_parties(self, organisation_id: int) -> list[StoredThirdParty]:
        """The organisation's third parties, by name."""
        with storage_errors(self._where), Session(self._engine) as s:
            rows = s.scalars(select(ThirdParty).where(ThirdParty.organisation_id == organisation_id)
                             .order_by(ThirdParty.name)).all()
            return [StoredThirdParty(r.id, _tp_data(r)) for r in rows]  # type: ignore[arg-type]

    def save_third_party(self, organisation_id: int, data: ThirdPartyBase,
                         third_party_id: int | None = None) -> int:
        """Create (no id) or update a third party; returns its id.

        Records link third parties by id, so a rename shows in every record at once.
        """
        problems = text_problems(data.model_dump(mode="json"))
        if problems:
            raise InvalidDocumentError(problems)
        with storage_errors(self._where), Session(self._writer) as s, s.begin():
            if third_party_id is None:
                row = ThirdParty(organisation_id=organisation_id, **data.model_dump())
                s.add(row)
            else:
                found = s.get(ThirdParty, third_party_id)
                if found is None or found.organisation_id != organisation_id:
                    raise NotFoundError(f"third party #{third_party_id} does not exist")
                row = found
                for key, value in data.model_dump().items():
                    setattr(row, key, value)
            try:
                s.flush()
            except IntegrityError as exc:
                raise DuplicateError(f"a third party named {data.name!r} exists already") from exc
            assert row.id is not None
            return row.id

    def delete_third_party(self, third_party_id: int) -> None:
        """Remove a third party that no record links to."""
        with storage_errors(self._where), Session(self._writer) as s, s.begin():
            row = s.get(ThirdParty, third_party_id)
            if row is None:
                return
            name = row.name  # the row is unusable once the failed flush rolls back
            s.delete(row)
            try:
                s.flush()
            except IntegrityError as exc:
                raise RopaError(
                    f"third party {name!r} is still named in records; unlink it first"
                ) from exc


def _org_data(row: Organisation) -> OrganisationBase:
    return OrganisationBase.model_validate(
        {k: getattr(row, k) for k in OrganisationBase.model_fields}
    )


def _tp_data(row: ThirdParty) -> ThirdPartyBase:
    return ThirdPartyBase.model_validate({k: getattr(row, k) for k in ThirdPartyBase.model_fields})


def _validate_org(data: OrganisationBase) -> None:
    from ropa_app.domain.documents import OrganisationDoc

    problems = organisation_problems(OrganisationDoc.model_validate(data.model_dump()))
    if problems:
        raise InvalidDocumentError(problems)
