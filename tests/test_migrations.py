"""Schema migrations: a new database reaches head; an old one is copied, upgraded and keeps its data."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from db.engine import DatabaseEnvironmentError, current_revision, head_revision, make_engine, open_database, upgrade


def test_empty_database_reaches_head(db_path: Path) -> None:
    database = open_database(str(db_path))
    assert current_revision(database.engine) == head_revision()
    assert {"cases", "evidence", "events", "inspections", "answers", "audit_log", "rectifications", "deadlines"} <= set(
        database.table_names()
    )
    assert database.backup is None
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    database.dispose()


def test_first_revision_with_data_upgrades_intact(db_path: Path) -> None:
    url = f"sqlite:///{db_path}"
    engine = make_engine(url)
    upgrade(engine, url, revision="0001")
    assert "rectifications" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO cases (case_no, title, case_type, prosecutor, department, received_on, status, in_custody,"
            " charges, charges_text, plea_agreement, fast_track, suspect_minor, facts, extra, created_at, updated_at)"
            " VALUES ('京朝检刑诉〔2024〕1号', '张某某盗窃案', 'criminal.prosecution_review', '李某', '', '2024-05-06',"
            " 'open', 1, '[\"盗窃罪\"]', '盗窃罪', 0, 0, 0, '{}', '{}', '2024-05-06 00:00:00', '2024-05-06 00:00:00')"
        )
    engine.dispose()

    database = open_database(str(db_path))
    assert current_revision(database.engine) == head_revision()
    assert database.backup is not None and database.backup.exists()
    from desktop_app.services.cases import CaseQuery, CaseService
    from desktop_app.services.derived import DerivedData

    case = CaseService(database, DerivedData()).get("京朝检刑诉〔2024〕1号")
    assert case.title == "张某某盗窃案" and case.charges == ["盗窃罪"] and case.received_on == dt.date(2024, 5, 6)
    assert CaseService(database, DerivedData()).count(CaseQuery()) == 1
    database.dispose()


def test_database_from_a_newer_program_is_refused(db_path: Path) -> None:
    open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(DatabaseEnvironmentError) as caught:
        open_database(str(db_path))
    assert caught.value.kind == "too_new"
    assert "更新版本" in caught.value.message_zh


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(DatabaseEnvironmentError) as caught:
        open_database(str(path))
    assert caught.value.kind == "corrupt"


def test_missing_folder_is_an_environment_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseEnvironmentError) as caught:
        open_database(str(tmp_path / "no" / "such" / "x.db"))
    assert caught.value.kind == "unavailable"


def test_the_head_read_from_the_scripts_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from db.engine import alembic_config

    assert head_revision() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    """Alembic costs a noticeable part of each start; it loads only when a migration is due."""
    open_database(str(tmp_path / "t.db")).dispose()
    code = ("import sys; from db.engine import open_database; open_database(sys.argv[1]).dispose(); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "t.db")], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


def test_a_database_whose_users_are_referenced_upgrades(db_path: Path) -> None:
    """A workstation that has been used: audit entries and inspections point at its users, so a migration that
    rebuilds the users table (SQLite batch mode) must not trip over those foreign keys."""
    from desktop_app.services.container import open_services

    url = f"sqlite:///{db_path}"
    engine = make_engine(url)
    upgrade(engine, url, revision="0004")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO users (id, login, display_name, role, created_at)"
                             " VALUES (1, 'local', '李某', 'lead', '2026-01-05 09:00:00')")
        conn.exec_driver_sql(
            "INSERT INTO cases (id, case_no, title, case_type, prosecutor, department, received_on, status, in_custody,"
            " charges, charges_text, plea_agreement, fast_track, suspect_minor, facts, extra, created_at, updated_at)"
            " VALUES (1, '京朝检刑诉〔2026〕1号', '张某某盗窃案', 'criminal.prosecution_review', '李某', '', '2026-01-05',"
            " 'open', 0, '[]', '', 0, 0, 0, '{}', '{}', '2026-01-05 09:00:00', '2026-01-05 09:00:00')")
    engine.dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_key, detail, prev_hash,"
                     " hash) VALUES (1, '2026-01-05 09:00:00', 1, 'local', 'case.create', 'case', '1', '{}', '', 'x')")
    services = open_services(str(db_path))
    try:
        assert services.database.backup is not None
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("SELECT role FROM users WHERE id = 1").fetchone()[0] == "department_head"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("SELECT count(*) FROM audit_log WHERE user_id = 1").fetchone()[0] >= 1
    finally:
        services.close()
