"""deadlines.md (issue 8 readings) through `casecheck evaluate --format json`: the suspended status, the 监察 and
自侦 periods, psychiatric days, the reply periods of other bodies, the civil/public-interest/enforcement periods, and
the calendar warning. Dates are on the 2024 calendar and were counted by hand (see the ids)."""

from __future__ import annotations

import pytest
from spec_support import CPL, RULES, assert_basis, case, evt, flags, one_flag, one_period, periods

pytestmark = pytest.mark.no_database  # every test evaluates case files

AR = "criminal.arrest_review"
PR = "criminal.prosecution_review"
CIVIL_SUP = "civil.judgment_supervision"
ENF = "civil.enforcement_termination"
PIA = "public_interest.administrative"
PIL_INTERP = r"最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释"
CIVIL_PROCEDURE = r"中华人民共和国民事诉讼法"
INVESTIGATION = r"最高人民法院关于民事执行中财产调查若干问题的规定"


# --- suspended (退回补充侦查) -------------------------------------------------------------------------------------


@pytest.mark.parametrize("returned", ["2024-03-15", "2024-04-01"], ids=["returned_03_15", "returned_on_due_04_01"])
def test_return_on_or_before_due_suspends_review_2024_03_01_due_04_01(cli, returned):
    data = case(PR, received_on="2024-03-01", in_custody=True, events=[evt("returned_for_investigation", returned)])
    result = cli.evaluate(data, today="2024-04-10")
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert (period["start"], period["due"], period["status"], period["days_left"]) == (
        "2024-03-01", "2024-04-01", "suspended", None)
    assert flags(result, "DL-PROSECUTION-REVIEW") == []


def test_return_after_due_2024_04_02_leaves_review_overdue(cli):
    data = case(PR, received_on="2024-03-01", in_custody=True,
                events=[evt("returned_for_investigation", "2024-04-02")])
    result = cli.evaluate(data, today="2024-04-10")
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert (period["status"], period["days_left"]) == ("overdue", -9)
    assert one_flag(result, "DL-PROSECUTION-REVIEW")["severity"] == "major"


def test_decision_while_suspended_2024_04_20_is_met(cli):
    events = [evt("returned_for_investigation", "2024-03-15"), evt("non_prosecution_decided", "2024-04-20")]
    result = cli.evaluate(case(PR, received_on="2024-03-01", in_custody=True, events=events), today="2024-04-25")
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert (period["status"], period["days_left"]) == ("met", None)
    assert flags(result, "DL-PROSECUTION-REVIEW") == []


def test_suspended_text_says_why_the_clock_stopped(cli):
    path = cli.write(case(PR, received_on="2024-03-01", in_custody=True,
                          events=[evt("returned_for_investigation", "2024-03-15")]))
    run = cli.run("evaluate", path, "--today", "2024-04-10")
    assert run.rc == 0
    assert "已中止（退回补充侦查期间）" in run.out


# --- 监察 先行拘留 (刑诉法 第170条第2款) ---------------------------------------------------------------------------


def test_supervisory_detention_2024_03_06_plus_10_is_saturday_03_16_and_overdue_on_03_18(cli):
    data = case(PR, received_on="2024-03-06", in_custody=False, investigated_by="supervisory_commission",
                events=[evt("preliminary_detention", "2024-03-06")])
    result = cli.evaluate(data, today="2024-03-18")
    period = one_period(result, "DL-SUPERVISORY-DETENTION")
    assert (period["start"], period["due"], period["status"], period["days_left"]) == (
        "2024-03-06", "2024-03-16", "overdue", -2)
    flag = one_flag(result, "DL-SUPERVISORY-DETENTION")
    assert flag["severity"] == "major"
    assert_basis(flag["legal_basis"], (CPL, ["第170条第2款"]))
    # The review period is not reported until the measure is decided.
    assert periods(result, "DL-PROSECUTION-REVIEW") == []


