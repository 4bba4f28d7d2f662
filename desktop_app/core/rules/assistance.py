"""International criminal judicial assistance predicates: use limits on evidence from abroad, and requests to China.

Evidence from abroad may not be used beyond the limits its provider set (刑诉法解释 第77条第1款), and China's
authorities are bound by the commitments made to a requested state (国际刑事司法协助法 第11条第2款); incoming
requests must state their purpose and relevance, and conditional execution needs the foreign state's written
guarantee.
"""

from __future__ import annotations

from desktop_app.core.case import Case
from desktop_app.core.rules.base import Finding, RuleContext, is_false, is_true, on_evidence, predicate, text

INCOMING = "incoming"


@predicate("EVID-MLA-USE-LIMIT", placeholders=("permitted",))
def evidence_used_beyond_permission(case: Case, ctx: RuleContext) -> Finding | None:
    """The permitted use may name this case at another stage: the 审查逮捕 number of a 审查起诉 case is the same
    matter, so any of `related_case_nos` counts as this case."""
    this_matter = {text(number) for number in (case.case_no, *case.related_case_nos)}
    found = [
        e
        for e in case.evidence
        if is_true(e.attributes.get("via_judicial_assistance"))
        and text(e.attributes.get("permitted_use"))
        and text(e.attributes.get("permitted_use")) not in this_matter
        and not is_true(e.attributes.get("use_consent"))
    ]
    permitted = sorted({text(e.attributes.get("permitted_use")) for e in found})
    return on_evidence(found, permitted="、".join(permitted))


@predicate("MLA-PURPOSE-NOT-STATED", placeholders=("missing",))
def incoming_request_lacks_purpose(case: Case, ctx: RuleContext) -> Finding | None:
    if case.facts.get("request_direction") != INCOMING:
        return None
    missing = [
        label
        for key, label in (("purpose_stated", "请求的目的"), ("relevance_stated", "请求事项与案件之间的关联性"))
        if is_false(case.facts.get(key))
    ]
    return Finding(values={"missing": "、".join(missing)}) if missing else None


@predicate("MLA-CONDITIONS-NO-GUARANTEE")
def conditional_execution_without_guarantee(case: Case, ctx: RuleContext) -> Finding | None:
    facts = case.facts
    if (
        facts.get("request_direction") == INCOMING
        and is_true(facts.get("conditions_attached"))
        and not is_true(facts.get("written_guarantee"))
    ):
        return Finding()
    return None
