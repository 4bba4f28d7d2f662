"""The deadline board: every statutory period still running, across all cases, the most urgent first.

A prosecutor opens the program in the morning to see what is overdue or due within three days, so the rows are
coloured by status and a double-click (or Enter) opens the case.
"""

from __future__ import annotations

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
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.results import DEADLINE_STATUSES
from desktop_app.services.board import BOARD_STATUSES, BoardRow, board_counts, deadline_board
from desktop_app.services.container import Services
from desktop_app.ui.labels import tr_label
from desktop_app.ui.row_table_model import RowTableModel, configure_row_view

ModelIndex = QModelIndex | QPersistentModelIndex

HEADERS = (
    QT_TRANSLATE_NOOP("deadline_board", "剩余天数"),
    QT_TRANSLATE_NOOP("deadline_board", "状态"),
    QT_TRANSLATE_NOOP("deadline_board", "期限"),
    QT_TRANSLATE_NOOP("deadline_board", "截止日期"),
    QT_TRANSLATE_NOOP("deadline_board", "起算日期"),
    QT_TRANSLATE_NOOP("deadline_board", "案号"),
    QT_TRANSLATE_NOOP("deadline_board", "案件名称"),
    QT_TRANSLATE_NOOP("deadline_board", "承办检察官"),
    QT_TRANSLATE_NOOP("deadline_board", "法律依据"),
)
(COL_DAYS, COL_STATUS, COL_NAME, COL_DUE, COL_START, COL_CASE_NO, COL_TITLE, COL_PROSECUTOR,
 COL_BASIS) = range(len(HEADERS))

#: Background and text colours per status: red for overdue, amber for due soon, green for running.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "overdue": ("#f8d7da", "#842029"),
    "due_soon": ("#fff3cd", "#664d03"),
    "open": ("#e7f4ea", "#0f5132"),
    "suspended": ("#eceff1", "#37474f"),
}


def days_left_text(days: int) -> str:
    if days < 0:
        return QCoreApplication.translate("deadline_board", "超期 {0} 天").format(-days)
    if days == 0:
        return QCoreApplication.translate("deadline_board", "今天到期")
    return QCoreApplication.translate("deadline_board", "剩 {0} 天").format(days)


class DeadlineBoardModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([QCoreApplication.translate("deadline_board", text) for text in HEADERS], parent)

    def set_rows(self, rows: list[BoardRow]) -> None:
        self.replace_rows(rows)

    def board_row(self, row: int) -> BoardRow:
        return self.row_at(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLOURS[row.status][0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATUS_COLOURS[row.status][1]))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_NAME, COL_BASIS, COL_TITLE):
            return f"{row.name}\n{row.legal_basis}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: BoardRow, column: int) -> str:
        if row.status == "suspended":
            days = QCoreApplication.translate("DeadlineBoardModel", "期限中止")
        elif row.done_on is not None:
            days = QCoreApplication.translate("DeadlineBoardModel", "超期 {0} 天办结").format(-row.days_left)
        else:
            days = days_left_text(row.days_left)
        values = (days, tr_label(row.status_label), row.name, row.due.isoformat(),
                  row.start.isoformat(), row.case_no, row.title, row.prosecutor, row.legal_basis)
        return values[column]



class DeadlineBoard(QWidget):
    """Emits `openCase(case_no)` when a row is double-clicked or Enter is pressed on it."""

    openCase = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("全部"), "")
        for status in BOARD_STATUSES:
            self.status_combo.addItem(tr_label(DEADLINE_STATUSES[status]), status)
        self.summary = QLabel()
        self.model = DeadlineBoardModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        configure_row_view(self.view, ((COL_DAYS, 110), (COL_STATUS, 70), (COL_NAME, 150), (COL_DUE, 90),
                                       (COL_START, 90), (COL_CASE_NO, 200), (COL_TITLE, 220), (COL_PROSECUTOR, 80)))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("状态")))
        top.addWidget(self.status_combo)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.view.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_current)
        self.refresh()

    def status_filter(self) -> str:
        return self.status_combo.currentData() or ""

    def set_status_filter(self, status: str) -> None:
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(status), 0))

    @Slot()
    def refresh(self) -> None:
        """Re-read the running periods (after a case changed, or the day turned)."""
        status = self.status_filter()
        today = self.services.derived.today()
        rows = deadline_board(self.services.database, today, statuses={status} if status else None,
                              viewer=self.services.actor)
        self.model.set_rows(rows)
        counts = board_counts(self.services.database, today, viewer=self.services.actor)
        # Stopped clocks are counted apart, and only when there are any: they are not running out.
        self.summary.setText(
            "　".join(
                self.tr("{0} {1} 项").format(tr_label(DEADLINE_STATUSES[s]), counts[s])
                for s in BOARD_STATUSES
                if s != "suspended" or counts[s]
            )
        )

    @Slot()
    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._open_index(index)

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        self.openCase.emit(self.model.board_row(index.row()).case_no)
