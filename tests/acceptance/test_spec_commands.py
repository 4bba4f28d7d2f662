"""cli.md — init, import, export (xlsx/pdf with each filter), audit verify, bundle, demo and bench."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from spec_support import TODAY, case, ev, evt, no_traceback
from sqlalchemy import Connection, create_engine, inspect
from sqlalchemy import text as sql

from db.engine import database_url

CASES = [
    case("criminal.prosecution_review", case_no="京朝检刑诉〔2026〕101号", prosecutor="王某某", received_on="2026-01-10",
         evidence=[ev("E1", "electronic_data")]),
    case("criminal.arrest_review", case_no="京朝检捕〔2026〕202号", prosecutor="李某", received_on="2026-02-10",
         in_custody=True),
    case("civil.judgment_supervision", case_no="京朝检民监〔2026〕303号", prosecutor="王某某", received_on="2026-03-10"),
    case("criminal.prosecution_review", case_no="京朝检刑诉〔2026〕404号", prosecutor="赵某", received_on="2026-03-20",
         events=[evt("returned_for_investigation", "2026-03-21")]),
]
NOS = [c["case_no"] for c in CASES]
_EXPORTS = itertools.count(1)


def _filled(cli, db: str | None = None) -> str:
    db = db or cli.db
    paths = [cli.write(c) for c in CASES]
    run = cli.run("--db", db, "import", *paths)
    assert run.rc == 0, run.err
    return db


def _exported_cases(cli, db: str) -> dict[str, dict]:
    out = cli.tmp / f"cases_{next(_EXPORTS)}"
    run = cli.run("--db", db, "export-cases", "--out", out, "--all")
    assert run.rc == 0, run.err
    return {
        d["case_no"]: d
        for d in (json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.json")))
    }


def _xlsx_text(path: Path) -> str:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path, read_only=True)
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(v) for v in row if v is not None)
    book.close()
    return "\n".join(cells)


# --- init -----------------------------------------------------------------------------------------------------------


@pytest.mark.sqlite_only("a missing SQLite file is created")
def test_init_creates_and_upgrades(cli):
    db = cli.tmp / "new" / "cases.db"
    db.parent.mkdir()
    assert cli.run("--db", db, "init").rc == 0
    assert db.exists()
    with _connect(str(db)) as conn:
        assert inspect(conn).get_table_names()
    assert cli.run("--db", db, "init").rc == 0  # already newest: still fine


def test_init_on_a_migrated_database_is_fine_and_says_where(cli):
    for _ in range(2):  # already newest: still fine
        run = cli.run("--db", cli.db, "init")
        assert run.rc == 0, run.err
    with _connect(cli.db) as conn:
        assert {"cases", "audit_log"} <= set(inspect(conn).get_table_names())
    assert cli.db.rsplit("/", 1)[-1] in run.out  # the file, or the server's database, it is on


# --- export ---------------------------------------------------------------------------------------------------------


XLSX_FILTERS = [
    (["--all"], NOS),
    (["--case", NOS[2]], [NOS[2]]),
    (["--type", "criminal.prosecution_review"], [NOS[0], NOS[3]]),
    (["--prosecutor", "王某某"], [NOS[0], NOS[2]]),
    (["--from", "2026-02-10", "--to", "2026-03-10"], [NOS[1], NOS[2]]),  # both ends included
    (["--type", "criminal.prosecution_review", "--prosecutor", "赵某"], [NOS[3]]),
]


def test_export_xlsx_with_each_filter(cli):
    db = _filled(cli)
    for i, (filters, expected) in enumerate(XLSX_FILTERS):
        out = cli.tmp / f"scorecards{i}.xlsx"
        run = cli.run("--db", db, "export", "--format", "xlsx", "--out", out, "--today", TODAY, *filters)
        assert run.rc == 0, (filters, run.err)
        assert zipfile.is_zipfile(out)
        text = _xlsx_text(out)
        for no in NOS:
            assert (no in text) is (no in expected), f"{no} with {filters}"


def test_export_pdf_with_filters(cli):
    pypdf = pytest.importorskip("pypdf")
    db = _filled(cli)
    for i, (filters, expected) in enumerate([(["--all"], NOS), (["--case", NOS[1]], [NOS[1]]),
                                            (["--prosecutor", "赵某"], [NOS[3]])]):
        out = cli.tmp / f"scorecards{i}.pdf"
        run = cli.run("--db", db, "export", "--format", "pdf", "--out", out, "--today", TODAY, *filters)
        assert run.rc == 0, (filters, run.err)
        assert out.read_bytes()[:5] == b"%PDF-"
        text = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in pypdf.PdfReader(out).pages))
        for no in NOS:
            assert (no in text) is (no in expected), f"{no} with {filters}"


def test_export_bad_filter_value(cli):
    db = cli.db
    assert cli.run("--db", db, "init").rc == 0
    run = cli.run("--db", db, "export", "--format", "xlsx", "--out", cli.tmp / "x.xlsx", "--from", "10/02/2026")
    assert run.rc == 2
    assert "--from" in run.err or "10/02/2026" in run.err
    assert no_traceback(run.err)


def test_export_unknown_case_type_is_named(cli):
    # exit 2 for bad input, with a message that names the bad field (here the --type value)
    db = cli.db
    assert cli.run("--db", db, "import", cli.write(CASES[0])).rc == 0
    run = cli.run("--db", db, "export", "--format", "xlsx", "--out", cli.tmp / "x.xlsx", "--type", "criminal.appeal")
    assert run.rc == 2
    assert "criminal.appeal" in run.err or "--type" in run.err, run.err


# --- audit ----------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _connect(db: str) -> Iterator[Connection]:
    """A connection of one's own to the database behind `--db` (as someone with the file, or the owner's password,
    has), committed when the `with` block ends."""
    engine = create_engine(database_url(db))
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def _audit_table(conn: Connection) -> tuple[str, str, list[int]]:
    """The audit table, a column to tamper with, and its entry ids in order."""
    schema = inspect(conn)
    tables = [t for t in schema.get_table_names() if "audit" in t]
    best = max(tables, key=lambda t: conn.execute(sql(f'select count(*) from "{t}"')).scalar_one())
    columns = [(c["name"], str(c["type"]).upper()) for c in schema.get_columns(best)]
    names = [c for c, _ in columns]
    column = next((c for c in ("detail", "details", "payload", "data", "actor") if c in names), None)
    if column is None:
        column = next(c for c, t in columns if ("CHAR" in t or "TEXT" in t) and "hash" not in c.lower())
    ids = list(conn.execute(sql(f'select id from "{best}" order by id')).scalars())
    return best, column, ids


def test_audit_verify_intact_then_tampered(cli):
    db = cli.db
    for c in CASES:
        assert cli.run("--db", db, "import", cli.write(c)).rc == 0
    run = cli.run("--db", db, "audit", "verify")
    assert run.rc == 0, run.out + run.err
    with _connect(db) as conn:
        table, column, ids = _audit_table(conn)
        assert len(ids) >= 3, ids
        victim, later = ids[1], ids[2]
        for entry in (victim, later):
            conn.execute(sql(f'update "{table}" set "{column}" = :value where id = :id'),
                         {"value": '{"tampered": true}', "id": entry})
    run = cli.run("--db", db, "audit", "verify")
    assert run.rc == 1
    text = run.out + run.err
    assert re.search(rf"(?<!\d){victim}(?!\d)", text), text
    assert not re.search(rf"(?<!\d){later}(?!\d)", text.replace(str(db), "")), text
    assert no_traceback(run.err)


def test_audit_verify_after_a_deleted_entry(cli):
    db = cli.db
    for c in CASES[:3]:
        assert cli.run("--db", db, "import", cli.write(c)).rc == 0
    with _connect(db) as conn:
        table, _column, ids = _audit_table(conn)
        conn.execute(sql(f'delete from "{table}" where id = :id'), {"id": ids[1]})
    run = cli.run("--db", db, "audit", "verify")
    assert run.rc == 1
    assert no_traceback(run.err)


# --- bundle ---------------------------------------------------------------------------------------------------------


def test_bundle_round_trip_between_workstations(cli):
    first = _filled(cli)
    whole, part = cli.tmp / "exchange.zip", cli.tmp / "pr.zip"
    run = cli.run("--db", first, "bundle", "export", "--out", whole, "--all")
    assert run.rc == 0, run.err
    run = cli.run("--db", first, "bundle", "export", "--out", part, "--type", "criminal.prosecution_review")
    assert run.rc == 0, run.err
    second, third = cli.another_database("second"), cli.another_database("third")
    assert cli.run("--db", second, "bundle", "import", whole).rc == 0
    assert cli.run("--db", third, "bundle", "import", part).rc == 0
    a, b = _exported_cases(cli, first), _exported_cases(cli, second)
    assert sorted(b) == sorted(NOS)
    for no in NOS:
        for key in ("case_type", "title", "prosecutor", "received_on", "evidence", "events", "facts"):
            assert b[no].get(key) == a[no].get(key), (no, key)
    assert sorted(_exported_cases(cli, third)) == sorted([NOS[0], NOS[3]])


def test_bundle_import_rejects_garbage(cli):
    junk = cli.write_text("this is not a bundle", "junk.zip")
    run = cli.run("--db", cli.db, "bundle", "import", junk)
    assert run.rc == 2
    assert "junk.zip" in run.err
    assert no_traceback(run.err)


# --- demo and bench -------------------------------------------------------------------------------------------------


def test_demo_fills_a_database(cli):
    db = cli.db
    run = cli.run("--db", db, "demo", "--cases", "6")
    assert run.rc == 0, run.err
    cases = _exported_cases(cli, db)
    assert len(cases) == 6
    data = next(iter(cases.values()))
    assert cli.evaluate(data)["case_no"] == data["case_no"]


@pytest.mark.no_database  # the SQLite bench builds a throw-away file of its own, whatever --db says
def test_bench_writes_its_report(cli):
    out = cli.tmp / "bench.json"
    run = cli.run("--db", cli.tmp / "unused.db", "bench", "--cases", "5", "--out", out)
    assert run.rc == 0, run.err
    report = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(report, dict) and report


@pytest.mark.sqlite_only("the default database is a file in the per-user data directory")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="platformdirs location checked on Linux only")
def test_default_database_is_in_the_per_user_data_directory(cli):
    data_home = cli.tmp / "xdg-data"
    cli.monkeypatch.delenv("CASECHECK_HOME", raising=False)
    cli.monkeypatch.setenv("HOME", str(cli.tmp / "userhome"))
    for name in ("DATA", "STATE", "CONFIG", "CACHE"):
        cli.monkeypatch.setenv(f"XDG_{name}_HOME", str(cli.tmp / f"xdg-{name.lower()}"))
    run = cli.run("init")
    assert run.rc == 0, run.err
    assert [p.name for p in data_home.rglob("casecheck.db")] == ["casecheck.db"]


@pytest.mark.no_database
def test_unknown_database_url_scheme_is_bad_input(cli):
    run = cli.run("--db", "nosuchdialect://somewhere/cases", "init")
    assert run.rc == 2
    assert no_traceback(run.err)
