"""Statutory periods (超期预警): when each period of a case started, when it ends, and whether it was kept.

Counting follows `deadlines.md`: the start day is not counted (刑诉法 第105条); months end on the same date or the
month's last day; a last day that is a rest day moves to the next working day, except in a criminal case while the
suspect is in custody. The choices the law leaves open (extension added before the rest-day shift, the custody
exception) and the lengths, bases and suggestions of each period are data in `resources/deadlines/periods.yaml`,
so a trainer can read, and a court can challenge, every number the program uses.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.core.calendar import HolidayCalendar
from desktop_app.core.case import SENTENCES_ABOVE_1Y, Case, fast_track_eligible
from desktop_app.core.datafile import Located, load_yaml, resources_dir
from desktop_app.core.i18n import tr
from desktop_app.core.results import Deadline, Flag

PERIODS_FORMAT = "casecheck.periods/1"
ARREST_REVIEW = "DL-ARREST-REVIEW"
PROSECUTION_REVIEW = "DL-PROSECUTION-REVIEW"
SUPPLEMENTARY_INVESTIGATION = "DL-SUPPLEMENTARY-INVESTIGATION"
#: A period not yet done with this many days left or fewer is `due_soon` (the contract's "0–3 days").
DUE_SOON_DAYS = 3

_REQUIRED_LENGTHS: dict[str, frozenset[str]] = {
    ARREST_REVIEW: frozenset({"custody_days", "days", "extended_days"}),
    PROSECUTION_REVIEW: frozenset({"months", "extension_days", "fast_track_days", "fast_track_long_days"}),
    SUPPLEMENTARY_INVESTIGATION: frozenset({"months"}),
}
_PERIOD_TEXT_KEYS = ("id", "name", "legal_basis", "done_act", "suggestion")
_PERIOD_KEYS = frozenset({*_PERIOD_TEXT_KEYS, "verified", "lengths"})
_COUNTING_KEYS = ("extension_from_unadjusted_end", "custody_exception")


@dataclass(frozen=True)
class CountingSettings:
    """The counting choices the law leaves open; whether weekends are rest days belongs to the holiday calendar."""

    #: Add an extension to the end before any rest-day shift, and shift once (True), or shift, extend, shift again.
    extension_from_unadjusted_end: bool = True
    #: In a criminal case with the suspect in custody the period ends on its last day even if that is a rest day.
    custody_exception: bool = True


@dataclass(frozen=True)
class PeriodDefinition:
    id: str
    name: str
    legal_basis: str
    verified: bool
    #: What ends the period, as a verb phrase for messages ("作出起诉或者不起诉的决定").
    done_act: str
    suggestion: str
    lengths: dict[str, int]


@dataclass(frozen=True)
class PeriodCatalog:
    settings: CountingSettings
    periods: dict[str, PeriodDefinition]


def shipped_periods_path() -> Path:
    return resources_dir() / "deadlines" / "periods.yaml"


def load_periods(path: Path | None = None) -> PeriodCatalog:
    """Read and validate a periods file; None means the file shipped with the program."""
    return _parse_periods(load_yaml(path if path is not None else shipped_periods_path()))


@lru_cache(maxsize=1)
def shipped_periods() -> PeriodCatalog:
    return load_periods()


# --- date arithmetic -------------------------------------------------------------------------------------------


def add_days(day: dt.date, days: int) -> dt.date:
    """N days from S end on S + N: the start day itself is not counted."""
    return day + dt.timedelta(days=days)


def add_months(day: dt.date, months: int, *, month_end_to_month_end: bool = False) -> dt.date:
    """The same date `months` later, or that month's last day where it has no such date (民法典 第202条).

    Criminal periods also follow 刑诉法解释 第202条: a period that starts on a month's last day ends on the target
    month's last day (`month_end_to_month_end=True`, see `criminal_month_rule`). Every other case type keeps the
    corresponding date: 2024-04-30 + 1 month is 2024-05-31 in a criminal case and 2024-05-30 otherwise.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = gregorian.monthrange(year, month)[1]
    starts_on_month_end = day.day == gregorian.monthrange(day.year, day.month)[1]
    return dt.date(year, month, last if month_end_to_month_end and starts_on_month_end else min(day.day, last))


