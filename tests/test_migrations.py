"""Schema migrations: a new database reaches head; an old one is copied, upgraded and keeps its data."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from db.engine import (
    DatabaseEnvironmentError,
    current_revision,
    database_url,
    head_revision,
    make_engine,
    open_database,
    sqlite_path,
    upgrade,
)


def test_empty_database_reaches_head(empty_db_target: str) -> None:
    database = open_database(empty_db_target)
    assert current_revision(database.engine) == head_revision()
    assert {"cases", "evidence", "events", "inspections", "answers", "audit_log", "rectifications", "deadlines"} <= set(
        database.table_names()
    )
    assert database.backup is None
    if database.engine.dialect.name == "sqlite":
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    database.dispose()


def _at_revision(target: str, revision: str) -> Engine:
    url = database_url(target)
    engine = make_engine(url)
    upgrade(engine, url, revision=revision)
    return engine


CASE_ROW = ("INSERT INTO cases (id, case_no, title, case_type, prosecutor, department, received_on, status, in_custody,"
            " charges, charges_text, plea_agreement, fast_track, suspect_minor, facts, extra, created_at, updated_at)"
            " VALUES (:id, :case_no, '张某某盗窃案', 'criminal.prosecution_review', '李某', '', :day, 'open', :custody,"
            " :charges, :charges_text, false, false, false, '{}', '{}', :at, :at)")


def test_first_revision_with_data_upgrades_intact(empty_db_target: str) -> None:
    """Every migration in turn, with a case stored under the first schema; the SQLite file is copied first (a server
    database is the administrator's to back up)."""
    engine = _at_revision(empty_db_target, "0001")
    assert "rectifications" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.execute(text(CASE_ROW), {"id": 1, "case_no": "京朝检刑诉〔2024〕1号", "day": dt.date(2024, 5, 6),
                                      "custody": True, "charges": '["盗窃罪"]', "charges_text": "盗窃罪",
                                      "at": dt.datetime(2024, 5, 6)})
    engine.dispose()

    database = open_database(empty_db_target)
    assert current_revision(database.engine) == head_revision()
    on_file = sqlite_path(database_url(empty_db_target)) is not None
    assert (database.backup is not None and database.backup.exists()) if on_file else database.backup is None
    from desktop_app.services.cases import CaseQuery, CaseService
    from desktop_app.services.derived import DerivedData

    case = CaseService(database, DerivedData()).get("京朝检刑诉〔2024〕1号")
    assert case.title == "张某某盗窃案" and case.charges == ["盗窃罪"] and case.received_on == dt.date(2024, 5, 6)
    assert CaseService(database, DerivedData()).count(CaseQuery()) == 1
    database.dispose()


def test_the_whole_chain_downgrades_and_upgrades_again(empty_db_target: str) -> None:
    """Every migration's downgrade runs too, down to the first schema, and the chain climbs back to head."""
    from alembic import command

    from db.engine import alembic_config

    open_database(empty_db_target).dispose()
    config = alembic_config(database_url(empty_db_target))
    command.downgrade(config, "0001")
    engine = make_engine(database_url(empty_db_target))
    try:
        assert current_revision(engine) == "0001"
        assert "rectifications" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    database = open_database(empty_db_target)
    assert current_revision(database.engine) == head_revision()
    database.dispose()


def test_database_from_a_newer_program_is_refused(db_target: str) -> None:
    open_database(db_target).dispose()
    engine = make_engine(database_url(db_target))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(DatabaseEnvironmentError) as caught:
        open_database(db_target)
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


def test_a_database_whose_users_are_referenced_upgrades(empty_db_target: str) -> None:
    """A workstation that has been used: audit entries and inspections point at its users, so a migration that
    rebuilds the users table (SQLite batch mode) must not trip over those foreign keys."""
    from desktop_app.services.container import open_services

    engine = _at_revision(empty_db_target, "0004")
    at = dt.datetime(2026, 1, 5, 9)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, login, display_name, role, created_at)"
                          " VALUES (1, 'local', '李某', 'lead', :at)"), {"at": at})
        conn.execute(text(CASE_ROW), {"id": 1, "case_no": "京朝检刑诉〔2026〕1号", "day": dt.date(2026, 1, 5),
                                      "custody": False, "charges": "[]", "charges_text": "", "at": at})
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.execute(text("INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_key, detail, "
                          "prev_hash, hash) VALUES (1, :at, 1, 'local', 'case.create', 'case', '1', '{}', '', 'x')"),
                     {"at": at})
    engine.dispose()
    services = open_services(empty_db_target)
    try:
        assert (services.database.backup is not None) == (services.database.engine.dialect.name == "sqlite")
        with services.database.engine.connect() as conn:
            assert conn.execute(text("SELECT role FROM users WHERE id = 1")).scalar_one() == "department_head"
            assert conn.execute(text("SELECT count(*) FROM audit_log WHERE user_id = 1")).scalar_one() >= 1
            if conn.dialect.name == "sqlite":  # PostgreSQL checks foreign keys at every statement
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        services.close()
