"""Flags and periods beside the walk, and the evidence chain a flag leads to."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.services.container import Services
from desktop_app.ui.evidence_chain import CHAIN_BASIS
from desktop_app.ui.flags_panel import SEVERITY_COLOURS
from desktop_app.ui.workspace import CaseWorkspace

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL


def criminal_case(case_no: str = "京朝检刑诉〔2026〕123号", *, admits: bool = True) -> Case:
    return Case(
        case_no=case_no, title="张某某盗窃案", case_type="criminal.prosecution_review", prosecutor="李某",
        received_on=dt.date(2026, 3, 2), in_custody=True, charges=["盗窃罪"], possible_sentence="1_to_3y",
        evidence=[
            Evidence("E1", "suspect_statement", "讯问笔录", dt.date(2026, 2, 20),
                     attributes={"admits_guilt": admits, "place": "detention_center", "audio_video_recorded": True}),
            Evidence("E2", "electronic_data", "监控视频提取", dt.date(2026, 2, 21), attributes={"witness_present": True}),
            Evidence("E3", "witness_testimony", "证人王某证言"),
        ],
        events=[Event("detained_in_center", dt.date(2026, 2, 19)),
                Event("transferred_for_prosecution", dt.date(2026, 3, 2))],
    )


def enforcement_case() -> Case:
    return Case(
        case_no="京朝检民执监〔2026〕5号", title="某公司申请执行监督案", case_type="civil.enforcement_termination",
        prosecutor="周某", received_on=dt.date(2026, 1, 5),
        events=[Event("execution_filed", dt.date(2025, 6, 1)), Event("property_control", dt.date(2025, 7, 1)),
                Event("termination_ruled", dt.date(2025, 10, 10))],
    )


def open_workspace(qtbot, services: Services, case: Case) -> CaseWorkspace:
    services.cases.create(services.actor, case)
    widget = CaseWorkspace(services, case.case_no)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_edata_without_hash_is_flagged_with_its_basis_and_leads_to_e2(qtbot, services) -> None:
    workspace = open_workspace(qtbot, services, criminal_case())
    card = workspace.flags_panel.card_for("EVID-EDATA-NO-HASH")
    assert card is not None
    assert card.flag.evidence_ids == ("E2",)
    assert "《最高人民法院、最高人民检察院、公安部关于办理刑事案件收集提取和审查判断电子数据若干问题的规定》第14条" in card.text()
    assert "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第111条" in card.text()
    assert "未经核实" not in card.text()
    assert SEVERITY_COLOURS["major"][0] in card.styleSheet()
    assert "E2" in card.target_label.text()
    assert workspace.tabs.currentWidget() is workspace.walk

    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)

    assert workspace.tabs.currentWidget() is workspace.evidence_chain
    assert workspace.evidence_chain.selected_evidence_ids() == ["E2"]
    assert workspace.evidence_chain.evidence_table.isVisible()


def test_an_unconfirmed_basis_is_marked_and_an_event_flag_selects_its_event(qtbot, services) -> None:
    workspace = open_workspace(qtbot, services, enforcement_case())
    card = workspace.flags_panel.card_for("ENF-NO-APPLICANT-INTERVIEW")
    assert card is not None
    assert "（未经核实）" in card.basis_label.text()
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert workspace.tabs.currentWidget() is workspace.evidence_chain
    assert workspace.evidence_chain.selected_event_dates() == ["2025-10-10"]
    assert workspace.evidence_chain.selected_evidence_ids() == []


def test_periods_are_listed_with_status_and_days_left(qtbot, services) -> None:
    workspace = open_workspace(qtbot, services, criminal_case())
    table = workspace.flags_panel.deadline_table
    rows = [table.topLevelItem(i) for i in range(table.topLevelItemCount())]
    review = next(row for row in rows if row.text(0) == "审查起诉期限")
    assert review.text(1) == "2026-04-02"
    assert review.text(2) == "进行中"
    assert review.text(3) == "剩余 13 天"
    assert "《中华人民共和国刑事诉讼法》第172条" in review.toolTip(0)


def test_evidence_chain_counts_kinds_marks_gaps_and_guides_a_zero_confession_case(qtbot, services) -> None:
    workspace = open_workspace(qtbot, services, criminal_case(admits=False))
    chain = workspace.evidence_chain
    assert chain.gaps() == ["physical", "documentary", "victim_statement", "expert_opinion",
                            "investigation_record", "audiovisual"]
    counts = {chain.category_model.item(r, 0).text(): chain.category_model.item(r, 1).text()
              for r in range(chain.category_model.rowCount())}
    assert counts["电子数据"] == "1" and counts["物证"].startswith("0") and "缺" in counts["物证"]
    assert chain.evidence_model.rowCount() == 3
    workspace.tabs.setCurrentWidget(chain)
    assert chain.chain_guide.isVisible()
    assert len(chain.chain_items) == 5 and "完整的证据链" in chain.chain_items[2].text()
    assert chain.chain_basis_label.text() == f"依据：{CHAIN_BASIS}"
    assert CHAIN_BASIS == "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第140条"
    assert workspace.flags_panel.card_for("EVID-ZERO-CONFESSION") is not None


def test_no_chain_guide_when_the_suspect_admits_guilt(qtbot, services) -> None:
    workspace = open_workspace(qtbot, services, criminal_case(admits=True))
    workspace.tabs.setCurrentWidget(workspace.evidence_chain)
    assert not workspace.evidence_chain.chain_guide.isVisible()
    assert workspace.flags_panel.card_for("EVID-ZERO-CONFESSION") is None


def test_flags_follow_the_case_after_an_edit(qtbot, services) -> None:
    workspace = open_workspace(qtbot, services, criminal_case())
    case = criminal_case()
    case.evidence[1].attributes["hash_value"] = "9F86D081"
    services.cases.update(services.actor, case.case_no, case)
    workspace.reload()
    assert workspace.flags_panel.card_for("EVID-EDATA-NO-HASH") is None
    assert "校验值：9F86D081" in workspace.evidence_chain.evidence_model.item(1, 5).text()
