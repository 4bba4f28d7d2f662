"""The audit trail: who changed what, when, old → new — written in the same transaction as the change.

Each entry stores the hash of the previous entry and its own hash over both, so deleting or editing a row
breaks the chain at that row, and `casecheck audit verify` names it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import AuditEntry, AuditHead, utcnow
from desktop_app.services.actors import Actor

GENESIS = "0" * 64


def _digest(prev_hash: str, at: dt.datetime, actor: str, action: str, entity: str, key: str,
            detail: dict[str, Any]) -> str:
    payload = json.dumps([prev_hash, at.isoformat(timespec="microseconds"), actor, action, entity, key, detail],
                         ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(session: Session, actor: Actor, action: str, entity: str, key: str, detail: dict[str, Any]) -> None:
    """Append one entry; `detail` holds what changed, e.g. {"title": ["旧", "新"]}."""
    prev_hash = session.info.get("audit_last_hash")
    if prev_hash is None:
        # The unit of work took the write lock when it began (see `take_write_lock`), so no other program can
        # append between this read and our commit.
        last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
        prev_hash = last or GENESIS
    at = utcnow()
    detail = json.loads(json.dumps(detail, ensure_ascii=False, default=str))
    digest = _digest(prev_hash, at, actor.display_name, action, entity, key, detail)
    session.add(AuditEntry(at=at, user_id=actor.id, actor=actor.display_name, action=action, entity=entity,
                           entity_key=key, detail=detail, prev_hash=prev_hash, hash=digest))
    session.info["audit_last_hash"] = digest


def take_write_lock(session: Session) -> None:
    """Make the transaction a writer from its first statement: two programs writing at once then take turns
    (waiting up to the busy timeout) instead of both reading the same last hash and forking the chain."""
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for the fields that differ."""
    return {k: [old.get(k), new.get(k)] for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    key: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken: int | None
    reason: str = ""


def verify_chain(database: Database) -> ChainReport:
    """Walk the chain in id order; the first entry whose links or hash do not match is reported."""
    prev_hash = GENESIS
    count = 0
    with database.sessions() as session:
        for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(1000):
            count += 1
            if entry.prev_hash != prev_hash:
                return ChainReport(count, entry.id, "prev_hash")
            expected = _digest(entry.prev_hash, entry.at, entry.actor, entry.action, entry.entity,
                               entry.entity_key, entry.detail)
            if expected != entry.hash:
                return ChainReport(count, entry.id, "hash")
            prev_hash = entry.hash
    return ChainReport(count, None)


def history(database: Database, entity: str, key: str, limit: int = 200) -> list[AuditRow]:
    with database.sessions() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_key == key)
            .order_by(AuditEntry.id.desc()).limit(limit)
        )
        return [AuditRow(r.id, r.at, r.actor, r.action, r.entity, r.entity_key, r.detail) for r in rows]
