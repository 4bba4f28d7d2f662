"""The filters above the case register: drop-downs for the usual questions and a search box.

Typing in the search box re-queries after a short pause rather than on every key, so a fast typist on a large
register does not wait for a query per character; Enter searches at once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import CASE_STATUSES, CASE_TYPES
from desktop_app.services.cases import DUE_FILTERS, PROGRESS_FILTERS, RISK_FILTERS, CaseQuery, CaseService
from desktop_app.ui.collation import sorted_for_display
from desktop_app.ui.date_field import DateField
from desktop_app.ui.labels import tr_label

SEARCH_DELAY_MS = 300
ANY = QT_TRANSLATE_NOOP("filter_bar", "全部")


class OptionalDateEdit(QWidget):
    """A date that may be left out: the box is ticked to give one (e.g. 办结日期 of a case still open).

    The date is typed into the same refusing `DateField` as 受理日期: an impossible date is never replaced by
    another one; `date()` is then None, the field turns red and `problem()` names the field and says why.
    """

    changed = Signal()

    def __init__(self, text: str, caption: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.edit = DateField(caption or text)
        self.edit.setDate(dt.date.today())
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self._shown: dt.date | None = None
        self.check.toggled.connect(self._toggled)
        self.edit.edited.connect(self._edited)

    def date(self) -> dt.date | None:
        return self.edit.value() if self.check.isChecked() else None

    def problem(self) -> str | None:
        """Why the ticked date is refused (naming the field), or None when it is a date or not asked for."""
        return self.edit.problem() if self.check.isChecked() else None

    def set_date(self, value: dt.date | None) -> None:
        if value is not None:
            self.edit.setDate(value)
        self.check.setChecked(value is not None)

    @Slot(bool)
    def _toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        self._edited()

    @Slot()
    def _edited(self) -> None:
        problem = self.problem()
        self.edit.edit.setStyleSheet("border: 1px solid #c62828;" if problem else "")
        self.edit.edit.setToolTip(problem or "")
        if self.date() != self._shown or problem:
            self._shown = self.date()
            self.changed.emit()


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("filter_bar", ANY), "")
    for code, label in items:
        combo.addItem(tr_label(label), code)
    return combo


class FilterBar(QWidget):
    """Emits `changed` whenever the filters change; `query()` gives them as a CaseQuery. Enter or ↓ in the search
    box emits `resultsRequested` (after searching at once), so the window can move the keyboard to the results."""

    changed = Signal()
    resultsRequested = Signal()

    def __init__(self, cases: CaseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cases = cases
        self.type_combo = _combo(list(CASE_TYPES.items()))
        self.prosecutor_combo = _combo([])
        self.department_combo = _combo([])
        self.status_combo = _combo(list(CASE_STATUSES.items()))
        self.progress_combo = _combo(list(PROGRESS_FILTERS.items()))
        self.grade_combo = _combo(list(cases.grade_labels().items()))
        self.risk_combo = _combo(list(RISK_FILTERS.items()))
        self.due_combo = _combo(list(DUE_FILTERS.items()))
        self.date_from = OptionalDateEdit(self.tr("受理日期 从"), self.tr("受理日期（起）"))
        self.date_to = OptionalDateEdit(self.tr("到"), self.tr("受理日期（止）"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索案号、案件名称、罪名"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.reset_button = QPushButton(self.tr("清除筛选"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        # Three short rows, so the window still fits a 1024-pixel-wide screen.
        choices = QHBoxLayout()
        for label, widget in ((self.tr("案件类型"), self.type_combo), (self.tr("承办检察官"), self.prosecutor_combo),
                              (self.tr("承办部门"), self.department_combo), (self.tr("状态"), self.status_combo)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            choices.addWidget(caption)
            choices.addWidget(widget)
        choices.addStretch(1)
        figures = QHBoxLayout()
        for label, widget in ((self.tr("检查进度"), self.progress_combo), (self.tr("拟评等次"), self.grade_combo),
                              (self.tr("风险提示"), self.risk_combo), (self.tr("最近期限"), self.due_combo)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            figures.addWidget(caption)
            figures.addWidget(widget)
        figures.addStretch(1)
        search = QHBoxLayout()
        search.addWidget(self.date_from)
        search.addWidget(self.date_to)
        search.addSpacing(12)
        search.addWidget(self.search, 1)
        search.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choices)
        layout.addLayout(figures)
        layout.addLayout(search)

        for combo in self.combos:
            combo.currentIndexChanged.connect(self._emit_changed)
        self.date_from.changed.connect(self._emit_changed)
        self.date_to.changed.connect(self._emit_changed)
        self.search.textChanged.connect(self._text_changed)
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        self._search_timer.timeout.connect(self._emit_changed)
        self.reset_button.clicked.connect(self.reset)
        self.reload_choices()

    def query(self) -> CaseQuery:
        return CaseQuery(
            case_type=self.type_combo.currentData() or None,
            prosecutor=self.prosecutor_combo.currentData() or None,
            department=self.department_combo.currentData() or None,
            date_from=self.date_from.date(),
            date_to=self.date_to.date(),
            status=self.status_combo.currentData() or None,
            text=self.search.text().strip() or None,
            progress=self.progress_combo.currentData() or None,
            grade=self.grade_combo.currentData() or None,
            risk=self.risk_combo.currentData() or None,
            due=self.due_combo.currentData() or None,
        )

    @property
    def combos(self) -> tuple[QComboBox, ...]:
        return (self.type_combo, self.prosecutor_combo, self.department_combo, self.status_combo,
                self.progress_combo, self.grade_combo, self.risk_combo, self.due_combo)

    def reload_choices(self) -> None:
        """Refill the prosecutor and department lists from the register, keeping the current choice."""
        for combo, column in ((self.prosecutor_combo, "prosecutor"), (self.department_combo, "department")):
            current = combo.currentData() or ""
            values = self._cases.distinct_values(column)
            if current and current not in values:
                values.append(current)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(QCoreApplication.translate("filter_bar", ANY), "")
            for value in sorted_for_display(values):
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    @Slot()
    def reset(self) -> None:
        widgets = (*self.combos, self.date_from, self.date_to, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in self.combos:
            combo.setCurrentIndex(0)
        self.date_from.set_date(None)
        self.date_to.set_date(None)
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._search_timer.stop()
        self.changed.emit()

    @Slot(str)
    def _text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _search_now(self) -> None:
        self._search_timer.stop()
        self.changed.emit()
        self.resultsRequested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            if self._search_timer.isActive():
                self._search_timer.stop()
                self.changed.emit()
            self.resultsRequested.emit()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _emit_changed(self) -> None:
        self.changed.emit()
