"""The `casecheck` command: everything the GUI does, from a terminal, through the same core and services.

Exit codes (the CLI contract): 0 success; 1 the command ran and found a problem it reports; 2 bad input or usage,
with the file and field named on stderr; 3 internal error, with where the log is; 4 not permitted (no account
given where one is needed, authentication failed, locked out, or the role may not do this). Never a traceback for
bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from desktop_app import __version__, cli_backup, cli_db, cli_trust
from desktop_app.cli_users import add_user_commands, cmd_user
from desktop_app.cli_users import log_in as log_in_user
from desktop_app.core.case_format import CaseFormatError, parse_date
from desktop_app.core.datafile import BrokenInstallationError, DataFileError
from desktop_app.core.i18n import set_language, tr
from desktop_app.logs import log, setup_file_logging

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_NOT_PERMITTED = 0, 1, 2, 3, 4


class UsageError(Exception):
    """Bad input found by a command itself (a bad date, an unknown case): exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {tr('参数错误', 'error')}: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _date_arg(text: str) -> dt.date:
    value = parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(tr(f"日期格式应为 YYYY-MM-DD：{text!r}", f"date must be YYYY-MM-DD: {text!r}"))
    return value


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", default=default, help="数据库文件路径或 SQLAlchemy URL（默认 CASECHECK_DB 或用户数据目录）")
    parser.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS if suppress else "zh",
                        help="提示语言")
    parser.add_argument("--user", default=default, help="操作账户（数据库启用账户后必需；密码取自 CASECHECK_PASSWORD 或提示输入）")


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--case", action="append", default=[], metavar="CASE_NO", help="案号（可重复）")
    parser.add_argument("--type", dest="case_type", help="案件类型代码")
    parser.add_argument("--prosecutor", help="承办检察官")
    parser.add_argument("--from", dest="date_from", type=_date_arg, help="受理日期起（含）")
    parser.add_argument("--to", dest="date_to", type=_date_arg, help="受理日期止（含）")
    parser.add_argument("--all", action="store_true", help="全部案件")


