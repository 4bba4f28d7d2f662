"""The main window as a person uses it: typing cases in, filtering, searching, editing, reopening the program."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.case import Event
from desktop_app.core.case_format import dump_case
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services, open_services
from desktop_app.ui import app
from desktop_app.ui.case_editor import EVIDENCE_COLUMNS, CaseEditor
from desktop_app.ui.case_table_model import CASE_NO_ROLE, COL_STATUS, COL_TITLE
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workers import Job
from desktop_app.ui.workspace import CaseWorkspace
from tests.factories import make_case
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[MainWindow]:
    yield open_main_window(qtbot, services)


def seed(services: Services) -> None:
    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕1号", title="张某某盗窃案"))
    services.cases.create(services.actor, make_case("京朝检刑批捕〔2026〕2号", title="李某某诈骗案",
                                                    case_type="criminal.arrest_review", charges=["诈骗罪"]))
    services.cases.create(services.actor, make_case("京朝检刑批捕〔2026〕3号", title="王某盗窃案",
                                                    case_type="criminal.arrest_review", prosecutor="赵某"))


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a person does: Latin characters as key presses, Chinese as the input method's committed text."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def shown_titles(window: MainWindow) -> list[str]:
    return [window.model.index(row, COL_TITLE).data() for row in range(window.model.rowCount())]


def click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    rect = window.table.visualRect(window.model.index(row, COL_TITLE))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def finish_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, editor: QWidget) -> None:
    """Press Enter in a cell editor and let the table take the value in (Qt does that on its next turn)."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(table.model().index(row, column)) is None)


def type_in_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str, *, enter: bool = True) -> None:
    table.setCurrentCell(row, column)
    if table.indexWidget(table.model().index(row, column)) is None:
        table.editItem(table.item(row, column))
    editor = table.indexWidget(table.model().index(row, column))
    assert isinstance(editor, QLineEdit)
    type_text(qtbot, editor, text)
    if enter:
        finish_cell(qtbot, table, row, column, editor)


def pick_in_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, code: object) -> None:
    if table.indexWidget(table.model().index(row, column)) is None:
        table.setCurrentCell(row, column)
    if table.indexWidget(table.model().index(row, column)) is None:
        table.editItem(table.item(row, column))
    combo = table.indexWidget(table.model().index(row, column))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(code))
    finish_cell(qtbot, table, row, column, combo)


def open_editor(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> CaseEditor:
    qtbot.keyClick(window.table, key, modifier)
    editor = window.editor
    assert editor is not None and editor.isVisible()
    editor.activateWindow()  # what the window manager does with a new dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def test_a_case_typed_into_the_editor_is_saved_and_listed(qtbot: QtBot, services: Services,
                                                          window: MainWindow) -> None:
    editor = open_editor(qtbot, window, Qt.Key.Key_N, CTRL)
    assert editor.windowTitle() == "新建案件"
    type_text(qtbot, editor.case_no_edit, "京朝检刑诉〔2026〕9号")
    type_text(qtbot, editor.title_edit, "周某某盗窃案")
    type_text(qtbot, editor.prosecutor_edit, "李某")
    type_text(qtbot, editor.department_edit, "第一检察部")
    type_text(qtbot, editor.charges_edit, "盗窃罪、诈骗罪")
    editor.custody_check.click()
    editor.plea_check.click()

    qtbot.mouseClick(editor.evidence.add_button, Qt.MouseButton.LeftButton)
    table = editor.evidence.table
    keys = [spec.key for spec in EVIDENCE_COLUMNS]
    pick_in_cell(qtbot, table, 0, keys.index("category"), "electronic_data")
    type_in_cell(qtbot, table, 0, keys.index("title"), "手机数据提取")
    type_in_cell(qtbot, table, 0, keys.index("collected_on"), "2026-03-03")
    type_in_cell(qtbot, table, 0, keys.index("hash_value"), "9f86d081")
    pick_in_cell(qtbot, table, 0, keys.index("witness_present"), True)
    editor.tabs.setCurrentWidget(editor.events)
    qtbot.mouseClick(editor.events.add_button, Qt.MouseButton.LeftButton)
    pick_in_cell(qtbot, editor.events.table, 0, 0, "detained_in_center")
    type_in_cell(qtbot, editor.events.table, 0, 1, "2026-03-01", enter=False)

    qtbot.keyClick(editor.events.table, Qt.Key.Key_S, CTRL)

    qtbot.waitUntil(lambda: window.editor is None)
    stored = services.cases.get("京朝检刑诉〔2026〕9号")
    assert (stored.title, stored.prosecutor, stored.department) == ("周某某盗窃案", "李某", "第一检察部")
    assert stored.charges == ["盗窃罪", "诈骗罪"]
    assert stored.in_custody and stored.plea_agreement and not stored.fast_track
    assert [(e.id, e.category, e.title, e.collected_on) for e in stored.evidence] == [
        ("E1", "electronic_data", "手机数据提取", dt.date(2026, 3, 3))]
    assert stored.evidence[0].attributes == {"hash_value": "9f86d081", "witness_present": True}
    assert [(e.kind, e.date) for e in stored.events] == [("detained_in_center", dt.date(2026, 3, 1))]
    assert shown_titles(window) == ["周某某盗窃案"]
    assert window.selected_case_nos() == ["京朝检刑诉〔2026〕9号"]
    assert window.count_label.text() == "共 1 件案件"


