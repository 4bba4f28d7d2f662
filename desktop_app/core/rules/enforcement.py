"""终本执行监督 predicates: the conditions for 终结本次执行程序 and the court's duties after it.

The earliest `execution_filed` and `termination_ruled` events count. Months follow the civil rule (民法典 第202条:
the corresponding date n months later, or that month's last day where it has none; 2024-02-29 + 3 months is
2024-05-29, not the month end), counted from the start each time, with no rest-day shift.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.core.case import Case, Event
from desktop_app.core.deadlines import add_months
from desktop_app.core.rules.base import Finding, RuleContext, is_false, is_true, join_dates, predicate

#: 终本 needs more than three months since the enforcement case was filed (终本规定 第1条第4项).
MIN_MONTHS_BEFORE_TERMINATION = 3
#: After 终本 the court queries the debtor's property every six months for five years (终本规定 第9条).
QUERY_INTERVAL_MONTHS = 6
QUERY_ROUNDS = 10


def _termination(case: Case) -> Event | None:
    return case.first_event("termination_ruled")


@predicate("ENF-TERMINATION-TOO-EARLY", placeholders=("filed", "ruled", "earliest"))
def terminated_within_three_months(case: Case, ctx: RuleContext) -> Finding | None:
    filed, ruled = case.first_event("execution_filed"), _termination(case)
    if filed is None or ruled is None:
        return None
    limit = add_months(filed.date, MIN_MONTHS_BEFORE_TERMINATION)
    if ruled.date > limit:
        return None
    return Finding(
        event_dates=(filed.date, ruled.date),
        values={
            "filed": filed.date.isoformat(),
            "ruled": ruled.date.isoformat(),
            "earliest": (limit + dt.timedelta(days=1)).isoformat(),
        },
    )


@predicate("ENF-NO-APPLICANT-INTERVIEW")
def terminated_without_interview(case: Case, ctx: RuleContext) -> Finding | None:
    ruled = _termination(case)
    if ruled is None or any(e.date <= ruled.date for e in case.events_of("applicant_interviewed")):
        return None
    return Finding(event_dates=(ruled.date,))


def missed_query_dates(termination: dt.date, queries: list[dt.date], today: dt.date) -> list[dt.date]:
    """The due dates T + 6k months (k = 1..10, not after today) whose half-year window has no property query."""
    missed = []
    for k in range(1, QUERY_ROUNDS + 1):
        due = add_months(termination, QUERY_INTERVAL_MONTHS * k)
        if due > today:
            break
        opened = add_months(termination, QUERY_INTERVAL_MONTHS * (k - 1))
        if not any(opened < day <= due for day in queries):
            missed.append(due)
    return missed


@predicate("ENF-PROPERTY-QUERY-MISSED", placeholders=("missed",))
def periodic_property_query_missed(case: Case, ctx: RuleContext) -> Finding | None:
    ruled = _termination(case)
    if ruled is None:
        return None
    queries = [e.date for e in case.events_of("property_queried")]
    missed = missed_query_dates(ruled.date, queries, ctx.today)
    return Finding(event_dates=(ruled.date,), values={"missed": join_dates(missed)}) if missed else None


def _terminated_and(case: Case, key: str) -> Finding | None:
    """A 终本 ruling was made although the file records that a required step (`key`) was not taken."""
    ruled = _termination(case)
    if ruled is not None and is_false(case.facts.get(key)):
        return Finding(event_dates=(ruled.date,))
    return None


@predicate("ENF-NO-RESTRICTION-ORDER")
def terminated_without_restriction_order(case: Case, ctx: RuleContext) -> Finding | None:
    return _terminated_and(case, "restriction_order_issued")


@predicate("ENF-NO-PROPERTY-REPORT-ORDER")
def terminated_without_report_order(case: Case, ctx: RuleContext) -> Finding | None:
    return _terminated_and(case, "property_report_ordered")


@predicate("ENF-NETWORK-QUERY-MISSING")
def terminated_without_network_query(case: Case, ctx: RuleContext) -> Finding | None:
    return _terminated_and(case, "network_query_done")


@predicate("ENF-ONSITE-INVESTIGATION-MISSING")
def terminated_without_onsite_investigation(case: Case, ctx: RuleContext) -> Finding | None:
    """Only where the network system could not reach some assets; then an on-site search is expected."""
    if not is_true(case.facts.get("network_query_incomplete")) or is_true(case.facts.get("onsite_investigation_done")):
        return None
    ruled = _termination(case)
    return Finding(event_dates=(ruled.date,)) if ruled else None


@predicate("ENF-NO-CREDITOR-CONFIRMATION")
def terminated_without_creditor_confirmation(case: Case, ctx: RuleContext) -> Finding | None:
    """Either the creditor's signed confirmation or a collegial review approved by the court president suffices."""
    if is_true(case.facts.get("panel_approved")):
        return None
    return _terminated_and(case, "creditor_confirmed")
