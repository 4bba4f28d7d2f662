"""Training with answer keys: a trainer's key says which flags, period statuses and amounts a sample case must
produce, and why; comparing an evaluation with it tells a trainee what was found, missed or wrongly added.

A key is a small JSON file (`casecheck.answerkey/1`) kept beside its sample case, so a trainer can write one for
any case without touching the program. The comparison is pure: the same key and evaluation always give the same
report and score.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.case import Answer
from desktop_app.core.checklist_model import ChecklistTemplate
from desktop_app.core.datafile import resources_dir
from desktop_app.core.results import DEADLINE_STATUSES, Evaluation

FORMAT = "casecheck.answerkey/1"
KEY_SUFFIX = ".key.json"
_KEYS = ("format", "case_no", "today", "expected_flags", "expected_deadline_status", "explanations",
         "expected_computations", "items")
#: The answers a key may expect of a checklist item (the walk's 待核实 is never a right answer).
ITEM_EXPECTATIONS: dict[str, str] = {"pass": "符合", "fail": "不符合", "na": "不适用"}
_ITEM_KEYS = ("expected", "explanation", "basis")
#: Amounts are in yuan; a difference below one fen is rounding, not a wrong answer.
_AMOUNT_TOLERANCE = 0.005


class AnswerKeyError(ValueError):
    """A key file that breaks the format; `problems` holds every `FILE: FIELD: message` line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class ItemKey:
    """What a checklist item of the sample should be answered, why, and on what legal basis."""

    expected: str
    explanation: str = ""
    #: The basis the trainee should read (its article texts are shown); "" means the item's own basis.
    basis: str = ""


@dataclass(frozen=True)
class AnswerKey:
    case_no: str
    today: dt.date
    expected_flags: tuple[str, ...]
    expected_deadline_status: dict[str, str]
    explanations: dict[str, str]
    #: Statutory amounts the result must carry, by rule id (optional in the file).
    expected_computations: dict[str, float] = field(default_factory=dict)
    source: str = ""
    #: The expected answer per checklist item id, in the key's order (optional in the file).
    items: dict[str, ItemKey] = field(default_factory=dict)


@dataclass(frozen=True)
class DeadlineCheck:
    rule: str
    expected: str
    #: Every status the evaluation gave this period (several for repeated periods); empty if it gave none.
    actual: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return bool(self.actual) and all(status == self.expected for status in self.actual)


@dataclass(frozen=True)
class ComputationCheck:
    rule: str
    expected: float
    actual: float | None

    @property
    def correct(self) -> bool:
        return self.actual is not None and abs(self.actual - self.expected) < _AMOUNT_TOLERANCE


@dataclass(frozen=True)
class TrainingReport:
    case_no: str
    found: tuple[str, ...]
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    deadlines: tuple[DeadlineCheck, ...]
    computations: tuple[ComputationCheck, ...]
    #: 0–100: the share of expected answers given, with each wrongly added flag counting as one more expected.
    score: int
    lines: tuple[str, ...]

    @property
    def perfect(self) -> bool:
        return self.score == 100


def load_answer_key(path: str | Path) -> AnswerKey:
    """Read and check one key file; every problem is reported at once."""
    path = Path(path)
    source = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise AnswerKeyError([f"{source}: (file): 文件不存在"]) from None
    except UnicodeDecodeError:
        raise AnswerKeyError([f"{source}: (file): 文件不是 UTF-8 编码"]) from None
    except OSError as exc:
        raise AnswerKeyError([f"{source}: (file): 无法读取：{exc.strerror}"]) from None
    except json.JSONDecodeError as exc:
        raise AnswerKeyError([f"{source}: (json): 第 {exc.lineno} 行第 {exc.colno} 列 JSON 语法错误：{exc.msg}"]) from None
    return answer_key_from_dict(data, source)


