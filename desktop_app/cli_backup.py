"""The `casecheck backup` and `casecheck restore` commands (the work is in `services.backups`)."""

from __future__ import annotations

import argparse

from desktop_app.core.i18n import tr
from desktop_app.paths import resolve_database
from desktop_app.services.backups import backup_file, database_file, restore


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database with the online backup API (safe while the program runs), checked before it counts."""
    db_file = database_file(resolve_database(args.db))
    out = backup_file(db_file, args.out)
    print(tr(f"已备份到：{out}（{out.stat().st_size} 字节，完整性检查通过）",
             f"backed up to {out} ({out.stat().st_size} bytes, integrity check ok)"))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup; what it replaces is backed up first."""
    result = restore(resolve_database(args.db), args.file)
    print(tr(f"已从 {result.restored_from} 恢复数据库", f"restored the database from {result.restored_from}"))
    if result.previous_copy:
        print(tr(f"原数据库已保留为：{result.previous_copy}", f"the replaced database was kept as {result.previous_copy}"))
    return 0
