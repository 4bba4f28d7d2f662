"""Properties of period counting that must hold for any start date and any holiday calendar."""

from __future__ import annotations

import calendar as gregorian
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.calendar import CalendarYear, HolidayCalendar, load_calendar
from desktop_app.core.case import Case, Event
from desktop_app.core.deadlines import add_days, add_months, compute_deadlines, period_end

SHIPPED = load_calendar()
starts = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2027, 12, 31))
lengths = st.one_of(
    st.fixed_dictionaries({"days": st.sampled_from([7, 10, 15, 20])}),
    st.fixed_dictionaries({"months": st.just(1), "extension_days": st.sampled_from([0, 15])}),
)


@st.composite
def calendars(draw: st.DrawFn) -> HolidayCalendar:
    """A random but valid calendar: some years with random days off and make-up days that never overlap them."""
    years: dict[int, CalendarYear] = {}
    for year in draw(st.sets(st.integers(2023, 2028), max_size=4)):
        in_year = st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))
        holidays = draw(st.frozensets(in_year, max_size=40))
        workdays = draw(st.frozensets(in_year, max_size=10)) - holidays
        years[year] = CalendarYear(year, f"测试{year}", holidays, workdays)
    return HolidayCalendar(weekends_are_rest_days=draw(st.booleans()), calendar_years=years)


def last_day(day: dt.date) -> int:
    return gregorian.monthrange(day.year, day.month)[1]


@given(starts, st.integers(0, 120), st.booleans())
def test_add_months_lands_in_the_right_month_on_the_same_or_last_day(
    start: dt.date, months: int, criminal: bool
) -> None:
    end = add_months(start, months, month_end_to_month_end=criminal)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    if criminal and start.day == last_day(start):
        assert end.day == last_day(end)
    else:
        assert end.day == min(start.day, last_day(end))


@given(starts, lengths, calendars())
@settings(max_examples=150)
def test_custody_end_is_the_plain_end_and_never_later_than_on_bail(
    start: dt.date, length: dict[str, int], calendar: HolidayCalendar
) -> None:
    plain = add_days(
        add_months(start, length.get("months", 0)), length.get("days", 0) + length.get("extension_days", 0)
    )
    custody = period_end(start, in_custody_criminal=True, calendar=calendar, **length)
    bail = period_end(start, calendar=calendar, **length)
    assert custody == plain
    assert plain <= bail


@given(starts, lengths, calendars())
@settings(max_examples=150)
def test_end_on_bail_is_the_first_working_day_on_or_after_the_plain_end(
    start: dt.date, length: dict[str, int], calendar: HolidayCalendar
) -> None:
    plain = add_days(
        add_months(start, length.get("months", 0)), length.get("days", 0) + length.get("extension_days", 0)
    )
    end = period_end(start, calendar=calendar, **length)
    assert not calendar.is_rest_day(end)
    day = plain
    while day < end:
        assert calendar.is_rest_day(day)
        day += dt.timedelta(days=1)


@given(starts, st.integers(1, 60), st.integers(0, 2))
def test_end_is_never_before_start_plus_the_length(start: dt.date, days: int, months: int) -> None:
    assert period_end(start, days=days, months=months, calendar=SHIPPED) >= start + dt.timedelta(days=days)


@given(
    starts,
    st.integers(-60, 60),
    st.booleans(),
    st.lists(st.tuples(st.sampled_from(["returned_for_investigation", "resubmitted"]), st.integers(0, 120))),
    st.one_of(st.none(), st.integers(0, 120)),
)
@settings(max_examples=120)
def test_status_agrees_with_dates(
    start: dt.date, offset: int, in_custody: bool, moves: list[tuple[str, int]], decided: int | None
) -> None:
    events = [Event(kind, start + dt.timedelta(days=n)) for kind, n in moves]
    if decided is not None:
        events.append(Event("prosecution_decided", start + dt.timedelta(days=decided)))
    case = Case("号", "案", "criminal.prosecution_review", "检察官", start, in_custody=in_custody, events=events)
    today = start + dt.timedelta(days=30 + offset)
    for deadline in compute_deadlines(case, today, SHIPPED):
        assert deadline.due > deadline.start
        if deadline.done_on is not None:
            assert deadline.days_left is None
            # A decision while the case is out for 补充侦查 (returned on or after the start, on or before due, not
            # resubmitted since) is in time: the clock was stopped.
            stopped = deadline.rule == "DL-PROSECUTION-REVIEW" and any(
                deadline.start <= e.date <= min(deadline.due, deadline.done_on)
                and not any(r.kind == "resubmitted" and r.date >= e.date for r in events)
                for e in events if e.kind == "returned_for_investigation")
            late = deadline.done_on > deadline.due
            assert deadline.status == ("overdue" if late and not stopped else "met")
        elif deadline.status == "suspended":
            assert deadline.days_left is None and deadline.suspended_by == "returned_for_investigation"
        else:
            assert deadline.days_left == (deadline.due - today).days
            expected = "overdue" if deadline.days_left < 0 else "due_soon" if deadline.days_left <= 3 else "open"
            assert deadline.status == expected
        if not in_custody:
            assert not SHIPPED.is_rest_day(deadline.due)
