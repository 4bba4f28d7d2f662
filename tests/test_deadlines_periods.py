"""Every statutory period of `deadlines.md` (and the further ones of issue 8), fire / no-fire / boundary, on the
2024 calendar. The dates in the test names were counted by hand from the 2024 notice (国办发明电〔2023〕7号):
春节 02-10..02-17 (02-04, 02-18 worked), 清明 04-04..04-06 (04-07 worked), 劳动节 05-01..05-05 (04-28, 05-11 worked),
中秋 09-15..09-17 (09-14 worked), 国庆 10-01..10-07 (09-29, 10-12 worked).
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.core.calendar import load_calendar
from desktop_app.core.case import Case, Event
from desktop_app.core.deadlines import CountingSettings, compute_deadlines, overdue_flags
from desktop_app.core.results import Deadline, Flag

CAL = load_calendar()
D = dt.date
PR = "criminal.prosecution_review"
AR = "criminal.arrest_review"


def ev(kind: str, day: dt.date, outcome: str = "") -> Event:
    return Event(kind, day, outcome=outcome)


def make(case_type: str, received: dt.date, *events: Event, **fields: object) -> Case:
    return Case("京朝检刑诉〔2024〕1号", "张某某盗窃案", case_type, "李检察官", received, events=list(events),
                **fields)  # type: ignore[arg-type]


def periods(c: Case, today: dt.date, rule: str, settings: CountingSettings | None = None) -> list[Deadline]:
    return [d for d in compute_deadlines(c, today, CAL, settings) if d.rule == rule]


def one(c: Case, today: dt.date, rule: str, settings: CountingSettings | None = None) -> Deadline:
    found = periods(c, today, rule, settings)
    assert len(found) == 1, found
    return found[0]


def flags_of(c: Case, today: dt.date, rule: str) -> list[Flag]:
    return [f for f in overdue_flags(compute_deadlines(c, today, CAL)) if f.rule == rule]


# --- DL-ARREST-REVIEW ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("custody", "investigated_by", "extended", "due"),
    [
        (True, "procuratorate", True, D(2024, 3, 11)),  # 规则 第297条: 7 + 3 in the procuratorate's own case
        (True, "procuratorate", False, D(2024, 3, 8)),
        (True, "public_security", True, D(2024, 3, 8)),  # in custody: 7 even with an extension
        (False, "public_security", True, D(2024, 3, 21)),  # 20 days
        (False, "procuratorate", True, D(2024, 3, 21)),
        (False, None, False, D(2024, 3, 18)),  # 15 days: 03-16 is a Saturday → Monday
    ],
    ids=["own-custody-extended_2024_03_01_plus_10_is_03_11", "own-custody_2024_03_01_plus_7_is_03_08",
         "police-custody-extended_2024_03_01_plus_7_is_03_08", "police-extended_2024_03_01_plus_20_is_03_21",
         "own-extended_2024_03_01_plus_20_is_03_21", "plain_2024_03_01_plus_15_sat_03_16_moves_to_03_18"],
)
def test_arrest_review_lengths(custody: bool, investigated_by: str | None, extended: bool, due: dt.date) -> None:
    events = [ev("review_extended", D(2024, 3, 4))] if extended else []
    c = make(AR, D(2024, 3, 1), *events, in_custody=custody, investigated_by=investigated_by)
    assert one(c, D(2024, 3, 2), "DL-ARREST-REVIEW").due == due


def test_arrest_review_own_case_extension_before_receipt_does_not_count_2024_03_01_plus_7_is_03_08() -> None:
    c = make(AR, D(2024, 3, 1), ev("review_extended", D(2024, 2, 29)), in_custody=True, investigated_by="procuratorate")
    assert one(c, D(2024, 3, 2), "DL-ARREST-REVIEW").due == D(2024, 3, 8)


@pytest.mark.parametrize(("decided", "status"), [(D(2024, 3, 11), "met"), (D(2024, 3, 12), "overdue")],
                         ids=["decided_on_2024_03_11_met", "decided_2024_03_12_overdue"])
def test_arrest_review_own_case_extended_boundary(decided: dt.date, status: str) -> None:
    c = make(AR, D(2024, 3, 1), ev("review_extended", D(2024, 3, 4)), ev("arrest_decided", decided),
             in_custody=True, investigated_by="procuratorate")
    assert one(c, D(2024, 4, 1), "DL-ARREST-REVIEW").status == status
    assert len(flags_of(c, D(2024, 4, 1), "DL-ARREST-REVIEW")) == (status == "overdue")


def test_arrest_review_custody_no_shift_2024_02_03_plus_7_is_holiday_02_10() -> None:
    assert one(make(AR, D(2024, 2, 3), in_custody=True), D(2024, 2, 4), "DL-ARREST-REVIEW").due == D(2024, 2, 10)


def test_arrest_review_not_in_custody_2024_02_03_plus_15_is_worked_sunday_02_18() -> None:
    assert one(make(AR, D(2024, 2, 3)), D(2024, 2, 4), "DL-ARREST-REVIEW").due == D(2024, 2, 18)


# --- DL-PROSECUTION-REVIEW: month rule, start, extension -------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "custody", "due"),
    [
        (D(2024, 4, 30), True, D(2024, 5, 31)),  # criminal month end → month end (刑诉法解释 第202条)
        (D(2024, 1, 31), True, D(2024, 2, 29)),
        (D(2024, 2, 29), True, D(2024, 3, 31)),  # a Sunday, in custody: no shift
        (D(2024, 2, 29), False, D(2024, 4, 1)),  # not in custody: Sunday → Monday
    ],
    ids=["2024_04_30_plus_1m_is_05_31", "2024_01_31_plus_1m_is_02_29", "2024_02_29_plus_1m_is_03_31_in_custody",
         "2024_02_29_plus_1m_sun_03_31_moves_to_04_01"],
)
def test_prosecution_review_criminal_month_rule(received: dt.date, custody: bool, due: dt.date) -> None:
    assert one(make(PR, received, in_custody=custody), received, "DL-PROSECUTION-REVIEW").due == due


def test_supervisory_case_review_starts_at_the_measure_decision_2024_03_08_plus_1m_is_04_08() -> None:
    c = make(PR, D(2024, 3, 1), ev("preliminary_detention", D(2024, 3, 1)),
             ev("coercive_measure_decided", D(2024, 3, 8)), in_custody=True, investigated_by="supervisory_commission")
    d = one(c, D(2024, 3, 20), "DL-PROSECUTION-REVIEW")
    assert (d.start, d.due, d.status) == (D(2024, 3, 8), D(2024, 4, 8), "open")


def test_supervisory_case_review_not_reported_until_the_measure_is_decided() -> None:
    c = make(PR, D(2024, 3, 1), ev("preliminary_detention", D(2024, 3, 1)),
             ev("coercive_measure_decided", D(2024, 2, 28)), in_custody=True)  # a decision before it does not count
    assert periods(c, D(2024, 5, 1), "DL-PROSECUTION-REVIEW") == []


def test_supervisory_case_review_restarts_on_resubmission_2024_04_10_plus_1m_is_05_10() -> None:
    c = make(PR, D(2024, 3, 1), ev("preliminary_detention", D(2024, 3, 1)),
             ev("coercive_measure_decided", D(2024, 3, 8)), ev("returned_for_investigation", D(2024, 3, 15)),
             ev("resubmitted", D(2024, 4, 10)), in_custody=True)
    d = one(c, D(2024, 4, 15), "DL-PROSECUTION-REVIEW")
    assert (d.start, d.due, d.status, d.days_left) == (D(2024, 4, 10), D(2024, 5, 10), "open", 25)


@pytest.mark.parametrize(
    ("extended_on", "custody", "due"),
    [
        (D(2024, 3, 20), True, D(2024, 5, 10)),  # before the current start (04-10): not counted
        (D(2024, 4, 12), True, D(2024, 5, 25)),  # 05-10 + 15 = Saturday 05-25, in custody
        (D(2024, 4, 12), False, D(2024, 5, 27)),  # not in custody → Monday
        (D(2024, 4, 10), True, D(2024, 5, 25)),  # on the start day counts
    ],
    ids=["extension_2024_03_20_before_restart_ignored_due_05_10", "extension_after_restart_05_10_plus_15_is_05_25",
         "extension_after_restart_sat_05_25_moves_to_05_27", "extension_on_restart_day_2024_04_10_counts"],
)
def test_review_extension_counts_only_on_or_after_the_current_start(extended_on: dt.date, custody: bool,
                                                                     due: dt.date) -> None:
    c = make(PR, D(2024, 3, 1), ev("returned_for_investigation", D(2024, 3, 5)), ev("review_extended", extended_on),
             ev("resubmitted", D(2024, 4, 10)), in_custody=custody)
    assert one(c, D(2024, 4, 15), "DL-PROSECUTION-REVIEW").due == due


def test_fast_track_never_extended_2024_03_01_plus_10_is_03_11() -> None:
    c = make(PR, D(2024, 3, 1), ev("review_extended", D(2024, 3, 2)), in_custody=True, fast_track=True,
             plea_agreement=True, possible_sentence="under_1y")
    assert one(c, D(2024, 3, 2), "DL-PROSECUTION-REVIEW").due == D(2024, 3, 11)


# --- DL-PROSECUTION-REVIEW: suspended while out for 补充侦查 ----------------------------------------------------
# Received 2024-03-01 in custody: due 2024-04-01.


@pytest.mark.parametrize(
    "returned",
    [D(2024, 3, 15), D(2024, 4, 1), D(2024, 3, 1)],
    ids=["returned_2024_03_15", "returned_on_due_2024_04_01", "returned_on_start_2024_03_01"],
)
def test_review_suspended_while_returned_no_flag_due_still_reported(returned: dt.date) -> None:
    c = make(PR, D(2024, 3, 1), ev("returned_for_investigation", returned), in_custody=True)
    d = one(c, D(2024, 4, 10), "DL-PROSECUTION-REVIEW")
    assert (d.start, d.due, d.status, d.days_left, d.done_on) == (D(2024, 3, 1), D(2024, 4, 1), "suspended", None, None)
    assert d.suspended_by == "returned_for_investigation"
    assert d.status_label == "已中止（退回补充侦查期间）"
    assert flags_of(c, D(2024, 4, 10), "DL-PROSECUTION-REVIEW") == []


def test_review_returned_after_due_2024_04_02_stays_overdue() -> None:
    c = make(PR, D(2024, 3, 1), ev("returned_for_investigation", D(2024, 4, 2)), in_custody=True)
    d = one(c, D(2024, 4, 10), "DL-PROSECUTION-REVIEW")
    assert (d.due, d.status, d.days_left, d.suspended_by) == (D(2024, 4, 1), "overdue", -9, None)
    assert [f.severity for f in flags_of(c, D(2024, 4, 10), "DL-PROSECUTION-REVIEW")] == ["major"]


def test_review_decision_while_suspended_2024_04_20_is_met() -> None:
    c = make(PR, D(2024, 3, 1), ev("returned_for_investigation", D(2024, 3, 15)),
             ev("non_prosecution_decided", D(2024, 4, 20)), in_custody=True)
    d = one(c, D(2024, 4, 25), "DL-PROSECUTION-REVIEW")
    assert (d.status, d.done_on, d.days_left, d.suspended_by) == ("met", D(2024, 4, 20), None,
                                                                  "returned_for_investigation")
    assert flags_of(c, D(2024, 4, 25), "DL-PROSECUTION-REVIEW") == []


def test_review_resubmitted_after_return_runs_again_2024_04_10_plus_1m_is_05_10() -> None:
    c = make(PR, D(2024, 3, 1), ev("returned_for_investigation", D(2024, 3, 15)), ev("resubmitted", D(2024, 4, 10)),
             in_custody=True)
    d = one(c, D(2024, 4, 15), "DL-PROSECUTION-REVIEW")
    assert (d.start, d.due, d.status, d.suspended_by) == (D(2024, 4, 10), D(2024, 5, 10), "open", None)


# --- DL-PROSECUTION-REVIEW: psychiatric evaluation (刑诉法 第149条) ---------------------------------------------


@pytest.mark.parametrize(
    ("custody", "due"),
    [(True, D(2024, 4, 21)), (False, D(2024, 4, 22))],
    ids=["2024_04_01_plus_20_evaluation_days_is_sunday_04_21_in_custody", "sunday_04_21_moves_to_04_22"],
)
def test_psychiatric_days_added_to_the_unadjusted_end(custody: bool, due: dt.date) -> None:
    c = make(PR, D(2024, 3, 1), ev("psychiatric_evaluation_started", D(2024, 3, 5)),
             ev("psychiatric_evaluation_ended", D(2024, 3, 25)), in_custody=custody)
    d = one(c, D(2024, 4, 2), "DL-PROSECUTION-REVIEW")
    assert (d.due, d.status) == (due, "open")


def test_psychiatric_and_extension_2024_04_01_plus_15_plus_10_is_04_26() -> None:
    c = make(PR, D(2024, 3, 1), ev("review_extended", D(2024, 3, 10)),
             ev("psychiatric_evaluation_started", D(2024, 3, 5)), ev("psychiatric_evaluation_ended", D(2024, 3, 15)),
             in_custody=True)
    assert one(c, D(2024, 4, 2), "DL-PROSECUTION-REVIEW").due == D(2024, 4, 26)


def test_psychiatric_evaluation_under_way_suspends_the_review() -> None:
    c = make(PR, D(2024, 3, 1), ev("psychiatric_evaluation_started", D(2024, 3, 5)), in_custody=True)
    d = one(c, D(2024, 4, 10), "DL-PROSECUTION-REVIEW")
    assert (d.due, d.status, d.days_left, d.suspended_by) == (D(2024, 4, 1), "suspended", None, "psychiatric_evaluation")
    assert d.status_label == "已中止（精神病鉴定期间）"
    assert flags_of(c, D(2024, 4, 10), "DL-PROSECUTION-REVIEW") == []


def test_decision_during_psychiatric_evaluation_2024_04_05_is_met() -> None:
    c = make(PR, D(2024, 3, 1), ev("psychiatric_evaluation_started", D(2024, 3, 5)),
             ev("prosecution_decided", D(2024, 4, 5)), in_custody=True)
    assert one(c, D(2024, 4, 10), "DL-PROSECUTION-REVIEW").status == "met"


def test_psychiatric_evaluation_started_after_due_2024_04_05_adds_nothing() -> None:
    c = make(PR, D(2024, 3, 1), ev("psychiatric_evaluation_started", D(2024, 4, 5)),
             ev("psychiatric_evaluation_ended", D(2024, 4, 15)), in_custody=True)
    d = one(c, D(2024, 4, 20), "DL-PROSECUTION-REVIEW")
    assert (d.due, d.status) == (D(2024, 4, 1), "overdue")


def test_psychiatric_evaluation_started_on_due_2024_04_01_adds_10_days_to_04_11() -> None:
    c = make(PR, D(2024, 3, 1), ev("psychiatric_evaluation_started", D(2024, 4, 1)),
             ev("psychiatric_evaluation_ended", D(2024, 4, 11)), in_custody=True)
    assert one(c, D(2024, 4, 5), "DL-PROSECUTION-REVIEW").due == D(2024, 4, 11)


# --- DL-SUPERVISORY-DETENTION ----------------------------------------------------------------------------------


def _detained(*events: Event, custody: bool = False) -> Case:
    return make(PR, D(2024, 3, 1), *events, in_custody=custody, investigated_by="supervisory_commission")


def test_supervisory_detention_2024_03_01_plus_10_is_2024_03_11() -> None:
    d = one(_detained(ev("preliminary_detention", D(2024, 3, 1))), D(2024, 3, 5), "DL-SUPERVISORY-DETENTION")
    assert (d.start, d.due, d.status, d.days_left) == (D(2024, 3, 1), D(2024, 3, 11), "open", 6)


def test_supervisory_detention_counted_as_in_custody_2024_03_06_plus_10_is_saturday_03_16() -> None:
    d = one(_detained(ev("preliminary_detention", D(2024, 3, 6))), D(2024, 3, 7), "DL-SUPERVISORY-DETENTION")
    assert d.due == D(2024, 3, 16)  # not moved to Monday although the case says in_custody: false


def test_supervisory_detention_extended_2024_03_01_plus_14_is_03_15() -> None:
    c = _detained(ev("preliminary_detention", D(2024, 3, 1)), ev("detention_decision_extended", D(2024, 3, 9)))
    assert one(c, D(2024, 3, 5), "DL-SUPERVISORY-DETENTION").due == D(2024, 3, 15)


def test_supervisory_detention_extension_before_detention_ignored_due_2024_03_11() -> None:
    c = _detained(ev("preliminary_detention", D(2024, 3, 1)), ev("detention_decision_extended", D(2024, 2, 28)))
    assert one(c, D(2024, 3, 5), "DL-SUPERVISORY-DETENTION").due == D(2024, 3, 11)


@pytest.mark.parametrize(("decided", "status"), [(D(2024, 3, 11), "met"), (D(2024, 3, 12), "overdue")],
                         ids=["decided_2024_03_11_met", "decided_2024_03_12_overdue"])
def test_supervisory_detention_decision_boundary(decided: dt.date, status: str) -> None:
    c = _detained(ev("preliminary_detention", D(2024, 3, 1)), ev("coercive_measure_decided", decided))
    assert one(c, D(2024, 3, 20), "DL-SUPERVISORY-DETENTION").status == status
    assert [f.severity for f in flags_of(c, D(2024, 3, 20), "DL-SUPERVISORY-DETENTION")] == (
        ["major"] if status == "overdue" else [])


def test_no_supervisory_detention_period_without_a_preliminary_detention() -> None:
    assert periods(make(PR, D(2024, 3, 1), in_custody=True), D(2024, 3, 5), "DL-SUPERVISORY-DETENTION") == []


# --- DL-DETENTION-NECESSITY-REPLY ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case_type", "custody", "suggested", "due"),
    [
        (PR, True, D(2024, 3, 1), D(2024, 3, 11)),
        (AR, True, D(2024, 3, 6), D(2024, 3, 16)),  # Saturday, in custody: no shift
        (PR, False, D(2024, 3, 6), D(2024, 3, 18)),
    ],
    ids=["2024_03_01_plus_10_is_03_11", "arrest_case_2024_03_06_plus_10_is_sat_03_16_in_custody",
         "2024_03_06_plus_10_sat_moves_to_03_18"],
)
def test_detention_necessity_reply_due(case_type: str, custody: bool, suggested: dt.date, due: dt.date) -> None:
    c = make(case_type, D(2024, 2, 1), ev("detention_necessity_suggested", suggested), in_custody=custody)
    assert one(c, suggested, "DL-DETENTION-NECESSITY-REPLY").due == due


def test_detention_necessity_reply_each_suggestion_and_overdue_is_info() -> None:
    c = make(PR, D(2024, 2, 1), ev("detention_necessity_suggested", D(2024, 3, 1)),
             ev("detention_necessity_replied", D(2024, 3, 11)), ev("detention_necessity_suggested", D(2024, 3, 20)),
             in_custody=True)
    found = periods(c, D(2024, 4, 8), "DL-DETENTION-NECESSITY-REPLY")
    # 03-01 answered on its due day 03-11; 03-20 + 10 = 03-30, not answered by 04-08.
    assert [(d.start, d.due, d.status) for d in found] == [
        (D(2024, 3, 1), D(2024, 3, 11), "met"), (D(2024, 3, 20), D(2024, 3, 30), "overdue")]
    (flag,) = flags_of(c, D(2024, 4, 8), "DL-DETENTION-NECESSITY-REPLY")
    assert flag.severity == "info" and "纠正意见" in flag.suggestion


def test_no_detention_necessity_period_in_a_civil_case() -> None:
    c = make("civil.judgment_supervision", D(2024, 3, 1), ev("detention_necessity_suggested", D(2024, 3, 1)))
    assert periods(c, D(2024, 3, 5), "DL-DETENTION-NECESSITY-REPLY") == []


# --- DL-CIVIL-SUPERVISION-REVIEW and DL-ADMIN-SUPERVISION-REVIEW ----------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2024, 2, 29), D(2024, 5, 29)),  # 民法典 第202条: the corresponding date, not the month end
        (D(2024, 4, 30), D(2024, 7, 30)),
        (D(2024, 1, 31), D(2024, 4, 30)),  # no 04-31 → the month's last day
        (D(2024, 7, 1), D(2024, 10, 8)),  # 10-01 国庆 → first working day after the holiday
    ],
    ids=["2024_02_29_plus_3m_is_05_29", "2024_04_30_plus_3m_is_07_30", "2024_01_31_plus_3m_is_04_30",
         "2024_07_01_plus_3m_holiday_10_01_moves_to_10_08"],
)
@pytest.mark.parametrize(("case_type", "rule"), [("civil.judgment_supervision", "DL-CIVIL-SUPERVISION-REVIEW"),
                                                 ("administrative.litigation_supervision",
                                                  "DL-ADMIN-SUPERVISION-REVIEW")])
def test_supervision_review_civil_month_rule(case_type: str, rule: str, received: dt.date, due: dt.date) -> None:
    assert one(make(case_type, received), received, rule).due == due


@pytest.mark.parametrize(("decided", "status"), [(D(2024, 5, 29), "met"), (D(2024, 5, 30), "overdue")],
                         ids=["decided_2024_05_29_met", "decided_2024_05_30_overdue"])
def test_civil_supervision_review_decision_boundary(decided: dt.date, status: str) -> None:
    c = make("civil.judgment_supervision", D(2024, 2, 29), ev("supervision_decided", decided))
    assert one(c, D(2024, 6, 1), "DL-CIVIL-SUPERVISION-REVIEW").status == status
    assert [f.severity for f in flags_of(c, D(2024, 6, 1), "DL-CIVIL-SUPERVISION-REVIEW")] == (
        ["major"] if status == "overdue" else [])


def test_admin_supervision_review_is_marked_unverified() -> None:
    d = one(make("administrative.litigation_supervision", D(2024, 2, 29)), D(2024, 6, 1), "DL-ADMIN-SUPERVISION-REVIEW")
    assert d.verified is False and d.status == "overdue"
    assert "《中华人民共和国民事诉讼法》第220条第2款" in d.legal_basis


# --- DL-SUGGESTION-REPLY ---------------------------------------------------------------------------------------

PIA = "public_interest.administrative"


def test_suggestion_reply_2024_03_01_plus_2m_is_holiday_05_01_moves_to_05_06() -> None:
    c = make(PIA, D(2024, 2, 1), ev("suggestion_served", D(2024, 3, 1)))
    assert one(c, D(2024, 3, 2), "DL-SUGGESTION-REPLY").due == D(2024, 5, 6)


def test_suggestion_reply_civil_month_rule_2024_02_29_plus_2m_is_04_29() -> None:
    c = make(PIA, D(2024, 2, 1), ev("suggestion_served", D(2024, 2, 29)))
    assert one(c, D(2024, 3, 2), "DL-SUGGESTION-REPLY").due == D(2024, 4, 29)


def test_suggestion_reply_urgent_2024_03_01_plus_15_is_sat_03_16_moves_to_03_18() -> None:
    c = make(PIA, D(2024, 2, 1), ev("suggestion_served", D(2024, 3, 1), outcome="urgent"))
    assert one(c, D(2024, 3, 2), "DL-SUGGESTION-REPLY").due == D(2024, 3, 18)


@pytest.mark.parametrize(("replied", "status"), [(D(2024, 5, 6), "met"), (D(2024, 5, 7), "overdue")],
                         ids=["replied_2024_05_06_met", "replied_2024_05_07_overdue_info"])
def test_suggestion_reply_boundary_and_info_flag(replied: dt.date, status: str) -> None:
    c = make(PIA, D(2024, 2, 1), ev("suggestion_served", D(2024, 3, 1)), ev("suggestion_replied", replied))
    assert one(c, D(2024, 6, 1), "DL-SUGGESTION-REPLY").status == status
    found = flags_of(c, D(2024, 6, 1), "DL-SUGGESTION-REPLY")
    assert [f.severity for f in found] == (["info"] if status == "overdue" else [])
    if found:
        assert "提起行政公益诉讼" in found[0].suggestion


def test_suggestion_reply_only_the_first_service_counts() -> None:
    c = make(PIA, D(2024, 2, 1), ev("suggestion_served", D(2024, 3, 20)), ev("suggestion_served", D(2024, 3, 1)))
    assert one(c, D(2024, 3, 21), "DL-SUGGESTION-REPLY").start == D(2024, 3, 1)


def test_no_suggestion_reply_period_before_service() -> None:
    assert periods(make(PIA, D(2024, 2, 1)), D(2024, 3, 2), "DL-SUGGESTION-REPLY") == []


# --- DL-PIL-NOTICE ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "status", "days_left"),
    [(D(2024, 3, 20), "open", 12), (D(2024, 3, 29), "due_soon", 3), (D(2024, 4, 1), "due_soon", 0),
     (D(2024, 4, 2), "met", None)],
    ids=["2024_03_20_open", "2024_03_29_due_soon", "2024_04_01_last_day", "2024_04_02_has_run"],
)
def test_public_notice_2024_03_01_plus_30_is_sunday_03_31_moves_to_04_01(today: dt.date, status: str,
                                                                         days_left: int | None) -> None:
    c = make("public_interest.civil", D(2024, 2, 1), ev("public_notice_issued", D(2024, 3, 1)))
    d = one(c, today, "DL-PIL-NOTICE")
    assert (d.due, d.status, d.days_left) == (D(2024, 4, 1), status, days_left)
    assert flags_of(c, today, "DL-PIL-NOTICE") == []


# --- DL-ENF-CLUE-CHECK and DL-ENF-FUNDS-PAYOUT -----------------------------------------------------------------

ENF = "civil.enforcement_termination"


@pytest.mark.parametrize(
    ("provided", "outcome", "due"),
    [(D(2024, 3, 1), "", D(2024, 3, 8)), (D(2024, 3, 1), "urgent", D(2024, 3, 4)),
     (D(2024, 9, 10), "", D(2024, 9, 18))],
    ids=["2024_03_01_plus_7_is_03_08", "urgent_2024_03_01_plus_3_is_03_04",
         "2024_09_10_plus_7_holiday_09_17_moves_to_09_18"],
)
def test_enforcement_clue_check_due(provided: dt.date, outcome: str, due: dt.date) -> None:
    c = make(ENF, D(2024, 1, 2), ev("property_clue_provided", provided, outcome=outcome))
    assert one(c, provided, "DL-ENF-CLUE-CHECK").due == due


def test_enforcement_clue_check_each_clue_and_major_flag() -> None:
    c = make(ENF, D(2024, 1, 2), ev("property_clue_provided", D(2024, 3, 1)), ev("property_clue_checked", D(2024, 3, 8)),
             ev("property_clue_provided", D(2024, 3, 11)), ev("property_clue_checked", D(2024, 3, 19)))
    found = periods(c, D(2024, 4, 1), "DL-ENF-CLUE-CHECK")
    # 03-11 + 7 = 03-18, checked 03-19: one day late. The first check (03-08) is before the second clue.
    assert [(d.start, d.due, d.done_on, d.status) for d in found] == [
        (D(2024, 3, 1), D(2024, 3, 8), D(2024, 3, 8), "met"),
        (D(2024, 3, 11), D(2024, 3, 18), D(2024, 3, 19), "overdue")]
    assert [f.severity for f in flags_of(c, D(2024, 4, 1), "DL-ENF-CLUE-CHECK")] == ["major"]


def test_enforcement_funds_payout_2024_03_01_plus_30_is_sunday_03_31_moves_to_04_01() -> None:
    c = make(ENF, D(2024, 1, 2), ev("funds_received", D(2024, 3, 1)))
    d = one(c, D(2024, 4, 2), "DL-ENF-FUNDS-PAYOUT")
    assert (d.due, d.status, d.days_left, d.verified) == (D(2024, 4, 1), "overdue", -1, False)
    paid = make(ENF, D(2024, 1, 2), ev("funds_received", D(2024, 3, 1)), ev("funds_paid", D(2024, 4, 1)))
    assert one(paid, D(2024, 4, 2), "DL-ENF-FUNDS-PAYOUT").status == "met"


# --- DL-REFERRAL-TRANSFER and DL-REFERRAL-REVIEW (working days) ------------------------------------------------

REF = "administrative.reverse_referral"


@pytest.mark.parametrize(
    ("decided", "due"),
    [(D(2024, 2, 8), D(2024, 2, 19)),  # 02-09 (1), 春节, 02-18 worked Sunday (2), 02-19 (3)
     (D(2024, 9, 27), D(2024, 10, 8))],  # 09-29 worked Sunday (1), 09-30 (2), 国庆, 10-08 (3)
    ids=["2024_02_08_plus_3_working_days_is_02_19", "2024_09_27_plus_3_working_days_is_10_08"],
)
def test_referral_transfer_counts_working_days(decided: dt.date, due: dt.date) -> None:
    c = make(REF, D(2024, 1, 2), ev("non_prosecution_decided", decided))
    d = one(c, decided, "DL-REFERRAL-TRANSFER")
    assert (d.start, d.due, d.verified) == (decided, due, False)


def test_referral_transfer_start_day_counted_reading_2024_02_08_is_day_1_due_02_18() -> None:
    c = make(REF, D(2024, 1, 2), ev("non_prosecution_decided", D(2024, 2, 8)))
    counting = CountingSettings(working_days_exclude_start_day=False)
    assert one(c, D(2024, 2, 8), "DL-REFERRAL-TRANSFER", counting).due == D(2024, 2, 18)


@pytest.mark.parametrize(("transferred", "status"), [(D(2024, 2, 19), "met"), (D(2024, 2, 20), "overdue")],
                         ids=["transferred_2024_02_19_met", "transferred_2024_02_20_overdue"])
def test_referral_transfer_boundary(transferred: dt.date, status: str) -> None:
    c = make(REF, D(2024, 1, 2), ev("non_prosecution_decided", D(2024, 2, 8)), ev("referral_transferred", transferred))
    assert one(c, D(2024, 3, 1), "DL-REFERRAL-TRANSFER").status == status
    assert len(flags_of(c, D(2024, 3, 1), "DL-REFERRAL-TRANSFER")) == (status == "overdue")


def test_referral_review_2024_09_27_plus_10_working_days_is_10_16() -> None:
    c = make(REF, D(2024, 9, 1), ev("non_prosecution_decided", D(2024, 9, 26)),
             ev("referral_transferred", D(2024, 9, 27)))
    d = one(c, D(2024, 9, 28), "DL-REFERRAL-REVIEW")
    assert (d.start, d.due) == (D(2024, 9, 27), D(2024, 10, 16))  # 10-12 is a worked Saturday


def test_referral_review_starts_at_a_later_registration_2024_10_08_plus_10_working_days_is_10_21() -> None:
    c = make(REF, D(2024, 10, 8), ev("referral_transferred", D(2024, 9, 27)), ev("referral_reviewed", D(2024, 10, 22)))
    d = one(c, D(2024, 11, 1), "DL-REFERRAL-REVIEW")
    assert (d.start, d.due, d.status) == (D(2024, 10, 8), D(2024, 10, 21), "overdue")


def test_no_referral_periods_before_the_events() -> None:
    c = make(REF, D(2024, 1, 2))
    assert compute_deadlines(c, D(2024, 3, 1), CAL) == []


# --- DL-DEFENSE-RIGHT-NOTICE and DL-VICTIM-RIGHTS-NOTICE -------------------------------------------------------


@pytest.mark.parametrize(("rule", "kind"), [("DL-DEFENSE-RIGHT-NOTICE", "defense_right_notified"),
                                            ("DL-VICTIM-RIGHTS-NOTICE", "victim_rights_notified")])
@pytest.mark.parametrize(("notified", "status"), [(D(2024, 3, 4), "met"), (D(2024, 3, 5), "overdue")],
                         ids=["notified_2024_03_01_plus_3_is_03_04_met", "notified_2024_03_05_overdue"])
def test_notice_within_three_days_of_receipt(rule: str, kind: str, notified: dt.date, status: str) -> None:
    c = make(PR, D(2024, 3, 1), ev(kind, notified), in_custody=True)
    d = one(c, D(2024, 3, 20), rule)
    assert (d.start, d.due, d.status) == (D(2024, 3, 1), D(2024, 3, 4), status)
    assert [f.severity for f in flags_of(c, D(2024, 3, 20), rule)] == (["major"] if status == "overdue" else [])


def test_notice_custody_no_shift_2024_02_07_plus_3_is_holiday_02_10() -> None:
    c = make(PR, D(2024, 2, 7), ev("defense_right_notified", D(2024, 2, 18)), in_custody=True)
    assert one(c, D(2024, 3, 1), "DL-DEFENSE-RIGHT-NOTICE").due == D(2024, 2, 10)


def test_notice_not_in_custody_2024_02_07_plus_3_holiday_moves_to_worked_sunday_02_18() -> None:
    c = make(PR, D(2024, 2, 7), ev("defense_right_notified", D(2024, 2, 18)))
    d = one(c, D(2024, 3, 1), "DL-DEFENSE-RIGHT-NOTICE")
    assert (d.due, d.status) == (D(2024, 2, 18), "met")


def test_notice_not_reported_when_the_register_records_none() -> None:
    c = make(PR, D(2024, 3, 1), in_custody=True)
    assert periods(c, D(2024, 3, 20), "DL-DEFENSE-RIGHT-NOTICE") == []
    assert periods(c, D(2024, 3, 20), "DL-VICTIM-RIGHTS-NOTICE") == []
