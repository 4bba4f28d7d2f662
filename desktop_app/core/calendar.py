"""The holiday calendar (`casecheck.calendar/1`): which days are rest days when a period's last day is moved.

Official holidays change every year by a 国务院办公厅 notice, so they are data a user can replace, never code.
A year the file does not cover falls back to weekends only; callers ask `has_year` to tell the user so.
A calendar that lists a day both as a holiday and as a make-up working day is contradictory and is rejected,
because silently preferring one reading would move deadlines without anyone noticing.

Periods written in working days (工作日, e.g. the 行刑反向衔接 transfer) are counted here too: a working day is any day
that is not a rest day. Whether the start day counts is a reading the periods file fixes (default: it does not,
as for every other period, 刑诉法 第105条).

The calendar ends with the last notice shipped; since each year's notice appears late in the year before,
`calendar_warnings` tells the user from November on (the month `NEXT_YEAR_WARNING_MONTH`) that next year is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.datafile import Located, load_yaml, resources_dir
from desktop_app.core.i18n import tr
from desktop_app.core.limits import CALENDAR_BYTES

CALENDAR_FORMAT = "casecheck.calendar/1"
_TOP_LEVEL_KEYS = frozenset({"format", "weekends_are_rest_days", "years"})
_YEAR_KEYS = frozenset({"source", "holidays", "workdays", "verified"})
_RANGE_SEPARATOR = ".."
#: From this month on, a calendar without next year is reported as missing (the notice usually appears in autumn).
NEXT_YEAR_WARNING_MONTH = 11


def _bool_message() -> str:
    return tr("应为 true 或 false", "must be true or false")


@dataclass(frozen=True)
class CalendarYear:
    """One year's notice: days off, make-up working days, and where they come from."""

    year: int
    source: str | None
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    verified: bool = True


@dataclass(frozen=True)
class HolidayCalendar:
    weekends_are_rest_days: bool = True
    calendar_years: dict[int, CalendarYear] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.calendar_years)

    def has_year(self, year: int) -> bool:
        return year in self.calendar_years

    def source(self, year: int) -> str | None:
        entry = self.calendar_years.get(year)
        return entry.source if entry else None

    def is_verified(self, year: int) -> bool:
        """False when the file marks the year `verified: false` (dates or notice not checked against the original)."""
        entry = self.calendar_years.get(year)
        return entry.verified if entry else False

    def is_rest_day(self, day: dt.date) -> bool:
        """A holiday, or a weekend that is not a make-up working day (a weekend only, in a year with no notice)."""
        entry = self.calendar_years.get(day.year)
        if entry is not None:
            if day in entry.holidays:
                return True
            if day in entry.workdays:
                return False
        return self.weekends_are_rest_days and day.weekday() >= 5

    def add_working_days(self, start: dt.date, working_days: int, *, exclude_start_day: bool = True) -> dt.date:
        """The last day of a period of `working_days` working days from `start`.

        With `exclude_start_day` (the default reading) the start day is not counted and the period ends on the
        N-th working day after it; otherwise a start day that is a working day is the first of the N. The end is a
        working day by construction, so no rest-day shift follows.
        """
        if working_days <= 0:
            raise ValueError("working_days must be positive")
        day = start
        counted = 0 if exclude_start_day or self.is_rest_day(start) else 1
        while counted < working_days:
            day += dt.timedelta(days=1)
            if not self.is_rest_day(day):
                counted += 1
        return day


def calendar_warnings(calendar: HolidayCalendar, today: dt.date) -> list[str]:
    """What the user must do so that due dates stay right: import this year's or (from November) next year's
    calendar, which the 国务院办公厅 publishes each year. Empty when nothing is missing."""
    missing = [year for year in (today.year, today.year + 1)
               if not calendar.has_year(year) and (year == today.year or today.month >= NEXT_YEAR_WARNING_MONTH)]
    if not missing:
        return []
    years = "、".join(str(y) for y in missing)
    years_en = ", ".join(str(y) for y in missing)
    return [tr(
        f"节假日历缺少 {years} 年：届满日在该年的期限只按周末计算。请按国务院办公厅当年放假通知编写日历文件，"
        "并通过“工具 → 导入节假日历”导入（命令行：--calendar 文件）",
        f"the holiday calendar has no {years_en}: periods ending then count weekends only. Write a calendar file "
"from that year's State Council notice and import it (in the window: Tools, import holiday calendar; on the "
        "command line: --calendar FILE)",
    )]


def shipped_calendar_path() -> Path:
    return resources_dir() / "calendars" / "cn_holidays.yaml"


def load_calendar(path: Path | None = None) -> HolidayCalendar:
    """Read and validate a calendar file; None means the calendar shipped with the program."""
    located = load_yaml(path if path is not None else shipped_calendar_path(), CALENDAR_BYTES)
    return _parse_calendar(located)


