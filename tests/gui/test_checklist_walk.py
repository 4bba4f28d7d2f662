"""The checklist walk as a prosecutor uses it: keys only, and every answer checked in the database afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QtMsgType
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QWidget

from db.engine import DatabaseEnvironmentError
from desktop_app.core.case import Answer, Case, Evidence
from desktop_app.core.checklist_model import ChecklistItem, ChecklistSection, ChecklistTemplate
from desktop_app.services.container import Services
from desktop_app.ui.checklist_model_qt import COL_ANSWER, COL_NOTE, GREY, ITEM_ID_ROLE, MISSING_NOTE_TEXT
from desktop_app.ui.workspace import CaseWorkspace

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CASE_NO = "京朝检刑诉〔2026〕7号"


def _item(item_id: str, heading: str, **changes: object) -> ChecklistItem:
    values: dict[str, object] = {
        "id": item_id, "question": f"{item_id} 是否符合要求？", "guidance": f"{item_id} 的检查要点",
        "legal_basis": "《中华人民共和国刑事诉讼法》第55条", "verified": True, "heading": heading,
        "severity": "一般错误", "deduction": 2.0,
    }
    values.update(changes)
    return ChecklistItem(**values)  # type: ignore[arg-type]


#: Six items: A2 and B2 never apply to the case below, A1 needs a note when failed, A3 is a veto item.
TEMPLATE = ChecklistTemplate(
    id="criminal.prosecution_review", title="测试检查表", version="test-1", sections=(
        ChecklistSection("证据采信", (
            _item("A1", "证据采信", note_required_on_fail=True, verified=False),
            _item("A2", "证据采信", applies_when={"field": "evidence.category", "contains": "expert_opinion"}),
            _item("A3", "证据采信", veto=True, severity="严重错误", deduction=10.0),
        )),
        ChecklistSection("办案程序", (
            _item("B1", "办案程序", applies_when={"field": "in_custody", "equals": True}),
            _item("B2", "办案程序", applies_when={"field": "fast_track", "equals": True}),
            _item("B3", "办案程序"),
        )),
    ))


def make_case() -> Case:
    return Case(case_no=CASE_NO, title="王某某诈骗案", case_type="criminal.prosecution_review", prosecutor="赵某",
                received_on=dt.date(2026, 3, 2), in_custody=True, charges=["诈骗罪"],
                evidence=[Evidence("E1", "suspect_statement", "讯问笔录", attributes={"admits_guilt": True}),
                          Evidence("E2", "documentary", "转账记录")])


@pytest.fixture
def workspace(qtbot, services: Services) -> CaseWorkspace:
    """The test template is saved as the newest version, so the case's inspection is pinned to it."""
    services.templates.save(services.actor, TEMPLATE)
    services.cases.create(services.actor, make_case())
    widget = CaseWorkspace(services, CASE_NO)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.activateWindow()
    widget.walk.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.walk.view)
    return widget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key goes where the keyboard focus is, as it would for a person."""
    qtbot.keyClick(focused(), key, modifier)


def type_chinese(text: str) -> None:
    """Chinese arrives through the input method, committed as a whole phrase."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(focused(), event)


def saved(services: Services, workspace: CaseWorkspace) -> dict[str, Answer]:
    assert workspace.inspection is not None
    return services.inspections.view(workspace.inspection.info.id).answers


def test_a_whole_walk_by_keyboard_is_saved_item_by_item(qtbot, services, workspace) -> None:
    walk = workspace.walk
    assert walk.current_item_id() == "A1"
    assert walk.progress.text() == "已答 0 / 适用 4"

    press(qtbot, "2")  # 不符合 on an item that needs a reason: the note line takes the keyboard
    assert focused() is walk.note_edit
    assert walk.note_prompt.isVisible()
    assert saved(services, workspace)["A1"] == Answer("fail", "")
    type_chinese("卷内未见")
    qtbot.keyClicks(focused(), " E2")
    press(qtbot, Qt.Key.Key_Return)
    assert saved(services, workspace)["A1"] == Answer("fail", "卷内未见 E2")
    assert walk.current_item_id() == "A3", "A2 does not apply and is skipped"
    assert focused() is walk.view

    press(qtbot, "1")
    assert walk.current_item_id() == "B1"
    press(qtbot, "4")
    assert walk.current_item_id() == "B3", "B2 does not apply and is skipped"
    press(qtbot, "3")
    assert walk.current_item_id() == "B3", "the last item keeps the cursor"
    assert walk.progress.text() == "已答 4 / 适用 4"

    press(qtbot, Qt.Key.Key_Up)
    assert walk.current_item_id() == "B1"
    press(qtbot, Qt.Key.Key_Up)
    assert walk.current_item_id() == "A3"
    press(qtbot, "n")
    assert focused() is walk.note_edit
    qtbot.keyClicks(focused(), "checked twice")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Down)
    assert walk.current_item_id() == "B1"
    press(qtbot, "2")  # change 待核实 to 不符合 ...
    assert saved(services, workspace)["B1"].value == "fail"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # ... and take it back

    answers = saved(services, workspace)
    assert answers == {
        "A1": Answer("fail", "卷内未见 E2"),
        "A3": Answer("pass", "checked twice"),
        "B1": Answer("unsure", ""),
        "B3": Answer("na", ""),
    }
    assert walk.current_item_id() == "B1"
    assert walk.model.state("B1").value == "unsure"


