"""考核与负面清单: per-prosecutor figures over a period, and the flawed cases, marked, filtered and exported."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
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

from desktop_app.core.checklist_model import PROBLEM_HEADINGS
from desktop_app.core.results import SEVERITIES
from desktop_app.services.container import Services
from desktop_app.services.kaohe import KaoheReport, NegativeEntry, kaohe_report
from desktop_app.ui import rectification_overview
from desktop_app.ui.collation import sorted_for_display
from desktop_app.ui.labels import tr_label
from desktop_app.ui.stats_filters import StatsFilterBar

MARK_COLOURS = {"unqualified": "#f8cbad", "flawed": "#ffe699"}
GRADE_FILTERS = {
    "": QT_TRANSLATE_NOOP("kaohe_view", "全部等次"),
    "flawed": QT_TRANSLATE_NOOP("kaohe_view", "瑕疵/基本合格"),
    "unqualified": QT_TRANSLATE_NOOP("kaohe_view", "不合格"),
}


class KaoheDialog(QDialog):
    openCase = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("考核与负面清单"))
        self.resize(1100, 640)
        self.services = services
        self.report: KaoheReport | None = None
        today = services.derived.today()
        self.filter_bar = StatsFilterBar(services, ("department",), period=(dt.date(today.year, 1, 1), today))
        self.date_from, self.date_to = self.filter_bar.date_from, self.filter_bar.date_to
        self.department = self.filter_bar.department
        self.run_button = QPushButton(self.tr("统计(&S)"))
        self.run_button.clicked.connect(self.run)
        self.export_button = QPushButton(self.tr("导出 Excel(&X)…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        self.summary = QLabel()
        self.prosecutors = QTableWidget(0, 0)
        self.negative = QTableWidget(0, 7)
        self.negative.setHorizontalHeaderLabels(
            [
                self.tr("案号"),
                self.tr("案件名称"),
                self.tr("承办检察官"),
                self.tr("等次（2017）"),
                self.tr("等次（2026）"),
                self.tr("得分"),
                self.tr("问题及依据"),
            ]
        )
        self.negative.cellDoubleClicked.connect(lambda row, _c: self.openCase.emit(self.negative.item(row, 0).text()))
        self.prosecutor_filter = QComboBox()
        self.grade_filter = QComboBox()
        for code, label in GRADE_FILTERS.items():
            self.grade_filter.addItem(QCoreApplication.translate("kaohe_view", label), code)
        self.prosecutor_filter.currentIndexChanged.connect(self.apply_filters)
        self.grade_filter.currentIndexChanged.connect(self.apply_filters)
        for table in (self.prosecutors, self.negative):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.filter_bar.append(self.run_button, self.export_button)
        negative_page = QWidget()
        filters = QHBoxLayout()
        for widget in (QLabel(self.tr("检察官")), self.prosecutor_filter, QLabel(self.tr("等次")), self.grade_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        page_layout = QVBoxLayout(negative_page)
        page_layout.addLayout(filters)
        page_layout.addWidget(self.negative)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.prosecutors, self.tr("按检察官"))
        self.tabs.addTab(negative_page, self.tr("负面清单"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def period(self) -> tuple[dt.date, dt.date]:
        start, end = self.filter_bar.dates()
        assert start is not None and end is not None  # the bar's dates are required here
        return start, end

    def run(self) -> KaoheReport:
        start, end = self.period()
        report = kaohe_report(self.services, start, end, department=self.department.currentData() or None)
        self.report = report
        self.summary.setText(
            self.tr("{0} 至 {1}：{2} 名检察官，评查 {3} 件，负面清单 {4} 件。").format(
                start.isoformat(), end.isoformat(), len(report.prosecutors), report.cases, len(report.negative)
            )
        )
        self._fill_prosecutors(report)
        self.prosecutor_filter.blockSignals(True)
        self.prosecutor_filter.clear()
        self.prosecutor_filter.addItem(self.tr("全部检察官"), "")
        for name in sorted_for_display({e.prosecutor for e in report.negative}):
            self.prosecutor_filter.addItem(name, name)
        self.prosecutor_filter.blockSignals(False)
        self.apply_filters()
        self.export_button.setEnabled(True)
        return report

    def _fill_prosecutors(self, report: KaoheReport) -> None:
        headers = [
            self.tr("检察官"),
            self.tr("部门"),
            self.tr("评查案件数"),
            self.tr("优质"),
            self.tr("合格"),
            self.tr("瑕疵/基本合格"),
            self.tr("不合格"),
            self.tr("平均分"),
            *PROBLEM_HEADINGS,
            self.tr("整改完成率"),
            self.tr("期限超期"),
            *(tr_label(s) for s in SEVERITIES.values()),
        ]
        self.prosecutors.setColumnCount(len(headers))
        self.prosecutors.setHorizontalHeaderLabels(headers)
        self.prosecutors.setRowCount(len(report.prosecutors))
        for row, line in enumerate(report.prosecutors):
            rate = line.rectification_rate
            grades = line.grades["2017"]
            values = [line.prosecutor, line.department, line.cases,
                      *(grades[c] for c in ("excellent", "qualified", "flawed", "unqualified")), line.mean_score,
                      *(line.problems[h] for h in PROBLEM_HEADINGS), "—" if rate is None else f"{rate * 100:.0f}%",
                      line.periods_overdue, *(line.flags[c] for c in SEVERITIES)]
            for column, value in enumerate(values):
                self.prosecutors.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
        self.prosecutors.resizeColumnsToContents()

    def visible_entries(self) -> list[NegativeEntry]:
        if self.report is None:
            return []
        who, grade = self.prosecutor_filter.currentData() or "", self.grade_filter.currentData() or ""
        return [e for e in self.report.negative
                if (not who or e.prosecutor == who) and (not grade or e.grade_code == grade)]

    def apply_filters(self) -> None:
        entries = self.visible_entries()
        self.negative.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            problems = "\n".join(f"{text}（{basis}）" if basis else text for text, _heading, basis in entry.failures)
            values = [entry.case_no, entry.title, entry.prosecutor, entry.grades.get("2017", ""),
                      entry.grades.get("2026", ""), f"{entry.score:g}", problems]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setBackground(QColor(MARK_COLOURS[entry.grade_code]))
                if column == 6:
                    item.setToolTip(problems)
                self.negative.setItem(row, column, item)
        self.negative.resizeColumnsToContents()
        self.negative.setColumnWidth(6, 480)

    def export(self) -> None:
        if self.report is None:
            return
        start, end = self.period()
        path = rectification_overview.choose_save_file(
            self,
            self.tr("导出考核表"),
            self.tr("考核_{0}_{1}.xlsx").format(start, end),
            QCoreApplication.translate("rectification_overview", rectification_overview.WORKBOOK_FILTER),
        )
        if path is not None:
            from desktop_app.reports.excel_kaohe import write_kaohe_workbook  # openpyxl loads only for a workbook

            write_kaohe_workbook(self.report, path)
            self.summary.setText(self.summary.text() + self.tr("　已导出到 {0}").format(path))


