"""The register's per-case figures: computed once per change, the same as the scorecard, current the next day."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from desktop_app.services.board import board_counts, deadline_board
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services, open_services
from desktop_app.services.exports import build_scorecard, export_scorecards
from tests.factories import make_case

TODAY = dt.date(2026, 3, 20)


def _figures(services: Services, case_no: str):  # type: ignore[no-untyped-def]
    (row,) = services.cases.page(CaseQuery(case_nos=(case_no,)))
    assert row.figures is not None
    return row.figures


def test_figures_match_the_scorecard_and_follow_each_answer(services: Services) -> None:
    case = make_case()
    case.evidence[1].attributes.pop("hash_value")
    services.cases.create(services.actor, case)
    figures = _figures(services, case.case_no)
    card = build_scorecard(services, case.case_no, TODAY)
    assert figures.score == card.score.score and figures.grade_label == card.score.grade
    assert figures.answered == 0 and figures.applicable == card.evaluation.checklist.total  # type: ignore[union-attr]
    assert figures.flags["critical"] + figures.flags["major"] + figures.flags["minor"] + figures.flags["info"] == len(
        card.evaluation.flags)
    running = [d.due for d in card.evaluation.deadlines if d.done_on is None]
    assert figures.next_due == min(running) and figures.days_left == (min(running) - TODAY).days

    view = services.inspections.open(services.actor, case.case_no, "self")
    item_id = view.template.items[0].id
    services.inspections.answer(services.actor, view.info.id, item_id, "fail", "缺材料")
    after = _figures(services, case.case_no)
    card = build_scorecard(services, case.case_no, TODAY)
    assert after.answered == 1 and after.score == card.score.score < figures.score  # type: ignore[operator]
    # The 整改清单 line of the failed item is stored although no tab was ever shown.
    keys = {r.key for r in services.rectifications.rows(case_no=case.case_no)}
    assert item_id in keys and "EVID-EDATA-NO-HASH" in keys
    assert keys == {i.key for i in card.rectification}

    services.inspections.answer(services.actor, view.info.id, item_id, "pass")
    assert _figures(services, case.case_no).score == figures.score
    assert item_id not in {r.key for r in services.rectifications.rows(case_no=case.case_no)}


def test_register_sorts_and_filters_by_the_figures(services: Services) -> None:
    clean = make_case("京朝检刑诉〔2026〕1号")
    risky = make_case("京朝检刑诉〔2026〕2号", department="第二检察部")
    risky.evidence[1].attributes.pop("hash_value")
    services.cases.create(services.actor, clean)
    services.cases.create(services.actor, risky)
    by_score = services.cases.page(CaseQuery(sort="score", descending=False))
    assert [r.case_no for r in by_score][0] == risky.case_no
    scores = [r.figures.score for r in by_score if r.figures]
    assert scores == sorted(scores)
    assert services.cases.list_ids(CaseQuery(sort="score", descending=False))[0] == by_score[0].id
    assert [r.case_no for r in services.cases.page(CaseQuery(sort="score", department="第二检察部"))] == [risky.case_no]
    assert len(services.cases.list_ids(CaseQuery(sort="score", department="第二检察部"))) == 1
    assert [r.case_no for r in services.cases.page(CaseQuery(sort="risk", descending=True))][0] == risky.case_no
    assert services.cases.count(CaseQuery(risk="none")) + services.cases.count(CaseQuery(risk="any")) == 2
    assert services.cases.count(CaseQuery(progress="unstarted")) == 2
    assert services.cases.count(CaseQuery(due="open")) + services.cases.count(CaseQuery(due="due_soon")) == 2
    assert services.cases.count(CaseQuery(due="overdue")) == 0
    grade = _figures(services, risky.case_no).grade_code
    assert risky.case_no in [r.case_no for r in services.cases.page(CaseQuery(grade=grade))]
    lines = services.rectifications.rows(department="第二检察部")
    assert lines and {r.case_no for r in lines} == {risky.case_no}
    assert services.rectifications.rows(prosecutor="没有这个人") == []


def test_a_period_running_out_overnight_updates_register_dock_and_workbook(db_target: str, tmp_path: Path) -> None:
    day = [TODAY]
    services = open_services(db_target, today=lambda: day[0])
    try:
        case = make_case()
        done_late = make_case("京朝检刑诉〔2026〕9号")
        services.cases.create(services.actor, case)
        services.cases.create(services.actor, done_late)
        before = _figures(services, case.case_no)
        assert before.next_due is not None and before.days_left is not None and before.days_left > 0
        # The day after the period runs out: days left derive from the stored date, and the overdue flag
        # (which lowers the score) is computed by bringing the stale figures up to date.
        day[0] = before.next_due + dt.timedelta(days=1)
        assert _figures(services, case.case_no).days_left == -1
        assert services.figures.bring_up_to_date() == 2
        after = _figures(services, case.case_no)
        assert after.flags["major"] == before.flags["major"] + 1 and after.score < before.score  # type: ignore[operator]
        assert services.figures.bring_up_to_date() == 0
        assert services.cases.count(CaseQuery(due="overdue")) == 2

        # A period finished after its due date counts as overdue on the board as in the workbook.
        late = dataclasses.replace(services.cases.get(done_late.case_no))
        first = next(d for d in build_scorecard(services, late.case_no, day[0]).evaluation.deadlines)
        from desktop_app.core.case import Event

        late.events = [*late.events, Event(kind="prosecution_decided", date=first.due + dt.timedelta(days=1))]
        services.cases.update(services.actor, late.case_no, late)
        counts = board_counts(services.database, day[0])
        board = deadline_board(services.database, day[0])
        assert any(r.case_no == late.case_no and r.done_on is not None and r.status == "overdue" for r in board)
        out = tmp_path / "all.xlsx"
        export_scorecards(services, [case.case_no, late.case_no], "xlsx", out, today=day[0])
        sheet = load_workbook(out)["超期预警"]
        overdue_lines = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[8] == "已超期"]
        assert counts["overdue"] == len(overdue_lines) == len([r for r in board if r.status == "overdue"]) == 2
    finally:
        services.close()


def test_an_imported_case_has_figures_and_lines_without_being_opened(services: Services, tmp_path: Path) -> None:
    case = make_case()
    case.evidence[1].attributes.pop("hash_value")
    services.cases.import_cases(services.actor, [case])
    figures = _figures(services, case.case_no)
    assert figures.score == build_scorecard(services, case.case_no, TODAY).score.score
    assert "EVID-EDATA-NO-HASH" in {r.key for r in services.rectifications.rows()}
