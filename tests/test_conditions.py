"""The `applies_when` language: what each operator means for a case, and how mistakes are reported."""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.conditions import condition_holds, condition_problems, describe_condition, validate_condition
from desktop_app.core.datafile import DataFileError, load_yaml


def make_case(**fields: Any) -> Case:
    base: dict[str, Any] = {
        "case_no": "京朝检刑诉〔2026〕1号",
        "title": "张某某盗窃案",
        "case_type": "criminal.prosecution_review",
        "prosecutor": "李检察官",
        "received_on": dt.date(2026, 3, 2),
    }
    base.update(fields)
    return Case(**base)


def test_no_condition_always_applies() -> None:
    assert condition_holds(None, make_case())


@pytest.mark.parametrize(("custody", "expected"), [(True, True), (False, False)])
def test_equals_on_a_yes_no_field(custody: bool, expected: bool) -> None:
    assert condition_holds({"field": "in_custody", "equals": True}, make_case(in_custody=custody)) is expected


def test_equals_on_codes_and_text() -> None:
    case = make_case(investigated_by="procuratorate", department="第一检察部")
    assert condition_holds({"field": "investigated_by", "equals": "procuratorate"}, case)
    assert not condition_holds({"field": "investigated_by", "equals": "public_security"}, case)
    assert condition_holds({"field": "department", "equals": "第一检察部"}, case)


def test_equals_keeps_true_apart_from_one() -> None:
    case = make_case(facts={"count": 1, "flag": True})
    assert not condition_holds({"field": "facts.count", "equals": True}, case)
    assert not condition_holds({"field": "facts.flag", "equals": 1}, case)
    assert condition_holds({"field": "facts.count", "equals": 1.0}, case)


def test_equals_on_a_date_field_reads_the_iso_text() -> None:
    case = make_case(closed_on=dt.date(2026, 1, 31))
    assert condition_holds({"field": "closed_on", "equals": "2026-01-31"}, case)
    assert not condition_holds({"field": "closed_on", "equals": "2026-02-01"}, case)


def test_in() -> None:
    cond = {"field": "possible_sentence", "in": ["life", "death"]}
    assert condition_holds(cond, make_case(possible_sentence="death"))
    assert not condition_holds(cond, make_case(possible_sentence="over_10y"))
    assert not condition_holds(cond, make_case(possible_sentence=None))


def test_contains_on_the_three_list_fields() -> None:
    case = make_case(
        charges=["诽谤罪"],
        evidence=[Evidence(id="E1", category="electronic_data"), Evidence(id="E2", category="documentary")],
        events=[Event(kind="returned_for_investigation", date=dt.date(2026, 3, 20))],
    )
    assert condition_holds({"field": "charges", "contains": "诽谤罪"}, case)
    assert not condition_holds({"field": "charges", "contains": "盗窃罪"}, case)
    assert condition_holds({"field": "evidence.category", "contains": "electronic_data"}, case)
    assert not condition_holds({"field": "evidence.category", "contains": "physical"}, case)
    assert condition_holds({"field": "events.kind", "contains": "returned_for_investigation"}, case)
    assert not condition_holds({"field": "events.kind", "contains": "resubmitted"}, make_case())


def test_contains_on_a_list_fact() -> None:
    case = make_case(facts={"victims": ["甲", "乙"], "note": "甲乙"})
    assert condition_holds({"field": "facts.victims", "contains": "乙"}, case)
    assert not condition_holds({"field": "facts.note", "contains": "甲"}, case)


@pytest.mark.parametrize(
    ("facts", "present"),
    [
        ({}, False),
        ({"loss": None}, False),
        ({"loss": ""}, False),
        ({"loss": "  "}, False),
        ({"loss": []}, False),
        ({"loss": 0}, True),
        ({"loss": False}, True),
        ({"loss": "食品"}, True),
    ],
)
def test_exists_means_present_and_not_empty(facts: dict[str, Any], present: bool) -> None:
    case = make_case(facts=facts)
    assert condition_holds({"field": "facts.loss", "exists": True}, case) is present
    assert condition_holds({"field": "facts.loss", "exists": False}, case) is not present


def test_exists_on_case_fields() -> None:
    assert not condition_holds({"field": "closed_on", "exists": True}, make_case())
    assert condition_holds({"field": "closed_on", "exists": True}, make_case(closed_on=dt.date(2026, 4, 1)))
    assert not condition_holds({"field": "charges", "exists": True}, make_case())


@pytest.mark.parametrize(
    ("op", "limit", "expected"),
    [("gt", 1000, False), ("gt", 999, True), ("gte", 1000, True), ("lt", 1000, False), ("lte", 1000, True)],
)
def test_comparisons_at_the_boundary(op: str, limit: int, expected: bool) -> None:
    assert condition_holds({"field": "facts.loss", op: limit}, make_case(facts={"loss": 1000})) is expected


@pytest.mark.parametrize("value", ["1000", True, None, [1000]])
def test_comparisons_on_a_non_number_are_false(value: Any) -> None:
    case = make_case(facts={"loss": value})
    for op in ("gt", "gte", "lt", "lte"):
        assert not condition_holds({"field": "facts.loss", op: 0}, case)


def test_a_missing_fact_makes_every_test_false_except_exists_false() -> None:
    case = make_case()
    assert not condition_holds({"field": "facts.damages_law", "equals": "food_safety_148"}, case)
    assert not condition_holds({"field": "facts.damages_law", "in": ["food_safety_148"]}, case)
    assert not condition_holds({"field": "facts.victims", "contains": "甲"}, case)
    assert not condition_holds({"field": "facts.loss", "gte": 0}, case)
    assert not condition_holds({"field": "facts.loss", "exists": True}, case)
    assert condition_holds({"field": "facts.loss", "exists": False}, case)


