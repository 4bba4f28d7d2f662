"""deadlines.md — statutory periods, counting rules 1–5, rest days, statuses and the calendar file."""

from __future__ import annotations

import re

import pytest
from spec_support import CPL, DATE_RE, RULES, assert_basis, case, evt, flags, one_period, periods

pytestmark = pytest.mark.no_database  # every test evaluates case files

AR = "criminal.arrest_review"
PR = "criminal.prosecution_review"


def _strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def _mentions_year(result: dict, year: str) -> bool:
    """Some text in the result (not merely a date field) mentions the year."""
    return any(year in s and not DATE_RE.match(s) for s in _strings(result))


# --- DL-ARREST-REVIEW -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "custody", "events", "due"),
    [
        ("2026-03-02", True, [], "2026-03-09"),  # 7 days in custody
        ("2026-02-28", True, [], "2026-03-07"),  # ends on a Saturday: in custody, no shift
        ("2026-02-20", False, [], "2026-03-09"),  # 2026-03-07 is a Saturday → Monday
        ("2026-09-16", False, [], "2026-10-08"),  # 2026-10-01 国庆 → first working day after the holiday
        ("2026-03-02", False, [evt("review_extended", "2026-03-05")], "2026-03-23"),  # 20 days → 03-22 Sunday
        ("2026-03-02", True, [evt("review_extended", "2026-03-05")], "2026-03-09"),  # custody: 7 even if extended
    ],
)
def test_arrest_review_due(cli, received, custody, events, due):
    result = cli.evaluate(case(AR, received_on=received, in_custody=custody, events=events), today=received)
    period = one_period(result, "DL-ARREST-REVIEW")
    assert period["start"] == received
    assert period["due"] == due
    assert period["name"]
    assert_basis(period["legal_basis"], (CPL, ["第91条第3款"]), (RULES, ["第282条"]))


@pytest.mark.parametrize(
    ("decisions", "status", "flagged"),
    [
        (["2026-03-09"], "met", False),  # on the due date
        (["2026-03-05", "2026-03-20"], "met", False),  # the first decision counts
        (["2026-03-10"], "overdue", True),  # done after due
    ],
)
def test_arrest_review_done(cli, decisions, status, flagged):
    events = [evt("arrest_decided", d, outcome="approved") for d in decisions]
    result = cli.evaluate(case(AR, in_custody=True, events=events), today="2026-03-25")
    period = one_period(result, "DL-ARREST-REVIEW")
    assert period["status"] == status
    assert period["days_left"] is None
    found = flags(result, "DL-ARREST-REVIEW")
    assert len(found) == (1 if flagged else 0)
    if flagged:
        assert found[0]["severity"] == "major"
        assert_basis(found[0]["legal_basis"], (CPL, ["第91条第3款"]), (RULES, ["第282条"]))


# --- DL-PROSECUTION-REVIEW: counting --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-03-02", "2026-04-02"),
        ("2024-01-31", "2024-02-29"),  # the spec's examples
        ("2024-04-30", "2024-05-31"),  # last day of a month → last day of the target month
        ("2026-02-28", "2026-03-31"),
        ("2026-01-30", "2026-02-28"),  # no 30th in February → its last day
    ],
)
def test_prosecution_review_month_rule(cli, received, due):
    result = cli.evaluate(case(PR, received_on=received, in_custody=True), today=received)
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert (period["start"], period["due"]) == (received, due)
    assert_basis(period["legal_basis"], (CPL, ["第172条", "第175条"]))


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-02-07", "2026-03-09"),  # 03-07 Saturday → Monday
        ("2026-01-28", "2026-02-28"),  # 02-28 is a Saturday but an official make-up working day
        ("2026-01-15", "2026-02-24"),  # 02-15 春节 holiday (02-15..02-23) → 02-24
    ],
)
def test_prosecution_review_rest_day_shift_when_not_in_custody(cli, received, due):
    result = cli.evaluate(case(PR, received_on=received, in_custody=False), today=received)
    assert one_period(result, "DL-PROSECUTION-REVIEW")["due"] == due


def test_prosecution_review_no_shift_in_custody(cli):
    result = cli.evaluate(case(PR, received_on="2026-01-15", in_custody=True), today="2026-01-15")
    assert one_period(result, "DL-PROSECUTION-REVIEW")["due"] == "2026-02-15"


