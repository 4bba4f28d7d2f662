"""Checklist walks in the database: version pinning, one transaction per answer, the reviewer's override."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.services.actors import ensure_user
from desktop_app.services.audit import history
from desktop_app.services.errors import PermissionDenied, ServiceError
from desktop_app.services.uow import UnitOfWork
from tests.factories import make_case


def test_an_old_inspection_keeps_its_template_version(services) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    services.cases.create(services.actor, case)
    old = services.inspections.open(services.actor, case.case_no, "self")
    first = old.template.items[0]
    edited_item = dataclasses.replace(first, question="改写后的检查内容？")
    section = dataclasses.replace(old.template.sections[0], items=(edited_item, *old.template.sections[0].items[1:]))
    edited = dataclasses.replace(old.template, sections=(section, *old.template.sections[1:]))
    info = services.templates.save(services.actor, edited)
    assert info.version != old.info.template_version
    again = services.inspections.view(old.info.id)
    assert again.template.items[0].question == first.question
    assert again.info.template_version == old.info.template_version
    reviewer = _user(services, "reviewer1", "评查员", "reviewer")
    fresh = services.inspections.open(reviewer, case.case_no, "review")
    assert fresh.template.items[0].question == "改写后的检查内容？"
    assert {i.kind for i in services.inspections.for_case(case.case_no)} == {"self", "review"}


def test_answers_are_saved_one_by_one_and_audited(services) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    services.cases.create(services.actor, case)
    view = services.inspections.open(services.actor, case.case_no, "self")
    item_id = view.template.items[0].id
    services.inspections.answer(services.actor, view.info.id, item_id, "fail", "未附鉴定意见")
    services.inspections.answer(services.actor, view.info.id, item_id, "pass")
    services.inspections.answer(services.actor, view.info.id, item_id, None)
    assert services.inspections.view(view.info.id).answers == {}
    trail = history(services.database, "inspection", str(view.info.id))
    assert [e.detail.get("answer") for e in trail if e.action == "inspection.answer"][-1] == [None, ["fail", "未附鉴定意见"]]
    with pytest.raises(ServiceError):
        services.inspections.answer(services.actor, view.info.id, "NO-SUCH-ITEM", "pass")
    with pytest.raises(ServiceError):
        services.inspections.answer(services.actor, view.info.id, item_id, "maybe")
    other = _user(services, "p2", "周某", "prosecutor")
    with pytest.raises(ServiceError):
        services.inspections.answer(other, view.info.id, item_id, "pass")


def test_override_needs_a_reason_and_the_right_role(services) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    services.cases.create(services.actor, case)
    view = services.inspections.open(services.actor, case.case_no, "self")
    with pytest.raises(ServiceError, match="理由"):
        services.inspections.override_grade(services.actor, view.info.id, "qualified", "  ", "excellent", 96)
    prosecutor = _user(services, "p3", "吴某", "prosecutor")
    with pytest.raises(PermissionDenied):
        services.inspections.override_grade(prosecutor, view.info.id, "qualified", "理由", "excellent", 96)
    services.inspections.override_grade(services.actor, view.info.id, "qualified", "文书说理不充分", "excellent", 96)
    override = services.inspections.override_of(view.info.id)
    assert override is not None and (override.grade_code, override.reason, override.proposed_code) == \
        ("qualified", "文书说理不充分", "excellent")
    import datetime as dt

    from desktop_app.services.exports import build_scorecard

    card = build_scorecard(services, case.case_no, dt.date(2026, 3, 20))
    assert card.score.grade_code == "qualified" and card.score.proposed_code != ""


def _user(services, login: str, name: str, role: str):  # type: ignore[no-untyped-def]
    with UnitOfWork(services.database) as uow:
        actor = ensure_user(uow.session, login, name, role)
        uow.commit()
    return actor
