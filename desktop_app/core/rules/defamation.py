"""诽谤罪 predicates: the 情节严重 thresholds of the 2013 interpretation, the 告诉才处理 rule, and the reach of posts.

Counts are aggregated the way 诽谤解释 第4条 says: repeated posts within one year that were not dealt with before
are added up. "5,000 以上" includes 5,000 itself (刑法 第99条), so the rule fires only strictly below. A post with no
`posted_on` is counted (nothing shows it fell outside the year) but does not move the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop_app.core.case import Case
from desktop_app.core.deadlines import add_months
from desktop_app.core.results import Computation
from desktop_app.core.rules.base import (
    Finding,
    RuleContext,
    as_date,
    computation,
    is_true,
    number,
    predicate,
    text,
)

CHARGE = "诽谤罪"
VIEWS_THRESHOLD = 5000
FORWARDS_THRESHOLD = 500
AGGREGATION_MONTHS = 12
REACH_RULE = "DEF-REACH"
#: The measures reported per platform, in this order: (post key, name in the result, unit).
REACH_MEASURES: tuple[tuple[str, str, str], ...] = (
    ("views", "浏览次数", "次"), ("forwards", "转发次数", "次"), ("unique_visitors", "独立访客数", "人"),
)
NO_PLATFORM = "未注明平台"


@dataclass(frozen=True)
class Reach:
    views: int
    forwards: int
    period: str
    #: The posts the sums ran over (empty for the single-post shorthand).
    posts: tuple[dict[str, Any], ...] = ()


def _count(value: Any) -> int:
    amount = number(value)
    return int(amount) if amount is not None else 0


def _period(start: dt.date | None, latest: dt.date | None, undated: int) -> str:
    if not (start and latest):
        return f"{undated} 条信息均未记录发布日期，全部计入"
    window = f"{start.isoformat()} 至 {latest.isoformat()}"
    return f"{window}，另有 {undated} 条未记录发布日期的信息一并计入" if undated else window


def counted_posts(facts: dict[str, Any]) -> tuple[list[dict[str, Any]], str] | None:
    """The posts 诽谤解释 第4条 adds up (not dealt with before, within a year of the latest dated one) and the period
    they cover; None when the case uses the single-post shorthand instead of `defamation_posts`."""
    posts = facts.get("defamation_posts")
    if not isinstance(posts, list):
        return None
    pending = [p for p in posts if isinstance(p, dict) and not is_true(p.get("previously_handled"))]
    if not pending:
        return [], "无未经处理的诽谤信息"
    dated = [(day, p) for p in pending if (day := as_date(p.get("posted_on"))) is not None]
    undated = [p for p in pending if as_date(p.get("posted_on")) is None]
    if not dated:
        return undated, _period(None, None, len(undated))
    latest = max(day for day, _ in dated)
    start = add_months(latest, -AGGREGATION_MONTHS)
    window = [p for day, p in dated if start <= day <= latest]
    return window + undated, _period(start, latest, len(undated))


def aggregated_reach(facts: dict[str, Any]) -> Reach:
    """Views and forwards that count toward the threshold; nothing recorded counts as zero (not established)."""
    counted = counted_posts(facts)
    if counted is not None:
        posts, period = counted
        return Reach(
            views=sum(_count(p.get("views")) for p in posts),
            forwards=sum(_count(p.get("forwards")) for p in posts),
            period=period,
            posts=tuple(posts),
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


def _platform(post: dict[str, Any]) -> str:
    return text(post.get("platform")) or NO_PLATFORM


def reach_by_platform(facts: dict[str, Any]) -> list[Computation]:
    """The summed views, forwards and UV of the counted posts, one computation per platform and measure.

    Platforms keep the order they first appear in. A count a post does not record adds nothing, for UV as for
    views and forwards (the same reading as the threshold rule).
    """
    counted = counted_posts(facts)
    if not counted or not counted[0]:
        return []
    by_platform: dict[str, list[dict[str, Any]]] = {}
    for post in counted[0]:
        by_platform.setdefault(_platform(post), []).append(post)
    found = []
    for platform, posts in by_platform.items():
        for key, name, unit in REACH_MEASURES:
            found.append(Computation(rule=REACH_RULE, name=f"{name}（{platform}）",
                                     value=sum(_count(p.get(key)) for p in posts), unit=unit))
    return found


@computation
def reach_computations(case: Case) -> list[Computation]:
    return reach_by_platform(case.facts)


@predicate("DEF-CLOSED-GROUP-REACH", placeholders=("groups", "members", "platforms"))
def defamation_in_closed_groups(case: Case, ctx: RuleContext) -> Finding | None:
    """Views in a closed group (微信群 and the like) are rarely countable; practice proposes reading the reach from
    the number of groups and their members. Information for the reviewer, not a threshold."""
    if CHARGE not in case.charges:
        return None
    counted = counted_posts(case.facts)
    groups = [p for p in (counted[0] if counted else []) if is_true(p.get("closed_group"))]
    if not groups:
        return None
    members = sum(_count(p.get("group_members")) for p in groups)
    platforms = "、".join(dict.fromkeys(_platform(p) for p in groups))
    return Finding(values={"groups": str(len(groups)), "members": str(members), "platforms": platforms})