def test_an_empty_case_number_is_reported_under_the_field(qtbot: QtBot, services: Services,
                                                          window: MainWindow) -> None:
    editor = open_editor(qtbot, window, Qt.Key.Key_N, CTRL)
    type_text(qtbot, editor.title_edit, "周某某盗窃案")
    type_text(qtbot, editor.prosecutor_edit, "李某")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    message = editor.error_labels["case_no"]
    assert message.isVisible() and message.text() == "不能为空"
    field_box = editor.case_no_edit.geometry()
    below = message.geometry()
    assert below.top() >= field_box.bottom() and abs(below.left() - field_box.left()) < 10
    assert not editor.error_labels["title"].isVisible()
    assert editor.isVisible()
    assert services.cases.count(CaseQuery()) == 0

    type_text(qtbot, editor.case_no_edit, "京朝检刑诉〔2026〕9号")
    assert not message.isVisible()


def test_a_case_number_already_used_is_reported_under_the_field(qtbot: QtBot, services: Services,
                                                                window: MainWindow) -> None:
    seed(services)
    editor = open_editor(qtbot, window, Qt.Key.Key_N, CTRL)
    type_text(qtbot, editor.case_no_edit, "京朝检刑诉〔2026〕1号")
    type_text(qtbot, editor.title_edit, "另一件案件")
    type_text(qtbot, editor.prosecutor_edit, "李某")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "已存在" in editor.error_labels["case_no"].text()
    assert editor.error_labels["case_no"].isVisible()
    assert services.cases.get("京朝检刑诉〔2026〕1号").title == "张某某盗窃案"


def test_filter_by_case_type(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    seed(services)
    window.refresh()
    combo = window.filter_bar.type_combo
    combo.setCurrentIndex(combo.findText("审查逮捕"))
    assert sorted(shown_titles(window)) == sorted(["李某某诈骗案", "王某盗窃案"])
    assert window.count_label.text() == "显示 2 件 / 共 3 件案件"
    qtbot.mouseClick(window.filter_bar.reset_button, Qt.MouseButton.LeftButton)
    assert len(shown_titles(window)) == 3


def test_search_finds_a_chinese_substring(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    seed(services)
    window.refresh()
    type_text(qtbot, window.filter_bar.search, "盗窃")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert sorted(shown_titles(window)) == sorted(["张某某盗窃案", "王某盗窃案"])
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_A, CTRL)
    type_text(qtbot, window.filter_bar.search, "诈骗")
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Return)
    assert shown_titles(window) == ["李某某诈骗案"]


def test_editing_a_case_shows_the_change_and_keeps_what_the_form_does_not_show(
        qtbot: QtBot, services: Services, window: MainWindow) -> None:
    case = make_case("京朝检刑诉〔2026〕1号", title="张某某盗窃案", facts={"price_paid": 120, "自定义": "保留"})
    case.evidence[0].attributes["custom_flag"] = "kept"
    case.events.append(Event(kind="transferred_for_prosecution", date=dt.date(2026, 3, 2), extra={"x": 1}))
    services.cases.create(services.actor, case)
    window.refresh()
    click_row(qtbot, window, 0)
    editor = open_editor(qtbot, window, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    assert editor.case_no_edit.text() == "京朝检刑诉〔2026〕1号"
    assert editor.evidence.table.rowCount() == 3
    editor.title_edit.selectAll()
    type_text(qtbot, editor.title_edit, "张某某盗窃、诈骗案")
    editor.custody_check.click()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, CTRL)

    qtbot.waitUntil(lambda: window.editor is None)
    assert shown_titles(window) == ["张某某盗窃、诈骗案"]
    stored = services.cases.get("京朝检刑诉〔2026〕1号")
    assert stored.title == "张某某盗窃、诈骗案" and not stored.in_custody
    assert stored.facts == {"price_paid": 120, "自定义": "保留"}
    assert stored.evidence[0].attributes == {"admits_guilt": True, "place": "detention_center", "custom_flag": "kept"}
    assert stored.events[1].extra == {"x": 1}


