"""Everything one inspection produced, bundled so the Excel and PDF writers, the CLI and the GUI agree on it.

Reports never evaluate anything themselves: they print a Scorecard. That way a printed 评查意见书 shows exactly
the score, flags and periods the person saw on screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from desktop_app.core.case import Answer, Case
from desktop_app.core.checklist_model import INSPECTION_KINDS, ChecklistTemplate
from desktop_app.core.rectification import RectificationItem, build_rectification_list
from desktop_app.core.results import Evaluation
from desktop_app.core.scoring import GradingScheme, HeadingOf, ScoreResult, score_case


@dataclass
class Scorecard:
    case: Case
    template: ChecklistTemplate | None
    answers: Mapping[str, Answer]
    #: A key of INSPECTION_KINDS: self (自查), department (部门核查) or review (评查).
    inspection_kind: str
    inspector: str
    evaluation: Evaluation
    score: ScoreResult
    rectification: list[RectificationItem] = field(default_factory=list)
    generated_on: dt.date = field(default_factory=dt.date.today)
    #: Title of the grading scheme used, printed so a reader knows which labels and thresholds applied.
    scheme_title: str = ""
    #: The audit chain head when the report was made (`ID:` + 16 hex digits), printed so paper anchors the chain.
    audit_head: str = ""

    @property
    def inspection_label(self) -> str:
        return INSPECTION_KINDS.get(self.inspection_kind, self.inspection_kind)


def make_scorecard(
    case: Case,
    template: ChecklistTemplate | None,
    evaluation: Evaluation,
    scheme: GradingScheme,
    *,
    inspection_kind: str = "self",
    inspector: str = "",
    today: dt.date | None = None,
    answers: Mapping[str, Answer] | None = None,
    heading_of: HeadingOf | None = None,
) -> Scorecard:
    """Score the case and build its rectification list from one evaluation; answers default to the case's own."""
    if inspection_kind not in INSPECTION_KINDS:
        raise ValueError(f"未知的检查方式：{inspection_kind}")
    today = today or evaluation.today
    answers = case.answers if answers is None else answers
    return Scorecard(
        case=case,
        template=template,
        answers=answers,
        inspection_kind=inspection_kind,
        inspector=inspector,
        evaluation=evaluation,
        score=score_case(case, template, answers, evaluation.flags, scheme, heading_of=heading_of),
        rectification=build_rectification_list(
            case, template, answers, evaluation.flags, today, scheme, heading_of=heading_of
        ),
        generated_on=today,
        scheme_title=scheme.title,
    )
