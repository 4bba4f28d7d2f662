"""The PDF 评查意见书, the case workbook and the aggregate workbook show a suspended period as stopped, with why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from desktop_app.core.case import Event
from desktop_app.core.evaluation import EvaluationContext, evaluate_case
from desktop_app.core.scorecard import make_scorecard
from desktop_app.core.scoring import load_grading_scheme
from desktop_app.reports.excel_aggregate import write_aggregate_workbook
from desktop_app.reports.excel_case import write_case_workbook
from desktop_app.reports.pdf_scorecard import write_case_pdf
from tests.factories import make_case

TODAY = dt.date(2026, 3, 20)
CONTEXT = EvaluationContext.load()


def _card(*events: Event):  # type: ignore[no-untyped-def]
    # Received 2026-03-02 in custody (due 2026-04-02); out for 补充侦查 or under evaluation since then.
    case = make_case(received_on=dt.date(2026, 3, 2), events=list(events))
    evaluation = evaluate_case(case, TODAY, CONTEXT)
    return make_scorecard(case, CONTEXT.templates[case.case_type], evaluation, load_grading_scheme("2017"),
                          inspector="检查员甲", today=TODAY)


RETURNED = Event("returned_for_investigation", dt.date(2026, 3, 10))
EVALUATING = Event("psychiatric_evaluation_started", dt.date(2026, 3, 5))


def test_case_workbook_names_the_reason_for_the_stop(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_case_workbook(_card(RETURNED), tmp_path / "case.xlsx"))
    rows = [[c.value for c in row] for row in wb["办案期限"].iter_rows()]
    review = next(r for r in rows if r[-1] == "DL-PROSECUTION-REVIEW")
    assert "已中止（退回补充侦查期间）" in review
    assert "进行中" not in review


def test_pdf_names_the_psychiatric_stop(tmp_path: Path) -> None:
    path = write_case_pdf(_card(EVALUATING), tmp_path / "case.pdf")
    text = "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")
    assert "已中止（精神病鉴定期间）" in text


def test_aggregate_workbook_lists_a_stopped_clock_as_no_warning(tmp_path: Path) -> None:
    # On 2026-04-10 the review period (due 2026-04-02) would be 8 days overdue if its clock were running.
    later = dt.date(2026, 4, 10)
    case = make_case(received_on=dt.date(2026, 3, 2), events=[RETURNED])
    card = make_scorecard(case, CONTEXT.templates[case.case_type], evaluate_case(case, later, CONTEXT),
                          load_grading_scheme("2017"), inspector="检查员甲", today=later)
    wb = openpyxl.load_workbook(write_aggregate_workbook([card], tmp_path / "all.xlsx", today=later))
    sheet = next(ws for ws in wb.worksheets if ws.cell(1, 1).value == "案号" and ws.cell(1, 5).value == "期限")
    names = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "审查起诉期限" not in names
