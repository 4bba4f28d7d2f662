"""The register as a team lead's dashboard: progress, score, grade, risks and the nearest period per case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.ui.case_table_model import (
    CASE_NO_ROLE,
    COL_DUE,
    COL_GRADE,
    COL_PROGRESS,
    COL_RISK,
    COL_SCORE,
)
from desktop_app.ui.deadline_board import STATUS_COLOURS
from tests.factories import make_case
from tests.gui.windows import open_main_window

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL


def test_register_shows_sorts_and_filters_the_figures(qtbot: QtBot, services: Services) -> None:
    clean = make_case("京朝检刑诉〔2026〕1号")
    risky = make_case("京朝检刑诉〔2026〕2号")
    risky.evidence[1].attributes.pop("hash_value")
    services.cases.create(services.actor, clean)
    services.cases.create(services.actor, risky)
    window = open_main_window(qtbot, services)
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert {"检查进度", "得分", "拟评等次", "风险提示", "最近期限"} <= set(headers)

    window.table.horizontalHeader().setSortIndicator(COL_SCORE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data(CASE_NO_ROLE) == risky.case_no, "the lowest score first"
    low, high = (float(model.index(r, COL_SCORE).data()) for r in (0, 1))
    assert low < high
    assert "一般" in model.index(0, COL_RISK).data() or "严重" in model.index(0, COL_RISK).data()
    assert model.index(0, COL_GRADE).data() in {"优秀", "优质", "合格", "瑕疵", "不合格"}
    figures = services.cases.page(CaseQuery(case_nos=(risky.case_no,)))[0].figures
    assert figures is not None
    applicable = figures.applicable
    assert model.index(0, COL_PROGRESS).data() == f"0/{applicable}"
    due_text = model.index(0, COL_DUE).data()
    assert due_text.startswith("剩 ") and due_text.endswith(" 天")
    background = model.index(0, COL_DUE).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color().name() in {c[0] for c in STATUS_COLOURS.values()}

    bar = window.filter_bar
    bar.risk_combo.setCurrentIndex(bar.risk_combo.findData("none"))
    assert model.rowCount() == 1 and model.index(0, 0).data(CASE_NO_ROLE) == clean.case_no
    bar.reset()
    assert model.rowCount() == 2
