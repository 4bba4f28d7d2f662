"""质量看板: where quality slips, for a team lead — grades, scores by prosecutor and case type, the monthly trend, the
most-failed items and flags, periods at risk and 整改 completion, each a QtCharts chart.

The figures come from `StatsService` in a background job, so the window keeps painting on 100,000 cases; a result
that arrives after the filters changed again is dropped, and the charts are filled one per event-loop turn so no
single turn holds the window long. Clicking a bar or slice asks the service for the register
filter of exactly the cases it counted and emits it as `showCases`; each tab exports its numbers to Excel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.results import DEADLINE_STATUSES
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.services.stats import DashboardStats, StatsFilters, stats_service
from desktop_app.ui import rectification_overview
from desktop_app.ui.labels import tr_label
from desktop_app.ui.stats_filters import StatsFilterBar, register_choices
from desktop_app.ui.workers import run_in_background

#: Long item questions are cut on the axis; the full text is in the exported table.
AXIS_LABEL_CHARS = 18
#: Bars carry their value as a label only up to this many: beyond it the labels overlap unreadably, and laying out
#: one per bar (374 prosecutors on 100,000 cases) held the window for a quarter of a second.
LABELLED_BARS = 40


def _short(text: str) -> str:
    return text if len(text) <= AXIS_LABEL_CHARS else text[:AXIS_LABEL_CHARS - 1] + "…"


class FigureTab(QWidget):
    """One chart with its 导出 button; `clicked(key)` when a bar or slice is clicked. The chart is made when first
    used (when it is filled), so opening the dashboard does not build eight charts in one go."""

    clicked = Signal(str)

    def __init__(self, figure: str, export: Callable[[str], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.keys: list[str] = []
        self._chart: QChart | None = None
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(lambda: export(figure))
        self.body = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_button)
        self.body.addLayout(row)

    @property
    def chart(self) -> QChart:
        if self._chart is None:
            self._chart = QChart()
            self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            view = QChartView(self._chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.body.insertWidget(0, view, 1)
        return self._chart

    def _reset(self, keys: list[str]) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.keys = keys

    def show_pie(self, slices: list[tuple[str, str, int]]) -> None:
        """(key, label, count) per slice; empty slices are left out so their labels do not overlap."""
        shown = [s for s in slices if s[2]]
        self._reset([key for key, _, _ in shown])
        series = QPieSeries()
        for index, (_key, label, count) in enumerate(shown):
            piece = series.append(f"{label} {count}", count)
            piece.setLabelVisible(True)
            piece.clicked.connect(lambda index=index: self.clicked.emit(self.keys[index]))
        self.chart.addSeries(series)

    def show_bars(self, bars: list[tuple[str, str, float]], name: str, *, horizontal: bool = False,
                  line: list[float | None] | None = None, line_name: str = "", scores: bool = False) -> None:
        """(key, label, value) per bar (`scores`: mean scores, else counts); `line` draws a second figure over the same
        categories on its own axis."""
        self._reset([key for key, _, _ in bars])
        bar_set = QBarSet(name)
        for _key, _label, value in bars:
            bar_set.append(float(value))
        bar_set.clicked.connect(lambda index: self.clicked.emit(self.keys[index]))
        series: QBarSeries | QHorizontalBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(len(bars) <= LABELLED_BARS)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([_short(label) for _, label, _ in bars] or [""])
        values = QValueAxis()
        values.setMin(0)
        values.setMax(max([v for _, _, v in bars] or [1]) * 1.15 or 1)
        values.setLabelFormat("%d" if not line_name and not scores else "%.0f")
        category_side, value_side = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom) if horizontal
                                     else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))
        self.chart.addAxis(categories, category_side)
        self.chart.addAxis(values, value_side)
        series.attachAxis(categories)
        series.attachAxis(values)
        if line is not None:
            trend = QLineSeries()
            trend.setName(line_name)
            for index, point in enumerate(line):
                if point is not None:
                    trend.append(QPointF(index, point))
            self.chart.addSeries(trend)
            scores = QValueAxis()
            scores.setRange(0, 100)
            self.chart.addAxis(scores, Qt.AlignmentFlag.AlignRight)
            trend.attachAxis(categories)
            trend.attachAxis(scores)


class DashboardDialog(QDialog):
    """视图 → 质量看板. `showCases(CaseQuery)` asks the main window to show those cases in the register."""

    showCases = Signal(object)
    #: Emitted after each completed refresh (tests and the status line wait on it).
    refreshed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("质量看板"))
        self.resize(1100, 720)
        self.services = services
        self.service = stats_service(services)
        self.stats: DashboardStats | None = None
        self._generation = 0
        self.filter_bar = StatsFilterBar(services, load_choices=False)
        self._choices_loaded = False
        bar = self.filter_bar
        self.date_from, self.date_to = bar.date_from, bar.date_to
        self.department, self.prosecutor, self.case_type = bar.department, bar.prosecutor, bar.case_type
        self.kind, self.scheme = bar.kind, bar.scheme
        self.summary = QLabel(self.tr("正在统计…"))
        bar.changed.connect(self.refresh)
        self.tabs = QTabWidget()
        self.figures: dict[str, FigureTab] = {}
        for figure, title in (("grades", self.tr("等次分布")), ("by_prosecutor", self.tr("检察官平均分")),
                              ("by_case_type", self.tr("案件类型平均分")), ("trend", self.tr("按月趋势")),
                              ("failed_items", self.tr("不符合最多的检查项")), ("flags", self.tr("常见风险提示")),
                              ("periods", self.tr("期限预警")), ("rectifications", self.tr("整改完成情况"))):
            tab = FigureTab(figure, self.export)
            tab.clicked.connect(lambda key, figure=figure: self.drill(figure, key))
            self.figures[figure] = tab
            self.tabs.addTab(tab, title)
        self.period_table = QTableWidget(0, 6)
        self.period_table.setHorizontalHeaderLabels([self.tr("案号"), self.tr("承办检察官"), self.tr("期限"),
                                                     self.tr("届满日"), self.tr("剩余天数"), self.tr("状态")])
        self.period_table.cellDoubleClicked.connect(self._period_row_opened)
        self.figures["periods"].body.insertWidget(0, self.period_table)  # the chart goes above it when made
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def filters(self) -> StatsFilters:
        return self.filter_bar.filters()

    @Slot()
    def refresh(self) -> None:
        """Recount in the background; only the answer to the latest filters is shown."""
        self._generation += 1
        generation, filters = self._generation, self.filters()
        today, viewer = self.services.derived.today(), self.services.actor
        self.summary.setText(self.tr("正在统计…"))

        load_choices = not self._choices_loaded

        def job(_progress: Any, _cancelled: Any) -> tuple[DashboardStats, tuple[list[str], list[str]] | None]:
            choices = register_choices(self.services) if load_choices else None
            return self.service.dashboard(filters, today, viewer), choices

        run_in_background(self, self.tr("正在统计质量看板…"), job,
                          on_success=lambda result: self._show(generation, *result))

    def _show(self, generation: int, stats: DashboardStats,
              choices: tuple[list[str], list[str]] | None = None) -> None:
        """Fill the charts of the latest answer one per event-loop turn, the visible tab first, so the window
        repaints and answers between them; `stats` is set and `refreshed` emitted once every chart is filled."""
        if choices is not None and not self._choices_loaded:
            self.filter_bar.set_choices(*choices)
            self._choices_loaded = True
        if generation != self._generation:
            return
        periods = stats.periods
        self.summary.setText(self.tr("共 {0} 件案件；期限已超期 {1} 个、即将到期 {2} 个")
                             .format(stats.cases, periods.overdue, periods.due_soon))
        charts = self._chart_steps(stats)
        visible = charts.pop(list(self.figures)[self.tabs.currentIndex()])
        self._step(generation, stats, [visible, *charts.values(), lambda: self._list_periods(stats)])

    def _step(self, generation: int, stats: DashboardStats, steps: list[Callable[[], None]]) -> None:
        """Run the first step and leave the rest for the next turn; a newer refresh drops what is left."""
        if generation != self._generation:
            return
        if not steps:
            self.stats = stats
            self.refreshed.emit()
            return
        steps[0]()
        QTimer.singleShot(0, lambda: self._step(generation, stats, steps[1:]))

    def _chart_steps(self, stats: DashboardStats) -> dict[str, Callable[[], None]]:
        """What fills each tab's chart from `stats`, by figure."""
        tabs, periods = self.figures, stats.periods
        mean, cases = self.tr("平均分"), self.tr("案件数")
        return {
            "grades": lambda: tabs["grades"].show_pie([(b.key, b.label, b.count) for b in stats.grades]),
            "by_prosecutor": lambda: tabs["by_prosecutor"].show_bars(
                [(m.key, m.label, m.mean_score or 0) for m in stats.by_prosecutor], mean, scores=True),
            "by_case_type": lambda: tabs["by_case_type"].show_bars(
                [(m.key, tr_label(m.label), m.mean_score or 0) for m in stats.by_case_type], mean, scores=True),
            "trend": lambda: tabs["trend"].show_bars([(t.month, t.month, t.cases) for t in stats.trend], cases,
                                                     line=[t.mean_score for t in stats.trend], line_name=mean),
            "failed_items": lambda: tabs["failed_items"].show_bars(
                [(f.item_id, f.question, f.cases) for f in reversed(stats.failed_items)], cases, horizontal=True),
            "flags": lambda: tabs["flags"].show_bars([(f.rule, f.title, f.cases) for f in reversed(stats.flags)],
                                                     cases, horizontal=True),
            "periods": lambda: tabs["periods"].show_bars(
                [("overdue", tr_label(DEADLINE_STATUSES["overdue"]), periods.overdue),
                 ("due_soon", tr_label(DEADLINE_STATUSES["due_soon"]), periods.due_soon)], self.tr("期限数")),
            "rectifications": lambda: tabs["rectifications"].show_pie(
                [(b.key, tr_label(b.label), b.count) for b in stats.rectifications]),
        }

    def _list_periods(self, stats: DashboardStats) -> None:
        periods = stats.periods.periods
        self.period_table.setRowCount(len(periods))
        for row, period in enumerate(periods):
            for column, value in enumerate((period.case_no, period.prosecutor, period.name, period.due.isoformat(),
                                            str(period.days_left), tr_label(DEADLINE_STATUSES[period.status]))):
                self.period_table.setItem(row, column, QTableWidgetItem(value))

    def drill(self, figure: str, key: str) -> None:
        """The register filter of the clicked bar, worked out in the background (it may list many cases)."""
        filters, today, viewer = self.filters(), self.services.derived.today(), self.services.actor

        def job(_progress: Any, _cancelled: Any) -> CaseQuery:
            return self.service.drill(filters, figure, key, today, viewer)

        run_in_background(self, self.tr("正在查找案件…"), job, on_success=self.showCases.emit)

    @Slot(int, int)
    def _period_row_opened(self, row: int, _column: int) -> None:
        item = self.period_table.item(row, 0)
        if item is not None:
            self.showCases.emit(CaseQuery(case_nos=(item.text(),)))

    def export(self, figure: str, path: Path | None = None) -> Path | None:
        """This tab's numbers (期限预警 with its list) to a workbook with the same chart."""
        if self.stats is None:
            return None
        if path is None:
            title = self.tabs.tabText(list(self.figures).index(figure))
            path = rectification_overview.choose_save_file(self, self.tr("导出统计"),
                                                           self.tr("质量看板_{0}_{1}.xlsx").format(title, dt.date.today()),
                                                           rectification_overview.WORKBOOK_FILTER)
        if path is None:
            return None
        only = {figure, "period_list"} if figure == "periods" else {figure}
        from desktop_app.reports.excel_stats import write_stats_workbook  # openpyxl loads only for a workbook

        write_stats_workbook(self.stats, path, only)
        self.summary.setText(self.summary.text() + self.tr("　已导出到 {0}").format(path))
        return path
