"""The interchange format: every problem named as FILE: FIELD: message, and a lossless round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.case_format import CaseFormatError, case_from_dict, case_to_dict, load_case_file


def minimal(**extra: Any) -> dict[str, Any]:
    data = {
        "format": "casecheck.case/1",
        "case_no": "京朝检刑诉〔2026〕9号",
        "title": "王某某诈骗案",
        "case_type": "criminal.prosecution_review",
        "prosecutor": "赵某",
        "received_on": "2026-01-05",
    }
    data.update(extra)
    return data


def test_minimal_case_gets_defaults() -> None:
    case = case_from_dict(minimal(), "a.json")
    assert case.in_custody is False and case.charges == [] and case.evidence == [] and case.closed_on is None


def test_every_problem_is_listed_with_file_and_field() -> None:
    data = minimal(
        case_type="criminal.unknown",
        received_on="2026/01/05",
        evidence=[
            {"id": "E1", "category": "rumour"},
            {"id": "E1", "category": "physical", "collected_on": "2026-02-30"},
        ],
        events=[{"kind": "arrest_decided"}],
        in_custody="yes",
    )
    del data["title"]
    with pytest.raises(CaseFormatError) as caught:
        case_from_dict(data, "bad.json")
    problems = caught.value.problems
    fields = {p.split(": ")[1] for p in problems}
    assert {
        "title",
        "case_type",
        "received_on",
        "evidence[0].category",
        "evidence[1].id",
        "evidence[1].collected_on",
        "events[0].date",
        "in_custody",
    } <= fields
    assert all(p.startswith("bad.json: ") for p in problems)


def test_answers_and_facts_are_checked() -> None:
    data = minimal(answers={"PR-EV-01": {"value": "maybe"}}, facts={"damages_law": "unknown_law", "loss": -1})
    with pytest.raises(CaseFormatError) as caught:
        case_from_dict(data, "f.json")
    text = str(caught.value)
    assert "answers.PR-EV-01.value" in text and "facts.damages_law" in text and "facts.loss" in text


def test_round_trip_keeps_unknown_keys(tmp_path: Path) -> None:
    data = minimal(
        charges=["诈骗罪"],
        in_custody=True,
        possible_sentence="3_to_10y",
        investigated_by="public_security",
        evidence=[
            {
                "id": "E1",
                "category": "electronic_data",
                "title": "手机数据",
                "collected_on": "2026-01-02",
                "source": "公安",
                "attributes": {"hash_value": "AB", "vendor_tool": "X-Ways"},
                "page_ref": 12,
            }
        ],
        events=[
            {
                "kind": "review_extended",
                "date": "2026-02-01",
                "outcome": "",
                "note": "重大复杂",
                "approved_by": "检察长",
            }
        ],
        facts={"price_paid": 100, "custom_fact": {"nested": [1, 2]}},
        answers={"PR-EV-01": {"value": "fail", "note": "缺少鉴定"}},
        office_tag="试点",
    )
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = case_to_dict(load_case_file(path))
    for key, value in data.items():
        if key in ("evidence", "events"):
            continue
        assert again[key] == value, key
    assert again["evidence"][0]["attributes"]["vendor_tool"] == "X-Ways"
    assert again["evidence"][0]["page_ref"] == 12
    assert again["events"][0]["approved_by"] == "检察长"
    assert case_to_dict(case_from_dict(again, "again")) == again


def test_unreadable_files_are_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CaseFormatError, match=r"broken.json: \(json\)"):
        load_case_file(broken)
    with pytest.raises(CaseFormatError, match="missing.json"):
        load_case_file(tmp_path / "missing.json")
