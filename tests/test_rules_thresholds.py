"""Threshold rules: 诽谤 counts, 终本 dates, punitive-damages caps, 刑行反向衔接 and judicial assistance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.results import Computation, Flag
from desktop_app.core.rules import RuleBook, evaluate_rules, load_rulebook

TODAY = dt.date(2026, 3, 20)
RULEBOOK: RuleBook = load_rulebook()
CASE_NO = "京朝检刑诉〔2026〕11号"


def make_case(case_type: str = "criminal.prosecution_review", **fields: Any) -> Case:
    return Case(
        case_no=CASE_NO,
        title="孙某某诽谤案",
        case_type=case_type,
        prosecutor="周检察官",
        received_on=dt.date(2026, 1, 5),
        **fields,
    )


def evaluate(case: Case, today: dt.date = TODAY) -> tuple[dict[str, Flag], list[Computation]]:
    found, computations = evaluate_rules(case, today, RULEBOOK)
    return {f.rule: f for f in found}, computations


def fired(case: Case, rule_id: str, today: dt.date = TODAY) -> Flag | None:
    return evaluate(case, today)[0].get(rule_id)


# --- 诽谤 ----------------------------------------------------------------------------------------------------------


def defamation(facts: dict[str, Any], charges: list[str] | None = None, **fields: Any) -> Case:
    return make_case(charges=["诽谤罪"] if charges is None else charges, facts=facts, **fields)


@pytest.mark.parametrize(
    ("views", "forwards", "fires"),
    [(4999, 499, True), (5000, 0, False), (0, 500, False), (4999, 500, False), (5000, 499, False)],
)
def test_single_post_thresholds_include_the_number_itself(views: int, forwards: int, fires: bool) -> None:
    flag = fired(defamation({"defamation_views": views, "defamation_forwards": forwards}), "DEF-THRESHOLD-NOT-MET")
    assert (flag is not None) is fires
    if flag:
        assert "浏览 4999 次" in flag.message and "转发 499 次" in flag.message


def test_no_count_on_file_means_the_threshold_is_not_established() -> None:
    """The sums run over no posts and are 0, below both thresholds (the catalog's literal reading)."""
    flag = fired(defamation({}), "DEF-THRESHOLD-NOT-MET")
    assert flag is not None and "未记录" in flag.message
    assert fired(defamation({"defamation_posts": []}), "DEF-THRESHOLD-NOT-MET") is not None
    assert fired(defamation({"defamation_views": 100}), "DEF-THRESHOLD-NOT-MET") is not None


@pytest.mark.parametrize("charges", [["诽谤"], ["诽谤罪（自诉）"], ["侮辱罪"], []])
def test_charge_must_be_exactly_defamation(charges: list[str]) -> None:
    case = defamation({"defamation_views": 10}, charges=charges)
    assert fired(case, "DEF-THRESHOLD-NOT-MET") is None
    assert fired(case, "DEF-PUBLIC-PROSECUTION-BASIS") is None


@pytest.mark.parametrize("fact", ["defamation_penalized_within_2y", "defamation_other_serious"])
def test_other_serious_circumstances_satisfy_the_threshold(fact: str) -> None:
    assert fired(defamation({"defamation_views": 10, fact: True}), "DEF-THRESHOLD-NOT-MET") is None
    assert fired(defamation({"defamation_views": 10, fact: False}), "DEF-THRESHOLD-NOT-MET") is not None


def post(day: str, views: int = 0, forwards: int = 0, handled: bool = False) -> dict[str, Any]:
    return {"posted_on": day, "views": views, "forwards": forwards, "previously_handled": handled}


def test_posts_within_a_year_are_added_up() -> None:
    posts = [post("2024-09-01", views=2500), post("2025-06-15", views=2500)]
    assert fired(defamation({"defamation_posts": posts}), "DEF-THRESHOLD-NOT-MET") is None


def test_window_includes_the_day_twelve_months_before_the_latest_post() -> None:
    inside = [post("2024-06-15", forwards=250), post("2025-06-15", forwards=250)]
    outside = [post("2024-06-14", forwards=250), post("2025-06-15", forwards=250)]
    assert fired(defamation({"defamation_posts": inside}), "DEF-THRESHOLD-NOT-MET") is None
    flag = fired(defamation({"defamation_posts": outside}), "DEF-THRESHOLD-NOT-MET")
    assert flag is not None
    assert "2024-06-15 至 2025-06-15" in flag.message and "被转发 250 次" in flag.message


def test_previously_handled_posts_neither_count_nor_set_the_window() -> None:
    posts = [
        post("2024-01-01", views=3000),
        post("2024-11-01", views=3000),
        post("2025-12-01", views=9000, handled=True),
    ]
    assert fired(defamation({"defamation_posts": posts}), "DEF-THRESHOLD-NOT-MET") is None
    posts[0]["previously_handled"] = True
    assert fired(defamation({"defamation_posts": posts}), "DEF-THRESHOLD-NOT-MET") is not None


def test_post_list_takes_precedence_over_the_single_post_shorthand() -> None:
    facts = {"defamation_posts": [post("2025-01-01", views=100)], "defamation_views": 9999}
    assert fired(defamation(facts), "DEF-THRESHOLD-NOT-MET") is not None


def test_public_prosecution_of_defamation_needs_public_order_harm() -> None:
    flag = fired(defamation({"defamation_views": 9000}), "DEF-PUBLIC-PROSECUTION-BASIS")
    assert flag is not None and "告诉的才处理" in flag.message
    harmed = defamation({"defamation_views": 9000, "defamation_public_order": True})
    assert fired(harmed, "DEF-PUBLIC-PROSECUTION-BASIS") is None
    civil = defamation({"defamation_views": 9000}, case_type="civil.judgment_supervision")
    assert fired(civil, "DEF-PUBLIC-PROSECUTION-BASIS") is None


# --- 终本 ----------------------------------------------------------------------------------------------------------


def enforcement(*events: tuple[str, str], **facts: Any) -> Case:
    return make_case(
        "civil.enforcement_termination",
        events=[Event(kind, dt.date.fromisoformat(day)) for kind, day in events],
        facts=facts,
    )


@pytest.mark.parametrize(
    ("filed", "ruled", "fires"),
    [
        ("2025-01-15", "2025-04-15", True),
        ("2025-01-15", "2025-04-16", False),
        ("2024-11-30", "2025-02-28", True),
        ("2024-11-30", "2025-03-01", False),
    ],
)
def test_termination_needs_more_than_three_months_from_filing(filed: str, ruled: str, fires: bool) -> None:
    case = enforcement(("execution_filed", filed), ("termination_ruled", ruled), ("applicant_interviewed", filed))
    flag = fired(case, "ENF-TERMINATION-TOO-EARLY")
    assert (flag is not None) is fires
    if flag:
        assert filed in flag.message and ruled in flag.message


def test_earliest_filing_and_earliest_ruling_count() -> None:
    later_filing = enforcement(
        ("execution_filed", "2025-03-01"), ("execution_filed", "2025-01-15"), ("termination_ruled", "2025-04-20")
    )
    assert fired(later_filing, "ENF-TERMINATION-TOO-EARLY") is None
    two_rulings = enforcement(
        ("execution_filed", "2025-01-15"), ("termination_ruled", "2025-06-01"), ("termination_ruled", "2025-04-10")
    )
    flag = fired(two_rulings, "ENF-TERMINATION-TOO-EARLY")
    assert flag is not None and "2025-04-10" in flag.message
    assert fired(enforcement(("termination_ruled", "2025-04-10")), "ENF-TERMINATION-TOO-EARLY") is None


@pytest.mark.parametrize(
    ("interviews", "fires"),
    [([], True), (["2025-06-01"], False), (["2025-05-01"], False), (["2025-06-02"], True)],
)
def test_applicant_interview_on_or_before_the_ruling(interviews: list[str], fires: bool) -> None:
    events = [("termination_ruled", "2025-06-01"), *(("applicant_interviewed", d) for d in interviews)]
    flag = fired(enforcement(*events), "ENF-NO-APPLICANT-INTERVIEW")
    assert (flag is not None) is fires
    if flag:
        assert flag.verified is False


def _missed(today: str, ruled: str = "2024-01-10", *queries: str) -> str | None:
    case = enforcement(("termination_ruled", ruled), *(("property_queried", q) for q in queries))
    flag = fired(case, "ENF-PROPERTY-QUERY-MISSED", dt.date.fromisoformat(today))
    return None if flag is None else flag.message


def test_no_query_due_before_six_months() -> None:
    assert _missed("2024-07-09") is None


def test_query_missed_exactly_at_six_months() -> None:
    message = _missed("2024-07-10")
    assert message is not None and message.endswith("2024-07-10。")


def test_query_on_the_due_date_counts_but_on_the_ruling_day_does_not() -> None:
    assert _missed("2024-07-10", "2024-01-10", "2024-07-10") is None
    assert _missed("2024-07-10", "2024-01-10", "2024-01-10") is not None


def test_missed_dates_are_listed() -> None:
    message = _missed("2025-07-10", "2024-01-10", "2024-03-01")
    assert message is not None and "2025-01-10、2025-07-10" in message
    assert "2024-07-10" not in message


def test_query_windows_are_counted_from_the_ruling_with_month_ends() -> None:
    message = _missed("2025-08-31", "2024-08-31", "2025-02-28")
    assert message is not None and "2025-08-31" in message and "2025-02-28" not in message


def test_queries_are_expected_for_five_years_only() -> None:
    message = _missed("2026-03-20", "2010-01-10")
    assert message is not None
    assert message.count("、") == 9 and "2015-01-10" in message and "2015-07-10" not in message


@pytest.mark.parametrize(
    ("rule_id", "fact"),
    [
        ("ENF-NO-RESTRICTION-ORDER", "restriction_order_issued"),
        ("ENF-NO-PROPERTY-REPORT-ORDER", "property_report_ordered"),
        ("ENF-NETWORK-QUERY-MISSING", "network_query_done"),
        ("ENF-NO-CREDITOR-CONFIRMATION", "creditor_confirmed"),
    ],
)
def test_termination_conditions_recorded_as_not_met(rule_id: str, fact: str) -> None:
    ruled = ("termination_ruled", "2025-06-01")
    flag = fired(enforcement(ruled, **{fact: False}), rule_id)
    assert flag is not None and "2025-06-01" in flag.message
    assert fired(enforcement(ruled, **{fact: True}), rule_id) is None
    assert fired(enforcement(ruled), rule_id) is None
    assert fired(enforcement(**{fact: False}), rule_id) is None


def test_collegial_approval_replaces_the_creditor_confirmation() -> None:
    case = enforcement(("termination_ruled", "2025-06-01"), creditor_confirmed=False, panel_approved=True)
    assert fired(case, "ENF-NO-CREDITOR-CONFIRMATION") is None


def test_onsite_investigation_where_the_network_cannot_reach() -> None:
    ruled = ("termination_ruled", "2025-06-01")
    flag = fired(enforcement(ruled, network_query_incomplete=True), "ENF-ONSITE-INVESTIGATION-MISSING")
    assert flag is not None and flag.verified is False
    done = enforcement(ruled, network_query_incomplete=True, onsite_investigation_done=True)
    assert fired(done, "ENF-ONSITE-INVESTIGATION-MISSING") is None
    assert fired(enforcement(ruled), "ENF-ONSITE-INVESTIGATION-MISSING") is None


# --- punitive damages ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("law", "price", "loss", "cap"),
    [
        ("food_safety_148", 50, 0, 1000),
        ("food_safety_148", 200, 100, 2000),
        ("food_safety_148", 10, 1000, 3000),
        ("food_safety_148", None, None, 1000),
        ("consumer_55_1", 100, 5000, 500),
        ("consumer_55_1", 300, None, 900),
        ("consumer_55_1", None, None, 500),
        ("consumer_55_2", 100, 1000, 2000),
        ("consumer_55_2", 100, None, 0),
    ],
)
def test_statutory_cap_is_computed_for_every_damages_case(
    law: str, price: int | None, loss: int | None, cap: int
) -> None:
    facts: dict[str, Any] = {"damages_law": law}
    if price is not None:
        facts["price_paid"] = price
    if loss is not None:
        facts["loss"] = loss
    for case_type in ("public_interest.civil", "criminal.prosecution_review"):
        _, computations = evaluate(make_case(case_type, facts=facts))
        assert [c.to_json() for c in computations] == [
            {"rule": "DMG-CLAIM-EXCEEDS-CAP", "name": "法定惩罚性赔偿上限", "value": cap}
        ]


