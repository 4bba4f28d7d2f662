"""Accounts through `casecheck`: `--user`, passwords from the environment only, exit 4 for every kind of refusal."""

from __future__ import annotations

import gc
import getpass
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.factories import make_case
from tests.postgres_server import PostgresServer

ADMIN_PASSWORD = "admin-pass-1"
PROSECUTOR_PASSWORD = "zhang-pass-1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test has no terminal: any attempt to prompt is a bug."""
    def refuse(prompt: str = "") -> str:
        raise AssertionError(f"prompted: {prompt}")

    monkeypatch.setattr(getpass, "getpass", refuse)
    monkeypatch.delenv("CASECHECK_PASSWORD", raising=False)
    monkeypatch.delenv("CASECHECK_NEW_PASSWORD", raising=False)


@pytest.fixture
def db(db_target: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with an administrator and one prosecutor, zhang."""
    path = db_target
    monkeypatch.setenv("CASECHECK_NEW_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, "--db", path, "user", "add", "admin", "--role", "管理员", "--real-name", "王管理员")[0] == 0
    monkeypatch.setenv("CASECHECK_NEW_PASSWORD", PROSECUTOR_PASSWORD)
    monkeypatch.setenv("CASECHECK_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, "--db", path, "--user", "admin", "user", "add", "zhang", "--role", "prosecutor",
               "--real-name", "张检察官", "--department", "第一检察部")[0] == 0
    monkeypatch.delenv("CASECHECK_PASSWORD")
    monkeypatch.delenv("CASECHECK_NEW_PASSWORD")
    return path


def test_the_first_account_on_a_database_must_be_an_administrator(db_target: str, capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = db_target
    monkeypatch.setenv("CASECHECK_NEW_PASSWORD", ADMIN_PASSWORD)
    code, _, err = run(capsys, "--db", path, "user", "add", "zhang", "--role", "prosecutor")
    assert code == 2 and "管理员" in err
    code, out, _ = run(capsys, "--db", path, "user", "add", "admin", "--role", "admin")
    assert code == 0 and "admin" in out


def test_without_user_a_command_exits_4_and_never_prompts(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db, "audit", "verify")
    assert code == 4 and "--user" in err


def test_without_a_password_and_no_terminal_exits_4(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db, "--user", "zhang", "audit", "verify")
    assert code == 4 and "CASECHECK_PASSWORD" in err


def test_a_wrong_password_exits_4_saying_authentication_failed(db: str, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_PASSWORD", "not-the-password")
    code, _, err = run(capsys, "--db", db, "--user", "zhang", "audit", "verify")
    assert code == 4 and "认证失败" in err
    code, _, err = run(capsys, "--db", db, "--user", "nobody", "audit", "verify")
    assert code == 4 and "认证失败" in err


def test_five_failures_lock_then_an_administrator_unlocks(db: str, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_PASSWORD", "not-the-password")
    for _ in range(5):
        assert run(capsys, "--db", db, "--user", "zhang", "audit", "verify")[0] == 4
    monkeypatch.setenv("CASECHECK_PASSWORD", PROSECUTOR_PASSWORD)
    code, _, err = run(capsys, "--db", db, "--user", "zhang", "audit", "verify")
    assert code == 4 and "锁定" in err
    monkeypatch.setenv("CASECHECK_PASSWORD", ADMIN_PASSWORD)
    code, out, _ = run(capsys, "--db", db, "--user", "admin", "user", "list")
    assert code == 0 and "zhang\t张检察官\tprosecutor\t检察官\t第一检察部\t已锁定" in out
    assert run(capsys, "--db", db, "user", "unlock", "zhang", "--user", "admin")[0] == 0
    monkeypatch.setenv("CASECHECK_PASSWORD", PROSECUTOR_PASSWORD)
    assert run(capsys, "--db", db, "--user", "zhang", "audit", "verify")[0] == 0


def test_a_role_that_may_not_exits_4_naming_the_role(db: str, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_PASSWORD", PROSECUTOR_PASSWORD)
    monkeypatch.setenv("CASECHECK_NEW_PASSWORD", "whatever-pass")
    code, _, err = run(capsys, "--db", db, "--user", "zhang", "user", "add", "li", "--role", "reviewer")
    assert code == 4 and "检察官无权" in err
    code, _, err = run(capsys, "--db", db, "--user", "zhang", "user", "list")
    assert code == 4 and "检察官无权" in err


def test_a_prosecutor_sees_and_exports_only_own_cases(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.core.case_format import dump_case

    mine, theirs = tmp_path / "mine.json", tmp_path / "theirs.json"
    mine.write_text(dump_case(make_case("京朝检刑诉〔2026〕1号")), encoding="utf-8")
    theirs.write_text(dump_case(make_case("京朝检刑诉〔2026〕2号")), encoding="utf-8")
    monkeypatch.setenv("CASECHECK_PASSWORD", PROSECUTOR_PASSWORD)
    assert run(capsys, "--db", db, "--user", "zhang", "import", str(mine))[0] == 0
    monkeypatch.setenv("CASECHECK_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, "--db", db, "--user", "admin", "import", str(theirs))[0] == 0
    monkeypatch.setenv("CASECHECK_PASSWORD", PROSECUTOR_PASSWORD)
    out_dir = tmp_path / "out"
    assert run(capsys, "--db", db, "--user", "zhang", "export-cases", "--all", "--out", str(out_dir))[0] == 0
    assert [p.name for p in out_dir.iterdir()] == ["京朝检刑诉〔2026〕1号.json"]
    code, _, err = run(capsys, "--db", db, "--user", "zhang", "evaluate", "--case", "京朝检刑诉〔2026〕2号")
    assert code == 4 and "无权查看" in err


def test_password_change_and_disable(db: str, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_PASSWORD", PROSECUTOR_PASSWORD)
    monkeypatch.setenv("CASECHECK_NEW_PASSWORD", "zhang-new-pass")
    assert run(capsys, "--db", db, "--user", "zhang", "user", "passwd", "zhang")[0] == 0
    assert run(capsys, "--db", db, "--user", "zhang", "audit", "verify")[0] == 4
    monkeypatch.setenv("CASECHECK_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, "--db", db, "--user", "admin", "user", "disable", "zhang")[0] == 0
    monkeypatch.setenv("CASECHECK_PASSWORD", "zhang-new-pass")
    code, _, err = run(capsys, "--db", db, "--user", "zhang", "audit", "verify")
    assert code == 4 and "停用" in err


def test_reset_admin_by_the_file_owner_is_audited(db: str, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_NEW_PASSWORD", "recovered-pass")
    code, out, _ = run(capsys, "--db", db, "user", "reset-admin")
    assert code == 0 and "admin" in out
    monkeypatch.setenv("CASECHECK_PASSWORD", "recovered-pass")
    assert run(capsys, "--db", db, "--user", "admin", "audit", "verify")[0] == 0


@pytest.mark.postgresql
def test_on_a_server_only_the_database_owner_may_reset_the_administrator(
        postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    owner = postgres_server.new_database()
    try:
        assert run(capsys, "--db", owner, "server", "grant-role", "li_ming")[0] == 0
        personal = postgres_server.url(owner.rsplit("/", 1)[1], user="li_ming")  # trusted on loopback: no password
        monkeypatch.setenv("CASECHECK_NEW_PASSWORD", "recovered-pass")
        code, _, err = run(capsys, "--db", personal, "user", "reset-admin")
        assert code == 4 and "所有者" in err
        code, out, _ = run(capsys, "--db", owner, "user", "reset-admin")  # the owner's role (here a superuser) may
        assert code == 0 and "admin" in out
        monkeypatch.setenv("CASECHECK_PASSWORD", "recovered-pass")
        assert run(capsys, "--db", personal, "--user", "admin", "audit", "verify")[0] == 0
    finally:
        gc.collect()
        postgres_server.drop_database(owner)


@pytest.mark.no_database  # argparse refuses the flag before any database is opened
def test_the_password_is_never_a_flag(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", db, "--user", "zhang", "audit", "verify", "--password", "x"])
    assert caught.value.code == 2 and "--password" in capsys.readouterr().err


@pytest.mark.sqlite_only("compares the bytes of the database file and its write-ahead log")
def test_logging_in_and_listing_users_write_nothing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.services import accounts
    from desktop_app.services.container import open_services

    services = open_services(db)
    files = [Path(db), Path(db + "-wal")]

    def state() -> list[str]:
        return [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else "" for f in files]

    before = state()
    admin = accounts.login(services.database, "admin", ADMIN_PASSWORD)
    assert [a.login for a in accounts.list_accounts(services.database, admin)] == ["admin", "zhang"]
    assert state() == before
    services.close()


def test_demo_accounts_are_added_only_when_asked(db_target: str, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 another_database: Callable[[str], str]) -> None:
    plain = db_target
    assert run(capsys, "--db", plain, "demo", "--cases", "5")[0] == 0
    assert run(capsys, "--db", plain, "audit", "verify")[0] == 0, "no accounts: no --user needed"
    with_accounts = another_database("accounts")
    code, out, _ = run(capsys, "--db", with_accounts, "demo", "--cases", "5", "--accounts")
    assert code == 0 and "jianchaguan" in out
    monkeypatch.setenv("CASECHECK_PASSWORD", "demo-2026")
    code, out, _ = run(capsys, "--db", with_accounts, "--user", "admin", "user", "list")
    assert code == 0 and [line.split("\t")[2] for line in out.splitlines()] == \
        ["admin", "department_head", "prosecutor", "trainer", "reviewer"]


def test_security_settings_and_case_owners_are_the_administrators(db: str, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.core.case_format import dump_case

    monkeypatch.setenv("CASECHECK_PASSWORD", PROSECUTOR_PASSWORD)
    code, _, err = run(capsys, "--db", db, "--user", "zhang", "user", "settings", "--lockout-minutes", "30")
    assert code == 4 and "无权" in err
    monkeypatch.setenv("CASECHECK_PASSWORD", ADMIN_PASSWORD)
    code, out, _ = run(capsys, "--db", db, "--user", "admin", "user", "settings", "--lockout-minutes", "30",
                       "--recuse-department", "off")
    assert code == 0 and "lockout_minutes\t30" in out and "recuse_same_department\tFalse" in out
    case_file = tmp_path / "c.json"
    case_file.write_text(dump_case(make_case("京朝检刑诉〔2026〕9号")), encoding="utf-8")
    assert run(capsys, "--db", db, "--user", "admin", "import", str(case_file))[0] == 0
    assert run(capsys, "--db", db, "--user", "admin", "user", "assign", "京朝检刑诉〔2026〕9号", "zhang")[0] == 0
    monkeypatch.setenv("CASECHECK_PASSWORD", PROSECUTOR_PASSWORD)
    code, out, _ = run(capsys, "--db", db, "--user", "zhang", "evaluate", "--case", "京朝检刑诉〔2026〕9号",
                       "--today", "2026-03-20", "--format", "json")
    assert code == 0 and '"case_no": "京朝检刑诉〔2026〕9号"' in out
