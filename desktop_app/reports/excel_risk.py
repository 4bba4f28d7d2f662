"""Workbooks of the risk tools: the 三色码 calibration table and the sentencing screening list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from desktop_app.core.risk.calibration import Calibration
from desktop_app.core.risk.sentencing import Screening
from desktop_app.core.risk.social_danger import COLOURS, SocialDangerModel
from desktop_app.reports.output import atomic_output
from desktop_app.reports.xlsx_cells import table_sheet

OUTCOME_LABELS = {"approved": "批准逮捕", "rejected": "不批准逮捕"}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def write_calibration_workbook(calibration: Calibration, model: SocialDangerModel, path: str | Path) -> Path:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "一致率"
    rows: list[tuple[Any, ...]] = [(COLOURS[c], counts["approved"], counts["rejected"], sum(counts.values()))
            for c, counts in calibration.matrix.items()]
    rows += [("评估案件数", calibration.assessed, "", ""),
             ("一致率（红—批捕、绿—不捕；黄色不计入）", _percent(calibration.agreement), "", ""),
             ("模型版本", model.version, "", "")]
    table_sheet(summary, ("三色码", "批准逮捕", "不批准逮捕", "合计"), rows, (40, 14, 14, 10))
    sheet = workbook.create_sheet("指标")
    table_sheet(sheet, ("指标", "内容", "出现案件数", "出现频率", "其中批捕比例", "提升度（lift）"),
                ((s.indicator, _text(model, s.indicator), s.cases, _percent(s.frequency), _percent(s.approved_rate),
                  "—" if s.lift is None else round(s.lift, 3)) for s in calibration.indicators),
                (24, 44, 12, 12, 14, 14))
    sheet = workbook.create_sheet("按罪名")
    table_sheet(sheet, ("罪名", "计入一致率的案件数", "一致", "一致率"),
                ((charge, n, agree, _percent(rate)) for charge, (n, agree, rate) in calibration.by_charge.items()),
                (30, 20, 10, 12))
    with atomic_output(path) as temp:
        workbook.save(temp)
    return Path(path)


def write_screening_workbook(screening: Screening, path: str | Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "离群案件"
    table_sheet(sheet, ("案号", "罪名", "同类案件数", "同类中位数（月）", "本案（月）", "偏离度", "说明"),
                ((o.case_no, o.charge, o.group_size, round(o.group_median_months, 2), round(o.value_months, 2),
                  _percent(o.deviation), o.reason) for o in screening.outliers),
                (26, 18, 12, 16, 12, 10, 80))
    groups = workbook.create_sheet("同类案件组")
    table_sheet(groups, ("分组", "层级", "案件数", "中位数（月）", "MAD（月）", "下限", "上限"),
                ((g.label, g.level, len(g.members), g.median, g.spread, round(g.low, 2), round(g.high, 2))
                 for g in sorted(screening.groups.values(), key=lambda g: (-len(g.members), g.label))),
                (50, 28, 10, 14, 12, 10, 10))
    with atomic_output(path) as temp:
        workbook.save(temp)
    return Path(path)


def _text(model: SocialDangerModel, indicator: str) -> str:
    found = model.indicator(indicator)
    return found.text if found else "应当逮捕（刑事诉讼法第81条第3款）"
