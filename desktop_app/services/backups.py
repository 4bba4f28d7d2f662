"""Backups of an SQLite database with SQLite's online backup API, and restoring one.

Copying the `.db` file while the program runs copies what is not yet in it: recent changes sit in the write-ahead
log beside it. The backup API copies a consistent snapshot, committed changes included, while the program keeps
working. Every backup is checked with `PRAGMA integrity_check` before it counts as one.

A restore never loses what it replaces: the current database is backed up first. A file that is corrupt, or that
a newer program wrote (a schema this program does not know), is refused.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db.engine import Database, alembic_config, database_url, sqlite_path
from desktop_app.core.i18n import tr
from desktop_app.core.limits import BACKUPS_KEPT
from desktop_app.paths import backup_dir
from desktop_app.services.errors import ServiceError

_STAMP = "%Y%m%d-%H%M%S"
_STAMP_RE = re.compile(r"-(\d{8}-\d{6})")
SUFFIX = ".db"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    size: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path | None


def database_file(target: str) -> Path:
    """The SQLite file behind a database target; a server database is backed up with its own tools."""
    path = sqlite_path(database_url(target))
    if path is None:
        raise ServiceError(tr(
            "该数据库不是 SQLite 文件（例如 PostgreSQL），请使用数据库自带的备份工具（如 pg_dump / pg_restore）。",
            "This database is not an SQLite file (e.g. PostgreSQL): use its own backup tools (pg_dump / pg_restore)."))
    return path


def backups_folder(db_file: Path) -> Path:
    """Each database's backups in their own folder, named after the file, under the per-user backup folder."""
    return backup_dir() / db_file.stem


def integrity_problem(path: Path) -> str | None:
    """None when `path` is an SQLite database that passes `PRAGMA integrity_check`, else what is wrong."""
    if not path.is_file():
        return tr("文件不存在", "file not found")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return tr(f"不是有效的数据库文件（{exc}）", f"not a valid database file ({exc})")
    if rows != [("ok",)]:
        return tr(f"完整性检查未通过：{rows[0][0] if rows else '?'}", f"integrity check failed: {rows[0][0] if rows else '?'}")
    return None


def _copy(source: sqlite3.Connection, out: Path) -> None:
    """Snapshot `source` into a new file at `out` (written beside it first, so a half copy never has the name)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    target = sqlite3.connect(part)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        target.close()
    problem = integrity_problem(part)
    if problem is not None:
        part.unlink(missing_ok=True)
        raise ServiceError(tr(f"备份校验失败：{problem}", f"the backup failed its check: {problem}"))
    os.replace(part, out)


def backup_file(db_file: Path, out: Path | None = None, *, label: str = "", when: dt.datetime | None = None) -> Path:
    """Back up the database file to `out` (default: a file in its backup folder named with the time `when`)."""
    if not db_file.is_file():
        raise ServiceError(tr(f"数据库文件不存在：{db_file}", f"no database file at {db_file}"))
    if out is None:
        stamp = (when or dt.datetime.now()).strftime(_STAMP)
        out = backups_folder(db_file) / f"{db_file.stem}-{stamp}{label}{SUFFIX}"
    source = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _copy(source, out)
    except sqlite3.DatabaseError as exc:
        raise ServiceError(tr(f"无法备份数据库：{exc}", f"cannot back up the database: {exc}")) from None
    finally:
        source.close()
    return out


def backup_database(database: Database, out: Path | None = None) -> Path:
    return backup_file(database_file(database.url), out)


def list_backups(db_file: Path) -> list[BackupInfo]:
    """The backups in the database's backup folder, newest first."""
    folder = backups_folder(db_file)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        stat = path.stat()
        named = _STAMP_RE.search(path.name)
        created = dt.datetime.strptime(named.group(1), _STAMP) if named else dt.datetime.fromtimestamp(stat.st_mtime)
        found.append(BackupInfo(path, created, stat.st_size))
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def auto_backup(db_file: Path, *, now: Callable[[], dt.datetime] = dt.datetime.now,
                keep: int | None = None) -> Path | None:
    """The rolling backup made when the program closes: at most one a day, the newest `keep` kept."""
    keep = BACKUPS_KEPT.value if keep is None else keep
    if keep <= 0 or not db_file.is_file():
        return None
    existing = list_backups(db_file)
    today = now().date()
    made = None
    if not any(b.created.date() == today for b in existing):
        made = backup_file(db_file, when=now())
        existing = list_backups(db_file)
    for old in existing[keep:]:
        old.path.unlink(missing_ok=True)
    return made


def _schema_revision(path: Path) -> str | None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory  # only here: the main window imports this module at start-up

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    try:
        return script.get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


def check_restorable(source: Path) -> None:
    """Refuse a file that is not a sound casecheck database of a schema this program knows."""
    problem = integrity_problem(source)
    if problem is not None:
        raise ServiceError(f"{source}: " + tr(f"不能恢复：{problem}", f"cannot restore: {problem}"))
    revision = _schema_revision(source)
    if revision is None:
        raise ServiceError(f"{source}: " + tr("不能恢复：不是本程序的数据库", "cannot restore: not a casecheck database"))
    if not _known_revision(revision):
        raise ServiceError(f"{source}: " + tr(
            f"不能恢复：该文件由更新版本的程序创建（架构版本 {revision}），请先升级程序。",
            f"cannot restore: a newer program wrote it (schema {revision}); upgrade the program first."))


def restore(target: str, source: Path) -> RestoreResult:
    """Replace the database behind `target` with the backup `source`, after backing up what is there now.

    An older schema is upgraded when the database is next opened (the usual migration, with its own copy).
    """
    db_file = database_file(target)
    source = Path(source)
    check_restorable(source)
    if db_file.exists() and db_file.resolve() == source.resolve():
        raise ServiceError(tr("不能用数据库文件自身来恢复", "cannot restore a database from itself"))
    previous = None
    if db_file.exists():
        try:
            previous = backup_file(db_file, label="-before-restore")
        except ServiceError:
            # The current file may be the very reason for the restore (corrupt): keep its bytes as they are.
            stamp = dt.datetime.now().strftime(_STAMP)
            previous = backups_folder(db_file) / f"{db_file.stem}-{stamp}-before-restore-damaged{SUFFIX}"
            previous.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(db_file, previous)
    db_file.parent.mkdir(parents=True, exist_ok=True)
    part = db_file.with_name(db_file.name + ".restore-part")
    shutil.copyfile(source, part)
    for leftover in (db_file.with_name(db_file.name + "-wal"), db_file.with_name(db_file.name + "-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(part, db_file)
    return RestoreResult(restored_from=source, previous_copy=previous)
