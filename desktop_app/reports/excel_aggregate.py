"""The aggregate workbook for a department or a whole procuratorate: grades, problems and overdue periods.

An export may cover tens of thousands of cases, so the workbook is streamed (openpyxl write-only): the cards are
iterated once, the per-case rows of 明细 and 超期预警 are written as they come, and only small counters are kept
for the summary sheets, which are filled in at the end. Write-only sheets keep the order they were created in,
so all six are created up front and each receives its rows when they are known.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter

from desktop_app.core.checklist_model import PROBLEM_HEADINGS
from desktop_app.core.deadlines import LAPSING_PERIODS, period_status
from desktop_app.core.results import DEADLINE_STATUSES, Deadline
from desktop_app.core.scorecard import Scorecard
from desktop_app.core.scoring import GRADE_CODES
from desktop_app.reports.output import Ticker, atomic_output, audit_stamp
from desktop_app.reports.xlsx_cells import TITLE_FONT, print_setup, set_widths, stream_cell, stream_row

SHEETS = ("汇总", "按检察官", "按案件类型", "问题分布", "超期预警", "明细")
#: Labels used for the grade columns until a card says how its scheme labels them.
DEFAULT_LABELS = {"excellent": "优质", "qualified": "合格", "flawed": "瑕疵", "unqualified": "不合格"}

DETAIL_HEADERS = (
    "案号", "案件名称", "案件类型", "承办检察官", "承办部门", "受理日期", "办结日期", "检查方式", "检查人",
    "得分", "拟评定等次", "最终等次", "改定理由", "风险提示数", "严重风险数", "不符合检查项数", "待整改数",
    "超期期限数",
)
DETAIL_WIDTHS = (26, 24, 16, 12, 14, 12, 12, 10, 10, 8, 10, 10, 24, 10, 10, 12, 10, 10)
WARNING_HEADERS = ("案号", "案件名称", "承办检察官", "承办部门", "期限", "起算日", "届满日", "完成日", "状态",
                   "剩余天数", "依据")
WARNING_WIDTHS = (26, 24, 12, 14, 18, 12, 12, 12, 10, 10, 40)
GROUP_WIDTHS = (20, 8, 10, 8, 8, 10, 8, 10, 10, 10, 10)


@dataclass
class _Group:
    """Running totals for one prosecutor or one case type."""

    cases: int = 0
    score_sum: float = 0.0
    grades: Counter[str] = field(default_factory=Counter)
    flags: int = 0
    critical: int = 0
    pending: int = 0
    overdue: int = 0

    def add(self, card: Scorecard, overdue: int) -> None:
        self.cases += 1
        self.score_sum += card.score.score
        self.grades[card.score.grade_code] += 1
        self.flags += len(card.evaluation.flags)
        self.critical += sum(1 for f in card.evaluation.flags if f.severity == "critical")
        self.pending += sum(1 for r in card.rectification if r.status == "pending")
        self.overdue += overdue

    @property
    def average(self) -> float:
        return round(self.score_sum / self.cases, 1) if self.cases else 0.0


@dataclass
class _Problem:
    kind: str
    heading: str
    title: str
    count: int = 0
    cases: int = 0
    points: float = 0.0


@dataclass
class _Totals:
    labels: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LABELS))
    labelled: bool = False
    overall: _Group = field(default_factory=_Group)
    proposed: Counter[str] = field(default_factory=Counter)
    overridden: int = 0
    best: float | None = None
    worst: float | None = None
    by_prosecutor: dict[str, _Group] = field(default_factory=dict)
    by_type: dict[str, _Group] = field(default_factory=dict)
    heading_count: Counter[str] = field(default_factory=Counter)
    heading_cases: Counter[str] = field(default_factory=Counter)
    heading_points: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    problems: dict[str, _Problem] = field(default_factory=dict)

    def add(self, card: Scorecard, overdue: int) -> None:
        score = card.score
        if not self.labelled and score.labels:
            self.labels.update(score.labels)
            self.labelled = True
        self.overall.add(card, overdue)
        self.proposed[score.proposed_code] += 1
        self.overridden += score.override is not None
        self.best = score.score if self.best is None else max(self.best, score.score)
        self.worst = score.score if self.worst is None else min(self.worst, score.score)
        self.by_prosecutor.setdefault(card.case.prosecutor or "（未填写）", _Group()).add(card, overdue)
        self.by_type.setdefault(card.case.case_type_label, _Group()).add(card, overdue)
        for heading in {d.heading for d in score.deductions}:
            self.heading_cases[heading] += 1
        for source in {d.source for d in score.deductions}:
            first = next(d for d in score.deductions if d.source == source)
            self.problems.setdefault(source, _Problem(first.kind, first.heading, first.title)).cases += 1
        for deduction in score.deductions:
            self.heading_count[deduction.heading] += 1
            self.heading_points[deduction.heading] += deduction.points
            problem = self.problems[deduction.source]
            problem.count += 1
            problem.points += deduction.points


def _warning(deadline: Deadline, today: dt.date) -> tuple[str, int | None] | None:
    """(status, days left) as of the report date for a period that is overdue or nearly due, else None (also while
    its clock is stopped: a suspended period is not running out; nor for a notice period, which runs out by itself
    with nothing to act on — the deadline board leaves both out too)."""
    if deadline.status == "suspended" or deadline.rule in LAPSING_PERIODS:
        return None
    status = period_status(deadline.due, deadline.done_on, today, deadline.suspended_by)
    if status not in ("overdue", "due_soon"):
        return None
    return status, None if deadline.done_on is not None else (deadline.due - today).days


def _percent(ws: Any, value: float) -> Any:
    return stream_cell(ws, value, number_format="0.0%")


def _title(ws: Any, text: str) -> None:
    ws.append([stream_cell(ws, text, font=TITLE_FONT, border=False)])


def _grade_columns(totals: _Totals) -> list[str]:
    return [totals.labels[code] for code in GRADE_CODES]


def _group_sheet(ws: Any, totals: _Totals, groups: dict[str, _Group], name: str) -> None:
    headers = (name, "案件数", "平均得分", *_grade_columns(totals), "风险提示数", "严重风险数", "待整改数",
               "超期期限数")
    ws.append(stream_row(ws, headers, header=True))
    ordered = sorted(groups.items(), key=lambda kv: (-kv[1].cases, kv[0]))
    for key, group in ordered:
        ws.append(stream_row(ws, (
            key, group.cases, group.average, *(group.grades[code] for code in GRADE_CODES),
            group.flags, group.critical, group.pending, group.overdue,
        )))
    last = len(ordered) + 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    if ordered:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = f"{name}等次分布"
        chart.y_axis.title = "案件数"
        chart.add_data(Reference(ws, min_col=4, max_col=3 + len(GRADE_CODES), min_row=1, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
        chart.height = max(7.5, 0.6 * len(ordered) + 3)
        chart.width = 18
        ws.add_chart(chart, f"{get_column_letter(len(headers) + 2)}2")


def _summary_sheet(ws: Any, totals: _Totals, today: dt.date, audit_head: str) -> None:
    _title(ws, "案件质量检查汇总")
    overall = totals.overall
    stamp = f"　{audit_stamp(audit_head)}" if audit_head else ""
    ws.append([stream_cell(ws, f"统计日期：{today.isoformat()}　案件数：{overall.cases}{stamp}", border=False)])
    ws.append([])
    ws.append(stream_row(ws, ("等次", "案件数", "占比", "拟评定案件数"), header=True))
    for code in GRADE_CODES:
        count = overall.grades[code]
        ws.append([stream_cell(ws, totals.labels[code]), stream_cell(ws, count),
                   _percent(ws, count / overall.cases if overall.cases else 0.0),
                   stream_cell(ws, totals.proposed[code])])
    ws.append([])
    figures = (
        ("平均得分", overall.average), ("最高分", totals.best if totals.best is not None else "—"),
        ("最低分", totals.worst if totals.worst is not None else "—"), ("改定等次案件数", totals.overridden),
        ("风险提示数", overall.flags), ("严重风险数", overall.critical), ("待整改事项数", overall.pending),
        ("超期期限数", overall.overdue),
    )
    ws.append(stream_row(ws, ("指标", "数值"), header=True))
    for label, value in figures:
        ws.append(stream_row(ws, (label, value)))
    first, last = 5, 4 + len(GRADE_CODES)
    ws.auto_filter.ref = f"A4:D{last}"
    if overall.cases:
        bar = BarChart()
        bar.title = "各等次案件数"
        bar.y_axis.title = "案件数"
        bar.legend = None
        bar.add_data(Reference(ws, min_col=2, min_row=4, max_row=last), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        ws.add_chart(bar, "F2")
        pie = PieChart()
        pie.title = "等次占比"
        pie.add_data(Reference(ws, min_col=2, min_row=4, max_row=last), titles_from_data=True)
        pie.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        pie.dataLabels = DataLabelList()
        pie.dataLabels.showPercent = True
        ws.add_chart(pie, "F18")


def _problem_sheet(ws: Any, totals: _Totals) -> None:
    """Headings (A–D) and individual items/rules (F–L) side by side, so one header row serves both tables."""
    ws.append(stream_row(ws, ("问题类别", "问题数", "涉及案件数", "扣分合计", None, "问题", "来源",
                              "问题类别", "次数", "涉及案件数", "扣分合计", "检查项/规则编号"), header=True))
    problems = sorted(totals.problems.items(), key=lambda kv: (-kv[1].count, kv[0]))
    rows = max(len(PROBLEM_HEADINGS), len(problems))
    for index in range(rows):
        row: list[Any] = [None] * 12
        if index < len(PROBLEM_HEADINGS):
            heading = PROBLEM_HEADINGS[index]
            row[0:4] = (heading, totals.heading_count[heading], totals.heading_cases[heading],
                        totals.heading_points[heading])
        if index < len(problems):
            source, problem = problems[index]
            # The problem in words first; the item or rule id last, for filtering and cross-reference.
            row[5:12] = (problem.title, "检查项" if problem.kind == "item" else "风险规则", problem.heading,
                         problem.count, problem.cases, problem.points, source)
        ws.append([stream_cell(ws, v) if v is not None else None for v in row])
    ws.auto_filter.ref = f"F1:L{len(problems) + 1}"
    chart = BarChart()
    chart.type = "bar"
    chart.title = "问题类别分布"
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=len(PROBLEM_HEADINGS) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(PROBLEM_HEADINGS) + 1))
    chart.width = 16
    ws.add_chart(chart, "N2")


def _prepare(ws: Any, widths: Sequence[float], *, freeze: str = "A2", title_rows: str = "1:1",
             landscape: bool = True) -> None:
    """Widths, frozen rows and print set-up must be in place before a write-only sheet's first row."""
    set_widths(ws, widths)
    ws.freeze_panes = freeze
    print_setup(ws, landscape=landscape, title_rows=title_rows)


