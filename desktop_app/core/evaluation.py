"""Evaluating one case: periods, flags, computed amounts, checklist progress, score and proposed grade.

The command line, the GUI and the reports all call `evaluate_case`, so a case is judged the same way wherever
it is looked at. The context (calendar, rule packs, templates, grading scheme) is loaded once and passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.calendar import HolidayCalendar, calendar_warnings, load_calendar
from desktop_app.core.case import Answer, Case
from desktop_app.core.checklist_model import ChecklistTemplate, ItemState
from desktop_app.core.checklists import checklist_summary, item_states, load_builtin_templates
from desktop_app.core.deadlines import compute_deadlines, overdue_flags
from desktop_app.core.i18n import tr
from desktop_app.core.results import SEVERITY_ORDER, Computation, Deadline, Evaluation, Flag
from desktop_app.core.risk.social_danger import SocialDangerModel, applies, assess, load_shipped_model
from desktop_app.core.rules import RuleBook, evaluate_rules, load_rulebook
from desktop_app.core.scoring import GradingScheme, ScoreResult, load_grading_scheme, score_case


@dataclass(frozen=True)
class EvaluationContext:
    calendar: HolidayCalendar
    rulebook: RuleBook
    templates: dict[str, ChecklistTemplate]
    scheme: GradingScheme
    social_danger: SocialDangerModel = field(default_factory=load_shipped_model)

    @classmethod
    def load(cls, *, calendar_path: Path | None = None, grading: str | Path = "2017") -> EvaluationContext:
        """The shipped data, with `calendar_path` replacing the holiday calendar when given."""
        return cls(
            calendar=load_calendar(calendar_path),
            rulebook=load_rulebook(),
            templates=load_builtin_templates(),
            scheme=load_grading_scheme(grading),
        )

    def heading_of(self, rule_id: str) -> str | None:
        rule = self.rulebook.get(rule_id)
        return rule.heading if rule else None


@dataclass(frozen=True)
class CaseAssessment:
    """An evaluation together with the score it carries, for callers that show deductions and reasons."""

    evaluation: Evaluation
    score: ScoreResult
    #: Each checklist item's state for this case and these answers, for callers that list the failed ones.
    states: list[ItemState] = field(default_factory=list)


def case_findings(case: Case, today: dt.date, context: EvaluationContext
                  ) -> tuple[list[Deadline], list[Flag], list[Computation]]:
    """Periods, flags (gravest first, overdue periods included) and computed amounts — without scoring, for
    callers such as the stored deadline board that need only these."""
    deadlines = compute_deadlines(case, today, context.calendar)
    rule_flags, computations = evaluate_rules(case, today, context.rulebook, context.calendar)
    flags = sorted([*rule_flags, *overdue_flags(deadlines)], key=lambda f: (SEVERITY_ORDER[f.severity], f.rule))
    return deadlines, flags, computations


def assess_case(
    case: Case,
    today: dt.date,
    context: EvaluationContext,
    *,
    answers: dict[str, Answer] | None = None,
    template: ChecklistTemplate | None = None,
) -> CaseAssessment:
    """Judge a case as of `today`; `answers` default to the case's own, `template` to the built-in one."""
    answers = case.answers if answers is None else answers
    template = template or context.templates.get(case.case_type)
    deadlines, flags, computations = case_findings(case, today, context)
    states = item_states(template, case, answers) if template else []  # each item's condition, checked once
    score = score_case(case, template, answers, flags, context.scheme, heading_of=context.heading_of, states=states)
    notes = sorted({note for d in deadlines for note in d.notes})
    if template is None:
        notes.append(tr("未找到该案件类型的检查表", "no checklist for this case type"))
    evaluation = Evaluation(
        case_no=case.case_no,
        case_type=case.case_type,
        today=today,
        flags=flags,
        deadlines=deadlines,
        computations=computations,
        checklist=checklist_summary(template, case, answers, states) if template else None,
        score=score.score,
        grade=score.grade,
        grade_code=score.grade_code,
        notes=notes,
        warnings=calendar_warnings(context.calendar, today),
        assessments=[assess(case, context.social_danger)] if applies(case) else None,
    )
    return CaseAssessment(evaluation=evaluation, score=score, states=states)


def evaluate_case(case: Case, today: dt.date, context: EvaluationContext) -> Evaluation:
    return assess_case(case, today, context).evaluation
