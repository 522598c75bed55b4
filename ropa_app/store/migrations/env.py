"""Alembic environment: migrations run on the connection handed in by ``store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import ropa_app.domain.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    """Run the migrations on the connection given by the caller (or build one from the URL)."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("migrations are run through ropa_app.store.migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
