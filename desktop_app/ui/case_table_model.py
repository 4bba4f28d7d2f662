"""The case register as a table model that stays smooth with 100,000 cases.

Only the ordered list of matching ids is held (one cheap query); the rows themselves are fetched when the view
paints them, a block of 200 at a time, and a handful of blocks are cached. Sorting and filtering re-run the
query in the database instead of sorting in memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop_app.services.cases import DUE_SOON_DAYS, CaseFiguresView, CaseQuery, CaseRow, CaseService
from desktop_app.ui.deadline_board import STATUS_COLOURS, days_left_text
from desktop_app.ui.labels import joined, tr_label

BLOCK_SIZE = 200
CACHE_BLOCKS = 12

CASE_NO_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    attribute: str
    header: str
    #: The `CaseQuery.sort` key, or None when the column cannot be sorted.
    sort: str | None


#: The figures come right after the name: a team lead reads 进度, 得分, 等次, 提示 and 期限 without scrolling.
COLUMNS: tuple[Column, ...] = (
    Column("case_no", QT_TRANSLATE_NOOP("case_table_model", "案号"), "case_no"),
    Column("title", QT_TRANSLATE_NOOP("case_table_model", "案件名称"), "title"),
    Column("progress", QT_TRANSLATE_NOOP("case_table_model", "检查进度"), "progress"),
    Column("score", QT_TRANSLATE_NOOP("case_table_model", "得分"), "score"),
    Column("grade", QT_TRANSLATE_NOOP("case_table_model", "拟评等次"), "grade"),
    Column("risk", QT_TRANSLATE_NOOP("case_table_model", "风险提示"), "risk"),
    Column("next_due", QT_TRANSLATE_NOOP("case_table_model", "最近期限"), "next_due"),
    Column("case_type_label", QT_TRANSLATE_NOOP("case_table_model", "案件类型"), "case_type"),
    Column("prosecutor", QT_TRANSLATE_NOOP("case_table_model", "承办检察官"), "prosecutor"),
    Column("department", QT_TRANSLATE_NOOP("case_table_model", "承办部门"), "department"),
    Column("received_on", QT_TRANSLATE_NOOP("case_table_model", "受理日期"), "received_on"),
    Column("closed_on", QT_TRANSLATE_NOOP("case_table_model", "办结日期"), "closed_on"),
    Column("status_label", QT_TRANSLATE_NOOP("case_table_model", "状态"), "status"),
    Column("charges", QT_TRANSLATE_NOOP("case_table_model", "罪名"), None),
)
(COL_CASE_NO, COL_TITLE, COL_PROGRESS, COL_SCORE, COL_GRADE, COL_RISK, COL_DUE, COL_TYPE, COL_PROSECUTOR,
 COL_DEPARTMENT, COL_RECEIVED, COL_CLOSED, COL_STATUS, COL_CHARGES) = range(len(COLUMNS))
FIGURE_COLUMNS = frozenset({COL_PROGRESS, COL_SCORE, COL_GRADE, COL_RISK, COL_DUE})

_ARCHIVED_COLOUR = QColor("#808080")
#: Grade colours: the register reads like a traffic light for a team lead.
_GRADE_COLOURS = {"excellent": "#0f5132", "qualified": "#1d4f91", "flawed": "#8a5a00", "unqualified": "#b02a37"}
_RISK_LEVELS = (
    ("critical", QT_TRANSLATE_NOOP("case_table_model", "严重")),
    ("major", QT_TRANSLATE_NOOP("case_table_model", "一般")),
    ("minor", QT_TRANSLATE_NOOP("case_table_model", "轻微")),
    ("info", QT_TRANSLATE_NOOP("case_table_model", "提示")),
)


def risk_text(figures: CaseFiguresView) -> str:
    """Counts by severity, gravest first, leaving out the zeros (e.g. "严重 1 · 一般 2")."""
    parts = [
        QCoreApplication.translate("case_table_model", label) + f" {figures.flags[code]}"
        for code, label in _RISK_LEVELS
        if figures.flags.get(code)
    ]
    return " · ".join(parts) or QCoreApplication.translate("case_table_model", "无")


def due_status(days_left: int) -> str:
    return "overdue" if days_left < 0 else "due_soon" if days_left <= DUE_SOON_DAYS else "open"


def figure_text(figures: CaseFiguresView, column: int) -> str:
    if column == COL_PROGRESS:
        return figures.progress_text
    if column == COL_SCORE:
        return "—" if figures.score is None else f"{figures.score:g}"
    if column == COL_GRADE:
        return figures.grade_label or "—"
    if column == COL_RISK:
        return risk_text(figures)
    return "—" if figures.days_left is None else days_left_text(figures.days_left)


def figure_tooltip(figures: CaseFiguresView, column: int) -> str | None:
    if column == COL_DUE and figures.next_due is not None:
        return QCoreApplication.translate("case_table_model", "最近截止日期 {0}").format(figures.next_due.isoformat())
    if column == COL_RISK:
        return QCoreApplication.translate("case_table_model", "风险提示：") + joined(
            QCoreApplication.translate("case_table_model", "{0} {1} 项").format(
                QCoreApplication.translate("case_table_model", label), figures.flags.get(code, 0)
            )
            for code, label in _RISK_LEVELS
        )
    if column == COL_PROGRESS:
        return QCoreApplication.translate("case_table_model", "已答 {0} 项 / 适用 {1} 项").format(
            figures.answered, figures.applicable
        )
    return None


def column_of_sort(sort: str) -> int | None:
    return next((i for i, c in enumerate(COLUMNS) if c.sort == sort), None)


class CaseTableModel(QAbstractTableModel):
    def __init__(self, cases: CaseService, query: CaseQuery | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases = cases
        self._query = query or CaseQuery()
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, list[CaseRow | None]] = OrderedDict()
        #: How many blocks were read from the database since the last reload (lazy loading is visible in tests).
        self.fetches = 0
        self.reload()

    # --- the query ---------------------------------------------------------------------------------------------
    @property
    def query(self) -> CaseQuery:
        return self._query

    def set_query(self, query: CaseQuery) -> None:
        self._query = query
        self.reload()

    def set_filters(self, filters: CaseQuery) -> None:
        """New filters, keeping the sort order the person chose by clicking a header."""
        self.set_query(dataclasses.replace(filters, sort=self._query.sort, descending=self._query.descending))

    def reload(self) -> None:
        """Re-run the query (after a filter change or an edit); rows are fetched again as they are shown."""
        self.beginResetModel()
        self._ids = self._cases.list_ids(self._query)
        self._blocks.clear()
        self.fetches = 0
        self.endResetModel()

    def invalidate_case(self, case_no: str) -> None:
        """One case changed without changing the order: re-read it when next shown, without re-running the query."""
        for number, block in list(self._blocks.items()):
            for offset, row in enumerate(block):
                if row is not None and row.case_no == case_no:
                    del self._blocks[number]
                    index = self.index(number * BLOCK_SIZE + offset, 0)
                    self.dataChanged.emit(index, index.siblingAtColumn(len(COLUMNS) - 1))
                    return

    # --- lookups for the window --------------------------------------------------------------------------------
    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of_id(self, case_id: int) -> int | None:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return None

    def case_row(self, row: int) -> CaseRow | None:
        if not 0 <= row < len(self._ids):
            return None
        block = self._block(row // BLOCK_SIZE)
        return block[row % BLOCK_SIZE]

    def all_ids(self) -> list[int]:
        return list(self._ids)

    @property
    def loaded_blocks(self) -> list[int]:
        return sorted(self._blocks)

    def _block(self, number: int) -> list[CaseRow | None]:
        block = self._blocks.get(number)
        if block is not None:
            self._blocks.move_to_end(number)
            return block
        ids = self._ids[number * BLOCK_SIZE:(number + 1) * BLOCK_SIZE]
        found = self._cases.rows(ids)
        block = [found.get(i) for i in ids]
        self.fetches += 1
        self._blocks[number] = block
        while len(self._blocks) > CACHE_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    # --- QAbstractTableModel -----------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default argument
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default argument
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == CASE_ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() in (COL_PROGRESS, COL_SCORE, COL_DUE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.BackgroundRole, CASE_NO_ROLE):
            return None
        row = self.case_row(index.row())
        if row is None:
            return None
        if role == CASE_NO_ROLE:
            return row.case_no
        if index.column() in FIGURE_COLUMNS:
            return self._figure_data(row, index.column(), role)
        if role == Qt.ItemDataRole.BackgroundRole:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_ARCHIVED_COLOUR) if row.status == "archived" else None
        value = getattr(row, COLUMNS[index.column()].attribute)
        if index.column() in (COL_TYPE, COL_STATUS):
            value = tr_label(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if role == Qt.ItemDataRole.ToolTipRole and index.column() not in (COL_TITLE, COL_CHARGES):
            return None
        return value or ""

    @staticmethod
    def _figure_data(row: CaseRow, column: int, role: int) -> Any:
        figures = row.figures
        if figures is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return figure_text(figures, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return figure_tooltip(figures, column)
        due = due_status(figures.days_left) if column == COL_DUE and figures.days_left is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLOURS[due][0])) if due else None
        if due:
            return QBrush(QColor(STATUS_COLOURS[due][1]))
        if column == COL_GRADE and figures.grade_code in _GRADE_COLOURS:
            return QBrush(QColor(_GRADE_COLOURS[figures.grade_code]))
        if column == COL_RISK and figures.flags.get("critical"):
            return QBrush(QColor(_GRADE_COLOURS["unqualified"]))
        return QBrush(_ARCHIVED_COLOUR) if row.status == "archived" else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return (
                QCoreApplication.translate("case_table_model", COLUMNS[section].header)
                if 0 <= section < len(COLUMNS)
                else None
            )
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column].sort
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(dataclasses.replace(self._query, sort=key, descending=descending))
