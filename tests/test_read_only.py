"""Commands that only read write nothing, so an archive copy on a read-only medium can be verified and exported."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.engine import database_url, make_engine, upgrade
from desktop_app.cli import main

READ_ONLY_COMMANDS = (
    ("audit", "verify"),
    ("export", "--format", "xlsx", "--out", "{out}/all.xlsx", "--all"),
    ("export", "--format", "pdf", "--out", "{out}/per", "--all", "--layout", "per_case"),
    ("export-cases", "--all", "--out", "{out}/cases"),
    ("evaluate", "--case", "{case_no}", "--today", "2026-03-20"),
    ("checklist", "list"),
    ("stats", "--format", "json", "--today", "2026-03-20"),
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A small database made in a process of its own, as a real archive is made: it ends with the write-ahead log
    merged and removed."""
    folder = tmp_path_factory.mktemp("built")
    db = folder / "cases.db"
    env = {**os.environ, "CASECHECK_HOME": str(folder / "home")}
    for argv in (["demo", "--cases", "4", "--today", "2026-03-01"],
                 ["export-cases", "--all", "--out", str(folder / "probe")]):
        subprocess.run([sys.executable, "-m", "desktop_app.cli", "--db", str(db), *argv], check=True,
                       capture_output=True, cwd=Path(__file__).resolve().parents[1], env=env)
    return db, next((folder / "probe").iterdir()).stem


@pytest.fixture
def archive(built: tuple[Path, str], tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "cases.db"
    shutil.copyfile(built[0], db)
    yield db, built[1]
    folder.chmod(0o755)
    db.chmod(0o644)


def run_all(db: Path, case_no: str, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for number, command in enumerate(READ_ONLY_COMMANDS):
        target = out / str(number)
        target.mkdir(parents=True)
        argv = [part.format(out=target, case_no=case_no) for part in command]
        code = main(["--db", str(db), *argv])
        _, err = capsys.readouterr()
        assert code == 0, (command, err)


def test_read_only_commands_leave_the_file_unchanged(
        archive: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, case_no = archive
    before = digest(db)
    run_all(db, case_no, tmp_path / "out", capsys)
    assert digest(db) == before


def test_read_only_commands_work_on_a_read_only_copy(
        archive: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, case_no = archive
    before = digest(db)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    db.parent.chmod(0o555)
    run_all(db, case_no, tmp_path / "out", capsys)
    assert digest(db) == before
    assert sorted(os.listdir(db.parent)) == ["cases.db"]


def test_a_write_on_a_read_only_copy_says_read_only(
        archive: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = archive
    db.chmod(0o444)
    db.parent.chmod(0o555)
    code = main(["--db", str(db), "demo", "--cases", "1"])
    _, err = capsys.readouterr()
    assert code == 2 and "只读" in err


def test_an_older_schema_on_a_read_only_file_asks_for_a_migration(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "old.db"
    url = database_url(str(db))
    engine = make_engine(url)
    upgrade(engine, url, revision="0003")
    engine.dispose()
    db.chmod(0o444)
    try:
        code = main(["--db", str(db), "audit", "verify"])
        _, err = capsys.readouterr()
    finally:
        db.chmod(0o644)
    assert code == 2 and "迁移" in err and "casecheck init" in err
