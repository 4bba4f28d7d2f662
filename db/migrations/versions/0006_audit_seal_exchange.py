"""Audit chain v2 (hash over every column, stored head, key seal), stable ids for exchange, exchange bases.

The old chain hashed neither the id nor `user_id`, and nothing anchored its end. This migration verifies the old
chain with the old rule; if it holds, every entry is re-sealed under the new rule (the only place entries are ever
rewritten) and an entry records that it was done. If it does not hold, nothing is re-sealed — a tampered chain is
not laundered — and the entry records where the old chain broke, so `audit verify` keeps reporting it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _old_digest(prev_hash: str, at: dt.datetime, actor: str, action: str, entity: str, key: str,
                detail: Any) -> str:
    """The rule of `casecheck.audit/1`, frozen here: it covered neither the id nor the user id."""
    payload = json.dumps([prev_hash, at.isoformat(timespec="microseconds"), actor, action, entity, key, detail],
                         ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _time(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _detail(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _old_chain_break(rows: list[Any]) -> int | None:
    prev = GENESIS
    for row in rows:
        at = _time(row.at)
        if at is None or row.prev_hash != prev or _old_digest(row.prev_hash, at, row.actor, row.action, row.entity,
                                                                row.entity_key, _detail(row.detail)) != row.hash:
            return int(row.id)
        prev = row.hash
    return None


def _add_uids(table: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.add_column(sa.Column("uid", sa.String(length=36), nullable=True))
    conn = op.get_bind()
    ids = [r[0] for r in conn.execute(sa.text(f"SELECT id FROM {table}"))]
    if ids:
        conn.execute(sa.text(f"UPDATE {table} SET uid = :uid WHERE id = :id"),
                     [{"uid": str(uuid.uuid4()), "id": i} for i in ids])
    with op.batch_alter_table(table) as batch:
        batch.alter_column("uid", existing_type=sa.String(length=36), nullable=False)
        batch.create_unique_constraint(f"uq_{table}_uid", ["uid"])


def upgrade() -> None:
    from desktop_app.services.audit import canonical_time, entry_hash

    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("mac", sa.String(length=64), nullable=True))
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(sa.Column("last_id", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_hash", sa.String(length=64), nullable=False, server_default=GENESIS))
        batch.add_column(sa.Column("mac", sa.String(length=64), nullable=True))
    _add_uids("cases")
    _add_uids("inspections")
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("origin", sa.JSON(), nullable=True))
    op.create_table(
        "exchange_base",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("uid", sa.String(length=160), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "uid"),
    )

    conn = op.get_bind()
    rows = list(conn.execute(sa.text(
        "SELECT id, at, user_id, actor, action, entity, entity_key, detail, prev_hash, hash FROM audit_log "
        "ORDER BY id")))
    if not rows:
        return
    broken = _old_chain_break(rows)
    prev, last_id = GENESIS, 0
    if broken is None:
        for row in rows:
            at = _time(row.at)
            assert at is not None
            digest = entry_hash(row.id, canonical_time(at), row.user_id, row.actor, row.action, row.entity,
                                row.entity_key, _detail(row.detail), prev)
            conn.execute(sa.text("UPDATE audit_log SET at = :at, prev_hash = :prev, hash = :hash WHERE id = :id"),
                         {"at": canonical_time(at), "prev": prev, "hash": digest, "id": row.id})
            prev, last_id = digest, int(row.id)
    else:
        last_id, prev = (int(rows[-1].id), str(rows[-1].hash))
    # The entry that says what was done, chained after the (re-sealed or untouched) old entries.
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    detail = {"entries": len(rows), "resealed": broken is None, "old_chain_broken_at": broken,
              "format": "casecheck.audit/2"}
    entry_id = last_id + 1
    digest = entry_hash(entry_id, canonical_time(at), None, "系统", "audit.migrate", "audit", "0006", detail, prev)
    conn.execute(sa.text(
        "INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_key, detail, prev_hash, hash) "
        "VALUES (:id, :at, NULL, '系统', 'audit.migrate', 'audit', '0006', :detail, :prev, :hash)"),
        {"id": entry_id, "at": canonical_time(at), "detail": json.dumps(detail, ensure_ascii=False),
         "prev": prev, "hash": digest})
    conn.execute(sa.text("UPDATE audit_head SET last_id = :id, last_hash = :hash WHERE id = 1"),
                 {"id": entry_id, "hash": digest})


def downgrade() -> None:
    op.drop_table("exchange_base")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("origin")
    for table in ("inspections", "cases"):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"uq_{table}_uid", type_="unique")
            batch.drop_column("uid")
    with op.batch_alter_table("audit_head") as batch:
        for column in ("mac", "last_hash", "last_id"):
            batch.drop_column(column)
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("mac")
