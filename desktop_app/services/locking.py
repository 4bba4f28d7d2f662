"""Optimistic locking: an edit names the version of the record it was made on, and a newer version refuses it.

Cases, inspections (with their answers and grade override) and rectification lines carry a `version` column that
SQLAlchemy counts up on every change of the row (`version_id_col`) and checks in the UPDATE's WHERE clause. A
service that is given the version the user loaded compares it inside its unit of work, which holds the write lock
(see `audit.take_write_lock`), so the check and the write cannot be separated by another program's commit. The
refusal names who changed the record and when, read from the audit trail, which every change writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEntry
from desktop_app.core.i18n import tr
from desktop_app.services.errors import EditConflict

#: How many of the record's newest audit entries are looked through for the last writer of a detail (e.g. one
#: rectification line among all the entries of its case).
_LOOK_BACK = 200


def last_writer(session: Session, entity: str, key: str, actions: Collection[str] | None = None,
                match: Callable[[Any], bool] | None = None) -> tuple[str, dt.datetime | None]:
    """The actor and time (UTC) of the newest audit entry about `entity`/`key`, or ("", None) when none is kept."""
    stmt = select(AuditEntry.actor, AuditEntry.at, AuditEntry.detail).where(
        AuditEntry.entity == entity, AuditEntry.entity_key == key)
    if actions is not None:
        stmt = stmt.where(AuditEntry.action.in_(list(actions)))
    for actor, at, detail in session.execute(stmt.order_by(AuditEntry.id.desc()).limit(_LOOK_BACK)):
        if match is None or match(detail):
            return str(actor), at
    return "", None


def local_time(at: dt.datetime | None) -> str:
    """An audit time (stored in UTC) as this computer's local time, to the second."""
    if at is None:
        return ""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def check_version(session: Session, current: int, expected: int | None, *, what_zh: str, what_en: str,
                  entity: str, key: str, actions: Collection[str] | None = None,
                  match: Callable[[Any], bool] | None = None) -> None:
    """Raise EditConflict when the user's `expected` version is not the stored `current` one (None: no check,
    for a command that reads and writes in the same transaction)."""
    if expected is None or expected == current:
        return
    by, at = last_writer(session, entity, key, actions, match)
    when = local_time(at)
    who_zh = f"已被 {by} 于 {when} 修改" if by else "已被他人修改"
    who_en = f"was changed by {by} at {when}" if by else "was changed by someone else"
    raise EditConflict(tr(
        f"{what_zh}在您打开之后{who_zh}（当前版本 {current}，您打开的是版本 {expected}）。您的修改未保存，"
        "请重新加载后再修改。",
        f"{what_en} {who_en} after you opened it (now version {current}, you opened version {expected}). "
        "Your change was not saved; reload it and make the change again."), by=by, at=at, version=current)
