"""`casecheck bench` produces every metric with its floor; the numbers themselves are read, never asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.bench import GOALS, Goal, metric
from desktop_app.cli import main


def test_a_goal_holds_only_when_every_bound_it_names_holds() -> None:
    both = Goal("ratio ≤ 3 and ≤ 10 ms", max_ratio=3, max_value=10)
    assert both.met(9.0, 2.5)
    assert not both.met(11.0, 2.5)
    assert not both.met(9.0, 3.5)
    assert not both.met(9.0, None)
    assert Goal("≥ 10,000 cases/s", min_value=10_000).met(10_000, 0.1)
    assert not Goal("≥ 10,000 cases/s", min_value=10_000).met(9_999, 5)


def test_a_metric_reports_value_over_baseline() -> None:
    assert metric("page_query", 6.0, "ms", 2.0) == {"value": 6.0, "unit": "ms", "baseline": 2.0, "ratio": 3.0,
                                                    "goal": "ratio ≤ 3 and ≤ 10 ms", "met": True}
    assert metric("gui_stall", 80.0, "ms", None)["met"] is False


@pytest.mark.slow
def test_bench_on_2000_cases_produces_every_metric(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "--cases", "2000", "--repeats", "1", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["format"] == "casecheck.bench/1" and result["cases"] == 2000
    assert result["machine"]["cpus"] >= 1
    assert set(result["metrics"]) == set(GOALS)
    for name, m in result["metrics"].items():
        assert m["value"] > 0, name
        assert isinstance(m["met"], bool), name
        if name != "gui_stall":
            assert m["baseline"] > 0 and m["ratio"] == round(m["value"] / m["baseline"], 2), name
    table = capsys.readouterr().out
    assert all(name in table for name in GOALS)