def test_undo_of_a_first_answer_clears_it_in_the_database(qtbot, services, workspace) -> None:
    press(qtbot, "1")
    assert "A1" in saved(services, workspace)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "A1" not in saved(services, workspace)
    assert workspace.walk.current_item_id() == "A1"
    assert workspace.walk.progress.text() == "已答 0 / 适用 4"


def test_items_that_do_not_apply_are_greyed_and_cannot_be_answered(qtbot, services, workspace) -> None:
    walk = workspace.walk
    index = walk.proxy.mapFromSource(walk.model.item_index("A2", COL_ANSWER))
    assert index.data() == "不适用（本案）"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == GREY
    qtbot.mouseClick(walk.view.viewport(), Qt.MouseButton.LeftButton, pos=walk.view.visualRect(index).center())
    assert walk.current_item_id() == "A2"
    assert "仅适用于：证据中有鉴定意见" in walk.condition_label.text()
    assert not walk.answer_buttons["pass"].isEnabled()
    press(qtbot, "1")
    assert "A2" not in saved(services, workspace)
    assert walk.progress.text() == "已答 0 / 适用 4"


def test_details_show_basis_severity_veto_and_condition(workspace) -> None:
    walk = workspace.walk
    assert "未经核实" in walk.basis_label.text()  # A1 is marked verified: false
    walk.select_item("A3")
    assert "未经核实" not in walk.basis_label.text()
    assert "《中华人民共和国刑事诉讼法》第55条" in walk.basis_label.text()
    assert walk.veto_label.isVisible()
    assert "严重错误" in walk.meta_label.text() and "10 分" in walk.meta_label.text()
    assert walk.condition_label.text() == "适用条件：适用于所有案件"


def test_a_missing_required_note_is_listed_until_written(qtbot, services, workspace) -> None:
    walk = workspace.walk
    press(qtbot, "2")
    press(qtbot, Qt.Key.Key_Escape)  # later: the walk goes on
    assert focused() is walk.view
    assert walk.current_item_id() == "A3"
    assert walk.missing_label.isVisible() and "A1" in walk.missing_label.text()
    note = walk.proxy.mapFromSource(walk.model.item_index("A1", COL_NOTE))
    assert note.data() == MISSING_NOTE_TEXT
    walk.select_item("A1")
    press(qtbot, "n")
    press(qtbot, Qt.Key.Key_Return)  # an empty reason is refused
    assert walk.note_prompt.isVisible() and focused() is walk.note_edit
    qtbot.keyClicks(focused(), "no record")
    press(qtbot, Qt.Key.Key_Return)
    assert not walk.missing_label.isVisible()
    assert saved(services, workspace)["A1"] == Answer("fail", "no record")


def test_filter_unanswered_shows_only_open_items_and_follows_answers(qtbot, services, workspace) -> None:
    walk = workspace.walk
    press(qtbot, "1")  # A1
    qtbot.mouseClick(next(b for b in walk.filter_buttons.buttons() if b.text() == "未答"), Qt.MouseButton.LeftButton)

    def shown() -> list[str]:
        ids = []
        for s_row in range(walk.proxy.rowCount()):
            section = walk.proxy.index(s_row, 0)
            ids += [walk.proxy.index(i, 0, section).data(ITEM_ID_ROLE) for i in range(walk.proxy.rowCount(section))]
        return ids

    assert shown() == ["A3", "B1", "B3"]
    assert walk.current_item_id() == "A3"
    press(qtbot, "1")
    assert shown() == ["B1", "B3"]
    assert walk.current_item_id() == "B1"
    qtbot.mouseClick(next(b for b in walk.filter_buttons.buttons() if b.text() == "不符合"), Qt.MouseButton.LeftButton)
    assert shown() == []
    walk.set_filter("all")
    assert len(shown()) == 6


