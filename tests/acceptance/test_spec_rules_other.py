"""rules-catalog.md — the procedure, defamation, enforcement, reverse-referral and damages rules."""

from __future__ import annotations

import pytest
from spec_support import (
    CIVIL_INTERP,
    CONSUMER,
    CPL,
    CRIMINAL_LAW,
    DEFAMATION,
    FOOD_SAFETY,
    RULES,
    TERMINATION,
    assert_basis,
    case,
    evt,
    flags,
    one_flag,
)

pytestmark = pytest.mark.no_database  # every test evaluates case files

# --- PROC-SUPPLEMENTARY-ROUNDS --------------------------------------------------------------------------------------


def _rounds(n: int) -> list[dict]:
    events = []
    for i in range(n):
        events.append(evt("returned_for_investigation", f"2026-0{1 + i}-05"))
        events.append(evt("resubmitted", f"2026-0{1 + i}-20"))
    return events


def test_two_supplementary_rounds_are_allowed(cli):
    result = cli.evaluate(case(received_on="2025-12-20", in_custody=True, events=_rounds(2)), today="2026-03-01")
    assert not flags(result, "PROC-SUPPLEMENTARY-ROUNDS")


def test_three_supplementary_rounds_are_critical(cli):
    result = cli.evaluate(case(received_on="2025-12-20", in_custody=True, events=_rounds(3)), today="2026-04-01")
    flag = one_flag(result, "PROC-SUPPLEMENTARY-ROUNDS")
    assert flag["severity"] == "critical"
    assert_basis(flag["legal_basis"], (CPL, ["第175条第3款"]))
    assert result["grade_code"] == "unqualified"


# --- PROC-FAST-TRACK-INELIGIBLE -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "fires"),
    [
        ({"fast_track": True, "plea_agreement": True, "possible_sentence": "under_1y", "suspect_minor": True}, True),
        ({"fast_track": True, "possible_sentence": "under_1y"}, True),  # plea_agreement defaults to false
        ({"fast_track": True, "plea_agreement": True, "possible_sentence": "3_to_10y"}, True),
        ({"fast_track": True, "plea_agreement": True, "possible_sentence": "1_to_3y"}, False),  # 三年以下
        ({"fast_track": False, "plea_agreement": False, "suspect_minor": True}, False),
    ],
)
def test_fast_track_ineligible(cli, fields, fires):
    result = cli.evaluate(case(in_custody=True, **fields))
    if fires:
        flag = one_flag(result, "PROC-FAST-TRACK-INELIGIBLE")
        assert flag["severity"] == "major"
        assert_basis(flag["legal_basis"], (CPL, ["第222条"]), (RULES, ["第438条"]))
    else:
        assert not flags(result, "PROC-FAST-TRACK-INELIGIBLE")


def test_fast_track_ineligible_applies_beyond_prosecution_review(cli):
    # "A rule that does not say 'criminal' applies to every case type."
    result = cli.evaluate(case("criminal.arrest_review", fast_track=True, plea_agreement=False))
    assert flags(result, "PROC-FAST-TRACK-INELIGIBLE")


# --- DEF-THRESHOLD-NOT-MET ------------------------------------------------------------------------------------------


def _post(date: str, views: int = 0, forwards: int = 0, handled: bool = False) -> dict:
    return {"posted_on": date, "views": views, "forwards": forwards, "previously_handled": handled}


@pytest.mark.parametrize(
    ("facts", "fires"),
    [
        ({"defamation_views": 4999, "defamation_forwards": 499}, True),
        ({"defamation_views": 5000, "defamation_forwards": 0}, False),
        ({}, True),  # nothing counted: 0 < 5000 and 0 < 500
        ({"defamation_posts": [_post("2025-05-01", 2500, 300), _post("2025-06-01", 2499, 199)]}, True),
        ({"defamation_posts": [_post("2025-05-01", 10, 300), _post("2025-06-01", 10, 200)]}, False),
        # previously handled posts are not summed
        ({"defamation_posts": [_post("2025-05-01", 4000, 0, True), _post("2025-06-01", 1000, 0)]}, True),
        # the window is latest counted post − 12 months .. latest, both ends included
        ({"defamation_posts": [_post("2024-06-15", 2000), _post("2025-06-15", 3000)]}, False),
        ({"defamation_posts": [_post("2024-06-14", 2000), _post("2025-06-15", 3000)]}, True),
        # the latest *counted* post anchors the window, not a previously handled later one
        (
            {"defamation_posts": [_post("2024-02-01", 2000), _post("2025-01-01", 3000), _post("2026-01-01", 0, 0, True)]},
            False,
        ),
        # month rule: 2024-02-29 − 12 months = 2023-02-28
        ({"defamation_posts": [_post("2023-02-27", 2000), _post("2024-02-29", 3000)]}, True),
        # the shorthand is only for when defamation_posts is absent
        ({"defamation_posts": [_post("2025-06-01", 1000)], "defamation_views": 9999}, True),
        ({"defamation_views": 10, "defamation_penalized_within_2y": True}, False),
        ({"defamation_views": 10, "defamation_forwards": 10, "defamation_other_serious": True}, False),
    ],
)
def test_defamation_threshold(cli, facts, fires):
    facts = {"defamation_public_order": True, **facts}
    result = cli.evaluate(case(charges=["诽谤罪"], facts=facts))
    if fires:
        flag = one_flag(result, "DEF-THRESHOLD-NOT-MET")
        assert flag["severity"] == "major"
        assert_basis(flag["legal_basis"], (DEFAMATION, ["第2条", "第4条"]), (CRIMINAL_LAW, ["第99条"]))
    else:
        assert not flags(result, "DEF-THRESHOLD-NOT-MET")


