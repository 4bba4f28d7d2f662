"""The cited article's text, read from the statute library, where a person reads a basis: the checklist walk's
detail pane, the flag card and the trainee's result."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.core.case import Case, Evidence
from desktop_app.core.case_format import load_case_file
from desktop_app.core.checklists import item_states
from desktop_app.core.training import answer_key_to_dict, load_answer_key
from desktop_app.services.container import Services
from desktop_app.services.samples import builtin_samples_dir, imported_samples_dir
from desktop_app.ui.law_text import NOT_IN_LIBRARY
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workspace import CaseWorkspace

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

CASE_NO = "京朝检刑诉〔2026〕31号"


def open_workspace(qtbot: QtBot, services: Services) -> CaseWorkspace:
    case = Case(
        case_no=CASE_NO, title="王某盗窃案", case_type="criminal.prosecution_review", prosecutor="李某",
        received_on=dt.date(2026, 3, 2), in_custody=True, charges=["盗窃罪"],
        evidence=[Evidence("E1", "electronic_data", "监控视频提取", dt.date(2026, 2, 21))],
    )
    services.cases.create(services.actor, case)
    widget = CaseWorkspace(services, CASE_NO)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_the_walk_shows_the_text_of_the_articles_the_current_item_cites(qtbot: QtBot, services: Services) -> None:
    walk = open_workspace(qtbot, services).walk
    assert walk.select_item("PR-PR-01")  # 《中华人民共和国刑事诉讼法》第34条第2款
    view = walk.article_view
    assert view.isVisible()
    assert "《中华人民共和国刑事诉讼法》第三十四条" in view.toPlainText()
    assert "人民检察院自收到移送审查起诉的案件材料之日起三日以内" in view.toPlainText()

    assert walk.select_item("PR-EV-09")  # cites the 2016 电子数据规定, read elsewhere: the item says where
    assert walk.basis_label.toolTip().startswith("核实出处：《关于办理刑事案件收集提取和审查判断电子数据若干问题的规定》")

    assert walk.select_item("PR-SY-01")  # also cites the 2025 规定, which the library lacks
    assert "第六百六十四条" in view.toPlainText()
    assert "评查工作规定" not in view.toPlainText()


def test_a_flag_card_opens_the_article_text_of_its_basis(qtbot: QtBot, services: Services) -> None:
    card = open_workspace(qtbot, services).flags_panel.card_for("EVID-EDATA-NO-HASH")
    assert card is not None
    assert not card.article_view.isVisible()
    qtbot.mouseClick(card.article_button, Qt.MouseButton.LeftButton)
    assert card.article_view.isVisible()
    text = card.article_view.toPlainText()
    assert "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第一百一十一条" in text
    assert "完整性校验值" in text
    qtbot.mouseClick(card.article_button, Qt.MouseButton.LeftButton)
    assert not card.article_view.isVisible()


def test_a_basis_outside_the_library_says_so(qtbot: QtBot) -> None:
    from desktop_app.ui.law_text import ArticleTextView

    view = ArticleTextView()
    qtbot.addWidget(view)
    view.set_basis("《人民检察院公益诉讼办案规则》关于磋商的规定（条文序号待核）")
    assert NOT_IN_LIBRARY in view.toPlainText()


def test_the_trainee_result_quotes_the_articles_of_each_problem(qtbot: QtBot, services: Services) -> None:
    folder = imported_samples_dir()
    folder.mkdir(parents=True)
    shutil.copy(builtin_samples_dir() / "criminal.arrest_review.json", folder / "quoted.json")
    key = load_answer_key(builtin_samples_dir() / "criminal.arrest_review.key.json")
    template = services.templates.current("criminal.arrest_review")[1]
    first = next(s.item.id for s in item_states(template, load_case_file(folder / "quoted.json"), {}) if s.applicable)
    data = answer_key_to_dict(key)
    data["items"] = {first: {"expected": "fail", "explanation": "不能作为公诉案件",
                             "basis": "《中华人民共和国刑法》第246条第2款"}}
    (folder / "quoted.key.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    window = MainWindow(services)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.practice_action.trigger()
    dialog = window.training_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.select_sample("quoted")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    text = dialog.result_view.toPlainText()
    # The missed item's basis cites 刑法 第246条: its text, not only its number, is in the result.
    assert "《中华人民共和国刑法》第二百四十六条" in text
    assert "告诉的才处理" in text
    dialog.close()
