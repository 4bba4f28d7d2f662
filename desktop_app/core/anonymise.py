"""De-identification (脱敏) of a real case before it becomes a training sample.

A trainer turns a real file into a sample, so nothing that names a person or the real matter may leave with it.
Every string anywhere in the case's interchange form (title, facts, notes, evidence, events, answers' notes, even
keys of free facts) is rewritten through one table of replacements, so a name is replaced the same way wherever it
appears and the case still reads as one story:

- the `parties`: names, ID numbers, phones and addresses (and the 承办检察官);
- the 案号: `case_no`, every number in `related_case_nos` and in evidence's `permitted_use`, and any mention of
  them in free text, one fake number per real one, so rules comparing them (被请求国同意的用途) read as before;
- patterns, even where no party lists them: 18-digit ID numbers, mobile numbers (1[3-9] and nine digits) and
  bank card numbers (16–19 digits).

The result is the new case plus the list of replacements, for the trainer to review (and change the replacement
text of) before anything is exported. The function is pure: the same case and choices give the same result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.core.case import Case
from desktop_app.core.case_format import case_from_dict, case_to_dict

#: What each kind of replacement is, as the trainer's review table names it.
KINDS: dict[str, str] = {
    "name": "姓名/名称",
    "prosecutor": "承办检察官",
    "id_number": "身份证号",
    "phone": "电话",
    "address": "住址",
    "case_no": "案号",
    "bank_card": "银行卡号",
}
#: Digit runs are only taken whole: a run inside a word or a hexadecimal hash is not a number of a person.
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
PATTERNS: dict[str, re.Pattern[str]] = {
    "id_number": re.compile(_EDGE_BEFORE + r"\d{17}[\dXx]" + _EDGE_AFTER),
    "phone": re.compile(_EDGE_BEFORE + r"1[3-9]\d{9}" + _EDGE_AFTER),
    "bank_card": re.compile(_EDGE_BEFORE + r"\d{16,19}" + _EDGE_AFTER),
}
_CASE_NO = re.compile(r"^(?P<org>.*?检)(?P<kind>[^〔(（]*)[〔(（](?P<year>\d{4})[〕)）](?P<number>\d+)号$")
_STEMS = "甲乙丙丁戊己庚辛壬癸"


@dataclass(frozen=True)
class Replacement:
    kind: str
    original: str
    replacement: str
    #: How many times it was replaced in the case.
    count: int = 0

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Anonymised:
    case: Case
    replacements: tuple[Replacement, ...]

    def table(self) -> dict[str, str]:
        return {r.original: r.replacement for r in self.replacements}


class AnonymiseError(ValueError):
    """A replacement the trainer chose would leave an original in the case or merge two originals into one."""


def _stem(index: int) -> str:
    return _STEMS[index % len(_STEMS)] + (str(index // len(_STEMS)) if index >= len(_STEMS) else "")


def _digits(prefix: str, length: int, index: int) -> str:
    """A clearly made-up number of the same length: the prefix, zeros, and a running number."""
    tail = str(index + 1)
    return prefix + "0" * max(0, length - len(prefix) - len(tail)) + tail


def _fake_case_no(original: str, index: int) -> str:
    match = _CASE_NO.match(original.strip())
    if match is None:
        return f"示例案号{index + 1:03d}"
    return f"某检{match['kind']}〔{match['year']}〕{9000 + index}号"


def _strings(value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (field path, text) of the case dict, keys of free objects included."""
    found: list[tuple[str, str]] = []
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        for key, child in value.items():
            found.append((f"{path}.{key}" if path else key, str(key)))
            found.extend(_strings(child, f"{path}.{key}" if path else key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_strings(child, f"{path}[{index}]"))
    return found


def plan(case: Case) -> list[Replacement]:
    """The replacements the case needs, in the order the review shows them: listed people, 案号, then patterns."""
    table: dict[str, Replacement] = {}

    def add(kind: str, original: str, replacement: str) -> None:
        original = original.strip()
        if original and original not in table:
            table[original] = Replacement(kind, original, replacement)

    counters = {"name": 0, "address": 0}
    for party in case.parties:
        if len(party.name.strip()) >= 2 and party.name.strip() not in table:  # one character would eat the text
            add("name", party.name, ("某单位" if party.role == "agency" else "") + _stem(counters["name"]) + "某")
            counters["name"] += 1
        if party.id_number:
            add("id_number", party.id_number, _digits("110000", len(party.id_number.strip()) or 18,
                                                      sum(r.kind == "id_number" for r in table.values())))
        if party.phone:
            add("phone", party.phone, _digits("1380", len(party.phone.strip()) or 11,
                                              sum(r.kind == "phone" for r in table.values())))
        if party.address.strip() and party.address.strip() not in table:
            add("address", party.address, f"某市某区某路{counters['address'] + 1}号")
            counters["address"] += 1
    if case.prosecutor.strip():
        add("prosecutor", case.prosecutor, "检察官" + _stem(0))
    permitted = [e.attributes.get("permitted_use") for e in case.evidence]
    for number in [case.case_no, *case.related_case_nos, *(p for p in permitted if isinstance(p, str))]:
        add("case_no", number, _fake_case_no(number, sum(r.kind == "case_no" for r in table.values())))
    data = case_to_dict(case)
    for _, text in _strings(data):
        for kind, pattern in PATTERNS.items():
            for match in pattern.finditer(text):
                prefix = {"id_number": "110000", "phone": "1380", "bank_card": "6200"}[kind]
                add(kind, match.group(), _digits(prefix, len(match.group()),
                                                 sum(r.kind == kind for r in table.values())))
    return list(table.values())


def _apply(value: Any, pattern: re.Pattern[str] | None, table: Mapping[str, str], counts: dict[str, int]) -> Any:
    if pattern is None:
        return value
    if isinstance(value, str):
        def swap(match: re.Match[str]) -> str:
            counts[match.group()] = counts.get(match.group(), 0) + 1
            return table[match.group()]
        return pattern.sub(swap, value)
    if isinstance(value, dict):
        return {_apply(str(k), pattern, table, counts): _apply(v, pattern, table, counts) for k, v in value.items()}
    if isinstance(value, list):
        return [_apply(v, pattern, table, counts) for v in value]
    return value


def _pattern(table: Mapping[str, str]) -> re.Pattern[str] | None:
    originals = sorted(table, key=len, reverse=True)  # the longest first: a name inside an address goes with it
    return re.compile("|".join(re.escape(o) for o in originals)) if originals else None


def rewrite(value: Any, table: Mapping[str, str]) -> Any:
    """Apply a replacement table to every string of a JSON-like value (e.g. the sample's answer key)."""
    return _apply(value, _pattern(table), table, {})


def anonymise(case: Case, overrides: Mapping[str, str] | None = None) -> Anonymised:
    """The de-identified case and what was replaced; `overrides` maps an original to the trainer's own text."""
    planned = plan(case)
    table = {r.original: r.replacement for r in planned}
    for original, text in (overrides or {}).items():
        if original in table:
            table[original] = text.strip()
    _check(table)
    counts: dict[str, int] = {}
    data = _apply(case_to_dict(case), _pattern(table), table, counts)
    new_case = case_from_dict(data, "<anonymised>")
    replacements = tuple(Replacement(r.kind, r.original, table[r.original], counts.get(r.original, 0))
                         for r in planned)
    return Anonymised(new_case, replacements)


def leftovers(value: Any, originals: list[str]) -> list[tuple[str, str]]:
    """(field path, original) for every original still found in a value: the check before a sample is exported."""
    return [(path, original) for path, text in _strings(value) for original in originals if original in text]


def _check(table: Mapping[str, str]) -> None:
    problems = []
    seen: dict[str, str] = {}
    for original, text in table.items():
        if not text:
            problems.append(f"“{original}”的替换文字不能为空")
        elif any(o in text for o in table):
            problems.append(f"“{original}”的替换文字“{text}”中仍含有需替换的原文")
        elif text in seen:
            problems.append(f"“{original}”与“{seen[text]}”的替换文字相同（{text}），会把两者混为一谈")
        seen.setdefault(text, original)
    if problems:
        raise AnonymiseError("；".join(problems))
