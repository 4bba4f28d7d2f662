"""Statutory periods as a case officer would check them by hand against the 2026 holiday notice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.calendar import CalendarYear, HolidayCalendar, load_calendar
from desktop_app.core.case import Case, Event
from desktop_app.core.datafile import DataFileError
from desktop_app.core.deadlines import (
    CountingSettings,
    add_days,
    add_months,
    compute_deadlines,
    load_periods,
    overdue_flags,
    period_end,
)
from desktop_app.core.results import Deadline

D = dt.date
CAL = load_calendar()


def case(case_type: str, received: dt.date, *events: tuple[str, dt.date], **fields: object) -> Case:
    return Case(
        case_no="京朝检刑诉〔2026〕1号",
        title="张某某盗窃案",
        case_type=case_type,
        prosecutor="李检察官",
        received_on=received,
        events=[Event(kind, day) for kind, day in events],
        **fields,  # type: ignore[arg-type]
    )


def only(deadlines: list[Deadline], rule: str) -> Deadline:
    found = [d for d in deadlines if d.rule == rule]
    assert len(found) == 1, found
    return found[0]


# --- counting helpers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "criminal_end", "civil_end"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29), D(2024, 2, 29)),
        (D(2024, 3, 31), 1, D(2024, 4, 30), D(2024, 4, 30)),
        (D(2024, 4, 30), 1, D(2024, 5, 31), D(2024, 5, 30)),  # 刑诉法解释 第202条 vs 民法典 第202条
        (D(2024, 2, 29), 3, D(2024, 5, 31), D(2024, 5, 29)),
        (D(2024, 1, 30), 1, D(2024, 2, 29), D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28), D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28), D(2025, 2, 28)),
        (D(2025, 2, 28), -12, D(2024, 2, 29), D(2024, 2, 28)),
        (D(2026, 3, 2), 1, D(2026, 4, 2), D(2026, 4, 2)),
        (D(2025, 12, 15), 1, D(2026, 1, 15), D(2026, 1, 15)),
        (D(2026, 8, 31), 6, D(2027, 2, 28), D(2027, 2, 28)),
        (D(2026, 9, 30), 1, D(2026, 10, 31), D(2026, 10, 30)),
    ],
)
def test_add_months_criminal_and_civil_month_rules(
    start: dt.date, months: int, criminal_end: dt.date, civil_end: dt.date
) -> None:
    assert add_months(start, months, month_end_to_month_end=True) == criminal_end
    assert add_months(start, months) == civil_end


def test_add_days_does_not_count_the_start_day() -> None:
    assert add_days(D(2026, 3, 2), 7) == D(2026, 3, 9)


@pytest.mark.parametrize(
    ("start", "kwargs", "free", "custody"),
    [
        (D(2026, 9, 7), {"months": 1}, D(2026, 10, 8), D(2026, 10, 7)),  # National Day
        (D(2026, 1, 23), {"months": 1}, D(2026, 2, 24), D(2026, 2, 23)),  # Spring Festival
        (D(2026, 1, 28), {"months": 1}, D(2026, 2, 28), D(2026, 2, 28)),  # make-up Saturday is a working day
        (D(2026, 4, 30), {"months": 1}, D(2026, 6, 1), D(2026, 5, 31)),  # month-end start, ends on a Sunday
        (D(2026, 2, 7), {"months": 1, "extension_days": 15}, D(2026, 3, 23), D(2026, 3, 22)),
        (D(2026, 12, 2), {"months": 1}, D(2027, 1, 4), D(2027, 1, 2)),  # no 2027 notice: weekends only
    ],
)
def test_period_end_moves_off_rest_days_unless_in_custody(
    start: dt.date, kwargs: dict[str, int], free: dt.date, custody: dt.date
) -> None:
    criminal = {"month_end_to_month_end": True, **kwargs}
    assert period_end(start, calendar=CAL, **criminal) == free
    assert period_end(start, calendar=CAL, in_custody_criminal=True, **criminal) == custody


def test_extension_is_added_before_the_shift_unless_configured_otherwise() -> None:
    # 2026-02-07 + 1 month = Saturday 03-07. Extension first: 03-22 (Sunday) -> 03-23.
    # Shift first: 03-09, + 15 = 03-24.
    assert period_end(D(2026, 2, 7), months=1, extension_days=15, calendar=CAL) == D(2026, 3, 23)
    shift_first = CountingSettings(extension_from_unadjusted_end=False)
    assert period_end(D(2026, 2, 7), months=1, extension_days=15, calendar=CAL, settings=shift_first) == D(2026, 3, 24)


def test_custody_exception_can_be_switched_off() -> None:
    settings = CountingSettings(custody_exception=False)
    assert period_end(D(2026, 9, 7), months=1, in_custody_criminal=True, calendar=CAL, settings=settings) == D(
        2026, 10, 8
    )


def test_replacement_calendar_changes_the_due_date() -> None:
    no_weekends = HolidayCalendar(weekends_are_rest_days=False)
    assert period_end(D(2026, 12, 2), months=1, calendar=no_weekends) == D(2027, 1, 2)


# --- 审查逮捕 ----------------------------------------------------------------------------------------------------


def test_arrest_review_in_custody_is_seven_days_even_on_a_holiday_and_with_extension() -> None:
    c = case("criminal.arrest_review", D(2026, 9, 30), ("review_extended", D(2026, 10, 2)), in_custody=True)
    d = only(compute_deadlines(c, D(2026, 10, 1), CAL), "DL-ARREST-REVIEW")
    assert (d.start, d.due) == (D(2026, 9, 30), D(2026, 10, 7))
    assert d.name == "审查逮捕期限"
    assert d.legal_basis == "《中华人民共和国刑事诉讼法》第91条第3款；《人民检察院刑事诉讼规则》第282条、第297条"
    assert d.verified


def test_arrest_review_on_bail_is_fifteen_days_shifted() -> None:
    c = case("criminal.arrest_review", D(2026, 9, 22))
    assert only(compute_deadlines(c, D(2026, 9, 23), CAL), "DL-ARREST-REVIEW").due == D(2026, 10, 8)


def test_arrest_review_extended_is_twenty_days_but_only_from_an_extension_after_the_start() -> None:
    # 2026-03-02 + 20 = Sunday 03-22 -> 03-23; + 15 = Tuesday 03-17.
    extended = case("criminal.arrest_review", D(2026, 3, 2), ("review_extended", D(2026, 3, 5)))
    assert only(compute_deadlines(extended, D(2026, 3, 3), CAL), "DL-ARREST-REVIEW").due == D(2026, 3, 23)
    stale = case("criminal.arrest_review", D(2026, 3, 2), ("review_extended", D(2026, 3, 1)))
    assert only(compute_deadlines(stale, D(2026, 3, 3), CAL), "DL-ARREST-REVIEW").due == D(2026, 3, 17)


def test_arrest_review_done_by_the_first_decision_on_or_after_the_start() -> None:
    c = case(
        "criminal.arrest_review",
        D(2026, 3, 2),
        ("arrest_decided", D(2026, 3, 1)),
        ("arrest_decided", D(2026, 3, 20)),
        ("arrest_decided", D(2026, 3, 10)),
    )
    d = only(compute_deadlines(c, D(2026, 4, 1), CAL), "DL-ARREST-REVIEW")
    assert d.due == D(2026, 3, 17)
    assert (d.done_on, d.status, d.days_left) == (D(2026, 3, 10), "met", None)


# --- 审查起诉 ----------------------------------------------------------------------------------------------------


def test_prosecution_review_is_one_month_open_with_days_left() -> None:
    c = case("criminal.prosecution_review", D(2026, 3, 2))
    deadlines = compute_deadlines(c, D(2026, 3, 20), CAL)
    assert len(deadlines) == 1
    d = deadlines[0]
    assert d.to_json() == {
        "rule": "DL-PROSECUTION-REVIEW",
        "name": "审查起诉期限",
        "start": "2026-03-02",
        "due": "2026-04-02",
        "status": "open",
        "days_left": 13,
        "legal_basis": "《中华人民共和国刑事诉讼法》第172条、第175条、第170条第2款、第149条",
        "done_on": None,
        "notes": [],
        "suspended_by": None,
    }


@pytest.mark.parametrize(
    ("today", "status", "days_left"),
    [
        (D(2026, 3, 29), "open", 4),
        (D(2026, 3, 30), "due_soon", 3),
        (D(2026, 4, 2), "due_soon", 0),
        (D(2026, 4, 3), "overdue", -1),
    ],
)
def test_status_while_not_done(today: dt.date, status: str, days_left: int) -> None:
    d = compute_deadlines(case("criminal.prosecution_review", D(2026, 3, 2)), today, CAL)[0]
    assert (d.status, d.days_left) == (status, days_left)


@pytest.mark.parametrize(
    ("decided", "status"),
    [(D(2026, 4, 2), "met"), (D(2026, 4, 3), "overdue")],
)
def test_status_once_done(decided: dt.date, status: str) -> None:
    c = case("criminal.prosecution_review", D(2026, 3, 2), ("non_prosecution_decided", decided))
    d = compute_deadlines(c, D(2026, 1, 1), CAL)[0]
    assert (d.status, d.days_left, d.done_on) == (status, None, decided)


def test_prosecution_review_extension_adds_fifteen_days_to_the_unshifted_end() -> None:
    c = case("criminal.prosecution_review", D(2026, 2, 7), ("review_extended", D(2026, 3, 1)))
    assert compute_deadlines(c, D(2026, 3, 1), CAL)[0].due == D(2026, 3, 23)


def test_prosecution_review_restarts_on_the_latest_resubmission() -> None:
    c = case(
        "criminal.prosecution_review",
        D(2026, 3, 2),
        ("review_extended", D(2026, 3, 25)),  # belongs to the first round, not the restarted one
        ("returned_for_investigation", D(2026, 3, 20)),
        ("resubmitted", D(2026, 4, 10)),
        ("returned_for_investigation", D(2026, 4, 20)),
        ("resubmitted", D(2026, 5, 15)),
        ("prosecution_decided", D(2026, 4, 5)),  # before the current start: does not count
        ("prosecution_decided", D(2026, 6, 12)),
    )
    d = only(compute_deadlines(c, D(2026, 7, 1), CAL), "DL-PROSECUTION-REVIEW")
    assert (d.start, d.due) == (D(2026, 5, 15), D(2026, 6, 15))
    assert (d.done_on, d.status) == (D(2026, 6, 12), "met")


def test_case_out_for_supplementary_investigation_notes_the_restart() -> None:
    c = case("criminal.prosecution_review", D(2026, 3, 2), ("returned_for_investigation", D(2026, 3, 20)))
    d = only(compute_deadlines(c, D(2026, 3, 25), CAL), "DL-PROSECUTION-REVIEW")
    assert d.start == D(2026, 3, 2)
    assert any("2026-03-20" in note and "重新计算" in note for note in d.notes)


@pytest.mark.parametrize(
    ("sentence", "due"),
    [(None, D(2026, 3, 12)), ("under_1y", D(2026, 3, 12)), ("1_to_3y", D(2026, 3, 17))],
)
def test_fast_track_is_ten_or_fifteen_days_and_never_extended(sentence: str | None, due: dt.date) -> None:
    c = case(
        "criminal.prosecution_review",
        D(2026, 3, 2),
        ("review_extended", D(2026, 3, 5)),
        fast_track=True,
        plea_agreement=True,
        possible_sentence=sentence,
    )
    assert compute_deadlines(c, D(2026, 3, 3), CAL)[0].due == due


@pytest.mark.parametrize(
    "fields",
    [
        {"plea_agreement": False},
        {"plea_agreement": True, "suspect_minor": True},
        {"plea_agreement": True, "possible_sentence": "3_to_10y"},
    ],
)
def test_ineligible_fast_track_gets_the_ordinary_period(fields: dict[str, object]) -> None:
    c = case("criminal.prosecution_review", D(2026, 3, 2), fast_track=True, **fields)
    assert compute_deadlines(c, D(2026, 3, 3), CAL)[0].due == D(2026, 4, 2)


def test_in_custody_prosecution_review_ends_on_the_holiday() -> None:
    c = case("criminal.prosecution_review", D(2026, 9, 7), in_custody=True)
    assert compute_deadlines(c, D(2026, 9, 8), CAL)[0].due == D(2026, 10, 7)


# --- 补充侦查 ----------------------------------------------------------------------------------------------------


def test_one_supplementary_period_per_return_done_by_the_next_resubmission() -> None:
    c = case(
        "criminal.prosecution_review",
        D(2026, 1, 5),
        ("returned_for_investigation", D(2026, 1, 20)),
        ("resubmitted", D(2026, 1, 20)),  # same day counts as "after"
        ("returned_for_investigation", D(2026, 3, 2)),
        ("resubmitted", D(2026, 4, 8)),
    )
    supplementary = [d for d in compute_deadlines(c, D(2026, 4, 20), CAL) if d.rule == "DL-SUPPLEMENTARY-INVESTIGATION"]
    assert [(d.start, d.due, d.done_on, d.status) for d in supplementary] == [
        (D(2026, 1, 20), D(2026, 2, 24), D(2026, 1, 20), "met"),  # 02-20 is in the Spring Festival break
        (D(2026, 3, 2), D(2026, 4, 2), D(2026, 4, 8), "overdue"),
    ]
    assert all(d.legal_basis == "《中华人民共和国刑事诉讼法》第175条第3款；《人民检察院刑事诉讼规则》第346条"
               for d in supplementary)
    assert all(d.name == "补充侦查期限" for d in supplementary)


def test_only_criminal_review_cases_have_periods() -> None:
    for case_type in ("civil.enforcement_termination", "public_interest.civil", "foreign.judicial_assistance"):
        assert compute_deadlines(case(case_type, D(2026, 3, 2)), D(2026, 6, 1), CAL) == []


# --- calendar notes --------------------------------------------------------------------------------------------


def test_due_in_a_year_without_calendar_says_so() -> None:
    d = compute_deadlines(case("criminal.prosecution_review", D(2026, 12, 20)), D(2026, 12, 21), CAL)[0]
    assert d.due == D(2027, 1, 20)
    assert d.notes == ("2027 年无节假日历，仅按周末计算",)


def test_due_in_an_unverified_calendar_year_asks_for_a_check() -> None:
    shipped = CAL.calendar_years[2026]
    unverified = CalendarYear(2026, shipped.source, shipped.holidays, shipped.workdays, verified=False)
    patched = HolidayCalendar(True, {2026: unverified})
    d = compute_deadlines(case("criminal.prosecution_review", D(2026, 3, 2)), D(2026, 3, 3), patched)[0]
    assert len(d.notes) == 1 and "2026" in d.notes[0] and "核实" in d.notes[0]


# --- overdue flags ---------------------------------------------------------------------------------------------


def test_overdue_flags_one_per_overdue_period_with_dates_and_days() -> None:
    c = case(
        "criminal.prosecution_review",
        D(2026, 3, 2),
        ("returned_for_investigation", D(2026, 3, 10)),
        ("resubmitted", D(2026, 4, 20)),
        ("returned_for_investigation", D(2026, 5, 6)),
    )
    today = D(2026, 6, 15)
    deadlines = compute_deadlines(c, today, CAL)
    # The review period restarted on 04-20 (due 05-20) is suspended since the case went back on 05-06: no flag.
    review = next(d for d in deadlines if d.rule == "DL-PROSECUTION-REVIEW")
    assert (review.start, review.due, review.status, review.suspended_by) == (
        D(2026, 4, 20), D(2026, 5, 20), "suspended", "returned_for_investigation")
    flags = overdue_flags(deadlines)
    done_late, still_out = flags
    assert [f.rule for f in flags] == ["DL-SUPPLEMENTARY-INVESTIGATION", "DL-SUPPLEMENTARY-INVESTIGATION"]
    assert all(f.severity == "major" and f.suggestion and f.title == "补充侦查期限超期" for f in flags)
    # 03-10 + 1 month = 04-10; resubmitted 04-20: ten days late.
    for text in ("2026-03-10", "2026-04-10", "2026-04-20", "10日"):
        assert text in done_late.message
    # 05-06 + 1 month = 06-06 (Saturday) -> 06-08; still out on 06-15: seven days late.
    for text in ("2026-05-06", "2026-06-08", "2026-06-15", "7日", "仍未"):
        assert text in still_out.message
    assert done_late.legal_basis == "《中华人民共和国刑事诉讼法》第175条第3款；《人民检察院刑事诉讼规则》第346条"


def test_no_flags_for_met_or_running_periods() -> None:
    c = case("criminal.arrest_review", D(2026, 3, 2), ("arrest_decided", D(2026, 3, 9)), in_custody=True)
    assert overdue_flags(compute_deadlines(c, D(2026, 5, 1), CAL)) == []
    assert overdue_flags(compute_deadlines(case("criminal.arrest_review", D(2026, 3, 2)), D(2026, 3, 5), CAL)) == []


# --- the periods file ------------------------------------------------------------------------------------------


def test_shipped_periods_file_holds_every_period_and_the_counting_choices() -> None:
    catalog = load_periods()
    assert set(catalog.periods) == {
        "DL-ARREST-REVIEW", "DL-PROSECUTION-REVIEW", "DL-SUPPLEMENTARY-INVESTIGATION", "DL-SUPERVISORY-DETENTION",
        "DL-DETENTION-NECESSITY-REPLY", "DL-CIVIL-SUPERVISION-REVIEW", "DL-ADMIN-SUPERVISION-REVIEW",
        "DL-SUGGESTION-REPLY", "DL-PIL-NOTICE", "DL-ENF-CLUE-CHECK", "DL-ENF-FUNDS-PAYOUT", "DL-REFERRAL-TRANSFER",
        "DL-REFERRAL-REVIEW", "DL-DEFENSE-RIGHT-NOTICE", "DL-VICTIM-RIGHTS-NOTICE"}
    assert catalog.settings == CountingSettings(extension_from_unadjusted_end=True, custody_exception=True,
                                                working_days_exclude_start_day=True)
    assert catalog.periods["DL-PROSECUTION-REVIEW"].lengths["extension_days"] == 15


def test_broken_periods_file_names_line_and_field(tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "resources" / "deadlines" / "periods.yaml").read_text(encoding="utf-8")
    broken = text.replace("custody_days: 7", "custody_days: seven")
    path = tmp_path / "periods.yaml"
    path.write_text(broken, encoding="utf-8")
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if "custody_days: seven" in row)
    with pytest.raises(DataFileError) as caught:
        load_periods(path)
    assert caught.value.field == "periods[0].lengths.custody_days"
    assert caught.value.line == line


def _broken_periods(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = (Path(__file__).parents[1] / "resources" / "deadlines" / "periods.yaml").read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    path = tmp_path / "periods.yaml"
    path.write_text(broken, encoding="utf-8")
    return path, text[:text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("id: DL-PIL-NOTICE", "id: DL-PIL-NOTICE-TYPO", "periods[8].id", "未知期限"),
        ("severity: info", "severity: minor", "periods[4].severity", "超期提示等级"),
        ("working_days: 3 ", "days: 3 ", "periods[11].lengths.days", "未知字段"),
        ("urgent_days: 15", "urgent_days: 0", "periods[7].lengths.urgent_days", "正整数"),
        ("  working_days_exclude_start_day: true", "  working_days_exclude_start_day: yes please",
         "counting.working_days_exclude_start_day", "true/false"),
    ],
    ids=["unknown-id", "bad-severity", "unknown-length", "zero-length", "bad-setting"],
)
def test_periods_file_is_strict(tmp_path: Path, old: str, new: str, field: str, words: str) -> None:
    path, line = _broken_periods(tmp_path, old, new)
    with pytest.raises(DataFileError) as caught:
        load_periods(path)
    assert caught.value.field == field
    assert caught.value.line == line
    assert words in str(caught.value)


def test_unverified_period_must_say_where_its_article_was_read(tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "resources" / "deadlines" / "periods.yaml").read_text(encoding="utf-8")
    start = text.index("    source: 该规定原文不在本程序的法条库中")
    end = text.index("\n", start) + 1
    path = tmp_path / "periods.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_periods(path)
    assert caught.value.field == "periods[10].source"


def test_periods_file_without_a_mandatory_period_is_refused(tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "resources" / "deadlines" / "periods.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: DL-ENF-CLUE-CHECK")
    end = text.index("  - id: DL-ENF-FUNDS-PAYOUT")
    path = tmp_path / "periods.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_periods(path)
    assert "DL-ENF-CLUE-CHECK" in str(caught.value)


def test_every_shipped_period_reads_its_basis_severity_and_numbers() -> None:
    catalog = load_periods()
    info = {p.id for p in catalog.periods.values() if p.severity == "info"}
    assert info == {"DL-DETENTION-NECESSITY-REPLY", "DL-SUGGESTION-REPLY"}
    unverified = {p.id for p in catalog.periods.values() if not p.verified}
    assert unverified == {"DL-ADMIN-SUPERVISION-REVIEW", "DL-ENF-FUNDS-PAYOUT", "DL-REFERRAL-TRANSFER",
                          "DL-REFERRAL-REVIEW"}
    assert all(catalog.periods[i].source for i in unverified)
    assert catalog.periods["DL-ARREST-REVIEW"].lengths == {"custody_days": 7, "custody_extended_days": 10,
                                                           "days": 15, "extended_days": 20}
