"""The case's rectification list (整改清单): each problem found, who fixes it by when, and what became of it.

The lines follow the inspection: the list is re-derived and stored when the tab is shown and shortly after each
answer, keeping what people recorded. Every edit (owner, due date, status, reason, note) is saved at once in its
own transaction; a change the service refuses — 不予整改 without a reason — is explained and the cell goes back
to what is stored, so the table never shows something the database does not hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.rectification import RECTIFICATION_STATUSES, RectificationItem
from desktop_app.services.container import Services
from desktop_app.services.errors import EditConflict, ServiceError
from desktop_app.services.exports import sync_rectifications
from desktop_app.services.rectifications import RectificationRow
from desktop_app.ui.errors import report_exception, show_message
from desktop_app.ui.flags_panel import UNVERIFIED_MARK
from desktop_app.ui.labels import tr_label
from desktop_app.ui.row_table_model import RowTableModel, configure_row_view

ModelIndex = QModelIndex | QPersistentModelIndex

#: The problem in words comes first; its id (a rule id or checklist item id) is only a grey detail at the end.
COLUMNS = (
    QT_TRANSLATE_NOOP("rectification_panel", "问题"),
    QT_TRANSLATE_NOOP("rectification_panel", "分类"),
    QT_TRANSLATE_NOOP("rectification_panel", "依据"),
    QT_TRANSLATE_NOOP("rectification_panel", "责任人"),
    QT_TRANSLATE_NOOP("rectification_panel", "整改期限"),
    QT_TRANSLATE_NOOP("rectification_panel", "状态"),
    QT_TRANSLATE_NOOP("rectification_panel", "不予整改理由"),
    QT_TRANSLATE_NOOP("rectification_panel", "备注"),
    QT_TRANSLATE_NOOP("rectification_panel", "编号"),
)
(COL_PROBLEM, COL_HEADING, COL_BASIS, COL_OWNER, COL_DUE, COL_STATUS, COL_REASON, COL_NOTE,
 COL_KEY) = range(len(COLUMNS))
SECONDARY_COLOUR = "#9e9e9e"
EDITABLE_COLUMNS = frozenset({COL_OWNER, COL_DUE, COL_STATUS, COL_REASON, COL_NOTE})
#: The row field each editable column changes.
COLUMN_FIELDS: dict[int, str] = {COL_OWNER: "owner", COL_DUE: "due", COL_STATUS: "status", COL_REASON: "reason",
                                 COL_NOTE: "note"}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLOURS: dict[str, str] = {"pending": "#ef6c00", "done": "#2e7d32", "declined": "#616161"}
OVERDUE_COLOUR = "#c62828"
EDIT_HINT = QT_TRANSLATE_NOOP("rectification_panel", "双击或按 F2 修改责任人、整改期限、状态、理由和备注，改完即保存。不予整改须先写明理由。")
ARCHIVED_HINT = QT_TRANSLATE_NOOP("rectification_panel", "案件已归档，整改清单只能查看。")
#: Answers come in quick succession during a walk; the list is re-derived once they pause.
SYNC_DELAY_MS = 400

SaveFn = Callable[[RectificationRow, dict[str, Any]], RectificationRow | None]


def is_overdue(row: RectificationRow, today: dt.date) -> bool:
    return row.status == "pending" and row.due is not None and row.due < today


def counts_text(rows: Sequence[RectificationRow], today: dt.date) -> str:
    if not rows:
        return QCoreApplication.translate("rectification_panel", "本案暂无需要整改的问题")
    counts = {status: sum(1 for r in rows if r.status == status) for status in RECTIFICATION_STATUSES}
    parts = [
        QCoreApplication.translate("rectification_panel", "{0} {1} 项").format(tr_label(label), counts[status])
        for status, label in RECTIFICATION_STATUSES.items()
    ]
    overdue = sum(1 for r in rows if is_overdue(r, today))
    if overdue:
        parts[0] += QCoreApplication.translate("rectification_panel", "（其中已逾期 {0} 项）").format(overdue)
    return "　".join(parts)


class RectificationModel(RowTableModel):
    """The lines of one case; an edit goes through `save` and is shown only once `save` returned the stored row."""

    def __init__(self, save: SaveFn, parent: QObject | None = None) -> None:
        super().__init__([QCoreApplication.translate("rectification_panel", text) for text in COLUMNS], parent)
        self._save = save
        self._unverified: frozenset[str] = frozenset()
        self._today = dt.date.today()
        self.editable = True

    def set_rows(self, rows: Sequence[RectificationRow], unverified: frozenset[str], today: dt.date) -> None:
        self._unverified = unverified
        self._today = today
        self.replace_rows(rows)

    def line(self, row: int) -> RectificationRow:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        return next((number for number, r in enumerate(self._rows) if r.key == key), None)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in EDITABLE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_DUE and is_overdue(row, self._today):
                return self.tr("已逾期，尚未整改")
            if column == COL_PROBLEM:
                return self.tr("{0}\n编号：{1}").format(row.problem, row.key)
            text = self._display(row, column)
            return text if text and column in (COL_KEY, COL_BASIS, COL_REASON, COL_NOTE) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATUS:
                return QBrush(QColor(STATUS_COLOURS.get(row.status, "#000000")))
            if column == COL_DUE and is_overdue(row, self._today):
                return QBrush(QColor(OVERDUE_COLOUR))
            if column == COL_KEY or (column == COL_BASIS and row.key in self._unverified):
                return QBrush(QColor(SECONDARY_COLOUR))
        if role == KEY_ROLE:
            return row.key
        return None

    def _display(self, row: RectificationRow, column: int) -> str:
        if column == COL_BASIS:
            return row.basis + (
                QCoreApplication.translate("flags_panel", UNVERIFIED_MARK)
                if row.key in self._unverified and row.basis
                else ""
            )
        if column == COL_DUE:
            return row.due.isoformat() if row.due else ""
        values = {COL_KEY: row.key, COL_PROBLEM: row.problem, COL_HEADING: row.heading, COL_OWNER: row.owner,
                  COL_STATUS: tr_label(row.status_label), COL_REASON: row.reason, COL_NOTE: row.note}
        return values[column]

    @staticmethod
    def _edit_value(row: RectificationRow, column: int) -> Any:
        if column == COL_DUE:
            return QDate(row.due) if row.due else QDate()
        if column in COLUMN_FIELDS:
            return getattr(row, COLUMN_FIELDS[column])
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE_COLUMNS:
            return False
        row = self._rows[index.row()]
        field = COLUMN_FIELDS[index.column()]
        new_value: Any = value.toPython() if isinstance(value, QDate) else ("" if value is None else str(value))
        if field == "due" and not isinstance(new_value, dt.date):
            return False
        if new_value == getattr(row, field):
            return False
        saved = self._save(row, {field: new_value})
        if saved is None:
            return False
        self._rows[index.row()] = saved
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        return True


class StatusCombo(QComboBox):
    """A choice made in the popup is final (`chosen`); arrow keys only move, Enter or leaving the cell commits."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._popup_open = False

    def showPopup(self) -> None:
        self._popup_open = True
        super().showPopup()

    def hidePopup(self) -> None:
        """Qt also calls this while tearing the editor down; only closing a popup that was shown is a choice."""
        super().hidePopup()
        if self._popup_open:
            self._popup_open = False
            self.chosen.emit()


