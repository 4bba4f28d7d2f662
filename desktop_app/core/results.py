"""What evaluating a case produces: flags, periods and computed amounts, as plain data.

These are the shapes of `casecheck.result/1` (see the CLI contract); `to_json` gives exactly its keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.core.risk.social_danger import RiskAssessment

from desktop_app.core.i18n import tr

SEVERITIES: dict[str, str] = {"critical": "严重", "major": "一般", "minor": "轻微", "info": "提示"}
SEVERITIES_EN: dict[str, str] = {"critical": "critical", "major": "major", "minor": "minor", "info": "info"}
SEVERITY_ORDER: dict[str, int] = {"critical": 0, "major": 1, "minor": 2, "info": 3}

DEADLINE_STATUSES: dict[str, str] = {
    "met": "按期完成",
    "open": "进行中",
    "due_soon": "即将到期",
    "overdue": "已超期",
    "suspended": "已中止",
}
DEADLINE_STATUSES_EN: dict[str, str] = {"met": "met", "open": "open", "due_soon": "due soon", "overdue": "overdue",
                                        "suspended": "suspended"}
#: Why a period's clock is stopped (`Deadline.suspended_by`), and how that is shown to people: a stopped clock is
#: never shown as running.
SUSPENDED_BY_RETURN = "returned_for_investigation"
SUSPENDED_BY_PSYCHIATRIC = "psychiatric_evaluation"
SUSPENSION_LABELS: dict[str, str] = {
    SUSPENDED_BY_RETURN: "已中止（退回补充侦查期间）",
    SUSPENDED_BY_PSYCHIATRIC: "已中止（精神病鉴定期间）",
}
SUSPENSION_LABELS_EN: dict[str, str] = {
    SUSPENDED_BY_RETURN: "suspended (returned for supplementary investigation)",
    SUSPENDED_BY_PSYCHIATRIC: "suspended (psychiatric evaluation under way)",
}


def deadline_status_label(status: str, suspended_by: str | None = None, *, english: bool = False) -> str:
    """The words for a period's status, saying why the clock stopped where it did."""
    if status == "suspended":
        labels = SUSPENSION_LABELS_EN if english else SUSPENSION_LABELS
        if suspended_by in labels:
            return labels[suspended_by]
    return (DEADLINE_STATUSES_EN if english else DEADLINE_STATUSES).get(status, status)


#: English words for the units of `Computation` other than money.
UNITS_EN: dict[str, str] = {"次": "times", "人": "people"}


@dataclass(frozen=True)
class Flag:
    rule: str
    severity: str
    title: str
    message: str
    legal_basis: str
    verified: bool
    evidence_ids: tuple[str, ...] = ()
    suggestion: str = ""
    #: Dates of the events the flag is about, so the GUI can select them.
    event_dates: tuple[dt.date, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "legal_basis": self.legal_basis,
            "evidence_ids": list(self.evidence_ids),
            "verified": self.verified,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Deadline:
    rule: str
    name: str
    start: dt.date
    due: dt.date
    status: str
    days_left: int | None
    legal_basis: str
    done_on: dt.date | None = None
    verified: bool = True
    #: Human notes on how the date was reached (e.g. "2027 年无节假日历，仅按周末计算").
    notes: tuple[str, ...] = ()
    #: What stopped the clock (`SUSPENDED_BY_RETURN`, `SUSPENDED_BY_PSYCHIATRIC`): while `status` is `suspended`,
    #: and on a period `met` because its act was done while the clock stood still.
    suspended_by: str | None = None

    @property
    def status_label(self) -> str:
        return deadline_status_label(self.status, self.suspended_by)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "status": self.status,
            "days_left": self.days_left,
            "legal_basis": self.legal_basis,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "notes": list(self.notes),
            "suspended_by": self.suspended_by,
        }


@dataclass(frozen=True)
class Computation:
    rule: str
    name: str
    value: float
    #: What the value counts: 元 for statutory amounts, 次 or 人 for reach counts (not part of the JSON contract).
    unit: str = "元"

    def display(self) -> str:
        """The value as a person reads it: money with two decimals, counts as whole numbers, with the unit."""
        if self.unit == "元":
            return f"{self.value:,.2f} {tr('元', 'yuan')}"
        return f"{self.value:,.0f} {tr(self.unit, UNITS_EN.get(self.unit, self.unit))}"

    def to_json(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"rule": self.rule, "name": self.name, "value": value}


@dataclass
class ChecklistSummary:
    template: str
    version: str
    answered: int
    total: int

    def to_json(self) -> dict[str, Any]:
        return {"template": self.template, "version": self.version, "answered": self.answered, "total": self.total}


@dataclass
class Evaluation:
    case_no: str
    case_type: str
    today: dt.date
    flags: list[Flag] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    computations: list[Computation] = field(default_factory=list)
    checklist: ChecklistSummary | None = None
    score: float | None = None
    grade: str | None = None
    grade_code: str | None = None
    notes: list[str] = field(default_factory=list)
    #: Things the user must do for the result to stay right (e.g. next year's holiday calendar is missing).
    warnings: list[str] = field(default_factory=list)
    #: Risk-model opinions (社会危险性) for the case types they apply to; None keeps the key out of the result.
    assessments: list[RiskAssessment] | None = None

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "format": "casecheck.result/1",
            "case_no": self.case_no,
            "case_type": self.case_type,
            "today": self.today.isoformat(),
            "flags": [f.to_json() for f in self.flags],
            "deadlines": [d.to_json() for d in self.deadlines],
            "computations": [c.to_json() for c in self.computations],
            "checklist": self.checklist.to_json() if self.checklist else None,
            "score": self.score,
            "grade": self.grade,
            "grade_code": self.grade_code,
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }
        if self.assessments is not None:
            result["assessments"] = [a.to_json() for a in self.assessments]
        return result
