"""The 质量看板 workbook: one sheet per dashboard figure, its numbers as a table and a native Excel chart over them.

`casecheck stats --out` writes every figure; the dashboard's 导出 button under a chart writes just that one, so
the numbers a team lead pastes into a report are the ones on the screen.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, PieChart, Reference

from desktop_app.reports.output import atomic_output
from desktop_app.reports.xlsx_cells import table_sheet
from desktop_app.services.stats import DashboardStats

PERIOD_STATUS_LABELS = {"overdue": "已超期", "due_soon": "即将到期"}


@dataclass(frozen=True)
class FigureTable:
    """A figure's numbers: `chart` is bar, pie or line; `values` are the 1-based columns the chart draws."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    widths: tuple[float, ...]
    chart: str = "bar"
    values: tuple[int, ...] = (2,)


def figure_tables(stats: DashboardStats) -> list[FigureTable]:
    """Every figure of the dashboard as a table, in the dashboard's order."""
    periods = stats.periods
    return [
        FigureTable("grades", "等次分布", ("等次", "案件数"), [(b.label, b.count) for b in stats.grades],
                    (16, 10), "pie"),
        FigureTable("by_prosecutor", "检察官平均分", ("检察官", "案件数", "平均分"),
                    [(m.label, m.cases, m.mean_score) for m in stats.by_prosecutor], (16, 10, 10), values=(3,)),
        FigureTable("by_case_type", "案件类型平均分", ("案件类型", "案件数", "平均分"),
                    [(m.label, m.cases, m.mean_score) for m in stats.by_case_type], (24, 10, 10), values=(3,)),
        FigureTable("trend", "按月趋势", ("受理月份", "案件数", "平均分"),
                    [(t.month, t.cases, t.mean_score) for t in stats.trend], (12, 10, 10), "line", (2, 3)),
        FigureTable("failed_items", "不符合最多的检查项", ("检查项", "问题", "案件数"),
                    [(f.item_id, f.question, f.cases) for f in stats.failed_items], (16, 60, 10), values=(3,)),
        FigureTable("flags", "最常见的风险提示", ("规则", "提示", "案件数"),
                    [(f.rule, f.title, f.cases) for f in stats.flags], (24, 50, 10), values=(3,)),
        FigureTable("periods", "期限预警", ("状态", "期限数"),
                    [("已超期", periods.overdue), ("即将到期", periods.due_soon)], (12, 10)),
        FigureTable("period_list", "预警期限清单", ("案号", "承办检察官", "期限", "届满日", "剩余天数", "状态"),
                    [(p.case_no, p.prosecutor, p.name, p.due, p.days_left, PERIOD_STATUS_LABELS[p.status])
                     for p in periods.periods], (28, 12, 20, 12, 10, 10), chart=""),
        FigureTable("rectifications", "整改完成情况", ("整改状态", "事项数"),
                    [(b.label, b.count) for b in stats.rectifications], (12, 10), "pie"),
    ]


def _chart(table: FigureTable, sheet: Any) -> Any:
    last = len(table.rows) + 1
    chart: Any = {"bar": BarChart, "pie": PieChart, "line": LineChart}[table.chart]()
    chart.title = table.title
    for column in table.values:
        chart.add_data(Reference(sheet, min_col=column, min_row=1, max_row=last), titles_from_data=True)
    label_column = 2 if table.key in {"failed_items", "flags"} else 1
    chart.set_categories(Reference(sheet, min_col=label_column, min_row=2, max_row=last))
    chart.width, chart.height = 22, 12
    return chart


def write_stats_workbook(stats: DashboardStats, path: str | Path, only: Collection[str] | None = None) -> Path:
    """All figures, or those in `only` (keys of `figure_tables`), one sheet each with a chart beside the table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    tables: Sequence[FigureTable] = [t for t in figure_tables(stats) if only is None or t.key in only]
    for table in tables:
        sheet = workbook.create_sheet(table.title)
        table_sheet(sheet, table.headers, table.rows, table.widths)
        if table.chart and table.rows:
            sheet.add_chart(_chart(table, sheet), f"{chr(ord('A') + len(table.headers) + 1)}2")
    with atomic_output(path) as temp:
        workbook.save(temp)
    return Path(path)
