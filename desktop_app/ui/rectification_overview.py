"""Every stored rectification line across cases, for a team lead following up who still has to fix what.

The lines are those stored when a case's 整改清单 was last derived; they are listed the earliest due first,
overdue ones in red, and can be narrowed by status, owner and case and handed on as an Excel workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.rectification import RECTIFICATION_STATUSES
from desktop_app.services.container import Services
from desktop_app.services.rectifications import RectificationRow
from desktop_app.ui.collation import sorted_for_display
from desktop_app.ui.export_dialogs import show_info
from desktop_app.ui.labels import tr_label
from desktop_app.ui.layout import fit_to_screen
from desktop_app.ui.rectification_panel import OVERDUE_COLOUR, SECONDARY_COLOUR, STATUS_COLOURS, is_overdue
from desktop_app.ui.row_table_model import RowTableModel, configure_row_view
from desktop_app.ui.workers import CancelledFn, Job, ProgressFn, run_in_background

ModelIndex = QModelIndex | QPersistentModelIndex

#: As in the case's tab: the problem in words, its id only as a grey detail at the end.
COLUMNS = (
    QT_TRANSLATE_NOOP("rectification_overview", "案号"),
    QT_TRANSLATE_NOOP("rectification_overview", "案件名称"),
    QT_TRANSLATE_NOOP("rectification_overview", "问题"),
    QT_TRANSLATE_NOOP("rectification_overview", "分类"),
    QT_TRANSLATE_NOOP("rectification_overview", "依据"),
    QT_TRANSLATE_NOOP("rectification_overview", "责任人"),
    QT_TRANSLATE_NOOP("rectification_overview", "整改期限"),
    QT_TRANSLATE_NOOP("rectification_overview", "状态"),
    QT_TRANSLATE_NOOP("rectification_overview", "不予整改理由"),
    QT_TRANSLATE_NOOP("rectification_overview", "备注"),
    QT_TRANSLATE_NOOP("rectification_overview", "编号"),
)
(COL_CASE_NO, COL_TITLE, COL_PROBLEM, COL_HEADING, COL_BASIS, COL_OWNER, COL_DUE, COL_STATUS, COL_REASON, COL_NOTE,
 COL_KEY) = range(len(COLUMNS))
WORKBOOK_FILTER = QT_TRANSLATE_NOOP("rectification_overview", "Excel 工作簿 (*.xlsx)")


def choose_save_file(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> Path | None:
    """Ask where to save; a module attribute so tests can answer without a dialog."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(chosen) if chosen else None


class OverviewModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([QCoreApplication.translate("rectification_overview", text) for text in COLUMNS], parent)
        self._today = dt.date.today()

    def set_rows(self, rows: Sequence[RectificationRow], today: dt.date) -> None:
        self._today = today
        self.replace_rows(rows)

    def rows(self) -> list[RectificationRow]:
        return list(self._rows)

    def line(self, row: int) -> RectificationRow:
        return self.row_at(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_DUE and is_overdue(row, self._today):
                return self.tr("已逾期，尚未整改")
            if column == COL_PROBLEM:
                return self.tr("{0}\n编号：{1}").format(row.problem, row.key)
            return self._display(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_KEY:
                return QBrush(QColor(SECONDARY_COLOUR))
            if column == COL_STATUS:
                return QBrush(QColor(STATUS_COLOURS.get(row.status, "#000000")))
            if column == COL_DUE and is_overdue(row, self._today):
                return QBrush(QColor(OVERDUE_COLOUR))
        return None

    def _display(self, row: RectificationRow, column: int) -> str:
        due = row.due.isoformat() if row.due else ""
        values = (row.case_no, row.case_title, row.problem, row.heading, row.basis, row.owner, due,
                  tr_label(row.status_label), row.reason, row.note, row.key)
        return values[column]


class RectificationOverview(QDialog):
    """Emits `openCase(case_no)` on a double-click or Enter on a line."""

    openCase = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.export_job: Job | None = None
        self.setWindowTitle(self.tr("整改清单汇总"))

        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("全部"), "")
        for code, label in RECTIFICATION_STATUSES.items():
            self.status_combo.addItem(tr_label(label), code)
        self.owner_combo = QComboBox()
        self.owner_combo.setMinimumContentsLength(6)
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.department_combo = QComboBox()
        self.prosecutor_combo = QComboBox()
        for combo in (self.department_combo, self.prosecutor_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText(self.tr("案号或案件名称中的文字"))
        self.case_edit.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        filters = QHBoxLayout()
        for text, widget in ((self.tr("状态(&S)："), self.status_combo), (self.tr("承办部门(&D)："), self.department_combo),
                             (self.tr("承办检察官(&P)："), self.prosecutor_combo), (self.tr("责任人(&O)："), self.owner_combo),
                             (self.tr("案件(&C)："), self.case_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.case_edit else 0)
            filters.addSpacing(8)
        filters.addWidget(self.refresh_button)

        self.summary = QLabel()
        self.model = OverviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        configure_row_view(self.view, ((COL_CASE_NO, 170), (COL_TITLE, 120), (COL_PROBLEM, 230),
                                       (COL_HEADING, 64), (COL_BASIS, 150), (COL_OWNER, 64), (COL_DUE, 92),
                                       (COL_STATUS, 72), (COL_REASON, 110)))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.export_button = QPushButton(self.tr("导出 Excel(&E)…"))
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        hint = QLabel(self.tr("每件案件的整改清单随案件和检查记录的修改自动生成。双击一行打开该案件。"))
        hint.setStyleSheet("color: #757575;")
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, 1280, 640)

        self.status_combo.currentIndexChanged.connect(self.apply_filters)
        self.owner_combo.currentIndexChanged.connect(self.apply_filters)
        self.department_combo.currentIndexChanged.connect(self.apply_filters)
        self.prosecutor_combo.currentIndexChanged.connect(self.apply_filters)
        self.case_edit.textChanged.connect(self.apply_filters)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.view.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open_index(self.view.currentIndex()))
        self.refresh()

    def set_status_filter(self, status: str) -> None:
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(status), 0))

    def set_owner_filter(self, owner: str) -> None:
        self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(owner), 0))

    @Slot()
    def refresh(self) -> None:
        """Re-read the owners offered and the lines (after cases were inspected or lines edited)."""
        _fill(self.owner_combo, {r.owner for r in self.services.rectifications.rows() if r.owner})
        _fill(self.department_combo, self.services.cases.distinct_values("department"))
        _fill(self.prosecutor_combo, self.services.cases.distinct_values("prosecutor"))
        self.apply_filters()

    @Slot()
    def apply_filters(self) -> None:
        rows = self.services.rectifications.rows(
            status=str(self.status_combo.currentData() or "") or None,
            owner=str(self.owner_combo.currentData() or "") or None,
            department=str(self.department_combo.currentData() or "") or None,
            prosecutor=str(self.prosecutor_combo.currentData() or "") or None)
        text = self.case_edit.text().strip()
        if text:
            rows = [r for r in rows if text in r.case_no or text in r.case_title]
        today = self.services.derived.today()
        self.model.set_rows(rows, today)
        pending = sum(1 for r in rows if r.status == "pending")
        overdue = sum(1 for r in rows if is_overdue(r, today))
        cases = len({r.case_no for r in rows})
        self.summary.setText(
            self.tr("{0} 件案件，共 {1} 项；待整改 {2} 项，其中已逾期 {3} 项").format(
                cases, len(rows), pending, overdue
            )
        )
        self.export_button.setEnabled(bool(rows))

    @Slot()
    def export(self) -> Job | None:
        """Write the lines shown to a workbook, in the background."""
        rows = self.model.rows()
        if not rows:
            return None
        path = choose_save_file(
            self,
            self.tr("导出整改清单"),
            str(Path.home() / self.tr("整改清单.xlsx")),
            QCoreApplication.translate("rectification_overview", WORKBOOK_FILTER),
        )
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(f"{path.name}.xlsx")

        def write(_progress: ProgressFn, _cancelled: CancelledFn) -> Path:
            from desktop_app.reports.excel_rectification import write_rectification_workbook

            return write_rectification_workbook(rows, path)

        self.export_job = run_in_background(
            self,
            self.tr("正在导出整改清单…"),
            write,
            title=self.tr("导出整改清单"),
            on_success=lambda written: show_info(
                self,
                self.tr("导出完成"),
                self.tr("已导出 {0} 项整改事项：\n{1}").format(len(rows), written),
                written.parent,
            ),
        )
        return self.export_job

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openCase.emit(self.model.line(index.row()).case_no)


def _fill(combo: QComboBox, values: Iterable[str]) -> None:
    """Offer 全部 and `values` in Chinese order, keeping the current choice (even when it is no longer among them)."""
    chosen = str(combo.currentData() or "")
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(QCoreApplication.translate("rectification_overview", "全部"), "")
    for value in sorted_for_display(values):
        combo.addItem(value, value)
    if chosen and combo.findData(chosen) < 0:
        combo.addItem(chosen, chosen)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)
