"""The 工具 menu as a person uses it: a holiday calendar changes due dates everywhere (a broken one changes nothing),
the grading scheme chosen survives a restart, and a checklist edited in Excel comes back as a new version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.core.checklist_model import ChecklistItem, ChecklistSection, ChecklistTemplate
from desktop_app.paths import user_calendar_file
from desktop_app.services.container import Services
from desktop_app.ui import app, tools_menu
from desktop_app.ui.deadline_board import COL_CASE_NO, COL_DUE
from desktop_app.ui.main_window import MainWindow
from tests.factories import make_case
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CASE_NO = "京朝检刑诉〔2026〕31号"
# Not in custody, received 2026-03-02: the one-month period of 审查起诉 ends on Thursday 2026-04-02.
CALENDAR = """format: casecheck.calendar/1
weekends_are_rest_days: true
years:
  2026:
    source: 本院整理
    holidays:
      - 2026-04-02
      - {second}
    workdays: []
"""


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[MainWindow]:
    services.cases.create(services.actor, make_case(CASE_NO, in_custody=False, events=[]))
    yield open_main_window(qtbot, services, activate=False)


def due_on_board(window: MainWindow) -> str:
    board = window.board
    row = next(r for r in range(board.model.rowCount()) if board.model.index(r, COL_CASE_NO).data() == CASE_NO)
    return board.model.index(row, COL_DUE).data()


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def read_and_close_box() -> str:
    boxes = message_boxes()
    assert len(boxes) == 1, [b.text() for b in boxes]
    text = boxes[0].text()
    boxes[0].accept()
    return text


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(tools_menu, "choose_open_file", lambda *_args: path)


def test_an_imported_calendar_moves_the_due_date_on_the_board(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = window.open_case(CASE_NO)
    assert due_on_board(window) == "2026-04-02"
    path = tmp_path / "本院节假日.yaml"
    path.write_text(CALENDAR.format(second="2026-04-03"), encoding="utf-8")
    choose(monkeypatch, path)

    window.tools_menu.import_calendar_action.trigger()
    job = window.tools_menu.job
    assert job is not None
    qtbot.waitUntil(lambda: job.done)
    assert "已导入节假日历（收录 2026 年）" in read_and_close_box()
    # 04-02 and 04-03 are holidays in this calendar and 04-04/05 a weekend: the period ends on Monday 04-06.
    assert due_on_board(window) == "2026-04-06"
    assert workspace.flags_panel.deadline_table.topLevelItem(0).text(1) == "2026-04-06"
    assert user_calendar_file().exists()

    window.tools_menu.reset_calendar_action.trigger()
    reset_job = window.tools_menu.job
    qtbot.waitUntil(lambda: reset_job is not None and reset_job.done)
    assert "已恢复内置节假日历" in read_and_close_box()
    assert due_on_board(window) == "2026-04-02"
    assert not user_calendar_file().exists()


def test_a_broken_calendar_is_refused_naming_its_line_and_changes_nothing(qtbot: QtBot, window: MainWindow,
                                                                         tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(CALENDAR.format(second="2026-04-31"), encoding="utf-8")
    choose(monkeypatch, path)

    window.tools_menu.import_calendar_action.trigger()
    job = window.tools_menu.job
    assert job is not None
    qtbot.waitUntil(lambda: job.done)
    text = read_and_close_box()
    assert f"{path}:8: years.2026.holidays[1]: 无效的值 '2026-04-31'" in text
    assert "未作任何更改" in text and "Traceback" not in text
    assert due_on_board(window) == "2026-04-02"
    assert not user_calendar_file().exists()


TEMPLATE = ChecklistTemplate(id="criminal.prosecution_review", title="评定测试检查表", version="grade-1", sections=(
    ChecklistSection("证据采信", (ChecklistItem(
        id="G1", question="非法证据是否依法排除？", guidance="查阅讯问笔录和同步录音录像",
        legal_basis="《中华人民共和国刑事诉讼法》第56条", verified=True, heading="证据采信", severity="严重错误",
        deduction=10.0),)),))



def test_the_grading_scheme_chosen_relabels_the_grade_and_survives_a_restart(
        qtbot: QtBot, services: Services, window: MainWindow, gui_database: str, app_main: None) -> None:
    services.templates.save(services.actor, TEMPLATE)
    view = services.inspections.open(services.actor, CASE_NO, "self")
    services.inspections.answer(services.actor, view.info.id, "G1", "fail")  # a 严重错误: at best the third grade
    workspace = window.open_case(CASE_NO)
    assert "瑕疵" in workspace.score_panel.grade_label.text()
    titles = [action.text() for action in window.tools_menu.grading_group.actions()]
    assert titles == ["案件质量评查等次（2017年试行规定）", "案件质量评查等次（2026年规定）"]
    assert window.tools_menu.grading_action("2017").isChecked()

    window.tools_menu.grading_action("2026").trigger()
    assert "基本合格" in workspace.score_panel.grade_label.text()
    assert window.tools_menu.grading_action("2026").isChecked()
    assert not window.tools_menu.grading_action("2017").isChecked()
    window.close()
    services.close()

    started = app.start(["--db", gui_database])
    assert isinstance(started, app.Started)
    try:
        qtbot.addWidget(started.window)
        assert started.services.context.scheme.id == "2026"
        assert started.window.tools_menu.grading_action("2026").isChecked()
        reopened = started.window.open_case(CASE_NO)
        assert "基本合格" in reopened.score_panel.grade_label.text()
        started.window.close()
    finally:
        started.services.close()


def test_a_template_exported_edited_and_imported_becomes_a_new_version(qtbot: QtBot, services: Services,
                                                                       window: MainWindow, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    case_type = "criminal.arrest_review"
    before = services.templates.versions(case_type)
    target = tmp_path / "审查逮捕检查表"
    monkeypatch.setattr(tools_menu, "choose_save_file", lambda *_args: target)
    window.tools_menu.export_template_action(case_type).trigger()
    exported = target.with_suffix(".xlsx")
    assert "已导出检查表模板" in read_and_close_box()

    workbook = load_workbook(exported)
    items = workbook["检查项"]
    question = items.cell(row=2, column=3).value
    items.cell(row=2, column=3).value = f"{question}（本院补充）"
    info = workbook["模板信息"]
    assert info.cell(row=4, column=1).value == "版本"
    info.cell(row=4, column=2).value = "本院2026修订"
    workbook.save(exported)

    choose(monkeypatch, exported)
    window.tools_menu.import_template_action.trigger()
    assert "新版本为 本院2026修订" in read_and_close_box()
    after = services.templates.versions(case_type)
    assert len(after) == len(before) + 1 and after[-1].version == "本院2026修订"
    _version_id, current = services.templates.current(case_type)
    assert current.items[0].question == f"{question}（本院补充）"

    window.tools_menu.import_template_action.trigger()
    assert "未新增版本" in read_and_close_box()
    assert len(services.templates.versions(case_type)) == len(after)


def test_a_template_workbook_with_mistakes_lists_every_one_and_adds_nothing(qtbot: QtBot, services: Services,
                                                                         window: MainWindow, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    case_type = "criminal.arrest_review"
    target = tmp_path / "t.xlsx"
    monkeypatch.setattr(tools_menu, "choose_save_file", lambda *_args: target)
    window.tools_menu.export_template_action(case_type).trigger()
    read_and_close_box()
    workbook = load_workbook(target)
    items = workbook["检查项"]
    items.cell(row=2, column=7).value = "很严重"  # 错误等级
    items.cell(row=3, column=8).value = "五分"  # 扣分
    workbook.save(target)
    before = services.templates.versions(case_type)

    choose(monkeypatch, target)
    window.tools_menu.import_template_action.trigger()
    boxes = message_boxes()
    assert len(boxes) == 1
    assert "2 处问题" in boxes[0].text()
    details = boxes[0].detailedText()
    assert "检查项/第2行/错误等级" in details and "检查项/第3行/扣分" in details
    boxes[0].accept()
    assert services.templates.versions(case_type) == before


def test_a_broken_calendar_in_the_data_folder_is_explained_at_start_up(qtbot: QtBot, home: Path,
                                                                       app_main: None) -> None:
    broken = user_calendar_file()
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text(CALENDAR.format(second="2026-02-30"), encoding="utf-8")
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
    assert app.main(["--db", str(home / "t.db")]) == 2
    assert len(seen) == 1
    assert f"{broken}:8: years.2026.holidays[1]" in seen[0]
    assert "删除" in seen[0] and "Traceback" not in seen[0]


def test_the_tools_menu_sits_in_the_menu_bar(window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "工具(&T)", "培训(&R)", "帮助(&H)"]
    assert not window.tools_menu.reset_calendar_action.isEnabled(), "nothing to restore while the shipped one is used"