@pytest.mark.parametrize(("charges", "fires"), [(["寻衅滋事罪", "诽谤罪"], True), (["诽谤"], False)])
def test_defamation_charge_matches_exactly(cli, charges, fires):
    result = cli.evaluate(case(charges=charges, facts={"defamation_views": 10}))
    assert bool(flags(result, "DEF-THRESHOLD-NOT-MET")) is fires
    assert bool(flags(result, "DEF-PUBLIC-PROSECUTION-BASIS")) is fires


# --- DEF-PUBLIC-PROSECUTION-BASIS -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case_type", "charges", "facts", "fires"),
    [
        ("criminal.arrest_review", ["诽谤罪"], {"defamation_public_order": False}, True),
        ("criminal.prosecution_review", ["诽谤罪"], {"defamation_public_order": True}, False),
        ("public_interest.civil", ["诽谤罪"], {}, False),  # criminal only
    ],
)
def test_defamation_public_prosecution_basis(cli, case_type, charges, facts, fires):
    facts = {"defamation_views": 100000, **facts}
    result = cli.evaluate(case(case_type, charges=charges, facts=facts))
    if fires:
        flag = one_flag(result, "DEF-PUBLIC-PROSECUTION-BASIS")
        assert flag["severity"] == "major"
        assert_basis(flag["legal_basis"], (CRIMINAL_LAW, ["第246条"]), (DEFAMATION, ["第3条"]))
    else:
        assert not flags(result, "DEF-PUBLIC-PROSECUTION-BASIS")


# --- ENF-TERMINATION-TOO-EARLY --------------------------------------------------------------------------------------

ENF = "civil.enforcement_termination"


def _enf(events: list[dict], **fields) -> dict:
    return case(ENF, case_no="浙杭西检民执监〔2026〕9号", title="某公司申请执行监督案", received_on="2026-01-05",
                events=events, **fields)


@pytest.mark.parametrize(
    ("filed", "ruled", "fires"),
    [
        (["2025-01-15"], ["2025-04-15"], True),  # not later than filing + 3 months
        (["2025-01-15"], ["2025-04-16"], False),
        (["2025-11-29"], ["2026-02-28"], True),  # 2025-11-29 + 3 months = 2026-02-28 (no 29th)
        (["2025-11-29"], ["2026-03-01"], False),
        (["2025-11-30"], ["2026-02-28"], True),  # last day of a month → last day of the target month
        (["2025-03-01", "2025-01-15"], ["2025-05-01"], False),  # the earliest execution_filed counts
        (["2025-01-15"], ["2025-06-01", "2025-04-10"], True),  # the earliest termination_ruled counts
    ],
)
def test_enforcement_termination_too_early(cli, filed, ruled, fires):
    events = [evt("execution_filed", d) for d in filed] + [evt("termination_ruled", d) for d in ruled]
    events.append(evt("applicant_interviewed", "2025-01-20"))
    result = cli.evaluate(_enf(events), today="2026-03-20")
    if fires:
        flag = one_flag(result, "ENF-TERMINATION-TOO-EARLY")
        assert flag["severity"] == "major"
        assert_basis(flag["legal_basis"], (TERMINATION, ["第1条"]))
    else:
        assert not flags(result, "ENF-TERMINATION-TOO-EARLY")


def test_enforcement_rules_apply_to_every_case_type(cli):
    events = [evt("execution_filed", "2025-01-15"), evt("termination_ruled", "2025-02-01")]
    result = cli.evaluate(case("civil.judgment_supervision", events=events), today="2025-03-01")
    assert flags(result, "ENF-TERMINATION-TOO-EARLY")