@pytest.mark.parametrize(
    ("custody", "due"),
    [
        # unadjusted end 2026-03-07 (Saturday) + 15 = 2026-03-22 (Sunday); rule 3 once, on the final date
        (False, "2026-03-23"),
        (True, "2026-03-22"),
    ],
)
def test_extension_added_to_unadjusted_end(cli, custody, due):
    data = case(PR, received_on="2026-02-07", in_custody=custody, events=[evt("review_extended", "2026-03-01")])
    assert one_period(cli.evaluate(data, today="2026-03-01"), "DL-PROSECUTION-REVIEW")["due"] == due


def test_extension_dated_on_the_start_counts(cli):
    data = case(PR, received_on="2026-03-02", in_custody=True, events=[evt("review_extended", "2026-03-02")])
    assert one_period(cli.evaluate(data), "DL-PROSECUTION-REVIEW")["due"] == "2026-04-17"


def test_restart_on_latest_resubmission_and_earlier_extension_ignored(cli):
    events = [
        evt("review_extended", "2026-03-05"),
        evt("returned_for_investigation", "2026-03-10"),
        evt("resubmitted", "2026-03-20"),
        evt("returned_for_investigation", "2026-04-01"),
        evt("resubmitted", "2026-04-20"),
    ]
    data = case(PR, received_on="2026-03-02", in_custody=True, events=events)
    period = one_period(cli.evaluate(data, today="2026-04-21"), "DL-PROSECUTION-REVIEW")
    assert (period["start"], period["due"]) == ("2026-04-20", "2026-05-20")


def test_restart_then_extension_after_the_new_start(cli):
    events = [
        evt("returned_for_investigation", "2026-03-10"),
        evt("resubmitted", "2026-04-20"),
        evt("review_extended", "2026-04-25"),
    ]
    data = case(PR, received_on="2026-03-02", in_custody=True, events=events)
    period = one_period(cli.evaluate(data, today="2026-04-21"), "DL-PROSECUTION-REVIEW")
    assert (period["start"], period["due"]) == ("2026-04-20", "2026-06-04")


# --- DL-PROSECUTION-REVIEW: fast track ------------------------------------------------------------------------------

FAST = {"fast_track": True, "plea_agreement": True, "suspect_minor": False}


@pytest.mark.parametrize(
    ("received", "custody", "sentence", "events", "due"),
    [
        ("2026-03-02", True, "under_1y", [], "2026-03-12"),  # 10 days
        ("2026-03-02", True, "1_to_3y", [], "2026-03-17"),  # above one year: 15 days
        ("2026-03-02", True, "under_1y", [evt("review_extended", "2026-03-05")], "2026-03-12"),  # never extended
        ("2026-03-05", False, "under_1y", [], "2026-03-16"),  # 03-15 Sunday → Monday (not in custody)
    ],
)
def test_fast_track_periods(cli, received, custody, sentence, events, due):
    data = case(PR, received_on=received, in_custody=custody, possible_sentence=sentence, events=events, **FAST)
    assert one_period(cli.evaluate(data, today=received), "DL-PROSECUTION-REVIEW")["due"] == due


def test_ineligible_fast_track_gets_the_ordinary_period(cli):
    data = case(PR, received_on="2026-03-02", in_custody=True, **{**FAST, "suspect_minor": True,
                                                                   "possible_sentence": "under_1y"})
    result = cli.evaluate(data, today="2026-03-02")
    assert one_period(result, "DL-PROSECUTION-REVIEW")["due"] == "2026-04-02"
    assert flags(result, "PROC-FAST-TRACK-INELIGIBLE")


# --- DL-PROSECUTION-REVIEW: status ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "status", "days_left"),
    [
        ("2026-03-29", "open", 4),
        ("2026-03-30", "due_soon", 3),
        ("2026-04-02", "due_soon", 0),
        ("2026-04-03", "overdue", -1),
    ],
)
def test_prosecution_review_status_not_done(cli, today, status, days_left):
    result = cli.evaluate(case(PR, received_on="2026-03-02", in_custody=True), today=today)
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert period["due"] == "2026-04-02"
    assert (period["status"], period["days_left"]) == (status, days_left)
    overdue_flags = flags(result, "DL-PROSECUTION-REVIEW")
    if status == "overdue":
        assert len(overdue_flags) == 1 and overdue_flags[0]["severity"] == "major"
        assert_basis(overdue_flags[0]["legal_basis"], (CPL, ["第172条", "第175条"]))
    else:
        assert overdue_flags == []


