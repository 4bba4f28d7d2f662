"""评查 results for 考核: per-prosecutor figures over a period, and the 负面清单 of flawed cases.

A case counts for the period when it was received in it and has been inspected (walked at least once). Each case
is judged exactly as its scorecard is (latest inspection, reviewer's override applied), under the default
grading scheme and again under the other shipped scheme, so a team lead sees both label sets side by side.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from desktop_app.core.scoring import apply_override, load_grading_scheme, score_case
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.services.exports import build_scorecard

#: Grades that put a case on the 负面清单 (瑕疵 / 基本合格, 不合格).
NEGATIVE_GRADES = ("flawed", "unqualified")
SCHEMES = ("2017", "2026")


@dataclass
class ProsecutorLine:
    prosecutor: str
    department: str
    cases: int = 0
    grades: dict[str, Counter[str]] = field(default_factory=lambda: {s: Counter() for s in SCHEMES})
    score_total: float = 0.0
    problems: Counter[str] = field(default_factory=Counter)
    rectification_done: int = 0
    rectification_open: int = 0
    periods_overdue: int = 0
    flags: Counter[str] = field(default_factory=Counter)

    @property
    def mean_score(self) -> float | None:
        return round(self.score_total / self.cases, 2) if self.cases else None

    @property
    def rectification_rate(self) -> float | None:
        total = self.rectification_done + self.rectification_open
        return self.rectification_done / total if total else None


@dataclass(frozen=True)
class NegativeEntry:
    case_no: str
    title: str
    prosecutor: str
    department: str
    grade_code: str
    grades: dict[str, str]
    score: float
    #: (problem, heading, legal basis) of each deduction
    failures: tuple[tuple[str, str, str], ...]


@dataclass
class KaoheReport:
    date_from: dt.date
    date_to: dt.date
    department: str | None
    prosecutors: list[ProsecutorLine]
    negative: list[NegativeEntry]
    scheme_labels: dict[str, dict[str, str]]

    @property
    def cases(self) -> int:
        return sum(p.cases for p in self.prosecutors)


def kaohe_report(services: Services, date_from: dt.date, date_to: dt.date, *, department: str | None = None,
                 today: dt.date | None = None) -> KaoheReport:
    today = today or services.derived.today()
    schemes = {name: load_grading_scheme(name) for name in SCHEMES}
    default = services.context.scheme.id
    query = CaseQuery(department=department or None, date_from=date_from, date_to=date_to, sort="case_no",
                      descending=False)
    ids = services.cases.list_ids(query)
    rows = services.cases.rows(ids)
    lines: dict[str, ProsecutorLine] = {}
    negative: list[NegativeEntry] = []
    for case_id in ids:
        row = rows[case_id]
        view = services.inspections.latest_for_case(row.case_no)
        if view is None:
            continue
        card = build_scorecard(services, row.case_no, today)
        override = services.inspections.override_of(view.info.id)
        grades = {}
        for name, scheme in schemes.items():
            if name == default:
                result = card.score
            else:
                result = score_case(card.case, card.template, card.answers, card.evaluation.flags, scheme,
                                    heading_of=services.context.heading_of)
                if override is not None:
                    result = apply_override(result, override.grade_code, override.reason)
            grades[name] = result.grade_code
        line = lines.setdefault(row.prosecutor, ProsecutorLine(row.prosecutor, row.department))
        line.cases += 1
        for name, code in grades.items():
            line.grades[name][code] += 1
        line.score_total += card.score.score
        for deduction in card.score.deductions:
            line.problems[deduction.heading] += 1
        for item in card.rectification:
            if item.status == "done":
                line.rectification_done += 1
            elif item.status == "pending":
                line.rectification_open += 1
        line.periods_overdue += sum(d.status == "overdue" for d in card.evaluation.deadlines)
        for flag in card.evaluation.flags:
            line.flags[flag.severity] += 1
        if card.score.grade_code in NEGATIVE_GRADES:
            negative.append(NegativeEntry(
                case_no=row.case_no, title=row.title, prosecutor=row.prosecutor, department=row.department,
                grade_code=card.score.grade_code,
                grades={name: schemes[name].label(code) for name, code in grades.items()}, score=card.score.score,
                failures=tuple((d.text, d.heading, d.legal_basis) for d in card.score.deductions),
            ))
    return KaoheReport(date_from=date_from, date_to=date_to, department=department,
                       prosecutors=sorted(lines.values(), key=lambda p: (p.department, p.prosecutor)),
                       negative=negative, scheme_labels={n: s.labels for n, s in schemes.items()})