# --- ENF-NO-APPLICANT-INTERVIEW -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interviews", "rulings", "fires"),
    [
        ([], ["2025-06-01"], True),
        (["2025-06-01"], ["2025-06-01"], False),  # on the day counts
        (["2025-06-02"], ["2025-06-01"], True),
        (["2025-07-01"], ["2025-06-01", "2025-09-01"], True),  # the earliest ruling counts
    ],
)
def test_enforcement_no_applicant_interview(cli, interviews, rulings, fires):
    events = [evt("execution_filed", "2025-01-02")]
    events += [evt("applicant_interviewed", d) for d in interviews] + [evt("termination_ruled", d) for d in rulings]
    result = cli.evaluate(_enf(events), today="2025-10-01")
    if fires:
        flag = one_flag(result, "ENF-NO-APPLICANT-INTERVIEW")
        assert flag["severity"] == "major"
        assert flag["verified"] is False  # 终本规定 第4条 is marked verified: false
        assert_basis(flag["legal_basis"], (TERMINATION, ["第4条"]), (CIVIL_INTERP, ["第517条"]))
    else:
        assert not flags(result, "ENF-NO-APPLICANT-INTERVIEW")


# --- ENF-PROPERTY-QUERY-MISSED --------------------------------------------------------------------------------------


def _terminated(t: str | list[str], queries: list[str]) -> dict:
    rulings = [t] if isinstance(t, str) else t
    events = [evt("execution_filed", "2019-01-02"), evt("applicant_interviewed", "2019-06-01")]
    events += [evt("termination_ruled", d) for d in rulings] + [evt("property_queried", d) for d in queries]
    return _enf(events)


@pytest.mark.parametrize(
    ("t", "queries", "today", "missed"),
    [
        ("2025-04-01", [], "2025-09-30", []),  # T + 6 months is after today: nothing is due yet
        ("2025-04-01", [], "2025-10-01", ["2025-10-01"]),
        ("2025-04-01", ["2025-10-01"], "2025-12-01", []),  # the window's right end is included
        ("2025-04-01", ["2025-04-01"], "2025-12-01", ["2025-10-01"]),  # its left end (T) is not
        ("2025-04-01", ["2025-10-09"], "2025-11-01", ["2025-10-01"]),  # no rest-day shift (国庆 holiday)
        # counted from T each time: T + 12 months = 2026-08-30, not 2026-02-28 + 6 months
        ("2025-08-30", ["2026-02-01", "2026-08-31"], "2026-09-15", ["2026-08-30"]),
        ("2025-01-10", [], "2026-03-20", ["2025-07-10", "2026-01-10"]),
        (["2025-06-01", "2025-01-10"], ["2025-12-01"], "2025-08-01", ["2025-07-10"]),  # the earliest ruling is T
    ],
)
def test_enforcement_property_query_missed(cli, t, queries, today, missed):
    result = cli.evaluate(_terminated(t, queries), today=today)
    if missed:
        flag = one_flag(result, "ENF-PROPERTY-QUERY-MISSED")
        assert flag["severity"] == "major"
        for date in missed:
            assert date in flag["message"], flag["message"]
        assert_basis(flag["legal_basis"], (TERMINATION, ["第9条"]))
    else:
        assert not flags(result, "ENF-PROPERTY-QUERY-MISSED")


def test_enforcement_property_query_stops_after_ten_periods(cli):
    # T = 2020-01-15: the 10 windows end 2020-07-15 … 2025-01-15; k = 11 and 12 are not checked.
    ends = [f"{2020 + k // 2}-{'07' if k % 2 else '01'}-15" for k in range(1, 11)]
    assert ends[0] == "2020-07-15" and ends[-1] == "2025-01-15"
    result = cli.evaluate(_terminated("2020-01-15", ends), today="2026-03-20")
    assert not flags(result, "ENF-PROPERTY-QUERY-MISSED")


# --- REF-* ----------------------------------------------------------------------------------------------------------

REF = "administrative.reverse_referral"


@pytest.mark.parametrize(
    ("events", "facts", "fires"),
    [
        ([evt("non_prosecution_decided", "2026-01-10")], {"administrative_penalty_needed": True}, True),
        (
            [evt("non_prosecution_decided", "2026-01-10"), evt("opinion_referred", "2026-01-20")],
            {"administrative_penalty_needed": True},
            False,
        ),
        ([evt("non_prosecution_decided", "2026-01-10")], {"administrative_penalty_needed": False}, False),
    ],
)
def test_reverse_referral_no_procuratorial_opinion(cli, events, facts, fires):
    result = cli.evaluate(case(REF, events=events, facts=facts))
    if fires:
        flag = one_flag(result, "REF-NO-PROCURATORIAL-OPINION")
        assert flag["severity"] == "major"
        assert_basis(flag["legal_basis"], (CPL, ["第177条第3款"]), (RULES, ["第373条"]))
    else:
        assert not flags(result, "REF-NO-PROCURATORIAL-OPINION")


