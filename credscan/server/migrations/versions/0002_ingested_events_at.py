"""an index to forget old ingested event ids per client

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ingested_events", schema=None) as batch_op:
        batch_op.create_index("ix_ingested_events_client_at", ["client_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ingested_events", schema=None) as batch_op:
        batch_op.drop_index("ix_ingested_events_client_at")
