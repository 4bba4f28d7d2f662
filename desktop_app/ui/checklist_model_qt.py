"""The checklist walk as a Qt tree: the problem headings as parents, their items as children, and a filter.

The model holds the walk's state (template, case, answers) so the tree, the progress bar and the filter read one
source. It changes only when the walk tells it an answer is on disk, so what is shown as answered is what is saved.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.core.case import ANSWER_VALUES, Answer, Case
from desktop_app.core.checklist_model import ChecklistTemplate, ItemState
from desktop_app.core.checklists import item_states, missing_notes
from desktop_app.core.conditions import describe_condition
from desktop_app.ui.labels import tr_label

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
APPLICABLE_ROLE = Qt.ItemDataRole.UserRole + 3
IS_SECTION_ROLE = Qt.ItemDataRole.UserRole + 4

COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("checklist_model_qt", "检查项"),
    QT_TRANSLATE_NOOP("checklist_model_qt", "错误等级"),
    QT_TRANSLATE_NOOP("checklist_model_qt", "答案"),
    QT_TRANSLATE_NOOP("checklist_model_qt", "备注"),
)
COL_ITEM, COL_SEVERITY, COL_ANSWER, COL_NOTE = range(len(COLUMNS))

NOT_APPLICABLE_TEXT = QT_TRANSLATE_NOOP("checklist_model_qt", "不适用（本案）")
UNANSWERED_TEXT = QT_TRANSLATE_NOOP("checklist_model_qt", "未答")
MISSING_NOTE_TEXT = QT_TRANSLATE_NOOP("checklist_model_qt", "⚠ 须填写说明")

GREY = QColor("#9e9e9e")
ANSWER_COLOURS: dict[str, QColor] = {
    "pass": QColor("#2e7d32"),
    "fail": QColor("#c62828"),
    "na": QColor("#616161"),
    "unsure": QColor("#e65100"),
}
MISSING_COLOUR = QColor("#c62828")

#: internalId of a section row; an item row stores its section's row + 1 so that parent() can find it.
_SECTION_ID = 0

AnyIndex = QModelIndex | QPersistentModelIndex

#: The mark before each saved answer: one of its own for each value, so a saved 不符合 never reads as 符合.
ANSWER_MARKS: dict[str, str] = {"pass": "✓", "fail": "✗", "na": "○", "unsure": "?"}


def answer_text(value: str | None) -> str:
    """How a saved answer reads in the list (an answer is listed only once it is on disk)."""
    return (
        f"{ANSWER_MARKS.get(value, '·')} {tr_label(ANSWER_VALUES.get(value, value))}"
        if value
        else QCoreApplication.translate("checklist_model_qt", UNANSWERED_TEXT)
    )


class ChecklistWalkModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._template: ChecklistTemplate | None = None
        self._case: Case | None = None
        self._sections: list[tuple[str, list[ItemState]]] = []
        self._where: dict[str, tuple[int, int]] = {}

    # --- state --------------------------------------------------------------------------------------------
    def load(self, template: ChecklistTemplate | None, case: Case | None, answers: dict[str, Answer]) -> None:
        """Show another inspection (or none, with template None)."""
        self.beginResetModel()
        self._template, self._case = template, case
        self._rebuild(answers)
        self.endResetModel()

    def set_case(self, case: Case) -> None:
        """The case was edited: which items apply may have changed, the answers have not."""
        self.load(self._template, case, self.answers())

    def _rebuild(self, answers: dict[str, Answer]) -> None:
        self._sections, self._where = [], {}
        if self._template is None or self._case is None:
            return
        states = {s.item.id: s for s in item_states(self._template, self._case, answers)}
        for s_row, section in enumerate(self._template.sections):
            self._sections.append((section.title, [states[item.id] for item in section.items]))
            for i_row, item in enumerate(section.items):
                self._where[item.id] = (s_row, i_row)

    def set_answer(self, item_id: str, answer: Answer | None) -> None:
        """Show an answer the walk has just saved (None: the answer was cleared)."""
        s_row, i_row = self._where[item_id]
        items = self._sections[s_row][1]
        items[i_row] = replace(items[i_row], value=answer.value if answer else None, note=answer.note if answer else "")
        section = self.index(s_row, 0)
        self.dataChanged.emit(self.index(i_row, 0, section), self.index(i_row, len(COLUMNS) - 1, section))
        self.dataChanged.emit(section, self.index(s_row, len(COLUMNS) - 1))

    @property
    def template(self) -> ChecklistTemplate | None:
        return self._template

    def states(self) -> list[ItemState]:
        return [state for _, items in self._sections for state in items]

    def state(self, item_id: str) -> ItemState | None:
        where = self._where.get(item_id)
        return self._sections[where[0]][1][where[1]] if where else None

    def answers(self) -> dict[str, Answer]:
        return {s.item.id: Answer(s.value, s.note) for s in self.states() if s.value is not None}

    def missing_note_ids(self) -> list[str]:
        return missing_notes(self.states())

    def item_index(self, item_id: str, column: int = 0) -> QModelIndex:
        where = self._where.get(item_id)
        if where is None:
            return QModelIndex()
        return self.index(where[1], column, self.index(where[0], 0))

    # --- QAbstractItemModel -------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _SECTION_ID)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex | None = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject.parent(), which this overload would otherwise hide
            return super().parent()
        if not child.isValid() or child.internalId() == _SECTION_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _SECTION_ID)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.column() != 0 or parent.internalId() != _SECTION_ID:
            return 0
        return len(self._sections[parent.row()][1])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("checklist_model_qt", COLUMNS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Items that do not apply stay selectable so a person can read why; the walk refuses to answer them.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _SECTION_ID:
            return self._section_data(index, role)
        return self._item_data(self._sections[index.internalId() - 1][1][index.row()], index.column(), role)

    def _section_data(self, index: AnyIndex, role: int) -> Any:
        title, states = self._sections[index.row()]
        if role == IS_SECTION_ROLE:
            return True
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_ITEM:
            applicable = [s for s in states if s.applicable]
            answered = sum(1 for s in applicable if s.value is not None)
            return self.tr("{0}（已答 {1} / 适用 {2}）").format(title, answered, len(applicable))
        return None

    def _item_data(self, state: ItemState, column: int, role: int) -> Any:
        item = state.item
        if role == ITEM_ID_ROLE:
            return item.id
        if role == VALUE_ROLE:
            return state.value
        if role == APPLICABLE_ROLE:
            return state.applicable
        if role == IS_SECTION_ROLE:
            return False
        missing = state.applicable and item.id in missing_notes([state])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._item_text(state, column, missing)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{item.id} {item.question}", describe_condition(item.applies_when)]
            if state.note:
                lines.append(self.tr("备注：{0}").format(state.note))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not state.applicable:
                return QBrush(GREY)
            if column == COL_ANSWER and state.value:
                return QBrush(ANSWER_COLOURS.get(state.value, GREY))
            if column == COL_NOTE and missing:
                return QBrush(MISSING_COLOUR)
        return None

    @staticmethod
    def _item_text(state: ItemState, column: int, missing: bool) -> str:
        item = state.item
        if column == COL_ITEM:
            return f"{item.id}  {item.question}"
        if column == COL_SEVERITY:
            return (
                QCoreApplication.translate("ChecklistWalkModel", "{0} · 否决项").format(item.severity)
                if item.veto
                else item.severity
            )
        if column == COL_ANSWER:
            return (
                QCoreApplication.translate("checklist_model_qt", NOT_APPLICABLE_TEXT)
                if not state.applicable
                else answer_text(state.value)
            )
        return QCoreApplication.translate("checklist_model_qt", MISSING_NOTE_TEXT) if missing else state.note


FILTERS: dict[str, str] = {
    "all": QT_TRANSLATE_NOOP("checklist_model_qt", "全部"),
    "unanswered": QT_TRANSLATE_NOOP("checklist_model_qt", "未答"),
    "failed": QT_TRANSLATE_NOOP("checklist_model_qt", "不符合"),
}


class WalkFilterModel(QSortFilterProxyModel):
    """全部 / 未答 / 不符合: a heading stays visible while one of its items passes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mode = "all"
        self.setRecursiveFilteringEnabled(True)

    @property
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        if mode not in FILTERS:
            raise ValueError(f"unknown filter {mode!r}")
        self.beginFilterChange()
        self._mode = mode
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, applicable: bool, value: str | None) -> bool:
        """Whether an item with this state is shown under the current filter."""
        if self._mode == "unanswered":
            return applicable and value is None
        if self._mode == "failed":
            return applicable and value == "fail"
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._mode == "all":
            return True
        if not source_parent.isValid():
            return False  # a heading is shown through its items (recursive filtering)
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self.accepts(bool(index.data(APPLICABLE_ROLE)), index.data(VALUE_ROLE))
