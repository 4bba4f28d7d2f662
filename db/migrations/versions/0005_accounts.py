"""Accounts and roles: password hashes, departments and lock-out on users; an owner account on cases; security
settings; training results per account. The roles stored by `casecheck profile` take the new codes
(`lead` → `department_head`).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: Role codes written before accounts existed, and the code each one became.
RENAMED_ROLES = {"lead": "department_head"}


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("department", sa.String(length=128), nullable=False, server_default=""))
        batch.add_column(sa.Column("password_hash", sa.String(length=256), nullable=True))
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_cases_owner_id_users", "users", ["owner_id"], ["id"])
        batch.create_index("ix_cases_owner_id", ["owner_id"])
    op.create_table(
        "account_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "training_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("sample", sa.String(length=128), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("found", sa.Integer(), nullable=False),
        sa.Column("missed", sa.Integer(), nullable=False),
        sa.Column("wrong", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_training_results_user_id", "training_results", ["user_id"])
    users = sa.table("users", sa.column("role", sa.String))
    for old, new in RENAMED_ROLES.items():
        op.execute(users.update().where(users.c.role == old).values(role=new))


def downgrade() -> None:
    users = sa.table("users", sa.column("role", sa.String))
    for old, new in RENAMED_ROLES.items():
        op.execute(users.update().where(users.c.role == new).values(role=old))
    op.drop_index("ix_training_results_user_id", table_name="training_results")
    op.drop_table("training_results")
    op.drop_table("account_settings")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_owner_id")
        batch.drop_constraint("fk_cases_owner_id_users", type_="foreignkey")
        batch.drop_column("owner_id")
    with op.batch_alter_table("users") as batch:
        for column in ("locked_until", "failed_logins", "active", "password_hash", "department"):
            batch.drop_column(column)
