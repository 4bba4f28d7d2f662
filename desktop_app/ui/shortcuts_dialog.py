"""帮助 → 快捷键: every key the program answers to, grouped by where it works, for people who keep to the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: (where, keys, what they do), in the order a case is worked through.
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    (QT_TRANSLATE_NOOP("shortcuts_dialog", "登记簿"), "Ctrl+F", QT_TRANSLATE_NOOP("shortcuts_dialog", "到搜索框")),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "登记簿"),
        QT_TRANSLATE_NOOP("shortcuts_dialog", "Enter 或 ↓（在搜索框中）"),
        QT_TRANSLATE_NOOP("shortcuts_dialog", "立即搜索并转到结果第一行"),
    ),
    (QT_TRANSLATE_NOOP("shortcuts_dialog", "登记簿"), "↑ / ↓", QT_TRANSLATE_NOOP("shortcuts_dialog", "选择案件")),
    (QT_TRANSLATE_NOOP("shortcuts_dialog", "登记簿"), "Enter", QT_TRANSLATE_NOOP("shortcuts_dialog", "打开当前案件")),
    (QT_TRANSLATE_NOOP("shortcuts_dialog", "登记簿"), "Ctrl+N", QT_TRANSLATE_NOOP("shortcuts_dialog", "新建案件")),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "登记簿"),
        QT_TRANSLATE_NOOP("shortcuts_dialog", "F2 或 Ctrl+Enter"),
        QT_TRANSLATE_NOOP("shortcuts_dialog", "编辑当前案件"),
    ),
    (QT_TRANSLATE_NOOP("shortcuts_dialog", "登记簿"), "F5", QT_TRANSLATE_NOOP("shortcuts_dialog", "刷新")),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "检查表"),
        "1 / 2 / 3 / 4",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "符合 / 不符合 / 不适用 / 待核实（保存后转到下一项）"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "检查表"),
        "N",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "填写备注，Enter 保存，Esc 放弃"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "检查表"),
        "↑ / ↓",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "上一项 / 下一项"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "检查表"),
        "Ctrl+Z",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "撤销上一次作答"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "检查表"),
        QT_TRANSLATE_NOOP("shortcuts_dialog", "Ctrl+Y 或 Ctrl+Shift+Z"),
        QT_TRANSLATE_NOOP("shortcuts_dialog", "重做刚撤销的作答"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "案件"),
        "Alt+↓ / Alt+↑",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "打开登记簿中的下一件 / 上一件案件"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "案件"),
        "Ctrl+W",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "关闭当前案件，回到登记簿"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "窗口"),
        "Ctrl+D",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "显示或隐藏期限看板"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "窗口"),
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "整改清单汇总"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts_dialog", "窗口"),
        "Ctrl+I / Ctrl+E",
        QT_TRANSLATE_NOOP("shortcuts_dialog", "导入 / 导出"),
    ),
    (QT_TRANSLATE_NOOP("shortcuts_dialog", "窗口"), "F1", QT_TRANSLATE_NOOP("shortcuts_dialog", "本快捷键表")),
    (QT_TRANSLATE_NOOP("shortcuts_dialog", "窗口"), "Ctrl+Q", QT_TRANSLATE_NOOP("shortcuts_dialog", "退出")),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        self.table = QTableWidget(len(SHORTCUTS), 3)
        self.table.setHorizontalHeaderLabels([self.tr("位置"), self.tr("按键"), self.tr("作用")])
        for row, values in enumerate(SHORTCUTS):
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(QCoreApplication.translate("shortcuts_dialog", text)))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(560)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
