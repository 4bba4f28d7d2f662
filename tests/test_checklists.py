"""Checklist templates: the shipped ones load and cite their basis, broken ones are reported precisely, walks count."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import pytest

from desktop_app.core.case import CASE_TYPES, Answer, Case, Evidence
from desktop_app.core.checklist_model import PROBLEM_HEADINGS, ChecklistTemplate
from desktop_app.core.checklists import (
    checklist_summary,
    item_states,
    load_builtin_templates,
    load_template_file,
    missing_notes,
    template_from_dict,
    template_to_dict,
    walk_progress,
)
from desktop_app.core.datafile import DataFileError, resources_dir

CHECKLIST_DIR = resources_dir() / "checklists"
TEMPLATE_FILES = sorted(CHECKLIST_DIR.glob("*.yaml"))
TIER_RANGES = {"瑕疵": (1, 2), "一般错误": (3, 5), "严重错误": (8, 15)}

#: Articles cited in the criminal and foreign templates that the legal catalog does not confirm.
#: Instruments whose articles could not be read (not in the statute library, no other source): never verified.
UNCONFIRMED_CITATIONS = (
    "《人民检察院案件质量检查与评查工作规定（试行）》",
    "《人民检察院案件质量评查工作规定（试行）》",
)


@pytest.fixture(scope="module")
def builtin() -> dict[str, ChecklistTemplate]:
    return load_builtin_templates()


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.stem)
def test_every_shipped_template_loads_and_is_named_after_its_case_type(path: Path) -> None:
    template = load_template_file(path)
    assert template.id == path.stem
    assert template.id in CASE_TYPES
    assert template.items


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.stem)
def test_every_item_cites_its_basis_and_has_a_tier_deduction(path: Path) -> None:
    template = load_template_file(path)
    ids = [item.id for item in template.items]
    assert len(ids) == len(set(ids))
    for item in template.items:
        assert re.search(r"《[^》]+》", item.legal_basis), item.id
        if not re.search(r"《[^》]+》第\d+条", item.legal_basis):
            assert not item.verified, f"{item.id}: a basis with no article number cannot be verified"
        low, high = TIER_RANGES[item.severity]
        assert low <= item.deduction <= high, item.id
    titles = [section.title for section in template.sections]
    assert titles == [heading for heading in PROBLEM_HEADINGS if heading in titles]


def test_all_nine_case_types_have_a_template(builtin: dict[str, ChecklistTemplate]) -> None:
    assert set(builtin) == set(CASE_TYPES)


@pytest.mark.parametrize(
    ("case_type", "minimum"),
    [("criminal.prosecution_review", 38), ("criminal.arrest_review", 28), ("foreign.judicial_assistance", 18)],
)
def test_criminal_and_foreign_templates_are_complete(
    builtin: dict[str, ChecklistTemplate], case_type: str, minimum: int
) -> None:
    template = builtin[case_type]
    assert len(template.items) >= minimum
    for item in template.items:
        assert re.search(r"《[^》]+》第\d+条", item.legal_basis), item.id
        if any(citation in item.legal_basis for citation in UNCONFIRMED_CITATIONS):
            assert not item.verified, item.id


def test_prosecution_template_covers_all_thirteen_points_of_article_330(builtin: dict[str, ChecklistTemplate]) -> None:
    cited: set[int] = set()
    for item in builtin["criminal.prosecution_review"].items:
        for points in re.findall(r"《人民检察院刑事诉讼规则》第330条((?:第\d+项、?)+)", item.legal_basis):
            cited.update(int(n) for n in re.findall(r"第(\d+)项", points))
    assert cited == set(range(1, 14))


def test_template_json_round_trip_is_exact(builtin: dict[str, ChecklistTemplate]) -> None:
    for template in builtin.values():
        stored = json.dumps(template_to_dict(template), ensure_ascii=False)
        assert template_from_dict(json.loads(stored), "检查记录#1") == template


def test_a_stored_template_that_is_broken_names_its_source(builtin: dict[str, ChecklistTemplate]) -> None:
    data = template_to_dict(builtin["criminal.arrest_review"])
    data["sections"][0]["items"][1]["severity"] = "很严重"
    with pytest.raises(DataFileError) as info:
        template_from_dict(data, "检查记录#7")
    assert str(info.value).startswith("检查记录#7: sections[0].items[1].severity: ")


GOOD = """\
format: casecheck.checklist/1
id: criminal.prosecution_review
title: 测试表
version: "1"
source: 测试
description: 测试
sections:
  - title: 证据采信
    items:
      - id: T-EV-01
        question: 证据是否确实充分？
        guidance: 看证据
        basis: 《中华人民共和国刑事诉讼法》第55条
        verified: true
        severity: 严重错误
        deduction: 10
        veto: true
        note_required_on_fail: true
      - id: T-EV-02
        question: 电子数据是否有校验值？
        guidance: 看提取笔录
        basis: 《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第111条
        verified: true
        severity: 一般错误
        deduction: 4
        applies_when:
          field: evidence.category
          contains: electronic_data
  - title: 办案程序
    items:
      - id: T-PR-01
        question: 是否听取意见？
        guidance: 看笔录
        basis: 《中华人民共和国刑事诉讼法》第173条
        verified: true
        severity: 瑕疵
        deduction: 1.5
