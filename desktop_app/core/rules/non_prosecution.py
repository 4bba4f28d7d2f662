"""不起诉 predicates: approvals, 存疑不起诉 after two rounds, and the after-effects (检察意见, lifting seizures)."""

from __future__ import annotations

import datetime as dt

from desktop_app.core.case import Case
from desktop_app.core.rules.base import Finding, RuleContext, dates, is_false, is_true, predicate

#: Cases whose 不起诉 must go to the next-higher procuratorate (规则 第371条).
HIGHER_APPROVAL_INVESTIGATORS: dict[str, str] = {
    "procuratorate": "检察机关自行侦查",
    "supervisory_commission": "监察机关移送起诉",
}


def _decisions(case: Case) -> tuple[dt.date, ...]:
    return dates(case.events_of("non_prosecution_decided"))


@predicate("REF-NO-PROCURATORIAL-OPINION")
def penalty_needed_but_not_referred(case: Case, ctx: RuleContext) -> Finding | None:
    decided = _decisions(case)
    if decided and is_true(case.facts.get("administrative_penalty_needed")) and not case.events_of("opinion_referred"):
        return Finding(event_dates=decided)
    return None


@predicate("REF-SEIZURE-NOT-LIFTED")
def seizure_not_lifted(case: Case, ctx: RuleContext) -> Finding | None:
    decided = _decisions(case)
    if decided and is_true(case.facts.get("seizure_pending")):
        return Finding(event_dates=decided)
    return None


@predicate("NP-DOUBT-AFTER-TWO-ROUNDS", placeholders=("count",))
def insufficient_after_two_rounds(case: Case, ctx: RuleContext) -> Finding | None:
    returns = case.events_of("returned_for_investigation")
    if len(returns) >= 2 and is_true(case.facts.get("evidence_insufficient")) and not _decisions(case):
        return Finding(event_dates=dates(returns), values={"count": str(len(returns))})
    return None


@predicate("NP-NO-CHIEF-APPROVAL")
def non_prosecution_without_chief_approval(case: Case, ctx: RuleContext) -> Finding | None:
    decided = _decisions(case)
    if decided and is_false(case.facts.get("chief_prosecutor_approved")):
        return Finding(event_dates=decided)
    return None


@predicate("NP-HIGHER-APPROVAL-MISSING", placeholders=("origin",))
def non_prosecution_without_higher_approval(case: Case, ctx: RuleContext) -> Finding | None:
    decided = _decisions(case)
    origin = HIGHER_APPROVAL_INVESTIGATORS.get(case.investigated_by or "")
    if decided and origin and is_false(case.facts.get("higher_approval_obtained")):
        return Finding(event_dates=decided, values={"origin": origin})
    return None
