"""A case's history: who changed what, when — its audit entries (the case, its inspections, its 整改清单), newest
first, read through the audit service. The widget never runs SQL."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.audit import AuditRow, case_history
from desktop_app.services.container import Services

#: Actions in words a prosecutor uses; an unknown action is shown by its code.
ACTION_LABELS: dict[str, str] = {
    "case.create": QT_TRANSLATE_NOOP("case_history", "新建案件"),
    "case.update": QT_TRANSLATE_NOOP("case_history", "修改案件"),
    "case.archive": QT_TRANSLATE_NOOP("case_history", "归档"),
    "case.import": QT_TRANSLATE_NOOP("case_history", "导入"),
    "inspection.start": QT_TRANSLATE_NOOP("case_history", "开始检查"),
    "inspection.answer": QT_TRANSLATE_NOOP("case_history", "填写检查项"),
    "inspection.import": QT_TRANSLATE_NOOP("case_history", "交换包导入检查记录"),
    "grade.override": QT_TRANSLATE_NOOP("case_history", "改定等次"),
    "rectification.sync": QT_TRANSLATE_NOOP("case_history", "更新整改清单"),
    "rectification.update": QT_TRANSLATE_NOOP("case_history", "整改事项变更"),
    "rectification.import": QT_TRANSLATE_NOOP("case_history", "交换包导入整改事项"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("case_history", "时间（UTC）"),
    QT_TRANSLATE_NOOP("case_history", "操作人"),
    QT_TRANSLATE_NOOP("case_history", "操作"),
    QT_TRANSLATE_NOOP("case_history", "内容（原值 → 新值）"),
)
MAX_DETAIL = 400


def describe(row: AuditRow) -> str:
    """old → new per changed field, shortened so one cell stays readable."""
    parts = []
    for key, value in row.detail.items():
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{key}：{_short(value[0])} → {_short(value[1])}")
        else:
            parts.append(f"{key}：{_short(value)}")
    text = "；".join(parts)
    return text if len(text) <= MAX_DETAIL else text[:MAX_DETAIL] + "…"


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:80] + "…"


class CaseHistory(QWidget):
    """The 变更记录 tab of the case workspace."""

    def __init__(self, services: Services, case_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._case_no = case_no
        self.summary = QLabel()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("case_history", text) for text in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def reload(self, case_no: str | None = None) -> None:
        if case_no is not None:
            self._case_no = case_no
        rows = case_history(self.services.database, self._case_no)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            when = row.at.strftime("%Y-%m-%d %H:%M:%S") if row.at else self.tr("（时间无法读取）")
            for column, text in enumerate(
                (
                    when,
                    row.actor,
                    QCoreApplication.translate("case_history", ACTION_LABELS.get(row.action, row.action)),
                    describe(row),
                )
            ):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.summary.setText(self.tr("共 {0} 条变更记录（最新在前）").format(len(rows)) if rows else self.tr("暂无变更记录"))
