"""The audit chain as an auditor tries it: every kind of tampering is caught by `casecheck audit verify` (exit 1,
naming the first bad entry), with and without a procuratorate key, and the check writes nothing. Each tampering is
plain SQL a person with the database's password could type, on an SQLite file and on a PostgreSQL database alike."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from db.engine import database_url, sqlite_path
from desktop_app.cli import main
from desktop_app.services import keys
from desktop_app.services.audit import canonical_time, case_history, entry_hash, verify_chain
from desktop_app.services.container import Services, open_services
from tests.factories import DatabaseTemplate, make_case, stored_rows

ENTRIES = 14


def _engine(target: str) -> Engine:
    """A plain connection, as the forger's own tool would open it: none of the program's settings or checks."""
    return create_engine(database_url(target))


def _fill(target: str) -> Services:
    """A database with ENTRIES audit entries: cases created, answered and edited."""
    services = open_services(target, today=lambda: dt.date(2026, 3, 20))
    for n in range(1, 5):
        services.cases.create(services.actor, make_case(f"京朝检刑诉〔2026〕{n}号"))
    view = services.inspections.open(services.actor, "京朝检刑诉〔2026〕1号")
    items = [i.id for s in view.template.sections for i in s.items]
    while _count(target) < ENTRIES:
        services.inspections.answer(services.actor, view.info.id, items[_count(target) % len(items)], "pass")
    return services


@pytest.fixture(scope="module")
def filled(db_template: DatabaseTemplate) -> DatabaseTemplate:
    """Filled once per database kind; every test tampers with its own copy."""
    _fill(db_template.target).close()
    return db_template


@pytest.fixture
def audited(filled: DatabaseTemplate, template_copy: str) -> str:
    """A copy of the filled database: ENTRIES entries, no key."""
    return template_copy


def _count(target: str) -> int:
    engine = _engine(target)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one())
    finally:
        engine.dispose()


def _sql(target: str, *statements: str, **params: Any) -> None:
    engine = _engine(target)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement), params)
    finally:
        engine.dispose()


def _stored_time(at: str | dt.datetime) -> dt.datetime:
    """SQLite hands back the stored text, PostgreSQL a timestamp."""
    return at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(at)


def _rehash(target: str, from_id: int, *, move_head: bool) -> None:
    """What a forger with the program's source does: recompute every hash from `from_id` on (and the head)."""
    engine = _engine(target)
    try:
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT id, at, user_id, actor, action, entity, entity_key, detail, prev_hash, "
                                     "hash FROM audit_log ORDER BY id")).all()
            prev = "0" * 64
            for row in rows:
                entry_id, at, user_id, actor, action, entity, key, detail, prev_hash, digest = row
                if entry_id >= from_id:
                    prev_hash = prev
                    digest = entry_hash(entry_id, canonical_time(_stored_time(at)), user_id, actor, action, entity,
                                        key, json.loads(detail) if isinstance(detail, str) else detail, prev_hash)
                    conn.execute(text("UPDATE audit_log SET prev_hash = :prev, hash = :digest, mac = NULL "
                                      "WHERE id = :id"), {"prev": prev_hash, "digest": digest, "id": entry_id})
                prev = digest
            if move_head:
                conn.execute(text("UPDATE audit_head SET last_id = :id, last_hash = :digest"),
                             {"id": rows[-1][0], "digest": prev})
    finally:
        engine.dispose()


