"""The same services on PostgreSQL, from an empty database: the migrations themselves, then a register, a walk and
the audit chain. Runs on the test session's throw-away server (see tests/postgres_server.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.postgres_server import PostgresServer


@pytest.mark.postgresql
def test_register_walk_and_audit_on_postgresql(postgres_server: PostgresServer) -> None:
    from sqlalchemy import create_engine, inspect, text

    from db.models import Base
    from desktop_app.services.audit import verify_chain
    from desktop_app.services.board import deadline_board
    from desktop_app.services.cases import CaseQuery
    from desktop_app.services.container import open_services
    from desktop_app.services.exports import sync_rectifications
    from tests.factories import make_case

    postgres_server.execute(["CREATE DATABASE casecheck_from_empty"])
    url = postgres_server.url("casecheck_from_empty")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
        assert conn.execute(text("SHOW server_encoding")).scalar_one() == "UTF8"
    engine.dispose()

    services = open_services(url, today=lambda: dt.date(2026, 3, 20))
    assert set(Base.metadata.tables) <= set(services.database.table_names())
    cases = [make_case(f"京朝检刑诉〔2026〕{i}号", title=f"张某{i}盗窃案") for i in range(1, 4)]
    services.cases.import_cases(services.actor, cases)
    assert [r.case_no for r in services.cases.page(CaseQuery(text="某2盗窃", sort="case_no"))] == ["京朝检刑诉〔2026〕2号"]
    view = services.inspections.open(services.actor, cases[0].case_no, "self")
    services.inspections.answer(services.actor, view.info.id, view.template.items[0].id, "fail", "缺材料")
    assert view.template.items[0].id in {i.key for i in sync_rectifications(services, cases[0].case_no,
                                                                             dt.date(2026, 3, 20))}
    assert len(deadline_board(services.database, dt.date(2026, 3, 20))) == 3
    assert verify_chain(services.database).first_broken is None
    services.close()
    postgres_server.drop_database(url)
