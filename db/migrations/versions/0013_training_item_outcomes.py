"""Practice on the real checklist walk: per-item outcomes of each run, the trainee's name, items scored and agreed.

Rows of older tick-list runs keep their counts and read as having scored no item; their trainee name is filled
from the account that practised.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("training_results") as batch:
        batch.add_column(sa.Column("trainee", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("scored", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("agreed", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE training_results SET trainee = COALESCE((SELECT display_name FROM users "
               "WHERE users.id = training_results.user_id), '')")
    op.create_table(
        "training_item_outcomes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("result_id", sa.Integer(), sa.ForeignKey("training_results.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("question", sa.String(500), nullable=False),
        sa.Column("expected", sa.String(8), nullable=False),
        sa.Column("answer", sa.String(8), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
    )
    op.create_index("ix_training_item_outcomes_result_id", "training_item_outcomes", ["result_id"])
    op.create_index("ix_training_item_outcomes_item_id", "training_item_outcomes", ["item_id"])


def downgrade() -> None:
    op.drop_index("ix_training_item_outcomes_item_id", "training_item_outcomes")
    op.drop_index("ix_training_item_outcomes_result_id", "training_item_outcomes")
    op.drop_table("training_item_outcomes")
    with op.batch_alter_table("training_results") as batch:
        for column in ("agreed", "scored", "trainee"):
            batch.drop_column(column)
