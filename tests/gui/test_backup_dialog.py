"""备份与恢复 as a person uses it: back up now, see the backup listed with its date and size, restore it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.services.backups import list_backups
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services, open_services
from desktop_app.ui.backup_dialog import BackupDialog
from tests.factories import make_case


def test_backup_now_lists_it_and_restore_brings_the_data_back(qtbot: QtBot, services: Services, home: Path) -> None:
    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕1号"))
    dialog = BackupDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    made = dialog.backup_now()
    assert made is not None and dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == made.name
    assert dialog.table.item(0, 1).text().endswith("KB")
    assert dialog.table.item(0, 0).text()[:4].isdigit()

    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕2号"))
    dialog.table.selectRow(0)
    assert dialog.restore_selected(confirm=False)
    assert dialog.restored
    reopened = open_services(services.database.url.removeprefix("sqlite:///"))
    try:
        assert reopened.cases.count(CaseQuery()) == 1
    finally:
        reopened.close()
    assert any("before-restore" in b.path.name for b in list_backups(home / "t.db"))


def test_closing_the_program_makes_the_daily_backup(services: Services, home: Path) -> None:
    from desktop_app.ui.app import _rolling_backup

    services.cases.create(services.actor, make_case())
    services.close()
    _rolling_backup(services)
    _rolling_backup(services)  # the second close of the day adds none
    (made,) = list_backups(home / "t.db")
    assert made.size > 0
