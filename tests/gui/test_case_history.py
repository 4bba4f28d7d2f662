"""The 变更记录 tab: a prosecutor opens a case and sees who changed what, when, old → new."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.services.container import Services
from desktop_app.ui.workspace import CaseWorkspace
from tests.factories import make_case

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CASE_NO = "京朝检刑诉〔2026〕31号"


def test_history_tab_shows_changes_newest_first(qtbot: QtBot, services: Services) -> None:
    services.cases.create(services.actor, make_case(CASE_NO))
    services.cases.update(services.actor, CASE_NO, make_case(CASE_NO, title="李某某盗窃案"))
    workspace = CaseWorkspace(services, CASE_NO)
    qtbot.addWidget(workspace)
    view = services.inspections.open(services.actor, CASE_NO)
    first_item = view.template.sections[0].items[0].id
    services.inspections.answer(services.actor, view.info.id, first_item, "fail", "缺笔录")
    workspace.tabs.setCurrentWidget(workspace.history)
    table = workspace.history.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    actions = [r[2] for r in rows]
    assert actions[0] == "填写检查项" and "修改案件" in actions and actions[-1] == "新建案件"
    change = next(r for r in rows if r[2] == "修改案件")
    assert "张某某盗窃案 → 李某某盗窃案" in change[3]
    assert all(r[1] == services.actor.display_name for r in rows)
    assert "变更记录" in workspace.history.summary.text()
