"""Punitive damages in 民事公益诉讼: the statutory maximum for each law and whether the claim exceeds it.

The maximum is also reported as a computation for every case that names a `damages_law`, so a reviewer sees the
figure the claim was checked against. A missing price or loss counts as 0, which leaves the statutory minimum.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.core.case import Case
from desktop_app.core.results import Computation
from desktop_app.core.rules.base import Finding, RuleContext, amount, computation, number, predicate

RULE_ID = "DMG-CLAIM-EXCEEDS-CAP"
COMPUTATION_NAME = "法定惩罚性赔偿上限"


def _ten_times_price_or_three_times_loss(price: float, loss: float) -> float:
    """食品安全法 第148条第2款 and 药品管理法 第144条第3款 word it alike: ten times the price or three times the
    loss; an increase below 1,000 yuan is 1,000 yuan."""
    return max(10 * price, 3 * loss, 1000.0)


def _consumer_55_1(price: float, loss: float) -> float:
    """消费者权益保护法 第55条第1款: three times the price or fee; never below 500 yuan."""
    return max(3 * price, 500.0)


def _consumer_55_2(price: float, loss: float) -> float:
    """消费者权益保护法 第55条第2款: up to twice the loss suffered."""
    return 2 * loss


CAPS: dict[str, Callable[[float, float], float]] = {
    "food_safety_148": _ten_times_price_or_three_times_loss,
    "drug_144": _ten_times_price_or_three_times_loss,
    "consumer_55_1": _consumer_55_1,
    "consumer_55_2": _consumer_55_2,
}


def statutory_cap(facts: dict[str, Any]) -> float | None:
    """The maximum punitive damages for the case's `damages_law`, or None when no known law is named."""
    cap = CAPS.get(facts.get("damages_law") or "")
    if cap is None:
        return None
    return cap(number(facts.get("price_paid")) or 0.0, number(facts.get("loss")) or 0.0)


@computation
def cap_computation(case: Case) -> list[Computation]:
    cap = statutory_cap(case.facts)
    return [] if cap is None else [Computation(rule=RULE_ID, name=COMPUTATION_NAME, value=cap)]


@predicate(RULE_ID, placeholders=("claimed", "cap"))
def claim_exceeds_cap(case: Case, ctx: RuleContext) -> Finding | None:
    cap = statutory_cap(case.facts)
    claimed = number(case.facts.get("claimed_amount"))
    if cap is None or claimed is None or claimed <= cap:
        return None
    return Finding(values={"claimed": amount(claimed), "cap": amount(cap)})
