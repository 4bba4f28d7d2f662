"""Opening a database: URL resolution, SQLite settings, migrations at start-up, and naming environment failures.

A prosecutor whose disk is full must read "磁盘已满", not a traceback; so failures of the environment (locked,
read-only, full, corrupt, missing folder) are told apart from bugs here, in one place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000


class DatabaseEnvironmentError(RuntimeError):
    """The database cannot be used for a reason outside the program (locked, read-only, full, corrupt, too new)."""

    def __init__(self, kind: str, message_zh: str, message_en: str, path: str = "") -> None:
        self.kind = kind
        self.message_zh = message_zh
        self.message_en = message_en
        self.path = path
        super().__init__(message_en)


_ENVIRONMENT_PATTERNS: tuple[tuple[str, str, str, str], ...] = (
    ("locked", "database is locked", "数据库正被其他程序占用（已锁定），请稍后重试或关闭其他正在使用该数据库的程序。",
     "The database is locked by another program; try again later."),
    ("read_only", "readonly database", "数据库文件为只读，无法保存修改。请检查文件权限或将其复制到可写位置。",
     "The database file is read-only."),
    ("disk_full", "disk is full", "磁盘已满，修改未能保存。请清理磁盘空间后重试。", "The disk is full."),
    ("corrupt", "malformed", "数据库文件已损坏，无法读取。请从备份恢复。", "The database file is corrupt."),
    ("corrupt", "not a database", "该文件不是有效的案件数据库。", "The file is not a casecheck database."),
    ("unavailable", "unable to open database", "无法打开数据库文件：目录不存在或无访问权限。",
     "Cannot open the database file (missing folder or no permission)."),
    ("password_needed", "no password supplied",
     "数据库服务器要求密码。请设置环境变量 PGPASSWORD、在 .pgpass 文件中写入密码，或在终端中运行以便输入密码。",
     "The database server asks for a password: set PGPASSWORD, put it in a .pgpass file, or run in a terminal to "
     "be prompted."),
    ("password_wrong", "password authentication failed", "数据库密码不正确（PGPASSWORD、.pgpass 或输入的密码）。",
     "The database password is wrong (PGPASSWORD, .pgpass or the one typed)."),
    ("server_unreachable", "connection refused", "无法连接数据库服务器：服务器未运行，或地址、端口有误。",
     "Cannot reach the database server: it is not running, or the host or port is wrong."),
    ("server_unreachable", "could not translate host name", "无法连接数据库服务器：找不到该主机名。",
     "Cannot reach the database server: unknown host name."),
)

#: The optional extra that brings the PostgreSQL driver; named in the message when it is missing.
SERVER_EXTRA = 'pip install ".[server]"'

#: Asks the person for the database password (the URL's form without one is shown); None means they gave up.
PasswordPrompt = Callable[[str], "str | None"]


def classify_error(exc: BaseException, path: str = "") -> DatabaseEnvironmentError | None:
    """The environment failure behind a database exception, or None when it looks like a bug."""
    if isinstance(exc, DatabaseEnvironmentError):
        return exc
    text = str(getattr(exc, "orig", None) or exc).lower()
    for kind, needle, zh, en in _ENVIRONMENT_PATTERNS:
        if needle in text:
            return DatabaseEnvironmentError(kind, zh, en, path)
    return None


def database_url(target: str) -> str:
    """A file path becomes an SQLite URL; anything with a scheme is taken as an SQLAlchemy URL."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _writable(path: Path) -> bool:
    """Whether this user may write `path`; a file or folder with no write bit at all counts as read-only even for an
    administrator account, which the operating system would let write anyway."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def read_only_file(path: Path) -> bool:
    """True for an existing database file this user may not write (an archive copy, a write-protected medium)."""
    return path.exists() and not _writable(path)


def read_only_uri(path: Path) -> str:
    """Open without writing. In a folder that is read-only too, SQLite cannot create the WAL index beside the file,
    so the file is declared immutable, which is only right when no write-ahead log is waiting to be applied."""
    uri = f"{path.as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not _writable(path.parent) and not wal.exists():
        uri += "&immutable=1"
    return uri


def make_engine(url: str, *, password: str | None = None) -> Engine:
    """An engine for `url`; a server password typed at a prompt is handed to the driver, never put in the URL."""
    path = sqlite_path(url)
    if path is not None:
        if not path.parent.exists():
            raise DatabaseEnvironmentError(
                "unavailable", f"数据库所在目录不存在：{path.parent}", f"No such folder: {path.parent}", str(path)
            )
        if read_only_file(path):
            uri = read_only_uri(path)
            engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False))
            event.listen(engine, "connect", _read_only_pragmas)
            return engine
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"password": password} if password else {})


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:"([^"]*)"|\'([^\']*)\'|None)\s*$', re.M)


@cache
def head_revision() -> str:
    """The newest schema revision, read from the migration scripts' `revision`/`down_revision` lines.

    Importing Alembic and loading every script costs a noticeable part of a second at each start-up, only to learn
    that nothing needs doing; the two lines per script tell the same. Anything unusual (a merge, a script written
    differently) is left to Alembic itself."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = {m.group(1): m.group(2) or m.group(3) for m in _REVISION_LINE.finditer(script.read_text("utf-8"))}
        if "revision" not in found or "down_revision" not in found:
            return _alembic_head()
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else _alembic_head()


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is stamped with (None for a new one), in one query, without importing Alembic."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        stamped = [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    if len(stamped) > 1:
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()  # raises Alembic's own error
    return stamped[0] if stamped else None