def _parse_calendar(doc: Located) -> HolidayCalendar:
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error("", tr("日历文件的顶层必须是键值映射", "the top level of a calendar file must be a mapping"))
    for key in data:
        if key not in _TOP_LEVEL_KEYS:
            raise doc.error(
                str(key),
                tr(
                    f"未知字段 {key!r}（允许：format、weekends_are_rest_days、years）",
                    f"unknown field {key!r} (allowed: format, weekends_are_rest_days, years)",
                ),
            )
    if "format" not in data:
        raise doc.error(
            "format",
            tr(f"缺少 format 字段，应为 {CALENDAR_FORMAT}", f"format is missing; it must be {CALENDAR_FORMAT}"),
        )
    if data["format"] != CALENDAR_FORMAT:
        raise doc.error(
            "format",
            tr(
                f"格式应为 {CALENDAR_FORMAT}，实际为 {data['format']!r}",
                f"format must be {CALENDAR_FORMAT}, got {data['format']!r}",
            ),
        )
    weekends = data.get("weekends_are_rest_days", True)
    if not isinstance(weekends, bool):
        raise doc.error("weekends_are_rest_days", _bool_message())
    years_node = data.get("years")
    if years_node is None:
        years_node = {}
    if not isinstance(years_node, dict):
        raise doc.error("years", tr("应为以年份为键的映射", "must be a mapping keyed by year"))
    calendar_years: dict[int, CalendarYear] = {}
    for key, body in years_node.items():
        entry = _parse_year(doc, key, body)
        if entry.year in calendar_years:
            raise doc.error(f"years.{key}", tr(f"年份 {entry.year} 重复出现", f"year {entry.year} appears twice"))
        calendar_years[entry.year] = entry
    return HolidayCalendar(weekends_are_rest_days=weekends, calendar_years=calendar_years)


def _parse_year(doc: Located, key: Any, body: Any) -> CalendarYear:
    where = f"years.{key}"
    year = _year_number(key)
    if year is None:
        raise doc.error(where, tr(f"年份应为四位数字，实际为 {key!r}", f"a year must be four digits, got {key!r}"))
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise doc.error(
            where, tr("应为包含 source、holidays、workdays 的映射", "must be a mapping with source, holidays, workdays")
        )
    for name in body:
        if name not in _YEAR_KEYS:
            raise doc.error(
                f"{where}.{name}",
                tr(
                    f"未知字段 {name!r}（允许：source、holidays、workdays、verified）",
                    f"unknown field {name!r} (allowed: source, holidays, workdays, verified)",
                ),
            )
    source = body.get("source")
    if source is not None and not (isinstance(source, str) and source.strip()):
        raise doc.error(
            f"{where}.source", tr("应为非空文字（放假通知的文号）", "must be non-empty text (the notice number)")
        )
    verified = body.get("verified", True)
    if not isinstance(verified, bool):
        raise doc.error(f"{where}.verified", _bool_message())
    holidays = _parse_days(doc, f"{where}.holidays", body.get("holidays"), year)
    workdays = _parse_days(doc, f"{where}.workdays", body.get("workdays"), year)
    for day, index in sorted(workdays.items()):
        if day in holidays:
            raise doc.error(
                f"{where}.workdays[{index}]",
                tr(
                    f"{day.isoformat()} 同时列为放假日和调休上班日",
                    f"{day.isoformat()} is listed both as a holiday and as a make-up working day",
                ),
            )
    return CalendarYear(year, source.strip() if source else None, frozenset(holidays), frozenset(workdays), verified)


def _year_number(key: Any) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key if 1000 <= key <= 9999 else None
    if isinstance(key, str) and len(key.strip()) == 4 and key.strip().isascii() and key.strip().isdigit():
        return int(key.strip())
    return None


def _parse_days(doc: Located, where: str, node: Any, year: int) -> dict[dt.date, int]:
    """Every day listed, with the index of the entry that lists it (for pointing at the line of a conflict)."""
    if node is None:
        return {}
    if not isinstance(node, list):
        raise doc.error(
            where,
            tr("应为日期列表（单日 YYYY-MM-DD，或区间 FROM..TO）", "must be a list of dates (YYYY-MM-DD or FROM..TO)"),
        )
    days: dict[dt.date, int] = {}
    for index, item in enumerate(node):
        item_where = f"{where}[{index}]"
        first, last = _parse_entry(doc, item_where, item)
        for day in (first, last):
            if day.year != year:
                raise doc.error(
                    item_where, tr(f"日期 {day.isoformat()} 不属于 {year} 年", f"{day.isoformat()} is not in {year}")
                )
        day = first
        while day <= last:
            days.setdefault(day, index)
            day += dt.timedelta(days=1)
    return days


def _parse_entry(doc: Located, where: str, item: Any) -> tuple[dt.date, dt.date]:
    """A single day (a YAML date or a quoted string) or an inclusive range written FROM..TO."""
    if isinstance(item, dt.datetime):
        raise doc.error(where, tr(f"应为日期而非时间：{item!r}", f"must be a date, not a time: {item!r}"))
    if isinstance(item, dt.date):
        return item, item
    if not isinstance(item, str):
        raise doc.error(
            where,
            tr(
                f"应为日期 YYYY-MM-DD 或区间 FROM..TO，实际为 {item!r}",
                f"must be a date YYYY-MM-DD or a range FROM..TO, got {item!r}",
            ),
        )
    text = item.strip()
    if _RANGE_SEPARATOR not in text:
        day = _parse_date(doc, where, text)
        return day, day
    start_text, _, end_text = text.partition(_RANGE_SEPARATOR)
    first = _parse_date(doc, where, start_text.strip())
    last = _parse_date(doc, where, end_text.strip())
    if first > last:
        raise doc.error(where, tr(f"区间 {text} 的起始日期晚于结束日期", f"range {text} starts after it ends"))
    return first, last


def _parse_date(doc: Located, where: str, text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise doc.error(
            where, tr(f"无效日期 {text!r}（应为 YYYY-MM-DD）", f"invalid date {text!r} (must be YYYY-MM-DD)")
        ) from None
