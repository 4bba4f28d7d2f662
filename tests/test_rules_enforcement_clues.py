"""ENF-CLUE-NOT-CHECKED: a creditor's property clue given before 终本 and never checked by the ruling day."""

from __future__ import annotations

import datetime as dt

from desktop_app.core.case import Case, Event
from desktop_app.core.results import Flag
from desktop_app.core.rules import evaluate_rules, load_rulebook

RULE = "ENF-CLUE-NOT-CHECKED"
RULEBOOK = load_rulebook()
TODAY = dt.date(2024, 12, 31)


def enforcement(*events: tuple[str, str]) -> Case:
    return Case(
        case_no="京朝检民执监〔2024〕9号", title="某公司申请执行监督案", case_type="civil.enforcement_termination",
        prosecutor="周某", received_on=dt.date(2024, 9, 2),
        events=[Event("execution_filed", dt.date(2024, 1, 10)),
                *(Event(kind, dt.date.fromisoformat(day)) for kind, day in events)],
    )


def fired(case: Case) -> Flag | None:
    return next((f for f in evaluate_rules(case, TODAY, RULEBOOK)[0] if f.rule == RULE), None)


def test_a_clue_given_before_the_ruling_and_never_checked_fires_naming_both_dates() -> None:
    flag = fired(enforcement(("property_clue_provided", "2024-04-01"), ("termination_ruled", "2024-06-03")))
    assert flag is not None and flag.severity == "major" and flag.verified
    assert "2024-04-01" in flag.message and "2024-06-03" in flag.message
    assert "《最高人民法院关于民事执行中财产调查若干问题的规定》第2条第1款" in flag.legal_basis


def test_a_check_on_the_ruling_day_counts_and_nothing_fires() -> None:
    assert fired(enforcement(("property_clue_provided", "2024-04-01"), ("property_clue_checked", "2024-06-03"),
                             ("termination_ruled", "2024-06-03"))) is None


def test_a_check_after_the_ruling_is_too_late() -> None:
    flag = fired(enforcement(("property_clue_provided", "2024-04-01"), ("termination_ruled", "2024-06-03"),
                             ("property_clue_checked", "2024-06-04")))
    assert flag is not None


def test_a_check_before_the_clue_does_not_answer_it() -> None:
    flag = fired(enforcement(("property_clue_checked", "2024-03-01"), ("property_clue_provided", "2024-04-01"),
                             ("termination_ruled", "2024-06-03")))
    assert flag is not None and "2024-04-01" in flag.message


def test_a_clue_given_after_the_ruling_or_no_ruling_fires_nothing() -> None:
    assert fired(enforcement(("termination_ruled", "2024-06-03"), ("property_clue_provided", "2024-06-04"))) is None
    assert fired(enforcement(("property_clue_provided", "2024-04-01"))) is None
