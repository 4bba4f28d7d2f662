"""质量看板: it opens, fills from the background worker, a click on a bar drills into the register, and a tab
exports its numbers with a chart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCharts import QBarSeries, QPieSeries
from pytestqt.qtbot import QtBot

from desktop_app.services.container import Services
from desktop_app.ui.dashboard import DashboardDialog
from desktop_app.ui.main_window import MainWindow
from tests.factories import make_case
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[MainWindow]:
    services.cases.create(services.actor, make_case("A1号"))
    services.cases.create(services.actor, make_case("A2号"))
    services.cases.create(services.actor, make_case("B1号", prosecutor="王某"))
    yield open_main_window(qtbot, services)


def _opened(qtbot: QtBot, window: MainWindow) -> DashboardDialog:
    dialog = window.show_dashboard()
    assert dialog.stats is None and dialog.summary.text() == "正在统计…"  # counted in the worker, not on opening
    qtbot.waitUntil(lambda: dialog.stats is not None, timeout=10000)
    return dialog


def test_dashboard_fills_from_the_worker_and_a_bar_filters_the_register(qtbot: QtBot, window: MainWindow) -> None:
    assert window.dashboard_action in window.menuBar().actions()[2].menu().actions()
    dialog = _opened(qtbot, window)
    assert dialog.stats is not None and dialog.stats.cases == 3
    assert "共 3 件案件" in dialog.summary.text()
    pie = dialog.figures["grades"].chart.series()[0]
    assert isinstance(pie, QPieSeries) and sum(s.value() for s in pie.slices()) == 3
    bars = dialog.figures["by_prosecutor"].chart.series()[0]
    assert isinstance(bars, QBarSeries)
    bar_set = bars.barSets()[0]
    keys = dialog.figures["by_prosecutor"].keys
    assert sorted(keys) == ["李某", "王某"]
    with qtbot.waitSignal(dialog.showCases, timeout=10000):
        bar_set.clicked.emit(keys.index("李某"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)
    shown = {window.model.index(row, 0).data() for row in range(window.model.rowCount())}
    assert shown == {"A1号", "A2号"}
    assert window.tabs.currentIndex() == 0


def test_changing_a_filter_recounts_and_a_tab_exports_its_chart(qtbot: QtBot, window: MainWindow,
                                                                tmp_path: Path) -> None:
    dialog = _opened(qtbot, window)
    with qtbot.waitSignal(dialog.refreshed, timeout=10000):
        dialog.prosecutor.setCurrentIndex(dialog.prosecutor.findData("王某"))
    assert dialog.stats is not None and dialog.stats.cases == 1
    out = dialog.export("grades", tmp_path / "grades.xlsx")
    assert out is not None
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["等次分布"]
    assert len(workbook["等次分布"]._charts) == 1
    assert sum(row[1].value for row in workbook["等次分布"].iter_rows(min_row=2)) == 1


def test_every_chart_is_filled_when_the_dashboard_says_it_is(qtbot: QtBot, window: MainWindow) -> None:
    """The charts are filled over several event-loop turns; `stats` and `refreshed` come only after the last."""
    dialog = window.show_dashboard()
    with qtbot.waitSignal(dialog.refreshed, timeout=10000):
        pass
    assert dialog.stats is not None
    assert all(tab.chart.series() for tab in dialog.figures.values())
    assert dialog.period_table.rowCount() == len(dialog.stats.periods.periods)
