"""The holiday calendar: the shipped notices, and a replacement file that is wrong in the ways people get it wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.calendar import calendar_warnings, load_calendar
from desktop_app.core.datafile import DataFileError

D = dt.date


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_calendar_covers_2024_to_2026_with_notice_numbers() -> None:
    calendar = load_calendar()
    assert calendar.years == [2024, 2025, 2026]
    assert calendar.weekends_are_rest_days
    assert calendar.source(2024) == "国办发明电〔2023〕7号"
    assert calendar.source(2025) == "国办发明电〔2024〕12号"
    assert calendar.source(2026) == "国办发明电〔2025〕7号"
    assert calendar.source(2027) is None
    assert not calendar.has_year(2027)


@pytest.mark.parametrize(
    ("day", "rest"),
    [
        (D(2024, 2, 12), True),  # 春节, a Monday
        (D(2024, 2, 4), False),  # make-up Sunday
        (D(2024, 6, 10), True),  # 端午, a Monday
        (D(2025, 1, 26), False),  # make-up Sunday
        (D(2025, 10, 8), True),  # eighth day of the 2025 National Day break
        (D(2026, 2, 23), True),  # last day of the nine-day 2026 Spring Festival, a Monday
        (D(2026, 2, 28), False),  # make-up Saturday
        (D(2026, 10, 8), False),  # 2026 National Day ends on 10-07
        (D(2026, 10, 10), False),  # make-up Saturday
        (D(2026, 3, 14), True),  # an ordinary Saturday
        (D(2026, 3, 16), False),  # an ordinary Monday
    ],
)
def test_shipped_rest_days(day: dt.date, rest: bool) -> None:
    assert load_calendar().is_rest_day(day) is rest


def test_uncovered_year_counts_weekends_only() -> None:
    calendar = load_calendar()
    assert calendar.is_rest_day(D(2027, 1, 2))  # Saturday
    assert not calendar.is_rest_day(D(2027, 1, 1))  # New Year, but no notice for 2027 is shipped


def test_replacement_file_with_string_years_quoted_dates_and_unverified_year(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """format: casecheck.calendar/1
years:
  "2027":
    source: 测试通知
    verified: false
    holidays: ["2027-01-01", "2027-02-06..2027-02-08"]
    workdays: [2027-01-30]
