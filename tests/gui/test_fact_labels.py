"""A case turned into a sample shows its facts in words: a trainee reads 社会危险性 indicators and sentences, not
the keys and records of the case format."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop_app.core.demo import generate_cases
from desktop_app.core.risk.social_danger import load_shipped_model
from desktop_app.ui.training import CaseSummary


def _rows(item: QTreeWidgetItem) -> list[tuple[str, str]]:
    rows = [(item.text(0), item.text(1))]
    for index in range(item.childCount()):
        rows += _rows(item.child(index))
    return rows


def test_a_demo_case_s_risk_and_sentencing_facts_are_shown_in_words(qtbot: QtBot) -> None:
    case = next(c for c in generate_cases(300, today=dt.date(2026, 3, 20))
                if "social_danger" in c.facts
                and c.facts.get("sentencing", {}).get("imposed", {}).get("kind") == "fixed_term")
    summary = CaseSummary()
    qtbot.addWidget(summary)
    summary.set_case(case)
    tree = summary.facts
    rows = [row for i in range(tree.topLevelItemCount()) for row in _rows(tree.topLevelItem(i))]
    labels = [label for label, _ in rows]
    keys = {*case.facts, *case.facts["social_danger"], *case.facts["sentencing"], "kind", "months"}
    assert not [label for label in labels if label in keys], rows
    texts = {i.id: i.text for i in load_shipped_model().indicators}
    shown = dict(rows)
    for indicator, value in case.facts["social_danger"].items():
        assert shown[texts[indicator]] == {True: "是", False: "否", None: "尚未查明"}[value]
    assert shown["判处刑罚"].startswith("有期徒刑"), shown
