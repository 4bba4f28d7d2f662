"""本人信息: the name printed as 检查人 on scorecards and the role that decides what this user may do."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop_app.services.actors import ROLES
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError
from desktop_app.services.profile import update_profile
from desktop_app.ui.labels import tr_label


class ProfileDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("本人信息"))
        self.name_edit = QLineEdit(services.actor.display_name)
        self.name_edit.setMaxLength(64)
        self.role_combo = QComboBox()
        for code, label in ROLES.items():
            self.role_combo.addItem(tr_label(label), code)
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(services.actor.role), 0))
        self.role_combo.setEnabled(not services.accounts)  # an account's role is the administrator's to set
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("姓名(&N)"), self.name_edit)
        form.addRow(self.tr("身份(&R)"), self.role_combo)
        form.addRow("", QLabel(self.tr("姓名打印在评查意见书和自查表的“检查人”处；身份决定能否改定等次、修改检查表模板。")))
        form.addRow(self.error_label)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            self.services.actor = update_profile(self.services.database, self.services.actor, self.name_edit.text(),
                                                 self.role_combo.currentData())
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()
