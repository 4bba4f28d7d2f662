"""`casecheck db copy --from URL --to URL`: a workstation database into the team server and back (the work is in
`services.db_copy`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from desktop_app.core.i18n import tr

EXIT_OK, EXIT_PROBLEM = 0, 1


def add_parser(command: Callable[[str, str], argparse.ArgumentParser], subcommand: Callable[..., Any],
               parser_class: type[argparse.ArgumentParser]) -> None:
    p = command("db", "数据库之间复制（工作站与服务器之间）")
    sub = p.add_subparsers(dest="db_command", required=True, parser_class=parser_class)
    q = subcommand(sub, "copy", "把一个数据库复制（或合并）到另一个：全部成功或目标不变，复制后校验审计链")
    q.add_argument("--from", dest="source", required=True, metavar="URL", help="源数据库（文件路径或 SQLAlchemy URL）")
    q.add_argument("--to", dest="target", required=True, metavar="URL", help="目标数据库（文件路径或 SQLAlchemy URL）")
    q.add_argument("--on-conflict", choices=("keep-local", "take-incoming"),
                   help="目标已有案件时，两边都有改动的记录：保留目标（keep-local）或采用源（take-incoming）")


def cmd_db(args: argparse.Namespace) -> int:
    from desktop_app.cli_users import log_in
    from desktop_app.services import bundles, db_copy
    from desktop_app.services.container import open_services

    source = open_services(args.source)
    try:
        target = open_services(args.target)
    except BaseException:
        source.close()
        raise
    try:
        log_in(source, args.user)
        log_in(target, args.user)
        try:
            summary = db_copy.copy_database(source, target, on_conflict=args.on_conflict)
        except db_copy.CopyRefused as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEM
        except bundles.BundleConflicts as exc:
            for line in bundles.summary_lines(exc.summary)[1:-1]:
                print(line, file=sys.stderr)
            print(tr(f"有 {len(exc.summary.conflicts)} 处冲突，目标数据库未改变；请用 --on-conflict keep-local 或 "
                     "take-incoming 选择处理方式",
                     f"{len(exc.summary.conflicts)} conflicts; the target is unchanged. Choose with --on-conflict "
                     "keep-local or take-incoming"), file=sys.stderr)
            return EXIT_PROBLEM
        for line in report_lines(summary, source.database.display_path, target.database.display_path):
            print(line)
        return EXIT_OK
    finally:
        source.close()
        target.close()


def report_lines(summary: Any, source: str, target: str) -> list[str]:
    """What was done, the rows per table (source, target before, target after) and the verified audit head."""
    if summary.mode == "full":
        lines = [tr(f"已把 {source} 完整复制到 {target}", f"copied {source} in full into {target}")]
    else:
        from desktop_app.services.bundles import summary_lines

        lines = [tr(f"目标 {target} 已有数据：已按交换包规则把 {source} 合并进去",
                    f"{target} already held data: merged {source} into it by the bundle rules")]
        lines += summary_lines(summary.merge)[1:]
    lines.append(tr("表\t源\t目标（之前）\t目标（之后）", "table\tsource\ttarget before\ttarget after"))
    lines += [f"{name}\t{a}\t{b}\t{c}" for name, (a, b, c) in summary.counts.items() if a or b or c]
    lines.append(tr(f"目标审计链校验通过：{summary.target_entries} 条记录，审计链头 {summary.target_head.full()}",
                    f"target audit chain verified: {summary.target_entries} entries, head "
                    f"{summary.target_head.full()}"))
    return lines
