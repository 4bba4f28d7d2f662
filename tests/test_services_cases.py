"""The case register as a person uses it: every change audited, bad input changes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.core.case import Answer
from desktop_app.core.case_format import case_to_dict
from desktop_app.services.audit import history, verify_chain
from desktop_app.services.cases import CaseQuery
from desktop_app.services.errors import ServiceError
from tests.factories import make_case


def test_create_edit_archive_are_audited(services) -> None:  # type: ignore[no-untyped-def]
    actor = services.actor
    services.cases.create(actor, make_case())
    edited = dataclasses.replace(make_case(), title="张某某盗窃、诈骗案", charges=["盗窃罪", "诈骗罪"])
    services.cases.update(actor, edited.case_no, edited)
    services.cases.archive(actor, edited.case_no)
    entries = history(services.database, "case", edited.case_no)
    assert [e.action for e in entries] == ["case.archive", "case.update", "case.create"]
    assert entries[1].detail["title"] == ["张某某盗窃案", "张某某盗窃、诈骗案"]
    assert entries[0].detail["status"] == ["open", "archived"]
    assert all(e.actor == actor.display_name for e in entries)
    assert services.cases.status_of(edited.case_no) == "archived"
    with pytest.raises(ServiceError):
        services.cases.update(actor, edited.case_no, edited)


def test_duplicate_case_no_is_refused_and_nothing_changes(services) -> None:  # type: ignore[no-untyped-def]
    services.cases.create(services.actor, make_case())
    with pytest.raises(ServiceError, match="已存在"):
        services.cases.create(services.actor, make_case(title="另一个案件"))
    assert services.cases.count(CaseQuery()) == 1
    assert services.cases.get(make_case().case_no).title == "张某某盗窃案"


def test_filter_sort_page_and_chinese_substring_search(services) -> None:  # type: ignore[no-untyped-def]
    cases = [
        make_case(
            f"京朝检刑诉〔2026〕{i}号",
            title=f"{name}案",
            prosecutor=p,
            received_on=dt.date(2026, 1, i),
            charges=[charge],
        )
        for i, (name, p, charge) in enumerate(
            [("张某某盗窃", "李某", "盗窃罪"), ("王某诈骗", "周某", "诈骗罪"), ("刘某危险驾驶", "李某", "危险驾驶罪")],
            start=1,
        )
    ]
    services.cases.import_cases(services.actor, cases)
    assert [r.title for r in services.cases.page(CaseQuery(text="盗窃"))] == ["张某某盗窃案"]
    assert [r.title for r in services.cases.page(CaseQuery(text="诈骗罪"))] == ["王某诈骗案"]
    assert services.cases.count(CaseQuery(prosecutor="李某")) == 2
    ascending = services.cases.page(CaseQuery(sort="received_on", descending=False))
    assert [r.received_on.day for r in ascending] == [1, 2, 3]
    assert [r.case_no for r in services.cases.page(CaseQuery(descending=True), offset=1, limit=1)] == [
        "京朝检刑诉〔2026〕2号"
    ]
    assert services.cases.count(CaseQuery(date_from=dt.date(2026, 1, 2), date_to=dt.date(2026, 1, 2))) == 1
    assert services.cases.count(CaseQuery(text="100%")) == 0


def test_import_is_all_or_nothing(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(case_to_dict(make_case()), ensure_ascii=False), encoding="utf-8")
    bad_data = case_to_dict(make_case("京朝检刑诉〔2026〕2号"))
    bad_data["evidence"][0]["category"] = "hearsay"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ServiceError) as caught:
        services.cases.import_files(services.actor, [good, bad])
    assert any("bad.json: evidence[0].category" in p for p in caught.value.problems)
    assert services.cases.count(CaseQuery()) == 0
    assert services.cases.import_files(services.actor, [good]) == 1


def test_imported_answers_come_back_on_export(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    case.answers = {"PR-EV-01": Answer("fail", "缺鉴定"), "CUSTOM-1": Answer("pass", "")}
    services.cases.import_cases(services.actor, [case])
    view = services.inspections.latest_for_case(case.case_no)
    assert view is not None and view.answers == case.answers


def test_audit_chain_detects_tampering(services) -> None:  # type: ignore[no-untyped-def]
    services.cases.create(services.actor, make_case())
    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕2号"))
    report = verify_chain(services.database)
    assert report.first_broken is None and report.entries == 2
    with services.database.engine.begin() as conn:
        first = conn.execute(text("SELECT min(id) FROM audit_log WHERE action = 'case.create'")).scalar_one()
        conn.execute(text("UPDATE audit_log SET actor = '他人' WHERE id = :id"), {"id": first})
    assert verify_chain(services.database).first_broken == first


def test_derived_deadlines_are_stored(services) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.board import deadline_board

    services.cases.create(services.actor, make_case())
    rows = deadline_board(services.database, dt.date(2026, 3, 20))
    assert [(r.rule, r.due) for r in rows] == [("DL-PROSECUTION-REVIEW", dt.date(2026, 4, 2))]
    assert rows[0].days_left == 13 and rows[0].status == "open"
