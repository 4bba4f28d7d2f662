"""终本执行监督: a property clue the creditor gave that the court never checked before it ended enforcement.

终本 requires that the property investigation found nothing (民诉法解释 第517条第1款); a clear, specific clue from the
creditor must be checked (财产调查规定 第2条第1款). A clue given on or before the earliest `termination_ruled`
with no `property_clue_checked` event between the clue and the ruling (both days included) was left unchecked.
"""

from __future__ import annotations

from desktop_app.core.case import Case
from desktop_app.core.rules.base import Finding, RuleContext, join_dates, predicate


@predicate("ENF-CLUE-NOT-CHECKED", placeholders=("clues", "ruled"))
def terminated_with_unchecked_clue(case: Case, ctx: RuleContext) -> Finding | None:
    ruled = case.first_event("termination_ruled")
    if ruled is None:
        return None
    checks = [e.date for e in case.events_of("property_clue_checked") if e.date <= ruled.date]
    unchecked = [
        clue.date
        for clue in case.events_of("property_clue_provided")
        if clue.date <= ruled.date and not any(clue.date <= day for day in checks)
    ]
    if not unchecked:
        return None
    return Finding(
        event_dates=(*unchecked, ruled.date),
        values={"clues": join_dates(unchecked), "ruled": ruled.date.isoformat()},
    )