def criminal_month_rule(case_type: str) -> bool:
    """Whether periods of months for this case type run month-end to month-end (刑诉法解释 第202条)."""
    return case_type.startswith("criminal.")


def next_working_day(day: dt.date, calendar: HolidayCalendar) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    while calendar.is_rest_day(day):
        day += dt.timedelta(days=1)
    return day


def period_end(
    start: dt.date,
    *,
    days: int = 0,
    months: int = 0,
    extension_days: int = 0,
    in_custody_criminal: bool = False,
    month_end_to_month_end: bool = False,
    calendar: HolidayCalendar,
    settings: CountingSettings | None = None,
) -> dt.date:
    """The last day of a period of `months` then `days` from `start`, plus any extension, after the rest-day rule."""
    settings = settings or shipped_periods().settings
    shifts = not (in_custody_criminal and settings.custody_exception)
    end = add_days(add_months(start, months, month_end_to_month_end=month_end_to_month_end), days)
    if extension_days:
        if shifts and not settings.extension_from_unadjusted_end:
            end = next_working_day(end, calendar)
        end = add_days(end, extension_days)
    return next_working_day(end, calendar) if shifts else end


# --- the periods of a case -------------------------------------------------------------------------------------


def compute_deadlines(
    case: Case, today: dt.date, calendar: HolidayCalendar, settings: CountingSettings | None = None
) -> list[Deadline]:
    """Every statutory period that applies to the case, with its status as of `today`.

    While a case is out for supplementary investigation (a `returned_for_investigation` on or after the current
    start of the review period, not yet followed by `resubmitted`), the review period is still reported as running
    from its current start, as the contract defines it; a note says the count restarts on resubmission, and the
    supplementary-investigation period shows whether the investigators are late.
    """
    catalog = shipped_periods()
    counting = _Counting(case, today, calendar, settings or catalog.settings)
    if case.case_type == "criminal.arrest_review":
        return [counting.arrest_review(catalog.periods[ARREST_REVIEW])]
    if case.case_type == "criminal.prosecution_review":
        return [
            counting.prosecution_review(catalog.periods[PROSECUTION_REVIEW]),
            *counting.supplementary_investigations(catalog.periods[SUPPLEMENTARY_INVESTIGATION]),
        ]
    return []


def period_status(due: dt.date, done_on: dt.date | None, today: dt.date) -> str:
    """met / overdue / due_soon / open as of `today`: a period done after its due date stays overdue. The board,
    the register, the workbooks and the PDF all ask this, so they agree on the same day."""
    if done_on is not None:
        return "met" if done_on <= due else "overdue"
    days_left = (due - today).days
    return "overdue" if days_left < 0 else "due_soon" if days_left <= DUE_SOON_DAYS else "open"


def overdue_flags(deadlines: Iterable[Deadline]) -> list[Flag]:
    """One `major` flag per overdue period, under the period's own rule id."""
    periods = shipped_periods().periods
    return [_overdue_flag(d, periods[d.rule]) for d in deadlines if d.status == "overdue"]


def _overdue_flag(deadline: Deadline, period: PeriodDefinition) -> Flag:
    opening = f"{deadline.name}自{deadline.start.isoformat()}起算，届满日为{deadline.due.isoformat()}"
    if deadline.done_on is not None:
        days_over = (deadline.done_on - deadline.due).days
        body = f"实际于{deadline.done_on.isoformat()}{period.done_act}，超期{days_over}日。"
        dates: tuple[dt.date, ...] = (deadline.start, deadline.done_on)
    else:
        days_over = -(deadline.days_left or 0)
        today = deadline.due + dt.timedelta(days=days_over)
        body = f"截至{today.isoformat()}仍未{period.done_act}，已超期{days_over}日。"
        dates = (deadline.start,)
    return Flag(
        rule=deadline.rule,
        severity="major",
        title=f"{deadline.name}超期",
        message=f"{opening}；{body}",
        legal_basis=deadline.legal_basis,
        verified=deadline.verified,
        suggestion=period.suggestion,
        event_dates=dates,
    )


