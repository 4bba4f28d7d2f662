"""`casecheck bench` produces every metric with its floor; the numbers themselves are read, never asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.bench import GOALS, Goal, metric
from desktop_app.cli import main
from tests.postgres_server import PostgresServer


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


def test_bench_leaves_a_database_file_given_with_db_alone(tmp_path: Path) -> None:
    """`--db` is a global option; the SQLite bench still builds a throw-away database of its own and never touches
    a person's database file."""
    out = tmp_path / "bench.json"
    assert main(["--db", str(tmp_path / "mine.db"), "bench", "--cases", "10", "--repeats", "1",
                 "--only", "page_query", "--out", str(out)]) == 0
    assert set(json.loads(out.read_text(encoding="utf-8"))["metrics"]) == {"page_query"}
    assert not (tmp_path / "mine.db").exists()


def test_dashboard_open_reports_every_run_and_the_window_stall(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "--cases", "30", "--repeats", "1", "--only", "dashboard,dashboard_open",
                 "--out", str(out)]) == 0
    opened = json.loads(out.read_text(encoding="utf-8"))["metrics"]["dashboard_open"]
    assert len(opened["runs_s"]) == len(opened["stalls_ms"]) == 3
    assert opened["value"] == round(sorted(opened["runs_s"])[1], 3)
    assert opened["stall_ms"] == max(opened["stalls_ms"]) >= 0
    assert f"(stall {opened['stall_ms']:g} ms)" in capsys.readouterr().out


def test_bench_only_measures_the_metrics_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "--cases", "30", "--repeats", "1", "--only", "page_query,search", "--out", str(out)]) == 0
    metrics = json.loads(out.read_text(encoding="utf-8"))["metrics"]
    assert set(metrics) == {"page_query", "search"}
    assert all(m["baseline"] > 0 for m in metrics.values())
    assert main(["bench", "--cases", "30", "--only", "page_query,nonsense"]) == 2
    assert "nonsense" in capsys.readouterr().err


@pytest.mark.postgresql
def test_bench_on_a_postgresql_server_leaves_no_database_behind(tmp_path: Path, postgres_server: PostgresServer) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    url = postgres_server.new_database()
    out = tmp_path / "bench.json"
    assert main(["bench", "--cases", "30", "--repeats", "1", "--only", "demo_generation,page_query,search",
                 "--db", url, "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["machine"]["database"].startswith("PostgreSQL")
    assert set(result["metrics"]) == {"demo_generation", "page_query", "search"}
    assert all(m["baseline"] > 0 for m in result["metrics"].values())
    parsed = make_url(url)
    with psycopg.connect(host=parsed.host, port=parsed.port, user=parsed.username, password=parsed.password,
                         dbname=parsed.database) as conn:
        left = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'casecheck_bench_%'").fetchall()
    assert left == []
