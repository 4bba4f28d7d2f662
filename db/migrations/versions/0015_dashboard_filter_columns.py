"""The dashboard's filter columns on its narrow per-case rows, and an index for the periods at risk.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02

A filtered dashboard used to test every row of `case_failed_items`, `case_flags` and `case_figures` against a
subquery of the cases table (and, for an inspection kind, against a second one of `case_figures`): seconds on
100,000 cases for a filter that keeps most of them. With the case's department, prosecutor, type, date received
and (on `case_flags`) inspection kinds stored on each row, every filter is a column test of the row itself, and a
prosecutor reads a few index entries. The indexes the figures are grouped by hold every column they read and
filter by, so a filtered figure reads an index alone, whichever one the planner picks; the case-id indexes of the
periods and 整改 lines hold what the dashboard reads of them for the same reason. `ix_deadlines_due` (due date
first) lets the periods at risk be counted from the index and listed in due-date order without sorting them all.

Existing databases are backfilled here in SQL from the cases and `case_figures`; `DerivedData` keeps the columns
current from then on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

#: The case's columns copied onto each narrow table (as db.models.FILTER_COLUMNS; copied: a revision never changes).
CASE_COLUMNS = ("department", "prosecutor", "case_type", "received_on")
_FILTERS = list(CASE_COLUMNS)
#: What the dashboard reads of case_figures (as db.models.FIGURE_READS).
_READS = [*_FILTERS, "inspection_kinds", "received_month", "grade_rank", "score", "flags_critical"]


def _covering(leading: list[str], tail: list[str]) -> list[str]:
    return [*leading, *(column for column in tail if column not in leading)]


#: The indexes the dashboard reads, now also holding the other columns its figures read and filter by (as
#: db.models._covering), so a filtered figure reads an index alone instead of the row of every entry.
COVERING: dict[str, tuple[str, list[str]]] = {
    "ix_case_figures_grade": ("case_figures", _covering(["grade_rank"], _READS)),
    "ix_case_figures_month": ("case_figures", _covering(["received_month", "score"], _READS)),
    "ix_case_figures_prosecutor": ("case_figures", _covering(["prosecutor", "score"], _READS)),
    "ix_case_figures_type": ("case_figures", _covering(["case_type", "score"], _READS)),
    "ix_case_failed_items_item": ("case_failed_items", ["item_id", "kinds", "template_version_id", *_FILTERS]),
    "ix_case_flags_rule": ("case_flags", ["rule", "case_id", *_FILTERS, "inspection_kinds"]),
    "ix_deadlines_case_id": ("deadlines", ["case_id", "due", "done_on", "suspended_by"]),
    "ix_rectifications_case_id": ("rectifications", ["case_id", "status"]),
}
#: The same indexes as earlier revisions made them.
EARLIER: dict[str, tuple[str, list[str]]] = {
    "ix_case_figures_grade": ("case_figures", ["grade_rank"]),
    "ix_case_figures_month": ("case_figures", ["received_month", "score"]),
    "ix_case_figures_prosecutor": ("case_figures", ["prosecutor", "score"]),
    "ix_case_figures_type": ("case_figures", ["case_type", "score"]),
    "ix_case_failed_items_item": ("case_failed_items", ["item_id", "kinds", "template_version_id"]),
    "ix_case_flags_rule": ("case_flags", ["rule", "case_id"]),
    "ix_deadlines_case_id": ("deadlines", ["case_id"]),
    "ix_rectifications_case_id": ("rectifications", ["case_id"]),
}


def _case_columns(table: str) -> list[sa.Column[object]]:
    existing = {"case_figures": {"prosecutor", "case_type"}}.get(table, set())
    columns: dict[str, sa.Column[object]] = {
        "department": sa.Column("department", sa.String(128), nullable=False, server_default=""),
        "prosecutor": sa.Column("prosecutor", sa.String(64), nullable=False, server_default=""),
        "case_type": sa.Column("case_type", sa.String(64), nullable=False, server_default=""),
        "received_on": sa.Column("received_on", sa.Date(), nullable=True),
    }
    return [column for name, column in columns.items() if name not in existing]


def upgrade() -> None:
    for table in ("case_figures", "case_failed_items", "case_flags"):
        with op.batch_alter_table(table) as batch:
            for column in _case_columns(table):
                batch.add_column(column)
            if table == "case_flags":
                batch.add_column(sa.Column("inspection_kinds", sa.Integer(), nullable=False, server_default="0"))
    copied = ", ".join(CASE_COLUMNS)
    for table in ("case_figures", "case_failed_items", "case_flags"):
        op.execute(f"UPDATE {table} SET ({copied}) = (SELECT {copied} FROM cases WHERE cases.id = {table}.case_id)")
    op.execute("UPDATE case_flags SET inspection_kinds = COALESCE((SELECT f.inspection_kinds FROM case_figures f"
               " WHERE f.case_id = case_flags.case_id), 0)")
    _replace_indexes(COVERING)
    op.create_index("ix_case_failed_items_prosecutor", "case_failed_items", ["prosecutor", "item_id"])
    op.create_index("ix_case_flags_prosecutor", "case_flags", ["prosecutor", "rule"])
    op.create_index("ix_deadlines_due", "deadlines", ["due", "done_on", "suspended_by", "case_id"])


def _replace_indexes(shapes: dict[str, tuple[str, list[str]]]) -> None:
    for name, (table, columns) in shapes.items():
        op.drop_index(name, table)
        op.create_index(name, table, columns)


def downgrade() -> None:
    op.drop_index("ix_deadlines_due", "deadlines")
    op.drop_index("ix_case_flags_prosecutor", "case_flags")
    op.drop_index("ix_case_failed_items_prosecutor", "case_failed_items")
    _replace_indexes(EARLIER)
    for table in ("case_flags", "case_failed_items", "case_figures"):
        with op.batch_alter_table(table) as batch:
            if table == "case_flags":
                batch.drop_column("inspection_kinds")
            for column in reversed(_case_columns(table)):
                batch.drop_column(column.name)
