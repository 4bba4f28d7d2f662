"""A date typed as YYYY-MM-DD (or picked from a Chinese calendar) that is refused, never silently replaced.

Qt's date boxes quietly turn an impossible date such as 2026-13-45 into another one. A person must be told which
field is wrong and why, so this field keeps exactly what was typed and `problem()` says what is wrong with it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QDate, Signal, Slot
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from desktop_app.core.case_format import EARLIEST_YEAR, LATEST_YEAR
from desktop_app.core.i18n import language
from desktop_app.ui.language import LOCALES

_SHAPE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def date_problem(text: str) -> str | None:
    """Why `text` is not a date the program accepts (Chinese), or None when it is one."""
    match = _SHAPE.match(text.strip())
    if match is None:
        return QCoreApplication.translate("date_field", "应为 YYYY-MM-DD 格式，例如 2026-03-02")
    year, month, day = (int(part) for part in match.groups())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return QCoreApplication.translate("date_field", "年份应在 {0}–{1} 之间").format(EARLIEST_YEAR, LATEST_YEAR)
    if not 1 <= month <= 12:
        return QCoreApplication.translate("date_field", "没有 {0} 月（月份应为 01–12）").format(month)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return QCoreApplication.translate("date_field", "{0} 年 {1} 月没有 {2} 日（该月只有 {3} 天）").format(
            year, month, day, last
        )
    return None


def date_message(caption: str, text: str) -> str | None:
    """"受理日期“2026-13-45”不是有效日期：没有 13 月…", or None when the text is a valid date."""
    why = date_problem(text)
    return (
        None
        if why is None
        else QCoreApplication.translate("date_field", "{0}“{1}”不是有效日期：{2}").format(caption, text.strip(), why)
    )


class DateField(QWidget):
    """`dateChanged(QDate)` whenever the text becomes another valid date; `edited` on every change."""

    dateChanged = Signal(QDate)
    edited = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setMaxLength(10)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(LOCALES[language()])  # the interface's, whatever the system's
        self.calendar.setGridVisible(True)
        self.button = QToolButton()
        self.button.setText(self.tr("日历"))
        self.button.setToolTip(self.tr("从日历中选择{0}").format(caption))
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self._last: dt.date | None = None
        self.edit.textChanged.connect(self._text_changed)
        self.calendar.clicked.connect(self._picked)
        menu.aboutToShow.connect(self._sync_calendar)

    def value(self) -> dt.date | None:
        """The date typed, or None when the field is empty or not a valid date (see `problem`)."""
        text = self.edit.text().strip()
        return dt.date.fromisoformat(text) if text and date_problem(text) is None else None

    def problem(self) -> str | None:
        text = self.edit.text().strip()
        return self.tr("不能为空") if not text else date_message(self.caption, text)

    def date(self) -> QDate:
        """As QDateEdit.date(); an invalid QDate when the text is not a valid date."""
        value = self.value()
        return QDate(value.year, value.month, value.day) if value else QDate()

    def setDate(self, value: QDate | dt.date) -> None:  # noqa: N802 - the QDateEdit name callers know
        day = value.toPython() if isinstance(value, QDate) else value
        self.edit.setText(day.isoformat())

    @Slot(str)
    def _text_changed(self, _text: str) -> None:
        self.edited.emit()
        value = self.value()
        if value is not None and value != self._last:
            self._last = value
            self.dateChanged.emit(QDate(value.year, value.month, value.day))

    @Slot(QDate)
    def _picked(self, day: QDate) -> None:
        self.setDate(day)
        self.button.menu().hide()
        self.edit.setFocus()

    @Slot()
    def _sync_calendar(self) -> None:
        value = self.value()
        if value is not None:
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))