def _backup(path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.backup-{revision or 'none'}-{stamp}{path.suffix}")
    shutil.copy2(path, backup)
    return backup


def upgrade(engine: Engine, url: str, *, revision: str = "head") -> Path | None:
    """Bring the schema to `revision`; copies an existing SQLite file first and returns the copy's path.

    An up-to-date database, the usual case at every start, costs one query; Alembic is imported only otherwise."""
    current = current_revision(engine)
    if revision == "head" and current is not None and current == head_revision():
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(url)
    script = ScriptDirectory.from_config(config)
    path = sqlite_path(url)
    if current is not None and not _known(script, current):
        raise DatabaseEnvironmentError(
            "too_new",
            f"该数据库由更新版本的程序创建（架构版本 {current}），本程序无法打开。请升级程序后再使用。",
            f"The database was made by a newer version of the program (schema {current}); please upgrade.",
            str(path or url),
        )
    target = script.get_current_head() if revision == "head" else revision
    if current == target:
        return None
    if path is not None and read_only_file(path):
        raise DatabaseEnvironmentError(
            "needs_migration",
            f"数据库文件为只读，且其架构版本（{current or '无'}）比本程序（{target}）旧，需要先升级（迁移）才能使用。"
            "请把文件复制到可写的位置后运行 casecheck init。",
            f"The database file is read-only and its schema ({current or 'none'}) is older than this program's "
            f"({target}): it needs a migration first. Copy it somewhere writable and run `casecheck init`.",
            str(path),
        )
    backup = None
    if path is not None and current is not None and path.exists():
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        backup = _backup(path, current)
    with engine.connect() as conn:
        if path is not None:
            # Batch migrations rebuild a table (copy, drop, rename); with foreign keys enforced, dropping a table
            # other rows point at fails. SQLite only honours this pragma outside a transaction, so it is set first
            # and the keys are checked, then enforced again, once the schema is in place.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()  # ends SQLAlchemy's autobegun transaction; the driver sent no BEGIN for a pragma
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
            if path is not None:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                conn.commit()
                if broken:
                    raise RuntimeError(f"migration left rows with broken foreign keys: {broken[:5]}")
        finally:
            if path is not None:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
    return backup


def _known(script: ScriptDirectory, revision: str) -> bool:
    """True when the revision id is one of ours; an unknown id means a newer program wrote the database."""
    try:
        return script.get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


@dataclass
class Database:
    """An opened, migrated database: the engine and the session factory every unit of work uses."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    backup: Path | None = None

    @property
    def display_path(self) -> str:
        path = sqlite_path(self.url)
        return str(path) if path else make_url(self.url).render_as_string(hide_password=True)

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    def dispose(self) -> None:
        self.engine.dispose()


def check_server_url(url: str) -> None:
    """Refuse what cannot work before connecting: a password written into the URL (it would end up in shell
    histories, settings and logs) and a server URL whose driver is not installed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return
    shown = parsed.render_as_string(hide_password=True)
    if parsed.password is not None:
        raise DatabaseEnvironmentError(
            "password_in_url",
            "数据库地址中不得包含密码。请去掉地址中的密码，改用环境变量 PGPASSWORD、.pgpass 文件，或在提示时输入密码。",
            "The database address must not contain a password: remove it and use PGPASSWORD, a .pgpass file or the "
            "password prompt.", shown)
    try:
        parsed.get_dialect().import_dbapi()
    except ImportError:
        raise DatabaseEnvironmentError(
            "missing_driver", f"未安装连接数据库服务器所需的组件（psycopg）。请安装：{SERVER_EXTRA}",
            f"The component for database servers (psycopg) is not installed; install it with: {SERVER_EXTRA}",
            shown) from None


def open_database(target: str, *, migrate: bool = True, ask_password: PasswordPrompt | None = None) -> Database:
    """Open (creating if needed) and upgrade a database; environment failures become DatabaseEnvironmentError.

    A server that wants a password nobody supplied (PGPASSWORD, .pgpass, both read by the driver) is asked
    through `ask_password`, three tries at most."""
    url = database_url(target)
    try:
        make_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseEnvironmentError("bad_url", f"无法识别的数据库地址：{target}（{exc}）",
                                       f"Not a usable database address: {target} ({exc})", target) from None
    check_server_url(url)
    password: str | None = None
    for attempt in range(3):
        engine = make_engine(url, password=password)
        try:
            backup = upgrade(engine, url) if migrate else None
            break
        except DatabaseEnvironmentError:  # too new, or read-only and out of date: the connection is closed too
            engine.dispose()
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            engine.dispose()
            problem = classify_error(exc, str(sqlite_path(url) or make_url(url).render_as_string()))
            if problem is None:
                raise
            if problem.kind in ("password_needed", "password_wrong") and ask_password is not None and attempt < 2:
                password = ask_password(make_url(url).render_as_string())
                if password is not None:
                    continue
            raise problem from exc
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), backup=backup)

