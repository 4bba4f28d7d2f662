"""量刑偏离度 / 同案不同判: comparable months, the not-adopted flag, peer groups, planted outliers, the commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.cli import main
from desktop_app.core.datafile import DataFileError
from desktop_app.core.demo import generate_cases
from desktop_app.core.evaluation import EvaluationContext, evaluate_case
from desktop_app.core.risk.demo_facts import planted_outlier
from desktop_app.core.risk.sentencing import (
    Sentence,
    SentencingRow,
    load_settings,
    load_shipped_settings,
    not_adopted,
    screen,
    sentencing_row,
    shipped_settings_path,
)
from tests.factories import make_case

TODAY = dt.date(2026, 6, 1)
SETTINGS = load_shipped_settings()


def months(**raw: object) -> float | None:
    sentence = Sentence.parse(raw)
    assert sentence is not None
    return SETTINGS.months(sentence)


def test_comparable_months() -> None:
    assert months(kind="fixed_term", months=24) == 24
    assert months(kind="criminal_detention", months=4) == 4
    assert months(kind="public_surveillance", months=12) == 6  # 管制 counts half (刑法 第41条)
    assert months(kind="fixed_term", months=12, probation_months=24) == 6
    assert months(kind="fixed_term", months_min=10, months_max=14) == 12
    assert months(kind="fine_only", fine_yuan=5000) == 0 and months(kind="exempted") == 0
    assert months(kind="life") == 324 and months(kind="death") == 360
    assert months(kind="life") > 25 * 12  # above the longest fixed term of 刑法 第69条
    assert Sentence.parse({"kind": "caning"}) is None and Sentence.parse(None) is None


def test_settings_file_is_validated(tmp_path: Path) -> None:
    text = shipped_settings_path().read_text(encoding="utf-8")
    broken = tmp_path / "s.yaml"
    broken.write_text(text.replace("  min_group_size: 8", "  min_group_size: 1"), encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_settings(broken)
    assert raised.value.field == "screening.min_group_size" and raised.value.line
    broken.write_text(text.replace("  method: mad", "  method: zscore"), encoding="utf-8")
    with pytest.raises(DataFileError, match="screening.method"):
        load_settings(broken)


def test_not_adopted() -> None:
    rec = Sentence.parse({"kind": "fixed_term", "months_min": 10, "months_max": 14})
    assert rec is not None
    inside, outside = Sentence.parse({"kind": "fixed_term", "months": 12}), Sentence.parse(
        {"kind": "fixed_term", "months": 18})
    suspended = Sentence.parse({"kind": "fixed_term", "months": 12, "probation_months": 12})
    assert inside and outside and suspended
    assert not not_adopted(rec, inside, SETTINGS)
    assert not_adopted(rec, outside, SETTINGS) and not_adopted(rec, suspended, SETTINGS)


def sentencing_case(plea: bool, imposed_months: float):  # type: ignore[no-untyped-def]
    return make_case(plea_agreement=plea, facts={"sentencing": {
        "recommended": {"kind": "fixed_term", "months_min": 10, "months_max": 14},
        "imposed": {"kind": "fixed_term", "months": imposed_months}, "amount_involved": 20000,
        "circumstances": ["认罪认罚"]}})


def test_recommendation_not_adopted_flag() -> None:
    context = EvaluationContext.load()

    def rules(case) -> list[str]:  # type: ignore[no-untyped-def]
        return [f["rule"] for f in evaluate_case(case, TODAY, context).to_json()["flags"]]

    result = evaluate_case(sentencing_case(True, 18), TODAY, context).to_json()
    (flag,) = [f for f in result["flags"] if f["rule"] == "SENT-RECOMMENDATION-NOT-ADOPTED"]
    assert flag["severity"] == "info" and "第201条" in flag["legal_basis"] and "18个月" in flag["message"]
    assert "SENT-RECOMMENDATION-NOT-ADOPTED" not in rules(sentencing_case(True, 12))
    assert "SENT-RECOMMENDATION-NOT-ADOPTED" not in rules(sentencing_case(False, 18))
    plain = evaluate_case(make_case(plea_agreement=True), TODAY, context).to_json()
    assert result["score"] == plain["score"]  # an info flag costs no points


def row(case_no: str, value: float, charge: str = "盗窃罪", amount: float = 20000,
        circumstances: tuple[str, ...] = ()) -> SentencingRow:
    return SentencingRow(case_no, charge, amount, circumstances, value, "imposed")


def test_groups_coarsen_until_big_enough_and_outliers_are_explained() -> None:
    rows = [row(f"A{i}", 12 + i % 3, circumstances=("自首",)) for i in range(8)]
    rows += [row(f"B{i}", 14, circumstances=("累犯",)) for i in range(3)]
    rows.append(row("OUT", 60, circumstances=("累犯",)))
    rows += [row(f"C{i}", 40, charge="诈骗罪", amount=50000 + i) for i in range(2)]
    result = screen(rows, SETTINGS, min_group_size=8)
    assert result.peers_of("A0") is not None and result.peers_of("A0").level == "charge_amount_circumstances"  # type: ignore[union-attr]
    coarse = result.peers_of("OUT")
    assert coarse is not None and coarse.level == "charge_amount" and len(coarse.members) == 12
    assert result.peers_of("C0") is None  # two 诈骗 cases never make a group
    (outlier,) = result.outliers
    assert outlier.case_no == "OUT" and outlier.group_size == 12
    assert outlier.deviation == pytest.approx((60 - outlier.group_median_months) / outlier.group_median_months)
    assert "中位数" in outlier.reason and "60 个月" in outlier.reason
    data = result.to_json()
    assert data["format"] == "casecheck.screening/1" and data["cases_screened"] == 14 and data["groups"] == 2
    assert set(data["outliers"][0]) == {"case_no", "charge", "group_size", "group_median_months", "value_months",
                                        "deviation", "reason"}


def test_recommended_value_stands_in_for_a_missing_judgment() -> None:
    facts = {"sentencing": {"recommended": {"kind": "public_surveillance", "months": 12}}}
    found = sentencing_row("X", ["盗窃罪"], facts, SETTINGS)
    assert found is not None and found.value_months == 6 and found.source == "recommended"
    assert sentencing_row("Y", ["盗窃罪"], {}, SETTINGS) is None


def test_screening_finds_the_planted_outliers() -> None:
    seed = 3
    cases = list(generate_cases(8000, seed=seed, today=TODAY))
    rows = [r for c in cases if (r := sentencing_row(c.case_no, c.charges, c.facts, SETTINGS)) is not None]
    planted = {r.case_no for r in rows if planted_outlier(seed, r.case_no)}
    found = {o.case_no for o in screen(rows, SETTINGS).outliers}
    assert len(planted) >= 20
    recall = len(planted & found) / len(planted)
    precision = len(planted & found) / len(found)
    assert recall >= 0.8, recall
    assert precision >= 0.25, precision


def test_commands_write_the_contract(db_target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = db_target
    assert main(["--db", db, "demo", "--cases", "400", "--seed", "3", "--today", "2026-06-01"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "screen", "sentencing", "--format", "json", "--out", str(tmp_path / "s.xlsx")]) == 0
    screening = json.loads(capsys.readouterr().out)
    assert screening["format"] == "casecheck.screening/1" and screening["cases_screened"] > 0
    assert load_workbook(tmp_path / "s.xlsx").sheetnames == ["离群案件", "同类案件组"]
    assert main(["--db", db, "risk", "calibrate", "--format", "json", "--type", "criminal.arrest_review"]) == 0
    calibration = json.loads(capsys.readouterr().out)
    assert calibration["format"] == "casecheck.calibration/1" and calibration["assessed"] > 0
    assert set(calibration["matrix"]) == {"red", "yellow", "green"} and 0 <= calibration["agreement"] <= 1
    assert main(["--db", db, "risk", "calibrate", "--out", str(tmp_path / "c.xlsx")]) == 0
    assert "一致率" in capsys.readouterr().out
    assert load_workbook(tmp_path / "c.xlsx").sheetnames == ["一致率", "指标", "按罪名"]
    assert main(["--db", db, "risk", "calibrate", "--out", str(tmp_path / "c.csv")]) == 2
    assert main(["--db", db, "screen", "sentencing", "--type", "criminal.nothing"]) == 2
