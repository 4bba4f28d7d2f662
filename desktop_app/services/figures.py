"""Keeping the register's per-case figures current without anybody opening a case.

The figures are written by `DerivedData.refresh` whenever a case, its latest inspection or a grade override
changes. Two things change them without an edit: a period running out (its overdue flag lowers the score) and a
database made by an older version (no figures yet). `stale_ids` finds both from stored dates alone, and
`bring_up_to_date` recomputes exactly those cases, a batch per transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import or_, select

from db.engine import Database
from db.models import CaseFigures, CaseRecord
from desktop_app.services.cases import CaseService

BATCH = 500


class FigureService:
    def __init__(self, database: Database, cases: CaseService) -> None:
        self.database = database
        self.cases = cases

    def stale_ids(self, today: dt.date) -> list[int]:
        """Cases with no figures yet, or whose figures were computed before a still-running period ran out."""
        stmt = (select(CaseRecord.id).outerjoin(CaseFigures, CaseFigures.case_id == CaseRecord.id)
                .where(or_(CaseFigures.case_id.is_(None), CaseFigures.recheck_after < today))
                .order_by(CaseRecord.id))
        with self.database.sessions() as session:
            return list(session.scalars(stmt))

    def bring_up_to_date(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Recompute the stale cases for today; returns how many were recomputed."""
        ids = self.stale_ids(self.cases.derived.today())
        for start in range(0, len(ids), BATCH):
            self.cases.rederive(ids[start:start + BATCH])
            if progress:
                progress(min(start + BATCH, len(ids)), len(ids))
        return len(ids)