@pytest.mark.parametrize(
    ("kind", "date", "status"),
    [
        ("prosecution_decided", "2026-04-02", "met"),
        ("non_prosecution_decided", "2026-03-10", "met"),
        ("prosecution_decided", "2026-03-02", "met"),  # on the start day ("after" includes the day)
        ("prosecution_decided", "2026-04-03", "overdue"),
    ],
)
def test_prosecution_review_status_done(cli, kind, date, status):
    result = cli.evaluate(case(PR, received_on="2026-03-02", in_custody=True, events=[evt(kind, date)]), today="2026-04-01")
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert period["status"] == status
    assert period["days_left"] is None
    assert len(flags(result, "DL-PROSECUTION-REVIEW")) == (1 if status == "overdue" else 0)


def test_decision_before_the_current_start_does_not_end_the_period(cli):
    events = [
        evt("prosecution_decided", "2026-03-05"),
        evt("returned_for_investigation", "2026-03-06"),
        evt("resubmitted", "2026-03-16"),
    ]
    data = case(PR, received_on="2026-03-02", in_custody=True, events=events)
    period = one_period(cli.evaluate(data, today="2026-03-20"), "DL-PROSECUTION-REVIEW")
    assert (period["start"], period["due"], period["status"], period["days_left"]) == (
        "2026-03-16", "2026-04-16", "open", 27)


# --- DL-SUPPLEMENTARY-INVESTIGATION ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("custody", "returned", "resubmitted", "today", "due", "status", "days_left"),
    [
        (True, "2026-03-10", None, "2026-04-11", "2026-04-10", "overdue", -1),
        (True, "2026-03-10", "2026-04-10", "2026-04-20", "2026-04-10", "met", None),
        (True, "2026-03-10", "2026-04-11", "2026-04-20", "2026-04-10", "overdue", None),
        (False, "2026-02-07", None, "2026-03-01", "2026-03-09", "open", 8),  # 03-07 Saturday → Monday
    ],
)
def test_supplementary_investigation(cli, custody, returned, resubmitted, today, due, status, days_left):
    events = [evt("returned_for_investigation", returned)]
    if resubmitted:
        events.append(evt("resubmitted", resubmitted))
    result = cli.evaluate(case(PR, received_on="2026-02-02", in_custody=custody, events=events), today=today)
    period = one_period(result, "DL-SUPPLEMENTARY-INVESTIGATION")
    assert (period["start"], period["due"], period["status"], period["days_left"]) == (
        returned, due, status, days_left)
    assert_basis(period["legal_basis"], (CPL, ["第175条第3款"]))
    assert len(flags(result, "DL-SUPPLEMENTARY-INVESTIGATION")) == (1 if status == "overdue" else 0)


def test_one_supplementary_period_per_return_and_one_flag_per_overdue_period(cli):
    events = [
        evt("returned_for_investigation", "2026-01-05"),
        evt("resubmitted", "2026-02-10"),  # due 02-05: late
        evt("returned_for_investigation", "2026-02-20"),
        evt("resubmitted", "2026-03-25"),  # due 03-20: late
    ]
    result = cli.evaluate(case(PR, received_on="2025-12-20", in_custody=True, events=events), today="2026-03-26")
    found = sorted(periods(result, "DL-SUPPLEMENTARY-INVESTIGATION"), key=lambda p: p["start"])
    assert [(p["start"], p["due"], p["status"]) for p in found] == [
        ("2026-01-05", "2026-02-05", "overdue"),
        ("2026-02-20", "2026-03-20", "overdue"),
    ]
    overdue = flags(result, "DL-SUPPLEMENTARY-INVESTIGATION")
    assert len(overdue) == 2
    assert {f["severity"] for f in overdue} == {"major"}


def test_periods_belong_to_their_case_types(cli):
    events = [evt("returned_for_investigation", "2026-03-05")]
    arrest = cli.evaluate(case(AR, in_custody=True, events=events))
    assert {d["rule"] for d in arrest["deadlines"]} & {"DL-PROSECUTION-REVIEW", "DL-SUPPLEMENTARY-INVESTIGATION"} == set()
    assert len(periods(arrest, "DL-ARREST-REVIEW")) == 1
    review = cli.evaluate(case(PR, in_custody=True, events=events))
    assert periods(review, "DL-ARREST-REVIEW") == []


# --- calendar -------------------------------------------------------------------------------------------------------


def test_year_without_calendar_counts_weekends_only_and_says_so(cli):
    # 2031-01-01 + 1 month = 2031-02-01, a Saturday → Monday 2031-02-03
    result = cli.evaluate(case(PR, received_on="2031-01-01", in_custody=False), today="2031-01-10")
    assert one_period(result, "DL-PROSECUTION-REVIEW")["due"] == "2031-02-03"
    assert _mentions_year(result, "2031")


