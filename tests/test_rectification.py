"""The rectification list: what must be fixed, by whom and by when, and how its status may change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from desktop_app.core.case import Answer, Case
from desktop_app.core.checklist_model import ChecklistItem, ChecklistSection, ChecklistTemplate
from desktop_app.core.rectification import build_rectification_list, change_status, validate_status_change
from desktop_app.core.results import Flag
from desktop_app.core.scoring import load_grading_scheme

TODAY = dt.date(2026, 3, 20)


def item(item_id: str, heading: str, *, applies_when: object = None) -> ChecklistItem:
    return ChecklistItem(
        id=item_id,
        question=f"{item_id}是否符合规定",
        guidance="",
        legal_basis="《中华人民共和国刑事诉讼法》第172条",
        verified=item_id != "P2",
        heading=heading,
        severity="一般错误",
        deduction=3,
        applies_when=applies_when,
    )


TEMPLATE = ChecklistTemplate(
    id="criminal.prosecution_review",
    title="审查起诉案件自查表",
    version="1",
    sections=(
        ChecklistSection("证据采信", (item("E1", "证据采信"), item("E2", "证据采信"))),
        ChecklistSection(
            "办案程序",
            (
                item("P1", "办案程序"),
                item("P2", "办案程序"),
                item("P3", "办案程序", applies_when={"field": "fast_track", "equals": True}),
            ),
        ),
    ),
)


def flag(rule: str, severity: str) -> Flag:
    return Flag(
        rule=rule,
        severity=severity,
        title=f"{rule}标题",
        message=f"{rule}说明",
        legal_basis="《中华人民共和国刑事诉讼法》第175条第3款",
        verified=True,
        suggestion="补充材料",
    )


def make_case(**answers: tuple[str, str]) -> Case:
    return Case(
        case_no="京朝检刑诉〔2026〕7号",
        title="李某诈骗案",
        case_type="criminal.prosecution_review",
        prosecutor="赵检察官",
        received_on=dt.date(2026, 3, 2),
        answers={key: Answer(*value) for key, value in answers.items()},
    )


def build(flags: list[Flag], scheme: str | Path = "2017", **answers: tuple[str, str]):
    the_case = make_case(**answers)
    return build_rectification_list(the_case, TEMPLATE, the_case.answers, flags, TODAY, load_grading_scheme(scheme))


def test_every_failed_applicable_item_and_every_flag_but_hints_needs_rectifying() -> None:
    flags = [
        flag("EVID-ZERO-CONFESSION", "info"),
        flag("EVID-EDATA-NO-HASH", "major"),
        flag("PROC-SUPPLEMENTARY-ROUNDS", "critical"),
    ]
    items = build(
        flags,
        E1=("fail", "笔录未签名"),
        E2=("pass", ""),
        P1=("unsure", ""),
        P2=("fail", ""),
        P3=("fail", "本案未适用速裁"),
    )
    assert [i.key for i in items] == ["E1", "P2", "PROC-SUPPLEMENTARY-ROUNDS", "EVID-EDATA-NO-HASH"]
    first = items[0]
    assert (first.problem, first.heading, first.note, first.severity) == (
        "E1是否符合规定",
        "证据采信",
        "笔录未签名",
        "一般错误",
    )
    assert first.basis == "《中华人民共和国刑事诉讼法》第172条"
    assert items[1].verified is False
    critical = items[2]
    assert critical.heading == "办案程序" and critical.severity == "严重"
    assert "PROC-SUPPLEMENTARY-ROUNDS说明" in critical.problem
    assert all(i.owner == "赵检察官" and i.status == "pending" and i.status_label == "待整改" for i in items)


def test_due_date_is_today_plus_the_schemes_days(tmp_path: Path) -> None:
    assert build([flag("EVID-EDATA-NO-HASH", "major")])[0].due == TODAY + dt.timedelta(days=30)
    data = yaml.safe_load((Path(__file__).parents[1] / "resources/grading/2017.yaml").read_text("utf-8"))
    data["rectification_due_days"] = 7
    local = tmp_path / "local.yaml"
    local.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert build([flag("EVID-EDATA-NO-HASH", "major")], local)[0].due == dt.date(2026, 3, 27)


def test_nothing_to_rectify_in_a_clean_case() -> None:
    assert build([flag("EVID-ZERO-CONFESSION", "info")], E1=("pass", ""), E2=("na", "")) == []


def test_declining_needs_a_reason_and_other_changes_do_not() -> None:
    entry = build([flag("EVID-EDATA-NO-HASH", "major")])[0]
    for reason in ("", "  "):
        with pytest.raises(ValueError, match="理由"):
            validate_status_change(entry, "declined", reason)
    with pytest.raises(ValueError, match="整改状态"):
        validate_status_change(entry, "finished", "")
    declined = change_status(entry, "declined", " 原始数据已灭失，无法补正 ")
    assert (declined.status, declined.status_label, declined.reason) == (
        "declined",
        "不予整改",
        "原始数据已灭失，无法补正",
    )
    done = change_status(declined, "done", note="已补充校验值")
    assert (done.status_label, done.note, done.reason) == ("已整改", "已补充校验值", "")
    assert entry.status == "pending"  # items are values: the original is unchanged
