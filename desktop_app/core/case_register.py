"""Reading a case register kept in Excel (the spreadsheet many offices use today) as `casecheck.case/1` cases.

The header row may use the Chinese column names of a 案件登记表 or the format's English field names; each row is
converted to the interchange form and validated by the same code as a JSON file, so both paths agree.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from desktop_app.core.case import CASE_TYPES, INVESTIGATORS, POSSIBLE_SENTENCES, Case
from desktop_app.core.case_format import FORMAT, CaseFormatError, case_from_dict
from desktop_app.core.i18n import tr
from desktop_app.core.limits import XLSX_BYTES, XLSX_ROWS, quote, size_problem

COLUMNS: dict[str, tuple[str, ...]] = {
    "case_no": ("案号",),
    "title": ("案件名称",),
    "case_type": ("案件类型",),
    "prosecutor": ("承办检察官", "承办人"),
    "department": ("承办部门",),
    "received_on": ("受理日期",),
    "closed_on": ("办结日期",),
    "in_custody": ("在押", "是否在押"),
    "charges": ("罪名", "涉嫌罪名"),
    "possible_sentence": ("可能判处的刑罚",),
    "plea_agreement": ("认罪认罚",),
    "fast_track": ("速裁", "适用速裁程序"),
    "suspect_minor": ("未成年", "犯罪嫌疑人系未成年人"),
    "investigated_by": ("侦查机关", "侦查/调查机关"),
}
_BOOLEAN_FIELDS = ("in_custody", "plea_agreement", "fast_track", "suspect_minor")
_TRUE = {"是", "true", "yes", "y", "1", "√", "在押"}
_FALSE = {"否", "false", "no", "n", "0", "", "×"}


def _header_map(headers: list[Any]) -> dict[int, str]:
    lookup = {name: field for field, names in COLUMNS.items() for name in (field, *names)}
    return {i: lookup[str(h).strip()] for i, h in enumerate(headers) if h is not None and str(h).strip() in lookup}


def _code(value: str, codes: dict[str, str]) -> str:
    """Accept the code itself or its Chinese label."""
    by_label = {label: code for code, label in codes.items()}
    return by_label.get(value, value)


def _cell(field: str, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = "" if value is None else str(value).strip()
    if field in _BOOLEAN_FIELDS:
        lowered = text.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else text
    if field == "charges":
        return [c for c in re.split(r"[、,，;；\s]+", text) if c]
    if not text:
        return None
    if field == "case_type":
        return _code(text, CASE_TYPES)
    if field == "possible_sentence":
        return _code(text, POSSIBLE_SENTENCES)
    if field == "investigated_by":
        return _code(text, INVESTIGATORS)
    return text


def _unreadable(exc: BaseException) -> str:
    """Why a workbook could not be read; XML entity definitions (an "XML bomb") are named as such."""
    cause: BaseException | None = exc
    while cause is not None:
        if type(cause).__module__.startswith("defusedxml"):
            return tr("文件含有 XML 实体或 DTD 定义（可能是 XML 炸弹），已拒绝",
                      "the file holds XML entity or DTD definitions (a possible XML bomb); refused")
        cause = cause.__cause__ or cause.__context__
    return tr(f"无法读取 Excel 文件：{quote(str(exc))}", f"cannot read workbook: {quote(str(exc))}")


def _bounded_rows(workbook: Any, source: str) -> list[tuple[Any, ...]]:
    """The rows of the first sheet, refusing a sheet longer than the row limit (header row included) early."""
    if not workbook.worksheets:
        return []
    limit = XLSX_ROWS.value + 1
    rows: list[tuple[Any, ...]] = []
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        rows.append(row)
        if len(rows) > limit:
            raise CaseFormatError([f"{source}: (sheet): " + tr(
                f"行数超过上限 {XLSX_ROWS.value}（可用环境变量 {XLSX_ROWS.env} 调整）",
                f"more than {XLSX_ROWS.value} rows (set {XLSX_ROWS.env} to change)")])
    return rows


def read_case_register(path: Path) -> list[Case]:
    """Every non-empty row of the first sheet as a case; all problems of all rows are reported together."""
    from openpyxl import load_workbook

    source = str(path)
    too_large = size_problem(path, XLSX_BYTES)
    if too_large:
        raise CaseFormatError([f"{source}: (file): {too_large}"])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        raise CaseFormatError([f"{source}: (file): " + _unreadable(exc)]) from None
    try:
        rows = _bounded_rows(workbook, source)
    except CaseFormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet fails only while its rows are read
        raise CaseFormatError([f"{source}: (file): " + _unreadable(exc)]) from None
    finally:
        workbook.close()
    if not rows:
        raise CaseFormatError([f"{source}: (sheet): " + tr("工作表为空", "the sheet is empty")])
    columns = _header_map(list(rows[0]))
    missing = [COLUMNS[f][0] for f in ("case_no", "title", "case_type", "prosecutor", "received_on")
               if f not in columns.values()]
    if missing:
        raise CaseFormatError([f"{source}: 第1行: " + tr(f"缺少列：{'、'.join(missing)}", f"missing columns: {missing}")])
    cases: list[Case] = []
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        data: dict[str, Any] = {"format": FORMAT}
        for index, field in columns.items():
            value = _cell(field, row[index] if index < len(row) else None)
            if value is not None:
                data[field] = value
        try:
            cases.append(case_from_dict(data, f"{source}: 第{number}行"))
        except CaseFormatError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CaseFormatError(problems)
    return cases
