"""本人信息: the name typed here is the 检查人 on scorecards, survives a restart, and an empty name is refused."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.services.container import Services, open_services
from desktop_app.services.exports import build_scorecard
from desktop_app.ui.profile_dialog import ProfileDialog
from tests.factories import make_case

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL


def test_the_name_typed_is_printed_as_inspector(qtbot: QtBot, services: Services, today) -> None:  # type: ignore[no-untyped-def]
    services.cases.create(services.actor, make_case())
    services.inspections.open(services.actor, make_case().case_no, "self")
    dialog = ProfileDialog(services)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("  ")
    dialog.save()
    assert dialog.error_label.isVisibleTo(dialog) and "姓名" in dialog.error_label.text()
    dialog.name_edit.setText("李检察官")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("reviewer"))
    dialog.save()
    assert dialog.result() == ProfileDialog.DialogCode.Accepted
    assert (services.actor.display_name, services.actor.role) == ("李检察官", "reviewer")
    assert build_scorecard(services, make_case().case_no, today).inspector == "李检察官"
    again = open_services(services.database.url)
    assert again.actor.display_name == "李检察官" and again.actor.role == "reviewer"
    again.close()
