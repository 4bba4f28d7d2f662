"""The filter row of the figure views (质量看板, 考核与负面清单): period received, department, prosecutor, case type,
inspection kind and grading scheme, each view showing the ones it counts by.

One widget serves both views, so a department or prosecutor is chosen the same way (from the register's values,
in Chinese order, "全部" first) wherever figures are counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop_app.core.case import CASE_TYPES
from desktop_app.core.checklist_model import INSPECTION_KINDS
from desktop_app.core.scoring import list_grading_schemes
from desktop_app.services.container import Services
from desktop_app.services.stats import StatsFilters
from desktop_app.ui.collation import sorted_for_display
from desktop_app.ui.filter_bar import OptionalDateEdit
from desktop_app.ui.labels import tr_label

#: Every field the bar can show, in the order shown.
FIELDS = ("department", "prosecutor", "case_type", "kind", "scheme")


class StatsFilterBar(QWidget):
    """`changed` whenever a filter changes. With `period` the two dates are required (a view that reports over a
    period, preset to it); without, each date may be left out. Without `load_choices` the department and prosecutor
    lists stay empty until `set_choices`, so a view can read them in its background job: sorting thousands of names
    by 拼音 takes long enough to stall the window."""

    changed = Signal()

    def __init__(self, services: Services, fields: Sequence[str] = FIELDS, *,
                 period: tuple[dt.date, dt.date] | None = None, load_choices: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self._captioned: dict[QWidget, list[QWidget]] = {}
        self.date_from: QDateEdit | OptionalDateEdit
        self.date_to: QDateEdit | OptionalDateEdit
        if period is not None:
            self.date_from, self.date_to = (self._required_date(day) for day in period)
            self._add(self.tr("受理日期"), self.date_from)
            self._add(self.tr("至"), self.date_to)
        else:
            self.date_from, self.date_to = OptionalDateEdit(self.tr("受理日期自")), OptionalDateEdit(self.tr("至"))
            for edit in (self.date_from, self.date_to):
                edit.changed.connect(self.changed)
                self.row.addWidget(edit)
        # Every field exists (a view reads the ones it shows); those a view does not count by stay hidden.
        self.department = self._choices(self.tr("部门"), [])
        self.prosecutor = self._choices(self.tr("检察官"), [])
        if load_choices:
            self.set_choices(*register_choices(services))
        self.case_type = self._choices(self.tr("类型"), list(CASE_TYPES.items()))
        self.kind = self._choices("", list(INSPECTION_KINDS.items()), self.tr("全部检查方式"))
        self.scheme = QComboBox()
        current = services.context.scheme.id
        for name in list_grading_schemes():
            self.scheme.addItem(self.tr("{0} 评定标准").format(name) + (self.tr("（当前）") if name == current else ""),
                                name)
        self.scheme.setCurrentIndex(max(self.scheme.findData(current), 0))
        self.scheme.currentIndexChanged.connect(self.changed)
        self._add("", self.scheme)
        for name, combo in self.choices.items():
            if name not in fields:
                for widget in self._captioned.get(combo, [combo]):
                    widget.setVisible(False)
        self.row.addStretch(1)

    @property
    def choices(self) -> dict[str, QComboBox]:
        return {"department": self.department, "prosecutor": self.prosecutor, "case_type": self.case_type,
                "kind": self.kind, "scheme": self.scheme}

    def set_choices(self, departments: Sequence[str], prosecutors: Sequence[str]) -> None:
        """Fill the department and prosecutor lists, keeping what is chosen; no `changed` for that."""
        for combo, values in ((self.department, departments), (self.prosecutor, prosecutors)):
            current = combo.currentData() or ""
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in sorted_for_display(values):
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def append(self, *widgets: QWidget) -> None:
        """Put the view's own buttons at the end of the row, before the stretch."""
        for widget in widgets:
            self.row.insertWidget(self.row.count() - 1, widget)

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        return _date_of(self.date_from), _date_of(self.date_to)

    def filters(self) -> StatsFilters:
        start, end = self.dates()
        return StatsFilters(date_from=start, date_to=end, department=self.department.currentData() or None,
                            prosecutor=self.prosecutor.currentData() or None,
                            case_type=self.case_type.currentData() or None,
                            inspection_kind=self.kind.currentData() or None, scheme=self.scheme.currentData() or None)

    def _add(self, caption: str, widget: QWidget) -> None:
        shown: list[QWidget] = [widget]
        if caption:
            label = QLabel(caption)
            label.setBuddy(widget)
            self.row.addWidget(label)
            shown.append(label)
        self.row.addWidget(widget)
        self._captioned[widget] = shown

    def _choices(self, caption: str, items: list[tuple[str, str]], any_label: str | None = None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_label or self.tr("全部"), "")
        for code, label in items:
            combo.addItem(tr_label(label), code)
        combo.currentIndexChanged.connect(self.changed)
        self._add(caption, combo)
        return combo

    def _required_date(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self.changed)
        return edit


def register_choices(services: Services) -> tuple[list[str], list[str]]:
    """The departments and prosecutors of the register, in Chinese order (callable from a worker thread)."""
    return services.cases.distinct_values("department"), services.cases.distinct_values("prosecutor")


def _date_of(edit: QDateEdit | OptionalDateEdit) -> dt.date | None:
    if isinstance(edit, OptionalDateEdit):
        return edit.date()
    value = edit.date().toPython()
    return value if isinstance(value, dt.date) else None
