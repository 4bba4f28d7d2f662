"""Side by side: every inspection of a case (自查, 部门核查, 评查, by whoever made them), item by item.

A reviewer looks for the items where the inspections disagree, so those rows are highlighted and can be shown
alone. An item one inspection has not answered yet is not a disagreement: it is shown as 未答 and not highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import ANSWER_VALUES, Answer
from desktop_app.core.checklist_model import INSPECTION_KINDS
from desktop_app.services.container import Services
from desktop_app.services.inspections import InspectionInfo, InspectionView
from desktop_app.ui.checklist_model_qt import ANSWER_COLOURS, GREY, UNANSWERED_TEXT
from desktop_app.ui.labels import tr_label

DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 1
DIFFERENCE_BACKGROUND = QColor("#fde2e1")
FIXED_COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("inspection_compare", "编号"),
    QT_TRANSLATE_NOOP("inspection_compare", "检查项"),
)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CompareRow:
    item_id: str
    question: str
    answers: tuple[Answer | None, ...]

    @property
    def differs(self) -> bool:
        """Two inspections gave different answers to this item."""
        return len({a.value for a in self.answers if a is not None}) > 1


def compare_rows(views: list[InspectionView]) -> list[CompareRow]:
    """Items in the order of the first inspection's template, then any items only later versions have."""
    questions: dict[str, str] = {}
    for view in views:
        for item in view.template.items:
            questions.setdefault(item.id, item.question)
    return [CompareRow(item_id, question, tuple(v.answers.get(item_id) for v in views))
            for item_id, question in questions.items()]


def column_title(info: InspectionInfo) -> str:
    return f"{tr_label(info.kind_label)}\n{info.inspector}"


class CompareModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._infos: list[InspectionInfo] = []
        self._rows: list[CompareRow] = []

    def set_comparison(self, infos: list[InspectionInfo], rows: list[CompareRow]) -> None:
        self.beginResetModel()
        self._infos, self._rows = list(infos), list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[CompareRow]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self._infos)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section < len(FIXED_COLUMNS):
            return QCoreApplication.translate("inspection_compare", FIXED_COLUMNS[section])
        return column_title(self._infos[section - len(FIXED_COLUMNS)])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DIFFERS_ROLE:
            return row.differs
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(DIFFERENCE_BACKGROUND) if row.differs else None
        answer = row.answers[column - len(FIXED_COLUMNS)] if column >= len(FIXED_COLUMNS) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.item_id
            if column == 1:
                return row.question
            return (
                tr_label(ANSWER_VALUES.get(answer.value, answer.value))
                if answer
                else QCoreApplication.translate("checklist_model_qt", UNANSWERED_TEXT)
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return row.question
            if answer is not None and answer.note:
                return self.tr("备注：{0}").format(answer.note)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column >= len(FIXED_COLUMNS):
            return QBrush(ANSWER_COLOURS.get(answer.value, GREY) if answer else GREY)
        return None


class DifferenceFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._only_differences = False

    def set_only_differences(self, on: bool) -> None:
        self.beginFilterChange()
        self._only_differences = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._only_differences:
            return True
        return bool(self.sourceModel().index(source_row, 0, source_parent).data(DIFFERS_ROLE))


class InspectionCompare(QWidget):
    def __init__(self, services: Services, case_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_no = case_no
        self.model = CompareModel(self)
        self.proxy = DifferenceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.only_differences = QCheckBox(self.tr("仅显示不一致"))
        self.only_differences.toggled.connect(self.proxy.set_only_differences)
        self.summary_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.only_differences)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def reload(self, case_no: str | None = None) -> None:
        """Read every inspection of the case again (answers may have changed in any of them)."""
        if case_no is not None:
            self.case_no = case_no
        order = list(INSPECTION_KINDS)
        infos = sorted(self.services.inspections.for_case(self.case_no), key=lambda i: (order.index(i.kind), i.id))
        views = [self.services.inspections.view(info.id) for info in infos]
        rows = compare_rows(views)
        self.model.set_comparison(infos, rows)
        differing = sum(1 for row in rows if row.differs)
        if not infos:
            self.summary_label.setText(self.tr("本案尚无检查记录。"))
        elif len(infos) == 1:
            self.summary_label.setText(self.tr("本案只有一份检查记录（{0}），暂无可对比的记录。").format(tr_label(infos[0].kind_label)))
        else:
            self.summary_label.setText(
                self.tr("共 {0} 份检查记录、{1} 个检查项，其中 {2} 项答案不一致（红底标出）。").format(
                    len(infos), len(rows), differing
                )
            )
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 420)
        for column in range(len(FIXED_COLUMNS), self.model.columnCount()):
            self.table.setColumnWidth(column, 110)
        self.table.resizeRowsToContents()
