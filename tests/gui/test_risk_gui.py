"""The 三色码 tab of an arrest-review workspace and the 类案比对 chart of a sentenced case."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCharts import QScatterSeries

from desktop_app.core.case import Event
from desktop_app.services.container import Services
from desktop_app.ui.workspace import CaseWorkspace
from tests.factories import make_case

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL


def tab_titles(workspace: CaseWorkspace) -> list[str]:
    return [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]


def test_arrest_review_workspace_shows_the_code_and_asks_for_a_reason(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    case = make_case("京朝检刑批捕〔2026〕9号", case_type="criminal.arrest_review",
                     facts={"social_danger": {"repeated_offending": True, "first_offender": False}},
                     events=[Event("arrest_decided", dt.date(2026, 3, 5), "rejected")])
    services.cases.create(services.actor, case)
    workspace = CaseWorkspace(services, case.case_no)
    qtbot.addWidget(workspace)
    assert "三色码" in tab_titles(workspace) and "类案比对" not in tab_titles(workspace)
    panel = workspace.risk_tabs.panel
    assert panel.badge.text() == "黄色"
    assert panel.reasons.count() == 1 and "多次作案" in panel.reasons.item(0).text()
    assert panel.missing.count() > 20
    changes = [panel.changes.item(i).text() for i in range(panel.changes.count())]
    assert any("红色" in text for text in changes) and any("绿色" in text for text in changes)
    assert not panel.reason_button.isVisible()  # yellow: no decision disagrees with it

    refused_red = make_case("京朝检刑批捕〔2026〕10号", case_type="criminal.arrest_review", possible_sentence="over_10y",
                            events=[Event("arrest_decided", dt.date(2026, 3, 5), "rejected")])
    services.cases.create(services.actor, refused_red)
    workspace.reload(refused_red.case_no)
    assert panel.badge.text() == "红色" and "应当逮捕" in panel.reasons.item(0).text()
    assert "不一致" in panel.decision_label.text() and not panel.reason_button.isHidden()
    assert not panel.save_reason("")
    with qtbot.waitSignal(workspace.caseChanged):
        assert panel.save_reason("被害人已谅解，取保候审足以防止社会危险性")
    assert "被害人已谅解" in panel.decision_label.text()
    assert services.cases.get(refused_red.case_no).facts["social_danger_review"]["decision"] == "rejected"


def test_peer_comparison_highlights_the_case_and_opens_peers(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    def sentenced(number: int, months: float) -> None:
        services.cases.create(services.actor, make_case(
            f"京朝检刑诉〔2026〕{number}号", in_custody=False,
            facts={"sentencing": {"imposed": {"kind": "fixed_term", "months": months}, "amount_involved": 20000}}))

    for number in range(1, 10):
        sentenced(number, 12 + number % 3)
    sentenced(20, 70)
    workspace = CaseWorkspace(services, "京朝检刑诉〔2026〕20号")
    qtbot.addWidget(workspace)
    assert "类案比对" in tab_titles(workspace) and "三色码" not in tab_titles(workspace)
    peers = workspace.risk_tabs.peers
    assert "离群" in peers.summary.text() and "10 件" in peers.summary.text()
    scatter = [s for s in peers.chart.series() if isinstance(s, QScatterSeries)]
    assert [s.name() for s in scatter] == ["同类案件", "本案"]
    assert scatter[0].count() == 9 and scatter[1].points()[0].y() == 70
    assert peers.table.rowCount() == 10 and peers.table.item(0, 0).text() == "京朝检刑诉〔2026〕20号"
    with qtbot.waitSignal(workspace.risk_tabs.openCase) as opened:
        peers.table.cellDoubleClicked.emit(3, 0)
    assert opened.args == [peers.table.item(3, 0).text()]


def test_kaohe_dialog_lists_marks_filters_and_exports(qtbot, services: Services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.core.chinese_order import sorted_chinese
    from desktop_app.services.demo import fill_demo
    from desktop_app.ui import rectification_overview
    from desktop_app.ui.kaohe_view import MARK_COLOURS, KaoheDialog

    fill_demo(services, 120, seed=2, today=dt.date(2026, 3, 20))
    dialog = KaoheDialog(services)
    qtbot.addWidget(dialog)
    dialog.date_from.setDate(dialog.date_from.date().addYears(-3))
    report = dialog.run()
    assert dialog.prosecutors.rowCount() == len(report.prosecutors) > 0
    assert dialog.negative.rowCount() == len(report.negative) > 0
    names = [dialog.prosecutor_filter.itemText(i) for i in range(1, dialog.prosecutor_filter.count())]
    assert len(names) > 1 and names == sorted_chinese(names), "the same 拼音 order as the register's drop-downs"
    first = dialog.negative.item(0, 0)
    assert first.background().color().name() in MARK_COLOURS.values()
    dialog.grade_filter.setCurrentIndex(dialog.grade_filter.findData("unqualified"))
    assert all(e.grade_code == "unqualified" for e in dialog.visible_entries())
    assert dialog.negative.rowCount() == len(dialog.visible_entries())
    out = tmp_path / "k.xlsx"
    monkeypatch.setattr(rectification_overview, "choose_save_file", lambda *args: out)
    dialog.export()
    assert out.exists()
