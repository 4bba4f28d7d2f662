"""What a rule predicate receives and returns, and the registry that ties each rule id to its predicate.

A rule is split in two on purpose: the wording, severity and legal basis live in a YAML pack a trainer can read
and edit, while the test of the case lives in one small named function here. The registry lets the pack loader
check that the two halves match exactly (no rule without a test, no test without a rule).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.calendar import HolidayCalendar, load_calendar
from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.results import Computation

#: Placeholders every message may use, filled by the engine from the finding itself.
COMMON_PLACEHOLDERS: frozenset[str] = frozenset({"case_no", "ids", "dates"})

#: Modules holding predicates, by area; importing them fills the registry.
PREDICATE_MODULES: tuple[str, ...] = (
    "evidence",
    "edata",
    "procedure",
    "arrest",
    "non_prosecution",
    "defamation",
    "enforcement",
    "enforcement_clues",
    "damages",
    "assistance",
    "public_interest",
    "chronology",
    "sentencing",
)


@functools.cache
def shipped_calendar() -> HolidayCalendar:
    """The holiday calendar shipped with the program, read once."""
    return load_calendar()


@dataclass(frozen=True)
class RuleContext:
    """What a predicate may know besides the case: the day it is judged on, and the holiday calendar that moves
    the end of a civil period off a rest day (the calendar `evaluate --calendar` or the GUI import chose)."""

    today: dt.date
    calendar: HolidayCalendar = field(default_factory=shipped_calendar)


@dataclass(frozen=True)
class Finding:
    """Why a rule fired: the evidence and event dates it is about, and named values for the message template."""

    evidence_ids: tuple[str, ...] = ()
    event_dates: tuple[dt.date, ...] = ()
    values: dict[str, str] = field(default_factory=dict)


Check = Callable[[Case, RuleContext], Finding | None]
#: The computed amounts one area contributes to a case (none when the case lacks the data).
ComputationFn = Callable[[Case], list[Computation]]


@dataclass(frozen=True)
class Predicate:
    rule_id: str
    check: Check
    #: Names this predicate puts in `Finding.values`, so the pack loader can reject unknown placeholders.
    placeholders: frozenset[str]


_PREDICATES: dict[str, Predicate] = {}
_COMPUTATIONS: list[ComputationFn] = []


def predicate(rule_id: str, placeholders: Iterable[str] = ()) -> Callable[[Check], Check]:
    """Register `check` as the test of `rule_id`; a second registration of the same id is a programming error."""

    def register(check: Check) -> Check:
        if rule_id in _PREDICATES:
            raise RuntimeError(f"duplicate predicate for {rule_id}")
        _PREDICATES[rule_id] = Predicate(rule_id, check, frozenset(placeholders))
        return check

    return register


def computation(fn: ComputationFn) -> ComputationFn:
    """Register amounts (statutory caps, reach sums) the result carries whenever a case has the data for them."""
    _COMPUTATIONS.append(fn)
    return fn


@functools.cache
def _load_modules() -> None:
    for name in PREDICATE_MODULES:
        importlib.import_module(f"{__package__}.{name}")


def predicates() -> dict[str, Predicate]:
    _load_modules()
    return dict(_PREDICATES)


def computations() -> list[ComputationFn]:
    _load_modules()
    return list(_COMPUTATIONS)


# Helpers shared by the predicates. Case data may be incomplete: a value that is absent is never read as false.


def is_true(value: Any) -> bool:
    return value is True


def is_false(value: Any) -> bool:
    return value is False


def text(value: Any) -> str:
    """A string attribute with surrounding whitespace dropped; absent or null reads as empty."""
    return "" if value is None else str(value).strip()


def number(value: Any) -> float | None:
    """A numeric fact, or None when absent or not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def as_date(value: Any) -> dt.date | None:
    """A date held in free-form facts (a `YYYY-MM-DD` string from JSON, or a date object)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def ids(items: Iterable[Evidence]) -> tuple[str, ...]:
    return tuple(e.id for e in items)


def dates(events: Iterable[Event]) -> tuple[dt.date, ...]:
    return tuple(e.date for e in events)


def join_dates(values: Iterable[dt.date]) -> str:
    return "、".join(d.isoformat() for d in values)


def amount(value: float) -> str:
    """Money as people write it: no decimals for whole yuan."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def on_evidence(found: list[Evidence], **values: str) -> Finding | None:
    """The usual finding of an evidence rule: fire when any item matched, naming every matching item."""
    return Finding(evidence_ids=ids(found), values=dict(values)) if found else None
