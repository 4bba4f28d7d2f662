"""A shared PostgreSQL server: passwords never in the URL, the driver as an optional extra, the server named on
screen, trigram search, and personal roles that cannot rewrite the audit trail."""

from __future__ import annotations

import datetime as dt
import getpass
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import ProgrammingError

from db.models import CaseRecord
from db.portable import contains_text
from desktop_app.cli import main
from desktop_app.services.audit import verify_chain
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import open_services
from tests.factories import make_case
from tests.postgres_server import PASSWORD_GROUP, PostgresServer


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_url_holding_a_password_is_refused_without_showing_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql+psycopg://li:s3cret@127.0.0.1:1/casecheck", "init"]) == 2
    err = capsys.readouterr().err
    assert "PGPASSWORD" in err and ".pgpass" in err and "s3cret" not in err


def test_without_the_driver_a_server_url_names_the_extra_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` now fails as on a workstation without it
    assert main(["--db", "postgresql+psycopg://li@127.0.0.1:1/casecheck", "init"]) == 2
    err = capsys.readouterr().err
    assert 'pip install ".[server]"' in err and "内部错误" not in err


def test_substring_search_ignores_ascii_case_on_both_databases(services) -> None:  # type: ignore[no-untyped-def]
    services.cases.import_cases(services.actor, [make_case("京朝检ABC刑诉〔2026〕1号"),
                                                 make_case("京朝检刑诉〔2026〕2号", title="李某诈骗案")])
    assert [r.case_no for r in services.cases.page(CaseQuery(text="abc"))] == ["京朝检ABC刑诉〔2026〕1号"]
    assert [r.case_no for r in services.cases.page(CaseQuery(text="诈骗"))] == ["京朝检刑诉〔2026〕2号"]
    assert [r.case_no for r in services.cases.page(CaseQuery(text="骗"))] == ["京朝检刑诉〔2026〕2号"]
    assert services.cases.count(CaseQuery(text="50%")) == 0, "LIKE wildcards in the text are taken literally"


@pytest.fixture
def server_url(postgres_server: PostgresServer) -> Iterator[str]:
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)


def _as(postgres_server: PostgresServer, url: str, role: str) -> str:
    return postgres_server.url(url.rsplit("/", 1)[1], user=role)


@pytest.mark.postgresql
def test_init_names_the_server_and_the_database(postgres_server: PostgresServer, server_url: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", server_url, "init"]) == 0
    name = server_url.rsplit("/", 1)[1]
    assert f"127.0.0.1:{postgres_server.port}/{name}" in capsys.readouterr().out
    assert main(["--db", server_url, "backup"]) == 2, "a server is backed up with its own tools"
    assert "pg_dump" in capsys.readouterr().err


@pytest.mark.postgresql
def test_trigram_search_is_indexed_and_short_texts_scan(server_url: str) -> None:
    services = open_services(server_url)
    services.cases.import_cases(services.actor, [make_case(f"京朝检刑诉〔2026〕{i}号", title=f"张某{i}盗窃案")
                                                 for i in range(1, 10)])
    assert services.cases.count(CaseQuery(text="7盗窃案")) == 1
    assert services.cases.count(CaseQuery(text="窃")) == 9
    indexes = {index["name"] for index in inspect(services.database.engine).get_indexes("cases")}
    assert {"ix_cases_case_no_trgm", "ix_cases_title_trgm", "ix_cases_charges_text_trgm"} <= indexes
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    long_search = select(CaseRecord.id).where(contains_text(CaseRecord.title, "盗窃案"))
    assert "ILIKE" in str(long_search.compile(dialect=dialect))
    assert "strpos" in str(select(CaseRecord.id).where(contains_text(CaseRecord.title, "盗窃")).compile(dialect=dialect))
    with services.database.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        compiled = long_search.compile(dialect=conn.dialect)
        plan = "\n".join(row[0] for row in conn.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params))
    assert "ix_cases_title_trgm" in plan, plan
    services.close()


@pytest.mark.postgresql
def test_the_password_comes_from_pgpassword_pgpass_or_the_prompt(
        postgres_server: PostgresServer, server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    role = "wang_fang"
    assert main(["--db", server_url, "server", "grant-role", role]) == 0
    postgres_server.execute([f"ALTER ROLE {role} PASSWORD 'secret'", f"GRANT {PASSWORD_GROUP} TO {role}"])
    url = _as(postgres_server, server_url, role)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    capsys.readouterr()
    assert main(["--db", url, "init"]) == 2, "no terminal to ask at: told where a password may come from"
    assert "PGPASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("PGPASSWORD", "secret")
    assert main(["--db", url, "init"]) == 0
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / ".pgpass"
    pgpass.write_text(f"127.0.0.1:{postgres_server.port}:*:{role}:secret\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert main(["--db", url, "init"]) == 0
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setattr(sys, "stdin", _Terminal())
    typed = iter(["wrong", "secret"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(typed))
    assert main(["--db", url, "init"]) == 0, "a wrong password is asked again"
    typed = iter(["wrong"] * 3)
    assert main(["--db", url, "init"]) == 2
    assert "密码不正确" in capsys.readouterr().err


@pytest.mark.postgresql
def test_a_personal_role_does_the_work_but_cannot_change_the_audit_trail(
        postgres_server: PostgresServer, server_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", server_url, "server", "grant-role", "li_ming", "--sql"]) == 0
    assert 'GRANT SELECT, INSERT ON TABLE "audit_log"' in capsys.readouterr().out
    assert main(["--db", server_url, "server", "grant-role", "li_ming"]) == 0
    services = open_services(_as(postgres_server, server_url, "li_ming"))
    case = make_case()
    services.cases.create(services.actor, case)
    view = services.inspections.open(services.actor, case.case_no, "self")
    services.inspections.answer(services.actor, view.info.id, view.template.items[0].id, "fail", "缺材料")
    assert verify_chain(services.database).first_broken is None and verify_chain(services.database).entries >= 3
    for statement in ("UPDATE audit_log SET actor = '他人'", "DELETE FROM audit_log", "TRUNCATE audit_log",
                      "DROP TABLE cases"):
        with pytest.raises(ProgrammingError, match="permission denied|must be owner"), \
                services.database.engine.begin() as conn:
            conn.execute(text(statement))
    services.close()
    owner = create_engine(server_url)
    with owner.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE actor = '他人'")).scalar_one() == 0
    owner.dispose()


def test_an_open_case_sorts_first_going_up_and_last_going_down_on_both_databases(services) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL puts NULLs after values going up, SQLite before them; the register lists them the same on both."""
    services.cases.import_cases(services.actor, [make_case("甲号"), make_case("乙号", closed_on=dt.date(2026, 3, 15))])
    assert [r.case_no for r in services.cases.page(CaseQuery(sort="closed_on", descending=False))] == ["甲号", "乙号"]
    assert [r.case_no for r in services.cases.page(CaseQuery(sort="closed_on", descending=True))] == ["乙号", "甲号"]
