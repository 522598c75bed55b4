"""Keep each record's folded search text next to it, for instant search in the list.

Revision ID: 0003_search_text
Revises: 0002_last_reviewed_by
Create Date: 2026-11-22

The column is derived data: the store fills it for existing records after migrating
(``ropa_app.store.records.refresh_search_texts``) and rewrites it at every save.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_search_text"
down_revision = "0002_last_reviewed_by"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.add_column(
            sa.Column("search_text", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.drop_column("search_text")