def test_supervisory_review_starts_at_the_measure_2024_03_08_plus_1m_is_04_08(cli):
    events = [evt("preliminary_detention", "2024-03-01"), evt("detention_decision_extended", "2024-03-09"),
              evt("coercive_measure_decided", "2024-03-08")]
    result = cli.evaluate(case(PR, received_on="2024-03-01", in_custody=True, events=events), today="2024-03-20")
    review = one_period(result, "DL-PROSECUTION-REVIEW")
    assert (review["start"], review["due"]) == ("2024-03-08", "2024-04-08")
    detention = one_period(result, "DL-SUPERVISORY-DETENTION")
    assert (detention["due"], detention["status"]) == ("2024-03-15", "met")  # 14 days with the extension


# --- 审查逮捕 in the procuratorate's own investigation (规则 第297条) ----------------------------------------------


def test_own_investigation_in_custody_extended_2024_03_01_plus_10_is_03_11(cli):
    data = case(AR, received_on="2024-03-01", in_custody=True, investigated_by="procuratorate",
                events=[evt("review_extended", "2024-03-04")])
    period = one_period(cli.evaluate(data, today="2024-03-02"), "DL-ARREST-REVIEW")
    assert period["due"] == "2024-03-11"
    assert_basis(period["legal_basis"], (CPL, ["第91条第3款"]), (RULES, ["第282条", "第297条"]))


# --- psychiatric evaluation (刑诉法 第149条) -----------------------------------------------------------------------


def test_psychiatric_days_2024_04_01_plus_20_is_sunday_04_21_moves_to_04_22(cli):
    events = [evt("psychiatric_evaluation_started", "2024-03-05"), evt("psychiatric_evaluation_ended", "2024-03-25")]
    result = cli.evaluate(case(PR, received_on="2024-03-01", in_custody=False, events=events), today="2024-04-02")
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert (period["due"], period["status"]) == ("2024-04-22", "open")


def test_psychiatric_evaluation_under_way_is_suspended(cli):
    events = [evt("psychiatric_evaluation_started", "2024-03-05")]
    result = cli.evaluate(case(PR, received_on="2024-03-01", in_custody=True, events=events), today="2024-04-10")
    period = one_period(result, "DL-PROSECUTION-REVIEW")
    assert (period["status"], period["days_left"]) == ("suspended", None)
    assert flags(result, "DL-PROSECUTION-REVIEW") == []


# --- periods of another body: flags are `info` -------------------------------------------------------------------


def test_detention_necessity_reply_2024_03_20_plus_10_overdue_is_info(cli):
    events = [evt("detention_necessity_suggested", "2024-03-01"), evt("detention_necessity_replied", "2024-03-11"),
              evt("detention_necessity_suggested", "2024-03-20")]
    result = cli.evaluate(case(PR, received_on="2024-02-01", in_custody=True, events=events), today="2024-04-08")
    found = sorted(periods(result, "DL-DETENTION-NECESSITY-REPLY"), key=lambda p: p["start"])
    assert [(p["due"], p["status"]) for p in found] == [("2024-03-11", "met"), ("2024-03-30", "overdue")]
    flag = one_flag(result, "DL-DETENTION-NECESSITY-REPLY")
    assert flag["severity"] == "info"
    assert_basis(flag["legal_basis"], (CPL, ["第95条"]))


@pytest.mark.parametrize(
    ("outcome", "due"),
    [("", "2024-05-06"), ("urgent", "2024-03-18")],
    ids=["2024_03_01_plus_2m_holiday_05_01_moves_to_05_06", "urgent_2024_03_01_plus_15_sat_moves_to_03_18"],
)
def test_suggestion_reply(cli, outcome, due):
    served = evt("suggestion_served", "2024-03-01", **({"outcome": outcome} if outcome else {}))
    result = cli.evaluate(case(PIA, received_on="2024-02-01", events=[served]), today="2024-06-01")
    period = one_period(result, "DL-SUGGESTION-REPLY")
    assert (period["start"], period["due"], period["status"]) == ("2024-03-01", due, "overdue")
    flag = one_flag(result, "DL-SUGGESTION-REPLY")
    assert flag["severity"] == "info"
    assert_basis(flag["legal_basis"], (PIL_INTERP, ["第21条第2款"]))