def test_nesting_all_any_not() -> None:
    cond = {
        "all": [
            {"field": "plea_agreement", "equals": True},
            {"any": [{"field": "suspect_minor", "equals": True}, {"not": {"field": "fast_track", "equals": True}}]},
        ]
    }
    assert condition_holds(cond, make_case(plea_agreement=True))
    assert condition_holds(cond, make_case(plea_agreement=True, fast_track=True, suspect_minor=True))
    assert not condition_holds(cond, make_case(plea_agreement=True, fast_track=True))
    assert not condition_holds(cond, make_case(plea_agreement=False))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cond.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_field_is_reported_with_file_line_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "applies_when:\n  all:\n    - field: in_custody\n      equals: true\n    - field: in_custdy\n      equals: true\n",
    )
    located = load_yaml(path)
    with pytest.raises(DataFileError) as info:
        validate_condition(located.data["applies_when"], located, "applies_when")
    error = info.value
    assert error.line == 5
    assert error.field == "applies_when.all[1].field"
    assert str(error).startswith(f"{path}:5: applies_when.all[1].field: ")
    assert "in_custdy" in str(error)


def test_a_valid_condition_passes(tmp_path: Path) -> None:
    path = write(tmp_path, "applies_when:\n  field: evidence.category\n  contains: electronic_data\n")
    located = load_yaml(path)
    validate_condition(located.data["applies_when"], located, "applies_when")


@pytest.mark.parametrize(
    ("cond", "where"),
    [
        ({"field": "in_custody"}, "c"),
        ({"field": "in_custody", "equals": True, "exists": True}, "c"),
        ({"equals": True}, "c"),
        ({"field": "in_custody", "equal": True}, "c.equal"),
        ({"field": "in_custody", "equals": "yes"}, "c.equals"),
        ({"field": "case_type", "equals": "criminal.unknown"}, "c.equals"),
        ({"field": "evidence.category", "contains": "photos"}, "c.contains"),
        ({"field": "charges", "equals": "诽谤罪"}, "c.equals"),
        ({"field": "department", "contains": "一"}, "c.contains"),
        ({"field": "possible_sentence", "in": []}, "c.in"),
        ({"field": "possible_sentence", "in": "life"}, "c.in"),
        ({"field": "facts.loss", "gt": "1000"}, "c.gt"),
        ({"field": "facts.loss", "gt": True}, "c.gt"),
        ({"field": "prosecutor", "gt": 3}, "c.gt"),
        ({"field": "facts.loss", "exists": "yes"}, "c.exists"),
        ({"field": "closed_on", "equals": dt.date(2026, 1, 1)}, "c.equals"),
        ({"field": "closed_on", "equals": "31/01/2026"}, "c.equals"),
        ({"field": "facts.", "exists": True}, "c.field"),
        ({"field": 3, "equals": 3}, "c.field"),
        ({"all": []}, "c.all"),
        ({"any": {"field": "in_custody", "equals": True}}, "c.any"),
        ({"all": [{"field": "in_custody", "equals": True}], "field": "fast_track"}, "c"),
        ({"not": "in_custody"}, "c.not"),
        ("in_custody == True", "c"),
    ],
)
def test_malformed_conditions_are_rejected(cond: Any, where: str) -> None:
    problems = condition_problems(cond, "c")
    assert problems, cond
    assert problems[0][0] == where


def test_every_problem_is_listed() -> None:
    cond = {"any": [{"field": "bogus", "equals": 1}, {"field": "in_custody", "equals": 1}]}
    assert [path for path, _ in condition_problems(cond, "w")] == ["w.any[0].field", "w.any[1].equals"]


def test_conditions_are_never_evaluated_as_code(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("conditions must not run code")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    monkeypatch.setattr(builtins, "compile", forbidden)
    assert condition_problems({"field": "__import__('os').system('echo hi')", "equals": 1}, "c")
    case = make_case(department="1 == 1", facts={"loss": 5, "tags": ["a"]})
    assert not condition_holds({"field": "department", "equals": "True"}, case)
    assert condition_holds({"field": "department", "equals": "1 == 1"}, case)
    conditions = [{"field": "facts.loss", op: 3} for op in ("gt", "gte", "lt", "lte")] + [
        {"field": "facts.tags", "contains": "a"},
        {"field": "facts.loss", "in": [5]},
        {"not": {"any": [{"all": [{"field": "facts.loss", "exists": True}]}]}},
    ]
    for cond in conditions:
        assert condition_problems(cond, "c") == []
        condition_holds(cond, case)


def test_describe_condition_in_chinese() -> None:
    assert describe_condition(None) == "适用于所有案件"
    assert describe_condition({"field": "in_custody", "equals": True}) == "仅适用于：犯罪嫌疑人在押"
    assert describe_condition({"field": "in_custody", "equals": False}) == "仅适用于：犯罪嫌疑人未在押"
    assert (
        describe_condition({"field": "evidence.category", "contains": "electronic_data"})
        == "仅适用于：证据中有电子数据"
    )
    assert (
        describe_condition({"field": "possible_sentence", "in": ["life", "death"]})
        == "仅适用于：可能判处的刑罚为无期徒刑或死刑"
    )
    assert (
        describe_condition({"not": {"field": "events.kind", "contains": "non_prosecution_decided"}})
        == "仅适用于：没有“作出不起诉决定”记录"
    )
    nested = describe_condition(
        {
            "any": [
                {"all": [{"field": "plea_agreement", "equals": True}, {"field": "facts.loss", "gt": 5000}]},
                {"field": "charges", "contains": "诽谤罪"},
            ]
        }
    )
    assert nested == "仅适用于：（犯罪嫌疑人认罪认罚，且损失大于5000），或涉嫌罪名包括诽谤罪"
