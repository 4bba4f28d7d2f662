"""`casecheck stats`: the 质量看板 figures as casecheck.stats/1 JSON or as a workbook with a chart per figure.

Kept apart from `cli.py` so that module only registers the parser and dispatches here.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli import EXIT_OK, UsageError, _date_arg, _open
from desktop_app.core.case import CASE_TYPES
from desktop_app.core.checklist_model import INSPECTION_KINDS
from desktop_app.core.i18n import tr
from desktop_app.core.scoring import list_grading_schemes

FORMAT = "casecheck.stats/1"


def add_parser(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("stats", "质量看板统计：等次分布、平均分、趋势、常见问题、期限预警、整改完成情况")
    p.add_argument("--from", dest="date_from", type=_date_arg, help="受理日期起（含）")
    p.add_argument("--to", dest="date_to", type=_date_arg, help="受理日期止（含）")
    p.add_argument("--department", help="承办部门")
    p.add_argument("--prosecutor", help="承办检察官")
    p.add_argument("--type", dest="case_type", help="案件类型代码")
    p.add_argument("--kind", dest="inspection_kind", choices=tuple(INSPECTION_KINDS),
                   help="检查方式：self 自查、department 部门核查、review 评查")
    p.add_argument("--grading", help="评定标准（按该标准的分数线给已存得分定等次）：" + "、".join(list_grading_schemes()))
    p.add_argument("--today", type=_date_arg, help="期限预警所依据的日期（默认当天）")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--format", choices=("json",), help="以 casecheck.stats/1 JSON 输出到屏幕")
    out.add_argument("--out", type=Path, help="导出为 .xlsx（每项统计一个工作表，附图表）")


def _filters(args: argparse.Namespace) -> Any:
    from desktop_app.services.stats import StatsFilters

    if args.case_type and args.case_type not in CASE_TYPES:
        raise UsageError(tr(f"--type: 未知的案件类型 {args.case_type!r}，可选：{'、'.join(CASE_TYPES)}",
                            f"--type: unknown case type {args.case_type!r}; allowed: {', '.join(CASE_TYPES)}"))
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(tr("--from: 起始日期晚于 --to", "--from is after --to"))
    if args.grading and args.grading not in list_grading_schemes():
        raise UsageError(tr(f"--grading: 未知的评定标准 {args.grading!r}，可选：{'、'.join(list_grading_schemes())}",
                            f"--grading: unknown scheme {args.grading!r}; allowed: {', '.join(list_grading_schemes())}"))
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        raise UsageError(tr(f"--out: 应为 .xlsx 文件：{args.out}", f"--out: must be an .xlsx file: {args.out}"))
    return StatsFilters(date_from=args.date_from, date_to=args.date_to, department=args.department,
                        prosecutor=args.prosecutor, case_type=args.case_type, inspection_kind=args.inspection_kind,
                        scheme=args.grading)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def stats_json(stats: Any) -> dict[str, Any]:
    """The documented casecheck.stats/1 document (README, “质量看板统计”)."""
    def rows(items: list[Any]) -> list[dict[str, Any]]:
        return [_plain(dataclasses.asdict(item)) for item in items]

    return {
        "format": FORMAT,
        "today": stats.today.isoformat(),
        "filters": stats.filters.as_dict(),
        "cases": stats.cases,
        "grades": {b.key or "none": {"label": b.label, "cases": b.count} for b in stats.grades},
        "by_prosecutor": rows(stats.by_prosecutor),
        "by_case_type": rows(stats.by_case_type),
        "trend": rows(stats.trend),
        "failed_items": rows(stats.failed_items),
        "flags": rows(stats.flags),
        "periods": {"overdue": stats.periods.overdue, "due_soon": stats.periods.due_soon,
                    "list": rows(stats.periods.periods)},
        "rectifications": {b.key: b.count for b in stats.rectifications},
    }


def cmd_stats(args: argparse.Namespace) -> int:
    from desktop_app.services.stats import stats_service

    filters = _filters(args)
    services = _open(args)
    stats = stats_service(services).dashboard(filters, args.today or dt.date.today(), services.actor)
    if args.out is not None:
        from desktop_app.reports.excel_stats import write_stats_workbook

        write_stats_workbook(stats, args.out)
        print(tr(f"统计 {stats.cases} 件案件；已导出到 {args.out}", f"{stats.cases} cases; written to {args.out}"))
        return EXIT_OK
    print(json.dumps(stats_json(stats), ensure_ascii=False, indent=2))
    return EXIT_OK
