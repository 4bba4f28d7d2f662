"""Rule packs: the YAML half of every rule (wording, severity, legal basis, confidence), loaded and checked.

A trainer edits these files, so every mistake is reported with file, line and field, and the packs must match the
registered predicates one to one: a rule nobody tests, or a test no rule describes, is refused on load.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.case import CASE_TYPE_GROUPS, CASE_TYPES
from desktop_app.core.checklist_model import PROBLEM_HEADINGS
from desktop_app.core.datafile import DataFileError, Located, load_yaml, resources_dir
from desktop_app.core.i18n import tr
from desktop_app.core.results import SEVERITIES
from desktop_app.core.rules.base import COMMON_PLACEHOLDERS, Predicate, predicates

FORMAT = "casecheck.rules/1"
ALL_CASE_TYPES = "all"
#: Confidence tags of the legal catalog; only the CONFIRMED ones allow `verified: true`.
CONFIDENCES: tuple[str, ...] = ("CONFIRMED-T", "CONFIRMED-S", "PARTIAL", "UNVERIFIED")
CONFIRMED = frozenset({"CONFIRMED-T", "CONFIRMED-S"})

_ID_RE = re.compile(r"^[A-Z]+(-[A-Z0-9]+)+$")
#: A basis names a full instrument in 《》 and an article: `《中华人民共和国刑事诉讼法》第172条`.
_BASIS_RE = re.compile(r"《[^《》]+》第")
_TEXT_FIELDS = ("id", "title", "legal_basis", "confidence", "message", "suggestion", "heading", "severity")
_FIELDS = (*_TEXT_FIELDS, "verified", "case_types")
#: `source`: where an article of an instrument not in the statute library was read (optional, non-empty text).
_OPTIONAL_FIELDS = ("source",)


@dataclass(frozen=True)
class RuleDef:
    id: str
    title: str
    severity: str
    legal_basis: str
    verified: bool
    confidence: str
    case_types: tuple[str, ...]
    message: str
    suggestion: str
    heading: str
    #: Where the cited article was read when its instrument is not in the statute library ("" otherwise).
    source: str = ""

    def applies_to(self, case_type: str) -> bool:
        """`all`, an exact code, or a group wildcard such as `criminal.*`."""
        group = case_type.split(".", 1)[0]
        return any(t in (ALL_CASE_TYPES, case_type, f"{group}.*") for t in self.case_types)


@dataclass(frozen=True)
class RuleBook:
    rules: list[RuleDef]
    #: Look-ups built on first use: a batch job asks them for every case and every flag, and the rules never change.
    _by_id: dict[str, RuleDef] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_type: dict[str, list[RuleDef]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def get(self, rule_id: str) -> RuleDef | None:
        if not self._by_id:
            self._by_id.update((r.id, r) for r in reversed(self.rules))  # the first of equal ids wins, as before
        return self._by_id.get(rule_id)

    def for_case_type(self, case_type: str) -> list[RuleDef]:
        """The rules that apply to a case type, in pack order."""
        rules = self._by_type.get(case_type)
        if rules is None:
            rules = self._by_type[case_type] = [r for r in self.rules if r.applies_to(case_type)]
        return rules


def shipped_rules_dir() -> Path:
    return resources_dir() / "rules"


def load_rulebook(directory: Path | None = None) -> RuleBook:
    """Every `*.yaml` pack in `directory` (the shipped packs by default), in file-name order."""
    directory = Path(directory) if directory is not None else shipped_rules_dir()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        message = tr("目录中没有规则包（*.yaml）", "no rule packs (*.yaml) in the folder")
        raise DataFileError(directory, None, "", message)
    registered = predicates()
    rules: list[RuleDef] = []
    seen: dict[str, str] = {}
    for path in files:
        located = load_yaml(path)
        for index, rule in enumerate(_read_pack(located, registered)):
            if rule.id in seen:
                raise located.error(
                    f"rules[{index}].id",
                    tr(f"规则编号 {rule.id} 重复（已在 {seen[rule.id]} 定义）",
                       f"duplicate rule id {rule.id} (already defined at {seen[rule.id]})"),
                )
            seen[rule.id] = f"{located.file}:{located.line(f'rules[{index}].id')}"
            rules.append(rule)
    unused = sorted(set(registered) - set(seen))
    if unused:
        raise DataFileError(
            directory, None, "rules",
            tr(f"以下规则有判断程序但规则包中没有定义：{'、'.join(unused)}",
               f"rules with a predicate but no definition in any pack: {', '.join(unused)}"),
        )
    return RuleBook(rules=rules)


def _read_pack(located: Located, registered: dict[str, Predicate]) -> list[RuleDef]:
    data = located.data
    if not isinstance(data, dict):
        raise located.error("", tr("规则包应为映射（键: 值）", "a rule pack must be a mapping"))
    if data.get("format") != FORMAT:
        raise located.error("format", tr(f"应为 {FORMAT}", f"must be {FORMAT}"))
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise located.error("rules", tr("应为非空的规则列表", "must be a non-empty list of rules"))
    return [_read_rule(located, f"rules[{i}]", entry, registered) for i, entry in enumerate(entries)]


def _read_rule(located: Located, path: str, entry: Any, registered: dict[str, Predicate]) -> RuleDef:
    if not isinstance(entry, dict):
        raise located.error(path, tr("每条规则应为映射", "each rule must be a mapping"))
    for key in entry:
        if key not in _FIELDS and key not in _OPTIONAL_FIELDS:
            raise located.error(f"{path}.{key}", tr("未知字段", "unknown field"))
    for key in _FIELDS:
        if key not in entry:
            raise located.error(path, tr(f"缺少字段 {key}", f"missing field {key}"))
    for key in _TEXT_FIELDS:
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise located.error(f"{path}.{key}", tr("应为非空文字", "must be non-empty text"))
    source = entry.get("source", "")
    if not isinstance(source, str) or ("source" in entry and not source.strip()):
        raise located.error(f"{path}.source", tr("应为非空文字", "must be non-empty text"))
    rule_id = entry["id"]
    if not _ID_RE.match(rule_id):
        raise located.error(f"{path}.id", tr(f"规则编号 {rule_id!r} 格式不对，应如 EVID-EDATA-NO-HASH",
                                              f"rule id {rule_id!r} must look like EVID-EDATA-NO-HASH"))
    check = registered.get(rule_id)
    if check is None:
        raise located.error(f"{path}.id", tr(f"规则 {rule_id} 没有对应的判断程序", f"rule {rule_id} has no predicate"))
    _check_choice(located, f"{path}.severity", entry["severity"], tuple(SEVERITIES))
    _check_choice(located, f"{path}.confidence", entry["confidence"], CONFIDENCES)
    _check_choice(located, f"{path}.heading", entry["heading"], PROBLEM_HEADINGS)
    verified = entry["verified"]
    if not isinstance(verified, bool):
        raise located.error(f"{path}.verified", tr("应为 true 或 false", "must be true or false"))
    if verified and entry["confidence"] not in CONFIRMED:
        raise located.error(f"{path}.verified", tr(
            f"依据可信度为 {entry['confidence']}，未经核实的依据应标注 verified: false",
            f"confidence is {entry['confidence']}; an unconfirmed basis must be verified: false"))
    if not _BASIS_RE.search(entry["legal_basis"]):
        raise located.error(f"{path}.legal_basis", tr(
            "法律依据应写明文件全称（书名号）和条文，如《中华人民共和国刑事诉讼法》第172条",
            "the basis must give the full instrument name in 《》 and the article"))
    allowed = COMMON_PLACEHOLDERS | check.placeholders
    for key in ("message", "suggestion"):
        _check_template(located, f"{path}.{key}", entry[key], allowed)
    return RuleDef(
        id=rule_id,
        title=entry["title"].strip(),
        severity=entry["severity"],
        legal_basis=entry["legal_basis"].strip(),
        verified=verified,
        confidence=entry["confidence"],
        case_types=_case_types(located, f"{path}.case_types", entry["case_types"]),
        message=entry["message"].strip(),
        suggestion=entry["suggestion"].strip(),
        heading=entry["heading"],
        source=source.strip(),
    )


def _check_choice(located: Located, path: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise located.error(path, tr(f"未知的取值 {value!r}，可选：{'、'.join(allowed)}",
                                     f"unknown value {value!r}; allowed: {', '.join(allowed)}"))


def _case_types(located: Located, path: str, value: Any) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        raise located.error(path, tr("应为案件类型列表", "must be a list of case types"))
    wildcards = {f"{group}.*" for group in CASE_TYPE_GROUPS}
    for i, item in enumerate(values):
        if not isinstance(item, str) or (item != ALL_CASE_TYPES and item not in CASE_TYPES and item not in wildcards):
            raise located.error(f"{path}[{i}]" if isinstance(value, list) else path,
                                tr(f"未知的案件类型 {item!r}", f"unknown case type {item!r}"))
    return tuple(values)


def _check_template(located: Located, path: str, template: str, allowed: frozenset[str]) -> None:
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)]
    except ValueError as exc:
        raise located.error(path, tr(f"模板格式错误：{exc}", f"malformed template: {exc}")) from exc
    if any(spec or conversion for name, spec, conversion in fields if name is not None):
        raise located.error(path, tr("占位符只写名称，如 {ids}，不加格式说明",
                                     "placeholders are plain names such as {ids}, without format specs"))
    names = {name for name, _, _ in fields if name is not None}
    unknown = sorted(names - allowed)
    if unknown:
        raise located.error(path, tr(
            f"未知的占位符 {'、'.join('{' + n + '}' for n in unknown)}，可用：{'、'.join(sorted(allowed))}",
            f"unknown placeholder(s) {', '.join(unknown)}; available: {', '.join(sorted(allowed))}"))
