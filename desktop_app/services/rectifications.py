"""The stored rectification list (整改清单): who fixes what by when, and what became of it.

The lines are derived from failed items and open flags; what people add — owner, due date, status, the reason
for 不予整改, notes — is stored per case and key, so re-evaluating a case never loses it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import CaseRecord, Rectification
from desktop_app.core.i18n import tr
from desktop_app.core.rectification import RECTIFICATION_STATUSES, RectificationItem, validate_status_change
from desktop_app.services import audit, permissions
from desktop_app.services.actors import Actor
from desktop_app.services.errors import NotFound, ServiceError
from desktop_app.services.locking import check_version
from desktop_app.services.uow import UnitOfWork


@dataclass(frozen=True)
class RectificationRow:
    case_no: str
    case_title: str
    key: str
    problem: str
    basis: str
    heading: str
    owner: str
    due: dt.date | None
    status: str
    status_label: str
    reason: str
    note: str
    department: str = ""
    prosecutor: str = ""
    #: The version read (optimistic lock), which `update` takes back.
    version: int = 1


def _row(case: CaseRecord, r: Rectification) -> RectificationRow:
    return RectificationRow(case.case_no, case.title, r.key, r.problem, r.basis, r.heading, r.owner, r.due, r.status,
                            RECTIFICATION_STATUSES.get(r.status, r.status), r.reason, r.note, case.department,
                            case.prosecutor, r.version)


def store_lines(session: Session, case_id: int, items: Sequence[RectificationItem]) -> tuple[list[str], list[str]]:
    """Store a case's current lines inside the caller's transaction: new problems are added as 待整改; a 待整改
    line whose problem is gone is removed; lines already 已整改 or 不予整改 are kept as the record of what was
    done. Returns the keys added and removed."""
    stored = {r.key: r for r in session.scalars(select(Rectification).where(Rectification.case_id == case_id))}
    current = {item.key for item in items}
    added, removed = [], []
    for item in items:
        row = stored.get(item.key)
        if row is None:
            session.add(Rectification(case_id=case_id, key=item.key, problem=item.problem, basis=item.basis,
                                      heading=item.heading, owner=item.owner, due=item.due, status="pending",
                                      note=item.note))
            added.append(item.key)
        else:
            row.problem, row.basis, row.heading = item.problem, item.basis, item.heading
    for key, row in stored.items():
        if key not in current and row.status == "pending":
            session.delete(row)
            removed.append(key)
    session.flush()
    return added, removed


def new_line_rows(case_id: int, items: Sequence[RectificationItem]) -> list[dict[str, object]]:
    """The lines of a case just inserted (nothing stored yet), for a bulk insert during an import."""
    return [{"case_id": case_id, "key": i.key, "problem": i.problem, "basis": i.basis, "heading": i.heading,
             "owner": i.owner, "due": i.due, "status": "pending", "note": i.note} for i in items]


def overlay_lines(items: Sequence[RectificationItem], stored: Mapping[str, Rectification]) -> list[RectificationItem]:
    """Derived lines with what people recorded on their stored line of the same key (status, owner, due date,
    reason, note)."""
    result = []
    for item in items:
        row = stored.get(item.key)
        if row is not None:
            item = dataclasses.replace(item, owner=row.owner or item.owner, due=row.due or item.due,
                                       status=row.status, reason=row.reason, note=row.note or item.note)
        result.append(item)
    return result


class RectificationService:
    def __init__(self, database: Database, viewer: Callable[[], Actor] | None = None) -> None:
        self.database = database
        #: Who is looking: `rows` lists only the lines of cases this actor may see (None: all).
        self.viewer = viewer

    def overlay(self, case_no: str, items: Sequence[RectificationItem]) -> list[RectificationItem]:
        """The derived lines with what people recorded for them (status, owner, due date, reason, note)."""
        return overlay_lines(items, self.stored_lines([case_no]).get(case_no, {}))

    def stored_lines(self, case_nos: Sequence[str]) -> dict[str, dict[str, Rectification]]:
        """The stored lines of these cases in one query: by 案号, then by line key (for `overlay_lines`)."""
        stored: dict[str, dict[str, Rectification]] = {}
        with self.database.sessions() as session:
            for case_no, row in session.execute(
                    select(CaseRecord.case_no, Rectification).join(CaseRecord, CaseRecord.id == Rectification.case_id)
                    .where(CaseRecord.case_no.in_(list(case_nos)))):
                stored.setdefault(case_no, {})[row.key] = row
        return stored

    def sync(self, actor: Actor, case_no: str, items: Sequence[RectificationItem]) -> None:
        """Store the current lines (see `store_lines`), with an audit entry naming what was added or removed."""
        with UnitOfWork(self.database) as uow:
            case = self._case(uow, case_no)
            permissions.check(actor, "rectification.edit", case, uow.session)
            added, removed = store_lines(uow.session, case.id, items)
            if added or removed:
                audit.record(uow.session, actor, "rectification.sync", "case", case_no,
                             {"added": added, "removed": removed})
            uow.commit()

    def update(self, actor: Actor, case_no: str, key: str, *, status: str, reason: str = "",
               owner: str | None = None, due: dt.date | None = None, note: str | None = None,
               expected_version: int | None = None) -> RectificationRow:
        """Change one line; 不予整改 needs a reason. The change and its old values go to the audit trail.

        `expected_version` is the line's version as shown (`RectificationRow.version`); a line someone changed since
        is refused with EditConflict."""
        with UnitOfWork(self.database) as uow:
            case = self._case(uow, case_no)
            permissions.check(actor, "rectification.edit", case, uow.session)
            row = uow.session.scalar(select(Rectification).where(Rectification.case_id == case.id,
                                                                 Rectification.key == key))
            if row is None:
                raise NotFound(tr(f"整改清单中没有 {key}", f"no rectification line {key}"))
            check_version(uow.session, row.version, expected_version, what_zh=f"整改事项 {case_no} {key} ",
                          what_en=f"Rectification line {case_no} {key}", entity="case", key=case_no,
                          actions=("rectification.update", "rectification.import"),
                          match=lambda detail: isinstance(detail, dict) and detail.get("key") == key)
            item = RectificationItem(key=key, problem=row.problem, basis=row.basis, heading=row.heading,
                                     owner=row.owner, due=row.due or dt.date.today())
            try:
                validate_status_change(item, status, reason)
            except ValueError as exc:
                raise ServiceError(str(exc)) from None
            before = {"status": row.status, "reason": row.reason, "owner": row.owner, "due": row.due, "note": row.note}
            row.status, row.reason = status, reason.strip()
            if owner is not None:
                row.owner = owner.strip()
            if due is not None:
                row.due = due
            if note is not None:
                row.note = note
            after = {"status": row.status, "reason": row.reason, "owner": row.owner, "due": row.due, "note": row.note}
            audit.record(uow.session, actor, "rectification.update", "case", case_no,
                         {"key": key, **audit.changes(before, after)})
            uow.commit()
            return _row(case, row)

    def rows(self, *, case_no: str | None = None, status: str | None = None, owner: str | None = None,
             department: str | None = None, prosecutor: str | None = None) -> list[RectificationRow]:
        """Stored lines across cases, filtered, the earliest due first."""
        stmt = (select(CaseRecord, Rectification).join(Rectification, Rectification.case_id == CaseRecord.id)
                .order_by(Rectification.due, CaseRecord.case_no, Rectification.key))
        if self.viewer is not None:
            stmt = permissions.visible(self.viewer(), stmt)
        if case_no:
            stmt = stmt.where(CaseRecord.case_no == case_no)
        if status:
            stmt = stmt.where(Rectification.status == status)
        if owner:
            stmt = stmt.where(Rectification.owner == owner)
        if department:
            stmt = stmt.where(CaseRecord.department == department)
        if prosecutor:
            stmt = stmt.where(CaseRecord.prosecutor == prosecutor)
        with self.database.sessions() as session:
            return [_row(case, r) for case, r in session.execute(stmt)]

    @staticmethod
    def _case(uow: UnitOfWork, case_no: str) -> CaseRecord:
        case = uow.session.scalar(select(CaseRecord).where(CaseRecord.case_no == case_no))
        if case is None:
            raise NotFound(tr(f"案件 {case_no} 不存在", f"case {case_no} not found"))
        return case
