"""类案比对: the case among its peer group as a scatter plot (涉案数额 against comparable months), with the band.

The peer group is the one screening gave the case (same charge, amount bracket and circumstances, coarsened
until big enough); the case is drawn large and red, the median and the band edges as lines, and the peers are
listed beside the chart so a double click opens one.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.risk.sentencing import PeerGroup, Screening, SentencingRow
from desktop_app.services.cases import CaseQuery
from desktop_app.services.risk import RiskService


class PeerComparison(QWidget):
    openCase = Signal(str)

    def __init__(self, risk: RiskService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.risk = risk
        self._screening: Screening | None = None
        self.group: PeerGroup | None = None
        self.case_no = ""
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumSize(420, 320)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("案号"), self.tr("折合月数"), self.tr("涉案数额（元）"), self.tr("量刑情节")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.openCase.emit(self.table.item(row, 0).text()))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.chart_view)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def screening(self) -> Screening:
        """Screened once per workspace: the groups of every sentenced case in the register."""
        if self._screening is None:
            self._screening = self.risk.screening(CaseQuery())
        return self._screening

    def set_case(self, case_no: str) -> None:
        self.case_no = case_no
        screening = self.screening()
        self.group = group = screening.peers_of(case_no)
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.table.setRowCount(0)
        if group is None:
            self.summary.setText(self.tr("本案没有足够的同类案件可供比对（同罪名案件不足设定的最少件数），或缺少判处刑罚/量刑建议。"))
            return
        own = next(r for r in group.members if r.case_no == case_no)
        outlier = next((o for o in screening.outliers if o.case_no == case_no), None)
        verdict = (
            self.tr("<b style='color:#d32f2f;'>离群：</b>{0}").format(outlier.reason)
            if outlier
            else self.tr("本案在同类案件的正常范围内。")
        )
        self.summary.setText(
            self.tr("同类案件组：{0}（{1} 件），中位数 {2:g} 个月，范围 {3:.1f}–{4:.1f} 个月。{5}").format(
                group.label, len(group.members), group.median, max(group.low, 0), group.high, verdict
            )
        )
        self._draw(group, own)
        peers = sorted(group.members, key=lambda r: (r.case_no != case_no, -r.value_months))
        self.table.setRowCount(len(peers))
        for row, peer in enumerate(peers):
            values = (peer.case_no, f"{peer.value_months:g}", "" if peer.amount is None else f"{peer.amount:,.0f}",
                      "、".join(peer.circumstances))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if peer.case_no == case_no:
                    item.setBackground(QColor("#ffcdd2"))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def _draw(self, group: PeerGroup, own: SentencingRow) -> None:
        peers = QScatterSeries()
        peers.setName(self.tr("同类案件"))
        peers.setMarkerSize(8)
        peers.setColor(QColor("#1565c0"))
        for index, row in enumerate(group.members):
            if row.case_no != own.case_no:
                peers.append(QPointF(_x(row, index), row.value_months))
        mine = QScatterSeries()
        mine.setName(self.tr("本案"))
        mine.setMarkerSize(16)
        mine.setColor(QColor("#d32f2f"))
        mine.append(QPointF(_x(own, group.members.index(own)), own.value_months))
        xs = [_x(r, i) for i, r in enumerate(group.members)]
        low_x, high_x = min(xs), max(xs)
        series = [peers, mine]
        for name, value, colour in ((self.tr("中位数"), group.median, "#424242"), (self.tr("上限"), group.high, "#ef6c00"),
                                    (self.tr("下限"), max(group.low, 0.0), "#ef6c00")):
            line = QLineSeries()
            line.setName(name)
            line.setPen(QPen(QColor(colour), 1.5, Qt.PenStyle.DashLine))
            line.append(low_x, value)
            line.append(high_x, value)
            series.append(line)
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setTitleText(self.tr("涉案数额（元）") if own.amount is not None else self.tr("序号"))
        x_axis.setLabelFormat("%.0f")
        y_axis.setTitleText(self.tr("折合月数"))
        y_axis.setRange(0, max(max(r.value_months for r in group.members), group.high) * 1.1 + 1)
        x_axis.setRange(low_x - (high_x - low_x) * 0.05 - 1, high_x + (high_x - low_x) * 0.05 + 1)
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for item in series:
            self.chart.addSeries(item)
            item.attachAxis(x_axis)
            item.attachAxis(y_axis)
        self.chart.setTitle(self.tr("类案比对：{0}").format(group.key[0]))


def _x(row: SentencingRow, index: int) -> float:
    return row.amount if row.amount is not None else float(index)
