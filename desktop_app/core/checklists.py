"""Loading checklist templates (`casecheck.checklist/1`) and walking them for one case.

Templates are edited by trainers, so the loader checks every key and names the file, line and field of a
mistake rather than failing later in the middle of an inspection. An inspection pins the version it used; the
pinned copy is stored as JSON through `template_to_dict` / `template_from_dict`, which round-trip exactly, so an
old inspection is always scored against its own items.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop_app.core.case import CASE_TYPES, Answer, Case
from desktop_app.core.checklist_model import (
    ITEM_SEVERITIES,
    PROBLEM_HEADINGS,
    ChecklistItem,
    ChecklistSection,
    ChecklistTemplate,
    ItemState,
)
from desktop_app.core.conditions import Problem, condition_holds, condition_problems
from desktop_app.core.datafile import DataFileError, Located, load_yaml, resources_dir
from desktop_app.core.results import ChecklistSummary

FORMAT = "casecheck.checklist/1"

HEADER_REQUIRED = ("id", "title", "version")
HEADER_OPTIONAL = ("source", "description")
TEMPLATE_KEYS = ("format", *HEADER_REQUIRED, *HEADER_OPTIONAL, "sections")
SECTION_KEYS = ("title", "items")
ITEM_TEXT_KEYS = ("id", "question", "guidance", "basis")
ITEM_REQUIRED = (*ITEM_TEXT_KEYS, "verified", "severity", "deduction")
ITEM_FLAGS = ("veto", "note_required_on_fail")
#: `source`: where an article of an instrument not in the statute library was read (required for `verified: true`
#: on such an instrument, see tests/test_citations.py).
ITEM_KEYS = (*ITEM_REQUIRED, *ITEM_FLAGS, "applies_when", "source")

ANSWER_FAIL = "fail"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _unknown_keys(raw: Mapping[Any, Any], allowed: tuple[str, ...], path: str) -> list[Problem]:
    return [
        (_join(path, str(key)), f"未知的键“{key}”，可用的键：{'、'.join(allowed)}") for key in raw if key not in allowed
    ]


def _text_problem(value: Any, *, required: bool) -> str | None:
    if not isinstance(value, str):
        return "必须是文字（数字、日期等请加引号）"
    if required and not value.strip():
        return "不能为空"
    return None


def parse_header(raw: Mapping[str, Any], path: str = "") -> tuple[dict[str, str], list[Problem]]:
    """The template's id, title, version, source and description, checked; missing optional ones become ""."""
    problems: list[Problem] = []
    header: dict[str, str] = {}
    for key in (*HEADER_REQUIRED, *HEADER_OPTIONAL):
        required = key in HEADER_REQUIRED
        if key not in raw:
            if required:
                problems.append((_join(path, key), "缺少此项"))
            header[key] = ""
            continue
        value = raw[key]
        problem = _text_problem(value, required=required)
        if key == "version" and problem and isinstance(value, int | float):
            problem = f'版本号必须是文字，请加引号写成 "{value}"'
        if problem:
            problems.append((_join(path, key), problem))
        elif key == "id" and value not in CASE_TYPES:
            problems.append((_join(path, key), f"“{value}”不是案件类型代码，可用：{'、'.join(CASE_TYPES)}"))
        header[key] = value if isinstance(value, str) else ""
    return header, problems


