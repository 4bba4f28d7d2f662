"""Data derived from a case, stored beside it in the same transaction: its statutory periods, its flags, its
register figures (检查进度, 得分, 拟评等次, 风险提示, 最近期限), the lines of its 整改清单, and the dashboard's narrow
rows (the rules that flagged it, the items its inspections failed).

Keeping them in tables lets the deadline board sort every case by due date in one query, lets the register sort
and filter 100,000 cases by score or risk, lets the dashboard count over indexes, and makes the 整改清单汇总
complete whether or not anybody opened a case. Everything is recomputed whenever the case, one of its inspections
or a grade override changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from db.models import (
    FILTER_COLUMNS,
    KIND_BITS,
    AnswerRecord,
    CaseFailedItem,
    CaseFigures,
    CaseFlag,
    CaseRecord,
    ChecklistTemplateVersion,
    DeadlineRecord,
    FlagRecord,
    GradeOverride,
    Inspection,
)
from desktop_app.core.case import Answer, Case
from desktop_app.core.checklist_model import ChecklistTemplate
from desktop_app.core.checklists import item_states, template_from_dict, walk_progress
from desktop_app.core.deadlines import LAPSING_PERIODS
from desktop_app.core.evaluation import EvaluationContext, case_findings
from desktop_app.core.rectification import RectificationItem, build_rectification_list
from desktop_app.core.scoring import GRADE_CODES, score_case
from desktop_app.services.case_mapping import case_from_record
from desktop_app.services.rectifications import store_lines


@dataclass(frozen=True)
class Walk:
    """What scores a case: the latest inspection's template and answers, and a reviewer's grade if any."""

    template: ChecklistTemplate | None
    answers: Mapping[str, Answer]
    override_code: str | None = None


@dataclass
class DerivedRows:
    """One case's derived rows, ready for bulk inserts."""

    deadlines: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    #: One row per rule that flagged the case, with its gravest severity (`case_flags`).
    flag_rules: list[dict[str, Any]] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    rectifications: list[RectificationItem] = field(default_factory=list)


