"""The dashboard's aggregates against figures worked out by hand on a four-case register."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import delete, select, update

from db.engine import Database, alembic_config, current_revision, database_url, head_revision, open_database
from db.models import KIND_BITS, CaseFailedItem, CaseFigures, CaseFlag, CaseRecord, DeadlineRecord, FlagRecord, User
from desktop_app.cli import main
from desktop_app.core.case import Event
from desktop_app.core.deadlines import period_status
from desktop_app.services.actors import Actor
from desktop_app.services.board import board_counts
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services, open_services
from desktop_app.services.exports import export_scorecards
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


def _by_hand(services: Services, case_nos: set[str]) -> dict[str, Any]:
    """The figures of just these cases, counted from the stored rows in Python."""
    with services.database.sessions() as session:
        ids = {i for i, no in session.execute(select(CaseRecord.id, CaseRecord.case_no)) if no in case_nos}
        failed = Counter(item for case_id, item in session.execute(
            select(CaseFailedItem.case_id, CaseFailedItem.item_id)) if case_id in ids)
        flags = Counter(rule for case_id, rule in set(session.execute(
            select(FlagRecord.case_id, FlagRecord.rule))) if case_id in ids)
        periods = [(due, done) for case_id, due, done, stopped in session.execute(
            select(DeadlineRecord.case_id, DeadlineRecord.due, DeadlineRecord.done_on, DeadlineRecord.suspended_by))
            if case_id in ids and stopped is None]
        lines = sum(1 for line in services.rectifications.rows() if line.case_no in case_nos)
    statuses = Counter(period_status(due, done, TODAY) for due, done in periods)
    return {"cases": len(ids), "failed": dict(failed), "flags": dict(flags),
            "periods": (statuses["overdue"], statuses["due_soon"]), "lines": lines}


def test_every_filter_counts_exactly_its_cases_on_every_figure(register: Services) -> None:
    """Each filter against the same figures worked out from the stored rows of the cases it keeps, on both
    databases: the filter columns stored on the narrow rows must pick the same cases as the register would."""
    service = _stats(register)
    for filters, kept in ((StatsFilters(department="第二检察部"), {"C1号"}),
                          (StatsFilters(prosecutor="李某"), {"A1号", "A2号"}),
                          (StatsFilters(case_type="criminal.arrest_review"), {"C1号"}),
                          (StatsFilters(inspection_kind="self"), {"A1号", "A2号", "B1号"}),
                          (StatsFilters(date_from=dt.date(2026, 3, 5), date_to=dt.date(2026, 3, 31)), {"A2号"}),
                          (StatsFilters(department="第一检察部", date_to=dt.date(2026, 3, 5)), {"A1号", "B1号"})):
        stats = service.dashboard(filters, TODAY)
        expected = _by_hand(register, kept)
        assert stats.cases == expected["cases"], filters
        assert sum(b.count for b in stats.grades) == sum(m.cases for m in stats.by_prosecutor) == len(kept), filters
        assert {f.item_id: f.cases for f in stats.failed_items} == expected["failed"], filters
        assert {f.rule: f.cases for f in stats.flags} == expected["flags"], filters
        assert (stats.periods.overdue, stats.periods.due_soon) == expected["periods"], filters
        assert len(stats.periods.periods) == sum(expected["periods"]), filters
        assert sum(b.count for b in stats.rectifications) == expected["lines"], filters


def test_the_filter_columns_follow_an_edit_of_the_case(register: Services) -> None:
    """Moving A2 to 王某 of 第二检察部 moves its failed item and flags to them in every filtered figure."""
    order = [i.id for s in register.inspections.open(register.actor, "A1号").template.sections for i in s.items]
    a2 = register.cases.get("A2号")
    a2.prosecutor, a2.department = "王某", "第二检察部"
    register.cases.update(register.actor, "A2号", a2)
    service = _stats(register)
    moved = service.dashboard(StatsFilters(prosecutor="王某", department="第二检察部"), TODAY)
    assert moved.cases == 1
    assert [(f.item_id, f.cases) for f in moved.failed_items] == [(order[1], 1)]
    assert {f.rule: f.cases for f in moved.flags} == _by_hand(register, {"A2号"})["flags"]
    stayed = service.dashboard(StatsFilters(prosecutor="李某"), TODAY)
    assert stayed.cases == 1 and {f.item_id for f in stayed.failed_items} == {order[1], order[2]}
    # A 评查 added later gives the case's flags that kind too.
    register.inspections.open(register.actor, "A2号", "review")
    assert service.dashboard(StatsFilters(inspection_kind="review"), TODAY).cases == 1
    assert ({f.rule: f.cases for f in service.dashboard(StatsFilters(inspection_kind="review"), TODAY).flags}
            == _by_hand(register, {"A2号"})["flags"])


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
        ids = list(session.scalars(select(CaseRecord.id)))
    register.cases.rederive(ids)  # the stored figures follow an edit made past the services
    register.close()
    out = tmp_path / "stats.xlsx"
    assert main(["--db", db_target, "stats", "--out", str(out), "--today", TODAY.isoformat()]) == 0
    workbook = load_workbook(out)
    assert "等次分布" in workbook.sheetnames and "不符合最多的检查项" in workbook.sheetnames
    assert all(len(workbook[name]._charts) == 1 for name in ("等次分布", "检察官平均分", "按月趋势", "期限预警"))
    names = {row[0].value: row[0] for row in workbook["检察官平均分"].iter_rows(min_row=2)}
    assert names["=1+1"].data_type == "s"
    assert [row[1].value for row in workbook["按月趋势"].iter_rows(min_row=2)] == [1, 3]


def _precomputed(database: Database) -> tuple[set[tuple[str, Any, str]], set[tuple[str, str, str]]]:
    """(case_no, kinds, item) of `case_failed_items` — kinds as a set of inspection kinds — and (case_no, rule,
    severity) of `case_flags`."""
    with database.sessions() as session:
        failed = session.execute(select(CaseRecord.case_no, CaseFailedItem.kinds, CaseFailedItem.item_id)
                                 .join(CaseRecord, CaseRecord.id == CaseFailedItem.case_id)).all()
        flags = session.execute(select(CaseRecord.case_no, CaseFlag.rule, CaseFlag.severity)
                                .join(CaseRecord, CaseRecord.id == CaseFlag.case_id)).all()
    named = {(no, frozenset(k for k, bit in KIND_BITS.items() if bits & bit), item) for no, bits, item in failed}
    return named, {tuple(r) for r in flags}  # type: ignore[misc]


def _stored_flags(services: Services) -> set[tuple[str, str]]:
    with services.database.sessions() as session:
        return {(no, rule) for no, rule in session.execute(
            select(CaseRecord.case_no, FlagRecord.rule).join(CaseRecord, CaseRecord.id == FlagRecord.case_id))}


def test_precomputed_rows_follow_answers_reevaluation_and_deletion(register: Services) -> None:
    order = [i.id for s in register.inspections.open(register.actor, "A1号").template.sections for i in s.items]
    failed, flags = _precomputed(register.database)
    own = frozenset({"self"})
    assert failed == {("A1号", own, order[1]), ("A1号", own, order[2]), ("A2号", own, order[1])}
    assert {(no, rule) for no, rule, _ in flags} == _stored_flags(register)

    # Answering: A1 passes item 2 now; a 评查 of B1 fails item 1, and one of A1 fails it again (counted once).
    view = register.inspections.open(register.actor, "A1号")
    register.inspections.answer(register.actor, view.info.id, order[2], "pass")
    for case_no in ("B1号", "A1号"):
        review = register.inspections.open(register.actor, case_no, "review")
        register.inspections.answer(register.actor, review.info.id, order[1], "fail")
    failed, _ = _precomputed(register.database)
    assert failed == {("A1号", frozenset({"self", "review"}), order[1]), ("A2号", own, order[1]),
                      ("B1号", frozenset({"review"}), order[1])}
    assert _stats(register).dashboard(StatsFilters(inspection_kind="review"), TODAY).cases == 2
    service = _stats(register)
    assert [(f.item_id, f.cases) for f in service.dashboard(StatsFilters(), TODAY).failed_items] == [(order[1], 3)]
    assert [(f.item_id, f.cases) for f in service.dashboard(StatsFilters(inspection_kind="review"),
                                                            TODAY).failed_items] == [(order[1], 2)]
    assert service.drill(StatsFilters(inspection_kind="review"), "failed_items", order[1],
                         TODAY).case_nos == ("A1号", "B1号")

    # Re-evaluating: an edit that raises a flag adds its rule; recomputing every case changes nothing else.
    a2 = register.cases.get("A2号")
    a2.evidence[1].attributes.pop("hash_value")
    register.cases.update(register.actor, "A2号", a2)
    _, flags = _precomputed(register.database)
    assert "EVID-EDATA-NO-HASH" in {rule for no, rule, _ in flags if no == "A2号"}
    assert {(no, rule) for no, rule, _ in flags} == _stored_flags(register)
    before = _precomputed(register.database)
    with register.database.sessions() as session:
        ids = list(session.scalars(select(CaseRecord.id)))
    assert register.cases.rederive(ids) == 4
    assert _precomputed(register.database) == before
    by_rule = {f.rule: f.cases for f in service.dashboard(StatsFilters(), TODAY).flags}
    assert by_rule["EVID-EDATA-NO-HASH"] == 1

    # Deleting a case takes its rows with it, and the figures drop accordingly.
    with register.database.sessions() as session:
        session.execute(delete(CaseRecord).where(CaseRecord.case_no == "A1号"))
        session.commit()
    failed, flags = _precomputed(register.database)
    assert all(no != "A1号" for no, _, _ in failed | flags)
    stats = service.dashboard(StatsFilters(), TODAY)
    assert stats.cases == 3 and [(f.item_id, f.cases) for f in stats.failed_items] == [(order[1], 2)]


def test_the_migration_backfills_the_precomputed_rows_of_an_existing_database(register: Services,
                                                                              db_target: str) -> None:
    register.inspections.answer(register.actor, register.inspections.open(register.actor, "B1号", "review").info.id,
                                register.inspections.open(register.actor, "A1号").template.items[0].id, "fail")
    expected = _precomputed(register.database)
    with register.database.sessions() as session:
        columns = (CaseFigures.case_id, CaseFigures.received_month, CaseFigures.prosecutor, CaseFigures.case_type,
                   CaseFigures.inspection_kinds, CaseFigures.department, CaseFigures.received_on)
        figures = set(session.execute(select(*columns)).all())
        copied = _filter_columns(session)
    assert all(rows and all(row[1] and row[4] for row in rows) for rows in copied.values())
    assert {row[1] for row in figures} == {"2026-02", "2026-03"} and {row[2] for row in figures} == {"李某", "王某", "赵某"}
    assert {row[4] for row in figures} == {0, 1, 5}  # 赵某 uninspected; B1 a 自查 and a 评查
    register.close()
    command.downgrade(alembic_config(database_url(db_target)), "0010")
    database = open_database(db_target)  # upgrades to head: the backfill, with no rules or checklists loaded
    try:
        assert current_revision(database.engine) == head_revision()
        assert _precomputed(database) == expected
        with database.sessions() as session:
            assert set(session.execute(select(*columns)).all()) == figures
            assert _filter_columns(session) == copied
    finally:
        database.dispose()


def _filter_columns(session: Any) -> dict[str, set[tuple[Any, ...]]]:
    """The case fields stored on each narrow row (and the inspection kinds on `case_flags`)."""
    return {model.__tablename__: set(session.execute(select(
        model.case_id, model.department, model.prosecutor, model.case_type, model.received_on,
        *([model.inspection_kinds] if model is CaseFlag else []))).all())
        for model in (CaseFailedItem, CaseFlag)}


def test_dock_register_dashboard_workbook_and_pdf_give_the_same_figures(db_target: str, tmp_path: Path) -> None:
    """Worked out by hand: a 审查起诉 case in custody has one month (刑事诉讼法 第一百七十二条). O was received on
    5 January, due 5 February and still open: overdue 43 days on 20 March. L, received the same day, was decided on
    20 February, late. S, received 20 February, is due that very day (0 days left). N, received 16 March, runs.
    P, received the same day as O, went for a psychiatric evaluation on 10 January and was decided on 20 February
    with the evaluation still under way: the clock stood still, so that is in time (刑事诉讼法 第一百四十九条).
    So 2 periods overdue and 1 due soon; O and L each carry one overdue flag and score 95 (合格), S, N and P 100
    (优质)."""
    services = open_services(db_target, today=lambda: TODAY)
    try:
        cases = {"O号": make_case("O号", received_on=dt.date(2026, 1, 5), events=[]),
                 "L号": make_case("L号", received_on=dt.date(2026, 1, 5),
                                 events=[Event(kind="prosecution_decided", date=dt.date(2026, 2, 20))]),
                 "S号": make_case("S号", received_on=dt.date(2026, 2, 20), events=[]),
                 "N号": make_case("N号", received_on=dt.date(2026, 3, 16), events=[]),
                 "P号": make_case("P号", received_on=dt.date(2026, 1, 5),
                                 events=[Event(kind="psychiatric_evaluation_started", date=dt.date(2026, 1, 10)),
                                         Event(kind="prosecution_decided", date=dt.date(2026, 2, 20))])}
        for case in cases.values():
            services.cases.create(services.actor, case)
        by_hand = {"overdue": 2, "due_soon": 1}
        scores = {"O号": 95.0, "L号": 95.0, "S号": 100.0, "N号": 100.0, "P号": 100.0}

        # The dock (期限看板).
        dock = board_counts(services.database, TODAY)
        assert {k: dock[k] for k in by_hand} == by_hand
        # The register's columns: 得分, 拟评等次, 风险提示, 最近期限 (running periods only, days left for today).
        rows = {r.case_no: r.figures for r in services.cases.page(CaseQuery(), limit=10)}
        assert {no: f.score for no, f in rows.items()} == scores  # type: ignore[union-attr]
        assert {no: f.grade_label for no, f in rows.items()} == {  # type: ignore[union-attr]
            "O号": "合格", "L号": "合格", "S号": "优质", "N号": "优质", "P号": "优质"}
        assert {no: f.risk_total for no, f in rows.items()} == {"O号": 1, "L号": 1, "S号": 0, "N号": 0, "P号": 0}  # type: ignore[union-attr]
        assert rows["O号"].days_left == -43 and rows["S号"].days_left == 0  # type: ignore[union-attr]
        assert services.cases.count(CaseQuery(due="overdue")) == 1  # only O's clock still runs
        # The dashboard.
        stats = stats_service(services).dashboard(StatsFilters(), TODAY)
        assert (stats.periods.overdue, stats.periods.due_soon) == (2, 1)
        assert sorted((p.case_no, p.status) for p in stats.periods.periods) == [
            ("L号", "overdue"), ("O号", "overdue"), ("S号", "due_soon")]
        assert {b.key: b.count for b in stats.grades if b.count} == {"qualified": 2, "excellent": 3}
        assert [(m.key, m.mean_score) for m in stats.by_prosecutor] == [("李某", 98.0)]
        assert {f.rule: f.cases for f in stats.flags} == {"DL-PROSECUTION-REVIEW": 2}
        # The aggregate workbook: 超期预警 lists the same periods, 明细 the same scores.
        out = tmp_path / "all.xlsx"
        export_scorecards(services, list(cases), "xlsx", out, today=TODAY)
        book = load_workbook(out)
        statuses = Counter(r[8] for r in book["超期预警"].iter_rows(min_row=2, values_only=True) if r[0])
        assert statuses == {"已超期": 2, "即将到期": 1}
        detail = {r[0]: r[9] for r in book["明细"].iter_rows(min_row=2, values_only=True) if r[0]}
        assert detail == scores
        # The PDF scorecards: each says the same score and period status.
        folder = tmp_path / "pdf"
        export_scorecards(services, list(cases), "pdf", folder, "per_case", today=TODAY)
        texts = {path.stem: "".join(page.extract_text() for page in PdfReader(path).pages)
                 for path in folder.glob("*.pdf")}
        assert set(texts) == set(cases)
        for case_no, text in texts.items():
            assert f"{scores[case_no]:g}" in text, case_no
        assert all("已超期" in texts[no] for no in ("O号", "L号"))
        assert "即将到期" in texts["S号"] and "已超期" not in texts["N号"] and "即将到期" not in texts["N号"]
        assert "已超期" not in texts["P号"] and "按期完成" in texts["P号"]
    finally:
        services.close()
