"""The stored 整改清单: lines follow the case, what people record survives re-evaluation, declining needs a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.core.case import Answer
from desktop_app.services.errors import ServiceError
from desktop_app.services.exports import build_scorecard, sync_rectifications
from tests.factories import make_case

TODAY = dt.date(2026, 3, 20)


def test_lines_follow_the_case_and_keep_what_people_recorded(services) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    case.evidence[1].attributes.pop("hash_value")
    services.cases.create(services.actor, case)
    keys = [item.key for item in sync_rectifications(services, case.case_no, TODAY)]
    assert "EVID-EDATA-NO-HASH" in keys
    row = services.rectifications.update(services.actor, case.case_no, "EVID-EDATA-NO-HASH", status="done",
                                         owner="王某", note="已补充校验值")
    assert (row.status_label, row.owner) == ("已整改", "王某")

    view = services.inspections.open(services.actor, case.case_no, "self")
    services.inspections.answer(services.actor, view.info.id, view.template.items[0].id, "fail", "缺材料")
    lines = {item.key: item for item in sync_rectifications(services, case.case_no, TODAY)}
    assert view.template.items[0].id in lines and lines[view.template.items[0].id].status == "pending"
    assert lines["EVID-EDATA-NO-HASH"].status == "done" and lines["EVID-EDATA-NO-HASH"].owner == "王某"
    card = build_scorecard(services, case.case_no, TODAY)
    assert {i.key: i.status for i in card.rectification}["EVID-EDATA-NO-HASH"] == "done"


def test_pending_lines_disappear_when_the_problem_is_fixed(services) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    services.cases.create(services.actor, case)
    view = services.inspections.open(services.actor, case.case_no, "self")
    item_id = view.template.items[0].id
    services.inspections.answer(services.actor, view.info.id, item_id, "fail", "缺材料")
    sync_rectifications(services, case.case_no, TODAY)
    assert [r.key for r in services.rectifications.rows(case_no=case.case_no)] == [item_id]
    services.inspections.answer(services.actor, view.info.id, item_id, "pass")
    sync_rectifications(services, case.case_no, TODAY)
    assert services.rectifications.rows(case_no=case.case_no) == []


def test_declining_needs_a_reason_and_nothing_changes(services) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    case.answers = {}
    services.cases.create(services.actor, case)
    view = services.inspections.open(services.actor, case.case_no, "self")
    services.inspections.answer(services.actor, view.info.id, view.template.items[0].id, "fail", "缺材料")
    sync_rectifications(services, case.case_no, TODAY)
    key = view.template.items[0].id
    with pytest.raises(ServiceError, match="理由"):
        services.rectifications.update(services.actor, case.case_no, key, status="declined")
    assert services.rectifications.rows(status="pending")[0].key == key
    services.rectifications.update(services.actor, case.case_no, key, status="declined", reason="属于合理裁量")
    assert [r.reason for r in services.rectifications.rows(status="declined")] == ["属于合理裁量"]
    assert Answer("fail", "缺材料") == services.inspections.view(view.info.id).answers[key]