def test_no_damages_law_no_computation() -> None:
    _, computations = evaluate(make_case("public_interest.civil", facts={"price_paid": 100, "claimed_amount": 9}))
    assert computations == []


@pytest.mark.parametrize(("claimed", "fires"), [(2000, False), (2000.01, True), (2001, True)])
def test_claim_above_the_cap_is_flagged(claimed: float, fires: bool) -> None:
    facts = {"damages_law": "food_safety_148", "price_paid": 200, "loss": 100, "claimed_amount": claimed}
    flag = fired(make_case("public_interest.civil", facts=facts), "DMG-CLAIM-EXCEEDS-CAP")
    assert (flag is not None) is fires
    if flag:
        assert "2,000 元" in flag.message


def test_cap_flag_is_for_civil_public_interest_cases_only() -> None:
    facts = {"damages_law": "consumer_55_2", "loss": 100, "claimed_amount": 1000}
    assert fired(make_case("public_interest.civil", facts=facts), "DMG-CLAIM-EXCEEDS-CAP") is not None
    assert fired(make_case("public_interest.administrative", facts=facts), "DMG-CLAIM-EXCEEDS-CAP") is None
    no_claim = {"damages_law": "consumer_55_2", "loss": 100}
    assert fired(make_case("public_interest.civil", facts=no_claim), "DMG-CLAIM-EXCEEDS-CAP") is None


