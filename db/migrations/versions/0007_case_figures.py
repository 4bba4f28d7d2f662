"""Per-case register figures (检查进度, 得分, 拟评等次, 风险提示, 最近期限), precomputed beside each case.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

Existing cases get their figures (and their stored 整改清单 lines) when the program next opens the database:
computing them needs the rules and checklists, which a migration should not load.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_figures",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("applicable", sa.Integer(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("grade_code", sa.String(16), nullable=False),
        sa.Column("grade_rank", sa.Integer(), nullable=True),
        sa.Column("flags_critical", sa.Integer(), nullable=False),
        sa.Column("flags_major", sa.Integer(), nullable=False),
        sa.Column("flags_minor", sa.Integer(), nullable=False),
        sa.Column("flags_info", sa.Integer(), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("recheck_after", sa.Date(), nullable=True),
        sa.Column("computed_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_case_figures_score", "case_figures", ["score"])
    op.create_index("ix_case_figures_grade", "case_figures", ["grade_rank"])
    op.create_index("ix_case_figures_progress", "case_figures", ["progress"])
    op.create_index("ix_case_figures_risk", "case_figures", ["flags_critical", "flags_major", "flags_minor"])
    op.create_index("ix_case_figures_next_due", "case_figures", ["next_due"])
    op.create_index("ix_case_figures_recheck", "case_figures", ["recheck_after"])


def downgrade() -> None:
    op.drop_table("case_figures")
