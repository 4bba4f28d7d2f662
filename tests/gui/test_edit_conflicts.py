"""Two programs on one database (a second window, a colleague on the server): the GUI never overwrites what the
other saved since it loaded; it says who changed it, shows the data as it is now, and the next save goes through."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.services.container import Services, open_services
from desktop_app.ui import case_editor as case_editor_module
from desktop_app.ui.case_editor import CaseEditor
from desktop_app.ui.workspace import CaseWorkspace
from tests.factories import make_case
from tests.gui.conftest import TODAY

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CASE_NO = "京朝检刑诉〔2026〕7号"


@pytest.fixture
def other(home: Path, services: Services) -> Services:
    """The same database opened by a second program."""
    opened = open_services(services.database.url, today=lambda: TODAY)
    yield opened  # type: ignore[misc]
    opened.close()


def test_an_answer_over_a_newer_one_is_refused_and_the_walk_reloads(qtbot, services: Services,
                                                                       other: Services) -> None:
    services.cases.create(services.actor, make_case(CASE_NO))
    workspace = CaseWorkspace(services, CASE_NO)
    qtbot.addWidget(workspace)
    with qtbot.waitExposed(workspace):
        workspace.show()
    walk = workspace.walk
    item = walk.current_item_id()
    assert item is not None and walk.inspection_id is not None
    other.inspections.answer(other.actor, walk.inspection_id, item, "fail", "另一窗口填的")
    walk.view.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), "1")  # 符合, typed over an answer this window has not seen
    assert walk.error_label.isVisible() and "已重新加载" in walk.error_label.text()
    assert other.inspections.view(walk.inspection_id).answers[item].value == "fail"  # not overwritten
    assert walk.answers()[item].value == "fail"  # the walk shows what is stored now
    walk.select_item(item)
    walk.view.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), "1")  # seen now: the answer is saved
    assert other.inspections.view(walk.inspection_id).answers[item].value == "pass"


def test_a_case_saved_by_someone_else_meanwhile_is_not_overwritten(qtbot, services: Services, other: Services,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    services.cases.create(services.actor, make_case(CASE_NO))
    editor = CaseEditor(services, CASE_NO)
    qtbot.addWidget(editor)
    warnings: list[str] = []
    monkeypatch.setattr(case_editor_module.QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    case = other.cases.get(CASE_NO)
    other.cases.update(other.actor, CASE_NO, dataclasses.replace(case, title="同事改的案名"))
    editor.title_edit.setText("我改的案名")
    assert editor.save() is False
    assert warnings and "已被" in warnings[0] and "请重新加载" in warnings[0]
    assert other.cases.get(CASE_NO).title == "同事改的案名"
    assert editor.title_edit.text() == "同事改的案名"  # reloaded
    editor.title_edit.setText("我改的案名")
    assert editor.save() is True
    assert other.cases.get(CASE_NO).title == "我改的案名"


def test_a_grade_overridden_meanwhile_is_shown_and_only_a_second_save_replaces_it(
        qtbot, services: Services, other: Services) -> None:
    services.cases.create(services.actor, make_case(CASE_NO))
    workspace = CaseWorkspace(services, CASE_NO)
    qtbot.addWidget(workspace)
    workspace.show()
    dialog = workspace.open_override_dialog()
    assert dialog is not None and workspace.inspection is not None
    inspection_id = workspace.inspection.info.id
    other.inspections.override_grade(other.actor, inspection_id, "unqualified", "同事的理由", "qualified", 70.0)
    dialog.grade_box.setCurrentIndex(dialog.grade_box.findData("flawed"))
    dialog.reason_edit.setPlainText("我的理由")
    dialog.accept()
    assert dialog.isVisible() and "已重新加载" in dialog.error_label.text() and "同事的理由" in dialog.error_label.text()
    stored = other.inspections.override_of(inspection_id)
    assert stored is not None and stored.reason == "同事的理由"
    dialog.accept()  # taken knowing the other change
    stored = other.inspections.override_of(inspection_id)
    assert stored is not None and (stored.grade_code, stored.reason) == ("flawed", "我的理由")
    # Answering on in the same window after its own override is no conflict.
    assert workspace.walk.answer_current("pass") and not workspace.walk.error_label.isVisible()
