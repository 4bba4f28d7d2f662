"""The rectification list as people use it: failed answers become lines, edits are typed in and saved at once,
a refused change is explained and undone, and the overview across cases filters and exports what it shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.checklist_model import ChecklistItem, ChecklistSection, ChecklistTemplate
from desktop_app.services.container import Services
from desktop_app.services.exports import sync_rectifications
from desktop_app.ui import rectification_overview
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.rectification_overview import COL_CASE_NO, RectificationOverview
from desktop_app.ui.rectification_panel import (
    COL_DUE,
    COL_OWNER,
    COL_PROBLEM,
    COL_REASON,
    COL_STATUS,
    RectificationPanel,
)
from desktop_app.ui.workspace import CaseWorkspace
from tests.factories import make_case
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CASE_NO = "京朝检刑诉〔2026〕21号"
OTHER_CASE_NO = "京朝检刑诉〔2026〕22号"


def _item(item_id: str, question: str) -> ChecklistItem:
    return ChecklistItem(id=item_id, question=question, guidance="查阅卷宗", heading="证据采信",
                         legal_basis="《中华人民共和国刑事诉讼法》第55条", verified=True, severity="一般错误",
                         deduction=2.0)


TEMPLATE = ChecklistTemplate(id="criminal.prosecution_review", title="整改测试检查表", version="rect-1", sections=(
    ChecklistSection("证据采信", (_item("R1", "讯问笔录是否齐全？"), _item("R2", "鉴定意见是否送达？"),
                                  _item("R3", "物证是否随案移送？"))),))


@pytest.fixture
def cases(services: Services) -> Services:
    services.templates.save(services.actor, TEMPLATE)
    services.cases.create(services.actor, make_case(CASE_NO, title="张某某盗窃案"))
    services.cases.create(services.actor, make_case(OTHER_CASE_NO, title="李某某诈骗案", prosecutor="赵某"))
    return services


@pytest.fixture
def workspace(qtbot: QtBot, cases: Services) -> CaseWorkspace:
    widget = CaseWorkspace(cases, CASE_NO)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.activateWindow()
    return widget


def fail_items(services: Services, case_no: str, *item_ids: str) -> None:
    view = services.inspections.open(services.actor, case_no, "self")
    for item_id in item_ids:
        services.inspections.answer(services.actor, view.info.id, item_id, "fail")


def stored(services: Services, case_no: str = CASE_NO) -> dict[str, tuple[str, str, str]]:
    return {r.key: (r.status, r.owner, r.reason) for r in services.rectifications.rows(case_no=case_no)}


def open_panel(workspace: CaseWorkspace) -> RectificationPanel:
    workspace.tabs.setCurrentWidget(workspace.rectification)
    panel = workspace.rectification
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return panel


def cell(panel: RectificationPanel, key: str, column: int) -> QModelIndex:
    row = panel.model.row_of(key)
    assert row is not None, f"{key} is not listed"
    return panel.model.index(row, column)


def start_editing(qtbot: QtBot, panel: RectificationPanel, key: str, column: int) -> QWidget:
    """Go to the cell and press F2, as a person does; returns the editor that took the keyboard."""
    panel.window().activateWindow()
    panel.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.view)
    panel.view.setCurrentIndex(cell(panel, key, column))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit | QComboBox | QDateEdit))
    editor = QApplication.focusWidget()
    assert editor is not None
    return editor


def type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def finish(qtbot: QtBot, panel: RectificationPanel, editor: QWidget) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.indexWidget(panel.view.currentIndex()) is None)


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_failed_answer_becomes_a_line_shortly_after_it_is_saved(qtbot: QtBot, cases: Services,
                                                                  workspace: CaseWorkspace) -> None:
    walk = workspace.walk
    walk.view.setFocus()
    assert walk.current_item_id() == "R1"
    qtbot.keyClick(walk.view, "2")  # 不符合
    assert "R1" in stored(cases), "the line is stored with the answer, before any tab is shown"
    assert stored(cases)["R1"] == ("pending", "李某", "")

    panel = open_panel(workspace)
    assert cell(panel, "R1", COL_PROBLEM).data() == "讯问笔录是否齐全？"
    assert cell(panel, "R1", COL_OWNER).data() == "李某", "the handling prosecutor fixes it by default"
    assert cell(panel, "R1", COL_DUE).data() == "2026-04-19", "due 30 days after today under the 2017 scheme"
    assert cell(panel, "R1", COL_STATUS).data() == "待整改"
    assert panel.counts_label.text().startswith("待整改 1 项")

    qtbot.keyClick(walk.view, Qt.Key.Key_Up)
    qtbot.keyClick(walk.view, "1")  # 符合 after all: the pending line goes away
    qtbot.waitUntil(lambda: "R1" not in stored(cases))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert panel.counts_label.text() == "本案暂无需要整改的问题"


def test_owner_and_status_are_typed_in_and_saved_at_once(qtbot: QtBot, cases: Services,
                                                         workspace: CaseWorkspace) -> None:
    fail_items(cases, CASE_NO, "R1", "R2")
    panel = open_panel(workspace)
    assert panel.model.rowCount() == 2

    editor = start_editing(qtbot, panel, "R1", COL_OWNER)
    editor.selectAll()
    type_chinese(editor, "王某")
    finish(qtbot, panel, editor)
    assert stored(cases)["R1"] == ("pending", "王某", "")
    assert cell(panel, "R1", COL_OWNER).data() == "王某"

    editor = start_editing(qtbot, panel, "R1", COL_STATUS)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    finish(qtbot, panel, editor)
    assert stored(cases)["R1"] == ("done", "王某", "")
    assert cell(panel, "R1", COL_STATUS).data() == "已整改"
    assert panel.counts_label.text() == "待整改 1 项　已整改 1 项　不予整改 0 项"

    editor = start_editing(qtbot, panel, "R2", COL_DUE)
    editor.setDate(QDate(2026, 5, 8))
    finish(qtbot, panel, editor)
    assert cases.rectifications.rows(case_no=CASE_NO)[-1].due == dt.date(2026, 5, 8)

    panel.set_status_filter("pending")
    assert [panel.model.line(row).key for row in range(panel.model.rowCount())] == ["R2"]
    workspace.tabs.setCurrentIndex(0)
    workspace.tabs.setCurrentWidget(panel)
    assert stored(cases)["R1"] == ("done", "王某", ""), "re-deriving the list keeps what people recorded"


def test_declining_without_a_reason_is_refused_and_the_row_goes_back(qtbot: QtBot, cases: Services,
                                                                     workspace: CaseWorkspace) -> None:
    fail_items(cases, CASE_NO, "R1")
    panel = open_panel(workspace)

    editor = start_editing(qtbot, panel, "R1", COL_STATUS)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert editor.currentText() == "不予整改"
    finish(qtbot, panel, editor)
    qtbot.waitUntil(lambda: len(message_boxes()) == 1)
    box = message_boxes()[0]
    assert "必须写明理由" in box.text() and "Traceback" not in box.text()
    box.accept()
    assert stored(cases)["R1"] == ("pending", "李某", "")
    assert cell(panel, "R1", COL_STATUS).data() == "待整改"

    editor = start_editing(qtbot, panel, "R1", COL_REASON)
    type_chinese(editor, "已在起诉书中更正")
    finish(qtbot, panel, editor)
    editor = start_editing(qtbot, panel, "R1", COL_STATUS)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    finish(qtbot, panel, editor)
    assert not message_boxes()
    assert stored(cases)["R1"] == ("declined", "李某", "已在起诉书中更正")
    assert cell(panel, "R1", COL_STATUS).data() == "不予整改"

    editor = start_editing(qtbot, panel, "R1", COL_REASON)
    editor.clear()
    finish(qtbot, panel, editor)
    qtbot.waitUntil(lambda: len(message_boxes()) == 1)
    message_boxes()[0].accept()
    assert stored(cases)["R1"] == ("declined", "李某", "已在起诉书中更正"), "a declined line keeps its reason"
    assert cell(panel, "R1", COL_REASON).data() == "已在起诉书中更正"


@pytest.fixture
def window(qtbot: QtBot, cases: Services) -> Iterator[MainWindow]:
    yield open_main_window(qtbot, cases)


def shown(overview: RectificationOverview) -> list[tuple[str, str]]:
    return [(overview.model.line(row).case_no, overview.model.line(row).key) for row in range(overview.model.rowCount())]


def test_the_overview_filters_opens_cases_and_exports_what_it_shows(qtbot: QtBot, cases: Services, window: MainWindow,
                                                                    today: dt.date, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    fail_items(cases, CASE_NO, "R1", "R2")
    fail_items(cases, OTHER_CASE_NO, "R3")
    for case_no in (CASE_NO, OTHER_CASE_NO):
        sync_rectifications(cases, case_no, today)
    cases.rectifications.update(cases.actor, CASE_NO, "R2", status="done", owner="王某")

    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    overview = window.rectification_overview
    assert overview is not None and overview.isVisible()
    QAbstractItemModelTester(overview.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert sorted(shown(overview)) == [(CASE_NO, "R1"), (CASE_NO, "R2"), (OTHER_CASE_NO, "R3")]
    assert overview.summary.text() == "2 件案件，共 3 项；待整改 2 项，其中已逾期 0 项"

    overview.set_status_filter("pending")
    assert sorted(shown(overview)) == [(CASE_NO, "R1"), (OTHER_CASE_NO, "R3")]
    overview.set_owner_filter("赵某")
    assert shown(overview) == [(OTHER_CASE_NO, "R3")]
    overview.set_owner_filter("")
    overview.case_edit.setFocus()
    type_chinese(overview.case_edit, "张某某")
    assert shown(overview) == [(CASE_NO, "R1")]
    overview.set_status_filter("")
    assert sorted(shown(overview)) == [(CASE_NO, "R1"), (CASE_NO, "R2")]

    target = tmp_path / "out" / "整改清单"
    target.parent.mkdir()
    monkeypatch.setattr(rectification_overview, "choose_save_file", lambda *_args: target)
    qtbot.mouseClick(overview.export_button, Qt.MouseButton.LeftButton)
    job = overview.export_job
    assert job is not None
    qtbot.waitUntil(lambda: job.done)
    sheet = load_workbook(target.with_suffix(".xlsx")).active
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ("案号", "案件名称", "问题") and rows[0][-1] == "问题编号"
    assert sorted((r[0], r[-1], r[5], r[7]) for r in rows[1:]) == [(CASE_NO, "R1", "李某", "待整改"),
                                                                   (CASE_NO, "R2", "王某", "已整改")]
    for box in message_boxes():
        box.accept()

    centre = overview.view.visualRect(overview.model.index(0, COL_CASE_NO)).center()
    qtbot.mouseClick(overview.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(overview.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert CASE_NO in window.workspaces
    assert window.tabs.currentWidget() is window.workspaces[CASE_NO]
