"""考核 workbook and 负面清单: per-prosecutor figures under both grading schemes, flawed cases listed and marked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.cli import main
from desktop_app.services.kaohe import kaohe_report
from tests.factories import make_case

TODAY = dt.date(2026, 3, 20)


def test_kaohe_counts_grades_problems_and_lists_flawed_cases(services) -> None:  # type: ignore[no-untyped-def]
    good = make_case("京朝检刑诉〔2026〕1号", prosecutor="甲某")
    bad = make_case("京朝检刑诉〔2026〕2号", prosecutor="甲某")
    other = make_case("京朝检刑诉〔2026〕3号", prosecutor="乙某", department="第二检察部")
    outside = make_case("京朝检刑诉〔2026〕4号", prosecutor="甲某", received_on=dt.date(2025, 1, 5))
    for case in (good, bad, other, outside):
        services.cases.create(services.actor, case)
        view = services.inspections.open(services.actor, case.case_no)
        items = [i.id for s in view.template.sections for i in s.items]
        for item_id in items:
            failing = case is bad and item_id in items[:6]
            services.inspections.answer(services.actor, view.info.id, item_id, "fail" if failing else "pass",
                                        "卷内未见" if failing else "")
    uninspected = make_case("京朝检刑诉〔2026〕5号", prosecutor="甲某")
    services.cases.create(services.actor, uninspected)

    report = kaohe_report(services, dt.date(2026, 1, 1), dt.date(2026, 12, 31), today=TODAY)
    lines = {p.prosecutor: p for p in report.prosecutors}
    assert set(lines) == {"甲某", "乙某"} and lines["甲某"].cases == 2 and report.cases == 3
    first = lines["甲某"]
    assert sum(first.grades["2017"].values()) == sum(first.grades["2026"].values()) == 2
    assert sum(first.problems.values()) >= 5 and first.mean_score is not None and first.mean_score < 100
    assert [e.case_no for e in report.negative] == [bad.case_no]
    entry = report.negative[0]
    assert entry.prosecutor == "甲某" and len(entry.failures) >= 5 and all(f[2] for f in entry.failures)
    assert set(entry.grades) == {"2017", "2026"}
    only = kaohe_report(services, dt.date(2026, 1, 1), dt.date(2026, 12, 31), department="第二检察部", today=TODAY)
    assert [p.prosecutor for p in only.prosecutors] == ["乙某"] and not only.negative


def test_kaohe_command_writes_a_workbook_with_charts(db_target: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = db_target
    assert main(["--db", db, "demo", "--cases", "150", "--seed", "2", "--today", "2026-03-20"]) == 0
    out = tmp_path / "k.xlsx"
    assert main(["--db", db, "kaohe", "--from", "2024-01-01", "--to", "2026-03-20", "--out", str(out)]) == 0
    assert "负面清单" in capsys.readouterr().out
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["考核汇总", "图表", "负面清单"]
    assert len(workbook["图表"]._charts) == 2
    header = [c.value for c in workbook["考核汇总"][1]]
    for column in ("评查案件数", "优质（2017）", "基本合格（2026）", "平均分", "证据采信", "整改完成率", "期限超期（次）"):
        assert column in header
    marked = workbook["负面清单"].cell(row=2, column=1)
    assert workbook["负面清单"].max_row > 1 and marked.fill.fgColor.rgb in ("00F8CBAD", "00FFE699")
    assert main(["--db", db, "kaohe", "--from", "2026-03-20", "--to", "2024-01-01", "--out", str(out)]) == 2
    assert main(["--db", db, "kaohe", "--from", "2024-01-01", "--to", "2026-03-20", "--out", "x.pdf"]) == 2