def _subcommand(group: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """A sub-command that also accepts the global options after its name (`casecheck import --db X …`)."""
    parser: argparse.ArgumentParser = group.add_parser(name, help=help_text, description=help_text)
    _global_options(parser, suppress=True)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="casecheck", description="案件质量自查 — 命令行")
    parser.add_argument("--version", action="version", version=f"casecheck {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return _subcommand(sub, name, help_text)

    command("init", "创建或升级数据库")
    p = command("import", "导入案件文件（casecheck.case/1 JSON 或 .xlsx 案件登记表），全部成功或全部不导入")
    p.add_argument("files", nargs="+", type=Path)
    p = command("evaluate", "评估一个案件文件或数据库中的案件")
    p.add_argument("file", nargs="?", type=Path)
    p.add_argument("--case", dest="case_no")
    p.add_argument("--today", type=_date_arg)
    p.add_argument("--calendar", type=Path)
    p.add_argument("--grading", default="2017", help="评定标准：2017（默认）或 2026，或方案文件路径")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p = command("export", "导出评查结果（Excel 或 PDF）")
    p.add_argument("--format", choices=("xlsx", "pdf"), required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--layout", choices=("combined", "per_case"), help="combined：汇总/合并；per_case：每案一个文件")
    p.add_argument("--today", type=_date_arg)
    _filters(p)
    p = command("export-cases", "把案件导出为 casecheck.case/1 JSON 文件（每案一个）")
    p.add_argument("--out", type=Path, required=True)
    _filters(p)
    p = command("audit", "审计记录")
    audit_sub = p.add_subparsers(dest="audit_command", required=True, parser_class=_Parser)
    cli_trust.add_audit_parsers(audit_sub, _subcommand)
    p = command("keys", "单位密钥（交换包签名、审计链封印）")
    cli_trust.add_keys_parsers(p.add_subparsers(dest="keys_command", required=True, parser_class=_Parser),
                               _subcommand)
    p = command("demo", "生成示例案件")
    p.add_argument("--cases", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--today", type=_date_arg, help="生成案件所依据的“今天”（默认当天）")
    p.add_argument("--accounts", action="store_true", help="同时创建演示账户（见 README）")
    p = command("checklist", "检查表模板")
    cl = p.add_subparsers(dest="checklist_command", required=True, parser_class=_Parser)
    _subcommand(cl, "list", "列出检查表")
    q = _subcommand(cl, "show", "显示检查表")
    q.add_argument("case_type")
    q = _subcommand(cl, "export", "导出检查表为 .xlsx")
    q.add_argument("case_type")
    q.add_argument("--out", type=Path, required=True)
    q = _subcommand(cl, "import", "从 .xlsx 导入检查表（生成新版本）")
    q.add_argument("file", type=Path)
    p = command("bundle", "工作站之间离线交换案件")
    bundle_sub = p.add_subparsers(dest="bundle_command", required=True, parser_class=_Parser)
    q = _subcommand(bundle_sub, "export", "导出交换包")
    q.add_argument("--out", type=Path, required=True)
    _filters(q)
    q = _subcommand(bundle_sub, "import", "导入交换包")
    cli_trust.add_bundle_import_arguments(q)
    p = command("rectify", "整改清单")
    rect = p.add_subparsers(dest="rectify_command", required=True, parser_class=_Parser)
    q = _subcommand(rect, "sync", "按当前检查结果生成或更新整改清单")
    q.add_argument("--today", type=_date_arg)
    _filters(q)
    q = _subcommand(rect, "list", "列出整改清单")
    q.add_argument("--case", dest="case_no")
    q.add_argument("--status", choices=("pending", "done", "declined"))
    q.add_argument("--owner")
    q.add_argument("--out", type=Path, help="导出为 .xlsx")
    q = _subcommand(rect, "set", "更新一条整改事项")
    q.add_argument("case_no")
    q.add_argument("key")
    q.add_argument("--status", choices=("pending", "done", "declined"), required=True)
    q.add_argument("--reason", default="")
    q.add_argument("--owner")
    q.add_argument("--due", type=_date_arg)
    q.add_argument("--note")
    q.add_argument("--expect-version", type=int, help="只在该事项仍是此版本时修改（被他人改过则退出码 1，不写入）")
    p = command("profile", "查看或修改本人信息（检查人姓名、身份）")
    p.add_argument("--name")
    p.add_argument("--role", help="prosecutor、department_head、reviewer、trainer、admin（或中文名称）")
    add_user_commands(command, _subcommand, _Parser)
    p = command("backup", "备份数据库（SQLite 在线备份，并做完整性检查）")
    p.add_argument("--out", type=Path, help="备份文件（默认：用户数据目录下的 backups 文件夹）")
    p = command("restore", "从备份恢复数据库（先备份被替换的数据库）")
    p.add_argument("file", type=Path)
    cli_db.add_parser(command, _subcommand, _Parser)
    p = command("bench", "性能基准（每项与同次测得的下限对比）")
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--out", type=Path, help="把结果（casecheck.bench/1 JSON）写入文件，并在屏幕上显示表格")
    p.add_argument("--repeats", type=int, default=3, help="每项计时重复次数，取中位数（默认 3）")
    p.add_argument("--only", help="只测这些指标（逗号分隔的指标名），其余跳过")
    from desktop_app import cli_risk

    cli_risk.add_parsers(command, _Parser)
    from desktop_app import cli_stats

    cli_stats.add_parser(command)
    from desktop_app import cli_server

    cli_server.add_parsers(command, _Parser, _subcommand)
    from desktop_app import cli_samples

    cli_samples.add_parser(command, _Parser)
    return parser


# --- helpers ---------------------------------------------------------------------------------------------------
def _open(args: argparse.Namespace, *, log_in: bool = True, **kwargs: Any) -> Any:
    """The services of the chosen database, acting as `--user` when the database has accounts."""
    from desktop_app.paths import resolve_database
    from desktop_app.services.container import open_services

    kwargs.setdefault("ask_password", _terminal_password if sys.stdin.isatty() else None)
    services = open_services(resolve_database(args.db), **kwargs)
    args.opened = [*getattr(args, "opened", []), services]  # closed by `main` when the command ends
    if log_in:
        log_in_user(services, args.user)
    return services


def _terminal_password(where: str) -> str | None:
    """The database server's password, typed without echo; None when the person gives up (Ctrl-D, Ctrl-C)."""
    import getpass

    try:
        return getpass.getpass(tr(f"数据库 {where} 的密码：", f"password for the database {where}: "))
    except (EOFError, KeyboardInterrupt):
        return None


def _query(args: argparse.Namespace) -> Any:
    from desktop_app.core.case import CASE_TYPES
    from desktop_app.services.cases import CaseQuery

    if not (args.case or args.case_type or args.prosecutor or args.date_from or args.date_to or args.all):
        raise UsageError(tr("请指定筛选条件（--case、--type、--prosecutor、--from、--to）或 --all",
                            "give a filter (--case, --type, --prosecutor, --from, --to) or --all"))
    if args.case_type and args.case_type not in CASE_TYPES:
        raise UsageError(tr(f"--type: 未知的案件类型 {args.case_type!r}，可选：{'、'.join(CASE_TYPES)}",
                            f"--type: unknown case type {args.case_type!r}; allowed: {', '.join(CASE_TYPES)}"))
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(tr("--from: 起始日期晚于 --to", "--from is after --to"))
    return CaseQuery(case_type=args.case_type, prosecutor=args.prosecutor, date_from=args.date_from,
                     date_to=args.date_to, sort="case_no", descending=False)


def _selected_case_nos(services: Any, args: argparse.Namespace) -> list[str]:
    query = _query(args)
    rows: list[str] = []
    if args.case:
        for case_no in args.case:
            services.cases.get(case_no)
        rows = list(dict.fromkeys(args.case))
    if args.case_type or args.prosecutor or args.date_from or args.date_to or args.all:
        ids = services.cases.list_ids(query)
        found = services.cases.rows(ids)
        selected = [found[i].case_no for i in ids if i in found]
        rows = [n for n in selected if not args.case or n in rows]
    return rows


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _progress(label: str) -> Callable[[int, int], None]:
    """A one-line progress display on stderr when it is a terminal."""
    interactive = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if interactive:
            sys.stderr.write(f"\r{label} {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return report


# --- commands --------------------------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    services = _open(args)
    print(tr(f"数据库已就绪：{services.database.display_path}", f"database ready: {services.database.display_path}"))
    if services.database.backup:
        print(tr(f"升级前已备份到：{services.database.backup}", f"backup before upgrade: {services.database.backup}"))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    services = _open(args)
    count = services.cases.import_files(services.actor, args.files, progress=_progress(tr("导入", "importing")),
                                        warn=_warn)
    print(tr(f"已导入 {count} 个案件", f"imported {count} cases"))
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from desktop_app.core.case_format import load_case_file, unknown_answer_ids, unknown_answers_warning
    from desktop_app.core.evaluation import EvaluationContext, evaluate_case
    from desktop_app.core.textreport import evaluation_text

    if bool(args.file) == bool(args.case_no):
        raise UsageError(tr("请给出一个案件文件，或用 --case 指定数据库中的案号（二选一）",
                            "give either a case file or --case CASE_NO"))
    today = args.today or dt.date.today()
    if args.file:
        context = EvaluationContext.load(calendar_path=args.calendar, grading=args.grading)
        case = load_case_file(args.file)
        template = context.templates.get(case.case_type)
        unknown = unknown_answer_ids(case, {i.id for i in template.items} if template else set())
        if unknown:
            _warn(unknown_answers_warning(str(args.file), unknown))
        evaluation = evaluate_case(case, today, context)
    else:
        from desktop_app.services.exports import build_scorecard

        services = _open(args, calendar_path=args.calendar, grading=args.grading)
        card = build_scorecard(services, args.case_no, today)
        evaluation = card.evaluation
        evaluation.score, evaluation.grade, evaluation.grade_code = card.score.score, card.score.grade, \
            card.score.grade_code
        case = card.case
    if args.format == "json":
        print(json.dumps(evaluation.to_json(), ensure_ascii=False, indent=2, allow_nan=False))  # always valid JSON
    else:
        print(evaluation_text(case, evaluation))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.services.exports import export_scorecards

    suffix = args.out.suffix.lower()
    if suffix in {".xlsx", ".pdf"} and suffix != f".{args.format}":
        raise UsageError(tr(f"--out: 文件扩展名 {suffix} 与 --format {args.format} 不符",
                            f"--out: the {suffix} extension does not match --format {args.format}"))
    services = _open(args)
    case_nos = _selected_case_nos(services, args)
    layout = args.layout or ("per_case" if args.out.suffix.lower() != f".{args.format}" else "combined")
    if layout == "combined" and len(case_nos) == 1 and args.format == "xlsx":
        from desktop_app.reports.excel_case import write_case_workbook
        from desktop_app.services.exports import build_scorecard

        write_case_workbook(build_scorecard(services, case_nos[0], args.today or dt.date.today()), args.out)
        written = [args.out]
    else:
        written = export_scorecards(services, case_nos, args.format, args.out, layout,
                                    progress=_progress(tr("导出", "exporting")), today=args.today)
    print(tr(f"已导出 {len(case_nos)} 个案件，写入 {len(written)} 个文件：{args.out}",
             f"exported {len(case_nos)} cases to {len(written)} files: {args.out}"))
    return EXIT_OK


def cmd_export_cases(args: argparse.Namespace) -> int:
    services = _open(args)
    from desktop_app.core.case_format import dump_case
    from desktop_app.services.cases import safe_file_name

    args.out.mkdir(parents=True, exist_ok=True)
    case_nos = _selected_case_nos(services, args)
    for case_no in case_nos:
        case = services.cases.get(case_no)
        view = services.inspections.latest_for_case(case_no)
        if view is not None:
            case.answers = dict(view.answers)
        (args.out / f"{safe_file_name(case_no)}.json").write_text(dump_case(case), encoding="utf-8")
    print(tr(f"已导出 {len(case_nos)} 个案件到 {args.out}", f"exported {len(case_nos)} cases to {args.out}"))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.services.demo import fill_demo

    if args.cases < 0:
        raise UsageError(tr("--cases 不能为负数", "--cases must not be negative"))
    services = _open(args)
    count = fill_demo(services, args.cases, seed=args.seed, today=args.today,
                      progress=_progress(tr("生成", "generating")))
    print(tr(f"已生成 {count} 个示例案件", f"generated {count} demo cases"))
    if args.accounts:
        from desktop_app.services.demo import add_demo_accounts

        for info in add_demo_accounts(services):
            print(tr(f"演示账户 {info.login}（{info.role_label}，{info.real_name}）",
                     f"demo account {info.login} ({info.role}, {info.real_name})"))
    return EXIT_OK


def cmd_checklist(args: argparse.Namespace) -> int:
    from desktop_app.core.case import CASE_TYPES

    services = _open(args)
    if args.checklist_command == "list":
        for info in services.templates.versions():
            print(f"{info.template_id}\t{info.version}\t{info.items}\t{info.title}")
        return EXIT_OK
    if args.checklist_command == "import":
        from desktop_app.reports.checklist_workbook import import_template_xlsx

        template = import_template_xlsx(args.file)
        info = services.templates.save(services.actor, template)
        print(tr(f"已导入检查表 {info.template_id} 版本 {info.version}（{info.items} 项）",
                 f"imported {info.template_id} version {info.version} ({info.items} items)"))
        return EXIT_OK
    if args.case_type not in CASE_TYPES:
        raise UsageError(tr(f"case_type: 未知的案件类型 {args.case_type!r}", f"case_type: unknown {args.case_type!r}"))
    _, template = services.templates.current(args.case_type)
    if args.checklist_command == "export":
        from desktop_app.reports.checklist_workbook import export_template_xlsx

        export_template_xlsx(template, args.out)
        print(tr(f"已导出到 {args.out}", f"written to {args.out}"))
        return EXIT_OK
    print(f"{template.title}（{template.id}，版本 {template.version}）")
    for section in template.sections:
        print(f"\n【{section.title}】")
        for item in section.items:
            mark = "" if item.verified else tr("（依据未经核实）", " (basis unverified)")
            veto = tr(" [否决项]", " [veto]") if item.veto else ""
            print(f"  {item.id} {item.question}{veto}\n      {tr('依据', 'basis')}：{item.legal_basis}{mark}")
    return EXIT_OK


def cmd_rectify(args: argparse.Namespace) -> int:
    services = _open(args)
    if args.rectify_command == "sync":
        from desktop_app.services.exports import sync_rectifications

        today = args.today or dt.date.today()
        case_nos = _selected_case_nos(services, args)
        lines = sum(len(sync_rectifications(services, n, today)) for n in case_nos)
        print(tr(f"已更新 {len(case_nos)} 个案件的整改清单，共 {lines} 项", f"{len(case_nos)} cases, {lines} lines"))
        return EXIT_OK
    if args.rectify_command == "set":
        row = services.rectifications.update(services.actor, args.case_no, args.key, status=args.status,
                                             reason=args.reason, owner=args.owner, due=args.due, note=args.note,
                                             expected_version=args.expect_version)
        print(f"{row.case_no}\t{row.key}\t{row.status_label}\t{row.owner}\t{row.due or ''}\t{row.version}")
        return EXIT_OK
    rows = services.rectifications.rows(case_no=args.case_no, status=args.status, owner=args.owner)
    if args.out:
        from desktop_app.reports.excel_rectification import write_rectification_workbook

        write_rectification_workbook(rows, args.out)
        print(tr(f"已导出 {len(rows)} 项到 {args.out}", f"{len(rows)} lines written to {args.out}"))
        return EXIT_OK
    for r in rows:
        print(f"{r.case_no}\t{r.key}\t{r.status_label}\t{r.owner}\t{r.due or ''}\t{r.problem}\t{r.version}")
    return EXIT_OK


def cmd_profile(args: argparse.Namespace) -> int:
    from desktop_app.services.actors import ROLES
    from desktop_app.services.profile import update_profile

    services = _open(args)
    actor = services.actor
    if args.name is not None or args.role is not None:
        actor = update_profile(services.database, actor, actor.display_name if args.name is None else args.name,
                               args.role or actor.role)
    print(f"{actor.display_name}\t{ROLES[actor.role]}（{actor.role}）")
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from desktop_app.bench import GOALS, format_table, run_bench
    from desktop_app.bench.targets import is_server_url

    if args.cases < 1:
        raise UsageError(tr("--cases: 至少为 1", "--cases: must be at least 1"))
    only = None if not args.only else [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in only or () if name not in GOALS]
    if unknown:
        raise UsageError(tr(f"--only: 未知的指标 {'、'.join(unknown)}（可选：{', '.join(GOALS)}）",
                            f"--only: unknown metric {', '.join(unknown)} (choose from {', '.join(GOALS)})"))
    # With a server URL the benchmark creates (and drops) a database of its own on that server; it never uses the
    # database named in the URL. A file path (or CASECHECK_DB) is left untouched too: the SQLite bench always
    # builds a throw-away file of its own, so `--db` may be given as for every other command.
    db_url = getattr(args, "db", None)
    if db_url and not is_server_url(db_url):
        db_url = None
    interactive = sys.stderr.isatty()

    def say(step: str) -> None:
        if interactive:
            print(tr(f"基准：{step}…", f"bench: {step}…"), file=sys.stderr, flush=True)

    result = run_bench(args.cases, progress=say, repeats=args.repeats, db_url=db_url, only=only)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(format_table(result))
    else:  # the JSON is the output; the table is for the person watching
        print(format_table(result), file=sys.stderr)
        print(text)
    return EXIT_OK


def cmd_risk(args: argparse.Namespace) -> int:
    from desktop_app import cli_risk

    return cli_risk.run(args)


def cmd_server(args: argparse.Namespace) -> int:
    from desktop_app import cli_server

    return cli_server.cmd_server(args)


def cmd_stats(args: argparse.Namespace) -> int:
    from desktop_app import cli_stats

    return cli_stats.cmd_stats(args)


def cmd_samples(args: argparse.Namespace) -> int:
    from desktop_app import cli_samples

    return cli_samples.cmd_samples(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init, "import": cmd_import, "evaluate": cmd_evaluate, "export": cmd_export,
    "export-cases": cmd_export_cases, "audit": cli_trust.cmd_audit, "demo": cmd_demo, "checklist": cmd_checklist,
    "bundle": cli_trust.cmd_bundle, "keys": cli_trust.cmd_keys, "bench": cmd_bench, "rectify": cmd_rectify,
    "profile": cmd_profile, "backup": cli_backup.cmd_backup, "restore": cli_backup.cmd_restore,
    "user": lambda args: cmd_user(args, _open),
    "risk": cmd_risk, "screen": cmd_risk, "kaohe": cmd_risk, "stats": cmd_stats, "db": cli_db.cmd_db,
    "samples": cmd_samples, "server": cmd_server,
}


def _bad_input(lines: Sequence[str]) -> int:
    from desktop_app.core.limits import capped

    for line in capped(list(lines)):
        print(line, file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A console or pipe in a legacy code page must not turn a rare character into an internal error.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    set_language(args.lang)
    log_path = setup_file_logging()
    from db.engine import DatabaseEnvironmentError
    from desktop_app.services.errors import EditConflict, PermissionDenied, ServiceError

    try:
        return _run(args)
    except PermissionDenied as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return EXIT_NOT_PERMITTED
    except EditConflict as exc:
        # The input was fine; the record changed under it. Like a bundle import's conflicts: a problem found and
        # reported, nothing written (exit 1), not bad input (exit 2).
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    except CaseFormatError as exc:
        return _bad_input(exc.problems)
    except ServiceError as exc:
        return _bad_input(exc.problems)
    except BrokenInstallationError as exc:
        print(tr(str(exc), f"broken installation: the shipped data file {exc.path} is missing; reinstall the program"),
              file=sys.stderr)
        return EXIT_INTERNAL
    except DataFileError as exc:
        return _bad_input([str(exc)])
    except UsageError as exc:
        return _bad_input([str(exc)])
    except DatabaseEnvironmentError as exc:
        return _bad_input([tr(exc.message_zh, exc.message_en) + (f"（{exc.path}）" if exc.path else "")])
    except _template_workbook_error() as exc:
        return _bad_input(list(getattr(exc, "problems", [str(exc)])))
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped reading; nothing is wrong
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:
        where = exc.filename or ""
        return _bad_input([tr(f"{where}: 文件操作失败：{exc.strerror or exc}", f"{where}: {exc.strerror or exc}")])
    except KeyboardInterrupt:
        print(tr("已中断", "interrupted"), file=sys.stderr)
        return EXIT_INTERNAL
    except Exception:  # noqa: BLE001 - the last line of defence: log the bug, tell the person where
        log.error("internal error\n%s", traceback.format_exc())
        where = str(log_path) if log_path else tr("（日志不可写）", "(log not writable)")
        print(tr(f"内部错误，详情见日志：{where}", f"internal error; details in the log: {where}"), file=sys.stderr)
        return EXIT_INTERNAL


def _run(args: argparse.Namespace) -> int:
    """The command, then its database connections closed: a server's connections are ended properly rather than
    left to the garbage collector."""
    try:
        return COMMANDS[args.command](args)
    finally:
        for services in getattr(args, "opened", []):
            services.close()


def _template_workbook_error() -> type[Exception]:
    from desktop_app.reports.checklist_workbook import TemplateWorkbookError

    return TemplateWorkbookError


if __name__ == "__main__":
    raise SystemExit(main())
