"""The Excel reports, read back with openpyxl as a reviewer's spreadsheet program would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from desktop_app.core.case import Answer, Case
from desktop_app.core.results import Deadline, Evaluation, Flag
from desktop_app.core.scorecard import Scorecard, make_scorecard
from desktop_app.core.scoring import apply_override, load_grading_scheme
from desktop_app.reports import ExportCancelled
from desktop_app.reports.excel_aggregate import write_aggregate_workbook
from desktop_app.reports.excel_case import write_case_workbook
from tests.factories import item, template

TODAY = dt.date(2026, 3, 20)
SCHEME = load_grading_scheme("2017")
TEMPLATE = template(
    item("E1", "证据是否确实、充分", "证据采信", "《中华人民共和国刑事诉讼法》第55条"),
    item("P1", "是否在法定期限内作出决定", "办案程序", "《中华人民共和国刑事诉讼法》第172条", severity="瑕疵", deduction=1.5),
)
HASH_FLAG = Flag(
    rule="EVID-EDATA-NO-HASH",
    severity="major",
    title="电子数据未记录完整性校验值",
    message="E2 无校验值",
    legal_basis="《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第111条",
    verified=True,
    evidence_ids=("E2",),
)
CRITICAL_FLAG = Flag(
    rule="EVID-CONFESSION-ONLY",
    severity="critical",
    title="仅有口供",
    message="没有其他证据",
    legal_basis="《中华人民共和国刑事诉讼法》第55条第1款",
    verified=True,
)


def card(
    index: int = 0,
    *,
    title: str = "张某某盗窃案",
    answers: dict[str, str] | None = None,
    flags: tuple[Flag, ...] = (),
    due: dt.date = dt.date(2026, 4, 2),
) -> Scorecard:
    the_case = Case(
        case_no=f"京朝检刑诉〔2026〕{index}号",
        title=title,
        case_type=("criminal.prosecution_review", "civil.enforcement_termination")[index % 2],
        prosecutor=("王检察官", "李检察官", "赵检察官")[index % 3],
        department="第一检察部",
        received_on=dt.date(2026, 3, 2),
        answers={k: Answer(v, "说明" if v == "fail" else "") for k, v in (answers or {}).items()},
    )
    deadline = Deadline(
        rule="DL-PROSECUTION-REVIEW",
        name="审查起诉期限",
        start=dt.date(2026, 3, 2),
        due=due,
        status="open",
        days_left=(due - TODAY).days,
        legal_basis="《中华人民共和国刑事诉讼法》第172条",
    )
    evaluation = Evaluation(
        case_no=the_case.case_no, case_type=the_case.case_type, today=TODAY, flags=list(flags), deadlines=[deadline]
    )
    return make_scorecard(the_case, TEMPLATE, evaluation, SCHEME, inspector="检查员甲", today=TODAY)


def test_case_workbook_is_a_complete_inspection_form(tmp_path: Path) -> None:
    scorecard = card(answers={"E1": "fail", "P1": "pass"}, flags=(HASH_FLAG,), title="=SUM(A1)")
    scorecard.score = apply_override(scorecard.score, "excellent", "复核认为问题已补正")
    path = write_case_workbook(scorecard, tmp_path / "自查表.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["检查表", "风险提示", "办案期限", "评分", "整改清单"]
    form = wb["检查表"]
    values = {cell.coordinate: cell.value for row in form.iter_rows() for cell in row if cell.value is not None}
    assert form["A1"].value == "案件质量自查表"
    for label in (
        "案号",
        "案件名称",
        "案件类型",
        "承办检察官",
        "承办部门",
        "受理日期",
        "办结日期",
        "检查方式",
        "检查人",
    ):
        assert label in values.values()
    title_cell = next(c for row in form.iter_rows() for c in row if c.value == "=SUM(A1)")
    assert title_cell.data_type == "s"  # a typed title that looks like a formula stays text
    header_row = next(c.row for c in form["A"] if c.value == "编号")
    assert form.freeze_panes == f"A{header_row + 1}"
    assert form.auto_filter.ref.startswith(f"A{header_row}:")
    rows = [[c.value for c in row] for row in form.iter_rows(min_row=header_row + 1)]
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("E1", "证据采信", "不符合", "说明"),
        ("P1", "办案程序", "符合", None),
    ]
    assert int(form.page_setup.paperSize) == 9  # A4
    assert form["A1"].font.name == "宋体"
    # 100 − 4 (item E1) − 5 (major flag) = 91 → 合格; the override shows beside the proposed grade.
    score_values = [c.value for row in wb["评分"].iter_rows() for c in row]
    assert 91 in score_values and "合格" in score_values and "优质" in score_values
    assert "复核认为问题已补正" in score_values
    deductions = [[c.value for c in row] for row in wb["评分"].iter_rows() if row[0].value == "扣分明细"]
    assert deductions and all(d[-1] in {"E1", "EVID-EDATA-NO-HASH"} and d[1] != d[-1] for d in deductions)
    flags = wb["风险提示"]
    header = [c.value for c in flags[1]]
    assert header[:2] == ["标题", "等级"] and header[-1] == "规则编号", "the title is read first, the id last"
    assert flags.cell(row=2, column=len(header)).value == "EVID-EDATA-NO-HASH" and flags.freeze_panes == "A2"
    assert flags["A2"].value != "EVID-EDATA-NO-HASH"
    fixes = wb["整改清单"]
    assert [fixes.cell(row=r, column=10).value for r in (2, 3)] == ["E1", "EVID-EDATA-NO-HASH"]
    assert fixes.cell(row=2, column=6).value == dt.datetime(2026, 4, 19)
    assert not list(tmp_path.glob("*.part"))


def cards(count: int) -> Iterator[Scorecard]:
    for i in range(count):
        if i % 10 == 0:
            yield card(i, flags=(CRITICAL_FLAG,), due=dt.date(2026, 3, 10))  # unqualified, overdue
        elif i % 5 == 0:
            yield card(i, answers={"E1": "fail"}, due=dt.date(2026, 3, 22))  # 96, but a 一般错误 caps it at 合格
        else:
            yield card(i, answers={"E1": "pass", "P1": "pass"}, title='=HYPERLINK("x")' if i == 3 else "案")


def test_aggregate_workbook_summarises_fifty_cases(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = write_aggregate_workbook(
        cards(50),
        tmp_path / "汇总.xlsx",
        today=TODAY,
        total=50,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (50, 50) and len(seen) == 50
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["汇总", "按检察官", "按案件类型", "问题分布", "超期预警", "明细"]
    summary = wb["汇总"]
    assert summary._charts, "the summary sheet carries a native chart"
    grades = {summary.cell(row=r, column=1).value: summary.cell(row=r, column=2).value for r in range(5, 9)}
    # 5 cases with a critical flag; 5 with a failed 一般错误 item (96, capped at 合格); 40 clean.
    assert grades == {"优质": 40, "合格": 5, "瑕疵": 0, "不合格": 5}
    assert summary.freeze_panes == "A5"
    details = wb["明细"]
    assert details.max_row == 51 and details.freeze_panes == "A2" and details.auto_filter.ref == "A1:R51"
    title = details.cell(row=5, column=2)  # case 3 (rows start at 2)
    assert title.value == '=HYPERLINK("x")' and title.data_type == "s"
    prosecutors = {r[0].value: r[1].value for r in wb["按检察官"].iter_rows(min_row=2)}
    assert prosecutors == {"王检察官": 17, "李检察官": 17, "赵检察官": 16}
    assert wb["按检察官"]._charts and wb["按案件类型"]._charts
    warnings = [[c.value for c in row] for row in wb["超期预警"].iter_rows(min_row=2)]
    assert sorted(w[8] for w in warnings) == ["即将到期"] * 5 + ["已超期"] * 5
    problems = {r[0].value: r[1].value for r in wb["问题分布"].iter_rows(min_row=2, max_row=10)}
    assert problems["证据采信"] == 10 and problems["办案程序"] == 0
    by_problem = [[c.value for c in row[5:]] for row in wb["问题分布"].iter_rows(max_row=3)]
    assert by_problem[0][0] == "问题" and by_problem[0][-1] == "检查项/规则编号", "words first, the id last"
    assert by_problem[1][-1] in {"E1", CRITICAL_FLAG.rule} and by_problem[1][0] != by_problem[1][-1]
    assert int(wb["汇总"].page_setup.paperSize) == 9  # A4


def test_cancelling_the_aggregate_export_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "汇总.xlsx"
    done: list[int] = []
    with pytest.raises(ExportCancelled):
        write_aggregate_workbook(
            cards(50), target, today=TODAY, progress=lambda d, _t: done.append(d), cancelled=lambda: len(done) >= 10
        )
    assert list(tmp_path.iterdir()) == []
    assert done[-1] == 10
