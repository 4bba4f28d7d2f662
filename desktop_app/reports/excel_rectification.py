"""The rectification list (整改清单) across cases as one workbook, for a team lead to follow up."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from desktop_app.reports.output import atomic_output
from desktop_app.reports.xlsx_cells import table_sheet

#: The problem in words is what people read; its id is the last column, for filtering and cross-reference.
HEADERS = ("案号", "案件名称", "问题", "分类", "依据", "责任人", "整改期限", "状态", "不予整改理由", "备注", "问题编号")
WIDTHS = (24, 22, 50, 14, 36, 10, 12, 10, 24, 24, 16)


def write_rectification_workbook(rows: Sequence[Any], path: str | Path) -> Path:
    """`rows` are RectificationRow records (services) — one line each, in the order given."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "整改清单"
    table_sheet(sheet, HEADERS, ((r.case_no, r.case_title, r.problem, r.heading, r.basis, r.owner, r.due,
                                  r.status_label, r.reason, r.note, r.key) for r in rows), WIDTHS)
    with atomic_output(path) as temp:
        workbook.save(temp)
    return Path(path)