class _Counting:
    """The inputs shared by every period of one case, so each period reads as its rule in the table."""

    def __init__(self, case: Case, today: dt.date, calendar: HolidayCalendar, settings: CountingSettings) -> None:
        self.case = case
        self.today = today
        self.calendar = calendar
        self.settings = settings
        self.in_custody_criminal = case.is_criminal and case.in_custody

    def arrest_review(self, period: PeriodDefinition) -> Deadline:
        start = self.case.received_on
        lengths = period.lengths
        if self.case.in_custody:
            days = lengths["custody_days"]
        elif self._extended_since(start):
            days = lengths["extended_days"]
        else:
            days = lengths["days"]
        due = self._end(start, days=days)
        return self._deadline(period, start, due, self._first_after(start, {"arrest_decided"}))

    def prosecution_review(self, period: PeriodDefinition) -> Deadline:
        received = self.case.received_on
        restarts = [e.date for e in self.case.events_of("resubmitted") if e.date >= received]
        start = max(restarts, default=received)
        lengths = period.lengths
        if self.case.fast_track and fast_track_eligible(self.case):
            above_one_year = self.case.possible_sentence in SENTENCES_ABOVE_1Y
            due = self._end(start, days=lengths["fast_track_long_days" if above_one_year else "fast_track_days"])
        else:
            extension = lengths["extension_days"] if self._extended_since(start) else 0
            due = self._end(start, months=lengths["months"], extension_days=extension)
        done = self._first_after(start, {"prosecution_decided", "non_prosecution_decided"})
        notes: list[str] = []
        returned = [e.date for e in self.case.events_of("returned_for_investigation") if e.date >= start]
        if done is None and returned:
            notes.append(tr(
                f"案件已于{returned[-1].isoformat()}退回补充侦查，尚未重新移送；重新移送后审查起诉期限重新计算",
                f"returned for supplementary investigation on {returned[-1].isoformat()} and not yet resubmitted; "
                "the review period restarts on resubmission")
            )
        return self._deadline(period, start, due, done, notes)

    def supplementary_investigations(self, period: PeriodDefinition) -> list[Deadline]:
        found = []
        for event in self.case.events_of("returned_for_investigation"):
            due = self._end(event.date, months=period.lengths["months"])
            found.append(self._deadline(period, event.date, due, self._first_after(event.date, {"resubmitted"})))
        return found

    def _extended_since(self, start: dt.date) -> bool:
        return any(e.date >= start for e in self.case.events_of("review_extended"))

    def _first_after(self, start: dt.date, kinds: set[str]) -> dt.date | None:
        """The earliest event of these kinds on or after `start` ("after" includes the day itself)."""
        return min((e.date for e in self.case.events if e.kind in kinds and e.date >= start), default=None)

    def _end(self, start: dt.date, *, days: int = 0, months: int = 0, extension_days: int = 0) -> dt.date:
        return period_end(
            start,
            days=days,
            months=months,
            extension_days=extension_days,
            in_custody_criminal=self.in_custody_criminal,
            month_end_to_month_end=criminal_month_rule(self.case.case_type),
            calendar=self.calendar,
            settings=self.settings,
        )

    def _deadline(
        self,
        period: PeriodDefinition,
        start: dt.date,
        due: dt.date,
        done: dt.date | None,
        notes: Iterable[str] = (),
    ) -> Deadline:
        status = period_status(due, done, self.today)
        days_left = None if done is not None else (due - self.today).days
        return Deadline(
            rule=period.id,
            name=period.name,
            start=start,
            due=due,
            status=status,
            days_left=days_left,
            legal_basis=period.legal_basis,
            done_on=done,
            verified=period.verified,
            notes=(*self._calendar_notes(due), *notes),
        )

    def _calendar_notes(self, due: dt.date) -> tuple[str, ...]:
        year = due.year
        if not self.calendar.has_year(year):
            if self.calendar.weekends_are_rest_days:
                return (tr(f"{year} 年无节假日历，仅按周末计算",
                           f"no holiday calendar for {year}: only weekends are counted as rest days"),)
            return (tr(f"{year} 年无节假日历，未计入任何节假日", f"no holiday calendar for {year}: no rest days counted"),)
        if not self.calendar.is_verified(year):
            return (tr(f"{year} 年节假日历未经核实，到期日请人工复核",
                       f"the {year} holiday calendar is unverified; check the due date by hand"),)
        return ()


