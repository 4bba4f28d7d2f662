"""The databases a test can run on: always a new SQLite file, and PostgreSQL when a throw-away server database is
given in CASECHECK_TEST_POSTGRES_URL (an SQLAlchemy URL whose database name contains "test"; it is emptied
before each test that uses it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

POSTGRES_URL = os.environ.get("CASECHECK_TEST_POSTGRES_URL", "")
#: The parameters of a `db_url` fixture: "sqlite", and "postgresql" when a server database is given.
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def empty_postgres(url: str) -> str:
    """Drop every table of the test database, so the program creates and migrates it afresh; returns `url`."""
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert "test" in (make_url(url).database or ""), "refusing to empty a database not named for tests"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def database_url(backend: str, tmp_path: Path, name: str = "cases.db") -> str:
    """A new, empty database of that backend: an SQLite file under `tmp_path` or the emptied server database."""
    if backend == "postgresql":
        return empty_postgres(POSTGRES_URL)
    return str(tmp_path / name)
