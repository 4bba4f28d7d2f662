"""The trust commands of `casecheck`: `audit verify|head`, `keys init|import|export`, `bundle export|import`.

Kept out of `cli.py` so the parser there only names them. `audit verify` and `audit head` open the database
read-only, so an archive copy on a write-protected medium can be checked, and they never change a byte.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.i18n import tr
from desktop_app.services.errors import ServiceError

if TYPE_CHECKING:
    from db.engine import Database

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT, EXIT_NOT_PERMITTED = 0, 1, 2, 4


def open_read_only(target: str | None) -> Database:
    """Open a database without writing to it (SQLite: a read-only connection); its schema must be current."""
    import sqlite3

    from sqlalchemy import create_engine, event
    from sqlalchemy.orm import sessionmaker

    from db.engine import (
        BUSY_TIMEOUT_MS,
        Database,
        DatabaseEnvironmentError,
        classify_error,
        current_revision,
        database_url,
        head_revision,
        make_engine,
        read_only_uri,
        sqlite_path,
    )
    from desktop_app.paths import default_database

    url = database_url(target or default_database())
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            raise DatabaseEnvironmentError("unavailable", f"数据库文件不存在：{path}", f"No such database: {path}",
                                           str(path))
        uri = read_only_uri(path)
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True,
                                                                            timeout=BUSY_TIMEOUT_MS / 1000))

        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

        event.listen(engine, "connect", _pragmas)
    else:
        engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except Exception as exc:  # noqa: BLE001 - sorted into environment failures just below
        engine.dispose()
        problem = classify_error(exc, str(path or url))
        if problem is not None:
            raise problem from exc
        raise
    if revision != head_revision():
        engine.dispose()
        raise DatabaseEnvironmentError(
            "needs_migration",
            f"数据库架构版本为 {revision or '（空）'}，本程序为 {head_revision()}：较旧的数据库需要先迁移升级（casecheck init）"
            "才能校验，只读副本请复制到可写位置后升级；较新的请用更新版本的程序校验。",
            f"The database schema is {revision or '(empty)'}, this program's is {head_revision()}: an older database "
            "needs a migration first (casecheck init; copy a read-only file somewhere writable to upgrade it), a newer "
            "one a newer program.",
            str(path or url))
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


# --- audit ---------------------------------------------------------------------------------------------------------
def _log_in(database: Database, args: argparse.Namespace) -> None:
    """The same `--user` check as every other command. A log-in that succeeds writes nothing; a failed one is
    recorded, so it goes through a writable connection, opened only where the database has accounts."""
    from desktop_app.cli import _open
    from desktop_app.services.accounts import has_accounts

    with database.sessions() as session:
        if not has_accounts(session):
            return
    _open(args).close()


def cmd_audit(args: argparse.Namespace) -> int:
    from desktop_app.services.audit import current_head, parse_anchor, verify_chain

    anchor = None
    if getattr(args, "expect_head", None):
        anchor = parse_anchor(args.expect_head)
        if anchor is None:
            raise ServiceError(tr(f"--expect-head: 应为 ID:哈希值 或至少 16 位十六进制哈希值：{args.expect_head[:80]!r}",
                                     f"--expect-head: expected ID:HASH or at least 16 hex digits: "
                                     f"{args.expect_head[:80]!r}"))
    database = open_read_only(args.db)
    try:
        _log_in(database, args)
        if args.audit_command == "head":
            print(current_head(database).full())
            return EXIT_OK
        report = verify_chain(database, expect=anchor)
    finally:
        database.dispose()
    if report.ok:
        seal = ""
        if report.key_id:
            seal = tr(f"，单位密钥 {report.key_id} 封印已核对 {report.sealed} 条",
                      f"; {report.sealed} seals checked under procuratorate key {report.key_id}")
        elif report.unchecked_seals:
            seal = tr(f"，{report.unchecked_seals} 条带单位密钥封印的记录因本机未安装密钥而未核对封印",
                      f"; {report.unchecked_seals} key seals not checked (no key installed here)")
        print(tr(f"审计链完整：共 {report.entries} 条记录，审计链头 {report.head.full()}{seal}",
                 f"audit chain intact: {report.entries} entries, head {report.head.full()}{seal}"))
        if not report.key_id:
            print(tr("提示：未使用单位密钥时，整条链被重新计算只能对照另行保存的校验码发现（--expect-head）。",
                     "note: without a procuratorate key a recomputed chain is only caught against a head kept "
                     "elsewhere (--expect-head)."), file=sys.stderr)
        return EXIT_OK
    print(tr(f"审计链已被破坏：第一条异常记录编号 {report.first_broken}（{report.reason}：{report.explanation()}）",
             f"audit chain broken: first bad entry id {report.first_broken} ({report.reason}: "
             f"{report.explanation()})"), file=sys.stderr)
    return EXIT_PROBLEM


# --- bundles -------------------------------------------------------------------------------------------------------
def add_bundle_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="只检查并显示将发生的变化，不写入")
    parser.add_argument("--unverified", action="store_true",
                        help="导入未签名或未知单位密钥签名的交换包，标记为“未经验证”")
    parser.add_argument("--on-conflict", choices=("keep-local", "take-incoming"),
                        help="两边都有改动的记录：保留本机（keep-local）或采用交换包（take-incoming）")


def cmd_bundle(args: argparse.Namespace) -> int:
    from desktop_app.cli import _open, _selected_case_nos, _warn
    from desktop_app.services import bundles

    if args.bundle_command == "import" and args.file is not None and not args.file.is_file():
        raise ServiceError(f"{args.file}: (file): " + tr("文件不存在", "file not found"))
    services = _open(args)
    if args.bundle_command == "export":
        result = bundles.export_bundle(services, _selected_case_nos(services, args), args.out)
        signed = tr(f"，已用单位密钥 {result.signed_by} 签名", f", signed with key {result.signed_by}") \
            if result.signed_by else tr("，未签名（本机未安装单位密钥）", ", unsigned (no procuratorate key installed)")
        print(tr(f"已导出 {result.cases} 个案件（{result.inspections} 条检查记录、{result.rectifications} 项整改）到交换包 "
                 f"{args.out}{signed}",
                 f"bundled {result.cases} cases ({result.inspections} inspections, {result.rectifications} "
                 f"rectification lines) into {args.out}{signed}"))
        return EXIT_OK
    try:
        summary = bundles.import_bundle(services, args.file, dry_run=args.dry_run, unverified=args.unverified,
                                        on_conflict=args.on_conflict, warn=_warn)
    except bundles.BundleNotTrusted as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_NOT_PERMITTED
    except bundles.BundleConflicts as exc:
        for line in bundles.summary_lines(exc.summary)[:-1]:
            print(line, file=sys.stderr)
        print(tr(f"有 {len(exc.summary.conflicts)} 处冲突，未写入任何内容；请用 --on-conflict keep-local 或 "
                 "take-incoming 选择处理方式",
                 f"{len(exc.summary.conflicts)} conflicts; nothing was written. Choose with --on-conflict "
                 "keep-local or take-incoming"), file=sys.stderr)
        return EXIT_PROBLEM
    for line in bundles.summary_lines(summary):
        print(line)
    return EXIT_OK


# --- keys ----------------------------------------------------------------------------------------------------------
def cmd_keys(args: argparse.Namespace) -> int:
    from desktop_app.services import keys

    if args.keys_command == "init":
        key = keys.create_key_file(args.out, label=args.label or "")
        print(tr(f"已生成单位密钥 {key.key_id}：{args.out}（请妥善保管，分发给本单位各工作站后执行 casecheck keys import）",
                 f"procuratorate key {key.key_id} written to {args.out}; install it on each workstation with "
                 "casecheck keys import"))
        return EXIT_OK
    if args.keys_command == "export":
        key = keys.export_key(args.out)
        print(tr(f"已导出单位密钥 {key.key_id}：{args.out}", f"procuratorate key {key.key_id} copied to {args.out}"))
        return EXIT_OK
    from desktop_app.cli import _open
    from desktop_app.services import permissions
    from desktop_app.services.audit import seal_with_key

    keys.parse_key_file(args.file)  # a bad file is refused before the database is touched
    services = _open(args)
    permissions.check(services.actor, "settings.edit")  # sealing the chain under a key is the administrator's
    key, new = keys.install_key(args.file)
    sealed = seal_with_key(services.database, services.actor, key)
    if new:
        print(tr(f"已安装单位密钥 {key.key_id}", f"installed procuratorate key {key.key_id}"))
    else:
        print(tr(f"本机已安装该单位密钥 {key.key_id}", f"procuratorate key {key.key_id} was installed already"))
    print(tr(f"已用该密钥封存此前的 {sealed} 条审计记录：{services.database.display_path}",
             f"sealed {sealed} earlier audit entries under it: {services.database.display_path}"))
    return EXIT_OK


def add_audit_parsers(audit_sub: Any, subcommand: Any) -> None:
    """`audit verify [--expect-head H]` and `audit head`."""
    q = subcommand(audit_sub, "verify", "校验防篡改审计链")
    q.add_argument("--expect-head", metavar="ID:HASH",
                   help="另行保存的审计链校验码（ID:哈希值，或报表上打印的 ID:前16位）")
    subcommand(audit_sub, "head", "显示审计链头（ID:哈希值）")


def add_keys_parsers(keys_sub: Any, subcommand: Any) -> None:
    q = subcommand(keys_sub, "init", "生成单位密钥文件（由管理员分发）")
    q.add_argument("--out", type=Path, required=True)
    q.add_argument("--label", help="密钥说明，如单位名称")
    q = subcommand(keys_sub, "import", "在本工作站安装单位密钥，并封存此前的审计记录")
    q.add_argument("file", type=Path)
    q = subcommand(keys_sub, "export", "把本机的单位密钥复制到文件")
    q.add_argument("--out", type=Path, required=True)
