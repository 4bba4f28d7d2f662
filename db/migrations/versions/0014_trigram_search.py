"""Trigram (pg_trgm) GIN indexes for the register's substring search on PostgreSQL; nothing on SQLite.

The search of 案号, 案件名称 and 罪名 is `ILIKE '%text%'` on PostgreSQL (see `db.portable.contains_text`); with these
indexes a search of three characters or more reads only the matching rows instead of the whole table. The
database must use a UTF-8 encoding and a locale (C.UTF-8) in which Chinese characters are word characters.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS = ("case_no", "title", "charges_text")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_cases_{column}_trgm ON cases USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in reversed(COLUMNS):
        op.execute(f"DROP INDEX IF EXISTS ix_cases_{column}_trgm")
