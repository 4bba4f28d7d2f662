"""Entering or correcting a case: its basic fields, its evidence register and its procedural events.

Problems are shown in red under the field they concern, both those found while typing and those the service
reports on Save, so a person fixes the form in place instead of reading a list. What the form does not show
(facts, checklist answers, unknown keys of a file) is carried over untouched when an existing case is edited.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import (
    CASE_TYPES,
    EVENT_KINDS,
    EVIDENCE_CATEGORIES,
    INVESTIGATORS,
    POSSIBLE_SENTENCES,
    Case,
    Event,
    Evidence,
)
from desktop_app.core.case_format import parse_date
from desktop_app.services.cases import CaseRow
from desktop_app.services.container import Services
from desktop_app.services.errors import EditConflict, ServiceError
from desktop_app.ui.collation import sorted_for_display
from desktop_app.ui.date_field import DateField, date_message
from desktop_app.ui.errors import report_exception
from desktop_app.ui.filter_bar import OptionalDateEdit
from desktop_app.ui.labels import tr_label
from desktop_app.ui.layout import fit_to_screen

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The Evidence/Event a table row was loaded from, so keys the table has no column for survive an edit.
ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 2

ERROR_STYLE = "color: #c0392b;"
NOT_SET = QT_TRANSLATE_NOOP("labels", "（未填）")
CHARGE_SEPARATORS = re.compile(r"[,，、;；]")
_PROBLEM = re.compile(r"^(?P<where>.*?): (?P<field>[A-Za-z_]+(?:\[(?P<index>\d+)\])?(?:\.[A-Za-z_]+)*): (?P<msg>.*)$",
                      re.DOTALL)

YES_NO: dict[Any, str] = {True: QT_TRANSLATE_NOOP("labels", "是"), False: QT_TRANSLATE_NOOP("labels", "否")}


@dataclass(frozen=True)
class CellSpec:
    """One column of the evidence or events table."""

    key: str
    header: str
    kind: str = "text"  # "text" | "date" | "choice"
    choices: dict[Any, str] | None = None
    #: For a choice column: a person may also type a value that is not in the list.
    free_text: bool = False
    #: Stored under the evidence's `attributes` rather than as a field of its own.
    attribute: bool = False


EVIDENCE_COLUMNS: tuple[CellSpec, ...] = (
    CellSpec("id", QT_TRANSLATE_NOOP("labels", "编号")),
    CellSpec("category", QT_TRANSLATE_NOOP("labels", "种类"), "choice", EVIDENCE_CATEGORIES),
    CellSpec("title", QT_TRANSLATE_NOOP("labels", "名称")),
    CellSpec("collected_on", QT_TRANSLATE_NOOP("labels", "收集日期"), "date"),
    CellSpec("source", QT_TRANSLATE_NOOP("labels", "来源")),
    CellSpec("hash_value", QT_TRANSLATE_NOOP("labels", "完整性校验值"), attribute=True),
    CellSpec("hash_recomputed", QT_TRANSLATE_NOOP("labels", "复核校验值"), attribute=True),
    CellSpec("audio_video_recorded", QT_TRANSLATE_NOOP("labels", "同步录音录像"), "choice", YES_NO, attribute=True),
    CellSpec(
        "admits_guilt",
        QT_TRANSLATE_NOOP("labels", "供述/辩解"),
        "choice",
        {True: QT_TRANSLATE_NOOP("labels", "供述"), False: QT_TRANSLATE_NOOP("labels", "辩解")},
        attribute=True,
    ),
    CellSpec(
        "place",
        QT_TRANSLATE_NOOP("labels", "讯问地点"),
        "choice",
        {"detention_center": QT_TRANSLATE_NOOP("labels", "看守所"), "other": QT_TRANSLATE_NOOP("labels", "其他")},
        attribute=True,
    ),
    CellSpec("video_recorded", QT_TRANSLATE_NOOP("labels", "过程录像"), "choice", YES_NO, attribute=True),
    CellSpec("witness_present", QT_TRANSLATE_NOOP("labels", "见证人在场"), "choice", YES_NO, attribute=True),
    CellSpec(
        "witness_role",
        QT_TRANSLATE_NOOP("labels", "见证人身份"),
        "choice",
        {
            "citizen": QT_TRANSLATE_NOOP("labels", "普通公民"),
            "police": QT_TRANSLATE_NOOP("labels", "民警"),
            "auxiliary_police": QT_TRANSLATE_NOOP("labels", "辅警"),
            "interested_party": QT_TRANSLATE_NOOP("labels", "利害关系人"),
            "other": QT_TRANSLATE_NOOP("labels", "其他"),
        },
        attribute=True,
    ),
    CellSpec("signed", QT_TRANSLATE_NOOP("labels", "签名/盖章"), "choice", YES_NO, attribute=True),
    CellSpec(
        "via_judicial_assistance", QT_TRANSLATE_NOOP("labels", "经司法协助取得"), "choice", YES_NO, attribute=True
    ),
    CellSpec("permitted_use", QT_TRANSLATE_NOOP("labels", "准许用于案号"), attribute=True),
    CellSpec("use_consent", QT_TRANSLATE_NOOP("labels", "同意另作他用"), "choice", YES_NO, attribute=True),
)

EVENT_COLUMNS: tuple[CellSpec, ...] = (
    CellSpec("kind", QT_TRANSLATE_NOOP("labels", "种类"), "choice", EVENT_KINDS),
    CellSpec("date", QT_TRANSLATE_NOOP("labels", "日期"), "date"),
    CellSpec(
        "outcome",
        QT_TRANSLATE_NOOP("labels", "结果"),
        "choice",
        {
            "approved": QT_TRANSLATE_NOOP("labels", "批准/同意"),
            "rejected": QT_TRANSLATE_NOOP("labels", "不批准/不同意"),
        },
        free_text=True,
    ),
    CellSpec("note", QT_TRANSLATE_NOOP("labels", "备注")),
)


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down editor for coded cells: the cell shows the Chinese label and keeps the code in VALUE_ROLE."""

    def __init__(self, spec: CellSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(self.spec.free_text)
        combo.addItem("", None)
        for value, label in (self.spec.choices or {}).items():
            combo.addItem(tr_label(label), value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(VALUE_ROLE)
        position = editor.findData(value) if value is not None else 0
        if position < 0:
            editor.setEditText(str(value))
        else:
            editor.setCurrentIndex(position)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = editor.currentData()
        text = editor.currentText().strip()
        if self.spec.free_text and text != editor.itemText(editor.currentIndex()):
            value = text or None
        model.setData(index, choice_label(self.spec, value), Qt.ItemDataRole.DisplayRole)
        model.setData(index, value, VALUE_ROLE)


def choice_label(spec: CellSpec, value: Any) -> str:
    if value is None or value == "":
        return ""
    return tr_label((spec.choices or {}).get(value, str(value)))


def cell_item(spec: CellSpec, value: Any) -> QTableWidgetItem:
    if spec.kind == "choice":
        item = QTableWidgetItem(choice_label(spec, value))
        item.setData(VALUE_ROLE, value)
        return item
    if spec.kind == "date":
        return QTableWidgetItem(value.isoformat() if value else "")
    return QTableWidgetItem("" if value is None else str(value))


def cell_value(table: QTableWidget, row: int, column: int, spec: CellSpec) -> Any:
    item = table.item(row, column)
    if item is None:
        return None if spec.kind == "choice" else ""
    if spec.kind == "choice":
        return item.data(VALUE_ROLE)
    return item.text().strip()


def split_charges(text: str) -> list[str]:
    return [part.strip() for part in CHARGE_SEPARATORS.split(text) if part.strip()]


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class RecordTable(QWidget):
    """An editable table with add/remove buttons and a red problem line underneath."""

    changed = Signal()

    def __init__(self, columns: tuple[CellSpec, ...], noun: str, id_prefix: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        #: New rows get the next free id with this prefix (E1, E2 …) in the "id" column, when there is one.
        self.id_prefix = id_prefix
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([tr_label(c.header) for c in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        for number, spec in enumerate(columns):
            if spec.kind == "choice":
                self.table.setItemDelegateForColumn(number, ChoiceDelegate(spec, self.table))
            if spec.kind == "date":
                self.table.horizontalHeaderItem(number).setToolTip(self.tr("日期格式：YYYY-MM-DD，例如 2026-03-02"))
        self.add_button = QPushButton(self.tr("添加{0}").format(noun))
        self.remove_button = QPushButton(self.tr("删除{0}").format(noun))
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_new_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self._item_changed)

    def add_row(self, values: dict[str, Any] | None = None, original: Any = None) -> int:
        values = values or {}
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for number, spec in enumerate(self.columns):
            item = cell_item(spec, values.get(spec.key))
            if number == 0 and original is not None:
                item.setData(ORIGINAL_ROLE, original)
            self.table.setItem(row, number, item)
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.changed.emit()
        return row

    @Slot()
    def add_new_row(self) -> None:
        """A blank row (with a fresh id), the first cell to fill opened for typing."""
        values: dict[str, Any] = {}
        keys = [spec.key for spec in self.columns]
        if self.id_prefix and "id" in keys:
            column = keys.index("id")
            taken = {cell_value(self.table, r, column, self.columns[column]) for r in range(self.table.rowCount())}
            number = self.table.rowCount() + 1
            while f"{self.id_prefix}{number}" in taken:
                number += 1
            values["id"] = f"{self.id_prefix}{number}"
        row = self.add_row(values)
        column = 1 if values else 0
        self.table.setCurrentCell(row, column)
        self.table.setFocus()
        if self.table.state() != QAbstractItemView.State.EditingState:  # moving the cursor may already edit it
            self.table.editItem(self.table.item(row, column))

    @Slot()
    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def values(self, row: int) -> dict[str, Any]:
        return {spec.key: cell_value(self.table, row, n, spec) for n, spec in enumerate(self.columns)}

    def original(self, row: int) -> Any:
        item = self.table.item(row, 0)
        return item.data(ORIGINAL_ROLE) if item is not None else None

    def commit_open_editor(self) -> None:
        """Take in what is typed in a cell that is still being edited, as if the person had pressed Enter."""
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None and self.table.state() == QAbstractItemView.State.EditingState:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def show_problems(self, problems: list[str]) -> None:
        self.error.setText("\n".join(problems))
        self.error.setVisible(bool(problems))

    @Slot(QTableWidgetItem)
    def _item_changed(self, _item: QTableWidgetItem) -> None:
        self.changed.emit()


class CaseEditor(QDialog):
    """New case (case_no None) or edit of an existing one; emits `saved(CaseRow)` after a successful save."""

    saved = Signal(object)

    def __init__(self, services: Services, case_no: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.original_case_no = case_no
        self.original: Case | None = None
        #: The version the form was loaded at (optimistic lock); saving passes it back.
        self.version: int | None = None
        if case_no:
            self.original, self.version = services.cases.get_with_version(case_no)
        self.archived = bool(case_no) and services.cases.status_of(case_no) == "archived"
        self.saved_row: CaseRow | None = None
        self._attempted = False
        self._touched: set[str] = set()
        self._dirty = False
        self.setWindowTitle(self.tr("编辑案件 — {0}").format(case_no) if case_no else self.tr("新建案件"))
        self._build()
        fit_to_screen(self, 1100, 760)
        self._load(self.original)
        self._dirty = False
        self._touched.clear()
        self.show_problems({}, all_fields=False)

    # --- building -----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.case_no_edit = QLineEdit()
        self.case_no_edit.setPlaceholderText(self.tr("例如 京朝检刑诉〔2026〕123号"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("例如 张某某盗窃案"))
        self.type_combo = QComboBox()
        for code, label in CASE_TYPES.items():
            self.type_combo.addItem(tr_label(label), code)
        self.prosecutor_edit = QLineEdit()
        self.prosecutor_edit.setCompleter(
            QCompleter(sorted_for_display(self.services.cases.distinct_values("prosecutor")), self)
        )
        self.department_edit = QLineEdit()
        self.department_edit.setCompleter(
            QCompleter(sorted_for_display(self.services.cases.distinct_values("department")), self)
        )
        self.investigator_combo = self._code_combo(INVESTIGATORS)
        self.received_edit = DateField(self.tr("受理日期"))
        self.closed_edit = OptionalDateEdit(self.tr("已办结"), self.tr("办结日期"))
        self.charges_edit = QLineEdit()
        self.charges_edit.setPlaceholderText(self.tr("多个罪名用逗号或顿号分隔，例如 盗窃罪、诈骗罪"))
        self.sentence_combo = self._code_combo(POSSIBLE_SENTENCES)
        self.custody_check = QCheckBox(self.tr("在押"))
        self.plea_check = QCheckBox(self.tr("认罪认罚"))
        self.fast_track_check = QCheckBox(self.tr("速裁"))
        self.minor_check = QCheckBox(self.tr("未成年"))

        self.error_labels: dict[str, QLabel] = {}
        self.field_widgets: dict[str, QWidget] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        placed = (
            ("case_no", self.tr("案号 *"), self.case_no_edit),
            ("title", self.tr("案件名称 *"), self.title_edit),
            ("case_type", self.tr("案件类型 *"), self.type_combo),
            ("prosecutor", self.tr("承办检察官 *"), self.prosecutor_edit),
            ("department", self.tr("承办部门"), self.department_edit),
            ("investigated_by", self.tr("侦查机关"), self.investigator_combo),
            ("received_on", self.tr("受理日期 *"), self.received_edit),
            ("closed_on", self.tr("办结日期"), self.closed_edit),
            ("charges", self.tr("罪名"), self.charges_edit),
            ("possible_sentence", self.tr("可能判处的刑罚"), self.sentence_combo),
        )
        for number, (field, caption, widget) in enumerate(placed):
            row, column = divmod(number, 2)
            label = QLabel(caption)
            label.setBuddy(widget)
            self.error_labels[field] = error_label()
            self.field_widgets[field] = widget
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(self.error_labels[field])
            grid.addWidget(label, row, column * 2, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(cell, row, column * 2 + 1, Qt.AlignmentFlag.AlignTop)
        flags = QHBoxLayout()
        for check in (self.custody_check, self.plea_check, self.fast_track_check, self.minor_check):
            flags.addWidget(check)
        flags.addStretch(1)
        grid.addWidget(QLabel(self.tr("情形")), len(placed) // 2, 0)
        grid.addLayout(flags, len(placed) // 2, 1, 1, 3)

        self.evidence = RecordTable(EVIDENCE_COLUMNS, self.tr("证据"), id_prefix="E")
        self.events = RecordTable(EVENT_COLUMNS, self.tr("事件"))
        for number, width in enumerate((60, 180, 200, 100, 160)):
            self.evidence.table.setColumnWidth(number, width)
        for number, width in enumerate((220, 100, 120)):
            self.events.table.setColumnWidth(number, width)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.evidence, self.tr("证据"))
        self.tabs.addTab(self.events, self.tr("程序事件"))
        self.general_error = error_label()
        self.archived_note = QLabel(self.tr("该案件已归档，不能修改。"))
        self.archived_note.setStyleSheet(ERROR_STYLE)
        self.archived_note.setVisible(self.archived)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存（Ctrl+S）"))
        self.save_button.setEnabled(not self.archived)
        # Enter finishes a cell or a field; saving a long form stays a deliberate act (button or Ctrl+S).
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.archived_note)
        layout.addLayout(grid)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        for field, edit in (("case_no", self.case_no_edit), ("title", self.title_edit),
                            ("prosecutor", self.prosecutor_edit), ("department", self.department_edit),
                            ("charges", self.charges_edit)):
            edit.textEdited.connect(lambda _text, f=field: self._edited(f))
        self.received_edit.edited.connect(lambda: self._edited("received_on"))
        self.closed_edit.changed.connect(lambda: self._edited("closed_on"))
        for field, combo in (("case_type", self.type_combo), ("investigated_by", self.investigator_combo),
                             ("possible_sentence", self.sentence_combo)):
            combo.currentIndexChanged.connect(lambda _i, f=field: self._edited(f))
        for check in (self.custody_check, self.plea_check, self.fast_track_check, self.minor_check):
            check.toggled.connect(lambda _on: self._edited(""))
        self.evidence.changed.connect(lambda: self._edited("evidence"))
        self.events.changed.connect(lambda: self._edited("events"))

    @staticmethod
    def _code_combo(choices: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(tr_label(NOT_SET), "")
        for code, label in choices.items():
            combo.addItem(tr_label(label), code)
        return combo

    @staticmethod
    def _select(combo: QComboBox, code: str | None) -> None:
        combo.setCurrentIndex(max(combo.findData(code or ""), 0))

    def _load(self, case: Case | None) -> None:
        today = self.services.derived.today()
        if case is None:
            self.received_edit.setDate(QDate(today.year, today.month, today.day))
            return
        self.case_no_edit.setText(case.case_no)
        self.title_edit.setText(case.title)
        self._select(self.type_combo, case.case_type)
        self.prosecutor_edit.setText(case.prosecutor)
        self.department_edit.setText(case.department)
        self._select(self.investigator_combo, case.investigated_by)
        received = case.received_on
        self.received_edit.setDate(QDate(received.year, received.month, received.day))
        self.closed_edit.set_date(case.closed_on)
        self.charges_edit.setText("、".join(case.charges))
        self._select(self.sentence_combo, case.possible_sentence)
        self.custody_check.setChecked(case.in_custody)
        self.plea_check.setChecked(case.plea_agreement)
        self.fast_track_check.setChecked(case.fast_track)
        self.minor_check.setChecked(case.suspect_minor)
        for evidence in case.evidence:
            values = {"id": evidence.id, "category": evidence.category, "title": evidence.title,
                      "collected_on": evidence.collected_on, "source": evidence.source, **evidence.attributes}
            self.evidence.add_row(values, evidence)
        for event in case.events:
            self.events.add_row({"kind": event.kind, "date": event.date, "outcome": event.outcome or None,
                                 "note": event.note}, event)
        self.evidence.table.setCurrentCell(-1, -1)
        self.events.table.setCurrentCell(-1, -1)
        self._update_tab_titles()

    # --- reading the form ---------------------------------------------------------------------------------------
    def collect(self) -> tuple[Case, dict[str, list[str]]]:
        """The case as typed, and the problems found in it by field (empty when it can be saved)."""
        problems: dict[str, list[str]] = {}

        def problem(field: str, message: str) -> None:
            problems.setdefault(field, []).append(message)

        case_no = self.case_no_edit.text().strip()
        title = self.title_edit.text().strip()
        prosecutor = self.prosecutor_edit.text().strip()
        for field, value in (("case_no", case_no), ("title", title), ("prosecutor", prosecutor)):
            if not value:
                problem(field, self.tr("不能为空"))
        typed = self.received_edit.value()
        if typed is None:
            problem("received_on", self.received_edit.problem() or "")
        received = typed or (self.original.received_on if self.original else dt.date.today())
        closed = self.closed_edit.date()
        if self.closed_edit.problem():
            problem("closed_on", self.closed_edit.problem() or "")
        if typed is not None and closed is not None and closed < received:
            problem("closed_on", self.tr("办结日期早于受理日期"))
        evidence = list(self._collect_evidence(lambda m: problem("evidence", m)))
        events = list(self._collect_events(lambda m: problem("events", m)))
        base = self.original or Case(case_no="", title="", case_type="", prosecutor="", received_on=received)
        case = replace(
            base, case_no=case_no, title=title, case_type=self.type_combo.currentData(), prosecutor=prosecutor,
            department=self.department_edit.text().strip(), received_on=received, closed_on=closed,
            in_custody=self.custody_check.isChecked(), charges=split_charges(self.charges_edit.text()),
            possible_sentence=self.sentence_combo.currentData() or None, plea_agreement=self.plea_check.isChecked(),
            fast_track=self.fast_track_check.isChecked(), suspect_minor=self.minor_check.isChecked(),
            investigated_by=self.investigator_combo.currentData() or None, evidence=evidence, events=events,
        )
        return case, problems

    def _collect_evidence(self, problem: Any) -> Iterable[Evidence]:
        seen: set[str] = set()
        for row in range(self.evidence.table.rowCount()):
            values = self.evidence.values(row)
            where = self.tr("第{0}行：").format(row + 1)
            evidence_id = values["id"]
            if not evidence_id:
                problem(where + self.tr("证据编号不能为空"))
            elif evidence_id in seen:
                problem(where + self.tr("证据编号 {0} 重复").format(evidence_id))
            seen.add(evidence_id)
            if not values["category"]:
                problem(where + self.tr("请选择证据种类"))
            collected = parse_date(values["collected_on"]) if values["collected_on"] else None
            if values["collected_on"] and collected is None:
                problem(where + (date_message(self.tr("收集日期"), values["collected_on"]) or self.tr("收集日期不在可用的年份内")))
            original: Evidence | None = self.evidence.original(row)
            attributes = dict(original.attributes) if original else {}
            for spec in EVIDENCE_COLUMNS:
                if spec.attribute:
                    value = values[spec.key]
                    if value is None or value == "":
                        attributes.pop(spec.key, None)
                    else:
                        attributes[spec.key] = value
            yield Evidence(id=evidence_id, category=values["category"] or "", title=values["title"],
                           collected_on=collected, source=values["source"], attributes=attributes,
                           extra=dict(original.extra) if original else {})

    def _collect_events(self, problem: Any) -> Iterable[Event]:
        for row in range(self.events.table.rowCount()):
            values = self.events.values(row)
            where = self.tr("第{0}行：").format(row + 1)
            if not values["kind"]:
                problem(where + self.tr("请选择事件种类"))
            day = parse_date(values["date"])
            if day is None:
                problem(where + (self.tr("请填写日期") if not values["date"]
                                 else date_message(self.tr("日期"), values["date"]) or self.tr("日期不在可用的年份内")))
                continue
            original: Event | None = self.events.original(row)
            yield Event(kind=values["kind"] or "", date=day, outcome=values["outcome"] or "", note=values["note"],
                        extra=dict(original.extra) if original else {})

    # --- problems -----------------------------------------------------------------------------------------------
    def show_problems(self, problems: dict[str, list[str]], *, all_fields: bool) -> None:
        """Put each problem under its field; only fields already touched unless the person tried to save."""
        for field, label in self.error_labels.items():
            shown = problems.get(field, []) if all_fields or field in self._touched else []
            label.setText("；".join(shown))
            label.setVisible(bool(shown))
        for field, table in (("evidence", self.evidence), ("events", self.events)):
            table.show_problems(problems.get(field, []) if all_fields or field in self._touched else [])
        general = problems.get("", [])
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))

    @staticmethod
    def problems_from_service(lines: list[str]) -> dict[str, list[str]]:
        """Sort `WHERE: FIELD: message` lines from a service by the field of the form they concern."""
        problems: dict[str, list[str]] = {}
        for line in lines:
            match = _PROBLEM.match(line)
            if match is None:
                problems.setdefault("", []).append(line)
                continue
            field = match["field"].split("[")[0].split(".")[0]
            message = match["msg"]
            if field in ("evidence", "events"):
                if match["index"] is not None:
                    message = QCoreApplication.translate("CaseEditor", "第{0}行：{1}").format(
                        int(match["index"]) + 1, message
                    )
                problems.setdefault(field, []).append(message)
            elif field in ("case_no", "title", "case_type", "prosecutor", "department", "received_on", "closed_on",
                           "charges", "possible_sentence", "investigated_by"):
                problems.setdefault(field, []).append(message)
            else:
                problems.setdefault("", []).append(line)
        return problems

    def _focus_first_problem(self, problems: dict[str, list[str]]) -> None:
        for field, widget in self.field_widgets.items():
            if field in problems:
                (self.closed_edit.check if widget is self.closed_edit else widget).setFocus()
                return
        for field, table in (("evidence", self.evidence), ("events", self.events)):
            if field in problems:
                self.tabs.setCurrentWidget(table)
                table.table.setFocus()
                return

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("证据（{0}）").format(self.evidence.table.rowCount()))
        self.tabs.setTabText(1, self.tr("程序事件（{0}）").format(self.events.table.rowCount()))

    def _edited(self, field: str) -> None:
        self._dirty = True
        if field:
            self._touched.add(field)
        self._update_tab_titles()
        _case, problems = self.collect()
        self.show_problems(problems, all_fields=self._attempted)

    # --- saving -------------------------------------------------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        """Validate, then create or update through the service; the dialog closes only when the case is stored."""
        if self.archived:
            return False
        self.evidence.commit_open_editor()
        self.events.commit_open_editor()
        self._attempted = True
        case, problems = self.collect()
        self.show_problems(problems, all_fields=True)
        if problems:
            self._focus_first_problem(problems)
            return False
        try:
            if self.original_case_no is None:
                row = self.services.cases.create(self.services.actor, case)
            else:
                row = self.services.cases.update(self.services.actor, self.original_case_no, case,
                                                 expected_version=self.version)
        except EditConflict as exc:
            self._reload_after_conflict(str(exc))
            return False
        except ServiceError as exc:
            found = self.problems_from_service(exc.problems)
            self.show_problems(found, all_fields=True)
            self._focus_first_problem(found)
            return False
        except Exception as exc:
            report_exception(self, exc)
            return False
        self.saved_row = row
        self._dirty = False
        self.saved.emit(row)
        self.accept()
        return True

    def _reload_after_conflict(self, message: str) -> None:
        """Someone saved the case after this form was opened: say who, and show the case as it is now instead of
        overwriting their change; the person makes their change again on what is shown."""
        assert self.original_case_no is not None
        QMessageBox.warning(self, self.tr("案件已被他人修改"), message)
        self.original, self.version = self.services.cases.get_with_version(self.original_case_no)
        self.evidence.table.setRowCount(0)
        self.events.table.setRowCount(0)
        self._load(self.original)
        self._dirty = False
        self._touched.clear()
        self.show_problems({}, all_fields=False)

    def reject(self) -> None:
        if self._dirty:
            answer = QMessageBox.question(self, self.tr("放弃修改"), self.tr("案件有未保存的修改，确定放弃吗？"),
                                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                          QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
