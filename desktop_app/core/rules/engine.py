"""Running the rule book over one case: each applicable predicate, then a flag worded from its pack entry."""

from __future__ import annotations

import datetime as dt

from desktop_app.core.calendar import HolidayCalendar
from desktop_app.core.case import Case
from desktop_app.core.results import SEVERITY_ORDER, Computation, Flag
from desktop_app.core.rules.base import (
    Finding,
    RuleContext,
    computations,
    join_dates,
    predicates,
    shipped_calendar,
)
from desktop_app.core.rules.pack import RuleBook, RuleDef


def evaluate_rules(
    case: Case, today: dt.date, rulebook: RuleBook, calendar: HolidayCalendar | None = None
) -> tuple[list[Flag], list[Computation]]:
    """Flags sorted by severity (critical first) then rule id, and the statutory amounts the case has data for.

    `calendar` is the holiday calendar periods inside rules are counted with; None means the shipped one.
    """
    context = RuleContext(today=today, calendar=calendar if calendar is not None else shipped_calendar())
    checks = predicates()
    flags = []
    for rule in rulebook.for_case_type(case.case_type):
        finding = checks[rule.id].check(case, context)
        if finding is not None:
            flags.append(_flag(rule, finding, case))
    flags.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.rule))
    amounts = [c for fn in computations() for c in fn(case)]
    return flags, amounts


def _flag(rule: RuleDef, finding: Finding, case: Case) -> Flag:
    values = {
        "case_no": case.case_no,
        "ids": "、".join(finding.evidence_ids),
        "dates": join_dates(finding.event_dates),
        **finding.values,
    }
    return Flag(
        rule=rule.id,
        severity=rule.severity,
        title=rule.title,
        message=rule.message.format_map(values),
        legal_basis=rule.legal_basis,
        verified=rule.verified,
        evidence_ids=finding.evidence_ids,
        suggestion=rule.suggestion.format_map(values),
        event_dates=finding.event_dates,
    )
