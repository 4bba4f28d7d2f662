"""The deadline board: every running statutory period across all cases, the most urgent first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from db.engine import Database
from db.models import CaseRecord, DeadlineRecord
from desktop_app.core.results import deadline_status_label
from desktop_app.services import permissions
from desktop_app.services.actors import Actor

DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class BoardRow:
    case_no: str
    title: str
    prosecutor: str
    rule: str
    name: str
    start: dt.date
    due: dt.date
    days_left: int
    status: str
    status_label: str
    legal_basis: str


def board_status(due: dt.date, today: dt.date, suspended_by: str | None = None) -> str:
    """A stopped clock is `suspended` whatever the date; otherwise the status follows the days left."""
    if suspended_by:
        return "suspended"
    days_left = (due - today).days
    if days_left < 0:
        return "overdue"
    return "due_soon" if days_left <= DUE_SOON_DAYS else "open"


def deadline_board(database: Database, today: dt.date, *, statuses: set[str] | None = None,
                   limit: int | None = None, viewer: Actor | None = None) -> list[BoardRow]:
    """Periods not yet done, sorted by days left (overdue first, suspended ones last, since their clock is
    stopped); `statuses` keeps only some of them; `viewer` keeps the cases that actor may see."""
    stmt = (select(DeadlineRecord, CaseRecord.case_no, CaseRecord.title, CaseRecord.prosecutor)
            .join(CaseRecord, CaseRecord.id == DeadlineRecord.case_id)
            .where(DeadlineRecord.done_on.is_(None), CaseRecord.status != "archived")
            .order_by(DeadlineRecord.suspended_by.is_not(None), DeadlineRecord.due, CaseRecord.case_no))
    if viewer is not None:
        stmt = permissions.visible(viewer, stmt)
    if statuses == {"suspended"}:
        stmt = stmt.where(DeadlineRecord.suspended_by.is_not(None))
    elif statuses is not None and "suspended" not in statuses:
        stmt = stmt.where(DeadlineRecord.suspended_by.is_(None))
        if statuses == {"overdue"}:
            stmt = stmt.where(DeadlineRecord.due < today)
        elif "open" not in statuses:
            stmt = stmt.where(DeadlineRecord.due <= today + dt.timedelta(days=DUE_SOON_DAYS))
    rows: list[BoardRow] = []
    with database.sessions() as session:
        for deadline, case_no, title, prosecutor in session.execute(stmt):
            status = board_status(deadline.due, today, deadline.suspended_by)
            if statuses is not None and status not in statuses:
                continue
            rows.append(BoardRow(case_no, title, prosecutor, deadline.rule, deadline.name, deadline.start,
                                 deadline.due, (deadline.due - today).days, status,
                                 deadline_status_label(status, deadline.suspended_by),
                                 deadline.legal_basis))
            if limit is not None and len(rows) >= limit:
                break
    return rows
