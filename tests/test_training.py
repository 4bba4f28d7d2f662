"""Answer keys: reading them strictly, and telling a trainee what was found, missed or wrongly added."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.results import Computation, Deadline, Evaluation, Flag
from desktop_app.core.training import AnswerKeyError, compare_with_key, load_answer_key, sample_pairs

TODAY = dt.date(2026, 3, 20)
CASE_NO = "沪浦检刑诉〔2025〕1208号"


def write_key(folder: Path, **changes: Any) -> Path:
    data: dict[str, Any] = {
        "format": "casecheck.answerkey/1",
        "case_no": CASE_NO,
        "today": "2026-03-20",
        "expected_flags": ["EVID-EDATA-NO-HASH", "EVID-INTERROGATION-PLACE"],
        "expected_deadline_status": {"DL-PROSECUTION-REVIEW": "open", "DL-SUPPLEMENTARY-INVESTIGATION": "met"},
        "explanations": {"EVID-EDATA-NO-HASH": "E3 清单中没有完整性校验值。",
                         "EVID-INTERROGATION-PLACE": "E8 送押后在看守所外讯问。",
                         "DL-PROSECUTION-REVIEW": "重新移送后期限重新计算。",
                         "EVID-ZERO-CONFESSION": "本案有供述，不应报零口供。"},
        "expected_computations": {"DMG-CLAIM-EXCEEDS-CAP": 238000},
    }
    data.update(changes)
    path = folder / "case.key.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def flag(rule: str, title: str = "问题") -> Flag:
    return Flag(rule=rule, severity="major", title=title, message="", legal_basis="", verified=True)


def deadline(rule: str, status: str) -> Deadline:
    return Deadline(rule=rule, name="期限", start=TODAY, due=TODAY, status=status, days_left=None, legal_basis="")


def evaluation(flags: list[str], deadlines: list[tuple[str, str]], amount: float | None = 238000,
               today: dt.date = TODAY, case_no: str = CASE_NO) -> Evaluation:
    computations = [] if amount is None else [Computation("DMG-CLAIM-EXCEEDS-CAP", "法定惩罚性赔偿上限", amount)]
    return Evaluation(case_no=case_no, case_type="criminal.prosecution_review", today=today,
                      flags=[flag(r) for r in flags], deadlines=[deadline(r, s) for r, s in deadlines],
                      computations=computations)


PERFECT_DEADLINES = [("DL-PROSECUTION-REVIEW", "open"), ("DL-SUPPLEMENTARY-INVESTIGATION", "met"),
                     ("DL-SUPPLEMENTARY-INVESTIGATION", "met")]


def test_key_is_read_with_all_its_parts(tmp_path: Path) -> None:
    key = load_answer_key(write_key(tmp_path))
    assert key.case_no == CASE_NO and key.today == TODAY
    assert key.expected_flags == ("EVID-EDATA-NO-HASH", "EVID-INTERROGATION-PLACE")
    assert key.expected_deadline_status["DL-PROSECUTION-REVIEW"] == "open"
    assert key.expected_computations == {"DMG-CLAIM-EXCEEDS-CAP": 238000.0}


def test_a_broken_key_lists_every_problem_with_file_and_field(tmp_path: Path) -> None:
    path = write_key(tmp_path, format="casecheck.key/0", today="2026-3-20", expected_flags=["A", "A"],
                     expected_deadline_status={"DL-ARREST-REVIEW": "late"}, explanations={"A": ""}, grade="优质")
    with pytest.raises(AnswerKeyError) as caught:
        load_answer_key(path)
    fields = [line.split(": ")[1] for line in caught.value.problems]
    assert all(line.startswith(str(path)) for line in caught.value.problems)
    assert fields == ["format", "grade", "today", "expected_flags", "expected_deadline_status.DL-ARREST-REVIEW",
                      "explanations.A"]


def test_unreadable_key_is_reported_not_raised_raw(tmp_path: Path) -> None:
    broken = tmp_path / "broken.key.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(AnswerKeyError, match="JSON 语法错误"):
        load_answer_key(broken)
    with pytest.raises(AnswerKeyError, match="文件不存在"):
        load_answer_key(tmp_path / "missing.key.json")


def test_an_evaluation_matching_the_key_scores_full_marks(tmp_path: Path) -> None:
    key = load_answer_key(write_key(tmp_path))
    report = compare_with_key(key, evaluation(["EVID-INTERROGATION-PLACE", "EVID-EDATA-NO-HASH"], PERFECT_DEADLINES))
    assert report.perfect and report.score == 100
    assert report.found == ("EVID-EDATA-NO-HASH", "EVID-INTERROGATION-PLACE")
    assert report.missed == () and report.extra == ()
    assert report.lines[0] == f"案件 {CASE_NO}：得分 100 / 100"
    assert "已发现：EVID-EDATA-NO-HASH（问题） 说明：E3 清单中没有完整性校验值。" in report.lines


def test_missed_and_extra_flags_cost_points_and_are_explained(tmp_path: Path) -> None:
    key = load_answer_key(write_key(tmp_path))
    report = compare_with_key(key, evaluation(["EVID-EDATA-NO-HASH", "EVID-ZERO-CONFESSION"], PERFECT_DEADLINES))
    assert report.missed == ("EVID-INTERROGATION-PLACE",)
    assert report.extra == ("EVID-ZERO-CONFESSION",)
    # 5 expected answers (2 flags, 2 periods, 1 amount) plus 1 wrongly added flag; 4 of them right.
    assert report.score == 67
    assert "遗漏：EVID-INTERROGATION-PLACE 说明：E8 送押后在看守所外讯问。" in report.lines
    assert "多报：EVID-ZERO-CONFESSION（问题） 说明：本案有供述，不应报零口供。" in report.lines
    assert "应发现问题 2 项：已发现 1 项，遗漏 1 项；多报 1 项。" in report.lines


def test_period_status_must_hold_for_every_period_of_that_rule(tmp_path: Path) -> None:
    key = load_answer_key(write_key(tmp_path))
    mixed = [("DL-PROSECUTION-REVIEW", "overdue"), ("DL-SUPPLEMENTARY-INVESTIGATION", "met"),
             ("DL-SUPPLEMENTARY-INVESTIGATION", "overdue")]
    report = compare_with_key(key, evaluation(["EVID-EDATA-NO-HASH", "EVID-INTERROGATION-PLACE"], mixed))
    assert [c.correct for c in report.deadlines] == [False, False]
    assert report.score == 60
    assert "期限 DL-PROSECUTION-REVIEW：应为「进行中」，实际为「已超期」。 说明：重新移送后期限重新计算。" in report.lines
    assert "期限 DL-SUPPLEMENTARY-INVESTIGATION：应为「按期完成」，实际为「按期完成、已超期」。" in report.lines


def test_a_missing_period_or_amount_is_wrong(tmp_path: Path) -> None:
    key = load_answer_key(write_key(tmp_path))
    report = compare_with_key(key, evaluation(["EVID-EDATA-NO-HASH", "EVID-INTERROGATION-PLACE"],
                                              [("DL-PROSECUTION-REVIEW", "open")], amount=None))
    assert report.score == 60
    assert "期限 DL-SUPPLEMENTARY-INVESTIGATION：应为「按期完成」，结果中没有这一期限。" in report.lines
    assert "计算 DMG-CLAIM-EXCEEDS-CAP：应为 238,000 元，实际未计算。" in report.lines


def test_amounts_agree_to_the_fen(tmp_path: Path) -> None:
    key = load_answer_key(write_key(tmp_path))
    close = compare_with_key(key, evaluation(["EVID-EDATA-NO-HASH", "EVID-INTERROGATION-PLACE"], PERFECT_DEADLINES,
                                             amount=238000.001))
    off = compare_with_key(key, evaluation(["EVID-EDATA-NO-HASH", "EVID-INTERROGATION-PLACE"], PERFECT_DEADLINES,
                                           amount=238000.5))
    assert close.score == 100
    assert off.score == 80 and "计算 DMG-CLAIM-EXCEEDS-CAP：应为 238,000 元，实际为 238,000.50 元。" in off.lines


def test_a_clean_case_key_rewards_finding_nothing(tmp_path: Path) -> None:
    key = load_answer_key(write_key(tmp_path, expected_flags=[], expected_deadline_status={},
                                    expected_computations={}))
    assert compare_with_key(key, evaluation([], [], amount=None)).score == 100
    assert compare_with_key(key, evaluation(["EVID-WITNESS-MISSING"], [], amount=None)).score == 0


def test_key_for_another_case_is_refused_and_another_day_is_noted(tmp_path: Path) -> None:
    key = load_answer_key(write_key(tmp_path))
    with pytest.raises(ValueError, match="不能用于评判"):
        compare_with_key(key, evaluation([], [], case_no="京朝检刑诉〔2026〕1号"))
    later = compare_with_key(key, evaluation([], [], today=dt.date(2026, 4, 30)))
    assert any("按 2026-03-20 计算" in line and "2026-04-30" in line for line in later.lines)


def test_sample_pairs_needs_the_case_beside_the_key(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a.key.json").write_text("{}", encoding="utf-8")
    (tmp_path / "orphan.key.json").write_text("{}", encoding="utf-8")
    assert sample_pairs(tmp_path) == [(tmp_path / "a.json", tmp_path / "a.key.json")]


def test_item_answers_are_read_in_order_and_round_trip(tmp_path: Path) -> None:
    items = {"AR-PR-01": {"expected": "fail", "explanation": "超过七日", "basis": "《中华人民共和国刑事诉讼法》第91条"},
             "AR-PR-02": {"expected": "pass"}, "AR-PR-03": {"expected": "na", "explanation": "本案未羁押"}}
    key = load_answer_key(write_key(tmp_path, items=items))
    assert list(key.items) == ["AR-PR-01", "AR-PR-02", "AR-PR-03"]
    assert key.items["AR-PR-01"].expected == "fail" and key.items["AR-PR-01"].basis.endswith("第91条")
    assert key.items["AR-PR-02"].explanation == "" and key.items["AR-PR-03"].expected == "na"
    from desktop_app.core.training import answer_key_from_dict, answer_key_to_dict

    assert answer_key_from_dict(answer_key_to_dict(key), "again") == dataclasses.replace(key, source="again")


def test_a_key_without_items_still_reads(tmp_path: Path) -> None:
    assert load_answer_key(write_key(tmp_path)).items == {}


def test_broken_item_answers_name_file_and_field(tmp_path: Path) -> None:
    path = write_key(tmp_path, items={"X1": {"expected": "unsure"}, "X2": "fail", "X3": {"expected": "pass",
                                                                                          "basis": 7, "why": "?"}})
    with pytest.raises(AnswerKeyError) as caught:
        load_answer_key(path)
    assert all(line.startswith(f"{path}: items.") for line in caught.value.problems)
    fields = [line.split(": ")[1] for line in caught.value.problems]
    assert fields == ["items.X1.expected", "items.X2", "items.X3.why", "items.X3.basis"]