""",
    )
    calendar = load_calendar(path)
    assert calendar.years == [2027]
    assert calendar.source(2027) == "测试通知"
    assert not calendar.is_verified(2027)
    assert calendar.is_rest_day(D(2027, 1, 1)) and calendar.is_rest_day(D(2027, 2, 8))
    assert not calendar.is_rest_day(D(2027, 1, 30))  # a Saturday made a working day
    assert not calendar.has_year(2026)


def test_weekends_can_be_working_days(tmp_path: Path) -> None:
    path = write(tmp_path, "format: casecheck.calendar/1\nweekends_are_rest_days: false\nyears:\n  2026:\n")
    calendar = load_calendar(path)
    assert not calendar.is_rest_day(D(2026, 3, 14))
    assert calendar.has_year(2026)


BAD_FILES = [
    (
        "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays:\n      - 2026-01-01\n      - '2026-02-30'\n",
        6,
        "years.2026.holidays[1]",
        "2026-02-30",
    ),
    (
        "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays:\n      - 2026-01-01..2026-1-3\n",
        5,
        "years.2026.holidays[0]",
        "2026-1-3",
    ),
    (
        "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays:\n      - 2026-02-23..2026-02-15\n",
        5,
        "years.2026.holidays[0]",
        "2026-02-23..2026-02-15",
    ),
    ("format: casecheck.calendar/1\nholiday:\n  - 2026-01-01\n", 2, "holiday", "holiday"),
    (
        "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays: [2026-10-01..2026-10-07]\n"
        "    workdays:\n      - 2026-09-20\n      - 2026-10-03\n",
        7,
        "years.2026.workdays[1]",
        "2026-10-03",
    ),
    (
        "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays: [2027-01-01]\n",
        4,
        "years.2026.holidays[0]",
        "2027",
    ),
    ("weekends_are_rest_days: true\nyears: {}\n", None, "format", "format"),
    ("format: casecheck.calendar/2\n", 1, "format", "casecheck.calendar/1"),
    ("format: casecheck.calendar/1\nyears:\n  twenty:\n    holidays: []\n", 3, "years.twenty", "twenty"),
    (
        "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays: [2026-01-01 08:00:00]\n",
        4,
        "years.2026.holidays[0]",
        "",
    ),
    ("format: casecheck.calendar/1\nweekends_are_rest_days: yes please\n", 2, "weekends_are_rest_days", "true"),
    (
        "format: casecheck.calendar/1\nyears:\n  2026:\n    holidayz: [2026-01-01]\n",
        4,
        "years.2026.holidayz",
        "holidayz",
    ),
    ("format: casecheck.calendar/1\nyears:\n  2026: {}\n  '2026': {}\n", 4, "years.2026", "2026"),
]


@pytest.mark.parametrize(("text", "line", "field", "mentions"), BAD_FILES)
def test_bad_file_names_file_line_and_field(
    tmp_path: Path, text: str, line: int | None, field: str, mentions: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataFileError) as caught:
        load_calendar(path)
    error = caught.value
    assert error.file == str(path)
    assert error.field == field
    assert mentions in error.message
    if line is not None:
        assert error.line == line
        assert str(error).startswith(f"{path}:{line}: {field}: ")


def test_impossible_unquoted_date_is_a_data_file_error_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays:\n      - 2026-02-30\n")
    with pytest.raises(DataFileError) as caught:
        load_calendar(path)
    assert caught.value.line == 5
    assert caught.value.field == "years.2026.holidays[0]"


def test_date_both_holiday_and_workday_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "format: casecheck.calendar/1\nyears:\n  2024:\n    holidays: [2024-02-18]\n    workdays: [2024-02-18]\n",
    )
    with pytest.raises(DataFileError, match="2024-02-18"):
        load_calendar(path)


def test_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as caught:
        load_calendar(tmp_path / "absent.yaml")
    assert "absent.yaml" in str(caught.value)


# --- working days (a documented reading: the start day is not counted; a working day is not a rest day) --------


@pytest.mark.parametrize(
    ("start", "working_days", "end"),
    [
        (D(2024, 2, 8), 3, D(2024, 2, 19)),  # 02-09 (1), 春节 02-10..02-17, 02-18 worked Sunday (2), 02-19 (3)
        (D(2024, 9, 27), 10, D(2024, 10, 16)),  # 09-29 worked, 国庆 10-01..10-07, 10-12 worked Saturday
        (D(2025, 1, 24), 3, D(2025, 2, 5)),  # 01-26 worked Sunday (1), 01-27 (2), 春节 01-28..02-04, 02-05 (3)
        (D(2025, 9, 30), 3, D(2025, 10, 11)),  # 国庆 10-01..10-08, 10-09 (1), 10-10 (2), 10-11 worked Saturday (3)
        (D(2026, 2, 12), 3, D(2026, 2, 24)),  # 02-13 (1), 02-14 worked Saturday (2), 春节 02-15..02-23, 02-24 (3)
        (D(2026, 9, 30), 5, D(2026, 10, 13)),  # 国庆 10-01..10-07, 10-08, 10-09, 10-10 worked, 10-12, 10-13
    ],
    ids=["2024_02_08_plus_3wd_is_02_19", "2024_09_27_plus_10wd_is_10_16", "2025_01_24_plus_3wd_is_02_05",
         "2025_09_30_plus_3wd_is_10_11", "2026_02_12_plus_3wd_is_02_24", "2026_09_30_plus_5wd_is_10_13"],
)
def test_working_days_on_the_shipped_calendars(start: dt.date, working_days: int, end: dt.date) -> None:
    assert load_calendar().add_working_days(start, working_days) == end


def test_working_days_start_day_counted_reading_2024_02_08_plus_3wd_is_02_18() -> None:
    assert load_calendar().add_working_days(D(2024, 2, 8), 3, exclude_start_day=False) == D(2024, 2, 18)


def test_working_days_start_on_a_holiday_is_never_counted_2024_02_10_plus_1wd_is_02_18() -> None:
    calendar = load_calendar()
    assert calendar.add_working_days(D(2024, 2, 10), 1) == D(2024, 2, 18)
    assert calendar.add_working_days(D(2024, 2, 10), 1, exclude_start_day=False) == D(2024, 2, 18)


def test_working_days_into_a_year_without_calendar_count_weekdays_2026_12_30_plus_3wd_is_2027_01_04() -> None:
    assert load_calendar().add_working_days(D(2026, 12, 30), 3) == D(2027, 1, 4)  # 2027-01-01 unknown: a Friday


def test_working_days_follow_the_weekend_setting(tmp_path: Path) -> None:
    calendar = load_calendar(write(tmp_path, "format: casecheck.calendar/1\nweekends_are_rest_days: false\n"))
    assert calendar.add_working_days(D(2024, 3, 1), 1) == D(2024, 3, 2)


def test_working_days_must_be_positive() -> None:
    with pytest.raises(ValueError):
        load_calendar().add_working_days(D(2024, 3, 1), 0)


# --- calendars ahead of time -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "years"),
    [(D(2026, 10, 31), []), (D(2026, 11, 1), ["2027"]), (D(2026, 12, 31), ["2027"]), (D(2027, 3, 1), ["2027"]),
     (D(2027, 11, 1), ["2027", "2028"]), (D(2025, 11, 20), [])],
    ids=["2026_10_31_nothing_yet", "2026_11_01_next_year_missing", "2026_12_31", "2027_this_year_missing",
         "2027_11_both_missing", "2025_11_next_year_shipped"],
)
def test_calendar_warning_from_november(today: dt.date, years: list[str]) -> None:
    warnings = calendar_warnings(load_calendar(), today)
    if not years:
        assert warnings == []
        return
    (text,) = warnings
    assert all(year in text for year in years)
    assert "工具 → 导入节假日历" in text and "国务院办公厅" in text


def test_no_warning_once_next_year_is_imported(tmp_path: Path) -> None:
    text = "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays: []\n  2027:\n    holidays: []\n"
    assert calendar_warnings(load_calendar(write(tmp_path, text)), D(2026, 11, 15)) == []


def test_readme_example_calendar_is_valid_and_matches_the_shipped_year(tmp_path: Path) -> None:
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(format: casecheck\.calendar/1\n.*?)```", readme, re.S)
    assert match, "README shows how to write a calendar file"
    example = load_calendar(write(tmp_path, match.group(1)))
    assert example.calendar_years[2026] == load_calendar().calendar_years[2026]