def answer_key_from_dict(data: Any, source: str = "<answer key>") -> AnswerKey:
    problems: list[str] = []

    def problem(field_name: str, message: str) -> None:
        problems.append(f"{source}: {field_name}: {message}")

    if not isinstance(data, dict):
        raise AnswerKeyError([f"{source}: (root): 应为 JSON 对象"])
    if data.get("format") != FORMAT:
        problem("format", f"应为 {FORMAT!r}，实际为 {data.get('format')!r}")
    for unknown in sorted(set(data) - set(_KEYS)):
        problem(unknown, "未知字段")
    case_no = data.get("case_no")
    if not isinstance(case_no, str) or not case_no.strip():
        problem("case_no", "应为非空字符串")
    today = _date(data.get("today"))
    if today is None:
        problem("today", f"日期格式应为 YYYY-MM-DD，实际为 {data.get('today')!r}")
    flags = data.get("expected_flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, str) and f for f in flags):
        problem("expected_flags", "应为规则编号列表")
        flags = []
    elif len(set(flags)) != len(flags):
        problem("expected_flags", "规则编号重复")
    statuses = _mapping(data, "expected_deadline_status", problem)
    for rule, status in statuses.items():
        if status not in DEADLINE_STATUSES:
            problem(f"expected_deadline_status.{rule}", f"未知的期限状态 {status!r}，可选：{'、'.join(DEADLINE_STATUSES)}")
    explanations = _mapping(data, "explanations", problem)
    for rule, text in explanations.items():
        if not isinstance(text, str) or not text.strip():
            problem(f"explanations.{rule}", "应为非空的说明文字")
    computations = _mapping(data, "expected_computations", problem)
    for rule, value in computations.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            problem(f"expected_computations.{rule}", "应为数值")
    items = _items(data, problem)
    if problems:
        raise AnswerKeyError(problems)
    assert isinstance(case_no, str) and today is not None
    return AnswerKey(
        case_no=case_no.strip(),
        today=today,
        expected_flags=tuple(flags),
        expected_deadline_status=dict(statuses),
        explanations=dict(explanations),
        expected_computations={rule: float(value) for rule, value in computations.items()},
        source=source,
        items=items,
    )


def answer_key_to_dict(key: AnswerKey) -> dict[str, Any]:
    """The key as its file holds it (optional parts only when present), for the key editor and sample packs."""
    data: dict[str, Any] = {"format": FORMAT, "case_no": key.case_no, "today": key.today.isoformat(),
                            "expected_flags": list(key.expected_flags),
                            "expected_deadline_status": dict(key.expected_deadline_status),
                            "explanations": dict(key.explanations)}
    if key.expected_computations:
        data["expected_computations"] = dict(key.expected_computations)
    if key.items:
        data["items"] = {item_id: {"expected": item.expected, "explanation": item.explanation, "basis": item.basis}
                         for item_id, item in key.items.items()}
    return data


def draft_key(evaluation: Evaluation, template: ChecklistTemplate | None,
              answers: Mapping[str, Answer]) -> AnswerKey:
    """A first key for a case a trainer turns into a sample: the answers given at work (a note becomes the
    explanation; 待核实 is left out), the flags the program raised and the status of each period. The trainer
    reviews and edits it before export."""
    items = {}
    for item in template.items if template is not None else ():
        answer = answers.get(item.id)
        if answer is not None and answer.value in ITEM_EXPECTATIONS:
            items[item.id] = ItemKey(answer.value, answer.note.strip())
    statuses: dict[str, set[str]] = {}
    for deadline in evaluation.deadlines:
        statuses.setdefault(deadline.rule, set()).add(deadline.status)
    flags = tuple(dict.fromkeys(f.rule for f in evaluation.flags))
    return AnswerKey(
        case_no=evaluation.case_no, today=evaluation.today, expected_flags=flags,
        expected_deadline_status={rule: next(iter(s)) for rule, s in statuses.items() if len(s) == 1},
        explanations={f.rule: f.message for f in evaluation.flags if f.message.strip()},
        items=items,
    )


def compare_with_key(key: AnswerKey, evaluation: Evaluation) -> TrainingReport:
    """What the evaluation got right and wrong against the key; a key for another case is a usage error."""
    if evaluation.case_no != key.case_no:
        raise ValueError(f"答案要点针对案件 {key.case_no}，不能用于评判案件 {evaluation.case_no}")
    actual_flags = list(dict.fromkeys(f.rule for f in evaluation.flags))
    expected = set(key.expected_flags)
    found = tuple(r for r in key.expected_flags if r in actual_flags)
    missed = tuple(r for r in key.expected_flags if r not in actual_flags)
    extra = tuple(r for r in actual_flags if r not in expected)
    deadlines = tuple(
        DeadlineCheck(rule, status, tuple(d.status for d in evaluation.deadlines if d.rule == rule))
        for rule, status in key.expected_deadline_status.items()
    )
    amounts = {c.rule: float(c.value) for c in evaluation.computations}
    computations = tuple(
        ComputationCheck(rule, value, amounts.get(rule)) for rule, value in key.expected_computations.items()
    )
    right = len(found) + sum(d.correct for d in deadlines) + sum(c.correct for c in computations)
    asked = len(key.expected_flags) + len(deadlines) + len(computations) + len(extra)
    score = round(100 * right / asked) if asked else 100
    report_lines = _lines(key, evaluation, found, missed, extra, deadlines, computations, score)
    return TrainingReport(key.case_no, found, missed, extra, deadlines, computations, score, report_lines)


def sample_pairs(directory: str | Path | None = None) -> list[tuple[Path, Path]]:
    """The shipped sample cases that have an answer key beside them, as (case file, key file), by file name."""
    folder = Path(directory) if directory is not None else resources_dir() / "samples"
    pairs = []
    for key_path in sorted(folder.glob(f"*{KEY_SUFFIX}")):
        case_path = key_path.with_name(key_path.name[: -len(KEY_SUFFIX)] + ".json")
        if case_path.exists():
            pairs.append((case_path, key_path))
    return pairs


def _lines(
    key: AnswerKey,
    evaluation: Evaluation,
    found: tuple[str, ...],
    missed: tuple[str, ...],
    extra: tuple[str, ...],
    deadlines: tuple[DeadlineCheck, ...],
    computations: tuple[ComputationCheck, ...],
    score: int,
) -> tuple[str, ...]:
    titles = {f.rule: f.title for f in evaluation.flags}
    lines = [f"案件 {key.case_no}：得分 {score} / 100"]
    if evaluation.today != key.today:
        lines.append(f"注意：答案要点按 {key.today.isoformat()} 计算，本次评查日期为 {evaluation.today.isoformat()}，"
                     "期限状态可能因此不同。")
    lines.append(f"应发现问题 {len(key.expected_flags)} 项：已发现 {len(found)} 项，遗漏 {len(missed)} 项；"
                 f"多报 {len(extra)} 项。")
    for rule in found:
        lines.append(f"已发现：{_named(rule, titles)}" + _because(key, rule))
    for rule in missed:
        lines.append(f"遗漏：{rule}" + _because(key, rule))
    for rule in extra:
        lines.append(f"多报：{_named(rule, titles)}" + _because(key, rule))
    for check in deadlines:
        expected = DEADLINE_STATUSES[check.expected]
        if check.correct:
            lines.append(f"期限 {check.rule}：{expected}，正确。")
        elif not check.actual:
            lines.append(f"期限 {check.rule}：应为「{expected}」，结果中没有这一期限。" + _because(key, check.rule))
        else:
            actual = "、".join(DEADLINE_STATUSES.get(s, s) for s in dict.fromkeys(check.actual))
            lines.append(f"期限 {check.rule}：应为「{expected}」，实际为「{actual}」。" + _because(key, check.rule))
    for amount in computations:
        if amount.correct:
            lines.append(f"计算 {amount.rule}：{_amount(amount.expected)} 元，正确。")
        else:
            actual = "未计算" if amount.actual is None else f"为 {_amount(amount.actual)} 元"
            lines.append(f"计算 {amount.rule}：应为 {_amount(amount.expected)} 元，实际{actual}。"
                         + _because(key, amount.rule))
    return tuple(lines)


def _named(rule: str, titles: dict[str, str]) -> str:
    return f"{rule}（{titles[rule]}）" if titles.get(rule) else rule


def _because(key: AnswerKey, rule: str) -> str:
    explanation = key.explanations.get(rule)
    return f" 说明：{explanation}" if explanation else ""


def _amount(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _items(data: dict[str, Any], problem: Callable[[str, str], None]) -> dict[str, ItemKey]:
    items: dict[str, ItemKey] = {}
    for item_id, entry in _mapping(data, "items", problem).items():
        where = f"items.{item_id}"
        if not isinstance(entry, dict):
            problem(where, "应为对象，如 {\"expected\": \"fail\", \"explanation\": \"…\", \"basis\": \"…\"}")
            continue
        for unknown in sorted(set(entry) - set(_ITEM_KEYS)):
            problem(f"{where}.{unknown}", "未知字段")
        expected = entry.get("expected")
        if expected not in ITEM_EXPECTATIONS:
            problem(f"{where}.expected", f"应为 {'、'.join(ITEM_EXPECTATIONS)} 之一，实际为 {expected!r}")
        texts = {}
        for name in ("explanation", "basis"):
            value = entry.get(name, "")
            if not isinstance(value, str):
                problem(f"{where}.{name}", "应为文字")
                value = ""
            texts[name] = value.strip()
        if isinstance(expected, str) and expected in ITEM_EXPECTATIONS:
            items[item_id] = ItemKey(expected, texts["explanation"], texts["basis"])
    return items


def _mapping(data: dict[str, Any], name: str, problem: Callable[[str, str], None]) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        problem(name, "应为对象")
        return {}
    return value
