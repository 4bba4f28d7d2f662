"""公益诉讼 predicates: the steps the law puts before a suit (诉前公告, 诉前检察建议).

民事公益诉讼 needs a 30-day public notice first (两高公益诉讼解释 第13条); the 30 days are a civil period, so the
start day is not counted and an end on a rest day moves to the next working day of the holiday calendar in use.
行政公益诉讼 needs a 检察建议 to the agency first (行政诉讼法 第25条第4款; 两高公益诉讼解释 第21条).
"""

from __future__ import annotations

from desktop_app.core.case import Case, Event
from desktop_app.core.deadlines import period_end
from desktop_app.core.rules.base import Finding, RuleContext, predicate

#: 公告期间为三十日 (两高公益诉讼解释 第13条第1款).
NOTICE_DAYS = 30


def _suit(case: Case) -> Event | None:
    """The earliest suit counts: if it was preceded by the required step, every later one was too."""
    return case.first_event("lawsuit_filed")


def _suit_without(case: Case, step: str) -> Finding | None:
    """A suit with no `step` event on or before it."""
    suit = _suit(case)
    if suit is None or any(e.date <= suit.date for e in case.events_of(step)):
        return None
    return Finding(event_dates=(suit.date,), values={"filed": suit.date.isoformat()})


@predicate("PIL-NO-PUBLIC-NOTICE", placeholders=("filed",))
def civil_suit_without_notice(case: Case, ctx: RuleContext) -> Finding | None:
    return _suit_without(case, "public_notice_issued")


@predicate("PIL-SUIT-BEFORE-NOTICE-END", placeholders=("notice", "notice_end", "filed"))
def civil_suit_before_notice_period_ends(case: Case, ctx: RuleContext) -> Finding | None:
    """The suit may be filed only once the notice period has run out (公告期满), i.e. later than its last day."""
    notice, suit = case.first_event("public_notice_issued"), _suit(case)
    if notice is None or suit is None:
        return None
    notice_end = period_end(notice.date, days=NOTICE_DAYS, calendar=ctx.calendar)
    if suit.date > notice_end:
        return None
    return Finding(
        event_dates=(notice.date, suit.date),
        values={"notice": notice.date.isoformat(), "notice_end": notice_end.isoformat(),
                "filed": suit.date.isoformat()},
    )


@predicate("PIL-NO-PRE-SUIT-SUGGESTION", placeholders=("filed",))
def administrative_suit_without_suggestion(case: Case, ctx: RuleContext) -> Finding | None:
    return _suit_without(case, "suggestion_served")
