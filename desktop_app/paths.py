"""One place for where things live: the database, logs and settings, with overrides for tests and power users.

`CASECHECK_HOME` puts everything under one folder (tests use a throw-away one); otherwise the per-user
directories of the operating system are used. `--db` and `CASECHECK_DB` choose the database.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "casecheck"
APP_AUTHOR = "casecheck"


def _base(kind: str) -> Path:
    home = os.environ.get("CASECHECK_HOME")
    if home:
        path = Path(home).expanduser() / kind
    elif kind == "data":
        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    elif kind == "logs":
        path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    else:
        path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    return path


def data_dir() -> Path:
    return _base("data")


def config_dir() -> Path:
    return _base("config")


def user_calendar_file() -> Path:
    """A holiday calendar the user imported; it replaces the shipped one for every database on this machine."""
    return data_dir() / "calendar.yaml"


def backup_dir() -> Path:
    """Rolling and manual backups of the databases, one folder per database file."""
    return data_dir() / "backups"


def log_dir() -> Path:
    return _base("logs")


def log_file() -> Path:
    return log_dir() / "casecheck.log"


def default_database() -> str:
    """The database target when `--db` is not given."""
    return os.environ.get("CASECHECK_DB") or str(data_dir() / "casecheck.db")


def resolve_database(target: str | None) -> str:
    """A target from the command line, or the default; creates the per-user folder for the default file."""
    if target:
        return target
    chosen = default_database()
    if "://" not in chosen:
        Path(chosen).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return chosen