class RectificationDelegate(QStyledItemDelegate):
    """A drop-down for the status and a date field for the due date; the other columns are plain text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        if index.column() == COL_STATUS:
            combo = StatusCombo(parent)
            for code, label in RECTIFICATION_STATUSES.items():
                combo.addItem(tr_label(label), code)
            combo.chosen.connect(lambda: self._commit_and_close(combo))
            return combo
        if index.column() == COL_DUE:
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            return edit
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, StatusCombo):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QDateEdit):
            editor.setDate(value if isinstance(value, QDate) and value.isValid() else QDate.currentDate())
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: ModelIndex) -> None:
        if isinstance(editor, StatusCombo):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date())
        else:
            super().setModelData(editor, model, index)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class RectificationPanel(QWidget):
    """The 整改清单 tab of a case workspace."""

    def __init__(self, services: Services, case_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_no = case_no
        self._rows: list[RectificationRow] = []
        self._unverified: frozenset[str] = frozenset()

        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("全部"), "")
        for code, label in RECTIFICATION_STATUSES.items():
            self.status_combo.addItem(tr_label(label), code)
        status_label = QLabel(self.tr("状态(&S)："))
        status_label.setBuddy(self.status_combo)
        self.counts_label = QLabel()
        self.hint_label = QLabel(QCoreApplication.translate("rectification_panel", EDIT_HINT))
        self.hint_label.setStyleSheet("color: #757575;")
        self.hint_label.setWordWrap(True)

        self.model = RectificationModel(self._save, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(RectificationDelegate(self.view))
        configure_row_view(
            self.view,
            ((COL_PROBLEM, 190), (COL_HEADING, 64), (COL_BASIS, 130), (COL_OWNER, 64), (COL_DUE, 92),
             (COL_STATUS, 72), (COL_REASON, 110)),
            selection=QAbstractItemView.SelectionBehavior.SelectItems,
            edit_triggers=QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed,
        )

        top = QHBoxLayout()
        top.addWidget(status_label)
        top.addWidget(self.status_combo)
        top.addSpacing(16)
        top.addWidget(self.counts_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint_label)

        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(SYNC_DELAY_MS)
        self._sync_timer.timeout.connect(self.refresh)
        self.status_combo.currentIndexChanged.connect(self._show_rows)

    def status_filter(self) -> str:
        return str(self.status_combo.currentData() or "")

    def set_status_filter(self, status: str) -> None:
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(status), 0))

    def schedule_refresh(self) -> None:
        """Re-derive the list once answers stop coming for a moment."""
        self._sync_timer.start()

    def flush(self) -> None:
        """Do a re-derivation still waiting for its moment now, while the case is being left: left to its timer it
        would run after the window closed, against a database the program may have closed by then."""
        if self._sync_timer.isActive():
            self.refresh()

    def refresh(self) -> None:
        """Derive the lines from the latest inspection and flags, store them, and show the stored list."""
        self._sync_timer.stop()
        today = self.services.derived.today()
        archived = self.services.cases.status_of(self.case_no) == "archived"
        items: list[RectificationItem] = [] if archived else sync_rectifications(self.services, self.case_no, today)
        order = {item.key: number for number, item in enumerate(items)}
        stored = self.services.rectifications.rows(case_no=self.case_no)
        self._rows = sorted(stored, key=lambda r: (order.get(r.key, len(order)), r.key))
        self._unverified = frozenset(item.key for item in items if not item.verified)
        self.model.editable = not archived
        self.hint_label.setText(
            QCoreApplication.translate("rectification_panel", ARCHIVED_HINT)
            if archived
            else QCoreApplication.translate("rectification_panel", EDIT_HINT)
        )
        self._show_rows()

    def _show_rows(self) -> None:
        status = self.status_filter()
        shown = [r for r in self._rows if not status or r.status == status]
        today = self.services.derived.today()
        self.model.set_rows(shown, self._unverified, today)
        self.counts_label.setText(counts_text(self._rows, today))

    def _save(self, row: RectificationRow, change: dict[str, Any]) -> RectificationRow | None:
        values: dict[str, Any] = {"status": row.status, "reason": row.reason, "owner": row.owner, "due": row.due,
                                  "note": row.note, **change}
        try:
            saved = self.services.rectifications.update(self.services.actor, self.case_no, row.key, **values,
                                                        expected_version=row.version)
        except EditConflict as exc:
            show_message(self, self.tr("整改清单未修改"), str(exc))
            QTimer.singleShot(0, self.refresh)  # after the view has finished with the edited cell
            return None
        except ServiceError as exc:
            hint = (self.tr("\n\n请先在“不予整改理由”一栏写明理由，再将状态改为“不予整改”。")
                    if values["status"] == "declined" and not str(values["reason"]).strip() else "")
            show_message(self, self.tr("整改清单未修改"), f"{exc}{hint}")
            return None
        except Exception as exc:  # noqa: BLE001 - a locked database is explained, a bug is reported; the cell reverts
            report_exception(self, exc)
            return None
        self._rows = [saved if r.key == saved.key else r for r in self._rows]
        self.counts_label.setText(counts_text(self._rows, self.services.derived.today()))
        return saved
