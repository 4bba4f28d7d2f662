"""The case interchange format `casecheck.case/1`: reading with full validation, and writing without loss.

A file is accepted whole or not at all; every problem is reported at once as `FILE: FIELD: message`, with nested
fields named like `evidence[0].category`, so a person can fix a file in one pass.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from desktop_app.core.case import (
    ANSWER_VALUES,
    CASE_TYPES,
    EVIDENCE_CATEGORIES,
    INVESTIGATORS,
    PARTY_ROLES,
    POSSIBLE_SENTENCES,
    Answer,
    Case,
    Event,
    Evidence,
    Party,
)
from desktop_app.core.i18n import tr
from desktop_app.core.limits import CASE_JSON_BYTES, CASE_NO_CHARS, capped, quote, size_problem

FORMAT = "casecheck.case/1"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_KNOWN_KEYS = (
    "format", "case_no", "title", "case_type", "prosecutor", "department", "received_on", "closed_on",
    "in_custody", "charges", "possible_sentence", "plea_agreement", "fast_track", "suspect_minor",
    "investigated_by", "related_case_nos", "parties", "events", "evidence", "facts", "answers",
)
_EVIDENCE_KEYS = ("id", "category", "title", "collected_on", "source", "attributes")
_EVENT_KEYS = ("kind", "date", "outcome", "note")
_PARTY_DETAILS = ("id_number", "phone", "address")
_PARTY_KEYS = ("role", "name", *_PARTY_DETAILS)
_BOOL_FLAGS = ("in_custody", "plea_agreement", "fast_track", "suspect_minor")
_DAMAGES_LAWS = ("food_safety_148", "consumer_55_1", "consumer_55_2", "drug_144")
_FACT_NUMBERS = ("price_paid", "loss", "claimed_amount", "defamation_views", "defamation_forwards")
_FACT_BOOLS = (
    "defamation_penalized_within_2y", "defamation_other_serious", "defamation_public_order",
    "administrative_penalty_needed", "seizure_pending",
)
#: Reach counts of a defamatory post that practice records only sometimes (null = not recorded).
_OPTIONAL_POST_COUNTS = ("unique_visitors", "group_members")
_ATTRIBUTE_BOOLS = (
    "admits_guilt", "audio_video_recorded", "video_recorded", "witness_present", "signed",
    "via_judicial_assistance", "use_consent",
)


class CaseFormatError(ValueError):
    """A case file that breaks the format; `problems` holds every `FILE: FIELD: message` line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = capped(problems)
        super().__init__("\n".join(self.problems))


#: Dates the program can count periods from without running off the calendar (five-year enforcement queries
#: and month arithmetic need room after the date).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999


def parse_date(value: Any) -> dt.date | None:
    """A strict `YYYY-MM-DD` date within the years the program counts, or None when the value is not one."""
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return None
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if EARLIEST_YEAR <= parsed.year <= LATEST_YEAR else None


