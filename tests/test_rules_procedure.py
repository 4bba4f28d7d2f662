"""Procedure rules: 补充侦查 rounds, 速裁, interrogation at review, counsel, legal aid, arrest and 不起诉."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.core.case import Case, Event
from desktop_app.core.results import Flag
from desktop_app.core.rules import RuleBook, evaluate_rules, load_rulebook

TODAY = dt.date(2026, 3, 20)
RULEBOOK: RuleBook = load_rulebook()


def make_case(case_type: str = "criminal.prosecution_review", **fields: Any) -> Case:
    return Case(
        case_no="京朝检刑诉〔2026〕9号",
        title="刘某某诈骗案",
        case_type=case_type,
        prosecutor="陈检察官",
        received_on=dt.date(2026, 1, 5),
        **fields,
    )


def fired(case: Case, rule_id: str) -> Flag | None:
    found, _ = evaluate_rules(case, TODAY, RULEBOOK)
    return next((f for f in found if f.rule == rule_id), None)


def returns(*days: int) -> list[Event]:
    return [Event("returned_for_investigation", dt.date(2025, 10, day)) for day in days]


# --- 补充侦查 ------------------------------------------------------------------------------------------------------


def test_two_rounds_of_supplementary_investigation_are_allowed() -> None:
    assert fired(make_case(events=returns(1, 20)), "PROC-SUPPLEMENTARY-ROUNDS") is None


def test_a_third_round_is_critical_and_lists_the_dates() -> None:
    flag = fired(make_case(events=returns(1, 10, 20)), "PROC-SUPPLEMENTARY-ROUNDS")
    assert flag is not None and flag.severity == "critical"
    assert "3 次" in flag.message and "2025-10-01、2025-10-10、2025-10-20" in flag.message
    assert flag.event_dates == (dt.date(2025, 10, 1), dt.date(2025, 10, 10), dt.date(2025, 10, 20))


# --- 速裁 ----------------------------------------------------------------------------------------------------------

ELIGIBLE: dict[str, Any] = {"fast_track": True, "plea_agreement": True, "possible_sentence": "1_to_3y"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"suspect_minor": True}, "未成年人"),
        ({"plea_agreement": False}, "未认罪认罚"),
        ({"possible_sentence": "3_to_10y"}, "超过三年有期徒刑"),
        ({"possible_sentence": "life"}, "超过三年有期徒刑"),
    ],
)
def test_fast_track_ineligible(change: dict[str, Any], reason: str) -> None:
    flag = fired(make_case(**{**ELIGIBLE, **change}), "PROC-FAST-TRACK-INELIGIBLE")
    assert flag is not None and flag.severity == "major"
    assert reason in flag.message and "普通程序" in flag.message


@pytest.mark.parametrize("sentence", ["1_to_3y", "under_1y", None])
def test_fast_track_up_to_three_years_with_plea_is_eligible(sentence: str | None) -> None:
    assert fired(make_case(**{**ELIGIBLE, "possible_sentence": sentence}), "PROC-FAST-TRACK-INELIGIBLE") is None


def test_no_fast_track_no_eligibility_check() -> None:
    assert fired(make_case(suspect_minor=True, possible_sentence="life"), "PROC-FAST-TRACK-INELIGIBLE") is None


def test_fast_track_excluded_by_an_unsettled_civil_claim() -> None:
    flag = fired(make_case(**ELIGIBLE, facts={"civil_claim_unsettled": True}), "PROC-FAST-TRACK-EXCLUDED")
    assert flag is not None and "附带民事诉讼" in flag.message
    assert fired(make_case(**ELIGIBLE, facts={"civil_claim_unsettled": False}), "PROC-FAST-TRACK-EXCLUDED") is None
    assert fired(make_case(facts={"civil_claim_unsettled": True}), "PROC-FAST-TRACK-EXCLUDED") is None


# --- interrogation, counsel, legal aid -----------------------------------------------------------------------------


def test_prosecution_review_without_interrogation() -> None:
    assert fired(make_case(facts={"suspect_interrogated": False}), "PROC-NOT-INTERROGATED") is not None
    assert fired(make_case(facts={"suspect_interrogated": True}), "PROC-NOT-INTERROGATED") is None
    assert fired(make_case(), "PROC-NOT-INTERROGATED") is None
    arrest = make_case("criminal.arrest_review", facts={"suspect_interrogated": False})
    assert fired(arrest, "PROC-NOT-INTERROGATED") is None


def test_plea_signed_without_counsel() -> None:
    assert (
        fired(make_case(plea_agreement=True, facts={"plea_signed_with_counsel": False}), "PROC-PLEA-NO-COUNSEL")
        is not None
    )
    assert (
        fired(make_case(plea_agreement=True, facts={"plea_signed_with_counsel": True}), "PROC-PLEA-NO-COUNSEL") is None
    )
    assert fired(make_case(plea_agreement=True), "PROC-PLEA-NO-COUNSEL") is None
    assert fired(make_case(facts={"plea_signed_with_counsel": False}), "PROC-PLEA-NO-COUNSEL") is None


@pytest.mark.parametrize(
    ("sentence", "facts", "fires"),
    [
        ("life", {"has_defender": False}, True),
        ("death", {"has_defender": False, "legal_aid_notified": False}, True),
        ("3_to_10y", {"has_defender": False, "suspect_disabled": True}, True),
        ("life", {"has_defender": False, "legal_aid_notified": True}, False),
        ("life", {"has_defender": True}, False),
        ("life", {}, False),
        ("over_10y", {"has_defender": False}, False),
    ],
)
def test_legal_aid_must_be_notified(sentence: str, facts: dict[str, bool], fires: bool) -> None:
    flag = fired(make_case(possible_sentence=sentence, facts=facts), "PROC-LEGAL-AID-NOT-NOTIFIED")
    assert (flag is not None) is fires


# --- 审查逮捕 ------------------------------------------------------------------------------------------------------


def arrest_case(sentence: str | None, outcome: str = "rejected", **facts: Any) -> Case:
    return make_case(
        "criminal.arrest_review",
        possible_sentence=sentence,
        events=[Event("arrest_decided", dt.date(2026, 1, 9), outcome=outcome)],
        facts={"non_arrest_reason": "no_social_danger", **facts},
    )


@pytest.mark.parametrize(
    ("case", "fires"),
    [
        (arrest_case("over_10y"), True),
        (arrest_case("life"), True),
        (arrest_case("3_to_10y", prior_intentional_crime=True), True),
        (arrest_case("1_to_3y", identity_unknown=True), True),
        (arrest_case("3_to_10y"), False),
        (arrest_case("under_1y", prior_intentional_crime=True), False),
        (arrest_case("over_10y", outcome="approved"), False),
        (arrest_case("over_10y", non_arrest_reason="insufficient_evidence"), False),
    ],
)
def test_mandatory_arrest_refused_for_lack_of_danger(case: Case, fires: bool) -> None:
    flag = fired(case, "ARR-MANDATORY-NOT-ARRESTED")
    assert (flag is not None) is fires
    if flag:
        assert "2026-01-09" in flag.message


@pytest.mark.parametrize(
    ("fields", "fires"),
    [
        ({"plea_agreement": True}, True),
        ({"suspect_minor": True}, True),
        ({"facts": {"suspect_disabled": True}}, True),
        ({}, False),
    ],
)
def test_arrest_review_must_hear_pleading_or_minor_suspects(fields: dict[str, Any], fires: bool) -> None:
    facts = {"suspect_interrogated": False, **fields.pop("facts", {})}
    case = make_case("criminal.arrest_review", facts=facts, **fields)
    assert (fired(case, "ARR-INTERROGATION-REQUIRED") is not None) is fires


def test_arrest_review_interrogated_suspect_is_fine() -> None:
    case = make_case("criminal.arrest_review", plea_agreement=True, facts={"suspect_interrogated": True})
    assert fired(case, "ARR-INTERROGATION-REQUIRED") is None


def test_detained_suspect_not_heard_needs_the_opinion_form() -> None:
    def case(in_custody: bool, **facts: bool) -> Case:
        facts = {"suspect_interrogated": False, **facts}
        return make_case("criminal.arrest_review", in_custody=in_custody, facts=facts)

    assert fired(case(True), "ARR-OPINION-FORM-MISSING") is not None
    assert fired(case(True, opinion_form_served=True), "ARR-OPINION-FORM-MISSING") is None
    assert fired(case(False), "ARR-OPINION-FORM-MISSING") is None


# --- 不起诉 --------------------------------------------------------------------------------------------------------

DECIDED = Event("non_prosecution_decided", dt.date(2026, 2, 10))


def test_still_insufficient_after_two_rounds_requires_non_prosecution() -> None:
    insufficient = {"evidence_insufficient": True}
    flag = fired(make_case(events=returns(1, 20), facts=insufficient), "NP-DOUBT-AFTER-TWO-ROUNDS")
    assert flag is not None and "2 次" in flag.message
    assert fired(make_case(events=returns(1), facts=insufficient), "NP-DOUBT-AFTER-TWO-ROUNDS") is None
    decided = make_case(events=[*returns(1, 20), DECIDED], facts=insufficient)
    assert fired(decided, "NP-DOUBT-AFTER-TWO-ROUNDS") is None
    assert fired(make_case(events=returns(1, 20)), "NP-DOUBT-AFTER-TWO-ROUNDS") is None


def test_non_prosecution_without_chief_approval() -> None:
    flag = fired(make_case(events=[DECIDED], facts={"chief_prosecutor_approved": False}), "NP-NO-CHIEF-APPROVAL")
    assert flag is not None and "2026-02-10" in flag.message
    assert fired(make_case(events=[DECIDED]), "NP-NO-CHIEF-APPROVAL") is None
    assert fired(make_case(facts={"chief_prosecutor_approved": False}), "NP-NO-CHIEF-APPROVAL") is None


@pytest.mark.parametrize(
    ("investigator", "fires"),
    [("procuratorate", True), ("supervisory_commission", True), ("public_security", False), (None, False)],
)
def test_self_investigated_non_prosecution_needs_higher_approval(investigator: str | None, fires: bool) -> None:
    case = make_case(investigated_by=investigator, events=[DECIDED], facts={"higher_approval_obtained": False})
    assert (fired(case, "NP-HIGHER-APPROVAL-MISSING") is not None) is fires
