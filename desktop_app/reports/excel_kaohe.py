"""The 考核 workbook: one line per prosecutor with native Excel charts, and the 负面清单 of flawed cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import PatternFill

from desktop_app.core.checklist_model import PROBLEM_HEADINGS
from desktop_app.core.results import SEVERITIES
from desktop_app.core.scoring import GRADE_CODES
from desktop_app.reports.output import atomic_output
from desktop_app.reports.xlsx_cells import table_sheet, write_row
from desktop_app.services.kaohe import SCHEMES, KaoheReport

#: How a 负面清单 line is marked: 不合格 red, 瑕疵/基本合格 amber.
MARKS = {"unqualified": PatternFill("solid", fgColor="F8CBAD"), "flawed": PatternFill("solid", fgColor="FFE699")}


def write_kaohe_workbook(report: KaoheReport, path: str | Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "考核汇总"
    grade_headers = [f"{report.scheme_labels[s][code]}（{s}）" for s in SCHEMES for code in GRADE_CODES]
    headers = ["检察官", "部门", "评查案件数", *grade_headers, "平均分", *PROBLEM_HEADINGS, "整改完成率",
               "期限超期（次）", *(f"风险提示·{label}" for label in SEVERITIES.values())]
    rows: list[list[Any]] = []
    for p in report.prosecutors:
        rate = p.rectification_rate
        rows.append([p.prosecutor, p.department, p.cases,
                     *(p.grades[s][code] for s in SCHEMES for code in GRADE_CODES), p.mean_score,
                     *(p.problems[h] for h in PROBLEM_HEADINGS), "—" if rate is None else round(rate, 4),
                     p.periods_overdue, *(p.flags[code] for code in SEVERITIES)])
    table_sheet(sheet, headers, rows, [12, 14, 10, *([9] * len(grade_headers)), 8, *([9] * 9), 10, 10, 9, 9, 9, 9])
    for row in range(2, len(rows) + 2):
        sheet.cell(row=row, column=headers.index("整改完成率") + 1).number_format = "0.0%"
    last = len(rows) + 1
    write_row(sheet, last + 2, [f"期间：{report.date_from.isoformat()} 至 {report.date_to.isoformat()}"
                                + (f"　部门：{report.department}" if report.department else "")])
    if rows:
        _charts(workbook, sheet, last, len(grade_headers))
    negative = workbook.create_sheet("负面清单")
    table_sheet(negative, ("案号", "案件名称", "承办检察官", "部门", "等次（2017）", "等次（2026）", "得分",
                           "问题", "类别", "依据"),
                ((e.case_no, e.title, e.prosecutor, e.department, e.grades.get("2017", ""), e.grades.get("2026", ""),
                  e.score, text, heading, basis)
                 for e in report.negative for text, heading, basis in (e.failures or (("", "", ""),))),
                (24, 22, 10, 12, 10, 10, 8, 56, 14, 36))
    line = 2
    for entry in report.negative:
        for _ in entry.failures or (("", "", ""),):
            for column in range(1, 8):
                negative.cell(row=line, column=column).fill = MARKS[entry.grade_code]
            line += 1
    with atomic_output(path) as temp:
        workbook.save(temp)
    return Path(path)


def _charts(workbook: Workbook, sheet: Any, last: int, grade_columns: int) -> None:
    charts = workbook.create_sheet("图表")
    names = Reference(sheet, min_col=1, min_row=2, max_row=last)
    grades = BarChart()
    grades.type, grades.grouping, grades.overlap = "col", "stacked", 100
    grades.title, grades.y_axis.title = "等次分布（2017）", "案件数"
    grades.add_data(Reference(sheet, min_col=4, max_col=3 + len(GRADE_CODES), min_row=1, max_row=last),
                    titles_from_data=True)
    grades.set_categories(names)
    grades.width, grades.height = 24, 10
    charts.add_chart(grades, "A1")
    mean = BarChart()
    mean.title, mean.y_axis.title = "平均分", "分"
    column = 4 + grade_columns
    mean.add_data(Reference(sheet, min_col=column, min_row=1, max_row=last), titles_from_data=True)
    mean.set_categories(names)
    mean.width, mean.height = 24, 10
    charts.add_chart(mean, "A22")
