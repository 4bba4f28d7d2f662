"""`casecheck server grant-role ROLE`: a person's own database role on a shared PostgreSQL server.

Kept apart from `cli.py` so that module only registers the parser and dispatches here; the SQL is built in
`services.server_roles`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop_app.cli import EXIT_OK, _open
from desktop_app.core.i18n import tr
from desktop_app.services.server_roles import GROUP_ROLE, grant_role, role_statements


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser], parser_class: Any,
                subcommand: Callable[[Any, str, str], argparse.ArgumentParser]) -> None:
    p = command("server", "共享 PostgreSQL 服务器的管理（由数据库所有者运行）")
    sub = p.add_subparsers(dest="server_command", required=True, parser_class=parser_class)
    q = subcommand(sub, "grant-role", f"为一名人员创建（或更新）其数据库角色，只授予程序所需权限（成员属于 {GROUP_ROLE}，"
                                      "审计表只能读取和追加，不能修改或删除）")
    q.add_argument("role", help="数据库角色名（建议与其账户名相同）")
    q.add_argument("--sql", action="store_true", help="只显示将执行的 SQL，不执行")


def cmd_server(args: argparse.Namespace) -> int:
    services = _open(args, log_in=False)
    try:
        if args.sql:
            print(";\n".join(role_statements(services.database, args.role)) + ";")
            return EXIT_OK
        grant_role(services.database, args.role)
    finally:
        services.close()
    print(tr(f"已为数据库角色 {args.role} 授予 {GROUP_ROLE} 的权限：{services.database.display_path}。"
             f"请用 psql 的 \\password {args.role} 为其设置密码。",
             f"role {args.role} now has the grants of {GROUP_ROLE} on {services.database.display_path}; "
             f"set its password with psql's \\password {args.role}."))
    return EXIT_OK
