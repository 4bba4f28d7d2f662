"""帮助 → 快捷键: every key the program answers to, grouped by where it works, for people who keep to the keyboard."""

from __future__ import annotations

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
    ("登记簿", "Ctrl+F", "到搜索框"),
    ("登记簿", "Enter 或 ↓（在搜索框中）", "立即搜索并转到结果第一行"),
    ("登记簿", "↑ / ↓", "选择案件"),
    ("登记簿", "Enter", "打开当前案件"),
    ("登记簿", "Ctrl+N", "新建案件"),
    ("登记簿", "F2 或 Ctrl+Enter", "编辑当前案件"),
    ("登记簿", "F5", "刷新"),
    ("检查表", "1 / 2 / 3 / 4", "符合 / 不符合 / 不适用 / 待核实（保存后转到下一项）"),
    ("检查表", "N", "填写备注，Enter 保存，Esc 放弃"),
    ("检查表", "↑ / ↓", "上一项 / 下一项"),
    ("检查表", "Ctrl+Z", "撤销上一次作答"),
    ("检查表", "Ctrl+Y 或 Ctrl+Shift+Z", "重做刚撤销的作答"),
    ("案件", "Alt+↓ / Alt+↑", "打开登记簿中的下一件 / 上一件案件"),
    ("案件", "Ctrl+W", "关闭当前案件，回到登记簿"),
    ("窗口", "Ctrl+D", "显示或隐藏期限看板"),
    ("窗口", "Ctrl+Shift+R", "整改清单汇总"),
    ("窗口", "Ctrl+I / Ctrl+E", "导入 / 导出"),
    ("窗口", "F1", "本快捷键表"),
    ("窗口", "Ctrl+Q", "退出"),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        self.table = QTableWidget(len(SHORTCUTS), 3)
        self.table.setHorizontalHeaderLabels([self.tr("位置"), self.tr("按键"), self.tr("作用")])
        for row, values in enumerate(SHORTCUTS):
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
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
