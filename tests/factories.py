"""Small valid domain objects for tests."""

from __future__ import annotations

import datetime as dt

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.checklist_model import ChecklistItem, ChecklistSection, ChecklistTemplate


def make_case(case_no: str = "京朝检刑诉〔2026〕1号", **changes: object) -> Case:
    """A small, valid 审查起诉 case; keyword arguments replace fields."""
    case = Case(
        case_no=case_no,
        title="张某某盗窃案",
        case_type="criminal.prosecution_review",
        prosecutor="李某",
        department="第一检察部",
        received_on=dt.date(2026, 3, 2),
        in_custody=True,
        charges=["盗窃罪"],
        possible_sentence="1_to_3y",
        evidence=[
            Evidence(
                id="E1",
                category="suspect_statement",
                title="讯问笔录",
                collected_on=dt.date(2026, 2, 20),
                attributes={"admits_guilt": True, "place": "detention_center"},
            ),
            Evidence(
                id="E2",
                category="electronic_data",
                title="监控视频提取",
                collected_on=dt.date(2026, 2, 21),
                attributes={"hash_value": "ab12", "witness_present": True},
            ),
            Evidence(id="E3", category="witness_testimony", title="证人王某证言"),
        ],
        events=[Event(kind="detained_in_center", date=dt.date(2026, 2, 19))],
    )
    for key, value in changes.items():
        setattr(case, key, value)
    return case


def item(item_id: str, question: str, heading: str, basis: str, *, verified: bool = True, severity: str = "一般错误",
         deduction: float = 4) -> ChecklistItem:
    return ChecklistItem(id=item_id, question=question, guidance="", verified=verified, heading=heading,
                         legal_basis=basis, severity=severity, deduction=deduction)


def template(*items: ChecklistItem, case_type: str = "criminal.prosecution_review") -> ChecklistTemplate:
    """A small template with one section per heading used by `items`, in the order given."""
    headings = list(dict.fromkeys(i.heading for i in items))
    return ChecklistTemplate(
        id=case_type, title="审查起诉案件自查表", version="2026.1",
        sections=tuple(ChecklistSection(h, tuple(i for i in items if i.heading == h)) for h in headings),
    )
