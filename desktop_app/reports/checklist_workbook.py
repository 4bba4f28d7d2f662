"""Checklist templates as spreadsheets, so trainers can review and edit items in a tool they already know.

The export is the template, one row per item, plus a sheet explaining the columns; the import reads it back and
checks it with the same rules as the YAML loader. A trainer fixing a template wants every mistake at once, so the
import collects all problems as `sheet/row/column: message` and returns nothing unless the whole file is good.
Text beginning with `=`, `+`, `-` or `@` is written as text, never as a formula.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.core.checklist_model import (
    ITEM_SEVERITIES,
    PROBLEM_HEADINGS,
    ChecklistItem,
    ChecklistSection,
    ChecklistTemplate,
)
from desktop_app.core.checklists import parse_header, parse_item
from desktop_app.core.conditions import describe_condition
from desktop_app.core.limits import XLSX_BYTES, size_problem
from desktop_app.reports.xlsx_cells import assign

ITEMS_SHEET = "检查项"
HELP_SHEET = "填写说明"
INFO_SHEET = "模板信息"

YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool
    help: str


#: The item columns in sheet order; `key` is the template file's key ("heading" is the section title).
ITEM_COLUMNS: tuple[Column, ...] = (
    Column(
        "heading", "分类", 14, True, f"问题类别，只能是：{'、'.join(PROBLEM_HEADINGS)}。同一分类的检查项归入同一节。"
    ),
    Column(
        "id", "编号", 12, True, "稳定且在本表内唯一，格式为 类型前缀-分类代码-序号，如 PR-EV-01；已用过的编号不要改。"
    ),
    Column("question", "检查内容", 48, True, "检查人员要回答的问题，一项只问一件事。"),
    Column("guidance", "检查指引", 60, True, "告诉检查人员到案卷哪里看、核对什么。"),
    Column(
        "basis",
        "法律依据",
        40,
        True,
        "写明法律文件全称（用《》）和条款，如《中华人民共和国刑事诉讼法》第172条；多个依据用“；”分隔。",
    ),
    Column("verified", "依据已核实", 10, True, "是：所引条文均已核对原文；否：有条文尚未核实。"),
    Column("severity", "错误等级", 10, True, f"该项不符合时的错误等级，只能是：{'、'.join(ITEM_SEVERITIES)}。"),
    Column(
        "deduction",
        "扣分",
        8,
        True,
        "不符合时从100分中扣除的分数（0–100）；一般瑕疵1–2分，一般错误3–5分，严重错误8–15分。",
    ),
    Column("veto", "一票否决", 10, False, "是：该项不符合即评为不合格；留空视为否。"),
    Column("note_required_on_fail", "不符合须说明", 12, False, "是：回答“不符合”时必须填写说明；留空视为否。"),
    Column(
        "applies_when",
        "适用条件",
        36,
        False,
        '留空表示所有案件都适用；否则为 JSON 条件，如 {"field":"in_custody","equals":true}、'
        '{"field":"evidence.category","contains":"electronic_data"}，'
        "可用 all / any / not 组合。",
    ),
    Column("source", "核实出处", 30, False, "所引文件不在程序自带的法条原文库中时，写明条文是在哪里核对的；否则留空。"),
)
#: A read-only column that spells the condition out in words; the import ignores it.
DESCRIPTION_COLUMN = Column("", "适用条件说明", 36, False, "由程序根据“适用条件”生成，仅供阅读，导入时忽略。")

#: The template's own fields on the info sheet, in row order (row 1 is the header).
INFO_ROWS: tuple[tuple[str, str, str], ...] = (
    ("id", "模板编号", "案件类型代码，如 criminal.prosecution_review，不要修改。"),
    ("title", "名称", "检查表名称。"),
    ("version", "版本", "修改模板后请改用新的版本号（文字），已完成的检查仍按原版本显示。"),
    ("source", "编制依据", "本表依据的规范性文件。"),
    ("description", "说明", "一句话说明本表用途。"),
)
INFO_HEADERS = ("项目", "内容", "说明")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


class TemplateWorkbookError(ValueError):
    """A spreadsheet that is not a valid template; `problems` lists every one as `sheet/row/column: message`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _header_row(sheet: Worksheet, headers: Iterable[str], widths: Iterable[int]) -> None:
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index)
        assign(cell, header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _item_values(item: ChecklistItem) -> list[Any]:
    values: dict[str, Any] = {
        "heading": item.heading,
        "id": item.id,
        "question": item.question,
        "guidance": item.guidance,
        "basis": item.legal_basis,
        "verified": YES if item.verified else NO,
        "source": item.source,
        "severity": item.severity,
        "deduction": int(item.deduction) if float(item.deduction).is_integer() else item.deduction,
        "veto": YES if item.veto else NO,
        "note_required_on_fail": YES if item.note_required_on_fail else NO,
        "applies_when": ""
        if item.applies_when is None
        else json.dumps(item.applies_when, ensure_ascii=False, separators=(",", ":")),
    }
    return [values[column.key] for column in ITEM_COLUMNS] + [describe_condition(item.applies_when)]


def _add_list_validation(sheet: Worksheet, options: Iterable[str], column_key: str, last_row: int) -> None:
    letter = get_column_letter(next(i for i, c in enumerate(ITEM_COLUMNS, start=1) if c.key == column_key))
    validation = DataValidation(type="list", formula1=f'"{",".join(options)}"', allow_blank=True)
    validation.add(f"{letter}2:{letter}{max(last_row, 2) + 200}")
    sheet.add_data_validation(validation)


def export_template_xlsx(template: ChecklistTemplate, path: str | Path) -> None:
    """Write the template as a workbook that `import_template_xlsx` reads back to an equal template."""
    workbook = Workbook()
    items = workbook.active
    items.title = ITEMS_SHEET
    columns = (*ITEM_COLUMNS, DESCRIPTION_COLUMN)
    _header_row(items, (c.header for c in columns), (c.width for c in columns))
    for row, item in enumerate(template.items, start=2):
        for column, value in enumerate(_item_values(item), start=1):
            cell = items.cell(row=row, column=column)
            assign(cell, value)
            cell.alignment = _WRAP
    last_row = len(template.items) + 1
    _add_list_validation(items, PROBLEM_HEADINGS, "heading", last_row)
    _add_list_validation(items, ITEM_SEVERITIES, "severity", last_row)
    for key in ("verified", "veto", "note_required_on_fail"):
        _add_list_validation(items, (YES, NO), key, last_row)
    items.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"

    help_sheet = workbook.create_sheet(HELP_SHEET)
    _header_row(help_sheet, ("列名", "必填", "说明"), (16, 8, 100))
    for row, spec in enumerate(columns, start=2):
        for index, value in enumerate((spec.header, YES if spec.required else NO, spec.help), start=1):
            cell = help_sheet.cell(row=row, column=index)
            assign(cell, value)
            cell.alignment = _WRAP
    notes = (
        "每行一个检查项；增加检查项请新增一行并给出新编号，删除检查项请删除整行。",
        "以 =、+、-、@ 开头的文字按文本保存，不会被当作公式。",
        f"“{INFO_SHEET}”工作表记录模板编号、名称和版本；修改检查项后请更新版本号。",
    )
    for offset, note in enumerate(notes, start=len(columns) + 3):
        assign(help_sheet.cell(row=offset, column=3), note)

    info = workbook.create_sheet(INFO_SHEET)
    _header_row(info, INFO_HEADERS, (14, 60, 50))
    header_values = {
        "id": template.id,
        "title": template.title,
        "version": template.version,
        "source": template.source,
        "description": template.description,
    }
    for row, (key, label, explanation) in enumerate(INFO_ROWS, start=2):
        for index, value in enumerate((label, header_values[key], explanation), start=1):
            cell = info.cell(row=row, column=index)
            assign(cell, value)
            cell.alignment = _WRAP
    workbook.save(path)


def _flag(value: Any) -> bool | str | None:
    """是/否 (or a spreadsheet boolean) as a bool; None for an empty cell; the text itself if unreadable."""
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip()
    if not text:
        return None
    lowered = text.lower()
    if text == YES or lowered == "true":
        return True
    if text == NO or lowered == "false":
        return False
    return text


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return value
    return value


@dataclass
class _Reader:
    """Collects problems as `sheet/row/column: message`, at most one per cell."""

    problems: list[str]
    reported: set[tuple[str, int, str]]

    def add(self, sheet: str, row: int, column: str, message: str) -> None:
        if (sheet, row, column) not in self.reported:
            self.reported.add((sheet, row, column))
            self.problems.append(f"{sheet}/第{row}行/{column}: {message}")


def _read_info(sheet: Worksheet, reader: _Reader) -> dict[str, str]:
    rows_by_label: dict[str, int] = {}
    for row in range(2, sheet.max_row + 1):
        label = sheet.cell(row=row, column=1).value
        if isinstance(label, str) and label.strip():
            rows_by_label.setdefault(label.strip(), row)
    raw: dict[str, Any] = {}
    row_of: dict[str, int] = {}
    for key, label, _ in INFO_ROWS:
        found = rows_by_label.get(label)
        if found is None:
            reader.add(INFO_SHEET, sheet.max_row + 1, INFO_HEADERS[0], f"缺少“{label}”一行")
            continue
        row_of[key] = found
        value = sheet.cell(row=found, column=2).value
        raw[key] = "" if value is None else value
    header, problems = parse_header(raw)
    for key, message in problems:
        if key in row_of:
            reader.add(INFO_SHEET, row_of[key], INFO_HEADERS[1], message)
    return header


def _column_positions(sheet: Worksheet, reader: _Reader) -> dict[str, int]:
    positions: dict[str, int] = {}
    headers = {
        str(sheet.cell(row=1, column=index).value or "").strip(): index for index in range(1, sheet.max_column + 1)
    }
    for column in ITEM_COLUMNS:
        if column.header in headers:
            positions[column.key] = headers[column.header]
        else:
            reader.add(ITEMS_SHEET, 1, column.header, "缺少此列")
    return positions


def _read_row(cells: dict[str, Cell], row: int, reader: _Reader) -> tuple[dict[str, Any], str]:
    """The item's raw fields converted from cells; conversion problems are reported against their cells."""
    headers = {column.key: column.header for column in ITEM_COLUMNS}
    values: dict[str, Any] = {}
    for column in ITEM_COLUMNS:
        cell = cells[column.key]
        if cell.data_type == "f":
            reader.add(ITEMS_SHEET, row, column.header, "单元格是公式，请改为直接填写文字")
        elif cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            if column.required:
                reader.add(ITEMS_SHEET, row, column.header, "不能为空")
        else:
            values[column.key] = cell.value
    raw: dict[str, Any] = {
        key: values[key] for key in ("id", "question", "guidance", "basis", "severity", "source") if key in values
    }
    for key in ("verified", "veto", "note_required_on_fail"):
        flag = _flag(values.get(key))
        if isinstance(flag, str):
            reader.add(ITEMS_SHEET, row, headers[key], f"只能填“{YES}”或“{NO}”，实际为“{flag}”")
        elif flag is not None:
            raw[key] = flag
    if "deduction" in values:
        raw["deduction"] = _number(values["deduction"])
    condition = values.get("applies_when")
    if isinstance(condition, str):
        try:
            raw["applies_when"] = json.loads(condition)
        except json.JSONDecodeError as exc:
            reader.add(ITEMS_SHEET, row, headers["applies_when"], f"不是有效的 JSON（第{exc.colno}个字符）：{exc.msg}")
    elif condition is not None:
        reader.add(ITEMS_SHEET, row, headers["applies_when"], "必须是 JSON 文字")
    heading = values.get("heading")
    heading = heading.strip() if isinstance(heading, str) else ""
    if "heading" in values and heading not in PROBLEM_HEADINGS:
        reader.add(
            ITEMS_SHEET,
            row,
            headers["heading"],
            f"“{values['heading']}”不是问题类别，可用：{'、'.join(PROBLEM_HEADINGS)}",
        )
    return raw, heading


def _read_items(sheet: Worksheet, reader: _Reader) -> list[ChecklistItem]:
    positions = _column_positions(sheet, reader)
    if len(positions) != len(ITEM_COLUMNS):
        return []
    headers = {column.key: column.header for column in ITEM_COLUMNS}
    items: list[ChecklistItem] = []
    first_row_of_id: dict[str, int] = {}
    for row in range(2, sheet.max_row + 1):
        cells = {key: sheet.cell(row=row, column=index) for key, index in positions.items()}
        if all(
            cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()) for cell in cells.values()
        ):
            continue
        raw, heading = _read_row(cells, row, reader)
        item, problems = parse_item(raw, heading)
        for key, message in problems:
            reader.add(ITEMS_SHEET, row, headers.get(key.split(".", 1)[0], headers["id"]), message)
        if item is None:
            continue
        if item.id in first_row_of_id:
            reader.add(ITEMS_SHEET, row, headers["id"], f"编号“{item.id}”重复（第{first_row_of_id[item.id]}行已用）")
        first_row_of_id.setdefault(item.id, row)
        items.append(item)
    if not items and not reader.problems:
        reader.add(ITEMS_SHEET, 2, headers["id"], "没有任何检查项")
    return items


