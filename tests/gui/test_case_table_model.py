"""The register model: a well-behaved Qt model that reads rows lazily and sorts in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QHeaderView, QTableView
from pytestqt.qtbot import QtBot

from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services, open_services
from desktop_app.ui.case_table_model import (
    BLOCK_SIZE,
    CASE_NO_ROLE,
    COL_CASE_NO,
    COL_CHARGES,
    COL_RECEIVED,
    COL_TITLE,
    CaseTableModel,
)
from tests.factories import BOTH_DATABASES, make_case

CASES = 450
TODAY = dt.date(2026, 3, 20)
CRIMES = ("盗窃", "诈骗", "故意伤害")


@pytest.fixture(scope="module", params=BOTH_DATABASES)
def register(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """A register of a few hundred cases, shared (read-only) by the tests of this module, on each database."""
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    folder: Path = tmp_path_factory.mktemp("register")
    target = server.new_database() if server else str(folder / "t.db")
    services = open_services(target, today=lambda: TODAY)
    cases = []
    for number in range(CASES):
        crime = CRIMES[number % len(CRIMES)]
        cases.append(make_case(f"京朝检刑诉〔2026〕{number:03d}号", title=f"被告人{number:03d}{crime}案",
                               charges=[f"{crime}罪"], received_on=dt.date(2025, 1, 1) + dt.timedelta(days=number),
                               evidence=[], events=[]))
    services.cases.import_cases(services.actor, cases)
    yield services
    services.close()
    if server:
        server.drop_database(target)


def test_model_passes_the_qt_model_checks(qtbot: QtBot, register: Services) -> None:
    model = CaseTableModel(register.cases)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == CASES
    model.sort(COL_CASE_NO, Qt.SortOrder.AscendingOrder)
    model.set_filters(CaseQuery(text="诈骗"))
    assert model.rowCount() == CASES // 3
    model.set_filters(CaseQuery(text="不存在的案件"))
    assert model.rowCount() == 0


def test_rows_show_the_case_fields(register: Services) -> None:
    model = CaseTableModel(register.cases, CaseQuery(sort="case_no", descending=False))
    assert model.index(0, COL_CASE_NO).data() == "京朝检刑诉〔2026〕000号"
    assert model.index(0, COL_TITLE).data() == "被告人000盗窃案"
    assert model.index(0, COL_RECEIVED).data() == "2025-01-01"
    assert model.index(1, COL_CHARGES).data() == "诈骗罪"
    assert model.index(2, COL_CASE_NO).data(CASE_NO_ROLE) == "京朝检刑诉〔2026〕002号"
    assert model.headerData(COL_TITLE, Qt.Orientation.Horizontal) == "案件名称"


def test_only_the_blocks_on_screen_are_fetched(qtbot: QtBot, register: Services) -> None:
    model = CaseTableModel(register.cases)
    view = QTableView()
    qtbot.addWidget(view)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setModel(model)
    view.resize(800, 400)
    with qtbot.waitExposed(view):
        view.show()
    qtbot.waitUntil(lambda: model.loaded_blocks == [0])
    assert model.fetches == 1

    view.scrollToBottom()
    qtbot.waitUntil(lambda: (CASES - 1) // BLOCK_SIZE in model.loaded_blocks)
    assert 1 not in model.loaded_blocks, "the middle of the register was never on screen"
    assert model.fetches == 2


def test_clicking_a_header_sorts_in_the_database(qtbot: QtBot, register: Services) -> None:
    model = CaseTableModel(register.cases)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.resize(900, 300)
    with qtbot.waitExposed(view):
        view.show()
    header = view.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    click(COL_TITLE)
    first = model.query.descending
    assert model.query.sort == "title"
    titles = [model.index(row, COL_TITLE).data() for row in range(CASES)]
    assert titles == sorted(titles, reverse=first)

    click(COL_TITLE)
    assert model.query.sort == "title" and model.query.descending is not first
    titles = [model.index(row, COL_TITLE).data() for row in range(CASES)]
    assert titles == sorted(titles, reverse=not first)


@pytest.mark.usefixtures("db_target")
def test_a_changed_case_is_read_again_without_re_running_the_query(qtbot: QtBot, services: Services) -> None:
    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕1号", title="张某某盗窃案"))
    model = CaseTableModel(services.cases)
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    assert model.index(0, COL_TITLE).data() == "张某某盗窃案"
    case = services.cases.get("京朝检刑诉〔2026〕1号")
    case.title = "张某某盗窃、诈骗案"
    services.cases.update(services.actor, case.case_no, case)

    model.invalidate_case(case.case_no)
    assert changed == [0]
    assert model.index(0, COL_TITLE).data() == "张某某盗窃、诈骗案"
    assert model.fetches == 2
