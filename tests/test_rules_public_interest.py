"""公益诉讼 rules: the 30-day 诉前公告 before a civil suit, and the 检察建议 before an administrative one.

Dates are worked out by hand on the shipped 2024 calendar (春节 2024-02-10..17 off, 2024-02-18 a make-up working day;
国庆 2024-10-01..07 off): the start day is not counted, a last day on a rest day moves to the next working day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.calendar import load_calendar
from desktop_app.core.case import Case, Event
from desktop_app.core.results import Flag
from desktop_app.core.rules import RuleBook, evaluate_rules, load_rulebook

RULEBOOK: RuleBook = load_rulebook()
TODAY = dt.date(2024, 12, 31)
CIVIL, ADMINISTRATIVE = "public_interest.civil", "public_interest.administrative"


def pil_case(case_type: str, *events: tuple[str, str]) -> Case:
    return Case(
        case_no="苏宁检民公〔2024〕5号", title="某食品公司公益诉讼案", case_type=case_type, prosecutor="钱检察官",
        received_on=dt.date(2023, 12, 1),
        events=[Event(kind, dt.date.fromisoformat(day)) for kind, day in events],
    )


def flags(case: Case, calendar_path: Path | None = None) -> dict[str, Flag]:
    calendar = load_calendar(calendar_path) if calendar_path else None
    found, _ = evaluate_rules(case, TODAY, RULEBOOK, calendar)
    return {f.rule: f for f in found}


def notice_then_suit(notice: str, suit: str, case_type: str = CIVIL) -> Case:
    return pil_case(case_type, ("public_notice_issued", notice), ("lawsuit_filed", suit))


# --- PIL-SUIT-BEFORE-NOTICE-END ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notice", "suit", "notice_end", "fires"),
    [
        # 2024-05-06 + 30 days = 2024-06-05, a Wednesday: the suit must be later than that day
        ("2024-05-06", "2024-06-05", "2024-06-05", True),
        ("2024-05-06", "2024-06-06", None, False),
        # 2024-01-11 + 30 = 2024-02-10, 春节 holiday → the next working day is Sunday 2024-02-18 (调休上班)
        ("2024-01-11", "2024-02-10", "2024-02-18", True),
        ("2024-01-11", "2024-02-18", "2024-02-18", True),
        ("2024-01-11", "2024-02-19", None, False),
        # 2024-03-01 + 30 = Sunday 2024-03-31 → Monday 2024-04-01
        ("2024-03-01", "2024-04-01", "2024-04-01", True),
        ("2024-03-01", "2024-04-02", None, False),
        # 2024-09-01 + 30 = 2024-10-01, 国庆 → 2024-10-08
        ("2024-09-01", "2024-10-08", "2024-10-08", True),
        ("2024-09-01", "2024-10-09", None, False),
        # a suit on the notice day itself is inside the period
        ("2024-05-06", "2024-05-06", "2024-06-05", True),
    ],
)
def test_suit_must_follow_the_end_of_the_thirty_day_notice(
    notice: str, suit: str, notice_end: str | None, fires: bool
) -> None:
    flag = flags(notice_then_suit(notice, suit)).get("PIL-SUIT-BEFORE-NOTICE-END")
    assert (flag is not None) is fires
    if flag:
        assert flag.severity == "major" and flag.verified is True
        assert notice in flag.message and suit in flag.message and f"{notice_end} 届满" in flag.message


def test_the_first_notice_and_the_first_suit_count() -> None:
    # first notice 2024-05-06 ends 2024-06-05; a second notice does not restart it; the first suit (06-01) counts
    case = pil_case(CIVIL, ("public_notice_issued", "2024-05-20"), ("public_notice_issued", "2024-05-06"),
                    ("lawsuit_filed", "2024-07-01"), ("lawsuit_filed", "2024-06-01"))
    flag = flags(case).get("PIL-SUIT-BEFORE-NOTICE-END")
    assert flag is not None and "2024-06-01" in flag.message and "2024-06-05" in flag.message
    later = pil_case(CIVIL, ("public_notice_issued", "2024-05-20"), ("public_notice_issued", "2024-05-06"),
                     ("lawsuit_filed", "2024-06-06"))
    assert "PIL-SUIT-BEFORE-NOTICE-END" not in flags(later)


def test_notice_period_uses_the_calendar_in_force(tmp_path: Path) -> None:
    """A replacement calendar (evaluate --calendar) moves the end too: 2024-06-05 made a holiday ends it on 06-06."""
    calendar = tmp_path / "cal.yaml"
    calendar.write_text(
        "format: casecheck.calendar/1\nweekends_are_rest_days: true\nyears:\n  2024:\n    source: test\n"
        "    holidays:\n      - 2024-06-05\n    workdays: []\n",
        encoding="utf-8",
    )
    case = notice_then_suit("2024-05-06", "2024-06-06")
    assert "PIL-SUIT-BEFORE-NOTICE-END" not in flags(case)
    assert "PIL-SUIT-BEFORE-NOTICE-END" in flags(case, calendar)


def test_notice_rules_need_both_events_and_a_civil_case() -> None:
    assert "PIL-SUIT-BEFORE-NOTICE-END" not in flags(pil_case(CIVIL, ("lawsuit_filed", "2024-06-01")))
    assert "PIL-SUIT-BEFORE-NOTICE-END" not in flags(pil_case(CIVIL, ("public_notice_issued", "2024-06-01")))
    administrative = notice_then_suit("2024-05-06", "2024-05-10", ADMINISTRATIVE)
    assert {"PIL-SUIT-BEFORE-NOTICE-END", "PIL-NO-PUBLIC-NOTICE"}.isdisjoint(flags(administrative))


# --- PIL-NO-PUBLIC-NOTICE ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "fires"),
    [
        ([("lawsuit_filed", "2024-06-01")], True),
        ([("public_notice_issued", "2024-06-01"), ("lawsuit_filed", "2024-06-01")], False),  # on the day counts
        ([("public_notice_issued", "2024-06-02"), ("lawsuit_filed", "2024-06-01")], True),
        ([("public_notice_issued", "2024-04-01"), ("lawsuit_filed", "2024-06-01")], False),
        ([("public_notice_issued", "2024-04-01")], False),
    ],
)
def test_civil_suit_needs_a_notice_on_or_before_it(events: list[tuple[str, str]], fires: bool) -> None:
    flag = flags(pil_case(CIVIL, *events)).get("PIL-NO-PUBLIC-NOTICE")
    assert (flag is not None) is fires
    if flag:
        assert flag.severity == "major" and "2024-06-01" in flag.message
        assert "第13条" in flag.legal_basis


# --- PIL-NO-PRE-SUIT-SUGGESTION ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "case_type", "fires"),
    [
        ([("lawsuit_filed", "2024-08-01")], ADMINISTRATIVE, True),
        ([("suggestion_served", "2024-08-01"), ("lawsuit_filed", "2024-08-01")], ADMINISTRATIVE, False),
        ([("suggestion_served", "2024-08-02"), ("lawsuit_filed", "2024-08-01")], ADMINISTRATIVE, True),
        ([("suggestion_served", "2024-05-20"), ("lawsuit_filed", "2024-08-01")], ADMINISTRATIVE, False),
        ([("suggestion_served", "2024-05-20")], ADMINISTRATIVE, False),
        ([("lawsuit_filed", "2024-08-01")], CIVIL, False),
    ],
)
def test_administrative_suit_needs_a_suggestion_first(
    events: list[tuple[str, str]], case_type: str, fires: bool
) -> None:
    flag = flags(pil_case(case_type, *events)).get("PIL-NO-PRE-SUIT-SUGGESTION")
    assert (flag is not None) is fires
    if flag:
        assert flag.severity == "major" and "2024-08-01" in flag.message
        assert "《中华人民共和国行政诉讼法》第25条第4款" in flag.legal_basis
