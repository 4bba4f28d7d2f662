"""A stopped clock is shown as stopped (board and case workspace), and a missing holiday calendar is announced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core.case import Event
from desktop_app.core.deadlines import compute_deadlines
from desktop_app.services.container import Services, open_services
from desktop_app.ui.deadline_board import COL_CASE_NO, COL_DAYS, COL_STATUS, DeadlineBoard
from desktop_app.ui.flags_panel import FlagsPanel
from tests.factories import make_case
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

# "Today" is 2026-03-20. Received 2026-03-02 in custody: due 2026-04-02; returned 2026-03-10, not resubmitted.
SUSPENDED = "京朝检刑诉〔2026〕21号"
RUNNING = "京朝检刑诉〔2026〕22号"  # received 2026-03-10: due 2026-04-10, 21 days left


def _cases(services: Services) -> None:
    services.cases.create(services.actor, make_case(
        SUSPENDED, received_on=dt.date(2026, 3, 2),
        events=[Event("returned_for_investigation", dt.date(2026, 3, 10))]))
    services.cases.create(services.actor, make_case(RUNNING, received_on=dt.date(2026, 3, 10)))


def test_board_shows_a_suspended_period_as_suspended_last_and_counts_it(qtbot: QtBot, services: Services) -> None:
    _cases(services)
    board = DeadlineBoard(services)
    qtbot.addWidget(board)
    rows = [(board.model.index(r, COL_CASE_NO).data(), board.model.index(r, COL_STATUS).data(),
             board.model.index(r, COL_DAYS).data()) for r in range(board.model.rowCount())]
    review_rows = [row for row in rows if row[0] in (SUSPENDED, RUNNING)]
    assert review_rows[-1] == (SUSPENDED, "已中止（退回补充侦查期间）", "期限中止")
    assert (RUNNING, "进行中", "剩 21 天") in review_rows
    assert "已中止 1 项" in board.summary.text()
    board.set_status_filter("suspended")
    assert [board.model.index(r, COL_CASE_NO).data() for r in range(board.model.rowCount())] == [SUSPENDED]
    board.set_status_filter("overdue")
    assert SUSPENDED not in [board.model.index(r, COL_CASE_NO).data() for r in range(board.model.rowCount())]


def test_case_workspace_panel_never_shows_suspended_as_running(qtbot: QtBot, services: Services) -> None:
    case = make_case(SUSPENDED, received_on=dt.date(2026, 3, 2),
                     events=[Event("returned_for_investigation", dt.date(2026, 3, 10))])
    panel = FlagsPanel()
    qtbot.addWidget(panel)
    panel.set_results([], compute_deadlines(case, dt.date(2026, 3, 20), services.context.calendar))
    texts = [panel.deadline_table.topLevelItem(0).text(c) for c in range(4)]
    assert texts[2] == "已中止（退回补充侦查期间）" and texts[3] == "期限中止"


def test_main_window_warns_from_november_that_next_year_has_no_calendar(qtbot: QtBot, tmp_path: Path) -> None:
    # The shipped calendar ends with 2026: on 2026-11-02 the 2027 calendar is missing; on 2026-10-31 not yet.
    for today, warned in ((dt.date(2026, 11, 2), True), (dt.date(2026, 10, 31), False)):
        opened = open_services(str(tmp_path / f"{today}.db"), today=lambda today=today: today)
        try:
            main = open_main_window(qtbot, opened, activate=False)
            label = main.calendar_warning_label
            assert label.isVisibleTo(main) is warned
            if warned:
                assert "2027" in label.text() and "导入节假日历" in label.text()
                assert "国务院办公厅" in label.toolTip()
            main.close()
        finally:
            opened.close()
