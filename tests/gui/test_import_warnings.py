"""Importing in the window: answers for checklist items this program does not have are imported and reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.case import Answer
from desktop_app.core.case_format import case_to_dict
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.ui.export_dialogs import start_import
from tests.factories import make_case

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL


def test_import_reports_answers_for_unknown_items(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    data = case_to_dict(make_case())
    data["answers"] = {"NEWER-ITEM-9": {"value": "pass"}}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    parent = QWidget()
    qtbot.addWidget(parent)
    job = start_import(parent, services, [path])
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    (box,) = [b for b in parent.findChildren(QMessageBox) if b.windowTitle() == "导入完成"]
    assert "NEWER-ITEM-9" in box.text() and "已导入 1 件" in box.text()
    box.close()
    assert services.cases.count(CaseQuery()) == 1


def test_opening_a_case_shows_answers_for_unknown_items(qtbot: QtBot, services: Services) -> None:
    from desktop_app.ui.workspace import CaseWorkspace

    case = make_case()
    case.answers = {"NEWER-ITEM-9": Answer("fail", "新版检查项")}
    services.cases.import_cases(services.actor, [case])
    workspace = CaseWorkspace(services, case.case_no)
    qtbot.addWidget(workspace)
    workspace.show()
    label = workspace.walk.unknown_label
    assert label.isVisible() and "NEWER-ITEM-9" in label.text()
