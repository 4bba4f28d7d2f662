"""诽谤罪 predicates: the 情节严重 thresholds of the 2013 interpretation and the 告诉才处理 rule.

Counts are aggregated the way 诽谤解释 第4条 says: repeated posts within one year that were not dealt with before
are added up. "5,000 以上" includes 5,000 itself (刑法 第99条), so the rule fires only strictly below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.case import Case
from desktop_app.core.deadlines import add_months
from desktop_app.core.rules.base import Finding, RuleContext, as_date, is_true, number, predicate

CHARGE = "诽谤罪"
VIEWS_THRESHOLD = 5000
FORWARDS_THRESHOLD = 500
AGGREGATION_MONTHS = 12


@dataclass(frozen=True)
class Reach:
    views: int
    forwards: int
    period: str


def _count(value: Any) -> int:
    amount = number(value)
    return int(amount) if amount is not None else 0


def aggregated_reach(facts: dict[str, Any]) -> Reach:
    """Views and forwards that count toward the threshold; nothing recorded counts as zero (not established)."""
    posts = facts.get("defamation_posts")
    if isinstance(posts, list):
        dated = [
            (day, post)
            for post in posts
            if isinstance(post, dict) and not is_true(post.get("previously_handled"))
            for day in [as_date(post.get("posted_on"))]
            if day is not None
        ]
        if not dated:
            return Reach(0, 0, "无未经处理的诽谤信息")
        latest = max(day for day, _ in dated)
        start = add_months(latest, -AGGREGATION_MONTHS)
        window = [post for day, post in dated if start <= day <= latest]
        return Reach(
            views=sum(_count(p.get("views")) for p in window),
            forwards=sum(_count(p.get("forwards")) for p in window),
            period=f"{start.isoformat()} 至 {latest.isoformat()}",
        )
    views, forwards = facts.get("defamation_views"), facts.get("defamation_forwards")
    if views is None and forwards is None:
        return Reach(0, 0, "案卷未记录点击、浏览、转发次数")
    return Reach(_count(views), _count(forwards), "单条信息")


@predicate("DEF-THRESHOLD-NOT-MET", placeholders=("views", "forwards", "period"))
def defamation_below_threshold(case: Case, ctx: RuleContext) -> Finding | None:
    if CHARGE not in case.charges:
        return None
    if is_true(case.facts.get("defamation_penalized_within_2y")) or is_true(case.facts.get("defamation_other_serious")):
        return None
    reach = aggregated_reach(case.facts)
    if reach.views >= VIEWS_THRESHOLD or reach.forwards >= FORWARDS_THRESHOLD:
        return None
    return Finding(values={"views": str(reach.views), "forwards": str(reach.forwards), "period": reach.period})


@predicate("DEF-PUBLIC-PROSECUTION-BASIS")
def defamation_public_prosecution_unfounded(case: Case, ctx: RuleContext) -> Finding | None:
    if CHARGE in case.charges and not is_true(case.facts.get("defamation_public_order")):
        return Finding()
    return None
