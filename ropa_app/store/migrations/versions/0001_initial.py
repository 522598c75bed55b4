"""Initial schema: organisations, third parties, processing records and their lists, history.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22

Column types are spelled with plain SQLAlchemy types (not the application's type
decorators) so this script keeps working whatever later versions do to that code.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        "ropa_meta",
        sa.Column("key", sa.String(length=40), primary_key=True),
        sa.Column("value", sa.String(length=200), nullable=False),
    )
    op.bulk_insert(meta, [{"key": "application", "value": "ropa"}])

    op.create_table(
        "organisation",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("legal_form", sa.String(), nullable=False),
        sa.Column("registration_number", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("postcode", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("contact_name", sa.String(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("review_interval_months", sa.Integer(), nullable=False),
        sa.Column("dpo_name", sa.String(), nullable=False),
        sa.Column("dpo_external", sa.Boolean(), nullable=False),
        sa.Column("dpo_company", sa.String(), nullable=False),
        sa.Column("dpo_address", sa.String(), nullable=False),
        sa.Column("dpo_postcode", sa.String(), nullable=False),
        sa.Column("dpo_city", sa.String(), nullable=False),
        sa.Column("dpo_country", sa.String(), nullable=False),
        sa.Column("dpo_phone", sa.String(), nullable=False),
        sa.Column("dpo_email", sa.String(), nullable=False),
        sa.Column("dpo_designation_number", sa.String(), nullable=False),
        sa.Column("representative_name", sa.String(), nullable=False),
        sa.Column("representative_address", sa.String(), nullable=False),
        sa.Column("representative_postcode", sa.String(), nullable=False),
        sa.Column("representative_city", sa.String(), nullable=False),
        sa.Column("representative_country", sa.String(), nullable=False),
        sa.Column("representative_phone", sa.String(), nullable=False),
        sa.Column("representative_email", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("name <> ''", name="ck_organisation_name_not_empty"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", name="uq_organisation_name"),
    )
    op.create_table(
        "processing_record",
        sa.Column("register_kind", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("business_function", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("software", sa.String(), nullable=False),
        sa.Column("data_source", sa.String(length=40), nullable=True),
        sa.Column("data_source_details", sa.String(), nullable=False),
        sa.Column("automated_decision", sa.Boolean(), nullable=False),
        sa.Column("profiling", sa.Boolean(), nullable=False),
        sa.Column("automated_decision_details", sa.String(), nullable=False),
        sa.Column("dpia_criteria", sa.Text(), nullable=False),
        sa.Column("dpia_cnil_list", sa.Text(), nullable=False),
        sa.Column("dpia_decision", sa.String(length=40), nullable=True),
        sa.Column("dpia_reason", sa.String(), nullable=False),
        sa.Column("dpia_reference", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("status_changed_by", sa.String(), nullable=False),
        sa.Column("status_changed_at", sa.String(length=32), nullable=True),
        sa.Column("validated_by", sa.String(), nullable=False),
        sa.Column("validated_at", sa.String(length=32), nullable=True),
        sa.Column("last_review", sa.Date(), nullable=True),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("name <> ''", name="ck_record_name_not_empty"),
        sa.CheckConstraint("reference <> ''", name="ck_record_reference_not_empty"),
        sa.CheckConstraint("version >= 1", name="ck_record_version_positive"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "organisation_id", "register_kind", "reference", name="uq_record_reference"
        ),
    )
    with op.batch_alter_table("processing_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_processing_record_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            "ix_record_org_register", ["organisation_id", "register_kind"], unique=False
        )

    op.create_table(
        "record_history",
        sa.Column("register_kind", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("record_history", schema=None) as batch_op:
        batch_op.create_index(
            "ix_history_record", ["organisation_id", "register_kind", "reference"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_record_history_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_record_history_record_id"), ["record_id"], unique=False
        )

    op.create_table(
        "third_party",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("registration_number", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("postcode", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("contact_name", sa.String(), nullable=False),
        sa.Column("contract_reference", sa.String(), nullable=False),
        sa.Column("dpf_certified", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("name <> ''", name="ck_third_party_name_not_empty"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "name", name="uq_third_party_name"),
    )
    with op.batch_alter_table("third_party", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_third_party_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "data_category",
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("retention_value", sa.Integer(), nullable=True),
        sa.Column("retention_unit", sa.String(length=40), nullable=True),
        sa.Column("retention_criterion", sa.String(), nullable=False),
        sa.Column("retention_start", sa.String(), nullable=False),
        sa.Column("retention_outcome", sa.String(length=40), nullable=True),
        sa.Column("art9_condition", sa.String(length=40), nullable=True),
        sa.Column("art10_ground", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["processing_record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("data_category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_category_record_id"), ["record_id"], unique=False)

    op.create_table(
        "purpose",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("legal_basis", sa.String(length=40), nullable=True),
        sa.Column("justification", sa.String(), nullable=False),
        sa.Column("legitimate_interest", sa.String(), nullable=False),
        sa.Column("balancing_test_reference", sa.String(), nullable=False),
        sa.Column("consent_details", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["processing_record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("purpose", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purpose_record_id"), ["record_id"], unique=False)

    op.create_table(
        "recipient",
        sa.Column("recipient_type", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("third_party_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["record_id"], ["processing_record.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["third_party_id"], ["third_party.id"]
        ),  # NO ACTION: checked after cascades
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recipient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recipient_record_id"), ["record_id"], unique=False)

    op.create_table(
        "record_party",
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("third_party_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["processing_record.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["third_party_id"], ["third_party.id"]
        ),  # NO ACTION: checked after cascades
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("record_party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_party_record_id"), ["record_id"], unique=False)

    op.create_table(
        "security_measure",
        sa.Column("measure_type", sa.String(length=40), nullable=False),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["processing_record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("security_measure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_security_measure_record_id"), ["record_id"], unique=False
        )

    op.create_table(
        "subject_category",
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["processing_record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("subject_category", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_subject_category_record_id"), ["record_id"], unique=False
        )

    op.create_table(
        "transfer",
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("international_organisation", sa.String(), nullable=False),
        sa.Column("mechanism", sa.String(length=40), nullable=True),
        sa.Column("documentation", sa.String(), nullable=False),
        sa.Column("tia_reference", sa.String(), nullable=False),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("third_party_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["record_id"], ["processing_record.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["third_party_id"], ["third_party.id"]
        ),  # NO ACTION: checked after cascades
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("transfer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transfer_record_id"), ["record_id"], unique=False)


def downgrade() -> None:
    op.drop_table("ropa_meta")

    with op.batch_alter_table("transfer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_record_id"))

    op.drop_table("transfer")
    with op.batch_alter_table("subject_category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subject_category_record_id"))

    op.drop_table("subject_category")
    with op.batch_alter_table("security_measure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_measure_record_id"))

    op.drop_table("security_measure")
    with op.batch_alter_table("record_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_party_record_id"))

    op.drop_table("record_party")
    with op.batch_alter_table("recipient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recipient_record_id"))

    op.drop_table("recipient")
    with op.batch_alter_table("purpose", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purpose_record_id"))

    op.drop_table("purpose")
    with op.batch_alter_table("data_category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_category_record_id"))

    op.drop_table("data_category")
    with op.batch_alter_table("third_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_third_party_organisation_id"))

    op.drop_table("third_party")
    with op.batch_alter_table("record_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_history_record_id"))
        batch_op.drop_index(batch_op.f("ix_record_history_organisation_id"))
        batch_op.drop_index("ix_history_record")

    op.drop_table("record_history")
    with op.batch_alter_table("processing_record", schema=None) as batch_op:
        batch_op.drop_index("ix_record_org_register")
        batch_op.drop_index(batch_op.f("ix_processing_record_organisation_id"))

    op.drop_table("processing_record")
    op.drop_table("organisation")
