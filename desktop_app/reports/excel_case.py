"""The per-case inspection workbook: the 自查表/核查表 a prosecutor signs, as a spreadsheet.

The first sheet mirrors the paper form (case header, then every checklist item with its answer, note and legal
basis); flags, periods, the score and the rectification list follow on their own sheets so each can be filtered
and printed as a table.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.core.case import ANSWER_VALUES
from desktop_app.core.checklists import item_states
from desktop_app.core.results import SEVERITIES
from desktop_app.core.scorecard import Scorecard
from desktop_app.reports.output import AUDIT_STAMP_LABEL, atomic_output
from desktop_app.reports.xlsx_cells import (
    LABEL_FILL,
    LABEL_FONT,
    TITLE_FONT,
    assign,
    print_setup,
    set_widths,
    styled,
    table_sheet,
    write_row,
)

ITEM_HEADERS = ("编号", "检查分类", "检查项", "检查结果", "说明", "错误等级", "扣分", "否决项", "依据", "依据已核实")
ITEM_WIDTHS = (12, 14, 44, 10, 28, 10, 7, 7, 40, 10)
#: Header fields are laid out two per row: label, value (merged over columns B–E), label, value (G–J).
_PAIR_COLUMNS = ((1, 2, 5), (6, 7, 10))


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _date(value: object) -> object:
    return value if value is not None else "—"


def _header_pairs(card: Scorecard) -> list[tuple[str, object]]:
    case, score = card.case, card.score
    template = f"{card.template.title}（{card.template.version}）" if card.template else "未使用检查表"
    pairs: list[tuple[str, object]] = [
        ("案号", case.case_no), ("案件名称", case.title),
        ("案件类型", case.case_type_label), ("承办检察官", case.prosecutor),
        ("承办部门", case.department or "—"), ("检查方式", card.inspection_label),
        ("受理日期", case.received_on), ("办结日期", _date(case.closed_on)),
        ("检查人", card.inspector or "—"), ("生成日期", card.generated_on),
        ("检查表", template), ("评分标准", card.scheme_title or score.scheme),
        ("得分", score.score), ("拟评定等次", score.proposed_label),
    ]
    if score.override:
        pairs += [("改定等次", score.override.grade), ("改定理由", score.override.reason)]
    if card.audit_head:
        pairs.append((AUDIT_STAMP_LABEL, card.audit_head))
    return pairs


def _write_form_sheet(ws: Worksheet, card: Scorecard) -> None:
    last_col = len(ITEM_HEADERS)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    styled(assign(ws.cell(row=1, column=1), f"案件质量{card.inspection_label}表"), font=TITLE_FONT, border=False)
    ws.row_dimensions[1].height = 28
    pairs = _header_pairs(card)
    row = 2
    for start in range(0, len(pairs), 2):
        for (label, value), (label_col, value_col, value_end) in zip(pairs[start:start + 2], _PAIR_COLUMNS,
                                                                     strict=False):
            styled(assign(ws.cell(row=row, column=label_col), label), font=LABEL_FONT, fill=LABEL_FILL)
            ws.merge_cells(start_row=row, start_column=value_col, end_row=row, end_column=value_end)
            styled(assign(ws.cell(row=row, column=value_col), value))
            for col in range(value_col + 1, value_end + 1):
                styled(ws.cell(row=row, column=col))
        row += 1
    header_row = row + 1
    write_row(ws, header_row, ITEM_HEADERS, header=True)
    last = header_row
    states = item_states(card.template, card.case, card.answers) if card.template else []
    section_of = {item.id: section.title for section in card.template.sections for item in section.items} \
        if card.template else {}
    for last, state in enumerate(states, header_row + 1):
        item = state.item
        if not state.applicable:
            result = "本案不适用"
        else:
            result = ANSWER_VALUES.get(state.value, state.value) if state.value else "未作答"
        write_row(ws, last, (
            item.id, section_of[item.id], item.question, result, state.note, item.severity,
            item.deduction, _yes_no(item.veto), item.legal_basis, _yes_no(item.verified),
        ))
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(last_col)}{last}"
    set_widths(ws, ITEM_WIDTHS)
    print_setup(ws, title_rows=f"{header_row}:{header_row}")


def _write_score_sheet(ws: Worksheet, card: Scorecard) -> None:
    score = card.score
    summary = [("得分", score.score), ("拟评定等次", score.proposed_label)]
    if score.override:
        summary += [("改定等次", score.override.grade), ("改定理由", score.override.reason)]
    summary += [("评定理由", "\n".join(score.reasons))]
    rows: list[tuple[str, str, object, str, object, str]] = [
        ("等次与理由", label, value, "", "", "") for label, value in summary]
    # The problem's name is what people read; the item or rule id it comes from is the last column.
    rows += [("扣分明细", d.title, d.text, d.heading, d.points, d.source) for d in score.deductions]
    table_sheet(ws, ("项目", "名称", "内容", "问题类别", "扣分", "编号"), rows, (12, 24, 60, 14, 8, 22))


def write_case_workbook(scorecard: Scorecard, path: str | Path) -> Path:
    """Write the inspection workbook of one case to `path` (replaced only once complete); returns the path."""
    card = scorecard
    wb = Workbook()
    form = wb.active
    form.title = "检查表"
    _write_form_sheet(form, card)
    table_sheet(
        wb.create_sheet("风险提示"),
        ("标题", "等级", "内容", "涉及证据", "建议", "依据", "依据已核实", "规则编号"),
        [
            (f.title, SEVERITIES.get(f.severity, f.severity), f.message, "、".join(f.evidence_ids),
             f.suggestion, f.legal_basis, _yes_no(f.verified), f.rule)
            for f in card.evaluation.flags
        ],
        (24, 8, 50, 12, 30, 40, 10, 26),
    )
    table_sheet(
        wb.create_sheet("办案期限"),
        ("期限", "起算日", "届满日", "完成日", "状态", "剩余天数", "依据", "说明", "规则编号"),
        [
            (d.name, d.start, d.due, _date(d.done_on), d.status_label,
             d.days_left if d.days_left is not None else "—", d.legal_basis, "；".join(d.notes), d.rule)
            for d in card.evaluation.deadlines
        ],
        (18, 12, 12, 12, 10, 10, 40, 30, 30),
    )
    _write_score_sheet(wb.create_sheet("评分"), card)
    table_sheet(
        wb.create_sheet("整改清单"),
        ("问题", "问题类别", "等级", "依据", "责任人", "整改期限", "状态", "不予整改理由", "备注", "问题编号"),
        [
            (r.problem, r.heading, r.severity, r.basis, r.owner, r.due, r.status_label, r.reason, r.note, r.key)
            for r in card.rectification
        ],
        (50, 14, 10, 36, 12, 12, 10, 24, 24, 24),
    )
    with atomic_output(path) as temp:
        wb.save(temp)
    return Path(path)
