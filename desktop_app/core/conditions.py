"""The `applies_when` language of checklist items: a small structured condition over case fields.

Trainers edit checklist templates by hand, so a condition is plain data (never code to evaluate): a mapping of
exactly one shape — `{field, equals|in|contains|exists|gt|gte|lt|lte}` or `{all|any|not}` — checked when the
template is loaded, so a typo in a field name is reported with its line instead of silently never matching.
A fact the case does not have makes every test false except `exists: false`, so an item keyed on a missing fact
simply does not apply.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable, Mapping
from typing import Any

from desktop_app.core.case import (
    CASE_TYPES,
    EVENT_KINDS,
    EVIDENCE_CATEGORIES,
    INVESTIGATORS,
    POSSIBLE_SENTENCES,
    Case,
)
from desktop_app.core.datafile import Located

#: Case fields a condition may name, with the words used when a condition is described to a person.
SCALAR_FIELDS: dict[str, str] = {
    "case_type": "案件类型",
    "in_custody": "犯罪嫌疑人在押",
    "possible_sentence": "可能判处的刑罚",
    "plea_agreement": "认罪认罚",
    "fast_track": "适用速裁程序",
    "suspect_minor": "犯罪嫌疑人系未成年人",
    "investigated_by": "侦查/调查机关",
    "department": "承办部门",
    "prosecutor": "承办检察官",
    "closed_on": "办结日期",
}
LIST_FIELDS: dict[str, str] = {
    "charges": "涉嫌罪名",
    "evidence.category": "证据种类",
    "events.kind": "程序事件",
}
BOOL_FIELDS = frozenset({"in_custody", "plea_agreement", "fast_track", "suspect_minor"})
#: Fields whose values are codes from case-format.md; a value outside the list can never match, so it is an error.
CODED_FIELDS: dict[str, dict[str, str]] = {
    "case_type": CASE_TYPES,
    "possible_sentence": POSSIBLE_SENTENCES,
    "investigated_by": INVESTIGATORS,
    "evidence.category": EVIDENCE_CATEGORIES,
}
#: Event kinds are open-ended in the case format; the documented ones only lend their names to descriptions.
VALUE_LABELS: dict[str, dict[str, str]] = {**CODED_FIELDS, "events.kind": EVENT_KINDS}

FACTS_PREFIX = "facts."
FACT_LABELS: dict[str, str] = {
    "defamation_posts": "诽谤信息发布记录",
    "defamation_views": "诽谤信息实际被点击、浏览次数",
    "defamation_forwards": "诽谤信息被转发次数",
    "defamation_penalized_within_2y": "二年内曾因诽谤受过行政处罚",
    "defamation_other_serious": "具有其他情节严重情形",
    "defamation_public_order": "严重危害社会秩序和国家利益",
    "administrative_penalty_needed": "被不起诉人需要给予行政处罚、处分或没收违法所得",
    "seizure_pending": "查封、扣押、冻结尚未解除",
    "damages_law": "惩罚性赔偿适用的法律",
    "price_paid": "价款",
    "loss": "损失",
    "claimed_amount": "主张的惩罚性赔偿金额",
}
FACT_VALUE_LABELS: dict[str, dict[str, str]] = {
    "damages_law": {
        "food_safety_148": "《中华人民共和国食品安全法》第148条",
        "consumer_55_1": "《中华人民共和国消费者权益保护法》第55条第1款",
        "consumer_55_2": "《中华人民共和国消费者权益保护法》第55条第2款",
    }
}

#: Words for a yes/no field when it is true and when it is false.
BOOL_PHRASES: dict[str, tuple[str, str]] = {
    "in_custody": ("犯罪嫌疑人在押", "犯罪嫌疑人未在押"),
    "plea_agreement": ("犯罪嫌疑人认罪认罚", "犯罪嫌疑人未认罪认罚"),
    "fast_track": ("适用速裁程序", "未适用速裁程序"),
    "suspect_minor": ("犯罪嫌疑人系未成年人", "犯罪嫌疑人系成年人"),
}

COMPARISONS: dict[str, tuple[Callable[[Any, Any], bool], str]] = {
    "gt": (operator.gt, "大于"),
    "gte": (operator.ge, "不少于"),
    "lt": (operator.lt, "小于"),
    "lte": (operator.le, "不超过"),
}
FIELD_OPERATORS = ("equals", "in", "contains", "exists", *COMPARISONS)
COMBINATORS = ("all", "any", "not")

#: (dotted path of the offending node, message) — the caller turns it into a file/line or sheet/row error.
Problem = tuple[str, str]

_MISSING = object()


def validate_condition(cond: Any, located: Located, path: str) -> None:
    """Reject a malformed condition, naming the file, the line and the field of the first problem."""
    problems = condition_problems(cond, path)
    if problems:
        raise located.error(*problems[0])


def condition_problems(cond: Any, path: str) -> list[Problem]:
    """Every problem of a condition, each with the dotted path of the node at fault (for callers without YAML)."""
    problems: list[Problem] = []
    _check(cond, path, problems)
    return problems


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _check(cond: Any, path: str, problems: list[Problem]) -> None:
    if not isinstance(cond, Mapping):
        problems.append((path, "条件必须是映射，例如 {field: in_custody, equals: true}"))
        return
    combinators = [key for key in cond if key in COMBINATORS]
    if combinators:
        if len(cond) != 1:
            others = "、".join(str(key) for key in cond if key != combinators[0])
            problems.append((path, f"“{combinators[0]}”条件中不能再有其他键：{others}"))
            return
        key = combinators[0]
        body = cond[key]
        if key == "not":
            _check(body, _join(path, "not"), problems)
            return
        if not isinstance(body, list) or not body:
            problems.append((_join(path, key), f"“{key}”后面必须是至少包含一个条件的列表"))
            return
        for index, sub in enumerate(body):
            _check(sub, f"{_join(path, key)}[{index}]", problems)
        return
    unknown = [str(key) for key in cond if key != "field" and key not in FIELD_OPERATORS]
    if unknown:
        allowed = "、".join(("field", *FIELD_OPERATORS, *COMBINATORS))
        problems.append((_join(path, unknown[0]), f"未知的条件键“{unknown[0]}”，可用的键：{allowed}"))
        return
    if "field" not in cond:
        problems.append((path, "缺少 field（要判断的案件字段）"))
        return
    operators = [key for key in cond if key in FIELD_OPERATORS]
    if len(operators) != 1:
        found = "、".join(operators) if operators else "无"
        problems.append((path, f"必须恰好有一个判断方式（{'、'.join(FIELD_OPERATORS)}），实际为：{found}"))
        return
    field = cond["field"]
    field_problem = _field_problem(field)
    if field_problem:
        problems.append((_join(path, "field"), field_problem))
        return
    op = operators[0]
    value_problem = _value_problem(field, op, cond[op])
    if value_problem:
        problems.append((_join(path, op), value_problem))


def _field_problem(field: Any) -> str | None:
    if not isinstance(field, str):
        return "field 必须是字段名（文字）"
    if field in SCALAR_FIELDS or field in LIST_FIELDS:
        return None
    if field.startswith(FACTS_PREFIX) and field[len(FACTS_PREFIX) :].strip():
        return None
    known = "、".join((*SCALAR_FIELDS, *LIST_FIELDS, "facts.<键>"))
    return f"未知的字段“{field}”，可用的字段：{known}"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | bool) or _is_number(value)


def _scalar_problem(field: str, value: Any) -> str | None:
    """Why `value` can never be a value of `field`, if so."""
    if isinstance(value, dt.date):
        return '日期须加引号写成文字，如 "2026-01-31"'
    if not _is_scalar(value):
        return "比较值必须是文字、数字、true/false 或 null"
    if field in BOOL_FIELDS and not isinstance(value, bool):
        return f"{SCALAR_FIELDS[field]}只能是 true 或 false"
    codes = CODED_FIELDS.get(field)
    if codes is not None and value not in codes:
        return f"“{value}”不是{_field_label(field)}的有效代码，可用：{'、'.join(codes)}"
    if field == "closed_on" and value is not None:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return "办结日期须写成 YYYY-MM-DD"
    return None


def _value_problem(field: str, op: str, value: Any) -> str | None:
    is_fact = field.startswith(FACTS_PREFIX)
    if op == "equals":
        if field in LIST_FIELDS:
            return f"{LIST_FIELDS[field]}是列表，请用 contains 判断是否包含某一项"
        return _scalar_problem(field, value)
    if op == "in":
        if field in LIST_FIELDS:
            return f"{LIST_FIELDS[field]}是列表，请用 contains（可配合 any）判断是否包含某一项"
        if not isinstance(value, list) or not value:
            return "in 后面必须是至少包含一个值的列表"
        return next((p for p in (_scalar_problem(field, item) for item in value) if p), None)
    if op == "contains":
        if field not in LIST_FIELDS and not is_fact:
            return f"contains 只能用于列表字段（{'、'.join(LIST_FIELDS)}）或 facts.<键>"
        return _scalar_problem(field, value)
    if op == "exists":
        return None if isinstance(value, bool) else "exists 只能是 true 或 false"
    if not is_fact:
        return f"{op} 只能用于数值，即 facts.<键>"
    return None if _is_number(value) else f"{op} 后面必须是数字"


def condition_holds(cond: Any, case: Case) -> bool:
    """Whether the item applies to `case`; no condition means it always applies."""
    if cond is None:
        return True
    if "all" in cond:
        return all(condition_holds(sub, case) for sub in cond["all"])
    if "any" in cond:
        return any(condition_holds(sub, case) for sub in cond["any"])
    if "not" in cond:
        return not condition_holds(cond["not"], case)
    value = _resolve(case, cond["field"])
    if "exists" in cond:
        return _present(value) == cond["exists"]
    if value is _MISSING:
        return False
    if "equals" in cond:
        return _same(value, cond["equals"])
    if "in" in cond:
        return any(_same(value, option) for option in cond["in"])
    if "contains" in cond:
        return isinstance(value, list | tuple) and any(_same(item, cond["contains"]) for item in value)
    op = next(key for key in COMPARISONS if key in cond)
    return _is_number(value) and COMPARISONS[op][0](value, cond[op])


def _resolve(case: Case, field: str) -> Any:
    if field == "evidence.category":
        return [item.category for item in case.evidence]
    if field == "events.kind":
        return [event.kind for event in case.events]
    if field.startswith(FACTS_PREFIX):
        return case.facts.get(field[len(FACTS_PREFIX) :], _MISSING)
    return getattr(case, field)


def _present(value: Any) -> bool:
    if value is _MISSING or value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | dict):
        return bool(value)
    return True


def _same(actual: Any, expected: Any) -> bool:
    """Equality that keeps true apart from 1 and reads a date field against its YYYY-MM-DD text."""
    if isinstance(actual, dt.date):
        actual = actual.isoformat()
    if isinstance(actual, bool) or isinstance(expected, bool):
        return isinstance(actual, bool) and isinstance(expected, bool) and actual == expected
    if _is_number(actual) and _is_number(expected):
        return bool(actual == expected)
    return type(actual) is type(expected) and bool(actual == expected)


def describe_condition(cond: Any) -> str:
    """The condition as one Chinese sentence for the checklist screen and the exported spreadsheet."""
    if cond is None:
        return "适用于所有案件"
    return f"仅适用于：{_describe(cond, nested=False)}"


def _field_label(field: str) -> str:
    if field.startswith(FACTS_PREFIX):
        key = field[len(FACTS_PREFIX) :]
        return FACT_LABELS.get(key, f"案件事实“{key}”")
    return SCALAR_FIELDS.get(field) or LIST_FIELDS[field]


def _value_label(field: str, value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "空"
    labels = VALUE_LABELS.get(field) or FACT_VALUE_LABELS.get(field[len(FACTS_PREFIX) :], {})
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)


def _describe(cond: Mapping[str, Any], nested: bool) -> str:
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        text = ("，且" if key == "all" else "，或").join(_describe(sub, nested=True) for sub in cond[key])
        return f"（{text}）" if nested and len(cond[key]) > 1 else text
    if "not" in cond:
        return _describe_negation(cond["not"])
    field = cond["field"]
    label = _field_label(field)
    if "equals" in cond:
        value = cond["equals"]
        if field in BOOL_PHRASES and isinstance(value, bool):
            return BOOL_PHRASES[field][0 if value else 1]
        if field[len(FACTS_PREFIX) :] in FACT_LABELS and isinstance(value, bool):
            return label if value else f"{label}：否"
        return f"{label}为{_value_label(field, value)}"
    if "in" in cond:
        return f"{label}为{'或'.join(_value_label(field, v) for v in cond['in'])}"
    if "contains" in cond:
        value = _value_label(field, cond["contains"])
        if field == "evidence.category":
            return f"证据中有{value}"
        if field == "events.kind":
            return f"有“{value}”记录"
        return f"{label}包括{value}"
    if "exists" in cond:
        return f"{label}{'已填写' if cond['exists'] else '未填写'}"
    op = next(key for key in COMPARISONS if key in cond)
    return f"{label}{COMPARISONS[op][1]}{cond[op]}"


def _describe_negation(cond: Mapping[str, Any]) -> str:
    """`not` read naturally for the common simple cases ("没有……记录"), generically otherwise."""
    field = cond.get("field")
    if field == "events.kind" and "contains" in cond:
        return f"没有“{_value_label(field, cond['contains'])}”记录"
    if field == "evidence.category" and "contains" in cond:
        return f"证据中没有{_value_label(field, cond['contains'])}"
    if field in BOOL_PHRASES and isinstance(cond.get("equals"), bool):
        return BOOL_PHRASES[field][1 if cond["equals"] else 0]
    if "exists" in cond:
        return _describe({**cond, "exists": not cond["exists"]}, nested=False)
    return f"不属于以下情形：{_describe(cond, nested=False)}"
