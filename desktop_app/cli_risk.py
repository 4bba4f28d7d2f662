"""The risk and 考核 commands of `casecheck`: `risk calibrate`, `screen sentencing` and `kaohe`.

Kept apart from `cli.py` so that module only registers the parsers and dispatches here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli import EXIT_OK, UsageError, _date_arg, _filters, _open, _subcommand
from desktop_app.core.i18n import tr
from desktop_app.core.risk.social_danger import COLOURS

COMMAND_NAMES = ("risk", "screen", "kaohe")


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser], parser_class: Any) -> None:
    p = command("risk", "社会危险性量化评估（三色码）")
    sub: Any = p.add_subparsers(dest="risk_command", required=True, parser_class=parser_class)
    q = _subcommand(sub, "calibrate", "以已作出的逮捕决定校准三色码：一致率、混淆矩阵、指标提升度、按罪名一致率")
    _report_options(q)
    p = command("screen", "类案比对筛查")
    sub = p.add_subparsers(dest="screen_command", required=True, parser_class=parser_class)
    q = _subcommand(sub, "sentencing", "量刑偏离度 / 同案不同判：按罪名、数额档次和量刑情节分组，找出离群案件")
    _report_options(q)
    q.add_argument("--min-group", type=int, help="每组至少的案件数（默认见 resources/risk/sentencing.yaml）")
    p = command("kaohe", "评查结果用于考核：按检察官汇总，并列出负面清单")
    p.add_argument("--from", dest="date_from", type=_date_arg, required=True, help="受理日期起（含）")
    p.add_argument("--to", dest="date_to", type=_date_arg, required=True, help="受理日期止（含）")
    p.add_argument("--department", help="承办部门")
    p.add_argument("--out", type=Path, required=True, help=".xlsx 文件")
    p.add_argument("--today", type=_date_arg)


def _report_options(parser: argparse.ArgumentParser) -> None:
    _filters(parser)
    parser.add_argument("--out", type=Path, help="导出为 .xlsx")
    parser.add_argument("--format", choices=("json", "text"), default="text")


def _query(args: argparse.Namespace) -> Any:
    """The usual filters; none at all means every case (these are register-wide analyses)."""
    from desktop_app.core.case import CASE_TYPES
    from desktop_app.services.cases import CaseQuery

    if args.case_type and args.case_type not in CASE_TYPES:
        raise UsageError(tr(f"--type: 未知的案件类型 {args.case_type!r}，可选：{'、'.join(CASE_TYPES)}",
                            f"--type: unknown case type {args.case_type!r}; allowed: {', '.join(CASE_TYPES)}"))
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(tr("--from: 起始日期晚于 --to", "--from is after --to"))
    return CaseQuery(case_type=args.case_type, prosecutor=args.prosecutor, date_from=args.date_from,
                     date_to=args.date_to, case_nos=tuple(args.case) if args.case else None)


def _check_out(path: Path | None) -> None:
    if path is not None and path.suffix.lower() != ".xlsx":
        raise UsageError(tr(f"--out: 应为 .xlsx 文件：{path}", f"--out: must be an .xlsx file: {path}"))


def run(args: argparse.Namespace) -> int:
    if args.command == "risk":
        return _calibrate(args)
    if args.command == "screen":
        return _screen(args)
    return _kaohe(args)


def _calibrate(args: argparse.Namespace) -> int:
    from desktop_app.services.risk import RiskService

    _check_out(args.out)
    services = _open(args)
    risk = RiskService(services.database, services.cases)
    result = risk.calibration(_query(args))
    if args.out:
        from desktop_app.reports.excel_risk import write_calibration_workbook

        write_calibration_workbook(result, risk.model, args.out)
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    rate = "—" if result.agreement is None else f"{result.agreement * 100:.1f}%"
    print(tr(f"评估案件数：{result.assessed}　一致率：{rate}（红—批捕、绿—不捕；黄色不计入）",
             f"assessed: {result.assessed}  agreement: {rate}"))
    print(tr("三色码\t批准逮捕\t不批准逮捕", "colour\tapproved\trejected"))
    for colour, counts in result.matrix.items():
        print(f"{COLOURS[colour]}\t{counts['approved']}\t{counts['rejected']}")
    print(tr("\n罪名\t计入\t一致\t一致率", "\ncharge\tcounted\tagree\trate"))
    for charge, (n, agree, share) in result.by_charge.items():
        print(f"{charge}\t{n}\t{agree}\t{'—' if share is None else f'{share * 100:.1f}%'}")
    print(tr("\n指标\t案件数\t频率\t提升度", "\nindicator\tcases\tfrequency\tlift"))
    for s in result.indicators:
        print(f"{s.indicator}\t{s.cases}\t{s.frequency * 100:.1f}%\t{'—' if s.lift is None else f'{s.lift:.2f}'}")
    if args.out:
        print(tr(f"已导出到 {args.out}", f"written to {args.out}"))
    return EXIT_OK


def _screen(args: argparse.Namespace) -> int:
    from desktop_app.services.risk import RiskService

    _check_out(args.out)
    if args.min_group is not None and args.min_group < 2:
        raise UsageError(tr("--min-group: 至少为 2", "--min-group: must be at least 2"))
    services = _open(args)
    result = RiskService(services.database, services.cases).screening(_query(args), args.min_group)
    if args.out:
        from desktop_app.reports.excel_risk import write_screening_workbook

        write_screening_workbook(result, args.out)
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(tr(f"筛查案件 {result.cases_screened} 件，同类案件组 {len(result.groups)} 个，离群 {len(result.outliers)} 件",
             f"{result.cases_screened} cases screened, {len(result.groups)} groups, {len(result.outliers)} outliers"))
    for o in result.outliers:
        deviation = "—" if o.deviation is None else f"{o.deviation * 100:+.0f}%"
        print(f"{o.case_no}\t{o.charge}\t{deviation}\t{o.reason}")
    if args.out:
        print(tr(f"已导出到 {args.out}", f"written to {args.out}"))
    return EXIT_OK


def _kaohe(args: argparse.Namespace) -> int:
    from desktop_app.reports.excel_kaohe import write_kaohe_workbook
    from desktop_app.services.kaohe import kaohe_report

    _check_out(args.out)
    if args.date_from > args.date_to:
        raise UsageError(tr("--from: 起始日期晚于 --to", "--from is after --to"))
    services = _open(args)
    report = kaohe_report(services, args.date_from, args.date_to, department=args.department,
                          today=args.today or dt.date.today())
    write_kaohe_workbook(report, args.out)
    print(tr(f"考核：{len(report.prosecutors)} 名检察官，{report.cases} 件案件，负面清单 {len(report.negative)} 件；"
             f"已导出到 {args.out}",
             f"{len(report.prosecutors)} prosecutors, {report.cases} cases, {len(report.negative)} on the negative "
             f"list; written to {args.out}"))
    return EXIT_OK