def _verify(target: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--db", target, "audit", "verify", *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


def _swap_rows(target: str) -> None:
    columns = "at, actor, action, entity, entity_key, detail, prev_hash, hash"
    engine = _engine(target)
    try:
        with engine.begin() as conn:
            a, b = (conn.execute(text(f"SELECT {columns} FROM audit_log WHERE id = :id"), {"id": n}).one()
                    for n in (5, 6))
            names = columns.split(", ")
            sql = text(f"UPDATE audit_log SET {', '.join(f'{n} = :{n}' for n in names)} WHERE id = :id")
            for row, entry_id in ((b, 5), (a, 6)):
                values = dict(zip(names, row, strict=True))
                if not isinstance(values["detail"], str):
                    values["detail"] = json.dumps(values["detail"])
                conn.execute(sql, {**values, "id": entry_id})
    finally:
        engine.dispose()


Tamper = Callable[[str], None]

#: Every tampering tried without a key: (name, how, the first bad entry verify must name).
TAMPERINGS: list[tuple[str, Tamper, int]] = [
    ("actor", lambda p: _sql(p, "UPDATE audit_log SET actor = '他人' WHERE id = 4"), 4),
    ("action", lambda p: _sql(p, "UPDATE audit_log SET action = 'case.view' WHERE id = 4"), 4),
    ("entity", lambda p: _sql(p, "UPDATE audit_log SET entity = 'x' WHERE id = 4"), 4),
    ("entity_key", lambda p: _sql(p, "UPDATE audit_log SET entity_key = '京朝检刑诉〔2026〕9号' WHERE id = 4"), 4),
    ("detail", lambda p: _sql(p, "UPDATE audit_log SET detail = :d WHERE id = 4", d='{"new": {}}'), 4),
    ("timestamp", lambda p: _sql(p, "UPDATE audit_log SET at = :at WHERE id = 4", at="2020-01-01 00:00:00.000000"), 4),
    ("user_id", lambda p: _sql(p, "UPDATE audit_log SET user_id = NULL WHERE id = 4"), 4),
    ("prev_hash", lambda p: _sql(p, "UPDATE audit_log SET prev_hash = '" + "1" * 64 + "' WHERE id = 4"), 4),
    ("hash", lambda p: _sql(p, "UPDATE audit_log SET hash = '" + "1" * 64 + "' WHERE id = 4"), 4),
    ("delete a middle entry", lambda p: _sql(p, "DELETE FROM audit_log WHERE id = 7"), 8),
    ("delete last 1", lambda p: _sql(p, f"DELETE FROM audit_log WHERE id > {ENTRIES - 1}"), ENTRIES),
    ("delete last 3", lambda p: _sql(p, f"DELETE FROM audit_log WHERE id > {ENTRIES - 3}"), ENTRIES - 2),
    ("delete last 9", lambda p: _sql(p, f"DELETE FROM audit_log WHERE id > {ENTRIES - 9}"), ENTRIES - 8),
    ("delete all", lambda p: _sql(p, "DELETE FROM audit_log"), 1),
    ("swap a pair", _swap_rows, 5),
    ("renumber one id", lambda p: _sql(p, "UPDATE audit_log SET id = 1000 WHERE id = 3"), 4),
    ("renumber all ids", lambda p: _sql(p, "UPDATE audit_log SET id = id + 100"), 101),
    ("renumber the last id", lambda p: _sql(p, f"UPDATE audit_log SET id = 20 WHERE id = {ENTRIES}"), 20),
    ("edit last row and recompute its hash",
     lambda p: (_sql(p, f"UPDATE audit_log SET actor = '他人' WHERE id = {ENTRIES}"), _rehash(p, ENTRIES, move_head=False)),
     ENTRIES),
    ("append a forged entry", lambda p: _sql(
        p, "INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_key, detail, prev_hash, hash) "
           f"SELECT {ENTRIES + 1}, at, user_id, actor, action, entity, entity_key, detail, hash, hash FROM audit_log "
           f"WHERE id = {ENTRIES}"), ENTRIES + 1),
    ("head moved back", lambda p: _sql(p, f"UPDATE audit_head SET last_id = {ENTRIES - 1}"), ENTRIES),
    ("head hash changed", lambda p: _sql(p, "UPDATE audit_head SET last_hash = '" + "2" * 64 + "'"), ENTRIES),
]


#: Only SQLite lets a column hold text of another type (PostgreSQL refuses it: its columns are typed), so these
#: tamperings, which the verifier must survive on a file, cannot be done to a PostgreSQL database.
SQLITE_TAMPERINGS: list[tuple[str, Tamper, int]] = [
    ("detail unreadable", lambda p: _sql(p, "UPDATE audit_log SET detail = '{not json' WHERE id = 4"), 4),
    ("timestamp unparsable", lambda p: _sql(p, "UPDATE audit_log SET at = '昨天下午' WHERE id = 4"), 4),
    ("timestamp out of range", lambda p: _sql(p, "UPDATE audit_log SET at = :at WHERE id = 4", at="2026-13-45 99:00:00"), 4),
    ("timestamp rewritten form", lambda p: _sql(p, "UPDATE audit_log SET at = replace(at, ' ', 'T') WHERE id = 4"), 4),
]


def _cases(tamperings: list[tuple[str, Tamper, int]]) -> list[Any]:
    """(how, first_bad) per tampering, with its name as the id."""
    return [pytest.param(how, first_bad, id=name) for name, how, first_bad in tamperings]


@pytest.mark.parametrize(("how", "first_bad"), _cases(TAMPERINGS))
def test_every_tampering_is_caught(audited: str, capsys: pytest.CaptureFixture[str], how: Tamper,
                                   first_bad: int) -> None:
    assert _verify(audited, capsys)[0] == 0
    how(audited)
    code, text = _verify(audited, capsys)
    assert code == 1
    assert f"第一条异常记录编号 {first_bad}（" in text


@pytest.mark.parametrize("db_template", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("how", "first_bad"), _cases(SQLITE_TAMPERINGS))
def test_every_mistyped_value_is_caught(audited: str, capsys: pytest.CaptureFixture[str], how: Tamper,
                                        first_bad: int) -> None:
    """SQLite only: see SQLITE_TAMPERINGS."""
    test_every_tampering_is_caught(audited, capsys, how, first_bad)


def test_a_complete_rechain_needs_an_anchor_without_a_key(audited: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Honest limit: with no key, recomputing every hash and the head passes — unless checked against a head held
    elsewhere, in either printed form."""
    main(["--db", audited, "audit", "head"])
    anchor = capsys.readouterr().out.strip()
    entry_id, digest = anchor.split(":")
    _sql(audited, "UPDATE audit_log SET actor = '他人' WHERE id = 2")
    _rehash(audited, 1, move_head=True)
    assert _verify(audited, capsys)[0] == 0
    for form in (anchor, f"{entry_id}:{digest[:16]}", f"ID:{entry_id}:{digest[:16]}", digest):
        code, text = _verify(audited, capsys, "--expect-head", form)
        assert code == 1 and "expect" in text, form
    assert _verify(audited, capsys, "--expect-head", "nonsense")[0] == 2


def test_an_older_anchor_still_matches_a_grown_chain(audited: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", audited, "audit", "head"])
    anchor = capsys.readouterr().out.strip()
    services = open_services(audited, today=lambda: dt.date(2026, 3, 20))
    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕99号"))
    services.close()
    entry_id, digest = anchor.split(":")
    assert _verify(audited, capsys, "--expect-head", f"ID:{entry_id}:{digest[:16]}")[0] == 0


def _install_key(tmp_path: Path) -> keys.ProcuratorateKey:
    keys.create_key_file(tmp_path / "unit.key")
    return keys.install_key(tmp_path / "unit.key")[0]


KEYED: list[tuple[str, Tamper, int]] = [
    ("recompute the whole chain and the head", lambda p: (
        _sql(p, "UPDATE audit_log SET actor = '他人' WHERE id = 2"), _rehash(p, 1, move_head=True)), ENTRIES + 1),
    ("edit last row, recompute it and the head", lambda p: (
        _sql(p, f"UPDATE audit_log SET actor = '他人' WHERE id = {ENTRIES + 1}"),
        _rehash(p, ENTRIES + 1, move_head=True)), ENTRIES + 1),
    ("cut the tail and move the head", lambda p: (
        _sql(p, f"DELETE FROM audit_log WHERE id > {ENTRIES - 2}",
             f"UPDATE audit_head SET last_id = {ENTRIES - 2}, last_hash = "
             f"(SELECT hash FROM audit_log WHERE id = {ENTRIES - 2})")), ENTRIES - 2),
    ("seal removed", lambda p: _sql(p, f"UPDATE audit_log SET mac = NULL WHERE id = {ENTRIES + 1}"), ENTRIES + 1),
    ("seal altered", lambda p: _sql(p, f"UPDATE audit_log SET mac = '{'3' * 64}' WHERE id = {ENTRIES + 1}"),
     ENTRIES + 1),
    ("head seal altered", lambda p: _sql(p, f"UPDATE audit_head SET mac = '{'3' * 64}'"), ENTRIES + 1),
]


@pytest.mark.parametrize(("how", "first_bad"), _cases(KEYED))
def test_with_a_key_a_copy_of_the_database_alone_cannot_be_rechained(
        audited: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: Tamper, first_bad: int) -> None:
    _install_key(tmp_path)
    assert main(["--db", audited, "keys", "import", str(tmp_path / "unit.key")]) == 0
    assert "封存此前的 14 条" in capsys.readouterr().out
    assert _verify(audited, capsys)[0] == 0
    how(audited)
    code, text = _verify(audited, capsys)
    assert code == 1
    assert f"第一条异常记录编号 {first_bad}（" in text


def test_keys_commands(audited: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "export", "--out", str(tmp_path / "none.key")]) == 2
    assert main(["keys", "init", "--out", str(tmp_path / "unit.key")]) == 0
    assert main(["keys", "init", "--out", str(tmp_path / "unit.key")]) == 2  # never overwritten
    (tmp_path / "bad.key").write_text('{"format": "casecheck.key/1", "key": "!!"}', encoding="utf-8")
    assert main(["--db", audited, "keys", "import", str(tmp_path / "bad.key")]) == 2
    assert "bad.key: key" in capsys.readouterr().err
    assert main(["--db", audited, "keys", "import", str(tmp_path / "unit.key")]) == 0
    assert keys.installed_key_file().stat().st_mode & 0o077 == 0
    assert main(["keys", "export", "--out", str(tmp_path / "copy.key")]) == 0
    assert keys.parse_key_file(tmp_path / "copy.key") == keys.parse_key_file(tmp_path / "unit.key")
    assert main(["keys", "init", "--out", str(tmp_path / "other.key")]) == 0
    assert main(["--db", audited, "keys", "import", str(tmp_path / "other.key")]) == 2
    capsys.readouterr()
    engine = _engine(audited)
    try:
        with engine.connect() as conn:
            seal = conn.execute(text("SELECT detail FROM audit_log WHERE action = 'audit.seal'")).scalar_one()
            assert (json.loads(seal) if isinstance(seal, str) else seal)["sealed_entries"] == ENTRIES
            assert "key" not in {c["name"] for c in inspect(conn).get_columns("audit_head")}
    finally:
        engine.dispose()
    secret = keys.parse_key_file(tmp_path / "unit.key").secret
    assert secret not in stored_rows(audited)  # the key never lands in the database


def test_verify_and_head_write_nothing(audited: str) -> None:
    if sqlite_path(database_url(audited)) is not None:  # the file and its write-ahead log, byte for byte
        _sql(audited, "PRAGMA wal_checkpoint(TRUNCATE)")
    before = stored_rows(audited)
    assert main(["--db", audited, "audit", "verify"]) == 0
    assert main(["--db", audited, "audit", "head"]) == 0
    assert stored_rows(audited) == before


@pytest.fixture
def at_0004(empty_db_target: str) -> str:
    """A database of schema 0004, before the audit seals changed."""
    from db.engine import make_engine, upgrade

    url = database_url(empty_db_target)
    engine = make_engine(url)
    upgrade(engine, url, revision="0004")
    engine.dispose()
    return empty_db_target


def test_verify_of_an_old_schema_says_a_migration_is_needed(at_0004: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", at_0004, "audit", "verify"]) == 2
    assert "casecheck init" in capsys.readouterr().err


@pytest.mark.parametrize("tamper", [False, True], ids=["intact", "tampered"])
def test_migration_reseals_a_verified_old_chain_and_records_it(at_0004: str, tamper: bool) -> None:
    from importlib import import_module

    from db.engine import open_database

    old = import_module("db.migrations.versions.0006_audit_seal_exchange")
    prev = "0" * 64
    for n in range(1, 4):
        at = dt.datetime(2026, 1, n, 9, 0, 0, 123456)
        detail = {"n": n}
        digest = old._old_digest(prev, at, "李某", "case.create", "case", f"K{n}", detail)
        _sql(at_0004, "INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_key, detail, prev_hash, "
                      "hash) VALUES (:id, :at, NULL, '李某', 'case.create', 'case', :key, :detail, :prev, :digest)",
             id=n, at=at, key=f"K{n}", detail=json.dumps(detail), prev=prev, digest=digest)
        prev = digest
    if tamper:
        _sql(at_0004, "UPDATE audit_log SET actor = '他人' WHERE id = 2")
    database = open_database(at_0004)
    try:
        report = verify_chain(database)
        with database.engine.connect() as conn:
            detail = conn.execute(text("SELECT detail FROM audit_log WHERE action = 'audit.migrate'")).scalar_one()
        detail = json.loads(detail) if isinstance(detail, str) else detail
        if tamper:
            assert detail["resealed"] is False and detail["old_chain_broken_at"] == 2
            assert report.first_broken == 1  # nothing laundered: the old entries stay unverifiable
        else:
            assert detail["resealed"] is True and detail["entries"] == 3
            assert report.ok and report.entries == 4
    finally:
        database.dispose()


def test_case_history_lists_who_changed_what(audited: str) -> None:
    services = open_services(audited, today=lambda: dt.date(2026, 3, 20))
    case = make_case("京朝检刑诉〔2026〕1号", title="改后的名称")
    services.cases.update(services.actor, case.case_no, case)
    rows = case_history(services.database, case.case_no)
    assert rows[0].action == "case.update" and rows[0].detail["title"] == ["张某某盗窃案", "改后的名称"]
    assert {"case.create", "inspection.start", "inspection.answer"} <= {r.action for r in rows}
    assert all(r.actor for r in rows) and rows[0].at is not None
    services.close()


def test_every_exported_pdf_and_workbook_prints_the_head(audited: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    main(["--db", audited, "audit", "head"])
    entry_id, digest = capsys.readouterr().out.strip().split(":")
    printed = f"审计链校验码：{entry_id}:{digest[:16]}"
    db = ["--db", audited]
    assert main([*db, "export", "--format", "pdf", "--out", str(tmp_path / "all.pdf"), "--all"]) == 0
    assert main([*db, "export", "--format", "xlsx", "--out", str(tmp_path / "all.xlsx"), "--all"]) == 0
    assert main([*db, "export", "--format", "xlsx", "--out", str(tmp_path / "one.xlsx"), "--case",
                 "京朝检刑诉〔2026〕1号"]) == 0
    pages = PdfReader(tmp_path / "all.pdf").pages
    assert all(printed in page.extract_text().replace(" ", "") for page in pages)
    for name in ("all.xlsx", "one.xlsx"):
        cells = " ".join(str(c.value) for ws in load_workbook(tmp_path / name) for row in ws.iter_rows(max_row=15)
                         for c in row if c.value is not None)
        assert printed in cells.replace("审计链校验码 ", "审计链校验码："), name
    # The printed form is an anchor `audit verify --expect-head` accepts.
    assert main([*db, "audit", "verify", "--expect-head", printed.split("：")[1]]) == 0


def test_no_code_path_edits_or_deletes_audit_entries() -> None:
    """Outside the migrations, nothing updates or deletes `audit_log` rows (the head row is not an entry)."""
    import re

    root = Path(__file__).resolve().parents[1]
    pattern = re.compile(r"(update|delete)\(\s*AuditEntry|(UPDATE|DELETE FROM)\s+audit_log|session\.delete\(entry")
    offenders = [str(p.relative_to(root)) for folder in ("desktop_app", "db") for p in (root / folder).rglob("*.py")
                 if "migrations" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