# --- 刑行反向衔接 --------------------------------------------------------------------------------------------------

DECIDED = ("non_prosecution_decided", "2026-02-10")


def referral(*events: tuple[str, str], **facts: Any) -> Case:
    return make_case(
        "administrative.reverse_referral",
        events=[Event(kind, dt.date.fromisoformat(day)) for kind, day in events],
        facts=facts,
    )


def test_penalty_needed_without_procuratorial_opinion() -> None:
    flag = fired(referral(DECIDED, administrative_penalty_needed=True), "REF-NO-PROCURATORIAL-OPINION")
    assert flag is not None and "2026-02-10" in flag.message
    referred = referral(DECIDED, ("opinion_referred", "2026-02-12"), administrative_penalty_needed=True)
    assert fired(referred, "REF-NO-PROCURATORIAL-OPINION") is None
    assert fired(referral(DECIDED), "REF-NO-PROCURATORIAL-OPINION") is None
    assert fired(referral(administrative_penalty_needed=True), "REF-NO-PROCURATORIAL-OPINION") is None


def test_seizure_not_lifted_after_non_prosecution() -> None:
    assert fired(referral(DECIDED, seizure_pending=True), "REF-SEIZURE-NOT-LIFTED") is not None
    assert fired(referral(DECIDED, seizure_pending=False), "REF-SEIZURE-NOT-LIFTED") is None
    assert fired(referral(seizure_pending=True), "REF-SEIZURE-NOT-LIFTED") is None


