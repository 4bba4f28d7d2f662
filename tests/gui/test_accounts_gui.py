"""Accounts in the window: the login dialog, 回避 refused in the case workspace, the declinable administrator offer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.services import accounts
from desktop_app.services.container import Services
from desktop_app.ui.login_dialog import AccountBanner, ChangePasswordDialog, CreateAdminDialog, LoginDialog
from desktop_app.ui.main_window import app_settings
from desktop_app.ui.workspace import CaseWorkspace
from tests.factories import make_case
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

PASSWORD = "gui-pass-123"
CASE_NO = "京朝检刑诉〔2026〕1号"


@pytest.fixture
def with_accounts(services: Services) -> Services:
    accounts.add_account(services.database, None, "admin", "admin", PASSWORD, "王管理员", "案件管理部")
    admin = accounts.login(services.database, "admin", PASSWORD)
    accounts.add_account(services.database, admin, "rev", "reviewer", PASSWORD, "评查员甲", "案件管理部")
    services.actor = admin
    return services


def test_the_login_dialog_says_why_and_logs_in(qtbot: QtBot, with_accounts: Services) -> None:
    dialog = LoginDialog(with_accounts.database)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    qtbot.keyClicks(dialog.name_edit, "rev")
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() != LoginDialog.DialogCode.Accepted
    assert dialog.error_label.isVisibleTo(dialog) and "认证失败" in dialog.error_label.text()
    assert dialog.password_edit.text() == "", "a refused password is not left in the field"
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None and (dialog.actor.login, dialog.actor.role) == ("rev", "reviewer")


def test_a_reviewer_is_refused_a_review_of_a_case_they_handled(qtbot: QtBot, with_accounts: Services) -> None:
    services = with_accounts
    services.cases.create(services.actor, make_case(CASE_NO, prosecutor="评查员甲", department="第一检察部"))
    services.actor = accounts.login(services.database, "rev", PASSWORD)
    window = open_main_window(qtbot, services, activate=False)
    assert "当前用户：评查员甲（案管评查员）" in [w.text() for w in window.statusBar().findChildren(QLabel)]
    workspace = CaseWorkspace(services, CASE_NO)
    qtbot.addWidget(workspace)
    assert workspace.kind == "review", "a reviewer opens a case on the 评查"
    workspace.set_kind("review")
    assert workspace.walk.placeholder.isVisibleTo(workspace)
    assert "回避" in workspace.walk.placeholder.text()
    assert not workspace.score_panel.override_button.isEnabled()
    assert services.inspections.for_case(CASE_NO) == [], "nothing was started"


def test_the_offer_of_an_administrator_can_be_declined_and_stays_declined(qtbot: QtBot, services: Services,
                                                                          home: Path) -> None:
    window = open_main_window(qtbot, services, activate=False)
    assert window.account_banner.isVisibleTo(window)
    qtbot.mouseClick(window.account_banner.decline_button, Qt.MouseButton.LeftButton)
    assert not window.account_banner.isVisibleTo(window)
    again = AccountBanner(services, app_settings())
    qtbot.addWidget(again)
    assert again.isHidden(), "declined once: not offered again on this workstation"


def test_creating_the_administrator_turns_accounts_on(qtbot: QtBot, services: Services) -> None:
    dialog = CreateAdminDialog(services)
    qtbot.addWidget(dialog)
    dialog.real_name_edit.setText("王管理员")
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText("something-else")
    dialog.buttons.accepted.emit()
    assert "不一致" in dialog.error_label.text() and not services.accounts
    dialog.repeat_edit.setText(PASSWORD)
    dialog.buttons.accepted.emit()
    assert dialog.result() == CreateAdminDialog.DialogCode.Accepted
    assert services.accounts and services.actor.display_name == "王管理员"


def test_changing_the_password_needs_the_current_one(qtbot: QtBot, with_accounts: Services) -> None:
    dialog = ChangePasswordDialog(with_accounts)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("not-it-at-all")
    dialog.new_edit.setText("brand-new-pass")
    dialog.repeat_edit.setText("brand-new-pass")
    dialog.buttons.accepted.emit()
    assert "认证失败" in dialog.error_label.text()
    dialog.current_edit.setText(PASSWORD)
    dialog.buttons.accepted.emit()
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    assert accounts.login(with_accounts.database, "admin", "brand-new-pass").login == "admin"



def test_the_program_opens_with_the_login_dialog_on_a_database_with_accounts(
        qtbot: QtBot, with_accounts: Services, monkeypatch: pytest.MonkeyPatch, app_main: None) -> None:
    from desktop_app.ui import app

    shown: list[str] = []

    def log_in_as_reviewer(dialog: LoginDialog) -> int:
        shown.append(dialog.windowTitle())
        dialog.name_edit.setText("rev")
        dialog.password_edit.setText(PASSWORD)
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in_as_reviewer)
    started = app.start(["--db", with_accounts.database.url])
    assert isinstance(started, app.Started)
    try:
        qtbot.addWidget(started.window)
        assert shown and "登录" in shown[0]
        assert started.services.actor.login == "rev"
        assert not started.window.account_banner.isVisibleTo(started.window)
        started.window.close()
    finally:
        started.services.close()
    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: LoginDialog.DialogCode.Rejected)
    assert app.start(["--db", with_accounts.database.url]) == 0, "cancelling the login leaves the program"