def import_template_xlsx(path: str | Path) -> ChecklistTemplate:
    """Read a template workbook; raise `TemplateWorkbookError` listing every problem if anything is wrong."""
    too_large = size_problem(Path(path), XLSX_BYTES)
    if too_large:
        raise TemplateWorkbookError([f"{Path(path).name}: {too_large}"])
    try:
        workbook = load_workbook(path)
    except Exception as exc:  # openpyxl raises many unrelated types for a file that is not a workbook
        raise TemplateWorkbookError([f"{Path(path).name}: 无法作为 Excel 工作簿读取（{exc}）"]) from exc
    reader = _Reader(problems=[], reported=set())
    for name in (ITEMS_SHEET, INFO_SHEET):
        if name not in workbook.sheetnames:
            reader.problems.append(f"{name}: 缺少工作表“{name}”")
    if reader.problems:
        raise TemplateWorkbookError(reader.problems)
    header = _read_info(workbook[INFO_SHEET], reader)
    items = _read_items(workbook[ITEMS_SHEET], reader)
    if reader.problems:
        raise TemplateWorkbookError(reader.problems)
    sections = tuple(
        ChecklistSection(title=heading, items=tuple(item for item in items if item.heading == heading))
        for heading in PROBLEM_HEADINGS
        if any(item.heading == heading for item in items)
    )
    return ChecklistTemplate(
        id=header["id"],
        title=header["title"],
        version=header["version"],
        sections=sections,
        source=header["source"],
        description=header["description"],
    )
