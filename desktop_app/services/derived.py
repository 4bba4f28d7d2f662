"""Data derived from a case (its statutory periods and flags), stored beside it in the same transaction.

Keeping them in tables lets the deadline board sort every case by due date in one query, and lets lists and
aggregate reports show flags without re-running the rules over 100,000 cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from db.models import DeadlineRecord, FlagRecord
from desktop_app.core.case import Case
from desktop_app.core.deadlines import LAPSING_PERIODS
from desktop_app.core.evaluation import EvaluationContext, case_findings


class DerivedData:
    def __init__(self, context_factory: Callable[[], EvaluationContext] = EvaluationContext.load,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self._context_factory = context_factory
        self._context: EvaluationContext | None = None
        self.today = today

    @property
    def context(self) -> EvaluationContext:
        if self._context is None:
            self._context = self._context_factory()
        return self._context

    def replace_context(self, context: EvaluationContext) -> None:
        """Use another calendar or grading scheme from now on (e.g. after a calendar import)."""
        self._context = context

    def rows(self, case_id: int, case: Case) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The deadline rows and flag rows of one case, ready for a bulk insert."""
        found_deadlines, found_flags, _ = case_findings(case, self.today(), self.context)
        # A period that runs out by itself (a notice period) is complete on its end: nothing to act on, no board row.
        deadlines = [{"case_id": case_id, "rule": d.rule, "name": d.name, "start": d.start, "due": d.due,
                      "done_on": d.due if d.rule in LAPSING_PERIODS else d.done_on, "legal_basis": d.legal_basis,
                      "suspended_by": d.suspended_by} for d in found_deadlines]
        flags = [{"case_id": case_id, "rule": f.rule, "severity": f.severity, "title": f.title, "message": f.message,
                  "legal_basis": f.legal_basis, "verified": f.verified, "evidence_ids": list(f.evidence_ids)}
                 for f in found_flags]
        return deadlines, flags

    def refresh(self, session: Session, case_id: int, case: Case) -> None:
        """Replace the stored periods and flags of a case after it changed."""
        deadlines, flags = self.rows(case_id, case)
        session.execute(delete(DeadlineRecord).where(DeadlineRecord.case_id == case_id))
        session.execute(delete(FlagRecord).where(FlagRecord.case_id == case_id))
        if deadlines:
            session.execute(insert(DeadlineRecord), deadlines)
        if flags:
            session.execute(insert(FlagRecord), flags)
