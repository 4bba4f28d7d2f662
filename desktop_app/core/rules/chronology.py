"""Chronology checks (程序时间矛盾): dates in the register that cannot stand in that order.

A 立案决定书 dated before the 受案登记 it answers, a ruling before the filing it ends, a reply before the
suggestion it answers: either a document carries a wrong date or a step was taken out of order. Both deserve a look,
so each contradiction is a flag naming both dates; none refuses the file, because the register should hold what
the documents say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from desktop_app.core.case import Case, Event
from desktop_app.core.rules.base import Check, Finding, RuleContext, dates, ids, join_dates, predicate

#: The acts of this procuratorate's own stage, per case type: each answers the case it received, so none can be
#: dated before `received_on`. Events of earlier stages (an arrest before a 审查起诉 case arrives, the 不起诉 a
#: 行刑反向衔接 case follows) are legitimately older and are not listed.
ACTS_AFTER_RECEIPT: dict[str, tuple[str, ...]] = {
    "criminal.arrest_review": ("arrest_decided", "review_extended"),
    "criminal.prosecution_review": (
        "returned_for_investigation", "resubmitted", "review_extended", "prosecution_decided",
        "non_prosecution_decided", "defense_right_notified", "victim_rights_notified",
    ),
    "civil.judgment_supervision": ("supervision_decided",),
    "administrative.litigation_supervision": ("supervision_decided",),
}

#: Rule id -> (the event that comes first, the event that answers it): no answer may be dated before the first
#: such event.
EVENT_ORDER: dict[str, tuple[str, str]] = {
    "CHRON-TERMINATION-BEFORE-FILING": ("execution_filed", "termination_ruled"),
    "CHRON-REPLY-BEFORE-SUGGESTION": ("suggestion_served", "suggestion_replied"),
    "CHRON-NECESSITY-REPLY-BEFORE-SUGGESTION": ("detention_necessity_suggested", "detention_necessity_replied"),
    "CHRON-CLUE-CHECK-BEFORE-CLUE": ("property_clue_provided", "property_clue_checked"),
    "CHRON-PAYOUT-BEFORE-RECEIPT": ("funds_received", "funds_paid"),
    "CHRON-REFERRAL-REVIEW-BEFORE-TRANSFER": ("referral_transferred", "referral_reviewed"),
    "CHRON-MEASURE-BEFORE-DETENTION": ("preliminary_detention", "coercive_measure_decided"),
    "CHRON-EVALUATION-END-BEFORE-START": ("psychiatric_evaluation_started", "psychiatric_evaluation_ended"),
}


def _acts(events: Iterable[Event]) -> str:
    return "；".join(f"{e.kind_label} {e.date.isoformat()}" for e in events)


@predicate("CHRON-ACT-BEFORE-RECEIPT", placeholders=("received", "acts"))
def act_before_receipt(case: Case, ctx: RuleContext) -> Finding | None:
    kinds = ACTS_AFTER_RECEIPT.get(case.case_type, ())
    early = sorted((e for e in case.events if e.kind in kinds and e.date < case.received_on), key=lambda e: e.date)
    if not early:
        return None
    return Finding(event_dates=dates(early), values={"received": case.received_on.isoformat(), "acts": _acts(early)})


def resubmissions_before_their_return(case: Case) -> list[tuple[dt.date, dt.date]]:
    """(resubmitted, returned) pairs where a 重新移送 has no earlier return to answer and a return follows it.

    Returns and resubmissions are matched in date order, a return first on a shared day; a resubmission left
    over is paired with the next return after it. One with no later return at all is left alone: the return may
    simply be missing from the register, which shows no order.
    """
    steps = sorted(
        (e for e in case.events if e.kind in ("returned_for_investigation", "resubmitted")),
        key=lambda e: (e.date, e.kind != "returned_for_investigation"),
    )
    open_returns, unanswered = 0, []
    for step in steps:
        if step.kind == "returned_for_investigation":
            open_returns += 1
        elif open_returns:
            open_returns -= 1
        else:
            unanswered.append(step.date)
    returns = [e.date for e in case.events_of("returned_for_investigation")]
    pairs = []
    for resubmitted in unanswered:
        later = [day for day in returns if day > resubmitted]
        if later:
            pairs.append((resubmitted, later[0]))
    return pairs


@predicate("CHRON-RESUBMISSION-BEFORE-RETURN", placeholders=("pairs",))
def resubmission_before_return(case: Case, ctx: RuleContext) -> Finding | None:
    pairs = resubmissions_before_their_return(case)
    if not pairs:
        return None
    text = "；".join(f"重新移送 {r.isoformat()}，退回补充侦查 {b.isoformat()}" for r, b in pairs)
    return Finding(event_dates=tuple(day for pair in pairs for day in pair), values={"pairs": text})


@predicate("CHRON-CLOSED-BEFORE-RECEIPT", placeholders=("received", "closed"))
def closed_before_receipt(case: Case, ctx: RuleContext) -> Finding | None:
    if case.closed_on is None or case.closed_on >= case.received_on:
        return None
    return Finding(values={"received": case.received_on.isoformat(), "closed": case.closed_on.isoformat()})


@predicate("CHRON-EVIDENCE-AFTER-CLOSING", placeholders=("closed", "collected"))
def evidence_after_closing(case: Case, ctx: RuleContext) -> Finding | None:
    closed = case.closed_on
    if closed is None:
        return None
    late = [e for e in case.evidence if e.collected_on is not None and e.collected_on > closed]
    if not late:
        return None
    collected = "；".join(f"{e.id} {e.collected_on.isoformat()}" for e in late if e.collected_on)
    return Finding(evidence_ids=ids(late), values={"closed": closed.isoformat(), "collected": collected})


def answered_before_asked(case: Case, first: str, then: str) -> Finding | None:
    """`then` events dated before the first `first` event (none when `first` is not recorded)."""
    opening = case.first_event(first)
    if opening is None:
        return None
    early = [e for e in case.events_of(then) if e.date < opening.date]
    if not early:
        return None
    return Finding(event_dates=(opening.date, *dates(early)),
                   values={"earlier": opening.date.isoformat(), "later": join_dates(dates(early))})


def _order_check(first: str, then: str) -> Check:
    def check(case: Case, ctx: RuleContext) -> Finding | None:
        return answered_before_asked(case, first, then)

    check.__doc__ = f"`{then}` dated before the first `{first}`."
    return check


for _rule_id, (_first, _then) in EVENT_ORDER.items():
    predicate(_rule_id, placeholders=("earlier", "later"))(_order_check(_first, _then))