# --- judicial assistance -------------------------------------------------------------------------------------------


def assisted(**attributes: Any) -> Case:
    return make_case(evidence=[Evidence("F1", "documentary", attributes=attributes), Evidence("P1", "physical")])


@pytest.mark.parametrize(
    ("attributes", "fires"),
    [
        ({"via_judicial_assistance": True, "permitted_use": "沪检刑诉〔2025〕3号"}, True),
        ({"via_judicial_assistance": True, "permitted_use": "沪检刑诉〔2025〕3号", "use_consent": False}, True),
        ({"via_judicial_assistance": True, "permitted_use": "沪检刑诉〔2025〕3号", "use_consent": True}, False),
        ({"via_judicial_assistance": True, "permitted_use": CASE_NO}, False),
        ({"via_judicial_assistance": True}, False),
        ({"permitted_use": "沪检刑诉〔2025〕3号"}, False),
    ],
)
def test_evidence_from_abroad_used_beyond_its_permitted_case(attributes: dict[str, Any], fires: bool) -> None:
    flag = fired(assisted(**attributes), "EVID-MLA-USE-LIMIT")
    assert (flag is not None) is fires
    if flag:
        assert flag.evidence_ids == ("F1",) and "沪检刑诉〔2025〕3号" in flag.message


def test_incoming_request_must_state_purpose_and_relevance() -> None:
    def request(**facts: Any) -> Case:
        return make_case("foreign.judicial_assistance", facts=facts)

    flag = fired(request(request_direction="incoming", relevance_stated=False), "MLA-PURPOSE-NOT-STATED")
    assert flag is not None and "关联性" in flag.message and "目的" not in flag.message
    assert fired(request(request_direction="outgoing", purpose_stated=False), "MLA-PURPOSE-NOT-STATED") is None
    assert fired(request(request_direction="incoming"), "MLA-PURPOSE-NOT-STATED") is None


def test_conditional_execution_needs_a_written_guarantee() -> None:
    def request(**facts: Any) -> Case:
        return make_case("foreign.judicial_assistance", facts={"request_direction": "incoming", **facts})

    assert fired(request(conditions_attached=True), "MLA-CONDITIONS-NO-GUARANTEE") is not None
    assert fired(request(conditions_attached=True, written_guarantee=True), "MLA-CONDITIONS-NO-GUARANTEE") is None
    assert fired(request(conditions_attached=False), "MLA-CONDITIONS-NO-GUARANTEE") is None