class DerivedData:
    def __init__(self, context_factory: Callable[[], EvaluationContext] = EvaluationContext.load,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self._context_factory = context_factory
        self._context: EvaluationContext | None = None
        self._versions: dict[int, ChecklistTemplate] = {}
        self.today = today

    @property
    def context(self) -> EvaluationContext:
        if self._context is None:
            self._context = self._context_factory()
        return self._context

    def replace_context(self, context: EvaluationContext) -> None:
        """Use another calendar or grading scheme from now on (e.g. after a calendar import)."""
        self._context = context

    def builtin_walk(self, case: Case) -> Walk:
        """The walk of a case nobody has inspected yet: its own answers against the shipped checklist."""
        return Walk(self.context.templates.get(case.case_type), case.answers)

    def derive(self, case_id: int, case: Case, walk: Walk) -> DerivedRows:
        """Everything stored about a case as of today; the single place these figures are computed."""
        today = self.today()
        context = self.context
        found_deadlines, found_flags, _ = case_findings(case, today, context)
        rows = DerivedRows()
        # A period that runs out by itself (a notice period) is complete on its end: nothing to act on, no board row.
        rows.deadlines = [{"case_id": case_id, "rule": d.rule, "name": d.name, "start": d.start, "due": d.due,
                           "done_on": d.due if d.rule in LAPSING_PERIODS else d.done_on, "legal_basis": d.legal_basis,
                           "suspended_by": d.suspended_by} for d in found_deadlines]
        rows.flags = [{"case_id": case_id, "rule": f.rule, "severity": f.severity, "title": f.title,
                       "message": f.message, "legal_basis": f.legal_basis, "verified": f.verified,
                       "evidence_ids": list(f.evidence_ids)} for f in found_flags]
        gravest: dict[str, str] = {}
        for f in found_flags:  # gravest first (case_findings sorts them so)
            gravest.setdefault(f.rule, f.severity)
        filtered_by = {column: getattr(case, column) for column in FILTER_COLUMNS}
        rows.flag_rules = [{"case_id": case_id, "rule": rule, "severity": severity, **filtered_by}
                           for rule, severity in gravest.items()]
        # Each item's condition is checked once, for the score, the progress and the 整改清单 alike.
        states = item_states(walk.template, case, walk.answers) if walk.template else []
        score = score_case(case, walk.template, walk.answers, found_flags, context.scheme,
                           heading_of=context.heading_of, states=states)
        answered, applicable = walk_progress(states) if walk.template else (0, 0)
        grade = walk.override_code or score.proposed_code
        # The nearest due date of a clock that is running: not a stopped one, not a notice period that just lapses.
        running = [d.due for d in found_deadlines
                   if d.done_on is None and d.suspended_by is None and d.rule not in LAPSING_PERIODS]
        severities = [f.severity for f in found_flags]
        rows.figures = {
            "case_id": case_id, "answered": answered, "applicable": applicable,
            "progress": answered / applicable if applicable else 1.0, "score": score.score, "grade_code": grade,
            "grade_rank": GRADE_CODES.index(grade) if grade in GRADE_CODES else None,
            "flags_critical": severities.count("critical"), "flags_major": severities.count("major"),
            "flags_minor": severities.count("minor"), "flags_info": severities.count("info"),
            "next_due": min(running, default=None),
            "recheck_after": min((due for due in running if due >= today), default=None),
            "computed_on": today, "received_month": case.received_on.strftime("%Y-%m"), **filtered_by,
        }
        rows.rectifications = build_rectification_list(case, walk.template, walk.answers, found_flags, today,
                                                       context.scheme, heading_of=context.heading_of, states=states)
        return rows

    def imported_walk(self, session: Session, case: Case, answers_kept: bool,
                      versions: dict[str, int | None] | None = None) -> Walk:
        """The walk of a case being imported: answers that came with it become a 自查 on the newest version of
        its checklist (see InspectionService.import_answers); without them, the built-in walk.

        `versions` remembers the newest version id per case type across the cases of one import batch."""
        if not (answers_kept and case.answers):
            return self.builtin_walk(case)
        versions = {} if versions is None else versions
        if case.case_type not in versions:
            versions[case.case_type] = session.scalar(
                select(ChecklistTemplateVersion.id).where(ChecklistTemplateVersion.template_id == case.case_type)
                .order_by(ChecklistTemplateVersion.id.desc()).limit(1))
        version_id = versions[case.case_type]
        template = self._version(session, version_id) if version_id is not None else None
        return Walk(template, case.answers)

    def walk_of(self, session: Session, case_id: int, case: Case) -> Walk:
        """The most recently answered inspection of a case (what reports score), else the built-in walk."""
        inspection = session.scalar(select(Inspection).where(Inspection.case_id == case_id)
                                    .order_by(Inspection.updated_at.desc(), Inspection.id).limit(1))
        if inspection is None:
            return self.builtin_walk(case)
        answers = {a.item_id: Answer(a.value, a.note) for a in session.scalars(
            select(AnswerRecord).where(AnswerRecord.inspection_id == inspection.id))}
        override = session.scalar(select(GradeOverride.grade_code)
                                  .where(GradeOverride.inspection_id == inspection.id))
        return Walk(self._version(session, inspection.template_version_id), answers, override)

    def _version(self, session: Session, version_id: int) -> ChecklistTemplate | None:
        """Template versions never change once stored, so each is parsed once."""
        if version_id not in self._versions:
            row = session.get(ChecklistTemplateVersion, version_id)
            if row is None:
                return None
            self._versions[version_id] = template_from_dict(row.content, f"db:{row.id}")
        return self._versions[version_id]

    def refresh(self, session: Session, case_id: int, case: Case) -> None:
        """Replace the stored periods, flags and figures of a case after it changed, and bring its 整改清单 lines
        up to date (what people recorded on a line is kept)."""
        rows = self.derive(case_id, case, self.walk_of(session, case_id, case))
        for model in (DeadlineRecord, FlagRecord, CaseFlag, CaseFigures):
            session.execute(delete(model).where(model.case_id == case_id))
        if rows.deadlines:
            session.execute(insert(DeadlineRecord), rows.deadlines)
        if rows.flags:
            session.execute(insert(FlagRecord), rows.flags)
            session.execute(insert(CaseFlag), rows.flag_rules)
        session.execute(insert(CaseFigures), [rows.figures])
        store_lines(session, case_id, rows.rectifications)
        store_inspection_rows(session, [case_id])

    def refresh_case(self, session: Session, case_id: int) -> None:
        """`refresh` for a case known only by id, e.g. after an answer or a grade override in its inspection."""
        record = session.scalar(select(CaseRecord).where(CaseRecord.id == case_id)
                                .options(selectinload(CaseRecord.evidence), selectinload(CaseRecord.events)))
        if record is not None:
            self.refresh(session, case_id, case_from_record(record))


def store_inspection_rows(session: Session, case_ids: Sequence[int]) -> None:
    """From the stored inspections of these cases (their figures and flag rules already written): replace their
    `case_failed_items` — every item an inspection answered 不符合, with the kinds that did as bits, the newest
    checklist version that asked it and the case's filter columns from its figures — and set the inspection kinds
    of `case_figures` and `case_flags`, each in one statement."""
    bit = sql_case(*((Inspection.kind == kind, value) for kind, value in KIND_BITS.items()), else_=0)
    session.execute(delete(CaseFailedItem).where(CaseFailedItem.case_id.in_(case_ids)))
    copied = [getattr(CaseFigures, column) for column in FILTER_COLUMNS]
    failed = (select(Inspection.case_id, AnswerRecord.item_id, func.sum(bit.distinct()),
                     func.max(Inspection.template_version_id), *copied)
              .join(AnswerRecord, AnswerRecord.inspection_id == Inspection.id)
              .join(CaseFigures, CaseFigures.case_id == Inspection.case_id)
              .where(Inspection.case_id.in_(case_ids), AnswerRecord.value == "fail")
              .group_by(Inspection.case_id, AnswerRecord.item_id, *copied))
    session.execute(insert(CaseFailedItem).from_select(
        ["case_id", "item_id", "kinds", "template_version_id", *FILTER_COLUMNS], failed))
    kinds = (select(func.coalesce(func.sum(bit.distinct()), 0)).where(Inspection.case_id == CaseFigures.case_id)
             .scalar_subquery())
    session.execute(update(CaseFigures).where(CaseFigures.case_id.in_(case_ids)).values(inspection_kinds=kinds))
    of_figures = select(CaseFigures.inspection_kinds).where(CaseFigures.case_id == CaseFlag.case_id).scalar_subquery()
    session.execute(update(CaseFlag).where(CaseFlag.case_id.in_(case_ids)).values(inspection_kinds=of_figures))