class _Reader:
    """Collects problems while converting, so that one pass reports them all."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append(f"{self.source}: {_printable(field)}: {message}")

    def text(self, data: dict[str, Any], key: str, field: str, *, required: bool) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(field, tr("缺少必填字段", "required field is missing"))
            return ""
        if not isinstance(value, str):
            self.problem(field, tr("应为字符串", "must be a string"))
            return ""
        if required and not value.strip():
            self.problem(field, tr("不能为空", "must not be empty"))
        return value

    def date(self, data: dict[str, Any], key: str, field: str, *, required: bool) -> dt.date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(field, tr("缺少必填字段", "required field is missing"))
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(field, tr(f"日期应为 {EARLIEST_YEAR}–{LATEST_YEAR} 年间的 YYYY-MM-DD，实际为 {quote(value)}",
                                   f"date must be YYYY-MM-DD between {EARLIEST_YEAR} and {LATEST_YEAR}, got {quote(value)}"))
        return parsed

    def flag(self, data: dict[str, Any], key: str, field: str) -> bool:
        value = data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(field, tr("应为 true 或 false", "must be true or false"))
            return False
        return value

    def code(self, data: dict[str, Any], key: str, field: str, allowed: dict[str, str], *, required: bool) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(field, tr("缺少必填字段", "required field is missing"))
            return None
        if not isinstance(value, str) or value not in allowed:
            self.problem(field, tr(f"未知的取值 {quote(value)}，可选：{'、'.join(allowed)}",
                                   f"unknown value {quote(value)}; allowed: {', '.join(allowed)}"))
            return None
        return value

    def mapping(self, data: dict[str, Any], key: str, field: str) -> dict[str, Any]:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(field, tr("应为对象", "must be an object"))
            return {}
        return value

    def items(self, data: dict[str, Any], key: str, field: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(field, tr("应为列表", "must be a list"))
            return []
        return value


def case_from_dict(data: Any, source: str = "<case>") -> Case:
    """Validate and convert one decoded JSON document; raises CaseFormatError listing every problem."""
    reader = _Reader(source)
    if not isinstance(data, dict):
        raise CaseFormatError([f"{source}: (root): " + tr("应为 JSON 对象", "must be a JSON object")])
    _check_values(reader, data)
    fmt = data.get("format")
    if fmt != FORMAT:
        reader.problem("format", tr(f"应为 {FORMAT!r}，实际为 {quote(fmt)}", f"must be {FORMAT!r}, got {quote(fmt)}"))
    case_no = reader.text(data, "case_no", "case_no", required=True)
    if len(case_no.strip()) > CASE_NO_CHARS:
        reader.problem("case_no", tr(f"案号过长（{len(case_no.strip())} 个字符，最多 {CASE_NO_CHARS} 个）",
                                     f"too long ({len(case_no.strip())} characters; at most {CASE_NO_CHARS})"))
    title = reader.text(data, "title", "title", required=True)
    case_type = reader.code(data, "case_type", "case_type", CASE_TYPES, required=True)
    prosecutor = reader.text(data, "prosecutor", "prosecutor", required=True)
    department = reader.text(data, "department", "department", required=False)
    received_on = reader.date(data, "received_on", "received_on", required=True)
    closed_on = reader.date(data, "closed_on", "closed_on", required=False)
    flags = {key: reader.flag(data, key, key) for key in _BOOL_FLAGS}
    charges = _read_charges(reader, data)
    possible_sentence = reader.code(data, "possible_sentence", "possible_sentence", POSSIBLE_SENTENCES, required=False)
    investigated_by = reader.code(data, "investigated_by", "investigated_by", INVESTIGATORS, required=False)
    related_case_nos = _read_related_case_nos(reader, data)
    parties = [p for i, raw in enumerate(reader.items(data, "parties", "parties")) if (p := _read_party(reader, raw, i))]
    events = [e for i, raw in enumerate(reader.items(data, "events", "events")) if (e := _read_event(reader, raw, i))]
    evidence = _read_evidence_list(reader, data)
    facts = reader.mapping(data, "facts", "facts")
    _check_facts(reader, facts)
    answers = _read_answers(reader, data)
    if reader.problems:
        raise CaseFormatError(reader.problems)
    assert case_type is not None and received_on is not None
    return Case(
        case_no=case_no.strip(),
        title=title,
        case_type=case_type,
        prosecutor=prosecutor,
        received_on=received_on,
        department=department,
        closed_on=closed_on,
        charges=charges,
        possible_sentence=possible_sentence,
        investigated_by=investigated_by,
        related_case_nos=related_case_nos,
        parties=parties,
        events=events,
        evidence=evidence,
        facts=dict(facts),
        answers=answers,
        extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
        present=frozenset(data),
        **flags,
    )


def _read_charges(reader: _Reader, data: dict[str, Any]) -> list[str]:
    charges = reader.items(data, "charges", "charges")
    for i, charge in enumerate(charges):
        if not isinstance(charge, str) or not charge.strip():
            reader.problem(f"charges[{i}]", tr("罪名应为非空字符串", "must be a non-empty string"))
    return [c for c in charges if isinstance(c, str)]


def _read_related_case_nos(reader: _Reader, data: dict[str, Any]) -> list[str]:
    numbers = reader.items(data, "related_case_nos", "related_case_nos")
    for i, number in enumerate(numbers):
        if not isinstance(number, str) or not number.strip():
            reader.problem(f"related_case_nos[{i}]", tr("案号应为非空字符串", "must be a non-empty string"))
    return [n for n in numbers if isinstance(n, str)]


def _read_party(reader: _Reader, raw: Any, index: int) -> Party | None:
    field = f"parties[{index}]"
    if not isinstance(raw, dict):
        reader.problem(field, tr("应为对象", "must be an object"))
        return None
    role = reader.code(raw, "role", f"{field}.role", PARTY_ROLES, required=True)
    name = reader.text(raw, "name", f"{field}.name", required=True)
    details = {key: reader.text(raw, key, f"{field}.{key}", required=False) for key in _PARTY_DETAILS}
    if not role or not name.strip():
        return None
    return Party(role=role, name=name, **details,
                 extra={k: v for k, v in raw.items() if k not in _PARTY_KEYS}, present=frozenset(raw))


def party_from_dict(data: Any, source: str = "<party>") -> Party:
    """A party as stored by `party_to_dict` (already validated on import); raises CaseFormatError otherwise."""
    reader = _Reader(source)
    party = _read_party(reader, data, 0)
    if party is None or reader.problems:
        raise CaseFormatError(reader.problems)
    return party


def _read_event(reader: _Reader, raw: Any, index: int) -> Event | None:
    field = f"events[{index}]"
    if not isinstance(raw, dict):
        reader.problem(field, tr("应为对象", "must be an object"))
        return None
    kind = reader.text(raw, "kind", f"{field}.kind", required=True)
    date = reader.date(raw, "date", f"{field}.date", required=True)
    outcome = reader.text(raw, "outcome", f"{field}.outcome", required=False)
    note = reader.text(raw, "note", f"{field}.note", required=False)
    if not kind or date is None:
        return None
    return Event(kind=kind, date=date, outcome=outcome, note=note,
                 extra={k: v for k, v in raw.items() if k not in _EVENT_KEYS}, present=frozenset(raw))


def _read_evidence_list(reader: _Reader, data: dict[str, Any]) -> list[Evidence]:
    result: list[Evidence] = []
    seen: set[str] = set()
    for index, raw in enumerate(reader.items(data, "evidence", "evidence")):
        field = f"evidence[{index}]"
        if not isinstance(raw, dict):
            reader.problem(field, tr("应为对象", "must be an object"))
            continue
        # "E1" and "E1 " are the same exhibit to a person, so ids are compared (and kept) trimmed.
        evidence_id = reader.text(raw, "id", f"{field}.id", required=True).strip()
        if evidence_id and evidence_id in seen:
            reader.problem(f"{field}.id", tr(f"证据编号 {quote(evidence_id)} 重复",
                                             f"duplicate evidence id {quote(evidence_id)}"))
        seen.add(evidence_id)
        category = reader.code(raw, "category", f"{field}.category", EVIDENCE_CATEGORIES, required=True)
        title = reader.text(raw, "title", f"{field}.title", required=False)
        collected_on = reader.date(raw, "collected_on", f"{field}.collected_on", required=False)
        source = reader.text(raw, "source", f"{field}.source", required=False)
        attributes = reader.mapping(raw, "attributes", f"{field}.attributes")
        _check_attributes(reader, attributes, f"{field}.attributes")
        if evidence_id and category:
            result.append(Evidence(id=evidence_id, category=category, title=title, collected_on=collected_on,
                                   source=source, attributes=dict(attributes),
                                   extra={k: v for k, v in raw.items() if k not in _EVIDENCE_KEYS},
                                   present=frozenset(raw)))
    return result


def _check_attributes(reader: _Reader, attributes: dict[str, Any], field: str) -> None:
    for key in _ATTRIBUTE_BOOLS:
        if key in attributes and attributes[key] is not None and not isinstance(attributes[key], bool):
            reader.problem(f"{field}.{key}", tr("应为 true 或 false", "must be true or false"))
    for key in ("hash_value", "hash_recomputed", "place", "witness_role", "permitted_use"):
        if key in attributes and attributes[key] is not None and not isinstance(attributes[key], str):
            reader.problem(f"{field}.{key}", tr("应为字符串", "must be a string"))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


#: Amounts (元) and counts beyond any real case; a larger one would overflow to infinity in the damages arithmetic.
MAX_AMOUNT = 1e15


def _check_facts(reader: _Reader, facts: dict[str, Any]) -> None:
    checks: list[tuple[tuple[str, ...], Callable[[Any], bool], str, str]] = [
        (_FACT_NUMBERS, lambda v: _is_number(v) and 0 <= v <= MAX_AMOUNT,
         f"应为不超过 {MAX_AMOUNT:.0e} 的非负数", f"must be a non-negative number up to {MAX_AMOUNT:.0e}"),
        (_FACT_BOOLS, lambda v: isinstance(v, bool), "应为 true 或 false", "must be true or false"),
        (("damages_law",), lambda v: v in _DAMAGES_LAWS, f"可选：{'、'.join(_DAMAGES_LAWS)}",
         f"allowed: {', '.join(_DAMAGES_LAWS)}"),
    ]
    for keys, valid, zh, en in checks:
        for key in keys:
            if key in facts and facts[key] is not None and not valid(facts[key]):
                reader.problem(f"facts.{key}", tr(zh, en))
    posts = facts.get("defamation_posts")
    if posts is None:
        return
    if not isinstance(posts, list):
        reader.problem("facts.defamation_posts", tr("应为列表", "must be a list"))
        return
    for i, post in enumerate(posts):
        field = f"facts.defamation_posts[{i}]"
        if not isinstance(post, dict):
            reader.problem(field, tr("应为对象", "must be an object"))
            continue
        reader.date(post, "posted_on", f"{field}.posted_on", required=False)
        for key in ("views", "forwards", "unique_visitors", "group_members"):
            value = post.get(key, 0)
            if key in _OPTIONAL_POST_COUNTS and value is None:
                continue
            if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
                reader.problem(f"{field}.{key}", tr("应为非负整数", "must be a non-negative integer"))
        reader.flag(post, "previously_handled", f"{field}.previously_handled")
        reader.flag(post, "closed_group", f"{field}.closed_group")
        reader.text(post, "platform", f"{field}.platform", required=False)


def _read_answers(reader: _Reader, data: dict[str, Any]) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for item_id, raw in reader.mapping(data, "answers", "answers").items():
        field = f"answers.{item_id}"
        if not isinstance(raw, dict):
            reader.problem(field, tr("应为对象", "must be an object"))
            continue
        value = reader.code(raw, "value", f"{field}.value", ANSWER_VALUES, required=True)
        note = reader.text(raw, "note", f"{field}.note", required=False)
        if value:
            answers[str(item_id)] = Answer(value=value, note=note)
    return answers


#: Python refuses to turn longer digit strings into numbers (a guard against slow conversions); so does the format.
MAX_INT_DIGITS = 4300


def _check_values(reader: _Reader, data: Any) -> None:
    """Values JSON can carry but the program cannot store or print back as JSON: a lone surrogate in a string or a
    key (not encodable as UTF-8), a non-finite number (`1e400` reads as infinity), an integer too long to print."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        field, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                name = f"{field}.{key}" if field else str(key)
                if isinstance(key, str) and not _encodable(key):
                    reader.problem(name, tr("键名含无效的 Unicode 字符（孤立代理项）",
                                                        "key holds an invalid Unicode character (lone surrogate)"))
                stack.append((name, child))
        elif isinstance(value, list):
            stack.extend((f"{field}[{i}]", child) for i, child in enumerate(value))
        elif isinstance(value, str):
            if not _encodable(value):
                reader.problem(field, tr("含无效的 Unicode 字符（孤立代理项）",
                                                     "holds an invalid Unicode character (lone surrogate)"))
        elif isinstance(value, float):
            if not math.isfinite(value):
                reader.problem(field, tr("数值超出范围（JSON 没有无穷大或 NaN）",
                                                     "number out of range (JSON has no infinity or NaN)"))
        elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_DIGITS * 3:
            reader.problem(field, tr(f"整数过长（超过 {MAX_INT_DIGITS} 位）",
                                                 f"integer too long (more than {MAX_INT_DIGITS} digits)"))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(field: str) -> str:
    """A field name safe to print: invalid characters escaped, a huge user-given key cut short."""
    return field.encode("utf-8", "backslashreplace").decode("utf-8")[:200]


