"""量刑建议 predicates: a 认罪认罚 judgment outside the recommendation (刑事诉讼法 第201条)."""

from __future__ import annotations

from desktop_app.core.case import Case
from desktop_app.core.risk.sentencing import Sentence, load_shipped_settings, not_adopted
from desktop_app.core.rules.base import Finding, RuleContext, predicate


@predicate("SENT-RECOMMENDATION-NOT-ADOPTED", placeholders=("recommended", "imposed"))
def recommendation_not_adopted(case: Case, ctx: RuleContext) -> Finding | None:
    """Only a plea case: there the court 一般应当采纳 the recommendation, so leaving it is worth a look."""
    raw = case.facts.get("sentencing")
    if not case.plea_agreement or not isinstance(raw, dict):
        return None
    recommended, imposed = Sentence.parse(raw.get("recommended")), Sentence.parse(raw.get("imposed"))
    if recommended is None or imposed is None or not not_adopted(recommended, imposed, load_shipped_settings()):
        return None
    return Finding(values={"recommended": recommended.describe(), "imposed": imposed.describe()})