def parse_item(raw: Any, heading: str, path: str = "") -> tuple[ChecklistItem | None, list[Problem]]:
    """One item of section `heading`, with every problem found in it (the heading itself is checked by the caller)."""
    if not isinstance(raw, Mapping):
        return None, [(path, "检查项必须是映射（键: 值）")]
    problems = _unknown_keys(raw, ITEM_KEYS, path)
    for key in ITEM_REQUIRED:
        if key not in raw:
            problems.append((_join(path, key), "缺少此项"))
    for key in ITEM_TEXT_KEYS:
        if key in raw:
            problem = _text_problem(raw[key], required=True)
            if not problem and key == "id" and any(ch.isspace() for ch in raw[key]):
                problem = "编号中不能有空格"
            if problem:
                problems.append((_join(path, key), problem))
    if "source" in raw:
        problem = _text_problem(raw["source"], required=True)
        if problem:
            problems.append((_join(path, "source"), problem))
    for key in ("verified", *ITEM_FLAGS):
        if key in raw and not isinstance(raw[key], bool):
            problems.append((_join(path, key), "只能是 true 或 false"))
    if "severity" in raw and raw["severity"] not in ITEM_SEVERITIES:
        problems.append(
            (_join(path, "severity"), f"“{raw['severity']}”不是错误等级，可用：{'、'.join(ITEM_SEVERITIES)}")
        )
    if "deduction" in raw:
        deduction = raw["deduction"]
        if isinstance(deduction, bool) or not isinstance(deduction, int | float) or not math.isfinite(deduction):
            problems.append((_join(path, "deduction"), "扣分必须是数字"))
        elif not 0 <= deduction <= 100:
            problems.append((_join(path, "deduction"), "扣分必须在 0 到 100 之间"))
    applies_when = raw.get("applies_when")
    if applies_when is not None:
        problems.extend(condition_problems(applies_when, _join(path, "applies_when")))
    if problems:
        return None, problems
    item = ChecklistItem(
        id=raw["id"],
        question=raw["question"],
        guidance=raw["guidance"],
        legal_basis=raw["basis"],
        verified=raw["verified"],
        heading=heading,
        severity=raw["severity"],
        deduction=float(raw["deduction"]),
        veto=raw.get("veto", False),
        note_required_on_fail=raw.get("note_required_on_fail", False),
        applies_when=copy.deepcopy(applies_when),
        source=raw.get("source", "").strip(),
    )
    return item, []


def parse_template_data(data: Any) -> tuple[ChecklistTemplate | None, list[Problem]]:
    """A whole template from plain data, or every problem found (paths like `sections[0].items[2].deduction`)."""
    if not isinstance(data, Mapping):
        return None, [("", "检查表模板必须是映射（键: 值）")]
    problems = _unknown_keys(data, TEMPLATE_KEYS, "")
    if data.get("format") != FORMAT:
        problems.append(("format", f"必须是 {FORMAT}"))
    header, header_problems = parse_header(data)
    problems.extend(header_problems)
    sections: list[ChecklistSection] = []
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.append(("sections", "必须是至少包含一个分类的列表"))
        raw_sections = []
    seen_ids: dict[str, str] = {}
    last_heading = -1
    for s_index, raw_section in enumerate(raw_sections):
        path = f"sections[{s_index}]"
        if not isinstance(raw_section, Mapping):
            problems.append((path, "分类必须是映射，含 title 和 items"))
            continue
        problems.extend(_unknown_keys(raw_section, SECTION_KEYS, path))
        title = raw_section.get("title")
        if title not in PROBLEM_HEADINGS:
            problems.append((f"{path}.title", f"“{title}”不是问题类别，可用：{'、'.join(PROBLEM_HEADINGS)}"))
        elif PROBLEM_HEADINGS.index(title) <= last_heading:
            problems.append(
                (f"{path}.title", f"分类“{title}”重复或次序不对，须按{'、'.join(PROBLEM_HEADINGS)}的次序排列")
            )
        else:
            last_heading = PROBLEM_HEADINGS.index(title)
        raw_items = raw_section.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            problems.append((f"{path}.items", "必须是至少包含一个检查项的列表（没有检查项的分类请删去）"))
            continue
        items: list[ChecklistItem] = []
        for i_index, raw_item in enumerate(raw_items):
            item_path = f"{path}.items[{i_index}]"
            item, item_problems = parse_item(raw_item, str(title), item_path)
            problems.extend(item_problems)
            if item is None:
                continue
            if item.id in seen_ids:
                problems.append((f"{item_path}.id", f"编号“{item.id}”重复（已用于 {seen_ids[item.id]}）"))
            seen_ids[item.id] = item_path
            items.append(item)
        sections.append(ChecklistSection(title=str(title), items=tuple(items)))
    if problems:
        return None, problems
    template = ChecklistTemplate(
        id=header["id"],
        title=header["title"],
        version=header["version"],
        sections=tuple(sections),
        source=header["source"],
        description=header["description"],
    )
    return template, []


