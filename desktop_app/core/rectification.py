"""The rectification list (整改清单): each problem an inspection found, who must fix it and by when.

检查 is meant to make the handling prosecutor correct problems before archiving, so every failed item and every
flag that is more than a hint becomes one line with an owner and a due date. Declining to fix something is
allowed but must be explained, because the list is what a later 评查 looks at.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.core.case import Answer, Case
from desktop_app.core.checklist_model import ChecklistTemplate, ItemState
from desktop_app.core.checklists import item_states
from desktop_app.core.results import SEVERITIES, SEVERITY_ORDER, Flag
from desktop_app.core.scoring import GradingScheme, HeadingOf, flag_heading

RECTIFICATION_STATUSES: dict[str, str] = {"pending": "待整改", "done": "已整改", "declined": "不予整改"}


@dataclass(frozen=True)
class RectificationItem:
    #: The checklist item id or the rule id the problem comes from; stable across re-evaluations.
    key: str
    problem: str
    basis: str
    heading: str
    owner: str
    due: dt.date
    status: str = "pending"
    reason: str = ""
    note: str = ""
    #: The tier of a failed item (瑕疵/一般错误/严重错误) or the Chinese level of a flag (严重/一般/轻微).
    severity: str = ""
    verified: bool = True

    @property
    def status_label(self) -> str:
        return RECTIFICATION_STATUSES.get(self.status, self.status)


def build_rectification_list(
    case: Case,
    template: ChecklistTemplate | None,
    answers: Mapping[str, Answer],
    flags: Sequence[Flag],
    today: dt.date,
    scheme: GradingScheme,
    *,
    heading_of: HeadingOf | None = None,
    states: list[ItemState] | None = None,
) -> list[RectificationItem]:
    """Failed applicable items first (in checklist order), then flags other than hints, gravest first.

    `states` as in `score_case`: the item states when the caller has them already."""
    due = today + dt.timedelta(days=scheme.rectification_due_days)
    owner = case.prosecutor
    items: list[RectificationItem] = []
    if states is None:
        states = item_states(template, case, answers) if template else []
    for state in states:
        if state.applicable and state.value == "fail":
            item = state.item
            items.append(
                RectificationItem(
                    key=item.id, problem=item.question, basis=item.legal_basis, heading=item.heading,
                    owner=owner, due=due, note=state.note, severity=item.severity, verified=item.verified,
                )
            )
    for flag in sorted(flags, key=lambda f: SEVERITY_ORDER.get(f.severity, len(SEVERITY_ORDER))):
        if flag.severity == "info":
            continue
        items.append(
            RectificationItem(
                key=flag.rule, problem=f"{flag.title}：{flag.message}", basis=flag.legal_basis,
                heading=flag_heading(flag.rule, heading_of), owner=owner, due=due, note=flag.suggestion,
                severity=SEVERITIES.get(flag.severity, flag.severity), verified=flag.verified,
            )
        )
    return items


def validate_status_change(item: RectificationItem, status: str, reason: str = "") -> None:
    """Raise ValueError (Chinese message) if `item` may not move to `status` with this reason."""
    if status not in RECTIFICATION_STATUSES:
        raise ValueError(f"未知的整改状态：{status}（应为 {'、'.join(RECTIFICATION_STATUSES)}）")
    if status == "declined" and not (reason or "").strip():
        raise ValueError(f"“{item.key}”不予整改，必须写明理由")


def change_status(item: RectificationItem, status: str, reason: str = "", note: str | None = None) -> RectificationItem:
    """The item with its new status, after `validate_status_change`."""
    validate_status_change(item, status, reason)
    return dataclasses.replace(
        item,
        status=status,
        reason=reason.strip(),
        note=item.note if note is None else note,
    )
