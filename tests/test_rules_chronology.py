"""Chronology checks (程序时间矛盾): each contradiction fires naming both dates; the same day, or the right order, does
not; a case without the events in question raises nothing. Dates are on the 2024 calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.case_format import load_case_file
from desktop_app.core.demo import generate_cases
from desktop_app.core.results import Flag
from desktop_app.core.rules import RuleBook, evaluate_rules, load_rulebook
from desktop_app.core.rules.chronology import EVENT_ORDER
from desktop_app.core.training import load_answer_key, sample_pairs

RULEBOOK: RuleBook = load_rulebook()
TODAY = dt.date(2024, 12, 31)
PROSECUTION = "criminal.prosecution_review"
#: Rules added with the revised catalog: a case without the new facts and events must raise none of them.
NEW_RULES = ("CHRON-", "PIL-", "EVID-RECORDING-UNKNOWN", "DEF-CLOSED-GROUP-REACH")


def make_case(case_type: str = PROSECUTION, *events: tuple[str, str], **fields: Any) -> Case:
    fields.setdefault("received_on", dt.date(2024, 3, 1))
    return Case(case_no="京朝检刑诉〔2024〕9号", title="刘某某盗窃案", case_type=case_type, prosecutor="吴检察官",
                events=[Event(kind, dt.date.fromisoformat(day)) for kind, day in events], **fields)


def chron_flags(case: Case) -> dict[str, Flag]:
    found, _ = evaluate_rules(case, TODAY, RULEBOOK)
    return {f.rule: f for f in found if f.rule.startswith("CHRON-")}


def test_every_chronology_rule_is_minor_with_a_basis_and_no_refusal() -> None:
    rules = [r for r in RULEBOOK.rules if r.id.startswith("CHRON-")]
    assert len(rules) == 12
    for rule in rules:
        assert rule.severity == "minor" and "《" in rule.legal_basis, rule.id
        assert rule.verified is (rule.confidence in ("CONFIRMED-T", "CONFIRMED-S")), rule.id


# --- a decision, return or resubmission before received_on ---------------------------------------------------------


@pytest.mark.parametrize(
    ("case_type", "kind", "day", "fires"),
    [
        (PROSECUTION, "prosecution_decided", "2024-02-29", True),
        (PROSECUTION, "prosecution_decided", "2024-03-01", False),  # on the day of receipt
        (PROSECUTION, "non_prosecution_decided", "2024-02-20", True),
        (PROSECUTION, "returned_for_investigation", "2024-02-29", True),
        (PROSECUTION, "resubmitted", "2024-02-28", True),
        (PROSECUTION, "review_extended", "2024-02-28", True),
        (PROSECUTION, "defense_right_notified", "2024-02-29", True),
        (PROSECUTION, "victim_rights_notified", "2024-03-01", False),
        # an arrest during the investigation comes before the 审查起诉 case is received: legitimate
        (PROSECUTION, "arrest_decided", "2024-01-10", False),
        ("criminal.arrest_review", "arrest_decided", "2024-02-29", True),
        ("criminal.arrest_review", "arrest_decided", "2024-03-01", False),
        ("civil.judgment_supervision", "supervision_decided", "2024-02-29", True),
        ("administrative.litigation_supervision", "supervision_decided", "2024-02-29", True),
        # the 不起诉 a 行刑反向衔接 case follows is older than the case
        ("administrative.reverse_referral", "non_prosecution_decided", "2024-01-10", False),
    ],
)
def test_act_before_receipt(case_type: str, kind: str, day: str, fires: bool) -> None:
    flag = chron_flags(make_case(case_type, (kind, day))).get("CHRON-ACT-BEFORE-RECEIPT")
    assert (flag is not None) is fires
    if flag:
        assert "2024-03-01" in flag.message and day in flag.message
        assert flag.event_dates == (dt.date.fromisoformat(day),)


def test_act_before_receipt_lists_every_early_act_once() -> None:
    case = make_case(PROSECUTION, ("returned_for_investigation", "2024-02-20"), ("resubmitted", "2024-02-27"),
                     ("prosecution_decided", "2024-03-20"))
    flag = chron_flags(case)["CHRON-ACT-BEFORE-RECEIPT"]
    assert "退回补充侦查 2024-02-20" in flag.message and "补充侦查完毕重新移送 2024-02-27" in flag.message
    assert "2024-03-20" not in flag.message


# --- resubmitted before its return ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "pairs"),
    [
        ([("returned_for_investigation", "2024-03-10"), ("resubmitted", "2024-04-01")], []),
        ([("returned_for_investigation", "2024-03-10"), ("resubmitted", "2024-03-10")], []),  # same day
        ([("resubmitted", "2024-03-09"), ("returned_for_investigation", "2024-03-10")], [("2024-03-09", "2024-03-10")]),
        # the second resubmission 2024-04-20 answers no return: the next return (2024-05-01) came after it
        (
            [("returned_for_investigation", "2024-03-10"), ("resubmitted", "2024-04-01"), ("resubmitted", "2024-04-20"),
             ("returned_for_investigation", "2024-05-01")],
            [("2024-04-20", "2024-05-01")],
        ),
        # two proper rounds
        (
            [("returned_for_investigation", "2024-03-10"), ("resubmitted", "2024-04-01"),
             ("returned_for_investigation", "2024-04-15"), ("resubmitted", "2024-05-10")],
            [],
        ),
        # a resubmission with no return recorded at all shows no order: the return may be missing
        ([("resubmitted", "2024-04-01")], []),
    ],
)
def test_resubmission_before_its_return(events: list[tuple[str, str]], pairs: list[tuple[str, str]]) -> None:
    flag = chron_flags(make_case(PROSECUTION, *events)).get("CHRON-RESUBMISSION-BEFORE-RETURN")
    assert (flag is not None) is bool(pairs)
    for resubmitted, returned in pairs:
        assert flag is not None and f"重新移送 {resubmitted}，退回补充侦查 {returned}" in flag.message


# --- closed_on before received_on; evidence after closed_on --------------------------------------------------------


@pytest.mark.parametrize(("closed", "fires"), [("2024-02-29", True), ("2024-03-01", False), (None, False)])
def test_closed_before_receipt(closed: str | None, fires: bool) -> None:
    closed_on = dt.date.fromisoformat(closed) if closed else None
    flag = chron_flags(make_case("civil.judgment_supervision", closed_on=closed_on)).get("CHRON-CLOSED-BEFORE-RECEIPT")
    assert (flag is not None) is fires
    if flag:
        assert "2024-02-29" in flag.message and "2024-03-01" in flag.message and flag.verified is False


def test_evidence_collected_after_closing() -> None:
    evidence = [Evidence("E1", "documentary", collected_on=dt.date(2024, 4, 2)),
                Evidence("E2", "documentary", collected_on=dt.date(2024, 4, 1)),  # on the closing day
                Evidence("E3", "physical")]
    flag = chron_flags(make_case(evidence=evidence, closed_on=dt.date(2024, 4, 1)))["CHRON-EVIDENCE-AFTER-CLOSING"]
    assert flag.evidence_ids == ("E1",) and "2024-04-01" in flag.message and "E1 2024-04-02" in flag.message
    assert "CHRON-EVIDENCE-AFTER-CLOSING" not in chron_flags(make_case(evidence=evidence))  # not closed


# --- one event answering another -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", sorted(EVENT_ORDER))
def test_answer_dated_before_what_it_answers(rule_id: str) -> None:
    first, then = EVENT_ORDER[rule_id]
    flag = chron_flags(make_case(PROSECUTION, (first, "2024-05-10"), (then, "2024-05-09"))).get(rule_id)
    assert flag is not None
    assert "2024-05-10" in flag.message and "2024-05-09" in flag.message
    assert flag.event_dates == (dt.date(2024, 5, 10), dt.date(2024, 5, 9))
    assert rule_id not in chron_flags(make_case(PROSECUTION, (first, "2024-05-10"), (then, "2024-05-10")))
    assert rule_id not in chron_flags(make_case(PROSECUTION, (first, "2024-05-10"), (then, "2024-05-20")))
    assert rule_id not in chron_flags(make_case(PROSECUTION, (then, "2024-05-09")))  # the first step not recorded


def test_answer_order_is_read_against_the_first_opening_event() -> None:
    # suggestions served 2024-05-10 and 2024-07-01; a reply of 2024-06-01 answers the first one
    case = make_case("public_interest.administrative", ("suggestion_served", "2024-07-01"),
                     ("suggestion_served", "2024-05-10"), ("suggestion_replied", "2024-06-01"))
    assert "CHRON-REPLY-BEFORE-SUGGESTION" not in chron_flags(case)


def test_termination_before_filing_also_leaves_the_three_month_rule_to_fire() -> None:
    case = make_case("civil.enforcement_termination", ("execution_filed", "2024-03-05"),
                     ("termination_ruled", "2024-02-29"), ("applicant_interviewed", "2024-02-01"))
    found, _ = evaluate_rules(case, TODAY, RULEBOOK)
    assert {"CHRON-TERMINATION-BEFORE-FILING", "ENF-TERMINATION-TOO-EARLY"} <= {f.rule for f in found}


# --- legitimate data stays quiet -----------------------------------------------------------------------------------


def test_shipped_samples_raise_no_new_flag_their_key_does_not_expect() -> None:
    """A sample built around a 诉前程序 defect raises its rule; no other sample raises one of the new rules."""
    pairs = sample_pairs()
    assert pairs
    for path, key_path in pairs:
        found, _ = evaluate_rules(load_case_file(path), TODAY, RULEBOOK)
        expected = set(load_answer_key(key_path).expected_flags)
        assert not [f.rule for f in found if f.rule.startswith(NEW_RULES) and f.rule not in expected], path.name


def test_demo_cases_raise_no_new_flag() -> None:
    for case in generate_cases(1500, seed=3, today=dt.date(2026, 3, 20)):
        found, _ = evaluate_rules(case, dt.date(2026, 3, 20), RULEBOOK)
        assert not [f.rule for f in found if f.rule.startswith(NEW_RULES)], (case.case_no, case.case_type)


def test_a_file_with_contradicting_dates_is_still_accepted(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(
        '{"format": "casecheck.case/1", "case_no": "京朝检刑诉〔2024〕9号", "title": "刘某某盗窃案",'
        ' "case_type": "criminal.prosecution_review", "prosecutor": "吴检察官", "received_on": "2024-03-01",'
        ' "closed_on": "2024-02-01", "events": [{"kind": "prosecution_decided", "date": "2024-02-01"}]}',
        encoding="utf-8",
    )
    found = chron_flags(load_case_file(path))
    assert {"CHRON-CLOSED-BEFORE-RECEIPT", "CHRON-ACT-BEFORE-RECEIPT"} <= set(found)
