"""Scoring and grading under both shipped schemes, built from hand-made inspections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from desktop_app.core.case import Answer, Case
from desktop_app.core.checklist_model import ChecklistItem, ChecklistSection, ChecklistTemplate
from desktop_app.core.datafile import DataFileError
from desktop_app.core.results import Flag
from desktop_app.core.scoring import (
    apply_override,
    default_heading,
    list_grading_schemes,
    load_grading_scheme,
    score_case,
)

CPL_55 = "《中华人民共和国刑事诉讼法》第55条"


def item(
    item_id: str,
    heading: str = "证据采信",
    *,
    severity: str = "瑕疵",
    deduction: float = 2.0,
    veto: bool = False,
    applies_when: object = None,
) -> ChecklistItem:
    return ChecklistItem(
        id=item_id,
        question=f"问题{item_id}是否符合规定",
        guidance="",
        legal_basis=CPL_55,
        verified=True,
        heading=heading,
        severity=severity,
        deduction=deduction,
        veto=veto,
        applies_when=applies_when,
    )


def template(*items: ChecklistItem) -> ChecklistTemplate:
    return ChecklistTemplate(
        id="criminal.prosecution_review",
        title="审查起诉案件自查表",
        version="1",
        sections=(ChecklistSection("证据采信", tuple(items)),),
    )


def case(**answers: str) -> Case:
    return Case(
        case_no="京朝检刑诉〔2026〕1号",
        title="张某盗窃案",
        case_type="criminal.prosecution_review",
        prosecutor="王某",
        received_on=dt.date(2026, 3, 2),
        answers={key: Answer(value) for key, value in answers.items()},
    )


def flag(rule: str, severity: str) -> Flag:
    return Flag(rule=rule, severity=severity, title=f"{rule}标题", message="说明", legal_basis=CPL_55, verified=True)


def score(the_case: Case, tpl: ChecklistTemplate | None, flags: list[Flag], scheme: str = "2017", **kw: object):
    return score_case(the_case, tpl, the_case.answers, flags, load_grading_scheme(scheme), **kw)


def write_scheme(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load((Path(__file__).parents[1] / "resources/grading/2017.yaml").read_text("utf-8"))
    data.update(changes)
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_both_schemes_ship_with_their_labels_and_the_same_codes() -> None:
    assert {"2017", "2026"} <= set(list_grading_schemes())
    old, new = load_grading_scheme(), load_grading_scheme("2026")
    assert old.id == "2017"
    assert [g.label for g in old.grades] == ["优质", "合格", "瑕疵", "不合格"]
    assert [g.label for g in new.grades] == ["优质", "合格", "基本合格", "不合格"]
    assert (
        [g.code for g in old.grades]
        == [g.code for g in new.grades]
        == ["excellent", "qualified", "flawed", "unqualified"]
    )
    assert "《人民检察院案件质量评查工作规定（试行）》" in old.legal_basis
    assert not old.verified and not new.verified  # the catalog has the grade names as PARTIAL / single-source


def test_a_clean_inspection_is_excellent_with_full_marks() -> None:
    result = score(case(A="pass", B="pass"), template(item("A"), item("B")), [])
    assert (result.score, result.proposed_code, result.grade) == (100.0, "excellent", "优质")
    assert result.deductions == []


def test_failed_applicable_items_and_flags_deduct_their_points() -> None:
    tpl = template(
        item("A", deduction=3),
        item("B", deduction=2),
        item("C", deduction=4),
        item("N", deduction=50, applies_when={"field": "in_custody", "equals": True}),
    )
    the_case = case(A="fail", B="pass", C="unsure", N="fail")  # N does not apply: not in custody
    result = score(the_case, tpl, [flag("EVID-EDATA-NO-HASH", "minor"), flag("EVID-ZERO-CONFESSION", "info")])
    assert result.score == 100 - 3 - 2  # item A, then a minor flag (2 in 2017); info costs nothing
    assert [(d.source, d.points) for d in result.deductions] == [("A", 3.0), ("EVID-EDATA-NO-HASH", 2.0)]
    assert any("待核实" in reason and "暂定" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("lost", "code"),
    [(5, "excellent"), (5.5, "qualified"), (15, "qualified"), (15.5, "flawed"), (40, "flawed"), (40.5, "unqualified")],
)
def test_thresholds_include_the_boundary_score(lost: float, code: str) -> None:
    result = score(case(A="fail"), template(item("A", deduction=lost)), [])
    assert result.score == 100 - lost
    assert result.proposed_code == code


def test_the_third_tier_is_flawed_in_both_schemes_with_different_labels() -> None:
    tpl, the_case = template(item("A", deduction=30)), case(A="fail")
    assert score(the_case, tpl, [], "2017").proposed_label == "瑕疵"
    assert score(the_case, tpl, [], "2026").proposed_label == "基本合格"
    assert score(the_case, tpl, [], "2026").proposed_code == "flawed"


@pytest.mark.parametrize("scheme", ["2017", "2026"])
def test_a_failed_veto_item_makes_the_case_unqualified_whatever_the_score(scheme: str) -> None:
    result = score(case(V="fail"), template(item("V", deduction=1, veto=True)), [], scheme)
    assert result.score == 99
    assert (result.proposed_code, result.proposed_label) == ("unqualified", "不合格")
    assert any("否决项" in reason and "V" in reason for reason in result.reasons)


@pytest.mark.parametrize("scheme", ["2017", "2026"])
def test_a_critical_flag_makes_the_case_unqualified(scheme: str) -> None:
    result = score(case(), None, [flag("EVID-CONFESSION-ONLY", "critical")], scheme)
    assert result.proposed_code == "unqualified"
    assert any("EVID-CONFESSION-ONLY" in reason for reason in result.reasons)


def test_a_scheme_cannot_switch_off_the_critical_flag_rule(tmp_path: Path) -> None:
    lenient = write_scheme(tmp_path, caps=[], flag_deductions={"critical": 0, "major": 0, "minor": 0, "info": 0})
    result = score_case(case(), None, {}, [flag("EVID-CONFESSION-ONLY", "critical")], load_grading_scheme(lenient))
    assert result.score == 100
    assert result.proposed_code == "unqualified"


def test_a_failed_serious_error_item_caps_the_grade_at_the_third_tier() -> None:
    result = score(case(S="fail"), template(item("S", severity="严重错误", deduction=1)), [])
    assert result.score == 99
    assert result.proposed_code == "flawed"
    assert any("严重错误" in reason and "S" in reason for reason in result.reasons)


def test_a_major_flag_keeps_a_high_score_from_being_excellent() -> None:
    result = score(case(), None, [flag("PROC-FAST-TRACK-INELIGIBLE", "major")])
    assert result.score == 95
    assert result.proposed_code == "qualified"
    assert result.deductions[0].heading == "办案程序"


def test_score_is_rounded_half_up_and_never_negative(tmp_path: Path) -> None:
    assert score(case(A="fail"), template(item("A", deduction=1.3)), []).score == 98.5
    assert score(case(A="fail"), template(item("A", deduction=1.25)), []).score == 99.0
    tenth = load_grading_scheme(write_scheme(tmp_path, rounding=0.1))
    assert (
        score_case(case(A="fail"), template(item("A", deduction=1.26)), {"A": Answer("fail")}, [], tenth).score == 98.7
    )
    crushed = score(case(A="fail", B="fail"), template(item("A", deduction=80), item("B", deduction=80)), [])
    assert crushed.score == 0
    assert crushed.proposed_code == "unqualified"


def test_tier_mode_deducts_by_the_items_tier(tmp_path: Path) -> None:
    path = write_scheme(
        tmp_path, item_deductions={"points": "tier", "tier_points": {"瑕疵": 1, "一般错误": 4, "严重错误": 12}}
    )
    tpl = template(item("A", severity="一般错误", deduction=0), item("B", deduction=9))
    result = score_case(case(), tpl, {"A": Answer("fail"), "B": Answer("fail")}, [], load_grading_scheme(path))
    assert result.score == 100 - 4 - 1


def test_flag_headings_come_from_the_rule_or_the_rule_family() -> None:
    assert [default_heading(r) for r in ("EVID-X", "DL-ARREST-REVIEW", "PROC-X", "DEF-THRESHOLD-NOT-MET")] == [
        "证据采信",
        "办案程序",
        "办案程序",
        "法律适用",
    ]
    flags = [flag("DEF-THRESHOLD-NOT-MET", "major"), flag("ENF-X", "major")]
    result = score(case(), None, flags, heading_of={"DEF-THRESHOLD-NOT-MET": "事实认定"}.get)
    assert [d.heading for d in result.deductions] == ["事实认定", "法律适用"]
    assert result.points_by_heading()["事实认定"] == 5


def test_override_needs_a_reason_and_keeps_the_proposed_grade() -> None:
    result = score(case(A="fail"), template(item("A", deduction=30)), [], "2026")
    for reason in ("", "   "):
        with pytest.raises(ValueError, match="理由"):
            apply_override(result, "qualified", reason)
    with pytest.raises(ValueError):
        apply_override(result, "perfect", "理由充分")
    final = apply_override(result, "qualified", " 经检委会讨论，问题已在办案中纠正 ")
    assert (final.grade_code, final.grade) == ("qualified", "合格")
    assert (final.proposed_code, final.proposed_label) == ("flawed", "基本合格")
    assert final.override is not None and final.override.reason == "经检委会讨论，问题已在办案中纠正"
    assert result.override is None and result.grade == "基本合格"  # the original result is untouched


def test_a_broken_scheme_file_names_file_line_and_field(tmp_path: Path) -> None:
    path = write_scheme(tmp_path)
    text = path.read_text("utf-8").replace("min_score: 85", "min_score: 99")
    path.write_text(text, "utf-8")
    with pytest.raises(DataFileError) as caught:
        load_grading_scheme(path)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "min_score: 99" in row)
    assert str(caught.value).startswith(f"{path}:{line}: grades[1].min_score: ")


def test_an_unknown_scheme_name_is_reported_with_the_known_ones() -> None:
    with pytest.raises(DataFileError, match="2017"):
        load_grading_scheme("1999")
