"""Store a case's related 案号 and its parties (casecheck.case/1 `related_case_nos`, `parties`).

Both are JSON lists and nullable: rows stored before this revision read as having none, and the key-presence list
of revision 0004 still decides whether an export writes the keys back.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = ("related_case_nos", "parties")


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for column in COLUMNS:
            batch.add_column(sa.Column(column, sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