"""


def write_template(tmp_path: Path, text: str, name: str = "criminal.prosecution_review.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_good_template_loads_with_its_sections_and_defaults(tmp_path: Path) -> None:
    template = load_template_file(write_template(tmp_path, GOOD))
    assert [s.title for s in template.sections] == ["证据采信", "办案程序"]
    first, second, third = template.items
    assert first.veto and first.note_required_on_fail and first.heading == "证据采信"
    assert not third.veto and not third.note_required_on_fail and third.deduction == 1.5
    assert second.applies_when == {"field": "evidence.category", "contains": "electronic_data"}
    assert third.applies_when is None


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


@pytest.mark.parametrize(
    ("old", "new", "field", "needle", "occurrence"),
    [
        ("severity: 一般错误", "severity: 很严重", "sections[0].items[1].severity", "severity: 很严重", 1),
        ("deduction: 4", "deduction: 120", "sections[0].items[1].deduction", "deduction: 120", 1),
        ("deduction: 4", 'deduction: "4"', "sections[0].items[1].deduction", 'deduction: "4"', 1),
        ("deduction: 4", "deduction: true", "sections[0].items[1].deduction", "deduction: true", 1),
        (
            "verified: true\n        severity: 瑕疵",
            "verified: 是\n        severity: 瑕疵",
            "sections[1].items[0].verified",
            "verified: 是",
            1,
        ),
        ("basis: 《中华人民共和国刑事诉讼法》第173条", 'basis: ""', "sections[1].items[0].basis", 'basis: ""', 1),
        ("id: T-PR-01", "id: T-EV-01", "sections[1].items[0].id", "id: T-EV-01", 2),
        ("title: 办案程序", "title: 程序问题", "sections[1].title", "title: 程序问题", 1),
        ("title: 办案程序", "title: 证据采信", "sections[1].title", "title: 证据采信", 2),
        (
            "contains: electronic_data",
            "contains: e_data",
            "sections[0].items[1].applies_when.contains",
            "contains: e_data",
            1,
        ),
        (
            "field: evidence.category",
            "field: evidence.kind",
            "sections[0].items[1].applies_when.field",
            "field: evidence.kind",
            1,
        ),
        ('version: "1"', "version: 2025.1", "version", "version: 2025.1", 1),
        ("id: criminal.prosecution_review", "id: criminal.other", "id", "id: criminal.other", 1),
        ("format: casecheck.checklist/1", "format: casecheck.checklist/2", "format", "format:", 1),
        ("        veto: true\n", "        vetoed: true\n", "sections[0].items[0].vetoed", "vetoed: true", 1),
        ("        guidance: 看笔录\n", "", "sections[1].items[0].guidance", "id: T-PR-01", 1),
        ("description: 测试\n", "description: 测试\nauthor: 某人\n", "author", "author:", 1),
    ],
)
def test_mistakes_are_reported_with_file_line_and_field(
    tmp_path: Path, old: str, new: str, field: str, needle: str, occurrence: int
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    path = write_template(tmp_path, text)
    with pytest.raises(DataFileError) as info:
        load_template_file(path)
    error = info.value
    assert error.field == field
    assert error.line == line_of(text, needle, occurrence)
    assert str(error).startswith(f"{path}:{error.line}: {field}: ")


def test_empty_sections_are_rejected(tmp_path: Path) -> None:
    text = GOOD.split("sections:")[0] + "sections:\n  - title: 证据采信\n    items: []\n"
    with pytest.raises(DataFileError) as info:
        load_template_file(write_template(tmp_path, text))
    assert info.value.field == "sections[0].items"


def test_builtin_folder_requires_file_named_after_the_case_type(tmp_path: Path) -> None:
    write_template(tmp_path, GOOD, name="criminal.arrest_review.yaml")
    with pytest.raises(DataFileError) as info:
        load_builtin_templates(tmp_path)
    assert info.value.field == "id"
    assert "criminal.arrest_review" in str(info.value)


def test_builtin_folder_is_keyed_by_case_type(tmp_path: Path) -> None:
    write_template(tmp_path, GOOD)
    assert list(load_builtin_templates(tmp_path)) == ["criminal.prosecution_review"]


def make_case(**fields: object) -> Case:
    return Case(
        case_no="京朝检刑诉〔2026〕5号",
        title="王某某诈骗案",
        case_type="criminal.prosecution_review",
        prosecutor="李检察官",
        received_on=dt.date(2026, 3, 2),
        **fields,  # type: ignore[arg-type]
    )


def test_walk_counts_only_applicable_items(tmp_path: Path) -> None:
    template = load_template_file(write_template(tmp_path, GOOD))
    answers = {"T-EV-01": Answer("pass"), "T-EV-02": Answer("fail", "无校验值"), "NOT-AN-ITEM": Answer("pass")}

    without_edata = item_states(template, make_case(), answers)
    assert [s.applicable for s in without_edata] == [True, False, True]
    assert walk_progress(without_edata) == (1, 2)

    with_edata = item_states(template, make_case(evidence=[Evidence(id="E1", category="electronic_data")]), answers)
    assert [s.applicable for s in with_edata] == [True, True, True]
    assert with_edata[1].value == "fail" and with_edata[1].note == "无校验值"
    assert walk_progress(with_edata) == (2, 3)


def test_checklist_summary_for_the_result(tmp_path: Path) -> None:
    template = load_template_file(write_template(tmp_path, GOOD))
    summary = checklist_summary(template, make_case(), {"T-PR-01": Answer("unsure")})
    assert summary.to_json() == {"template": "criminal.prosecution_review", "version": "1", "answered": 1, "total": 2}


def test_builtin_prosecution_walk_depends_on_the_case(builtin: dict[str, ChecklistTemplate]) -> None:
    template = builtin["criminal.prosecution_review"]
    plain = checklist_summary(template, make_case(), {})
    pleading = checklist_summary(template, make_case(plea_agreement=True, in_custody=True), {})
    assert plain.answered == 0 and pleading.answered == 0
    assert plain.total < pleading.total <= len(template.items)


def test_missing_notes_lists_failed_items_needing_a_note(tmp_path: Path) -> None:
    template = load_template_file(write_template(tmp_path, GOOD))
    edata = make_case(evidence=[Evidence(id="E1", category="electronic_data")])
    states = item_states(template, edata, {"T-EV-01": Answer("fail", "  "), "T-EV-02": Answer("fail")})
    assert missing_notes(states) == ["T-EV-01"]
    states = item_states(template, edata, {"T-EV-01": Answer("fail", "证据不足"), "T-PR-01": Answer("fail")})
    assert missing_notes(states) == []
    states = item_states(template, edata, {"T-EV-01": Answer("pass")})
    assert missing_notes(states) == []
