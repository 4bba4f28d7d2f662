"""The deadline board: every running statutory period across all cases, the most urgent first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from db.engine import Database
from db.models import CaseRecord, DeadlineRecord
from desktop_app.core.results import DEADLINE_STATUSES
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


def board_status(due: dt.date, today: dt.date) -> str:
    days_left = (due - today).days
    if days_left < 0:
        return "overdue"
    return "due_soon" if days_left <= DUE_SOON_DAYS else "open"


def deadline_board(database: Database, today: dt.date, *, statuses: set[str] | None = None,
                   limit: int | None = None, viewer: Actor | None = None) -> list[BoardRow]:
    """Periods not yet done, sorted by days left (overdue first); `statuses` keeps only some of them; `viewer`
    keeps the cases that actor may see."""
    stmt = (select(DeadlineRecord, CaseRecord.case_no, CaseRecord.title, CaseRecord.prosecutor)
            .join(CaseRecord, CaseRecord.id == DeadlineRecord.case_id)
            .where(DeadlineRecord.done_on.is_(None), CaseRecord.status != "archived")
            .order_by(DeadlineRecord.due, CaseRecord.case_no))
    if viewer is not None:
        stmt = permissions.visible(viewer, stmt)
    if statuses == {"overdue"}:
        stmt = stmt.where(DeadlineRecord.due < today)
    elif statuses is not None and "open" not in statuses:
        stmt = stmt.where(DeadlineRecord.due <= today + dt.timedelta(days=DUE_SOON_DAYS))
    rows: list[BoardRow] = []
    with database.sessions() as session:
        for deadline, case_no, title, prosecutor in session.execute(stmt):
            status = board_status(deadline.due, today)
            if statuses is not None and status not in statuses:
                continue
            rows.append(BoardRow(case_no, title, prosecutor, deadline.rule, deadline.name, deadline.start,
                                 deadline.due, (deadline.due - today).days, status, DEADLINE_STATUSES[status],
                                 deadline.legal_basis))
            if limit is not None and len(rows) >= limit:
                break
    return rows
