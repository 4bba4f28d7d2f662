"""Where the benchmark's throw-away database lives: an SQLite file in a temporary folder, or a fresh database
created on a PostgreSQL server (`casecheck bench --db URL`) and dropped afterwards.

Each target also gives the floor's own access to the same data: raw `sqlite3` for a file, raw `psycopg` for a
server, so a metric is always compared with the bare driver of the database it ran on.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from desktop_app.bench import floors


def is_server_url(url: str) -> bool:
    """Whether `url` names a PostgreSQL server, the only kind `--db` takes (a file needs no URL: the default is one)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).get_backend_name() == "postgresql"
    except ArgumentError:
        return False


class Target(Protocol):
    #: What the program is opened with (`open_services`, `main.py --db`).
    url: str
    #: Shown in the report's machine block: the database and its version.
    description: str

    def fresh(self, final: bool) -> str:
        """An empty database to fill: the kept one when `final`, else a scratch one; returns what to open."""
        ...

    def raw_connection(self) -> Any:
        """A bare driver connection to the kept database (for the floors)."""
        ...

    def copy_rows_job(self) -> Callable[[], None]:
        """A job inserting every row of the kept database into empty tables of the same shape with `executemany`."""
        ...

    def close(self) -> None:
        """Remove whatever the target created."""
        ...


class SqliteTarget:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "bench.db"
        self.url = str(self.path)
        self.description = f"SQLite {sqlite3.sqlite_version}"

    def fresh(self, final: bool) -> str:
        path = self.path if final else self.folder / "scratch.db"
        path.unlink(missing_ok=True)
        if final:
            (self.folder / "scratch.db").unlink(missing_ok=True)
        return str(path)

    def raw_connection(self) -> sqlite3.Connection:
        return floors.raw_connection(self.path)

    def copy_rows_job(self) -> Callable[[], None]:
        return floors.copy_rows_plainly(self.path, self.folder / "copy.db")

    def close(self) -> None:
        """The temporary folder goes with the run."""


class ServerTarget:
    """Databases named `casecheck_bench_<random>` on the server of `url`; the URL's own database is only used to
    connect for creating and dropping them, and is never written."""

    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        self._parsed = parsed.set(drivername="postgresql+psycopg")
        self._name = f"casecheck_bench_{uuid.uuid4().hex[:12]}"
        self._made: list[str] = []
        self._admin = psycopg.connect(self._conninfo(parsed.database or "postgres"), autocommit=True)
        version = self._admin.execute("SHOW server_version").fetchone()
        self.description = f"PostgreSQL {version[0] if version else '?'}"
        self.url = self._url(self._name)

    def _conninfo(self, database: str) -> str:
        from psycopg.conninfo import make_conninfo

        p = self._parsed
        options = {key: value for key, value in (("host", p.host), ("port", p.port), ("user", p.username),
                                                 ("password", p.password)) if value is not None}
        return make_conninfo(dbname=database, **{k: str(v) for k, v in options.items()})

    def _url(self, database: str) -> str:
        return self._parsed.set(database=database).render_as_string(hide_password=False)

    def _recreate(self, name: str) -> None:
        from psycopg import sql

        self._admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        self._admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'")
                            .format(sql.Identifier(name)))
        if name not in self._made:
            self._made.append(name)

    def fresh(self, final: bool) -> str:
        name = self._name if final else f"{self._name}_scratch"
        self._recreate(name)
        if final:
            self._drop(f"{self._name}_scratch")
        return self._url(name)

    def raw_connection(self) -> Any:
        import psycopg

        return psycopg.connect(self._conninfo(self._name), autocommit=True)

    def copy_rows_job(self) -> Callable[[], None]:
        """The rows are read as text and inserted as text (the server parses them, as it parses the program's), into
        tables made `LIKE` the program's with their defaults, constraints and indexes, in a schema of their own."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self._conninfo(self._name), autocommit=True) as conn:
            names = [name for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
            tables = []
            for name in names:
                cursor = conn.cursor(binary=False)
                cursor.adapters.register_loader("json", psycopg.types.string.TextLoader)
                cursor.adapters.register_loader("jsonb", psycopg.types.string.TextLoader)
                rows = cursor.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(name))).fetchall()
                tables.append((name, [d.name for d in cursor.description or ()], rows))

        def copy() -> None:
            with psycopg.connect(self._conninfo(self._name)) as out:
                out.execute("DROP SCHEMA IF EXISTS bench_copy CASCADE")
                out.execute("CREATE SCHEMA bench_copy")
                for name, columns, rows in tables:
                    target = sql.Identifier("bench_copy", name)
                    out.execute(sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                                        "INCLUDING INDEXES)").format(target, sql.Identifier("public", name)))
                    if rows:
                        insert = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                            target, sql.SQL(", ").join(map(sql.Identifier, columns)),
                            sql.SQL(", ").join(sql.Placeholder() * len(columns)))
                        with out.cursor() as cursor:
                            cursor.executemany(insert, rows)
                out.commit()

        return copy

    def _drop(self, name: str) -> None:
        from psycopg import sql

        self._admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if name in self._made:
            self._made.remove(name)

    def close(self) -> None:
        try:
            for name in list(self._made):
                self._drop(name)
        finally:
            self._admin.close()
