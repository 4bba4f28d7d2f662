"""Procedure predicates for 审查起诉: rounds of 补充侦查, 速裁 eligibility, interrogation, counsel and legal aid."""

from __future__ import annotations

from desktop_app.core.case import SENTENCES_ABOVE_3Y, Case, fast_track_eligible
from desktop_app.core.rules.base import Finding, RuleContext, dates, is_false, is_true, predicate

#: At most two rounds of 退回补充侦查 (刑事诉讼法 第175条第3款).
MAX_SUPPLEMENTARY_ROUNDS = 2

#: Facts that bar 速裁 under 规则 第438条 besides minority (which PROC-FAST-TRACK-INELIGIBLE covers).
FAST_TRACK_BARS: dict[str, str] = {
    "suspect_disabled": "犯罪嫌疑人系盲、聋、哑人或者尚未完全丧失辨认或者控制自己行为能力的精神病人",
    "major_social_impact": "案件有重大社会影响",
    "co_defendant_disputes": "共同犯罪案件中部分犯罪嫌疑人对指控的犯罪事实、罪名、量刑建议或者适用速裁程序有异议",
    "civil_claim_unsettled": "被告人与被害人或者其法定代理人没有就附带民事诉讼赔偿等事项达成调解或者和解协议",
}


@predicate("PROC-SUPPLEMENTARY-ROUNDS", placeholders=("count",))
def too_many_supplementary_rounds(case: Case, ctx: RuleContext) -> Finding | None:
    returns = case.events_of("returned_for_investigation")
    if len(returns) <= MAX_SUPPLEMENTARY_ROUNDS:
        return None
    return Finding(event_dates=dates(returns), values={"count": str(len(returns))})


@predicate("PROC-FAST-TRACK-INELIGIBLE", placeholders=("reasons",))
def fast_track_ineligible(case: Case, ctx: RuleContext) -> Finding | None:
    """The same test the period calculation uses to fall back to the ordinary period; here it is also worded."""
    if not case.fast_track or fast_track_eligible(case):
        return None
    reasons = []
    if case.suspect_minor:
        reasons.append("犯罪嫌疑人系未成年人")
    if not case.plea_agreement:
        reasons.append("犯罪嫌疑人未认罪认罚")
    if case.possible_sentence in SENTENCES_ABOVE_3Y:
        reasons.append("可能判处的刑罚超过三年有期徒刑")
    return Finding(values={"reasons": "；".join(reasons)})


@predicate("PROC-FAST-TRACK-EXCLUDED", placeholders=("reasons",))
def fast_track_excluded(case: Case, ctx: RuleContext) -> Finding | None:
    if not case.fast_track:
        return None
    reasons = [label for key, label in FAST_TRACK_BARS.items() if is_true(case.facts.get(key))]
    return Finding(values={"reasons": "；".join(reasons)}) if reasons else None


@predicate("PROC-NOT-INTERROGATED")
def suspect_not_interrogated_at_review(case: Case, ctx: RuleContext) -> Finding | None:
    return Finding() if is_false(case.facts.get("suspect_interrogated")) else None


@predicate("PROC-PLEA-NO-COUNSEL")
def plea_signed_without_counsel(case: Case, ctx: RuleContext) -> Finding | None:
    if case.plea_agreement and is_false(case.facts.get("plea_signed_with_counsel")):
        return Finding()
    return None


@predicate("PROC-LEGAL-AID-NOT-NOTIFIED", placeholders=("reason",))
def legal_aid_not_notified(case: Case, ctx: RuleContext) -> Finding | None:
    """Fires only when the file says there is no defender; an unrecorded notice counts as not sent."""
    if not is_false(case.facts.get("has_defender")) or is_true(case.facts.get("legal_aid_notified")):
        return None
    reasons = ["犯罪嫌疑人系未成年人"] if case.suspect_minor else []
    if is_true(case.facts.get("suspect_disabled")):
        reasons.append("犯罪嫌疑人系盲、聋、哑人或者尚未完全丧失辨认或者控制自己行为能力的精神病人")
    if case.possible_sentence in ("life", "death"):
        reasons.append("犯罪嫌疑人可能被判处无期徒刑、死刑")
    return Finding(values={"reason": "；".join(reasons)}) if reasons else None
