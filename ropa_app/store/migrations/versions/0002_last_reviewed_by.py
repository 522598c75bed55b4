"""Record who carried out a record's last periodic review.

Revision ID: 0002_last_reviewed_by
Revises: 0001_initial
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_last_reviewed_by"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.add_column(
            sa.Column("last_reviewed_by", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.drop_column("last_reviewed_by")
