"""The rules the revised catalog changed: hash lengths, related case numbers, undated defamation posts and the
reach per platform, 药品管理法 damages, and the civil month rule in the 终本 rules and the defamation window."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.results import Computation, Flag
from desktop_app.core.rules import RuleBook, evaluate_rules, load_rulebook

RULEBOOK: RuleBook = load_rulebook()
TODAY = dt.date(2024, 12, 31)
CASE_NO = "京朝检刑诉〔2024〕21号"


def make_case(case_type: str = "criminal.prosecution_review", **fields: Any) -> Case:
    return Case(case_no=CASE_NO, title="孙某某诽谤案", case_type=case_type, prosecutor="周检察官",
                received_on=dt.date(2024, 1, 5), **fields)


def evaluate(case: Case, today: dt.date = TODAY) -> tuple[dict[str, Flag], list[Computation]]:
    found, computations = evaluate_rules(case, today, RULEBOOK)
    return {f.rule: f for f in found}, computations


def fired(case: Case, rule_id: str, today: dt.date = TODAY) -> Flag | None:
    return evaluate(case, today)[0].get(rule_id)


# --- EVID-EDATA-HASH-MISMATCH --------------------------------------------------------------------------------------

MD5 = "9e107d9d372bb6826bd81d3542a419d6"
SHA256 = "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"


@pytest.mark.parametrize(
    ("recorded", "recomputed", "fires"),
    [
        (MD5, MD5.upper(), False),  # case-insensitive
        (f"  {MD5}\n", MD5, False),  # whitespace ignored
        (MD5, MD5[:-1] + "7", True),  # same length, one digit differs
        (MD5, SHA256, False),  # MD5 against SHA-256: different algorithms, not compared
        (SHA256, SHA256[:-1], False),  # a truncated value is a different length, not a mismatch
        (MD5, "", False),
    ],
)
def test_hash_values_compared_only_at_equal_length(recorded: str, recomputed: str, fires: bool) -> None:
    item = Evidence("E1", "electronic_data", attributes={"hash_value": recorded, "hash_recomputed": recomputed})
    flag = fired(make_case(evidence=[item]), "EVID-EDATA-HASH-MISMATCH")
    assert (flag is not None) is fires
    if flag:
        assert flag.severity == "critical" and flag.evidence_ids == ("E1",)


# --- EVID-MLA-USE-LIMIT --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("permitted", "related", "fires"),
    [
        ("京朝检刑捕〔2023〕8号", ["京朝检刑捕〔2023〕8号"], False),  # the 审查逮捕 number of the same matter
        (" 京朝检刑捕〔2023〕8号 ", ["京朝检刑捕〔2023〕8号"], False),
        ("京朝检刑捕〔2023〕8号", [], True),
        ("沪检刑诉〔2025〕3号", ["京朝检刑捕〔2023〕8号"], True),
        (CASE_NO, [], False),
    ],
)
def test_permitted_use_may_name_a_related_case(permitted: str, related: list[str], fires: bool) -> None:
    item = Evidence("F1", "documentary", attributes={"via_judicial_assistance": True, "permitted_use": permitted})
    flag = fired(make_case(evidence=[item], related_case_nos=related), "EVID-MLA-USE-LIMIT")
    assert (flag is not None) is fires
    if flag:
        assert "第77条第1款" in flag.legal_basis and "第11条第2款" in flag.legal_basis
        assert "引渡法" not in flag.legal_basis and flag.verified is True


# --- DEF-THRESHOLD-NOT-MET with undated posts ----------------------------------------------------------------------


def defamation(*posts: dict[str, Any], **facts: Any) -> Case:
    return make_case(charges=["诽谤罪"], facts={"defamation_posts": list(posts), "defamation_public_order": True,
                                              **facts})


def post(day: str | None = None, views: int = 0, forwards: int = 0, **extra: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"views": views, "forwards": forwards, **extra}
    if day is not None:
        found["posted_on"] = day
    return found


def test_an_undated_post_is_counted() -> None:
    # 3000 + 2000 undated = 5000, which is 5000 以上
    assert fired(defamation(post("2024-06-01", 3000), post(None, 2000)), "DEF-THRESHOLD-NOT-MET") is None
    flag = fired(defamation(post("2024-06-01", 3000), post(None, 1999)), "DEF-THRESHOLD-NOT-MET")
    assert flag is not None and "浏览 4999 次" in flag.message and "未记录发布日期" in flag.message


def test_an_undated_post_does_not_move_the_window() -> None:
    # the window runs 2023-06-01 .. 2024-06-01 from the latest dated post; 2023-05-31 stays outside
    posts = [post("2023-05-31", 3000), post("2024-06-01", 2000), post(None, 10)]  # 3000 + 2000 + 10 = 5010
    flag = fired(defamation(*posts), "DEF-THRESHOLD-NOT-MET")
    assert flag is not None and "2023-06-01 至 2024-06-01" in flag.message and "浏览 2010 次" in flag.message
    posts[0]["posted_on"] = "2023-06-01"
    assert fired(defamation(*posts), "DEF-THRESHOLD-NOT-MET") is None


def test_only_undated_posts_are_all_counted() -> None:
    assert fired(defamation(post(None, 0, 250), post(None, 0, 250)), "DEF-THRESHOLD-NOT-MET") is None
    assert fired(defamation(post(None, 0, 250), post(None, 0, 249)), "DEF-THRESHOLD-NOT-MET") is not None


@pytest.mark.parametrize(
    ("latest", "inside", "outside"),
    [
        ("2025-02-28", "2024-02-28", "2024-02-27"),  # minus 12 months keeps the 28th (not the month end 02-29)
        ("2024-02-29", "2023-02-28", "2023-02-27"),  # no 29 February in 2023: the last day of that month
    ],
)
def test_window_uses_the_civil_month_rule(latest: str, inside: str, outside: str) -> None:
    assert fired(defamation(post(inside, 2500), post(latest, 2500)), "DEF-THRESHOLD-NOT-MET") is None
    assert fired(defamation(post(outside, 2500), post(latest, 2500)), "DEF-THRESHOLD-NOT-MET") is not None


# --- DEF-REACH and DEF-CLOSED-GROUP-REACH --------------------------------------------------------------------------


def reach(case: Case) -> dict[str, float]:
    return {c.name: c.value for c in evaluate(case)[1] if c.rule == "DEF-REACH"}


def test_reach_is_summed_per_platform_and_measure() -> None:
    case = defamation(
        post("2024-05-01", 3000, 100, platform="微博", unique_visitors=1200),
        post("2024-06-01", 1000, 50, platform="微博"),
        post("2024-06-02", 400, 7, platform="抖音"),
        post("2024-06-03", 9000, 900, platform="微博", previously_handled=True),  # not counted
    )
    assert reach(case) == {"浏览次数（微博）": 4000, "转发次数（微博）": 150, "独立访客数（微博）": 1200,
                           "浏览次数（抖音）": 400, "转发次数（抖音）": 7, "独立访客数（抖音）": 0}
    names = [c.name for c in evaluate(case)[1]]
    assert names[:3] == ["浏览次数（微博）", "转发次数（微博）", "独立访客数（微博）"]
    # the threshold rule still reads views and forwards only: 4400 < 5000 and 157 < 500
    assert fired(case, "DEF-THRESHOLD-NOT-MET") is not None


def test_reach_without_platform_or_posts() -> None:
    assert reach(defamation(post("2024-05-01", 10, 1))) == {"浏览次数（未注明平台）": 10, "转发次数（未注明平台）": 1,
                                                          "独立访客数（未注明平台）": 0}
    assert reach(make_case(charges=["诽谤罪"], facts={"defamation_views": 100})) == {}
    assert evaluate(make_case())[1] == []


def test_closed_group_post_is_an_info_flag_with_groups_and_members() -> None:
    case = defamation(post("2024-05-01", 10, platform="微信", closed_group=True, group_members=480),
                      post("2024-05-02", 10, platform="微信", closed_group=True, group_members=320),
                      post("2024-05-03", 10, platform="微博"))
    flag = fired(case, "DEF-CLOSED-GROUP-REACH")
    assert flag is not None and flag.severity == "info" and flag.verified is False
    assert "2 条" in flag.message and "800 人" in flag.message and "微信" in flag.message
    assert fired(defamation(post("2024-05-01", 10, closed_group=False)), "DEF-CLOSED-GROUP-REACH") is None
    handled = defamation(post("2024-05-01", 10, closed_group=True, group_members=50, previously_handled=True))
    assert fired(handled, "DEF-CLOSED-GROUP-REACH") is None


def test_new_post_fields_change_no_flag_and_no_score() -> None:
    plain = defamation(post("2024-05-01", 4000, 100))
    enriched = defamation(post("2024-05-01", 4000, 100, platform="微博", unique_visitors=900))
    assert evaluate(plain)[0].keys() == evaluate(enriched)[0].keys()


# --- damages: 药品管理法 第144条第3款 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "loss", "cap"),
    [(50, None, 1000), (300, 100, 3000), (100, 2000, 6000), (None, None, 1000), (99.9, None, 1000), (100.1, 0, 1001)],
)
def test_drug_144_cap(price: float | None, loss: float | None, cap: float) -> None:
    facts: dict[str, Any] = {"damages_law": "drug_144"}
    if price is not None:
        facts["price_paid"] = price
    if loss is not None:
        facts["loss"] = loss
    _, computations = evaluate(make_case("public_interest.civil", facts=facts))
    assert [(c.rule, c.name) for c in computations] == [("DMG-CLAIM-EXCEEDS-CAP", "法定惩罚性赔偿上限")]
    assert computations[0].value == pytest.approx(cap)
    over = fired(make_case("public_interest.civil", facts={**facts, "claimed_amount": cap + 1}), "DMG-CLAIM-EXCEEDS-CAP")
    assert over is not None and "《中华人民共和国药品管理法》第144条第3款" in over.legal_basis
    assert fired(make_case("public_interest.civil", facts={**facts, "claimed_amount": cap}), "DMG-CLAIM-EXCEEDS-CAP") is None


# --- ENF-*: the civil month rule (民法典 第202条), no rest-day shift ----------------------------------------------------


def enforcement(*events: tuple[str, str]) -> Case:
    return make_case("civil.enforcement_termination",
                     events=[Event(kind, dt.date.fromisoformat(day)) for kind, day in events])


@pytest.mark.parametrize(
    ("filed", "ruled", "fires"),
    [
        ("2024-02-29", "2024-05-29", True),  # 2024-02-29 + 3 months = 2024-05-29 (not the month end 05-31)
        ("2024-02-29", "2024-05-30", False),
        ("2024-04-30", "2024-07-30", True),  # 2024-04-30 + 3 months = 2024-07-30
        ("2024-04-30", "2024-07-31", False),
        ("2024-01-31", "2024-04-30", True),  # no 31 April: the last day of that month
        ("2024-01-31", "2024-05-01", False),
    ],
)
def test_termination_three_months_civil_month_rule(filed: str, ruled: str, fires: bool) -> None:
    case = enforcement(("execution_filed", filed), ("termination_ruled", ruled), ("applicant_interviewed", filed))
    flag = fired(case, "ENF-TERMINATION-TOO-EARLY")
    assert (flag is not None) is fires


def test_property_query_dates_use_the_civil_month_rule() -> None:
    # T = 2024-02-29: T + 6 months = 2024-08-29, T + 12 months = 2025-02-28
    case = enforcement(("termination_ruled", "2024-02-29"), ("property_queried", "2024-08-30"))
    flag = fired(case, "ENF-PROPERTY-QUERY-MISSED", dt.date(2024, 8, 30))
    assert flag is not None and "2024-08-29" in flag.message
    ok = enforcement(("termination_ruled", "2024-02-29"), ("property_queried", "2024-08-29"))
    assert fired(ok, "ENF-PROPERTY-QUERY-MISSED", dt.date(2025, 2, 27)) is None
    missed = fired(ok, "ENF-PROPERTY-QUERY-MISSED", dt.date(2025, 2, 28))
    assert missed is not None and "2025-02-28" in missed.message


def test_reach_counts_read_as_counts_and_caps_as_money() -> None:
    from desktop_app.core.evaluation import EvaluationContext, evaluate_case
    from desktop_app.core.textreport import evaluation_text

    case = defamation(post("2024-05-01", 4000, 12, platform="微博", unique_visitors=1500),
                      price_paid=300, damages_law="drug_144")
    text = evaluation_text(case, evaluate_case(case, TODAY, EvaluationContext.load()))
    assert "浏览次数（微博）：4,000 次" in text and "独立访客数（微博）：1,500 人" in text
    assert "法定惩罚性赔偿上限：3,000.00 元" in text
