"""The dashboard's aggregates against figures worked out by hand on a four-case register."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from db.models import CaseRecord, DeadlineRecord, FlagRecord, User
from desktop_app.cli import main
from desktop_app.core.deadlines import period_status
from desktop_app.services.actors import Actor
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.services.stats import StatsFilters, StatsService, stats_service
from tests.factories import make_case

TODAY = dt.date(2026, 3, 20)


def _walk(services: Services, case_no: str, fails: set[int]) -> list[str]:
    """A 自查 answering every item: the items at the positions in `fails` 不符合, the others 符合."""
    view = services.inspections.open(services.actor, case_no)
    items = [i.id for s in view.template.sections for i in s.items]
    for index, item_id in enumerate(items):
        services.inspections.answer(services.actor, view.info.id, item_id, "fail" if index in fails else "pass")
    return items


#: Building the register answers about 190 checklist items; the queries that differ per database (months, periods,
#: drilling, the CLI) run on both, the rest of the figures, plain portable SQL, on SQLite only to keep CI short.
sqlite_only = pytest.mark.parametrize("db_target", ["sqlite"], indirect=True)


@pytest.fixture
def register(services: Services) -> Services:
    """李某 has two 审查起诉 cases received in March (items 1 and 2 failed in A1, item 1 in A2); 王某 one received
    in February with every item passed; 赵某 an uninspected 审查逮捕 case of another department."""
    services.cases.create(services.actor, make_case("A1号"))
    services.cases.create(services.actor, make_case("A2号", received_on=dt.date(2026, 3, 10)))
    services.cases.create(services.actor, make_case("B1号", prosecutor="王某", received_on=dt.date(2026, 2, 3)))
    services.cases.create(services.actor, make_case("C1号", prosecutor="赵某", department="第二检察部",
                                                    case_type="criminal.arrest_review"))
    _walk(services, "A1号", {1, 2})
    _walk(services, "A2号", {1})
    _walk(services, "B1号", set())
    return services


def _stats(services: Services) -> StatsService:
    return stats_service(services)


def _figures(services: Services) -> dict[str, Any]:
    return {row.case_no: row.figures for row in services.cases.page(CaseQuery(), limit=10)}


def test_grades_scores_and_trend_add_up_the_per_case_figures(register: Services) -> None:
    figures = _figures(register)
    stats = _stats(register).dashboard(StatsFilters(), TODAY)
    assert stats.cases == 4
    expected = Counter(f.grade_code for f in figures.values())
    assert {b.key: b.count for b in stats.grades if b.count} == dict(expected)
    assert sum(b.count for b in stats.grades) == 4
    score = {no: f.score for no, f in figures.items()}
    by_prosecutor = {m.key: (m.cases, m.mean_score) for m in stats.by_prosecutor}
    assert by_prosecutor["李某"] == (2, round(statistics.mean([score["A1号"], score["A2号"]]), 2))
    assert by_prosecutor["王某"] == (1, score["B1号"])
    assert {m.label: m.cases for m in stats.by_case_type} == {"审查起诉": 3, "审查逮捕": 1}
    assert [(t.month, t.cases) for t in stats.trend] == [("2026-02", 1), ("2026-03", 3)]
    # A failed item costs points: 王某's clean walk scores above 李某's two flawed ones.
    assert (by_prosecutor["王某"][1] or 0) > (by_prosecutor["李某"][1] or 0) > 0


@sqlite_only
def test_most_failed_items_count_each_case_once_with_the_question(register: Services) -> None:
    items = register.inspections.open(register.actor, "A1号").template
    questions = {i.id: i.question for s in items.sections for i in s.items}
    order = [i.id for s in items.sections for i in s.items]
    failed = _stats(register).dashboard(StatsFilters(), TODAY).failed_items
    assert [(f.item_id, f.cases) for f in failed] == [(order[1], 2), (order[2], 1)]
    assert failed[0].question == questions[order[1]]
    assert _stats(register).dashboard(StatsFilters(inspection_kind="review"), TODAY).failed_items == []


def test_flags_periods_and_rectifications_match_the_stored_rows(register: Services) -> None:
    with register.database.sessions() as session:
        flag_rows = session.execute(select(FlagRecord.rule, FlagRecord.case_id)).all()
        periods = session.execute(select(DeadlineRecord.due, DeadlineRecord.done_on,
                                         DeadlineRecord.suspended_by)).all()
    stats = _stats(register).dashboard(StatsFilters(), TODAY)
    per_rule = Counter(rule for rule, _ in set(flag_rows))
    assert {f.rule: f.cases for f in stats.flags} == dict(per_rule.most_common(20))
    statuses = Counter(period_status(due, None, TODAY) for due, done, stopped in periods
                       if done is None and stopped is None)
    assert (stats.periods.overdue, stats.periods.due_soon) == (statuses["overdue"], statuses["due_soon"])
    assert len(stats.periods.periods) == statuses["overdue"] + statuses["due_soon"]
    lines = register.rectifications.rows(case_no="A1号")
    assert len(lines) >= 2  # the two failed items
    register.rectifications.update(register.actor, "A1号", lines[0].key, status="done")
    counts = {b.key: b.count for b in _stats(register).dashboard(StatsFilters(), TODAY).rectifications}
    assert counts["done"] == 1
    assert counts["done"] + counts["pending"] + counts["declined"] == len(register.rectifications.rows())


@sqlite_only
def test_filters_narrow_every_figure(register: Services) -> None:
    stats = _stats(register).dashboard(StatsFilters(prosecutor="李某", date_from=dt.date(2026, 3, 5)), TODAY)
    assert stats.cases == 1
    assert [(t.month, t.cases) for t in stats.trend] == [("2026-03", 1)]
    assert [(f.cases) for f in stats.failed_items] == [1]
    assert _stats(register).dashboard(StatsFilters(department="第二检察部"), TODAY).cases == 1
    assert _stats(register).dashboard(StatsFilters(inspection_kind="self"), TODAY).cases == 3
    assert _stats(register).dashboard(StatsFilters(case_type="criminal.arrest_review"), TODAY).failed_items == []


@sqlite_only
def test_another_scheme_grades_the_stored_scores_by_its_score_lines(register: Services) -> None:
    stats = _stats(register).dashboard(StatsFilters(scheme="2026"), TODAY)
    labels = [b.label for b in stats.grades]
    assert labels[:4] == ["优质", "合格", "基本合格", "不合格"]
    assert sum(b.count for b in stats.grades) == 4


@sqlite_only
def test_a_prosecutor_account_sees_only_their_own_cases(register: Services) -> None:
    with register.database.sessions() as session:
        user = User(login="wang", display_name="王某", role="prosecutor")
        session.add(user)
        session.flush()
        session.execute(update(CaseRecord).where(CaseRecord.case_no == "B1号").values(owner_id=user.id))
        session.commit()
        viewer = Actor(user.id, "wang", "王某", "prosecutor", account=True)
    stats = _stats(register).dashboard(StatsFilters(), TODAY, viewer)
    assert stats.cases == 1
    assert [m.key for m in stats.by_prosecutor] == ["王某"]
    assert stats.failed_items == []


def test_a_click_gives_the_register_filter_of_exactly_the_counted_cases(register: Services) -> None:
    service = _stats(register)
    order = [i.id for s in register.inspections.open(register.actor, "A1号").template.sections for i in s.items]
    query = service.drill(StatsFilters(), "failed_items", order[1], TODAY)
    assert query.case_nos == ("A1号", "A2号")
    query = service.drill(StatsFilters(), "by_prosecutor", "李某", TODAY)
    assert register.cases.count(query) == 2
    grade = next(b for b in service.dashboard(StatsFilters(), TODAY).grades if b.count)
    assert register.cases.count(service.drill(StatsFilters(), "grades", grade.key, TODAY)) == grade.count
    assert service.drill(StatsFilters(), "trend", "2026-02", TODAY).case_nos == ("B1号",)


def test_cli_json_has_the_documented_keys(register: Services, db_target: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    register.close()
    assert main(["--db", db_target, "stats", "--format", "json", "--today", TODAY.isoformat(),
                 "--prosecutor", "李某"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "casecheck.stats/1"
    assert document["filters"]["prosecutor"] == "李某"
    assert document["cases"] == 2
    assert set(document) == {"format", "today", "filters", "cases", "grades", "by_prosecutor", "by_case_type",
                             "trend", "failed_items", "flags", "periods", "rectifications"}
    assert list(document["grades"]) == ["excellent", "qualified", "flawed", "unqualified"]
    assert sum(g["cases"] for g in document["grades"].values()) == 2
    assert [t["month"] for t in document["trend"]] == ["2026-03"]
    assert {"item_id", "question", "cases"} <= set(document["failed_items"][0])
    assert set(document["rectifications"]) == {"pending", "done", "declined"}
    assert main(["--db", db_target, "stats", "--format", "json", "--type", "nonsense"]) == 2


@sqlite_only
def test_cli_workbook_has_a_chart_per_figure_and_keeps_formulas_as_text(register: Services, db_target: str,
                                                                        tmp_path: Path) -> None:
    with register.database.sessions() as session:
        session.execute(update(CaseRecord).where(CaseRecord.case_no == "B1号").values(prosecutor="=1+1"))
        session.commit()
    register.close()
    out = tmp_path / "stats.xlsx"
    assert main(["--db", db_target, "stats", "--out", str(out), "--today", TODAY.isoformat()]) == 0
    workbook = load_workbook(out)
    assert "等次分布" in workbook.sheetnames and "不符合最多的检查项" in workbook.sheetnames
    assert all(len(workbook[name]._charts) == 1 for name in ("等次分布", "检察官平均分", "按月趋势", "期限预警"))
    names = {row[0].value: row[0] for row in workbook["检察官平均分"].iter_rows(min_row=2)}
    assert names["=1+1"].data_type == "s"
    assert [row[1].value for row in workbook["按月趋势"].iter_rows(min_row=2)] == [1, 3]
