"""The same services on PostgreSQL (no SQLite-only SQL anywhere). Opt-in: set CASECHECK_TEST_POSTGRES_URL to an
SQLAlchemy URL of a throw-away database whose name contains "test"; the test empties it first."""

from __future__ import annotations

import datetime as dt
import os

import pytest

URL = os.environ.get("CASECHECK_TEST_POSTGRES_URL", "")

pytestmark = pytest.mark.skipif(not URL, reason="CASECHECK_TEST_POSTGRES_URL is not set")


def test_register_walk_and_audit_on_postgresql() -> None:
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from db.models import Base
    from desktop_app.services.audit import verify_chain
    from desktop_app.services.board import deadline_board
    from desktop_app.services.cases import CaseQuery
    from desktop_app.services.container import open_services
    from desktop_app.services.exports import sync_rectifications
    from tests.factories import make_case

    assert "test" in (make_url(URL).database or ""), "refusing to empty a database not named for tests"
    engine = create_engine(URL)
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()

    services = open_services(URL, today=lambda: dt.date(2026, 3, 20))
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
