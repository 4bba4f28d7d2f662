"""The whole round from the keyboard: search → results → open → answer, undo, redo → next case, no mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services.container import Services
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.shortcuts_dialog import ShortcutsDialog
from desktop_app.ui.workspace import CaseWorkspace
from tests.factories import make_case
from tests.gui.test_main_window import type_text
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _focus() -> object:
    return QApplication.focusWidget()


def _workspace(window: MainWindow) -> CaseWorkspace:
    workspace = window.current_workspace()
    assert workspace is not None
    return workspace


def test_search_open_answer_undo_redo_and_next_case_by_keys(qtbot: QtBot, services: Services) -> None:
    for number, title, charge in ((1, "张某某盗窃案", "盗窃罪"), (2, "王某某盗窃案", "盗窃罪"), (3, "赵某某诈骗案", "诈骗罪")):
        services.cases.create(services.actor, make_case(f"京朝检刑诉〔2026〕{number}号", title=title, charges=[charge]))
    window = open_main_window(qtbot, services)

    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert _focus() is window.filter_bar.search
    type_text(qtbot, window.filter_bar.search, "盗窃")  # committed by the input method, as a person types it
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Return)
    assert window.model.rowCount() == 2
    assert _focus() is window.table, "Enter in the search box goes to the results"
    assert window.table.currentIndex().row() == 0

    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    first = _workspace(window)
    walk = first.walk
    assert _focus() is walk.view, "after a case opens the walk has the keyboard"
    item = walk.current_item_id()
    assert item is not None
    qtbot.keyClick(walk.view, "1")
    assert walk.answers()[item].value == "pass"
    assert walk.current_item_id() != item, "the cursor moved on"

    qtbot.keyClick(walk.view, Qt.Key.Key_Z, CTRL)
    assert item not in walk.answers()
    qtbot.keyClick(walk.view, Qt.Key.Key_Y, CTRL)
    assert walk.answers()[item].value == "pass"
    view = services.inspections.latest_for_case(first.case_no)
    assert view is not None and view.answers[item].value == "pass", "redo is saved, not only shown"

    # The 编辑 menu does the same.
    window.undo_action.trigger()
    assert item not in walk.answers()
    window.redo_action.trigger()
    assert walk.answers()[item].value == "pass"

    # The 未答 filter leaves the keyboard in the list.
    walk.filter_buttons.buttons()[1].click()
    assert _focus() is walk.view

    qtbot.keyClick(walk.view, Qt.Key.Key_Down, ALT)
    second = _workspace(window)
    assert second is not first and second.case_no != first.case_no
    assert _focus() is second.walk.view
    qtbot.keyClick(second.walk.view, "2")
    assert list(second.walk.answers().values())[0].value == "fail"

    qtbot.keyClick(second.walk.view, Qt.Key.Key_W, CTRL)
    assert window.current_workspace() is None and _focus() is window.table


def test_shortcut_sheet_lists_the_walk_keys(qtbot: QtBot, services: Services) -> None:
    window = open_main_window(qtbot, services)
    window.shortcuts_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    texts = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert {"1 / 2 / 3 / 4", "Ctrl+Z", "Ctrl+Y 或 Ctrl+Shift+Z"} <= texts
    assert any(action.text().startswith("快捷键") for menu in window.menuBar().actions()
               for action in (menu.menu().actions() if menu.menu() else []))


def test_export_this_case_names_the_file_after_it(qtbot: QtBot, services: Services) -> None:
    services.cases.create(services.actor, make_case())
    window = open_main_window(qtbot, services)
    workspace = window.open_case("京朝检刑诉〔2026〕1号")
    workspace.export_button.click()
    dialog = window.export_dialog
    assert dialog is not None and dialog.scope_selected.isChecked() and dialog.selected == ("京朝检刑诉〔2026〕1号",)
    name = dialog.path_edit.text()
    assert "京朝检刑诉〔2026〕1号_评查表_2026-03-20.xlsx" in name
    dialog.scope_filtered.setChecked(True)
    assert dialog.path_edit.text().endswith("评查表_全部案件_2026-03-20.xlsx")
    dialog.reject()


def test_an_existing_file_is_not_overwritten_without_asking(qtbot: QtBot, services: Services, tmp_path,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    services.cases.create(services.actor, make_case())
    window = open_main_window(qtbot, services)
    dialog = window.export_cases(["京朝检刑诉〔2026〕1号"])
    target = tmp_path / "已有.xlsx"
    target.write_bytes(b"keep")
    dialog.path_edit.setText(str(target))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, *_a, **_k: asked.append(title)
                        or QMessageBox.StandardButton.No)
    dialog.accept()
    assert asked == ["文件已存在"] and dialog.chosen is None and target.read_bytes() == b"keep"
    dialog.reject()
