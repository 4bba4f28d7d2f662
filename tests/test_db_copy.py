"""`casecheck db copy`: a workstation database into a server and back, all or nothing, counts per table printed
and the audit head checked; into a database that already holds cases it merges by the bundle rules.

SQLite→SQLite always; SQLite→PostgreSQL→SQLite on the throw-away server of the test session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import db_copy
from desktop_app.services.audit import current_head, verify_chain
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import open_services
from tests.factories import make_case
from tests.postgres_server import PostgresServer

TODAY = dt.date(2026, 3, 20)


def _workstation(path: Path, cases: int = 4) -> str:
    """A used workstation database: cases, a 自查 with answers, a 整改 line, audit entries."""
    services = open_services(str(path), today=lambda: TODAY)
    for i in range(1, cases + 1):
        services.cases.create(services.actor, make_case(f"京朝检刑诉〔2026〕{i}号", title=f"张某{i}盗窃案"))
    view = services.inspections.open(services.actor, "京朝检刑诉〔2026〕1号", "self")
    for item in view.template.items[:3]:
        services.inspections.answer(services.actor, view.info.id, item.id, "fail", "缺材料")
    services.close()
    return str(path)


def _snapshot(target: str) -> tuple[list[tuple[str, str]], dict[str, int], str]:
    """Cases, rows per table and audit head; opened for the real today, as the command opens it (opening brings the
    stored figures up to date for the day)."""
    services = open_services(target)
    try:
        cases = sorted((c.case_no, c.title) for c in services.cases.iter_cases(CaseQuery()))
        with services.database.sessions() as session:
            counts = db_copy.table_counts(session)
        counts.pop("exchange_base")  # bookkeeping of merges, which every copy brings up to date on both sides
        return cases, counts, current_head(services.database).full()
    finally:
        services.close()


def _copy(source: str, target: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["db", "copy", "--from", source, "--to", target, *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_copy_into_a_fresh_database_keeps_every_row_and_the_audit_head(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _workstation(tmp_path / "ws.db")
    target = str(tmp_path / "server.db")
    open_services(target).close()  # `casecheck init` made it
    code, out, err = _copy(source, target, capsys)
    assert code == 0, err
    before = _snapshot(source)
    assert _snapshot(target) == before
    assert "cases\t4\t0\t4" in out and "answers\t3\t0\t3" in out
    assert before[2] in out  # the verified head is printed
    services = open_services(target, today=lambda: TODAY)
    try:
        assert verify_chain(services.database).first_broken is None
        services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕99号"))  # ids continue after the copy
    finally:
        services.close()


@pytest.mark.postgresql
def test_into_postgresql_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str], postgres_server: PostgresServer) -> None:
    source = _workstation(tmp_path / "ws.db", cases=6)
    server = postgres_server.new_database()
    code, out, err = _copy(source, server, capsys)
    assert code == 0, err
    assert _snapshot(server) == _snapshot(source)
    services = open_services(server, today=lambda: TODAY)  # the server goes on being used
    try:
        case = services.cases.get("京朝检刑诉〔2026〕2号")
        services.cases.update(services.actor, case.case_no, dataclasses.replace(case, title="服务器上改的案名"))
        services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕77号"))
        server_view = _snapshot(server)
    finally:
        services.close()
    back = str(tmp_path / "back.db")
    code, out, err = _copy(server, back, capsys)
    assert code == 0, err
    assert _snapshot(back) == server_view
    assert ("京朝检刑诉〔2026〕2号", "服务器上改的案名") in server_view[0]
    # Into the original workstation, which holds cases: a merge, the server's change taken, the audit chain sound.
    code, out, err = _copy(server, source, capsys)
    assert code == 0, err
    cases, _, _ = _snapshot(source)
    assert ("京朝检刑诉〔2026〕2号", "服务器上改的案名") in cases and len(cases) == 7
    assert "已按交换包规则" in out


def test_into_a_database_with_cases_it_merges_with_the_bundle_conflict_rules(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workstation = _workstation(tmp_path / "ws.db")
    server = str(tmp_path / "server.db")
    assert _copy(workstation, server, capsys)[0] == 0
    # After the copy both sides change case 3, the workstation also case 4, the server adds a case of its own.
    for target, title in ((workstation, "工作站改的"), (server, "服务器改的")):
        services = open_services(target, today=lambda: TODAY)
        for case_no in ("京朝检刑诉〔2026〕3号", "京朝检刑诉〔2026〕4号")[:2 if target == workstation else 1]:
            case = services.cases.get(case_no)
            services.cases.update(services.actor, case.case_no, dataclasses.replace(case, title=title))
        if target == server:
            services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕50号"))
        services.close()
    # Changed on both sides since the copy: a conflict, and without a choice nothing is written.
    before = _snapshot(server)
    code, out, err = _copy(workstation, server, capsys)
    assert code == 1 and "冲突" in err and "目标数据库未改变" in err
    assert _snapshot(server) == before
    code, out, err = _copy(workstation, server, capsys, "--on-conflict", "keep-local")
    assert code == 0, err
    cases, _, _ = _snapshot(server)
    assert ("京朝检刑诉〔2026〕3号", "服务器改的") in cases  # kept: the conflict was decided for the server
    assert ("京朝检刑诉〔2026〕4号", "工作站改的") in cases  # changed on the workstation only: taken
    assert ("京朝检刑诉〔2026〕50号", "张某某盗窃案") in cases
    assert "案件：新增 0，更新 1，未变 2，保留本机 1" in out and "冲突（两边都有改动）" in out
    assert "目标审计链校验通过" in out


def test_a_broken_source_chain_copies_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _workstation(tmp_path / "ws.db")
    with sqlite3.connect(source) as raw:
        raw.execute("UPDATE audit_log SET actor = '别人' WHERE id = 2")
    target = str(tmp_path / "server.db")
    open_services(target).close()
    before = _snapshot(target)
    code, out, err = _copy(source, target, capsys)
    assert code == 1 and "审计链" in err and "未复制" in err
    assert _snapshot(target) == before


def test_a_copy_failing_half_way_leaves_the_target_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    source = _workstation(tmp_path / "ws.db")
    target = str(tmp_path / "server.db")
    open_services(target).close()
    before = _snapshot(target)

    def connection_lost(session: object) -> None:  # every row is inserted by now, nothing committed
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(db_copy, "_reset_sequences", connection_lost)
    code, out, err = _copy(source, target, capsys)
    assert code == 3 and "内部错误" in err
    monkeypatch.undo()
    assert _snapshot(target) == before
    assert _copy(source, target, capsys)[0] == 0  # and the copy can simply be made again


def test_the_same_database_twice_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _workstation(tmp_path / "ws.db", cases=1)
    code, _, err = _copy(source, source, capsys)
    assert code == 2 and "同一个数据库" in err