def _discard_streams(wb: Workbook) -> None:
    """Finish and delete the per-sheet temp files openpyxl streams rows into; otherwise they would keep case data
    on disk until the program exits (openpyxl removes them only in `save` or at interpreter exit)."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):  # best effort: the export is being abandoned anyway
            if not ws.closed:
                ws.close()
            writer = getattr(ws, "_writer", None)
            if writer is not None:
                writer.cleanup()


def write_aggregate_workbook(
    scorecards: Iterable[Scorecard],
    path: str | Path,
    *,
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    total: int | None = None,
) -> Path:
    """Stream the aggregate workbook to `path`; raises ExportCancelled (leaving no file) if `cancelled()` says so."""
    ticker = Ticker(scorecards, progress, cancelled, total)
    wb = Workbook(write_only=True)
    sheets = {name: wb.create_sheet(name) for name in SHEETS}
    _prepare(sheets["汇总"], (16, 10, 10, 14), freeze="A5", title_rows="4:4", landscape=False)
    _prepare(sheets["按检察官"], GROUP_WIDTHS)
    _prepare(sheets["按案件类型"], GROUP_WIDTHS)
    _prepare(sheets["问题分布"], (20, 8, 10, 10, 3, 40, 10, 14, 8, 10, 10, 26))
    _prepare(sheets["超期预警"], WARNING_WIDTHS)
    _prepare(sheets["明细"], DETAIL_WIDTHS)
    warnings, details = sheets["超期预警"], sheets["明细"]
    warnings.append(stream_row(warnings, WARNING_HEADERS, header=True))
    details.append(stream_row(details, DETAIL_HEADERS, header=True))
    totals = _Totals()
    warning_rows = 0
    audit_head = ""
    try:
        with atomic_output(path) as temp:
            for card in scorecards:
                ticker.check()
                audit_head = card.audit_head or audit_head
                case, score = card.case, card.score
                overdue = 0
                for deadline in card.evaluation.deadlines:
                    warning = _warning(deadline, today)
                    if warning is None:
                        continue
                    status, days_left = warning
                    overdue += status == "overdue"
                    warning_rows += 1
                    warnings.append(stream_row(warnings, (
                        case.case_no, case.title, case.prosecutor, case.department, deadline.name, deadline.start,
                        deadline.due, deadline.done_on or "—", DEADLINE_STATUSES[status],
                        days_left if days_left is not None else "—", deadline.legal_basis,
                    )))
                details.append(stream_row(details, (
                    case.case_no, case.title, case.case_type_label, case.prosecutor, case.department,
                    case.received_on, case.closed_on or "—", card.inspection_label, card.inspector, score.score,
                    score.proposed_label, score.grade, score.override.reason if score.override else "",
                    len(card.evaluation.flags), sum(1 for f in card.evaluation.flags if f.severity == "critical"),
                    sum(1 for d in score.deductions if d.kind == "item"),
                    sum(1 for r in card.rectification if r.status == "pending"), overdue,
                )))
                totals.add(card, overdue)
                ticker.step()
            ticker.check()
            warnings.auto_filter.ref = f"A1:{get_column_letter(len(WARNING_HEADERS))}{warning_rows + 1}"
            details.auto_filter.ref = f"A1:{get_column_letter(len(DETAIL_HEADERS))}{totals.overall.cases + 1}"
            _summary_sheet(sheets["汇总"], totals, today, audit_head)
            _group_sheet(sheets["按检察官"], totals, totals.by_prosecutor, "承办检察官")
            _group_sheet(sheets["按案件类型"], totals, totals.by_type, "案件类型")
            _problem_sheet(sheets["问题分布"], totals)
            wb.save(temp)
    except BaseException:
        _discard_streams(wb)
        raise
    return Path(path)
