"""Backups: a consistent, checked snapshot even while the program holds changes in its write-ahead log; restore
keeps what it replaces and refuses a corrupt file or one a newer program wrote."""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services.backups import auto_backup, backups_folder, list_backups
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import open_services
from tests.factories import make_case
from tests.postgres_server import PostgresServer


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cases_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT case_no FROM cases ORDER BY case_no")]


def test_backup_while_open_holds_what_is_still_in_the_wal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cases.db"
    services = open_services(str(db))
    try:
        services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕7号"))
        assert (tmp_path / "cases.db-wal").stat().st_size > 0  # the change is not in the .db file yet
        out = tmp_path / "copy.db"
        code, stdout, err = run(capsys, "--db", str(db), "backup", "--out", str(out))
        assert code == 0, err
        assert "完整性检查通过" in stdout
        assert cases_in(out) == ["京朝检刑诉〔2026〕7号"]
        with sqlite3.connect(out) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        services.close()


def test_restore_keeps_a_copy_of_what_it_replaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cases.db"
    services = open_services(str(db))
    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕1号"))
    services.close()
    backup = tmp_path / "b.db"
    assert run(capsys, "--db", str(db), "backup", "--out", str(backup))[0] == 0
    services = open_services(str(db))
    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕2号"))
    services.close()
    code, out, err = run(capsys, "--db", str(db), "restore", str(backup))
    assert code == 0, err
    assert cases_in(db) == ["京朝检刑诉〔2026〕1号"]
    (kept,) = [b for b in list_backups(db) if "before-restore" in b.path.name]
    assert str(kept.path) in out
    assert cases_in(kept.path) == ["京朝检刑诉〔2026〕1号", "京朝检刑诉〔2026〕2号"]
    reopened = open_services(str(db))
    try:
        assert reopened.cases.count(CaseQuery()) == 1
    finally:
        reopened.close()
    assert run(capsys, "--db", str(db), "audit", "verify")[0] == 0


def test_restore_refuses_a_corrupt_file_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cases.db"
    services = open_services(str(db))
    services.cases.create(services.actor, make_case())
    services.close()
    good = tmp_path / "good.db"
    assert run(capsys, "--db", str(db), "backup", "--out", str(good))[0] == 0
    damaged = bytearray(good.read_bytes())
    damaged[len(damaged) // 2: len(damaged) // 2 + 4096] = b"\xff" * 4096
    (tmp_path / "bad.db").write_bytes(bytes(damaged))
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    before = db.read_bytes()
    for name in ("bad.db", "junk.db", "missing.db"):
        code, _, err = run(capsys, "--db", str(db), "restore", str(tmp_path / name))
        assert code == 2 and name in err, err
    assert db.read_bytes() == before


def test_restore_refuses_a_file_from_a_newer_program(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cases.db"
    open_services(str(db)).close()
    newer = tmp_path / "newer.db"
    assert run(capsys, "--db", str(db), "backup", "--out", str(newer))[0] == 0
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    code, _, err = run(capsys, "--db", str(db), "restore", str(newer))
    assert code == 2 and "更新版本" in err


@pytest.mark.postgresql
def test_a_server_database_is_pointed_to_pg_dump_and_left_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], postgres_server: PostgresServer) -> None:
    """docs/team-server.md: `backup` and `restore` on a server say to use PostgreSQL's own tools, and change
    nothing there."""
    server_db = postgres_server.new_database()
    try:
        services = open_services(server_db)
        services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕1号"))
        services.close()
        code, _, err = run(capsys, "--db", server_db, "backup", "--out", str(tmp_path / "copy.db"))
        assert code == 2 and "pg_dump" in err and not (tmp_path / "copy.db").exists()
        local = tmp_path / "cases.db"
        open_services(str(local)).close()
        good = tmp_path / "good.db"
        assert run(capsys, "--db", str(local), "backup", "--out", str(good))[0] == 0
        code, _, err = run(capsys, "--db", server_db, "restore", str(good))
        assert code == 2 and "pg_restore" in err
        reopened = open_services(server_db)
        try:
            assert reopened.cases.count(CaseQuery()) == 1 and reopened.cases.get("京朝检刑诉〔2026〕1号")
        finally:
            reopened.close()
    finally:
        gc.collect()
        postgres_server.drop_database(server_db)


def test_rolling_backup_is_daily_and_keeps_n(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    open_services(str(db)).close()
    day = dt.datetime(2026, 3, 1, 18, 0)
    made = auto_backup(db, now=lambda: day, keep=3)
    assert made is not None and auto_backup(db, now=lambda: day, keep=3) is None  # at most one a day
    folder = backups_folder(db)
    for n in range(5):  # backups of earlier days
        (folder / f"cases-2026020{n + 1}-180000.db").write_bytes(made.read_bytes())
    auto_backup(db, now=lambda: day, keep=3)
    kept = list_backups(db)
    assert len(kept) == 3 and kept[0].path == made
    assert [b.created.day for b in kept[1:]] == [5, 4]