def test_leaving_the_editor_with_unsaved_changes_asks_first(qtbot: QtBot, services: Services, window: MainWindow,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    seed(services)
    window.refresh()
    click_row(qtbot, window, 0)
    case_no = window.selected_case_nos()[0]
    editor = open_editor(qtbot, window, Qt.Key.Key_Return, CTRL)
    type_text(qtbot, editor.title_edit, "（改）")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def question(_parent: QWidget, title: str, *args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    assert asked == ["放弃修改"] and editor.isVisible()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.editor is None)
    assert "（改）" not in services.cases.get(case_no).title


def test_window_layout_and_data_survive_a_restart(qtbot: QtBot, services: Services, home: Path,
                                                  gui_database: str, today: dt.date) -> None:
    seed(services)
    first = MainWindow(services)
    qtbot.addWidget(first)
    with qtbot.waitExposed(first):
        first.show()
    first.resize(720, 540)
    first.board_action.trigger()
    assert not first.board_dock.isVisible()
    first.close()
    services.close()

    reopened = open_services(gui_database, today=lambda: today)
    try:
        second = MainWindow(reopened)
        qtbot.addWidget(second)
        with qtbot.waitExposed(second):
            second.show()
        assert (second.width(), second.height()) == (720, 540)
        assert not second.board_dock.isVisible()
        assert sorted(shown_titles(second)) == sorted(["张某某盗窃案", "李某某诈骗案", "王某盗窃案"])
        assert (home / "config" / "casecheck.ini").exists()
        second.close()
    finally:
        reopened.close()


def test_enter_opens_the_case_workspace_in_a_tab(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    seed(services)
    window.refresh()
    click_row(qtbot, window, 0)
    case_no = window.model.index(0, 0).data(CASE_NO_ROLE)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.tabs.count() == 2
    assert window.tabs.tabText(1) == case_no
    workspace = window.tabs.currentWidget()
    assert isinstance(workspace, CaseWorkspace) and workspace.case_no == case_no

    window.tabs.setCurrentIndex(0)
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=window.table.visualRect(window.model.index(0, COL_TITLE)).center())
    assert window.tabs.count() == 2 and window.tabs.currentWidget() is workspace

    workspace.editRequested.emit(case_no)
    editor = window.editor
    assert editor is not None and editor.case_no_edit.text() == case_no
    editor.case_no_edit.clear()
    type_text(qtbot, editor.case_no_edit, "京朝检刑诉〔2026〕100号")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert window.tabs.tabText(1) == "京朝检刑诉〔2026〕100号"
    assert workspace.case_no == "京朝检刑诉〔2026〕100号"
    assert "京朝检刑诉〔2026〕100号" in [window.model.index(r, 0).data() for r in range(window.model.rowCount())]

    window.close_tab(1)
    assert window.tabs.count() == 1 and not window.workspaces


def test_archiving_marks_the_case_and_locks_it(qtbot: QtBot, services: Services, window: MainWindow,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seed(services)
    window.refresh()
    click_row(qtbot, window, 0)
    case_no = window.selected_case_nos()[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.archive_action.trigger()
    assert services.cases.status_of(case_no) == "archived"
    assert window.model.index(0, COL_STATUS).data() == "已归档"
    editor = window.edit_case(case_no)
    assert not editor.save_button.isEnabled()
    editor.reject()


def test_export_selected_cases_to_json_files(qtbot: QtBot, services: Services, window: MainWindow,
                                             tmp_path: Path) -> None:
    seed(services)
    window.refresh()
    click_row(qtbot, window, 1)
    case_no = window.selected_case_nos()[0]
    dialog = window.export()
    dialog.content_group.button(0).click()
    assert dialog.scope_selected.isChecked()
    dialog.path_edit.setText(str(tmp_path / "out"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not Job.running())
    files = list((tmp_path / "out").glob("*.json"))
    assert [f.name for f in files] == [f"{case_no}.json"]
    assert json.loads(files[0].read_text(encoding="utf-8"))["case_no"] == case_no


def test_export_scorecards_of_the_filtered_cases(qtbot: QtBot, services: Services, window: MainWindow,
                                                 tmp_path: Path) -> None:
    seed(services)
    window.refresh()
    window.filter_bar.type_combo.setCurrentIndex(window.filter_bar.type_combo.findText("审查逮捕"))
    dialog = window.export()
    dialog.content_group.button(1).click()
    dialog.layout_group.button(0).click()
    dialog.path_edit.setText(str(tmp_path / "cards"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not Job.running(), timeout=10000)
    names = sorted(f.name for f in (tmp_path / "cards").iterdir())
    assert names == ["京朝检刑批捕〔2026〕2号.xlsx", "京朝检刑批捕〔2026〕3号.xlsx"]


def test_import_adds_cases_and_a_broken_file_imports_nothing(qtbot: QtBot, services: Services, window: MainWindow,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.json"
    good.write_text(dump_case(make_case("京朝检刑诉〔2026〕7号", title="孙某盗窃案")), encoding="utf-8")
    bad = tmp_path / "bad.json"
    data = json.loads(dump_case(make_case("京朝检刑诉〔2026〕8号")))
    data["case_type"] = "criminal.unknown"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    chosen = [[str(good), str(bad)], [str(good)]]
    monkeypatch.setattr("desktop_app.ui.export_dialogs.QFileDialog.getOpenFileNames",
                        lambda *args, **kwargs: (chosen.pop(0), ""))
    qtbot.keyClick(window.table, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: not Job.running())
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "bad.json" in boxes[-1].text() and "case_type" in boxes[-1].text()
    assert services.cases.count(CaseQuery()) == 0
    boxes[-1].close()

    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert shown_titles(window) == ["孙某盗窃案"]


def test_about_names_the_program_and_the_database(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    box = window.about()
    assert "案件质量自查" in box.text()
    assert services.database.display_path in box.informativeText()
    assert services.database.display_path in window.path_label.text()


def test_right_click_offers_the_case_actions(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    seed(services)
    window.refresh()
    click_row(qtbot, window, 0)
    assert window.edit_action.isEnabled() and window.archive_action.isEnabled()
    window.table.selectionModel().clearSelection()
    assert not window.edit_action.isEnabled()
    window._context_menu(QPoint(5, 5))



def test_an_unusable_database_is_explained_not_crashed(qtbot: QtBot, home: Path, app_main: None) -> None:
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if box is None:  # the start-up window is painted before the database opens; the message comes later
            QTimer.singleShot(10, read_and_close)
            return
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    assert app.main(["--db", str(home / "no-such-folder" / "t.db")]) == 2
    assert len(seen) == 1 and "目录不存在" in seen[0] and "Traceback" not in seen[0]


def test_the_program_starts_on_a_demo_database(qtbot: QtBot, home: Path, gui_database: str, app_main: None) -> None:
    started = app.start(["--db", gui_database, "--demo"])
    assert isinstance(started, app.Started)
    try:
        qtbot.addWidget(started.window)
        assert started.window.isVisible()
        assert started.window.count_label.text() == f"共 {app.DEMO_CASES} 件案件"
        assert "WenQuanYi Micro Hei" in QFontDatabase.families()
        assert QApplication.font().families()[0] == "WenQuanYi Micro Hei"
        box = QMessageBox(QMessageBox.Icon.Information, "", "", QMessageBox.StandardButton.Ok)
        assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
        assert "已填入" in (home / "logs" / "casecheck.log").read_text(encoding="utf-8")
        started.window.close()
    finally:
        started.services.close()


def test_an_empty_register_says_how_to_begin(qtbot: QtBot, services: Services) -> None:
    main = MainWindow(services)
    qtbot.addWidget(main)
    with qtbot.waitExposed(main):
        main.show()
    assert main.empty_hint.isVisible() and "Ctrl+N" in main.empty_hint.text()
    services.cases.create(services.actor, make_case())
    main.refresh()
    assert not main.empty_hint.isVisible()
    main.filter_bar.search.setText("没有这个案件")
    qtbot.waitUntil(lambda: main.model.rowCount() == 0)
    qtbot.waitUntil(lambda: main.empty_hint.isVisible())
    assert "清除筛选" in main.empty_hint.text()
