"""The deadline board: the most urgent period first, coloured by status, following edits, opening cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services.container import Services
from desktop_app.ui.deadline_board import (
    COL_CASE_NO,
    COL_DAYS,
    COL_DUE,
    COL_STATUS,
    STATUS_COLOURS,
    DeadlineBoard,
)
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workspace import CaseWorkspace
from tests.factories import make_case

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

# "Today" is 2026-03-20; a 审查起诉 case in custody must be decided one month after it is received.
OVERDUE = ("京朝检刑诉〔2026〕11号", dt.date(2026, 2, 1))  # due 03-01
DUE_SOON = ("京朝检刑诉〔2026〕12号", dt.date(2026, 2, 21))  # due 03-21
RUNNING = ("京朝检刑诉〔2026〕13号", dt.date(2026, 3, 10))  # due 04-10


@pytest.fixture
def three_periods(services: Services) -> Services:
    for case_no, received in (RUNNING, OVERDUE, DUE_SOON):
        services.cases.create(services.actor, make_case(case_no, received_on=received))
    return services


@pytest.fixture
def window(qtbot: QtBot, three_periods: Services) -> Iterator[MainWindow]:
    main = MainWindow(three_periods)
    qtbot.addWidget(main)
    main.resize(780, 560)  # inside the test screen, so clicks on the board reach it
    with qtbot.waitExposed(main):
        main.show()
    yield main


def column(board: DeadlineBoard, number: int) -> list[str]:
    return [board.model.index(row, number).data() for row in range(board.model.rowCount())]


def test_periods_are_listed_most_urgent_first_and_coloured_by_status(qtbot: QtBot, three_periods: Services) -> None:
    board = DeadlineBoard(three_periods)
    qtbot.addWidget(board)
    QAbstractItemModelTester(board.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert column(board, COL_CASE_NO) == [OVERDUE[0], DUE_SOON[0], RUNNING[0]]
    assert column(board, COL_DAYS) == ["超期 19 天", "剩 1 天", "剩 21 天"]
    assert column(board, COL_STATUS) == ["已超期", "即将到期", "进行中"]
    assert column(board, COL_DUE) == ["2026-03-01", "2026-03-21", "2026-04-10"]
    backgrounds = [board.model.index(row, COL_DAYS).data(Qt.ItemDataRole.BackgroundRole) for row in range(3)]
    assert all(isinstance(b, QBrush) for b in backgrounds)
    assert [b.color().name() for b in backgrounds] == [STATUS_COLOURS[s][0] for s in ("overdue", "due_soon", "open")]
    assert board.summary.text() == "已超期 1 项　即将到期 1 项　进行中 1 项"


def test_filter_by_status(qtbot: QtBot, three_periods: Services) -> None:
    board = DeadlineBoard(three_periods)
    qtbot.addWidget(board)
    board.status_combo.setCurrentIndex(board.status_combo.findText("即将到期"))
    assert column(board, COL_CASE_NO) == [DUE_SOON[0]]
    board.status_combo.setCurrentIndex(board.status_combo.findText("已超期"))
    assert column(board, COL_CASE_NO) == [OVERDUE[0]]
    board.status_combo.setCurrentIndex(board.status_combo.findText("全部"))
    assert len(column(board, COL_CASE_NO)) == 3
    assert board.summary.text() == "已超期 1 项　即将到期 1 项　进行中 1 项"


def test_board_follows_edits_and_archiving(qtbot: QtBot, window: MainWindow, three_periods: Services,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    board = window.board
    editor = window.edit_case(RUNNING[0])
    editor.received_edit.setDate(QDate(2026, 2, 10))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert column(board, COL_STATUS) == ["已超期", "已超期", "即将到期"]
    assert column(board, COL_DUE)[1] == "2026-03-10"

    window.filter_bar.search.setText("11号")
    window.filter_bar.search.returnPressed.emit()
    assert window.model.rowCount() == 1
    window.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.archive_action.trigger()
    assert OVERDUE[0] not in column(board, COL_CASE_NO)


def test_double_click_or_enter_opens_the_case(qtbot: QtBot, window: MainWindow) -> None:
    board = window.board
    rect = board.view.visualRect(board.model.index(1, COL_CASE_NO))
    # A real double-click starts with an ordinary press; QTest's double-click event alone lacks it.
    qtbot.mouseClick(board.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(board.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    workspace = window.tabs.currentWidget()
    assert isinstance(workspace, CaseWorkspace) and workspace.case_no == DUE_SOON[0]

    board.view.setFocus()
    board.view.setCurrentIndex(board.model.index(2, 0))
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(board.view, Qt.Key.Key_Return)
    workspace = window.tabs.currentWidget()
    assert isinstance(workspace, CaseWorkspace) and workspace.case_no == RUNNING[0]
    assert window.tabs.count() == 3