# --- civil and enforcement ---------------------------------------------------------------------------------------


def test_civil_supervision_2024_02_29_plus_3m_is_05_29_not_month_end(cli):
    result = cli.evaluate(case(CIVIL_SUP, received_on="2024-02-29"), today="2024-05-30")
    period = one_period(result, "DL-CIVIL-SUPERVISION-REVIEW")
    assert (period["due"], period["status"], period["days_left"]) == ("2024-05-29", "overdue", -1)
    flag = one_flag(result, "DL-CIVIL-SUPERVISION-REVIEW")
    assert flag["severity"] == "major"
    assert_basis(flag["legal_basis"], (CIVIL_PROCEDURE, ["第220条第2款"]))


def test_enforcement_clue_check_one_period_per_clue(cli):
    events = [evt("property_clue_provided", "2024-03-01", outcome="urgent"), evt("property_clue_checked", "2024-03-04"),
              evt("property_clue_provided", "2024-09-10")]
    result = cli.evaluate(case(ENF, received_on="2024-01-02", events=events), today="2024-09-19")
    found = sorted(periods(result, "DL-ENF-CLUE-CHECK"), key=lambda p: p["start"])
    # urgent: 03-01 + 3 = 03-04; 09-10 + 7 = 09-17 (中秋) → 09-18
    assert [(p["due"], p["status"]) for p in found] == [("2024-03-04", "met"), ("2024-09-18", "overdue")]
    flag = one_flag(result, "DL-ENF-CLUE-CHECK")
    assert flag["severity"] == "major"
    assert_basis(flag["legal_basis"], (INVESTIGATION, ["第2条第1款"]))


def test_reverse_referral_transfer_2024_02_08_plus_3_working_days_is_02_19(cli):
    events = [evt("non_prosecution_decided", "2024-02-08"), evt("referral_transferred", "2024-02-20")]
    result = cli.evaluate(case("administrative.reverse_referral", received_on="2024-01-10", events=events),
                          today="2024-02-21")
    period = one_period(result, "DL-REFERRAL-TRANSFER")
    assert (period["due"], period["status"]) == ("2024-02-19", "overdue")
    assert one_flag(result, "DL-REFERRAL-TRANSFER")["verified"] is False


# --- calendars ahead of time ---------------------------------------------------------------------------------------


def test_from_november_json_warns_that_next_years_calendar_is_missing(cli):
    result = cli.evaluate(case(PR, received_on="2026-11-02", in_custody=True), today="2026-11-02")
    assert any("2027" in w and "导入节假日历" in w for w in result["warnings"])
    earlier = cli.evaluate(case(PR, received_on="2026-10-30", in_custody=True), today="2026-10-30")
    assert earlier["warnings"] == []


def test_from_november_text_warns_in_one_line(cli):
    path = cli.write(case(PR, received_on="2026-11-02", in_custody=True))
    run = cli.run("evaluate", path, "--today", "2026-11-02")
    assert run.rc == 0
    lines = [line for line in run.out.splitlines() if "2027" in line and "导入节假日历" in line]
    assert len(lines) == 1


def test_imported_next_year_calendar_silences_the_warning(cli):
    text = ("format: casecheck.calendar/1\nweekends_are_rest_days: true\nyears:\n"
            "  2026:\n    holidays: []\n  2027:\n    source: 测试\n    holidays: [2027-01-01]\n")
    cal = cli.write_text(text, "with2027.yaml")
    result = cli.evaluate(case(PR, received_on="2026-11-02", in_custody=True), today="2026-11-02", calendar=cal)
    assert result["warnings"] == []
