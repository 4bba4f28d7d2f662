"""The dashboard's precomputed per-case rows: failed checklist items, flagging rules, and the month received.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01

`case_failed_items` (one row per case and item answered 不符合, the failing inspection kinds as bits) and
`case_flags` (one row per case and rule, with its gravest severity) let the dashboard count the most-failed items
and the most frequent flags from narrow indexed rows; `case_figures.received_month` lets the monthly trend group on
any database, `case_figures.inspection_kinds` makes the inspection-kind filter a column test, and the case's
prosecutor and type beside its score let the mean scores by them read one index each.

Existing databases are backfilled here, in SQL from the rows already stored (answers, inspections, flags,
cases), so the dashboard is right at once; no rules or checklists are needed for that.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: Gravest first, as core.results orders severities.
SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2, "info": 3}
#: One bit per inspection kind, as db.models.KIND_BITS (copied: a revision never changes with later code).
KIND_BITS = {"self": 1, "department": 2, "review": 4}


def upgrade() -> None:
    op.create_table(
        "case_failed_items",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("kinds", sa.Integer(), nullable=False),
        sa.Column("template_version_id", sa.Integer(), nullable=False),
    )
    op.create_index("ix_case_failed_items_item", "case_failed_items", ["item_id", "kinds", "template_version_id"])
    op.create_table(
        "case_flags",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("rule", sa.String(64), primary_key=True),
        sa.Column("severity", sa.String(16), nullable=False),
    )
    op.create_index("ix_case_flags_rule", "case_flags", ["rule", "case_id"])
    with op.batch_alter_table("case_figures") as batch:
        batch.add_column(sa.Column("received_month", sa.String(7), nullable=False, server_default=""))
        batch.add_column(sa.Column("inspection_kinds", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("prosecutor", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("case_type", sa.String(64), nullable=False, server_default=""))
    op.create_index("ix_case_figures_month", "case_figures", ["received_month", "score"])
    op.create_index("ix_case_figures_prosecutor", "case_figures", ["prosecutor", "score"])
    op.create_index("ix_case_figures_type", "case_figures", ["case_type", "score"])
    op.create_index("ix_rectifications_status", "rectifications", ["status", "case_id"])
    _backfill()


def _backfill() -> None:
    bit = "CASE i.kind " + " ".join(f"WHEN '{kind}' THEN {n}" for kind, n in KIND_BITS.items()) + " ELSE 0 END"
    op.execute(
        "INSERT INTO case_failed_items (case_id, item_id, kinds, template_version_id)"
        f" SELECT i.case_id, a.item_id, SUM(DISTINCT {bit}), MAX(i.template_version_id)"
        " FROM answers a JOIN inspections i ON i.id = a.inspection_id"
        " WHERE a.value = 'fail' GROUP BY i.case_id, a.item_id")
    op.execute(f"UPDATE case_figures SET inspection_kinds = COALESCE((SELECT SUM(DISTINCT {bit}) FROM inspections i"
               " WHERE i.case_id = case_figures.case_id), 0)")
    rank = " ".join(f"WHEN '{code}' THEN {n}" for code, n in SEVERITY_RANK.items())
    back = " ".join(f"WHEN {n} THEN '{code}'" for code, n in SEVERITY_RANK.items())
    op.execute(
        "INSERT INTO case_flags (case_id, rule, severity)"
        f" SELECT case_id, rule, CASE MIN(CASE severity {rank} ELSE 3 END) {back} END"
        " FROM flags GROUP BY case_id, rule")
    # Dates are ISO text on SQLite and DATE on PostgreSQL: the one dialect-specific expression of the revision.
    month = ("to_char(cases.received_on, 'YYYY-MM')" if op.get_bind().dialect.name == "postgresql"
             else "substr(cases.received_on, 1, 7)")
    for column, value in (("received_month", month), ("prosecutor", "cases.prosecutor"),
                          ("case_type", "cases.case_type")):
        op.execute(f"UPDATE case_figures SET {column} = (SELECT {value} FROM cases"
                   " WHERE cases.id = case_figures.case_id)")


def downgrade() -> None:
    op.drop_index("ix_rectifications_status", "rectifications")
    for index in ("ix_case_figures_type", "ix_case_figures_prosecutor", "ix_case_figures_month"):
        op.drop_index(index, "case_figures")
    with op.batch_alter_table("case_figures") as batch:
        batch.drop_column("case_type")
        batch.drop_column("prosecutor")
        batch.drop_column("inspection_kinds")
        batch.drop_column("received_month")
    op.drop_table("case_flags")
    op.drop_table("case_failed_items")
