"""审查逮捕 predicates: mandatory-arrest situations and the duty to hear the suspect in person."""

from __future__ import annotations

from desktop_app.core.case import SENTENCES_ABOVE_1Y, Case
from desktop_app.core.rules.base import Finding, RuleContext, dates, is_false, is_true, predicate

#: 可能判处十年有期徒刑以上刑罚 (刑事诉讼法 第81条第3款).
SENTENCES_TEN_YEARS_UP = frozenset({"over_10y", "life", "death"})

#: The 不批准逮捕 reason that cannot stand where arrest is mandatory: 社会危险性 is not a condition there.
NO_SOCIAL_DANGER = "no_social_danger"


def _mandatory_arrest_reasons(case: Case) -> list[str]:
    """Only sentences that are certainly 徒刑以上 count; `under_1y` mixes 徒刑 with 拘役 and 管制."""
    reasons = []
    if case.possible_sentence in SENTENCES_TEN_YEARS_UP:
        reasons.append("可能判处十年有期徒刑以上刑罚")
    if case.possible_sentence in SENTENCES_ABOVE_1Y:
        if is_true(case.facts.get("prior_intentional_crime")):
            reasons.append("可能判处徒刑以上刑罚且曾经故意犯罪")
        if is_true(case.facts.get("identity_unknown")):
            reasons.append("可能判处徒刑以上刑罚且身份不明")
    return reasons


@predicate("ARR-MANDATORY-NOT-ARRESTED", placeholders=("reasons",))
def mandatory_arrest_refused_for_no_danger(case: Case, ctx: RuleContext) -> Finding | None:
    refusals = [e for e in case.events_of("arrest_decided") if e.outcome == "rejected"]
    if not refusals or case.facts.get("non_arrest_reason") != NO_SOCIAL_DANGER:
        return None
    reasons = _mandatory_arrest_reasons(case)
    return Finding(event_dates=dates(refusals), values={"reasons": "；".join(reasons)}) if reasons else None


@predicate("ARR-INTERROGATION-REQUIRED", placeholders=("reasons",))
def suspect_not_heard_at_arrest_review(case: Case, ctx: RuleContext) -> Finding | None:
    if not is_false(case.facts.get("suspect_interrogated")):
        return None
    reasons = []
    if case.plea_agreement:
        reasons.append("犯罪嫌疑人认罪认罚")
    if case.suspect_minor:
        reasons.append("犯罪嫌疑人系未成年人")
    if is_true(case.facts.get("suspect_disabled")):
        reasons.append("犯罪嫌疑人系盲、聋、哑人或者尚未完全丧失辨认或者控制自己行为能力的精神病人")
    return Finding(values={"reasons": "；".join(reasons)}) if reasons else None


@predicate("ARR-OPINION-FORM-MISSING")
def detained_suspect_opinion_form_missing(case: Case, ctx: RuleContext) -> Finding | None:
    """A detained suspect who is not interrogated must at least be served a form to state his views in writing."""
    if (
        case.in_custody
        and is_false(case.facts.get("suspect_interrogated"))
        and not is_true(case.facts.get("opinion_form_served"))
    ):
        return Finding()
    return None