@pytest.mark.parametrize(
    ("case_type", "events", "facts", "fires"),
    [
        (REF, [evt("non_prosecution_decided", "2026-01-10")], {"seizure_pending": True}, True),
        ("criminal.prosecution_review", [evt("non_prosecution_decided", "2026-03-10")], {"seizure_pending": True}, True),
        (REF, [], {"seizure_pending": True}, False),
    ],
)
def test_reverse_referral_seizure_not_lifted(cli, case_type, events, facts, fires):
    result = cli.evaluate(case(case_type, events=events, facts=facts))
    if fires:
        flag = one_flag(result, "REF-SEIZURE-NOT-LIFTED")
        assert flag["severity"] == "major"
        assert_basis(flag["legal_basis"], (CPL, ["第177条第3款"]), (RULES, ["第374条"]))
    else:
        assert not flags(result, "REF-SEIZURE-NOT-LIFTED")


# --- DMG-CLAIM-EXCEEDS-CAP and computations -------------------------------------------------------------------------

PIC = "public_interest.civil"


def _dmg(law: str, price=None, loss=None, claimed=None, case_type: str = PIC) -> dict:
    facts: dict = {"damages_law": law}
    if price is not None:
        facts["price_paid"] = price
    if loss is not None:
        facts["loss"] = loss
    if claimed is not None:
        facts["claimed_amount"] = claimed
    return case(case_type, case_no="苏宁检民公〔2026〕5号", title="某食品公司公益诉讼案", facts=facts)


def _computation(result: dict) -> dict:
    found = [c for c in result["computations"] if c["rule"] == "DMG-CLAIM-EXCEEDS-CAP"]
    assert len(found) == 1, result["computations"]
    assert found[0]["name"] == "法定惩罚性赔偿上限"
    return found[0]


@pytest.mark.parametrize(
    ("law", "price", "loss", "cap"),
    [
        ("food_safety_148", 50, None, 1000),  # 10 × 50 = 500 → at least 1000
        ("food_safety_148", 200, 1000, 3000),  # max(2000, 3000)
        ("food_safety_148", None, None, 1000),  # missing price and loss count as 0
        ("consumer_55_1", 100, None, 500),  # 3 × 100 = 300 → at least 500
        ("consumer_55_2", None, 1000, 2000),
        ("consumer_55_2", 5000, None, 0),
    ],
)
def test_damages_cap_computation(cli, law, price, loss, cap):
    # claimed exactly the cap: not above it, so no flag
    result = cli.evaluate(_dmg(law, price, loss, claimed=cap))
    assert _computation(result)["value"] == pytest.approx(cap)
    assert not flags(result, "DMG-CLAIM-EXCEEDS-CAP")


@pytest.mark.parametrize(
    ("law", "price", "loss", "claimed"),
    [
        ("food_safety_148", 50, None, 1000.01),
        ("food_safety_148", 200, 1000, 3001),
        ("consumer_55_2", None, 1000, 2000.5),
    ],
)
def test_damages_claim_above_cap(cli, law, price, loss, claimed):
    result = cli.evaluate(_dmg(law, price, loss, claimed))
    flag = one_flag(result, "DMG-CLAIM-EXCEEDS-CAP")
    assert flag["severity"] == "major"
    assert_basis(flag["legal_basis"], (FOOD_SAFETY, ["第148条第2款"]), (CONSUMER, ["第55条"]))


def test_damages_computation_without_a_claim(cli):
    result = cli.evaluate(_dmg("consumer_55_1", price=1000))
    assert _computation(result)["value"] == pytest.approx(3000)
    assert not flags(result, "DMG-CLAIM-EXCEEDS-CAP")


def test_damages_computation_for_every_case_with_damages_law(cli):
    # the flag is for public_interest.civil; the computation appears for every case with damages_law
    result = cli.evaluate(_dmg("food_safety_148", price=300, claimed=10**6, case_type="public_interest.administrative"))
    assert _computation(result)["value"] == pytest.approx(3000)
    assert not flags(result, "DMG-CLAIM-EXCEEDS-CAP")


def test_no_damages_computation_without_damages_law(cli):
    result = cli.evaluate(case(PIC, facts={"price_paid": 100, "claimed_amount": 10**6}))
    assert result["computations"] == []
    assert not flags(result, "DMG-CLAIM-EXCEEDS-CAP")
