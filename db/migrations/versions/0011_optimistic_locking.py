"""Optimistic locking: a `version` counter on cases, inspections and rectification lines.

Every change of such a row counts its version up; an edit that was made on an older version is refused with the
name of whoever changed it since, instead of silently overwriting their work (two reviewers on one server).
Existing rows start at version 1.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = ("cases", "inspections", "rectifications")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
