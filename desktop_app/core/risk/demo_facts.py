"""Demo facts for the risk models: 社会危险性 indicators that fit the recorded arrest decision, and sentences.

Each case gets its own random source seeded by the run's seed and the 案号, so adding these facts leaves every
other part of a demo case exactly as before. The indicators are drawn given the decision the demo already
recorded (an approved arrest usually shows danger, a refusal usually mitigation, with honest exceptions), so
calibrating the model on a demo database gives a meaningful table. A known share of sentences is planted far
from its peers; `planted_outlier` tells a test which.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from desktop_app.core.case import Case
from desktop_app.core.risk.social_danger import applies, load_shipped_model

#: Share of sentenced cases whose sentence is planted far from comparable cases.
PLANTED_RATE = 0.02
#: Share of indicators left unanswered (null or absent) in a demo case.
UNANSWERED_RATE = 0.12
#: Indicators a charge makes more likely, as practice reports them.
CHARGE_INDICATORS: dict[str, tuple[str, ...]] = {
    "盗窃罪": ("repeated_offending", "crime_livelihood", "recent_admin_penalty", "drug_gambling_habit"),
    "诈骗罪": ("accomplice_at_large", "destroyed_evidence", "prior_flight"),
    "帮助信息网络犯罪活动罪": ("accomplice_at_large",),
    "故意伤害罪": ("threatened_retaliation", "harassing_victim", "witness_interference"),
    "寻衅滋事罪": ("prior_public_order_penalty", "harassing_victim", "organised_crime_role"),
    "贩卖毒品罪": ("drug_gambling_habit", "organised_crime_role", "repeated_offending"),
    "开设赌场罪": ("organised_crime_role", "crime_livelihood"),
}

#: Sentencing profiles: the 涉案数额 (元) and months of each possible-sentence band, for the common charges.
BANDS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    # band: ((amount low, amount high), (months low, months high))
    "under_1y": ((4000, 9500), (4, 10)),
    "1_to_3y": ((11000, 29000), (14, 30)),
    "3_to_10y": ((32000, 98000), (40, 96)),
    "over_10y": ((1100000, 4800000), (126, 170)),
}
SENTENCED_CHARGES = ("盗窃罪", "诈骗罪", "帮助信息网络犯罪活动罪", "掩饰、隐瞒犯罪所得罪", "开设赌场罪",
                     "非法吸收公众存款罪", "侵犯公民个人信息罪", "故意伤害罪", "寻衅滋事罪", "交通肇事罪")
#: Sentencing circumstances, how often they occur and how they move a sentence.
CIRCUMSTANCES: tuple[tuple[str, float, float], ...] = (
    ("自首", 0.15, 0.8), ("立功", 0.04, 0.85), ("累犯", 0.08, 1.25), ("赔偿谅解", 0.25, 0.85),
    ("未遂", 0.04, 0.7), ("从犯", 0.12, 0.75),
)


def _rng(seed: int, case_no: str, part: str) -> random.Random:
    return random.Random(f"{seed}|{part}|{case_no}")


def planted_outlier(seed: int, case_no: str) -> bool:
    """Whether the demo planted this case's sentence far from its peers (the first draw of its source)."""
    return _rng(seed, case_no, "sentencing").random() < PLANTED_RATE


def add_risk_facts(case: Case, seed: int, today: dt.date) -> None:
    if applies(case):
        _social_danger(case, _rng(seed, case.case_no, "social_danger"))
    if case.case_type == "criminal.prosecution_review":
        _sentencing(case, _rng(seed, case.case_no, "sentencing"), today)


def _social_danger(case: Case, rng: random.Random) -> None:
    decision = next((e.outcome for e in case.events_of("arrest_decided")), "")
    # A latent danger the prosecutor saw: high behind most approvals, low behind most refusals.
    if decision == "approved":
        latent = rng.uniform(0.55, 1.0) if rng.random() < 0.9 else rng.uniform(0.0, 0.35)
    elif decision == "rejected":
        latent = rng.uniform(0.0, 0.3) if rng.random() < 0.88 else rng.uniform(0.35, 1.0)
    else:
        latent = rng.random()
    likely = set(CHARGE_INDICATORS.get(case.charges[0] if case.charges else "", ()))
    answers: dict[str, Any] = {}
    for indicator in load_shipped_model().indicators:
        if indicator.case_field:
            continue  # read from the case's own 认罪认罚 / 未成年 fields
        if rng.random() < UNANSWERED_RATE:
            if rng.random() < 0.5:
                answers[indicator.id] = None
            continue
        if indicator.mitigating:
            chance = 0.6 * (1 - latent) ** 2 + 0.03
            if indicator.id in ("pregnant_or_nursing", "serious_illness", "sole_caregiver"):
                chance /= 6
        else:
            chance = (0.55 if indicator.id in likely else 0.25) * latent
            if indicator.id in ("planning_public_harm", "bail_violation_serious", "planning_new_crime"):
                chance /= 4
        answers[indicator.id] = rng.random() < chance
    case.facts["social_danger"] = answers


def _sentencing(case: Case, rng: random.Random, today: dt.date) -> None:
    planted = rng.random() < PLANTED_RATE  # first draw: see planted_outlier
    charge = case.charges[0] if case.charges else ""
    band = case.possible_sentence
    indicted = next((e.date for e in case.events_of("prosecution_decided") if e.outcome == "indicted"), None)
    if charge not in SENTENCED_CHARGES or band not in BANDS or indicted is None:
        return
    (amount_low, amount_high), (months_low, months_high) = BANDS[band]
    position = rng.random()
    amount = round(amount_low + position * (amount_high - amount_low), -2)
    circumstances = [name for name, chance, _ in CIRCUMSTANCES if rng.random() < chance]
    if case.plea_agreement:
        circumstances.append("认罪认罚")
    if case.suspect_minor:
        circumstances.append("未成年")
    factor = 1.0
    for name, _, effect in CIRCUMSTANCES:
        if name in circumstances:
            factor *= effect
    factor *= 0.9 if case.plea_agreement else 1.0
    factor *= 0.6 if case.suspect_minor else 1.0
    months = max(1.0, round((months_low + position * (months_high - months_low)) * factor * rng.uniform(0.92, 1.08)))
    kind = "criminal_detention" if months <= 6 and band == "under_1y" else "fixed_term"
    recommended: dict[str, Any] = {"kind": kind}
    if case.plea_agreement:
        spread = max(1.0, round(months * 0.1))
        recommended.update(months_min=max(1.0, months - spread), months_max=months + spread)
    else:
        recommended["months"] = months
    facts: dict[str, Any] = {"recommended": recommended, "amount_involved": amount,
                             "circumstances": circumstances}
    imposed: dict[str, Any] | None = None
    if indicted + dt.timedelta(days=rng.randint(30, 90)) <= today:
        judged = months
        if not case.plea_agreement or rng.random() < 0.08:
            judged = max(1.0, round(months * rng.uniform(0.9, 1.12)))
        imposed = {"kind": kind, "months": judged}
    if planted:
        target = imposed if imposed is not None else recommended
        value = months * (rng.choice((4.0, 5.0)) if rng.random() < 0.6 else 0.15)
        target.clear()
        target.update(kind="fixed_term", months=max(1.0, round(value)))
    if imposed is not None:
        facts["imposed"] = imposed
    case.facts["sentencing"] = facts
