"""No Chinese view shows a rule id or an English code as the text a person reads.

A rule id may appear only as a secondary detail (a grey suffix, a tooltip, a trailing id column, or in parentheses
after the title); statuses, outcomes, severities and evidence attributes are shown in Chinese.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from PySide6.QtGui import QTextDocument

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.rectification import RECTIFICATION_STATUSES
from desktop_app.core.rules.pack import load_rulebook
from desktop_app.services.container import Services
from desktop_app.services.demo import fill_demo
from desktop_app.ui.case_table_model import COL_CASE_NO
from desktop_app.ui.rectification_overview import COL_CASE_NO as OVERVIEW_CASE_NO
from desktop_app.ui.rectification_overview import COL_KEY as OVERVIEW_KEY
from desktop_app.ui.rectification_overview import COL_STATUS as OVERVIEW_STATUS
from desktop_app.ui.rectification_panel import COL_KEY
from desktop_app.ui.workspace import CaseWorkspace
from tests.gui.conftest import TODAY
from tests.gui.test_flags_panel import criminal_case, open_workspace
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

RULE_IDS = frozenset(rule.id for rule in load_rulebook().rules)
RAW_RULE_ID = re.compile(r"[A-Z]+-[A-Z0-9-]+")
RAW_CODES = re.compile(r"\b(open|closed|archived|pending|done|declined|approved|rejected|critical|major|minor|info"
                       r"|met|overdue|due_soon|suspended|pass|fail|unsure|True|False|true|false)\b")
#: A secondary detail: an id in Chinese or ASCII parentheses after the words it belongs to.
PARENTHESISED_ID = re.compile(r"[（(][A-Z]+-[A-Z0-9-]+[）)]")


def raw_ids(text: str) -> set[str]:
    return {found for found in RAW_RULE_ID.findall(text) if found in RULE_IDS or found.startswith(("DL-", "EVID-"))}


def assert_chinese(text: str, where: str) -> None:
    assert not raw_ids(text), f"{where} shows a rule id as its text: {text!r}"
    assert not RAW_CODES.search(text), f"{where} shows an English code: {text!r}"


def visible_main_text(html_text: str) -> str:
    """The label's text without its grey secondary spans."""
    main = re.sub(r"<span style='color:#9e9e9e[^>]*>.*?</span>", "", html_text)
    document = QTextDocument()
    document.setHtml(main)
    return document.toPlainText()


def case_with_codes() -> Case:
    case = criminal_case()
    evidence = [*case.evidence,
                Evidence("E4", "expert_opinion", "伤情鉴定", dt.date(2026, 2, 22),
                         attributes={"notified_to_suspect": False, "notified_to_victim": True}),
                Evidence("E5", "electronic_data", "手机数据", dt.date(2026, 2, 23),
                         attributes={"hash_value": "abc", "hash_algorithm": "SM3", "sealed": True})]
    events = [*case.events, Event("arrest_decided", dt.date(2026, 2, 25), outcome="approved")]
    return dataclasses.replace(case, evidence=evidence, events=events)


def test_flag_cards_reasons_rectification_and_evidence_read_in_chinese(qtbot, services: Services) -> None:
    workspace: CaseWorkspace = open_workspace(qtbot, services, case_with_codes())
    cards = workspace.flags_panel.cards
    assert cards, "the sample case raises flags"
    for card in cards:
        title_html = card.title_label.text()
        assert card.flag.rule in title_html and card.flag.rule in card.toolTip(), "the id stays as a detail"
        main = visible_main_text(title_html)
        assert card.flag.title in main
        assert_chinese(main, f"flag card {card.flag.rule}")
        assert_chinese(card.text(), f"flag card {card.flag.rule} body")

    reasons = PARENTHESISED_ID.sub("", workspace.score_panel.reasons_label.text())
    assert_chinese(reasons, "grade reasons")

    workspace.tabs.setCurrentWidget(workspace.rectification)
    model = workspace.rectification.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert any(model.index(r, COL_KEY).data() in RULE_IDS for r in range(model.rowCount())), "ids kept, at the end"
    for row in range(model.rowCount()):
        assert model.index(row, 0).data() in (model.line(row).problem,)
        for column in range(model.columnCount()):
            if column != COL_KEY:
                assert_chinese(model.index(row, column).data() or "", f"整改清单 row {row} column {column}")

    chain = workspace.evidence_chain
    evidence_texts = [chain.evidence_model.item(r, c).text() for r in range(chain.evidence_model.rowCount())
                      for c in range(1, chain.evidence_model.columnCount())]
    shown = "\n".join(evidence_texts)
    assert "鉴定意见已告知犯罪嫌疑人：否" in shown and "鉴定意见已告知被害人：是" in shown
    assert "校验算法：SM3" in shown and "封存移送：是" in shown
    assert "notified_to_suspect" not in shown
    assert_chinese(shown, "证据链 evidence table")
    events = [chain.event_model.item(r, c).text() for r in range(chain.event_model.rowCount())
              for c in range(chain.event_model.columnCount())]
    assert_chinese("\n".join(events), "证据链 event table")


def test_register_deadline_board_and_rectification_overview_read_in_chinese(qtbot, services: Services) -> None:
    """Statuses, risk counts, days left and rectification states are words, in every row a team lead sees."""
    fill_demo(services, 20, seed=5, today=TODAY)
    window = open_main_window(qtbot, services, activate=False)
    register = window.model
    qtbot.waitUntil(lambda: register.rowCount() > 0)
    for row in range(register.rowCount()):
        for column in range(register.columnCount()):
            if column != COL_CASE_NO:
                assert_chinese(str(register.index(row, column).data() or ""), f"register row {row} column {column}")
    board = window.board.model
    assert board.rowCount() > 0, "the demo has running periods"
    for row in range(board.rowCount()):
        for column in range(board.columnCount()):
            assert_chinese(str(board.index(row, column).data() or ""), f"期限看板 row {row} column {column}")
    overview = window.show_rectification_overview().model
    qtbot.waitUntil(lambda: overview.rowCount() > 0)
    statuses = {overview.index(row, OVERVIEW_STATUS).data() for row in range(overview.rowCount())}
    assert statuses <= set(RECTIFICATION_STATUSES.values()), statuses
    for row in range(overview.rowCount()):
        for column in range(overview.columnCount()):
            if column not in (OVERVIEW_KEY, OVERVIEW_CASE_NO):
                assert_chinese(str(overview.index(row, column).data() or ""), f"整改清单汇总 row {row} column {column}")
