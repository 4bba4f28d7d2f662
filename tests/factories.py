"""Small valid domain objects for tests."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.checklist_model import ChecklistItem, ChecklistSection, ChecklistTemplate

if TYPE_CHECKING:
    from tests.postgres_server import PostgresServer

#: The kinds of database a fixture parametrised over them gives; the PostgreSQL run carries the `postgresql` mark.
BOTH_DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def make_case(case_no: str = "京朝检刑诉〔2026〕1号", **changes: object) -> Case:
    """A small, valid 审查起诉 case; keyword arguments replace fields."""
    case = Case(
        case_no=case_no,
        title="张某某盗窃案",
        case_type="criminal.prosecution_review",
        prosecutor="李某",
        department="第一检察部",
        received_on=dt.date(2026, 3, 2),
        in_custody=True,
        charges=["盗窃罪"],
        possible_sentence="1_to_3y",
        evidence=[
            Evidence(
                id="E1",
                category="suspect_statement",
                title="讯问笔录",
                collected_on=dt.date(2026, 2, 20),
                attributes={"admits_guilt": True, "place": "detention_center"},
            ),
            Evidence(
                id="E2",
                category="electronic_data",
                title="监控视频提取",
                collected_on=dt.date(2026, 2, 21),
                attributes={"hash_value": "ab12", "witness_present": True},
            ),
            Evidence(id="E3", category="witness_testimony", title="证人王某证言"),
        ],
        events=[Event(kind="detained_in_center", date=dt.date(2026, 2, 19))],
    )
    for key, value in changes.items():
        setattr(case, key, value)
    return case


def item(item_id: str, question: str, heading: str, basis: str, *, verified: bool = True, severity: str = "一般错误",
         deduction: float = 4) -> ChecklistItem:
    return ChecklistItem(id=item_id, question=question, guidance="", verified=verified, heading=heading,
                         legal_basis=basis, severity=severity, deduction=deduction)


def template(*items: ChecklistItem, case_type: str = "criminal.prosecution_review") -> ChecklistTemplate:
    """A small template with one section per heading used by `items`, in the order given."""
    headings = list(dict.fromkeys(i.heading for i in items))
    return ChecklistTemplate(
        id=case_type, title="审查起诉案件自查表", version="2026.1",
        sections=tuple(ChecklistSection(h, tuple(i for i in items if i.heading == h)) for h in headings),
    )


class DatabaseTemplate:
    """A database a module builds once (accounts, cases, answers: the slow part) and every test gets a fresh copy
    of: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL."""

    def __init__(self, kind: str, folder: Path, server: PostgresServer | None) -> None:
        self.kind = kind
        self.folder = folder
        self.server = server
        self.target = str(folder / "template.db") if server is None else server.new_database()
        self._copies = itertools.count(1)

    def copy(self) -> str:
        """A new database with the template's content (whoever built it must have closed every connection)."""
        if self.server is None:
            target = self.folder / f"copy-{next(self._copies)}.db"
            shutil.copyfile(self.target, target)
            return str(target)
        gc.collect()  # a connection left to the garbage collector would make PostgreSQL refuse the copy
        return self.server.new_database(template=self.target.rsplit("/", 1)[1])

    def discard(self, target: str) -> None:
        if self.server is not None:
            gc.collect()  # a connection the test left open warns here, in its own test, not in a later one
            self.server.drop_database(target)


def stored_rows(target: str) -> bytes:
    """Everything the database keeps, as someone reading its storage would see it: an SQLite file with its
    write-ahead log, byte for byte; on a server, every row of every table in its text form."""
    from sqlalchemy import create_engine, inspect, text

    from db.engine import database_url, sqlite_path

    url = database_url(target)
    path = sqlite_path(url)
    if path is not None:
        wal = path.with_name(path.name + "-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return "\n".join(row for table in sorted(inspect(conn).get_table_names())
                             for row in conn.execute(text(f'SELECT CAST("{table}" AS text) FROM "{table}" '
                                                          f'ORDER BY 1')).scalars()).encode()
    finally:
        engine.dispose()