class _NotJson(ValueError):
    pass


def _reject_constant(token: str) -> Any:
    """Python's reader accepts NaN and Infinity, which JSON does not have."""
    raise _NotJson(tr(f"{token} 不是 JSON 数值", f"{token} is not a JSON number"))


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _NotJson(tr(f"数值 {token[:40]} 超出范围", f"number {token[:40]} is out of range"))
    return value


def _bounded_int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_INT_DIGITS:
        raise _NotJson(tr(f"整数过长（超过 {MAX_INT_DIGITS} 位）", f"integer too long (more than {MAX_INT_DIGITS} digits)"))
    return int(token)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A key given twice would silently keep the last value; the file is refused instead, naming the key."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _NotJson(tr(f"键 {quote(key)} 重复", f"duplicate key {quote(key)}"))
        result[key] = value
    return result


def loads_strict(text: str, source: str) -> Any:
    """Decode JSON as the format means it: no NaN/Infinity, no out-of-range numbers, no duplicate keys. Every
    failure is a CaseFormatError naming `source`."""
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_bounded_int,
                          object_pairs_hook=_unique_keys)
    except RecursionError:
        raise CaseFormatError([f"{source}: (json): " + tr("JSON 嵌套层数过深", "JSON is nested too deeply")]) from None
    except _NotJson as exc:
        raise CaseFormatError([f"{source}: (json): {exc}"]) from None
    except json.JSONDecodeError as exc:
        raise CaseFormatError(
            [f"{source}: (json): " + tr(f"第 {exc.lineno} 行第 {exc.colno} 列 JSON 语法错误：{exc.msg}",
                                        f"JSON syntax error at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
        ) from None
    except ValueError as exc:  # anything else the decoder refuses (e.g. a number Python cannot convert)
        raise CaseFormatError([f"{source}: (json): {quote(str(exc))}"]) from None


def unknown_answer_ids(case: Case, item_ids: Collection[str]) -> list[str]:
    """Answered item ids the template does not have. They are kept (the template may be newer elsewhere), and the
    person is warned."""
    return [item_id for item_id in case.answers if item_id not in item_ids]


def unknown_answers_warning(source: str, unknown: list[str]) -> str:
    shown = "、".join(quote(i) for i in unknown[:10]) + ("…" if len(unknown) > 10 else "")
    return f"{source}: answers: " + tr(f"警告：{len(unknown)} 个答案的检查项不在当前检查表中，已原样保留：{shown}",
                                       f"warning: {len(unknown)} answers are for items the checklist does not have; "
                                       f"kept as given: {shown}")


def load_case_file(path: str | Path) -> Case:
    """Read one case file; unreadable or non-JSON files are reported in the same `FILE: FIELD: message` shape."""
    path = Path(path)
    source = str(path)
    too_large = size_problem(path, CASE_JSON_BYTES)
    if too_large:
        raise CaseFormatError([f"{source}: (file): {too_large}"])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CaseFormatError([f"{source}: (file): " + tr("文件不存在", "file not found")]) from None
    except UnicodeDecodeError:
        raise CaseFormatError([f"{source}: (file): " + tr("文件不是 UTF-8 编码", "file is not UTF-8")]) from None
    except OSError as exc:
        raise CaseFormatError([f"{source}: (file): " + tr(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}")]) from None
    return case_from_dict(loads_strict(text, source), source)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _kept(values: dict[str, Any], required: tuple[str, ...], present: frozenset[str] | None,
          defaults: dict[str, Any]) -> dict[str, Any]:
    """The keys to write: required ones, those the source file had, and any whose value is not the default.

    A case read from a file is written back with the same keys it came with (nothing lost, nothing added); a case
    made in the program (present is None) is written in full.
    """
    if present is None:
        return values
    return {k: v for k, v in values.items() if k in required or k in present or v != defaults.get(k)}


_CASE_DEFAULTS: dict[str, Any] = {
    "department": "", "closed_on": None, "in_custody": False, "charges": [], "possible_sentence": None,
    "plea_agreement": False, "fast_track": False, "suspect_minor": False, "investigated_by": None,
    "related_case_nos": [], "parties": [], "events": [], "evidence": [], "facts": {}, "answers": {},
}
_EVIDENCE_DEFAULTS: dict[str, Any] = {"title": "", "collected_on": None, "source": "", "attributes": {}}
_EVENT_DEFAULTS: dict[str, Any] = {"outcome": "", "note": ""}
_PARTY_DEFAULTS: dict[str, Any] = {"id_number": "", "phone": "", "address": ""}


def party_to_dict(party: Party) -> dict[str, Any]:
    """The interchange form of a party: the keys its source had (all of them for a party made in the program)."""
    values = {"role": party.role, "name": party.name, "id_number": party.id_number, "phone": party.phone,
              "address": party.address}
    return {**_kept(values, ("role", "name"), party.present, _PARTY_DEFAULTS), **party.extra}


def case_to_dict(case: Case) -> dict[str, Any]:
    """The interchange form of a case; unknown keys read earlier come back out unchanged."""
    events = [
        {**_kept({"kind": e.kind, "date": e.date.isoformat(), "outcome": e.outcome, "note": e.note},
                 ("kind", "date"), e.present, _EVENT_DEFAULTS), **e.extra}
        for e in case.events
    ]
    evidence = [
        {**_kept({"id": e.id, "category": e.category, "title": e.title, "collected_on": _iso(e.collected_on),
                  "source": e.source, "attributes": dict(e.attributes)},
                 ("id", "category"), e.present, _EVIDENCE_DEFAULTS), **e.extra}
        for e in case.evidence
    ]
    # Answers live in inspections, which do not remember whether an empty note was written; an empty note is left out.
    answers = {k: {"value": a.value, "note": a.note} if a.note else {"value": a.value} for k, a in case.answers.items()}
    data = _kept({
        "format": FORMAT,
        "case_no": case.case_no,
        "title": case.title,
        "case_type": case.case_type,
        "prosecutor": case.prosecutor,
        "department": case.department,
        "received_on": case.received_on.isoformat(),
        "closed_on": _iso(case.closed_on),
        "in_custody": case.in_custody,
        "charges": list(case.charges),
        "possible_sentence": case.possible_sentence,
        "plea_agreement": case.plea_agreement,
        "fast_track": case.fast_track,
        "suspect_minor": case.suspect_minor,
        "investigated_by": case.investigated_by,
        "related_case_nos": list(case.related_case_nos),
        "parties": [party_to_dict(p) for p in case.parties],
        "events": events,
        "evidence": evidence,
        "facts": dict(case.facts),
        "answers": answers,
    }, ("format", "case_no", "title", "case_type", "prosecutor", "received_on"), case.present, _CASE_DEFAULTS)
    data.update({k: v for k, v in case.extra.items() if k not in data})
    return data


def dump_case(case: Case) -> str:
    """Pretty UTF-8 JSON, Chinese left readable."""
    return json.dumps(case_to_dict(case), ensure_ascii=False, indent=2) + "\n"
