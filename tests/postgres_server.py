"""A throw-away PostgreSQL cluster for the test run: temporary data folder, a free loopback port, UTF-8 (C.UTF-8)
so that pg_trgm sees Chinese characters as word characters, and stopped (and deleted) at the end.

PostgreSQL refuses to run as root; under root (as in CI) the server runs as the `postgres` account Debian's package
creates, or as an account made for the purpose. Every test gets its own database, copied from a template that was
migrated once, so a test costs a file copy rather than a full migration.
"""

from __future__ import annotations

import atexit
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

TEMPLATE = "casecheck_template"
SUPERUSER = "postgres"
PASSWORD_GROUP = "casecheck_password"
_SERVICE_ACCOUNT = "casecheck-pg"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else the newest of Debian's versioned folders."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> str | None:
    """The account the server runs under: None for the current (non-root) one, else an unprivileged account."""
    if os.geteuid() != 0:
        return None
    for name in (SUPERUSER, _SERVICE_ACCOUNT):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _SERVICE_ACCOUNT],
                   check=True)
    return _SERVICE_ACCOUNT


class PostgresServer:
    """One running cluster; `new_database()` hands out an empty, migrated database per test."""

    def __init__(self, binaries: Path, port: int | None = None) -> None:
        self.binaries = binaries
        self.port = port or _free_port()
        self.account = _run_as()
        self.base = Path(tempfile.mkdtemp(prefix="casecheck-pg-"))
        self.data = self.base / "data"
        self._numbers = itertools.count(1)
        self._running = False
        if self.account:
            entry = pwd.getpwnam(self.account)
            os.chown(self.base, entry.pw_uid, entry.pw_gid)

    def _command(self, program: str, *args: str) -> list[str]:
        command = [str(self.binaries / program), *args]
        return ["runuser", "-u", self.account, "--", *command] if self.account else command

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run(self._command(program, *args), capture_output=True, text=True, cwd=self.base)
        if result.returncode != 0:
            log = (self.base / "server.log").read_text("utf-8", "replace") if (self.base / "server.log").exists() else ""
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr or result.stdout}\n{log}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "--auth=trust", f"--username={SUPERUSER}", "--locale=C.UTF-8",
                  "-E", "UTF8", "--no-sync")
        # Members of PASSWORD_GROUP must give a password (the tests of PGPASSWORD and the prompt); others are trusted.
        hba = self.data / "pg_hba.conf"
        hba.write_text(f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
        # Durability settings are off: the cluster is thrown away, and the tests need speed, not crash safety.
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-o", options, "-w", "start")
        self._running = True
        atexit.register(self.stop)
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:  # a CI timeout ends the run with SIGTERM
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        self._build_template()

    def url(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def execute(self, statements: Sequence[str], database: str = "postgres") -> None:
        """Statements run one by one outside a transaction (CREATE DATABASE cannot run inside one)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database,
                             autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def _build_template(self) -> None:
        from db.engine import open_database

        self.execute([f"CREATE DATABASE {TEMPLATE}", f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN"])
        self.execute(["CREATE EXTENSION IF NOT EXISTS pg_trgm"], TEMPLATE)
        open_database(self.url(TEMPLATE)).dispose()

    def new_database(self, template: str | None = TEMPLATE) -> str:
        """The URL of a new database: by default holding the current schema and nothing else; a copy of another
        database (which nobody may be connected to) given as `template`; or, with None, empty, not even migrated."""
        name = f"casecheck_test_{next(self._numbers)}"
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.execute([f"CREATE DATABASE {name}{copy}"])
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.execute([f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"])

    def stop(self) -> None:
        if self._running:
            self._running = False
            subprocess.run(self._command("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"),
                           capture_output=True, cwd=self.base)
        shutil.rmtree(self.base, ignore_errors=True)
