"""Account dialogs: log in (on a database with accounts), create the administrator (on one without), change one's
own password, and the account parts of the main window (who is logged in, the offer to create an administrator).

The dialogs only collect text and call `desktop_app.services.accounts`; what is allowed is decided there.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QWidget,
)

from db.engine import Database
from desktop_app.services import accounts
from desktop_app.services.actors import Actor
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError

#: Remembered when the person declines to set up accounts, so the offer is not made again on this workstation.
OFFER_DECLINED_KEY = "accounts/adminOfferDeclined"


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


class _Form(QDialog):
    """A form with an error line and OK / 取消, where OK runs `submit` and closes only when it succeeds."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.error_label)
        self.form.addRow(self.buttons)

    def submit(self) -> None:
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _accept(self) -> None:
        try:
            self.submit()
        except ServiceError as exc:
            self.show_error(str(exc))
            return
        self.accept()


class LoginDialog(_Form):
    """The first window on a database with accounts; `actor` is the logged-in account after it is accepted."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("登录 — 案件质量自查"), self.tr("登录"), parent)
        self.database = database
        self.actor: Actor | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(64)
        self.password_edit = _password_edit()
        self.form.addRow(self.tr("账户(&U)"), self.name_edit)
        self.form.addRow(self.tr("密码(&P)"), self.password_edit)
        self.form.addRow("", QLabel(self.tr("连续 5 次输错密码，账户将被锁定一段时间；忘记密码请找管理员。")))
        self.finish_layout()

    def submit(self) -> None:
        try:
            self.actor = accounts.login(self.database, self.name_edit.text(), self.password_edit.text())
        finally:
            self.password_edit.clear()
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)


class CreateAdminDialog(_Form):
    """The first account of a database: its administrator. Creating it turns the permission checks on."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("创建管理员账户"), self.tr("创建"), parent)
        self.services = services
        self.name_edit = QLineEdit("admin")
        self.real_name_edit = QLineEdit()
        self.department_edit = QLineEdit()
        self.password_edit = _password_edit()
        self.repeat_edit = _password_edit()
        self.form.addRow("", QLabel(self.tr("创建后，每次启动都需登录；管理员再为检察官、部门负责人、评查员等创建账户。")))
        self.form.addRow(self.tr("账户名(&U)"), self.name_edit)
        self.form.addRow(self.tr("真实姓名(&N)"), self.real_name_edit)
        self.form.addRow(self.tr("部门(&D)"), self.department_edit)
        self.form.addRow(self.tr("密码(&P)"), self.password_edit)
        self.form.addRow(self.tr("再次输入(&R)"), self.repeat_edit)
        self.finish_layout()

    def submit(self) -> None:
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            raise ServiceError(self.tr("两次输入的密码不一致"))
        database = self.services.database
        info = accounts.add_account(database, None, self.name_edit.text(), "admin", password,
                                    self.real_name_edit.text() or None, self.department_edit.text())
        self.services.actor = accounts.login(database, info.login, password)


class ChangePasswordDialog(_Form):
    """One's own password: the current one first, then the new one twice."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改密码"), self.tr("修改"), parent)
        self.services = services
        self.current_edit = _password_edit()
        self.new_edit = _password_edit()
        self.repeat_edit = _password_edit()
        self.form.addRow(self.tr("账户"), QLabel(self.tr("{0}（{1}）").format(services.actor.login, services.actor.display_name)))
        self.form.addRow(self.tr("当前密码(&C)"), self.current_edit)
        self.form.addRow(self.tr("新密码(&N)"), self.new_edit)
        self.form.addRow(self.tr("再次输入(&R)"), self.repeat_edit)
        self.finish_layout()

    def submit(self) -> None:
        if self.new_edit.text() != self.repeat_edit.text():
            raise ServiceError(self.tr("两次输入的新密码不一致"))
        actor = accounts.login(self.services.database, self.services.actor.login, self.current_edit.text())
        accounts.change_password(self.services.database, actor, actor.login, self.new_edit.text())


def actor_text(services: Services) -> str:
    actor = services.actor
    if not services.accounts:
        return QCoreApplication.translate("login_dialog", "单用户模式：{0}").format(actor.display_name)
    return QCoreApplication.translate("login_dialog", "当前用户：{0}（{1}）").format(actor.display_name, actor.role_label)


class AccountBanner(QFrame):
    """The offer to create an administrator, shown above the register of a database without accounts. It blocks
    nothing (the demo and the register open as before) and, once declined, is not made again here."""

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setStyleSheet("AccountBanner { background: #fff8e1; border-bottom: 1px solid #ffe082; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(QLabel(self.tr("此数据库尚未设置账户：任何使用本机的人都可以查看和修改全部案件。")), 1)
        self.create_button = QPushButton(self.tr("创建管理员账户…"))
        self.decline_button = QPushButton(self.tr("不再提示"))
        layout.addWidget(self.create_button)
        layout.addWidget(self.decline_button)
        self.decline_button.clicked.connect(self.decline)
        self.setVisible(not services.accounts and not bool(settings.value(OFFER_DECLINED_KEY, False, type=bool)))

    def decline(self) -> None:
        self.settings.setValue(OFFER_DECLINED_KEY, True)
        self.hide()


def install_account_ui(window: QMainWindow, services: Services, settings: QSettings, menu: QMenu) -> AccountBanner:
    """Who is logged in (status bar), 创建管理员账户 / 修改密码 in `menu`, and the banner; returns the banner, which
    the window places above its register."""
    label = QLabel(actor_text(services))
    window.statusBar().addPermanentWidget(label)
    banner = AccountBanner(services, settings, window)
    create_action = QAction(QCoreApplication.translate("login_dialog", "创建管理员账户(&A)…"), window)
    password_action = QAction(QCoreApplication.translate("login_dialog", "修改密码(&W)…"), window)
    menu.addSeparator()
    menu.addAction(create_action)
    menu.addAction(password_action)

    def update() -> None:
        label.setText(actor_text(services))
        create_action.setVisible(not services.accounts)
        password_action.setVisible(services.accounts)
        if services.accounts:
            banner.hide()

    def create_admin() -> None:
        if CreateAdminDialog(services, window).exec() == QDialog.DialogCode.Accepted:
            update()
            window.statusBar().showMessage(QCoreApplication.translate("login_dialog", "已创建管理员账户：此后启动需要登录"), 8000)
            refresh = getattr(window, "refresh", None)
            if callable(refresh):
                refresh()

    def change_password() -> None:
        if ChangePasswordDialog(services, window).exec() == QDialog.DialogCode.Accepted:
            window.statusBar().showMessage(QCoreApplication.translate("login_dialog", "密码已修改"), 5000)

    create_action.triggered.connect(create_admin)
    banner.create_button.clicked.connect(create_admin)
    password_action.triggered.connect(change_password)
    update()
    return banner
