"""Practising on a sample case: tick problems with the keyboard, submit, read the key; nothing reaches the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.training import TrainingDialog

SAMPLE = "criminal.arrest_review"
EXPECTED = ("DEF-PUBLIC-PROSECUTION-BASIS", "DEF-THRESHOLD-NOT-MET")


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> Iterator[TrainingDialog]:
    window = MainWindow(services)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.practice_action.trigger()
    opened = window.training_dialog
    assert opened is not None
    qtbot.waitUntil(opened.isVisible)
    opened.select_sample(SAMPLE)
    yield opened
    opened.close()


def tick(qtbot: QtBot, dialog: TrainingDialog, rule: str) -> QTreeWidgetItem:
    """Go to the problem and press Space, as a person ticking with the keyboard does."""
    item = dialog.item_of(rule)
    tree = dialog.choice_tree
    tree.setFocus()
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert item.checkState(0) == Qt.CheckState.Checked
    return item


def test_ticking_the_problems_of_the_key_scores_100(qtbot: QtBot, services: Services, dialog: TrainingDialog) -> None:
    assert dialog.summary.form.rowCount() >= 6
    assert dialog.evidence_chain.evidence_model.rowCount() == len(dialog.samples[dialog.sample_combo.currentIndex()]
                                                                  .case.evidence)
    posts = dialog.summary.facts.topLevelItem(0)
    assert (posts.text(0), posts.childCount()) == ("诽谤信息", 4)
    assert not dialog.answer_tabs.isTabEnabled(1), "the key stays hidden until the answer is submitted"

    for rule in EXPECTED:
        tick(qtbot, dialog, rule)
    assert dialog.ticked_label.text() == "已勾选 2 项"
    dialog.note_edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("浏览量未达五千次")
    QApplication.sendEvent(dialog.note_edit, event)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)

    assert dialog.score_label.text() == "得分 100 / 100"
    assert dialog.answer_tabs.currentWidget() is dialog.result_view
    text = dialog.result_view.toPlainText()
    assert text.count("【已发现】") == 2 and "【遗漏】" not in text and "【误选】" not in text
    assert "《中华人民共和国刑法》第246条第2款" in text, "the key's explanation is shown"
    assert "浏览量未达五千次" in text, "the trainee's note is set beside the key"
    assert dialog.item_of("DEF-THRESHOLD-NOT-MET").text(1) == "已发现"

    qtbot.mouseClick(dialog.evaluation_button, Qt.MouseButton.LeftButton)
    assert dialog.answer_tabs.currentWidget() is dialog.evaluation_panel
    assert all(dialog.evaluation_panel.card_for(rule) is not None for rule in EXPECTED)

    assert services.cases.count(CaseQuery()) == 0
    assert services.rectifications.rows() == []


def test_a_wrong_tick_is_listed_as_wrongly_ticked(qtbot: QtBot, dialog: TrainingDialog) -> None:
    wrong = next(choice for choice in dialog.choices if choice.rule not in EXPECTED)
    tick(qtbot, dialog, EXPECTED[0])
    tick(qtbot, dialog, wrong.rule)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)

    assert dialog.score_label.text() == "得分 33 / 100"  # 1 found / (2 expected + 1 wrong)
    text = dialog.result_view.toPlainText()
    assert f"【误选】{wrong.title}（{wrong.rule}）" in text
    assert "【遗漏】" in text and EXPECTED[1] in text
    assert dialog.item_of(wrong.rule).text(1) == "误选"
    assert dialog.item_of(EXPECTED[1]).text(1) == "遗漏"
    assert not dialog.submit_button.isEnabled()

    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert dialog.ticked() == set() and dialog.score_label.text() == "尚未提交"
    assert dialog.item_of(wrong.rule).text(1) == ""
    tick(qtbot, dialog, EXPECTED[1])
    assert dialog.submit_button.isEnabled()
