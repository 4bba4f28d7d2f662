"""Statutory periods (超期预警): when each period of a case started, when it ends, and whether it was kept.

Counting follows `deadlines.md`: the start day is not counted (刑诉法 第105条); months end on the same date or the
month's last day (criminal cases also month-end to month-end, 刑诉法解释 第202条); a last day that is a rest day moves
to the next working day, except in a criminal case while the suspect is in custody; periods of working days count
only working days of the holiday calendar. The choices the law leaves open (extension added before the rest-day
shift, the custody exception, whether the start day of a working-day period counts) and the lengths, bases,
severities and suggestions of each period are data in `resources/deadlines/periods.yaml`, so a trainer can read,
and a court can challenge, every number the program uses.

A period's clock can stop (`suspended`): while the case is back for 补充侦查 (刑诉法 第175条; 规则 第346条) or while a
psychiatric evaluation is under way (刑诉法 第149条). `Deadline.suspended_by` says which, so every screen can say why.
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
from desktop_app.core.case import SENTENCES_ABOVE_1Y, Case, Event, fast_track_eligible
from desktop_app.core.datafile import Located, load_yaml, resources_dir
from desktop_app.core.i18n import tr
from desktop_app.core.results import SUSPENDED_BY_PSYCHIATRIC, SUSPENDED_BY_RETURN, Deadline, Flag

PERIODS_FORMAT = "casecheck.periods/1"
ARREST_REVIEW = "DL-ARREST-REVIEW"
PROSECUTION_REVIEW = "DL-PROSECUTION-REVIEW"
SUPPLEMENTARY_INVESTIGATION = "DL-SUPPLEMENTARY-INVESTIGATION"
SUPERVISORY_DETENTION = "DL-SUPERVISORY-DETENTION"
DETENTION_NECESSITY_REPLY = "DL-DETENTION-NECESSITY-REPLY"
CIVIL_SUPERVISION_REVIEW = "DL-CIVIL-SUPERVISION-REVIEW"
ADMIN_SUPERVISION_REVIEW = "DL-ADMIN-SUPERVISION-REVIEW"
SUGGESTION_REPLY = "DL-SUGGESTION-REPLY"
PIL_NOTICE = "DL-PIL-NOTICE"
ENF_CLUE_CHECK = "DL-ENF-CLUE-CHECK"
ENF_FUNDS_PAYOUT = "DL-ENF-FUNDS-PAYOUT"
REFERRAL_TRANSFER = "DL-REFERRAL-TRANSFER"
REFERRAL_REVIEW = "DL-REFERRAL-REVIEW"
DEFENSE_RIGHT_NOTICE = "DL-DEFENSE-RIGHT-NOTICE"
VICTIM_RIGHTS_NOTICE = "DL-VICTIM-RIGHTS-NOTICE"
#: Periods that run out by themselves (no act ends them): complete once they have run.
LAPSING_PERIODS = frozenset({PIL_NOTICE})
#: A period not yet done with this many days left or fewer is `due_soon` (the contract's "0–3 days").
DUE_SOON_DAYS = 3
#: Severities an overdue period may carry: `info` for another body's period the prosecutor follows up.
OVERDUE_SEVERITIES = frozenset({"major", "info"})

#: Every period the program computes, with the lengths its file entry must give (and no others).
_REQUIRED_LENGTHS: dict[str, frozenset[str]] = {
    ARREST_REVIEW: frozenset({"custody_days", "custody_extended_days", "days", "extended_days"}),
    PROSECUTION_REVIEW: frozenset({"months", "extension_days", "fast_track_days", "fast_track_long_days"}),
    SUPPLEMENTARY_INVESTIGATION: frozenset({"months"}),
    SUPERVISORY_DETENTION: frozenset({"days", "extended_days"}),
    DETENTION_NECESSITY_REPLY: frozenset({"days"}),
    CIVIL_SUPERVISION_REVIEW: frozenset({"months"}),
    ADMIN_SUPERVISION_REVIEW: frozenset({"months"}),
    SUGGESTION_REPLY: frozenset({"months", "urgent_days"}),
    PIL_NOTICE: frozenset({"days"}),
    ENF_CLUE_CHECK: frozenset({"days", "urgent_days"}),
    ENF_FUNDS_PAYOUT: frozenset({"days"}),
    REFERRAL_TRANSFER: frozenset({"working_days"}),
    REFERRAL_REVIEW: frozenset({"working_days"}),
    DEFENSE_RIGHT_NOTICE: frozenset({"days"}),
    VICTIM_RIGHTS_NOTICE: frozenset({"days"}),
}
#: The periods the shared contract fixes: a periods file without one of them is refused.
_MANDATORY = frozenset({
    ARREST_REVIEW, PROSECUTION_REVIEW, SUPPLEMENTARY_INVESTIGATION, SUPERVISORY_DETENTION, DETENTION_NECESSITY_REPLY,
    CIVIL_SUPERVISION_REVIEW, SUGGESTION_REPLY, ENF_CLUE_CHECK,
})
_PERIOD_TEXT_KEYS = ("id", "name", "legal_basis", "done_act", "suggestion")
_PERIOD_KEYS = frozenset({*_PERIOD_TEXT_KEYS, "verified", "lengths", "severity", "source"})
_COUNTING_KEYS = ("extension_from_unadjusted_end", "custody_exception", "working_days_exclude_start_day")
_URGENT = "urgent"


@dataclass(frozen=True)
class CountingSettings:
    """The counting choices the law leaves open; whether weekends are rest days belongs to the holiday calendar."""

    #: Add an extension to the end before any rest-day shift, and shift once (True), or shift, extend, shift again.
    extension_from_unadjusted_end: bool = True
    #: In a criminal case with the suspect in custody the period ends on its last day even if that is a rest day.
    custody_exception: bool = True
    #: "N 个工作日内": the start day is not counted, the period ends on the N-th working day after it (True); False
    #: counts the start day as the first working day when it is one.
    working_days_exclude_start_day: bool = True


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
    #: Severity of the flag an overdue period yields.
    severity: str = "major"
    #: Where an unconfirmed article was read, or why it is unconfirmed.
    source: str = ""


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
    """Every statutory period that applies to the case, with its status as of `today` (table of `deadlines.md`)."""
    catalog = shipped_periods()
    counting = _Counting(case, today, calendar, settings or catalog.settings)
    periods = catalog.periods
    found: list[Deadline | None] = []
    if case.case_type == "criminal.arrest_review":
        found.append(counting.arrest_review(periods[ARREST_REVIEW]))
    if case.case_type == "criminal.prosecution_review":
        found += [
            counting.prosecution_review(periods[PROSECUTION_REVIEW]),
            *counting.supplementary_investigations(periods[SUPPLEMENTARY_INVESTIGATION]),
            counting.supervisory_detention(periods[SUPERVISORY_DETENTION]),
            counting.notice_on_receipt(periods[DEFENSE_RIGHT_NOTICE], "defense_right_notified"),
            counting.notice_on_receipt(periods[VICTIM_RIGHTS_NOTICE], "victim_rights_notified"),
        ]
    if case.is_criminal:
        found += counting.each_event(periods[DETENTION_NECESSITY_REPLY], "detention_necessity_suggested",
                                     "detention_necessity_replied")
    if case.case_type == "civil.judgment_supervision":
        found.append(counting.from_receipt(periods[CIVIL_SUPERVISION_REVIEW], "supervision_decided"))
    if case.case_type == "administrative.litigation_supervision":
        found.append(counting.from_receipt(periods[ADMIN_SUPERVISION_REVIEW], "supervision_decided"))
    if case.case_type == "public_interest.administrative":
        found.append(counting.suggestion_reply(periods[SUGGESTION_REPLY]))
    if case.case_type == "public_interest.civil":
        found.append(counting.public_notice(periods[PIL_NOTICE]))
    if case.case_type == "civil.enforcement_termination":
        found += counting.each_event(periods[ENF_CLUE_CHECK], "property_clue_provided", "property_clue_checked")
        found += counting.each_event(periods[ENF_FUNDS_PAYOUT], "funds_received", "funds_paid")
    if case.case_type == "administrative.reverse_referral":
        found += [counting.referral_transfer(periods[REFERRAL_TRANSFER]),
                  counting.referral_review(periods[REFERRAL_REVIEW])]
    return [d for d in found if d is not None]


def period_status(due: dt.date, done_on: dt.date | None, today: dt.date, suspended_by: str | None = None) -> str:
    """met / overdue / due_soon / open / suspended as of `today`: a period done after its due date stays overdue,
    unless its clock was stopped (`suspended_by`) when the act was done, which is in time (deadlines.md, readings).
    The board, the register, the workbooks and the PDF all ask this, so they agree on the same day."""
    if suspended_by is not None:
        return "suspended" if done_on is None else "met"
    if done_on is not None:
        return "met" if done_on <= due else "overdue"
    days_left = (due - today).days
    return "overdue" if days_left < 0 else "due_soon" if days_left <= DUE_SOON_DAYS else "open"


def overdue_flags(deadlines: Iterable[Deadline]) -> list[Flag]:
    """One flag per overdue period, under the period's own rule id, with the period's severity."""
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
        severity=period.severity,
        title=f"{deadline.name}超期",
        message=f"{opening}；{body}",
        legal_basis=deadline.legal_basis,
        verified=deadline.verified,
        suggestion=period.suggestion,
        event_dates=dates,
    )


@dataclass(frozen=True)
class _Evaluation:
    """One 精神病鉴定: from its start to the next end on or after it (`ended` None while under way)."""

    started: dt.date
    ended: dt.date | None

    def open_on(self, day: dt.date) -> bool:
        return self.started <= day and (self.ended is None or self.ended > day)


class _Counting:
    """The inputs shared by every period of one case, so each period reads as its rule in the table."""

    def __init__(self, case: Case, today: dt.date, calendar: HolidayCalendar, settings: CountingSettings) -> None:
        self.case = case
        self.today = today
        self.calendar = calendar
        self.settings = settings
        self.in_custody_criminal = case.is_criminal and case.in_custody

    # -- criminal ------------------------------------------------------------------------------------------------

    def arrest_review(self, period: PeriodDefinition) -> Deadline:
        """7 days in custody (10 with an extension in the procuratorate's own investigation, 规则 第297条); 15 days
        otherwise, 20 with an extension (规则 第282条)."""
        start = self.case.received_on
        lengths = period.lengths
        extended = self._extended_since(start)
        if self.case.in_custody:
            own_investigation = self.case.investigated_by == "procuratorate"
            days = lengths["custody_extended_days" if extended and own_investigation else "custody_days"]
        else:
            days = lengths["extended_days" if extended else "days"]
        due = self._end(start, days=days)
        return self._deadline(period, start, due, self._first_after(start, {"arrest_decided"}))

    def prosecution_start(self) -> dt.date | None:
        """Where the review period currently starts: `received_on`, or for a 监察 case with 先行拘留 the first
        强制措施 decision after it (the decision days are not counted, 刑诉法 第170条第2款; None until it is made);
        then the latest resubmission (the period restarts, 刑诉法 第175条)."""
        base = self.case.received_on
        detention = self.case.first_event("preliminary_detention")
        if detention is not None:
            decided = self._first_after(detention.date, {"coercive_measure_decided"})
            if decided is None:
                return None
            base = decided
        restarts = [e.date for e in self.case.events_of("resubmitted") if e.date >= base]
        return max(restarts, default=base)

    def prosecution_review(self, period: PeriodDefinition) -> Deadline | None:
        start = self.prosecution_start()
        if start is None:
            return None
        lengths = period.lengths
        if self.case.fast_track and fast_track_eligible(self.case):
            above_one_year = self.case.possible_sentence in SENTENCES_ABOVE_1Y
            days, months, extension = lengths["fast_track_long_days" if above_one_year else "fast_track_days"], 0, 0
        else:
            days, months = 0, lengths["months"]
            extension = lengths["extension_days"] if self._extended_since(start) else 0
        done = self._first_after(start, {"prosecution_decided", "non_prosecution_decided"})
        # 刑诉法 第149条: each evaluation that starts while the period runs adds its days (end − start).
        evaluations: list[_Evaluation] = []
        uncounted = 0
        for evaluation in self._evaluations():
            due_so_far = add_days(add_months(start, months, month_end_to_month_end=self._month_end()),
                                  days + extension + uncounted)
            if not (start <= evaluation.started <= due_so_far) or (done is not None and evaluation.started > done):
                continue
            evaluations.append(evaluation)
            if evaluation.ended is not None:
                uncounted += (evaluation.ended - evaluation.started).days
        due = self._end(start, days=days, months=months, extension_days=extension + uncounted)
        returned = self._open_return(start, due)
        suspended_by: str | None = None
        if returned is not None and (done is None or returned <= done):
            suspended_by = SUSPENDED_BY_RETURN
        elif any(e.open_on(done) if done is not None else e.ended is None for e in evaluations):
            suspended_by = SUSPENDED_BY_PSYCHIATRIC
        return self._deadline(period, start, due, done, self._suspension_notes(suspended_by, returned, done, due),
                              suspended_by=suspended_by)

    @staticmethod
    def _suspension_notes(suspended_by: str | None, returned: dt.date | None, done: dt.date | None,
                          due: dt.date) -> list[str]:
        """Why the review clock is stopped, or why a decision after `due` made while it was stopped is in time."""
        if suspended_by is None or (done is not None and done <= due):
            return []
        if done is not None:
            return [tr(f"{done.isoformat()}作出决定时审查起诉期限处于中止状态，视为按期完成",
                       f"decided on {done.isoformat()} while the review period was suspended: in time")]
        if suspended_by == SUSPENDED_BY_PSYCHIATRIC:
            return [tr("精神病鉴定期间不计入审查起诉期限（刑事诉讼法第149条），鉴定结束前期限中止",
                       "the psychiatric evaluation is not counted (CPL art. 149): suspended until it ends")]
        day = returned.isoformat() if returned else ""
        return [tr(f"案件已于{day}退回补充侦查，审查起诉期限中止；重新移送后重新计算",
                   f"returned for supplementary investigation on {day}: the review period is suspended and "
                   "restarts on resubmission")]

    def supplementary_investigations(self, period: PeriodDefinition) -> list[Deadline]:
        found = []
        for event in self.case.events_of("returned_for_investigation"):
            due = self._end(event.date, months=period.lengths["months"])
            found.append(self._deadline(period, event.date, due, self._first_after(event.date, {"resubmitted"})))
        return found

    def supervisory_detention(self, period: PeriodDefinition) -> Deadline | None:
        """10 days from 先行拘留, 14 with an extension, counted as in custody (刑诉法 第170条第2款)."""
        detention = self.case.first_event("preliminary_detention")
        if detention is None:
            return None
        start = detention.date
        extended = any(e.date >= start for e in self.case.events_of("detention_decision_extended"))
        due = self._end(start, days=period.lengths["extended_days" if extended else "days"], in_custody=True)
        return self._deadline(period, start, due, self._first_after(start, {"coercive_measure_decided"}))

    def notice_on_receipt(self, period: PeriodDefinition, done_kind: str) -> Deadline | None:
        """A notice due within days of receiving the case for review (刑诉法 第34条第2款、第46条第2款), reported when
        the register records the notice: a notice never recorded is the checklist's question, not a false 超期."""
        done = self._first_after(self.case.received_on, {done_kind})
        if done is None:
            return None
        start = self.case.received_on
        return self._deadline(period, start, self._end(start, days=period.lengths["days"]), done)

    # -- civil, administrative, public interest -------------------------------------------------------------------

    def from_receipt(self, period: PeriodDefinition, done_kind: str) -> Deadline:
        start = self.case.received_on
        due = self._end(start, months=period.lengths["months"])
        return self._deadline(period, start, due, self._first_after(start, {done_kind}))

    def each_event(self, period: PeriodDefinition, start_kind: str, done_kind: str) -> list[Deadline]:
        """One period per start event; `outcome: urgent` selects the urgent length where the period has one."""
        return [self._deadline(period, event.date, self._end(event.date, days=self._days(period, event)),
                               self._first_after(event.date, {done_kind}))
                for event in self.case.events_of(start_kind)]

    def suggestion_reply(self, period: PeriodDefinition) -> Deadline | None:
        served = self.case.first_event("suggestion_served")
        if served is None:
            return None
        lengths = period.lengths
        if served.outcome == _URGENT:
            due = self._end(served.date, days=lengths["urgent_days"])
        else:
            due = self._end(served.date, months=lengths["months"])
        return self._deadline(period, served.date, due, self._first_after(served.date, {"suggestion_replied"}))

    def public_notice(self, period: PeriodDefinition) -> Deadline | None:
        """The 30-day 诉前公告 (两高公益诉讼解释 第13条) runs out by itself: it is `met` once it has run, and until
        then shows when a suit may be filed (a suit filed earlier is the rule PIL-SUIT-BEFORE-NOTICE-END)."""
        notice = self.case.first_event("public_notice_issued")
        if notice is None:
            return None
        due = self._end(notice.date, days=period.lengths["days"])
        ran_out = due if due < self.today else None
        return self._deadline(period, notice.date, due, ran_out)

    def referral_transfer(self, period: PeriodDefinition) -> Deadline | None:
        decided = self.case.first_event("non_prosecution_decided")
        if decided is None:
            return None
        due = self._working_end(decided.date, period.lengths["working_days"])
        return self._deadline(period, decided.date, due, self._first_after(decided.date, {"referral_transferred"}))

    def referral_review(self, period: PeriodDefinition) -> Deadline | None:
        """From the 行政检察 department's 登记受理: the transfer, or a later `received_on` (never before the transfer)."""
        transferred = self.case.first_event("referral_transferred")
        if transferred is None:
            return None
        start = max(transferred.date, self.case.received_on)
        due = self._working_end(start, period.lengths["working_days"])
        return self._deadline(period, start, due, self._first_after(start, {"referral_reviewed"}))

    # -- shared --------------------------------------------------------------------------------------------------

    @staticmethod
    def _days(period: PeriodDefinition, event: Event) -> int:
        lengths = period.lengths
        return lengths["urgent_days"] if event.outcome == _URGENT and "urgent_days" in lengths else lengths["days"]

    def _evaluations(self) -> list[_Evaluation]:
        ends = [e.date for e in self.case.events_of("psychiatric_evaluation_ended")]
        return [_Evaluation(e.date, min((d for d in ends if d >= e.date), default=None))
                for e in self.case.events_of("psychiatric_evaluation_started")]

    def _open_return(self, start: dt.date, due: dt.date) -> dt.date | None:
        """The latest 退回补充侦查 on or after `start` and on or before `due` with no resubmission on or after it."""
        resubmissions = [e.date for e in self.case.events_of("resubmitted")]
        open_returns = [e.date for e in self.case.events_of("returned_for_investigation")
                        if start <= e.date <= due and not any(r >= e.date for r in resubmissions)]
        return max(open_returns, default=None)

    def _extended_since(self, start: dt.date) -> bool:
        return any(e.date >= start for e in self.case.events_of("review_extended"))

    def _first_after(self, start: dt.date, kinds: set[str]) -> dt.date | None:
        """The earliest event of these kinds on or after `start` ("after" includes the day itself)."""
        return min((e.date for e in self.case.events if e.kind in kinds and e.date >= start), default=None)

    def _month_end(self) -> bool:
        return criminal_month_rule(self.case.case_type)

    def _end(self, start: dt.date, *, days: int = 0, months: int = 0, extension_days: int = 0,
             in_custody: bool | None = None) -> dt.date:
        return period_end(
            start,
            days=days,
            months=months,
            extension_days=extension_days,
            in_custody_criminal=self.in_custody_criminal if in_custody is None else in_custody,
            month_end_to_month_end=self._month_end(),
            calendar=self.calendar,
            settings=self.settings,
        )

    def _working_end(self, start: dt.date, working_days: int) -> dt.date:
        return self.calendar.add_working_days(
            start, working_days, exclude_start_day=self.settings.working_days_exclude_start_day)

    def _deadline(
        self,
        period: PeriodDefinition,
        start: dt.date,
        due: dt.date,
        done: dt.date | None,
        notes: Iterable[str] = (),
        *,
        suspended_by: str | None = None,
    ) -> Deadline:
        # A decision made while the clock is stopped is in time; `suspended_by` then says why (deadlines.md, readings).
        status = period_status(due, done, self.today, suspended_by)
        days_left = (due - self.today).days if done is None and suspended_by is None else None
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
            suspended_by=suspended_by,
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
    missing = sorted(_MANDATORY - set(periods))
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
    severity = node.get("severity", "major")
    if severity not in OVERDUE_SEVERITIES:
        raise doc.error(f"{where}.severity", f"超期提示等级应为 {'、'.join(sorted(OVERDUE_SEVERITIES))}，实际为 {severity!r}")
    source = node.get("source", "")
    if not isinstance(source, str):
        raise doc.error(f"{where}.source", "应为文字（条文出处或未能核实的原因）")
    if not node["verified"] and not source.strip():
        raise doc.error(f"{where}.source", "未经核实（verified: false）的期限应写明出处或未能核实的原因")
    return PeriodDefinition(
        id=period_id,
        name=node["name"].strip(),
        legal_basis=node["legal_basis"].strip(),
        verified=node["verified"],
        done_act=node["done_act"].strip(),
        suggestion=node["suggestion"].strip(),
        lengths=_parse_lengths(doc, f"{where}.lengths", node.get("lengths"), _REQUIRED_LENGTHS[period_id]),
        severity=severity,
        source=source.strip(),
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
