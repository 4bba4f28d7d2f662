"""Database roles on a shared PostgreSQL server: each person connects as their own role, granted only what the
services need.

All personal roles are members of one group role holding the grants. It may read every table and change every
table but the audit trail, which it may only read and append to: no UPDATE, no DELETE, no TRUNCATE on `audit_log`,
so a person cannot rewrite what was recorded even with their own database password. Schema changes (migrations)
stay with the owner of the database, the administrator's role.
"""

from __future__ import annotations

import re

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from db.engine import Database
from desktop_app.core.i18n import tr
from desktop_app.services.errors import ServiceError

#: The group role every personal role is a member of.
GROUP_ROLE = "casecheck_user"
#: Tables whose rows are written once and never changed or removed.
APPEND_ONLY = ("audit_log",)
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grant_statements(database_name: str, tables: list[str], role: str) -> list[str]:
    """The SQL that (re)creates the group's grants over `tables` and makes `role` a member able to log in.

    Run again after an upgrade: the grants name the tables as they are now."""
    if not _ROLE_NAME.match(role) or role == GROUP_ROLE:
        raise ServiceError(tr(f"角色名 {role!r} 不可用：只能由小写字母、数字和下划线组成，以字母或下划线开头",
                              f"role name {role!r} is not usable: lower-case letters, digits and underscores, "
                              "starting with a letter or underscore"))
    group, person = _quoted(GROUP_ROLE), _quoted(role)
    statements = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{GROUP_ROLE}') "
        f"THEN CREATE ROLE {group} NOLOGIN; END IF; END $$",
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
        f"THEN CREATE ROLE {person} LOGIN; END IF; END $$",
        f"GRANT {group} TO {person}",
        f"GRANT CONNECT ON DATABASE {_quoted(database_name)} TO {group}",
        f"GRANT USAGE ON SCHEMA public TO {group}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}",
    ]
    for table in sorted(tables):
        statements.append(f"REVOKE ALL ON TABLE {_quoted(table)} FROM {group}")
        if table == "alembic_version":
            privileges = "SELECT"
        elif table in APPEND_ONLY:
            privileges = "SELECT, INSERT"
        else:
            privileges = "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {privileges} ON TABLE {_quoted(table)} TO {group}")
    return statements


def role_statements(database: Database, role: str) -> list[str]:
    """The grant SQL for this (migrated) database; only a PostgreSQL server has roles."""
    if database.engine.dialect.name != "postgresql":
        raise ServiceError(tr("数据库角色只用于 PostgreSQL 服务器；本地 SQLite 数据库没有角色",
                              "database roles exist on a PostgreSQL server only, not in a local SQLite file"))
    return grant_statements(make_url(database.url).database or "", inspect(database.engine).get_table_names(), role)


def grant_role(database: Database, role: str) -> list[str]:
    """Create or refresh `role` with the group's grants, in one transaction; returns the statements run."""
    statements = role_statements(database, role)
    with database.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    return statements


def owner_role(database: Database) -> str | None:
    """The role connected, when it owns this server database (or is a member of its owner, or a superuser); None
    for a personal role. On a server that is the counterpart of a file's owner: it could rewrite every table in SQL
    anyway, so it may run the recovery paths (`user reset-admin`)."""
    with database.engine.connect() as conn:
        role, owns = conn.execute(text(
            "SELECT current_user, pg_has_role(datdba, 'MEMBER') FROM pg_database "
            "WHERE datname = current_database()")).one()
    return str(role) if owns else None