def _calendar(cli, holidays: list[str], weekends: bool = True, name: str = "cal.yaml"):
    """A replacement calendar (`casecheck.calendar/1`) that knows 2026 only."""
    listed = "".join(f"      - {h}\n" for h in holidays)
    text = (
        "format: casecheck.calendar/1\n"
        f"weekends_are_rest_days: {str(weekends).lower()}\n"
        "years:\n"
        "  2026:\n"
        "    source: 测试日历\n"
        + ("    holidays:\n" + listed if holidays else "    holidays: []\n")
        + "    workdays: []\n"
    )
    return cli.write_text(text, name)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-03-02", "2026-03-18"),  # 03-17 is a holiday in the replacement calendar
        ("2026-09-16", "2026-10-01"),  # the built-in 国庆 holiday no longer applies
    ],
)
def test_calendar_option_replaces_the_calendar(cli, received, due):
    cal = _calendar(cli, ["2026-03-17"])
    result = cli.evaluate(case(AR, received_on=received, in_custody=False), today=received, calendar=cal)
    assert one_period(result, "DL-ARREST-REVIEW")["due"] == due


def test_calendar_setting_weekends_not_rest_days(cli):
    cal = _calendar(cli, [], weekends=False)
    result = cli.evaluate(case(AR, received_on="2026-02-20", in_custody=False), today="2026-02-20", calendar=cal)
    assert one_period(result, "DL-ARREST-REVIEW")["due"] == "2026-03-07"


def test_replacement_calendar_without_the_year(cli):
    text = "format: casecheck.calendar/1\nweekends_are_rest_days: true\nyears:\n  2024:\n    holidays: [2024-01-01]\n"
    cal = cli.write_text(text, "only2024.yaml")
    result = cli.evaluate(case(AR, received_on="2026-09-16", in_custody=False), today="2026-09-16", calendar=cal)
    assert one_period(result, "DL-ARREST-REVIEW")["due"] == "2026-10-01"  # a Thursday; weekends only
    assert _mentions_year(result, "2026")


@pytest.mark.parametrize(
    ("holidays", "workdays", "date"),
    [
        (["2026-03-17"], ["2026-03-17"], "2026-03-17"),
        (["2026-03-09..2026-03-13"], ["2026-03-11"], "2026-03-11"),
    ],
)
def test_date_both_holiday_and_workday_is_invalid(cli, holidays, workdays, date):
    text = (
        "format: casecheck.calendar/1\nweekends_are_rest_days: true\nyears:\n  2026:\n    holidays:\n"
        + "".join(f"      - {h}\n" for h in holidays)
        + "    workdays:\n"
        + "".join(f"      - {w}\n" for w in workdays)
    )
    cal = cli.write_text(text, "bad.yaml")
    path = cli.write(case(AR))
    run = cli.run("evaluate", path, "--today", "2026-03-20", "--calendar", cal, "--format", "json")
    assert run.rc == 2
    assert date in run.err
    assert "Traceback" not in run.err
    assert run.out.strip() == "" or not run.out.lstrip().startswith("{")


def test_missing_calendar_file_is_bad_input(cli):
    path = cli.write(case(AR))
    run = cli.run("evaluate", path, "--calendar", cli.tmp / "nope.yaml", "--format", "json")
    assert run.rc == 2
    assert "nope.yaml" in run.err


def test_days_left_counts_calendar_days(cli):
    # due 2026-10-08 after the 国庆 shift; today 2026-09-30 → 8 calendar days
    result = cli.evaluate(case(AR, received_on="2026-09-16", in_custody=False), today="2026-09-30")
    period = one_period(result, "DL-ARREST-REVIEW")
    assert (period["due"], period["status"], period["days_left"]) == ("2026-10-08", "open", 8)
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", period["start"])


def test_review_period_is_suspended_while_the_case_is_back_for_investigation(cli):
    # 退回补充侦查 on or before due with no resubmission yet stops the clock: suspended, due still reported, no flag.
    events = [evt("returned_for_investigation", "2026-03-10")]
    result = cli.evaluate(case(PR, received_on="2026-03-02", in_custody=True, events=events), today="2026-04-05")
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert (period["start"], period["due"], period["status"], period["days_left"]) == (
        "2026-03-02", "2026-04-02", "suspended", None)
    assert flags(result, "DL-PROSECUTION-REVIEW") == []
