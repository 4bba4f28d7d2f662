"""Shared fixtures. Qt runs offscreen so GUI tests work with no display; every test gets its own home folder.

`db_target` (and `services`, built on it) runs a test once on an SQLite file and once on a database of a
throw-away PostgreSQL cluster started for the session (see tests/postgres_server.py). Without PostgreSQL's
programs the PostgreSQL half is skipped, except in CI (`CI` set), where that is a failure.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.i18n import set_language  # noqa: E402
from tests.factories import BOTH_DATABASES, DatabaseTemplate  # noqa: E402
from tests.postgres_server import PostgresServer, find_binaries  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings, logs and the default database go to a throw-away folder, never the developer's own."""
    monkeypatch.setenv("CASECHECK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CASECHECK_DB", raising=False)
    yield
    set_language("zh")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.db"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Started on first use, stopped at the end of the session (and at exit, should the session be killed)."""
    binaries = find_binaries()
    missing = ""
    if binaries is None:
        missing = "PostgreSQL is not installed (no initdb/pg_ctl): install Debian's postgresql package"
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            missing = 'psycopg is not installed: pip install ".[server]"'
    if missing:
        if _in_ci():
            pytest.fail(f"CI must run the PostgreSQL tests, but {missing}", pytrace=False)
        pytest.skip(missing)
    assert binaries is not None
    server = PostgresServer(binaries, port=int(os.environ.get("CASECHECK_TEST_PG_PORT") or 0) or None)
    server.start()
    yield server
    server.stop()


def _database_of_kind(request: pytest.FixtureRequest, db_path: Path, *, migrated: bool) -> Iterator[str]:
    """`db_path` for SQLite (the program migrates it on opening); on PostgreSQL a new database of the test cluster,
    migrated or empty, dropped after the test."""
    if request.param == "sqlite":
        yield str(db_path)
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database() if migrated else server.new_database(template=None)
    yield url
    gc.collect()  # a connection the test left open warns here, in its own test, not in a later one
    server.drop_database(url)


@pytest.fixture(params=BOTH_DATABASES)
def db_target(request: pytest.FixtureRequest, db_path: Path) -> Iterator[str]:
    """What `--db` takes: an SQLite file path, or the URL of a fresh, migrated PostgreSQL database."""
    yield from _database_of_kind(request, db_path, migrated=True)


@pytest.fixture
def services(db_target: str):  # type: ignore[no-untyped-def]
    from desktop_app.services.container import open_services

    opened = open_services(db_target, today=lambda: dt.date(2026, 3, 20))
    yield opened
    opened.close()


# --- One database only, and more databases of a test's kind (the command-line tests) ----------------------------
# A test on `db_target` marked `no_database` (it never opens a database, e.g. it evaluates case files) or
# `sqlite_only("why")` (it is about SQLite itself: a file being created, its bytes, its location) runs on SQLite
# alone; its PostgreSQL run is deselected rather than skipped, so it costs nothing and reports nothing.


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "no_database: never opens a database; runs once, on SQLite")
    config.addinivalue_line("markers", "sqlite_only(reason): about SQLite itself; not run on PostgreSQL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    left_out = {id(item) for item in items
                if item.get_closest_marker("postgresql") and "db_target" in getattr(item, "fixturenames", ())
                and (item.get_closest_marker("no_database") or item.get_closest_marker("sqlite_only"))}
    if left_out:
        config.hook.pytest_deselected(items=[item for item in items if id(item) in left_out])
        items[:] = [item for item in items if id(item) not in left_out]


@pytest.fixture
def another_database(request: pytest.FixtureRequest, db_target: str, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """`another_database(name)`: one more empty database of the kind `db_target` is (a file beside it, or one more
    database on the test cluster), for tests that move cases between databases; dropped at the end."""
    made: list[str] = []

    def make(name: str) -> str:
        if "://" not in db_target:
            return str(tmp_path / f"{name}.db")
        made.append(request.getfixturevalue("postgres_server").new_database())
        return made[-1]

    yield make
    if made:
        gc.collect()
        server: PostgresServer = request.getfixturevalue("postgres_server")
        for url in made:
            server.drop_database(url)


# --- Data layer and services on both databases: empty databases and databases built once per module -------------
@pytest.fixture(params=BOTH_DATABASES)
def empty_db_target(request: pytest.FixtureRequest, db_path: Path) -> Iterator[str]:
    """Like `db_target`, but not migrated: an SQLite path with no file yet, or the URL of an empty PostgreSQL
    database, for the tests that take a database through the migrations themselves."""
    yield from _database_of_kind(request, db_path, migrated=False)


@pytest.fixture(scope="module", params=BOTH_DATABASES)
def db_template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseTemplate]:
    """An empty, migrated database per module and kind, for a module fixture to fill; see `DatabaseTemplate`."""
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    template = DatabaseTemplate(request.param, tmp_path_factory.mktemp("template"), server)
    yield template
    template.discard(template.target)


@pytest.fixture
def template_copy(db_template: DatabaseTemplate) -> Iterator[str]:
    """A fresh copy of the module's `db_template`, dropped after the test."""
    target = db_template.copy()
    yield target
    db_template.discard(target)