def _template_from_located(located: Located) -> ChecklistTemplate:
    template, problems = parse_template_data(located.data)
    if template is None:
        raise located.error(*problems[0])
    return template


def load_template_file(path: str | Path) -> ChecklistTemplate:
    """Read and check one template file; the error names the file, line and field of the first problem."""
    return _template_from_located(load_yaml(path))


def template_from_dict(data: Any, source: str) -> ChecklistTemplate:
    """A template stored as JSON (a pinned version); `source` names where it came from in error messages."""
    return _template_from_located(Located(data=data, lines={}, file=source))


def template_to_dict(template: ChecklistTemplate) -> dict[str, Any]:
    """The template in the file format, as plain JSON-ready data; `template_from_dict` gives back an equal one."""
    return {
        "format": FORMAT,
        "id": template.id,
        "title": template.title,
        "version": template.version,
        "source": template.source,
        "description": template.description,
        "sections": [
            {"title": section.title, "items": [_item_to_dict(item) for item in section.items]}
            for section in template.sections
        ],
    }


def _item_to_dict(item: ChecklistItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "question": item.question,
        "guidance": item.guidance,
        "basis": item.legal_basis,
        "verified": item.verified,
        "severity": item.severity,
        "deduction": int(item.deduction) if float(item.deduction).is_integer() else item.deduction,
        "veto": item.veto,
        "note_required_on_fail": item.note_required_on_fail,
    }
    if item.applies_when is not None:
        data["applies_when"] = copy.deepcopy(item.applies_when)
    if item.source:
        data["source"] = item.source
    return data


def builtin_checklists_dir() -> Path:
    return resources_dir() / "checklists"


def load_builtin_templates(directory: str | Path | None = None) -> dict[str, ChecklistTemplate]:
    """Every template in the folder, keyed by case type; a file must be named after the case type it serves."""
    folder = Path(directory) if directory is not None else builtin_checklists_dir()
    templates: dict[str, ChecklistTemplate] = {}
    for path in sorted(folder.glob("*.yaml")):
        located = load_yaml(path)
        template = _template_from_located(located)
        if template.id != path.stem:
            raise located.error("id", f"模板编号“{template.id}”与文件名不一致，应为 {path.stem}")
        templates[template.id] = template
    if not templates:
        raise DataFileError(folder, None, "", "文件夹中没有检查表模板（*.yaml）")
    return templates


def item_states(template: ChecklistTemplate, case: Case, answers: Mapping[str, Answer]) -> list[ItemState]:
    """Every item of the template in order, whether it applies to this case, and the answer given so far."""
    states: list[ItemState] = []
    for item in template.items:
        answer = answers.get(item.id)
        states.append(
            ItemState(
                item=item,
                applicable=condition_holds(item.applies_when, case),
                value=answer.value if answer else None,
                note=answer.note if answer else "",
            )
        )
    return states


def walk_progress(states: list[ItemState]) -> tuple[int, int]:
    """(answered applicable items, applicable items): what the progress bar of a walk shows."""
    applicable = [state for state in states if state.applicable]
    return sum(1 for state in applicable if state.value is not None), len(applicable)


def checklist_summary(template: ChecklistTemplate, case: Case, answers: Mapping[str, Answer],
                      states: list[ItemState] | None = None) -> ChecklistSummary:
    """`states` as in `score_case`: the item states when the caller has them already."""
    answered, total = walk_progress(item_states(template, case, answers) if states is None else states)
    return ChecklistSummary(template=template.id, version=template.version, answered=answered, total=total)


def missing_notes(states: list[ItemState]) -> list[str]:
    """Ids of applicable items answered 不符合 whose note is required but left empty (the walk cannot be closed)."""
    return [
        state.item.id
        for state in states
        if state.applicable
        and state.value == ANSWER_FAIL
        and state.item.note_required_on_fail
        and not state.note.strip()
    ]
