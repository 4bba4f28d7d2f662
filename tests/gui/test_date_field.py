"""A typed date is kept as typed and refused with a reason naming the field, never replaced by another date."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QTableWidgetItem
from pytestqt.qtbot import QtBot

from desktop_app.services.container import Services
from desktop_app.ui.case_editor import EVIDENCE_COLUMNS, CaseEditor
from desktop_app.ui.date_field import date_problem
from tests.factories import make_case

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL


def test_date_reasons() -> None:
    assert date_problem("2026-03-02") is None
    assert "13 月" in (date_problem("2026-13-45") or "")
    assert "2 月没有 30 日" in (date_problem("2026-02-30") or "") and "28 天" in (date_problem("2026-02-30") or "")
    assert date_problem("2028-02-29") is None
    assert "YYYY-MM-DD" in (date_problem("2026/3/2") or "")
    assert "1900" in (date_problem("1899-12-31") or "")


def test_impossible_dates_are_refused_not_replaced(qtbot: QtBot, services: Services,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    case = make_case()
    services.cases.create(services.actor, case)
    editor = CaseEditor(services, case.case_no)
    qtbot.addWidget(editor)
    editor.show()
    editor.received_edit.edit.clear()
    qtbot.keyClicks(editor.received_edit.edit, "2026-13-45")
    column = next(i for i, spec in enumerate(EVIDENCE_COLUMNS) if spec.key == "collected_on")
    editor.evidence.table.setItem(0, column, QTableWidgetItem("2026-02-30"))
    editor.save()
    assert editor.isVisible(), "nothing is saved while a date is wrong"
    message = editor.error_labels["received_on"].text()
    assert "受理日期" in message and "2026-13-45" in message and "13 月" in message
    assert editor.received_edit.edit.text() == "2026-13-45", "what was typed stays for the person to correct"
    problems = editor.evidence.error.text()
    assert "收集日期" in problems and "2 月没有 30 日" in problems and "格式" not in problems
    assert services.cases.get(case.case_no).received_on == case.received_on
    editor.reject()


def test_closing_date_is_refused_not_replaced(qtbot: QtBot, services: Services,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    case = make_case()
    services.cases.create(services.actor, case)
    editor = CaseEditor(services, case.case_no)
    qtbot.addWidget(editor)
    editor.show()
    editor.closed_edit.check.setChecked(True)
    editor.closed_edit.edit.edit.clear()
    qtbot.keyClicks(editor.closed_edit.edit.edit, "2026-02-30")
    editor.save()
    assert editor.isVisible(), "nothing is saved while 办结日期 is wrong"
    message = editor.error_labels["closed_on"].text()
    assert "办结日期" in message and "2026-02-30" in message and "2 月没有 30 日" in message
    assert editor.closed_edit.edit.edit.text() == "2026-02-30"
    assert services.cases.get(case.case_no).closed_on == case.closed_on
    editor.reject()


def test_filter_dates_refuse_an_impossible_date(qtbot: QtBot, services: Services) -> None:
    from desktop_app.ui.filter_bar import FilterBar

    bar = FilterBar(services.cases)
    qtbot.addWidget(bar)
    bar.date_from.check.setChecked(True)
    bar.date_from.edit.edit.clear()
    qtbot.keyClicks(bar.date_from.edit.edit, "2026-03-02")
    assert str(bar.query().date_from) == "2026-03-02"
    bar.date_from.edit.edit.clear()
    qtbot.keyClicks(bar.date_from.edit.edit, "2026-13-45")
    assert bar.date_from.edit.edit.text() == "2026-13-45", "not turned into another date"
    assert bar.query().date_from is None
    problem = bar.date_from.problem() or ""
    assert "受理日期（起）" in problem and "13 月" in problem
    assert bar.date_from.edit.edit.toolTip() == problem and "c62828" in bar.date_from.edit.edit.styleSheet()
