"""备份与恢复: the backups of the open database with their dates and sizes; back up now, or restore one.

A restore replaces the database file, so the program closes afterwards and is started again on the restored data;
the database it replaced is kept as a backup first (see `services.backups`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.limits import BACKUPS_KEPT
from desktop_app.services.backups import (
    BackupInfo,
    backup_database,
    backups_folder,
    database_file,
    list_backups,
    restore,
)
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


class BackupDialog(QDialog):
    COLUMNS = (
        QT_TRANSLATE_NOOP("backup_dialog", "备份时间"),
        QT_TRANSLATE_NOOP("backup_dialog", "大小"),
        QT_TRANSLATE_NOOP("backup_dialog", "文件"),
    )

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.restored = False
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(720, 400)
        self.db_file: Path | None = None
        try:
            self.db_file = database_file(services.database.url)
            where = self.tr(
                "数据库：{0}\n备份文件夹：{1}\n程序关闭时自动备份（每天最多一次，保留最近 {2} 份）。"
            ).format(self.db_file, backups_folder(self.db_file), BACKUPS_KEPT.value)
        except ServiceError as exc:
            where = str(exc)
        self.info_label = QLabel(where)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("backup_dialog", text) for text in self.COLUMNS]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.backup_button = QPushButton(self.tr("立即备份(&B)"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("恢复所选备份(&R)…"))
        self.restore_button.clicked.connect(self.restore_selected)
        close_button = QPushButton(self.tr("关闭"))
        close_button.clicked.connect(self.reject)
        self.status_label = QLabel()
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addWidget(self.table)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.backup_button.setEnabled(self.db_file is not None)
        self.backups: list[BackupInfo] = []
        self.reload()

    def reload(self) -> None:
        self.backups = list_backups(self.db_file) if self.db_file else []
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            values = (info.created.strftime("%Y-%m-%d %H:%M:%S"), size_text(info.size), info.path.name)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.backups))

    def backup_now(self) -> Path | None:
        try:
            path = backup_database(self.services.database)
        except ServiceError as exc:
            self.status_label.setText(self.tr("备份失败：{0}").format(exc))
            return None
        self.status_label.setText(self.tr("已备份：{0}（完整性检查通过）").format(path.name))
        self.reload()
        return path

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def restore_selected(self, *, confirm: bool = True) -> bool:
        info = self.selected()
        if info is None:
            return False
        if (
            confirm
            and QMessageBox.question(
                self,
                self.tr("恢复备份"),
                self.tr(
                    "用 {0:%Y-%m-%d %H:%M} 的备份替换当前数据库？\n当前数据库会先另存一份备份。恢复后程序将关闭，请重新打开。"
                ).format(info.created),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return False
        self.services.close()
        try:
            result = restore(self.services.database.url, info.path)
        except ServiceError as exc:
            self.status_label.setText(self.tr("恢复失败：{0}").format(exc))
            return False
        self.restored = True
        kept = self.tr("\n原数据库已保留为：{0}").format(result.previous_copy) if result.previous_copy else ""
        self.status_label.setText(self.tr("已恢复。{0}").format(kept))
        if confirm:
            QMessageBox.information(self, self.tr("恢复备份"), self.tr("已从备份恢复数据库。{0}\n\n程序将关闭，请重新打开。").format(kept))
            QApplication.quit()
        self.accept()
        return True
