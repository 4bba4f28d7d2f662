"""Practising on a sample case in the real checklist walk: answer from the keyboard, submit, read the result."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.core.checklists import item_states
from desktop_app.core.training import answer_key_to_dict, load_answer_key
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.services.samples import builtin_samples_dir, imported_samples_dir
from desktop_app.services.training_results import class_report
from desktop_app.ui.checklist_walk import ChecklistWalk
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.training import TrainingDialog, TrainingResultsDialog

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

SOURCE = "criminal.arrest_review"
SAMPLE = "practice.arrest_review"


def _write_keyed_sample(services: Services) -> tuple[str, str, list[str]]:
    """An imported sample whose key expects 符合 of every applicable item but two (不符合); returns those two."""
    folder = imported_samples_dir()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(builtin_samples_dir() / f"{SOURCE}.json", folder / f"{SAMPLE}.json")
    key = load_answer_key(builtin_samples_dir() / f"{SOURCE}.key.json")
    from desktop_app.core.case_format import load_case_file

    case = load_case_file(folder / f"{SAMPLE}.json")
    template = services.templates.current(case.case_type)[1]
    applicable = [s.item.id for s in item_states(template, case, {}) if s.applicable]
    first, second = applicable[1], applicable[3]
    data = answer_key_to_dict(key)
    data["items"] = {i: {"expected": "pass"} for i in applicable}
    data["items"][first] = {"expected": "fail", "explanation": "第一处问题的说明",
                            "basis": "《中华人民共和国刑事诉讼法》第91条第3款"}
    data["items"][second] = {"expected": "fail", "explanation": "第二处问题的说明"}
    (folder / f"{SAMPLE}.key.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return first, second, applicable


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[MainWindow]:
    opened = MainWindow(services)
    qtbot.addWidget(opened)
    with qtbot.waitExposed(opened):
        opened.show()
    yield opened


def _open(qtbot: QtBot, window: MainWindow) -> TrainingDialog:
    window.practice_action.trigger()
    dialog = window.training_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.select_sample(SAMPLE)
    return dialog


def _press(qtbot: QtBot, walk: ChecklistWalk, key: str) -> None:
    """A key as a person presses it in the list; a required reason for 不符合 is typed and saved with Enter."""
    qtbot.keyClick(walk.view, key)
    if walk.note_prompt.isVisibleTo(walk):
        qtbot.keyClicks(walk.note_edit, "reason")
        qtbot.keyClick(walk.note_edit, Qt.Key.Key_Return)


def test_walking_a_sample_by_keyboard_and_submitting_shows_the_result(qtbot: QtBot, services: Services,
                                                                       window: MainWindow) -> None:
    first, second, applicable = _write_keyed_sample(services)
    dialog = _open(qtbot, window)
    assert isinstance(dialog.walk, ChecklistWalk), "the same walk widget as at work"
    assert not dialog.answer_tabs.isTabEnabled(1), "the key stays hidden until the answer is submitted"
    assert "第一处问题的说明" not in dialog.walk.question_label.text()
    walk = dialog.walk
    walk.view.setFocus()
    # The trainee finds the first problem, misses the second (says 符合) and raises a false alarm on the last item.
    for item_id in applicable:
        assert walk.current_item_id() == item_id
        _press(qtbot, walk, "2" if item_id in (first, applicable[-1]) else "1")
    assert walk.progress.format() == f"已答 {len(applicable)} / 适用 {len(applicable)}"
    qtbot.keyClick(walk.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo works as at work
    assert dialog.answers.get(applicable[-1]) is None
    qtbot.keyClick(walk.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert dialog.answers[applicable[-1]].value == "fail"

    qtbot.keyClick(walk.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    result = dialog.practice_result
    assert result is not None
    expected_score = int(100 * (len(applicable) - 2) / len(applicable) + 0.5)
    assert result.score == expected_score
    assert dialog.score_label.text() == f"得分 {expected_score} / 100"
    assert dialog.answer_tabs.currentWidget() is dialog.result_view
    text = dialog.result_view.toPlainText()
    assert "遗漏问题（1）" in text and second in text and "第二处问题的说明" in text
    assert "误报问题（1）" in text and applicable[-1] in text
    assert "第一处问题的说明" in text, "a problem found is explained too"
    assert dialog.item_table.rowCount() == len(applicable)
    # After submitting, the walk takes no more answers until 重新作答.
    _press(qtbot, walk, "1")
    assert "已提交" in walk.error_label.text()

    report = class_report(services.database, services.actor)
    assert [(r.sample, r.score, r.missed, r.false_alarms) for r in report.rows] == [(SAMPLE, expected_score, 1, 1)]
    assert [m.item_id for m in report.most_missed] == [second, applicable[-1]]
    assert services.cases.count(CaseQuery()) == 0, "practice never touches the register"

    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert dialog.score_label.text() == "尚未提交" and dialog.answers == {}
    assert walk.current_item_id() == applicable[0]

    results = TrainingResultsDialog(services, window)
    qtbot.addWidget(results)
    assert results.trainees.rowCount() == 1 and results.missed.item(0, 0).text() == second
    dialog.close()