# --- reading the periods file ----------------------------------------------------------------------------------


def _parse_periods(doc: Located) -> PeriodCatalog:
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error("", "期限文件的顶层必须是键值映射")
    for key in data:
        if key not in {"format", "counting", "periods"}:
            raise doc.error(str(key), f"未知字段 {key!r}（允许：format、counting、periods）")
    if data.get("format") != PERIODS_FORMAT:
        raise doc.error("format", f"格式应为 {PERIODS_FORMAT}，实际为 {data.get('format')!r}")
    settings = _parse_counting(doc, data.get("counting"))
    entries = data.get("periods")
    if not isinstance(entries, list):
        raise doc.error("periods", "应为期限列表")
    periods: dict[str, PeriodDefinition] = {}
    for index, entry in enumerate(entries):
        period = _parse_period(doc, f"periods[{index}]", entry)
        if period.id in periods:
            raise doc.error(f"periods[{index}].id", f"期限 {period.id} 重复")
        periods[period.id] = period
    missing = sorted(set(_REQUIRED_LENGTHS) - set(periods))
    if missing:
        raise doc.error("periods", f"缺少期限：{'、'.join(missing)}")
    return PeriodCatalog(settings=settings, periods=periods)


def _parse_counting(doc: Located, node: Any) -> CountingSettings:
    if not isinstance(node, dict):
        raise doc.error("counting", "应为计算口径的映射")
    for key in node:
        if key not in _COUNTING_KEYS:
            raise doc.error(f"counting.{key}", f"未知字段 {key!r}")
    values: dict[str, bool] = {}
    for key in _COUNTING_KEYS:
        if not isinstance(node.get(key), bool):
            raise doc.error(f"counting.{key}", "缺少或不是 true/false")
        values[key] = node[key]
    return CountingSettings(**values)


def _parse_period(doc: Located, where: str, node: Any) -> PeriodDefinition:
    if not isinstance(node, dict):
        raise doc.error(where, "应为期限定义的映射")
    for key in node:
        if key not in _PERIOD_KEYS:
            raise doc.error(f"{where}.{key}", f"未知字段 {key!r}")
    for key in _PERIOD_TEXT_KEYS:
        if not (isinstance(node.get(key), str) and node[key].strip()):
            raise doc.error(f"{where}.{key}", "缺少或不是非空文字")
    period_id = node["id"]
    if period_id not in _REQUIRED_LENGTHS:
        raise doc.error(f"{where}.id", f"未知期限 {period_id!r}（允许：{'、'.join(sorted(_REQUIRED_LENGTHS))}）")
    if "《" not in node["legal_basis"]:
        raise doc.error(f"{where}.legal_basis", "应写明法律文件全称（用《》）及条款")
    if not isinstance(node.get("verified"), bool):
        raise doc.error(f"{where}.verified", "缺少或不是 true/false")
    return PeriodDefinition(
        id=period_id,
        name=node["name"].strip(),
        legal_basis=node["legal_basis"].strip(),
        verified=node["verified"],
        done_act=node["done_act"].strip(),
        suggestion=node["suggestion"].strip(),
        lengths=_parse_lengths(doc, f"{where}.lengths", node.get("lengths"), _REQUIRED_LENGTHS[period_id]),
    )


def _parse_lengths(doc: Located, where: str, node: Any, required: frozenset[str]) -> dict[str, int]:
    if not isinstance(node, dict):
        raise doc.error(where, f"应为期限长度的映射（{'、'.join(sorted(required))}）")
    for key in node:
        if key not in required:
            raise doc.error(f"{where}.{key}", f"未知字段 {key!r}")
    lengths: dict[str, int] = {}
    for key in sorted(required):
        value = node.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise doc.error(f"{where}.{key}", "缺少或不是正整数")
        lengths[key] = value
    return lengths
