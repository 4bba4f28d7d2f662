"""Accounts on the command line: who acts (`--user`, the password from CASECHECK_PASSWORD or a prompt) and the
`casecheck user …` commands.

A password is never taken from the command line, where other users of the machine could read it. A prompt is shown
only when standard input is a terminal, so a script without the environment variable stops at once (exit 4)
instead of hanging.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

from desktop_app.core.i18n import tr
from desktop_app.services.errors import PermissionDenied, ServiceError

PASSWORD_ENV = "CASECHECK_PASSWORD"
NEW_PASSWORD_ENV = "CASECHECK_NEW_PASSWORD"


def add_user_commands(command: Callable[[str, str], argparse.ArgumentParser],
                      subcommand: Callable[[Any, str, str], argparse.ArgumentParser],
                      parser_class: type[argparse.ArgumentParser]) -> None:
    """`casecheck user add|list|disable|enable|passwd|unlock|reset-admin|settings`."""
    p = command("user", "账户管理（检察官、部门负责人、案管评查员、培训员、管理员）")
    sub = p.add_subparsers(dest="user_command", required=True, parser_class=parser_class)
    q = subcommand(sub, "add", f"新建账户；新账户的密码取自 {NEW_PASSWORD_ENV} 或提示输入。数据库的第一个账户必须是管理员")
    q.add_argument("name")
    q.add_argument("--role", required=True, help="prosecutor、department_head、reviewer、trainer、admin（或中文名称）")
    q.add_argument("--real-name", help="真实姓名（打印为检查人；默认同账户名）")
    q.add_argument("--department", default="", help="所在部门（部门负责人据此核查本部门案件）")
    subcommand(sub, "list", "列出账户")
    for name, text in (("disable", "停用账户"), ("enable", "重新启用账户"), ("unlock", "解除因登录失败造成的锁定")):
        subcommand(sub, name, text).add_argument("name")
    q = subcommand(sub, "passwd", f"修改密码（新密码取自 {NEW_PASSWORD_ENV} 或提示输入）")
    q.add_argument("name")
    subcommand(sub, "reset-admin", "数据库（文件或服务器数据库）的所有者重设管理员密码（管理员被锁定或忘记密码时）")
    q = subcommand(sub, "settings", "查看或修改账户安全设置")
    q.add_argument("--max-failed-logins", type=int)
    q.add_argument("--lockout-minutes", type=int)
    q.add_argument("--recuse-department", choices=("on", "off"), help="评查员是否回避本部门的案件")
    q = subcommand(sub, "assign", "把案件交给另一个账户（管理员）")
    q.add_argument("case_no")
    q.add_argument("name")


def _secret(env: str, prompt: str, *, confirm: bool = False) -> str | None:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(tr("再次输入：", "again: ")) != first:
        raise ServiceError(tr("两次输入的密码不一致", "the two passwords differ"))
    return first


def new_password() -> str:
    value = _secret(NEW_PASSWORD_ENV, tr("新密码：", "new password: "), confirm=True)
    if value is None:
        raise ServiceError(tr(f"请用环境变量 {NEW_PASSWORD_ENV} 给出新密码（没有终端可以提示输入）",
                              f"give the new password in {NEW_PASSWORD_ENV} (there is no terminal to ask)"))
    return value


def log_in(services: Any, user: str | None) -> None:
    """Make the named account act, on a database that has accounts; a database without them needs nobody."""
    from desktop_app.services.accounts import login

    if not services.accounts:
        return
    if not user:
        raise PermissionDenied(tr("此数据库已启用账户：请用 --user 指定账户（密码取自 CASECHECK_PASSWORD 或提示输入）",
                                  "this database has accounts: give one with --user (password from "
                                  "CASECHECK_PASSWORD or a prompt)"))
    password = _secret(PASSWORD_ENV, tr(f"{user} 的密码：", f"password of {user}: "))
    if password is None:
        raise PermissionDenied(tr(f"未给出 {user} 的密码：请设置 {PASSWORD_ENV}（没有终端可以提示输入）",
                                  f"no password for {user}: set {PASSWORD_ENV} (there is no terminal to ask)"))
    services.actor = login(services.database, user, password)


def cmd_user(args: argparse.Namespace, open_services: Callable[..., Any]) -> int:
    from desktop_app.services import accounts

    services = open_services(args, log_in=False)
    database = services.database
    command = args.user_command
    if command == "reset-admin":
        by = _require_file_owner(database)
        info = accounts.reset_admin(database, new_password(), by)
        print(tr(f"已重设管理员 {info.login} 的密码并解除锁定", f"administrator {info.login}: password reset, unlocked"))
        return 0
    if command == "add" and not services.accounts:
        info = accounts.add_account(database, None, args.name, args.role, new_password(), args.real_name,
                                    args.department)
        print(tr(f"已创建管理员账户 {info.login}；此后各命令需用 --user 指定账户",
                 f"administrator {info.login} created; commands now need --user"))
        return 0
    if not services.accounts and command == "list":
        return 0  # no accounts to list: the single local user of this database is not one
    if not services.accounts:
        raise ServiceError(tr("数据库还没有账户：请先用 user add NAME --role admin 创建管理员",
                              "the database has no accounts: create the administrator with user add NAME --role admin"))
    log_in(services, args.user)
    actor = services.actor
    if command == "add":
        info = accounts.add_account(database, actor, args.name, args.role, new_password(), args.real_name,
                                    args.department)
        print(tr(f"已创建账户 {info.login}（{info.role_label}）", f"account {info.login} ({info.role}) created"))
    elif command == "list":
        for row in accounts.list_accounts(database, actor):
            state = tr("已停用", "disabled") if not row.active else (
                tr("已锁定", "locked") if row.locked_until else tr("正常", "active"))
            print(f"{row.login}\t{row.real_name}\t{row.role}\t{row.role_label}\t{row.department}\t{state}")
    elif command in ("disable", "enable"):
        info = accounts.set_active(database, actor, args.name, command == "enable")
        print(tr(f"账户 {info.login} 已{'启用' if info.active else '停用'}",
                 f"account {info.login} {'enabled' if info.active else 'disabled'}"))
    elif command == "unlock":
        info = accounts.unlock(database, actor, args.name)
        print(tr(f"账户 {info.login} 已解锁", f"account {info.login} unlocked"))
    elif command == "passwd":
        accounts.change_password(database, actor, args.name, new_password())
        print(tr(f"账户 {args.name} 的密码已修改", f"password of {args.name} changed"))
    elif command == "assign":
        accounts.assign_owner(database, actor, args.case_no, args.name)
        print(tr(f"案件 {args.case_no} 已交给 {args.name}", f"case {args.case_no} assigned to {args.name}"))
    else:
        _settings(database, actor, args)
    return 0


def _settings(database: Any, actor: Any, args: argparse.Namespace) -> None:
    from desktop_app.services import accounts

    wanted = {"max_failed_logins": args.max_failed_logins, "lockout_minutes": args.lockout_minutes,
              "recuse_same_department": None if args.recuse_department is None else args.recuse_department == "on"}
    for key, value in wanted.items():
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value < 1:
            raise ServiceError(tr(f"{key}: 至少为 1", f"{key}: must be at least 1"))
        accounts.change_setting(database, actor, key, value)
    for key, value in accounts.current_settings(database).items():
        print(f"{key}\t{value}")


def _require_file_owner(database: Any) -> str:
    """The recovery path is for whoever owns the database: the owner of the file (they could replace the file
    anyway), or on a server the role owning the database (it could rewrite the accounts in SQL anyway)."""
    from db.engine import sqlite_path
    from desktop_app.services.server_roles import owner_role

    path = sqlite_path(database.url)
    if path is None:
        role = owner_role(database)
        if role is None:
            raise PermissionDenied(tr("只有数据库的所有者（管理员的数据库角色）才能重设管理员",
                                      "only the owner of the database (the administrator's role) may reset the "
                                      "administrator"))
        return role
    if hasattr(os, "geteuid") and path.stat().st_uid != os.geteuid():
        raise PermissionDenied(tr(f"只有数据库文件的所有者才能重设管理员（{path}）",
                                  f"only the owner of the database file may reset the administrator ({path})"))
    if not os.access(path, os.W_OK):
        raise PermissionDenied(tr(f"数据库文件不可写：{path}", f"the database file is not writable: {path}"))
    return _os_user()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"
