"""Checklist templates as plain data: a template per case type, in sections, each item with its legal basis.

Templates are loaded from `resources/checklists/*.yaml` (see `checklists.py`); an inspection pins the
template version it used, so an old inspection is always shown and scored against its own items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The nine problem headings case reviewers use (评查 问题类别).
PROBLEM_HEADINGS: tuple[str, ...] = (
    "证据采信",
    "事实认定",
    "法律适用",
    "办案程序",
    "法律文书",
    "释法说理",
    "办案效果",
    "司法责任落实",
    "统一业务系统规范使用",
)

#: Severity tiers of a failed item, mildest first.
ITEM_SEVERITIES: tuple[str, ...] = ("瑕疵", "一般错误", "严重错误")

INSPECTION_KINDS: dict[str, str] = {"self": "自查", "department": "部门核查", "review": "评查"}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    question: str
    guidance: str
    legal_basis: str
    verified: bool
    heading: str
    severity: str
    deduction: float
    veto: bool = False
    note_required_on_fail: bool = False
    #: A structured condition over case fields (see `conditions.py`); None means always applicable.
    applies_when: Any = None
    #: Where the cited article was read when its instrument is not in the statute library ("" otherwise).
    source: str = ""


@dataclass(frozen=True)
class ChecklistSection:
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class ChecklistTemplate:
    id: str
    title: str
    version: str
    sections: tuple[ChecklistSection, ...]
    source: str = ""
    description: str = ""

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for section in self.sections for item in section.items]

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.id == item_id), None)


@dataclass(frozen=True)
class ItemState:
    """One item of a walk as shown to a person: the item, whether it applies to this case, and the answer."""

    item: ChecklistItem
    applicable: bool
    value: str | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
