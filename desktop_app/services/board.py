"""The deadline board: every statutory period that needs attention across all cases, the most urgent first.

A period counts as overdue when it ran out unfinished or was finished after its due date, exactly as the
超期预警 sheet of the aggregate workbook counts it (both ask `period_status`), so the dock and an export made the
same day give the same numbers. Only due dates are stored; days left and statuses are derived here for `today`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select

from db.engine import Database
from db.models import CaseRecord, DeadlineRecord
from desktop_app.core.deadlines import DUE_SOON_DAYS, period_status
from desktop_app.core.results import deadline_status_label
from desktop_app.services import permissions
from desktop_app.services.actors import Actor

BOARD_STATUSES = ("overdue", "due_soon", "open", "suspended")


@dataclass(frozen=True)
class BoardRow:
    case_no: str
    title: str
    prosecutor: str
    rule: str
    name: str
    start: dt.date
    due: dt.date
    #: Days from today to the due date; for a period finished late, from its finish to its due date (negative).
    days_left: int
    status: str
    status_label: str
    legal_basis: str
    done_on: dt.date | None = None


def overdue_clause(today: dt.date) -> ColumnElement[bool]:
    """Stored periods `period_status` calls overdue today: finished after the due date with the clock running, or
    still running past it. The dashboard counts with the same conditions, so it agrees with the dock."""
    return and_(DeadlineRecord.suspended_by.is_(None),
                or_(DeadlineRecord.done_on > DeadlineRecord.due,
                    and_(DeadlineRecord.done_on.is_(None), DeadlineRecord.due < today)))


def due_soon_clause(today: dt.date) -> ColumnElement[bool]:
    """Stored periods still running with 0 to DUE_SOON_DAYS days left today."""
    return and_(DeadlineRecord.done_on.is_(None), DeadlineRecord.suspended_by.is_(None),
                DeadlineRecord.due >= today, DeadlineRecord.due <= today + dt.timedelta(days=DUE_SOON_DAYS))


def at_risk_clause(today: dt.date) -> ColumnElement[bool]:
    """Overdue or due soon today."""
    return or_(overdue_clause(today), due_soon_clause(today))


def deadline_board(database: Database, today: dt.date, *, statuses: set[str] | None = None,
                   limit: int | None = None, viewer: Actor | None = None) -> list[BoardRow]:
    """Periods still running or finished late, overdue first then by due date, suspended ones last (their clock is
    stopped); `statuses` keeps some of them; `viewer` keeps the cases that actor may see."""
    stmt = (select(DeadlineRecord, CaseRecord.case_no, CaseRecord.title, CaseRecord.prosecutor)
            .join(CaseRecord, CaseRecord.id == DeadlineRecord.case_id)
            .where(CaseRecord.status != "archived")
            .order_by(DeadlineRecord.due, CaseRecord.case_no))
    if viewer is not None:
        stmt = permissions.visible(viewer, stmt)
    running = DeadlineRecord.done_on.is_(None)
    late = and_(DeadlineRecord.done_on > DeadlineRecord.due, DeadlineRecord.suspended_by.is_(None))
    if statuses == {"suspended"}:
        stmt = stmt.where(running, DeadlineRecord.suspended_by.is_not(None))
    elif statuses == {"overdue"}:
        stmt = stmt.where(overdue_clause(today))
    elif statuses is not None and "open" not in statuses:
        stmt = stmt.where(at_risk_clause(today))
    else:
        stmt = stmt.where(or_(running, late))
    rows: list[BoardRow] = []
    with database.sessions() as session:
        for deadline, case_no, title, prosecutor in session.execute(stmt):
            status = period_status(deadline.due, deadline.done_on, today, deadline.suspended_by)
            if statuses is not None and status not in statuses:
                continue
            until = deadline.done_on or today
            rows.append(BoardRow(case_no, title, prosecutor, deadline.rule, deadline.name, deadline.start,
                                 deadline.due, (deadline.due - until).days, status,
                                 deadline_status_label(status, deadline.suspended_by), deadline.legal_basis,
                                 deadline.done_on))
    rows.sort(key=lambda r: (r.status == "suspended", r.status != "overdue", r.due, r.case_no))
    return rows[:limit] if limit is not None else rows


def board_counts(database: Database, today: dt.date, viewer: Actor | None = None) -> dict[str, int]:
    """How many periods are overdue, due soon, running and suspended today: the dock's summary line."""
    counts = Counter(row.status for row in deadline_board(database, today, viewer=viewer))
    return {status: counts.get(status, 0) for status in BOARD_STATUSES}