def test_applicability_follows_the_case_after_reload(services, workspace) -> None:
    case = make_case()
    case.evidence.append(Evidence("E3", "expert_opinion", "司法会计鉴定"))
    case.in_custody = False
    services.cases.update(services.actor, CASE_NO, case)
    workspace.reload()
    walk = workspace.walk
    assert walk.model.state("A2").applicable and not walk.model.state("B1").applicable
    assert walk.progress.text() == "已答 0 / 适用 4"
    assert walk.proxy.mapFromSource(walk.model.item_index("B1", COL_ANSWER)).data() == "不适用（本案）"


def test_score_and_grade_follow_each_answer(qtbot, services, workspace) -> None:
    workspace.walk.select_item("A3")
    with qtbot.waitSignal(workspace.caseChanged) as signal:
        press(qtbot, "2")  # a failed veto item
    assert signal.args == [CASE_NO]
    assert workspace.score is not None and workspace.score.proposed_code == "unqualified"
    assert "不合格" in workspace.score_panel.grade_label.text()
    assert workspace.score_panel.score_label.text() == f"{workspace.score.score:g} 分"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert workspace.score.proposed_code != "unqualified"


def test_a_failed_save_says_so_and_leaves_the_item_unanswered(qtbot, services, workspace, monkeypatch) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise DatabaseEnvironmentError("disk_full", "磁盘已满，修改未能保存。", "The disk is full.")

    monkeypatch.setattr(services.inspections, "answer", disk_full)
    press(qtbot, "1")
    walk = workspace.walk
    assert walk.error_label.isVisible() and "磁盘已满" in walk.error_label.text()
    assert walk.model.state("A1").value is None
    assert walk.current_item_id() == "A1"
    assert walk.progress.text() == "已答 0 / 适用 4"
    monkeypatch.undo()
    assert saved(services, workspace) == {}


def test_each_inspection_kind_is_its_own_walk(qtbot, services, workspace) -> None:
    press(qtbot, "1")
    workspace.set_kind("review")
    assert workspace.kind_box.currentText() == "评查"
    assert workspace.walk.progress.text() == "已答 0 / 适用 4"
    press(qtbot, "2")
    kinds = {info.kind: services.inspections.view(info.id).answers for info in services.inspections.for_case(CASE_NO)}
    assert kinds == {"self": {"A1": Answer("pass", "")}, "review": {"A1": Answer("fail", "")}}
    workspace.set_kind("self")
    assert workspace.walk.model.state("A1").value == "pass"


def test_walk_models_are_consistent_while_answering_and_filtering(qtbot, qtlog, workspace) -> None:
    walk = workspace.walk
    mode = QAbstractItemModelTester.FailureReportingMode.Warning
    testers = [QAbstractItemModelTester(model, mode, walk) for model in (walk.model, walk.proxy)]
    press(qtbot, "2")
    press(qtbot, Qt.Key.Key_Escape)
    walk.set_filter("failed")
    walk.set_filter("unanswered")
    press(qtbot, "1")
    walk.set_filter("all")
    workspace.reload()
    # The tester reports each broken model invariant as a warning starting with "FAIL!".
    assert testers and not [r.message for r in qtlog.records if r.type != QtMsgType.QtDebugMsg and "FAIL" in r.message]


def test_a_note_being_typed_is_kept_when_the_case_is_reloaded(qtbot, services, workspace) -> None:
    press(qtbot, "1")
    workspace.walk.select_item("A1")
    press(qtbot, "n")
    qtbot.keyClicks(focused(), "half typed")
    workspace.reload()  # e.g. the case was edited in another window
    assert saved(services, workspace)["A1"] == Answer("pass", "half typed")
    assert workspace.walk.model.state("A1").note == "half typed"


def test_the_mouse_works_too(qtbot, services, workspace) -> None:
    walk = workspace.walk
    qtbot.mouseClick(walk.answer_buttons["pass"], Qt.MouseButton.LeftButton)
    assert walk.current_item_id() == "A3"
    assert not walk.note_button.isEnabled(), "a note comes after the answer"
    row = walk.view.visualRect(walk.proxy.mapFromSource(walk.model.item_index("A1")))
    qtbot.mouseClick(walk.view.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    qtbot.mouseClick(walk.note_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(walk.note_edit, "seen in file")
    qtbot.mouseClick(walk.answer_buttons["fail"], Qt.MouseButton.LeftButton)  # the typed note goes with it
    assert saved(services, workspace) == {"A1": Answer("fail", "seen in file")}
    assert walk.current_item_id() == "A3" and not walk.missing_label.isVisible()
    qtbot.mouseClick(walk.undo_button, Qt.MouseButton.LeftButton)
    assert saved(services, workspace) == {"A1": Answer("pass", "seen in file")}
