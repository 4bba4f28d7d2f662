"""Side-by-side inspections of one case, and a reviewer's grade override."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt, QtMsgType
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.case import Case, Evidence
from desktop_app.services.actors import Actor, ensure_user
from desktop_app.services.container import Services
from desktop_app.services.uow import UnitOfWork
from desktop_app.ui.inspection_compare import DIFFERENCE_BACKGROUND, InspectionCompare
from desktop_app.ui.workspace import CaseWorkspace

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CASE_NO = "京朝检刑诉〔2026〕31号"


@pytest.fixture(autouse=True)
def case(services: Services) -> Case:
    created = Case(case_no=CASE_NO, title="刘某某故意伤害案", case_type="criminal.prosecution_review", prosecutor="孙某",
                   received_on=dt.date(2026, 3, 2), evidence=[
                       Evidence("E1", "suspect_statement", "讯问笔录", attributes={"admits_guilt": True}),
                       Evidence("E2", "expert_opinion", "伤情鉴定")])
    services.cases.create(services.actor, created)
    return created


def other_user(services: Services, login: str, name: str, role: str) -> Actor:
    with UnitOfWork(services.database) as uow:
        actor = ensure_user(uow.session, login, name, role)
        uow.commit()
    return actor


def test_compare_shows_every_inspection_and_highlights_disagreements(qtbot, qtlog, services) -> None:
    lead = other_user(services, "lead1", "部门负责人甲", "lead")
    own = services.inspections.open(services.actor, CASE_NO, "self")
    review = services.inspections.open(services.actor, CASE_NO, "review")
    department = services.inspections.open(lead, CASE_NO, "department")
    first, second, third = (item.id for item in own.template.items[:3])
    services.inspections.answer(services.actor, own.info.id, first, "pass")
    services.inspections.answer(services.actor, own.info.id, second, "fail", "笔录无签名")
    services.inspections.answer(services.actor, review.info.id, first, "pass")
    services.inspections.answer(services.actor, review.info.id, second, "pass")
    services.inspections.answer(lead, department.info.id, first, "pass")
    services.inspections.answer(lead, department.info.id, third, "unsure")  # only one answer: no disagreement

    compare = InspectionCompare(services, CASE_NO)
    qtbot.addWidget(compare)
    QAbstractItemModelTester(compare.model, QAbstractItemModelTester.FailureReportingMode.Warning, compare)
    QAbstractItemModelTester(compare.proxy, QAbstractItemModelTester.FailureReportingMode.Warning, compare)
    compare.reload()
    compare.show()

    model = compare.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:2] == ["编号", "检查项"]
    assert [h.split("\n")[0] for h in headers[2:]] == ["自查", "部门核查", "评查"]
    assert "部门负责人甲" in " ".join(headers)
    assert model.rowCount() == len(own.template.items)

    row = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    column = {h.split("\n")[0]: c for c, h in enumerate(headers)}
    assert model.index(row[second], column["自查"]).data() == "不符合"
    assert model.index(row[second], column["评查"]).data() == "符合"
    assert model.index(row[second], column["部门核查"]).data() == "未答"
    assert model.index(row[second], column["自查"]).data(Qt.ItemDataRole.ToolTipRole) == "备注：笔录无签名"
    assert model.index(row[second], 1).data(Qt.ItemDataRole.BackgroundRole).color() == DIFFERENCE_BACKGROUND
    assert model.index(row[first], 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(row[third], 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "1 项答案不一致" in compare.summary_label.text()

    qtbot.mouseClick(compare.only_differences, Qt.MouseButton.LeftButton)
    assert compare.proxy.rowCount() == 1
    assert compare.proxy.index(0, 0).data() == second
    qtbot.mouseClick(compare.only_differences, Qt.MouseButton.LeftButton)
    assert compare.proxy.rowCount() == len(own.template.items)
    assert not [r.message for r in qtlog.records if r.type != QtMsgType.QtDebugMsg and "FAIL" in r.message]


def test_the_compare_tab_shows_answers_just_given_in_the_walk(qtbot, services) -> None:
    workspace = CaseWorkspace(services, CASE_NO)
    qtbot.addWidget(workspace)
    workspace.show()  # on screen, as a workspace being answered is: leaving it stores what the answers changed
    workspace.walk.answer_current("pass")
    workspace.set_kind("review")
    workspace.walk.answer_current("na")
    workspace.tabs.setCurrentWidget(workspace.compare)
    model = workspace.compare.model
    assert model.columnCount() == 4
    assert {model.index(0, c).data() for c in (2, 3)} == {"符合", "不适用"}
    assert workspace.compare.proxy.rowCount() == model.rowCount()
    workspace.compare.only_differences.setChecked(True)
    assert workspace.compare.proxy.rowCount() == 1


def test_a_reviewer_overrides_the_grade_with_a_reason(qtbot, services) -> None:
    workspace = CaseWorkspace(services, CASE_NO)
    qtbot.addWidget(workspace)
    workspace.show()
    proposed = workspace.score.proposed_code
    qtbot.mouseClick(workspace.score_panel.override_button, Qt.MouseButton.LeftButton)
    dialog = workspace.override_dialog
    assert dialog is not None and dialog.isVisible()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not save.isEnabled(), "a reason is required"
    dialog.grade_box.setCurrentIndex(dialog.grade_box.findText("瑕疵"))
    qtbot.keyClicks(dialog.reason_edit, "evidence list incomplete")
    assert save.isEnabled()
    with qtbot.waitSignal(workspace.caseChanged):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    override = services.inspections.override_of(workspace.inspection.info.id)
    assert override is not None
    assert (override.grade_code, override.reason, override.proposed_code) == ("flawed", "evidence list incomplete",
                                                                             proposed)
    assert workspace.score.grade == "瑕疵" and workspace.score.proposed_code == proposed
    assert workspace.score_panel.override_label.isVisible()
    assert "瑕疵" in workspace.score_panel.override_label.text()


def test_a_prosecutor_may_not_override_and_is_told_so(qtbot, services) -> None:
    prosecutor = other_user(services, "p1", "检察官乙", "prosecutor")
    as_prosecutor = dataclasses.replace(services, actor=prosecutor)
    workspace = CaseWorkspace(as_prosecutor, CASE_NO)
    qtbot.addWidget(workspace)
    workspace.show()
    dialog = workspace.open_override_dialog()
    assert dialog is not None
    qtbot.keyClicks(dialog.reason_edit, "too strict")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "无权" in dialog.error_label.text() and "Traceback" not in dialog.error_label.text()
    assert services.inspections.override_of(workspace.inspection.info.id) is None
    assert not workspace.score_panel.override_label.isVisible()
