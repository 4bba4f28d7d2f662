"""The permission matrix at the service layer: every role × action is one test that really calls the service.

The accounts (all with the password in PASSWORD):

| login    | role            | department |
|----------|-----------------|------------|
| admin    | admin           | 案件管理部 |
| jcg      | prosecutor      | 第一检察部 | owns CASE_A (its prosecutor is 检察官甲, jcg's real name)
| head     | department_head | 第一检察部 |
| rev      | reviewer        | 案件管理部 |
| trainer  | trainer         | 案件管理部 |

CASE_B is of 第二检察部 and owned by the administrator, so nobody of 第一检察部 handles it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from desktop_app.core.practice import PracticeResult
from desktop_app.services import accounts
from desktop_app.services.actors import Actor
from desktop_app.services.container import Services, open_services
from desktop_app.services.errors import PermissionDenied
from desktop_app.services.preferences import choose_grading, reset_calendar
from desktop_app.services.training_results import class_report, save_result
from tests.factories import DatabaseTemplate, make_case

PASSWORD = "secret-pass-1"
CASE_A = "京朝检刑诉〔2026〕101号"
CASE_B = "京朝检刑诉〔2026〕202号"
ROLE_LOGINS = {"prosecutor": "jcg", "department_head": "head", "reviewer": "rev", "trainer": "trainer",
               "admin": "admin"}
TODAY = dt.date(2026, 3, 20)


#: The logged-in actors, filled once by `accounts_db`: they stay valid in every copy of it (the ids are the same
#: in the template of either database kind).
ACTORS: dict[str, Actor] = {}


@pytest.fixture(scope="module")
def accounts_db(db_template: DatabaseTemplate) -> DatabaseTemplate:
    """Built once per database kind: migrating and checking five argon2 passwords per test would make the matrix
    slow."""
    services = open_services(db_template.target, today=lambda: TODAY)
    database = services.database
    accounts.add_account(database, None, "admin", "管理员", PASSWORD, "管理员甲", "案件管理部")
    admin = accounts.login(database, "admin", PASSWORD)
    for login, role, name, department in (("jcg", "prosecutor", "检察官甲", "第一检察部"),
                                          ("head", "部门负责人", "部门负责人甲", "第一检察部"),
                                          ("rev", "reviewer", "评查员甲", "案件管理部"),
                                          ("trainer", "培训员", "培训员甲", "案件管理部")):
        accounts.add_account(database, admin, login, role, PASSWORD, name, department)
    prosecutor = accounts.login(database, "jcg", PASSWORD)
    services.cases.create(prosecutor, make_case(CASE_A, prosecutor="检察官甲", department="第一检察部"))
    services.cases.create(admin, make_case(CASE_B, prosecutor="某乙", department="第二检察部"))
    ACTORS.update({login: accounts.login(database, login, PASSWORD) for login in ROLE_LOGINS.values()})
    services.close()
    return db_template


@pytest.fixture
def world(accounts_db: DatabaseTemplate, template_copy: str) -> Iterator[Services]:
    services = open_services(template_copy, today=lambda: TODAY)
    yield services
    services.close()


def act(services: Services, login: str) -> Actor:
    services.actor = ACTORS[login]
    return services.actor


def _inspection(services: Services, login: str, kind: str) -> int:
    return services.inspections.open(act(services, login), CASE_A, kind).info.id


def _override(services: Services, actor: Actor) -> None:
    review = _inspection(services, "rev", "review")
    services.inspections.override_grade(actor, review, "qualified", "说理不充分", "excellent", 95.0)


def _practise(services: Services, actor: Actor) -> None:
    save_result(services.database, actor, "样例一", PracticeResult("样例一", (), 100))
    assert [r.sample for r in class_report(services.database, actor).rows] == ["样例一"]


#: action → what a person of the role does, through the same service the GUI and the CLI call.
ACTIONS: dict[str, Callable[[Services, Actor], Any]] = {
    "read another department's case": lambda s, a: s.cases.get(CASE_B),
    "create a case": lambda s, a: s.cases.create(a, make_case("京朝检刑诉〔2026〕303号")),
    "edit CASE_A": lambda s, a: s.cases.update(a, CASE_A, make_case(CASE_A, title="改名案", prosecutor="检察官甲",
                                                                     department="第一检察部")),
    "archive CASE_A": lambda s, a: s.cases.archive(a, CASE_A),
    "自查 of CASE_A": lambda s, a: s.inspections.open(a, CASE_A, "self"),
    "部门核查 of CASE_A": lambda s, a: s.inspections.open(a, CASE_A, "department"),
    "评查 of CASE_A": lambda s, a: s.inspections.open(a, CASE_A, "review"),
    "override CASE_A's grade": _override,
    "save a checklist template": lambda s, a: s.templates.save(a, s.context.templates["criminal.prosecution_review"]),
    "change the calendar": lambda s, a: reset_calendar(s),
    "change the grading scheme": lambda s, a: choose_grading(s, "2026"),
    "add an account": lambda s, a: accounts.add_account(s.database, a, "new1", "prosecutor", PASSWORD),
    "unlock an account": lambda s, a: accounts.unlock(s.database, a, "jcg"),
    "assign CASE_B's owner": lambda s, a: accounts.assign_owner(s.database, a, CASE_B, "jcg"),
    "practise a sample": _practise,
}

#: The matrix: the roles allowed to take each action (every other role is refused).
ALLOWED: dict[str, set[str]] = {
    "read another department's case": {"reviewer", "trainer", "admin"},
    "create a case": {"prosecutor", "department_head", "reviewer", "admin"},
    "edit CASE_A": {"prosecutor", "department_head", "admin"},
    "archive CASE_A": {"prosecutor", "department_head", "admin"},
    "自查 of CASE_A": {"prosecutor"},
    "部门核查 of CASE_A": {"department_head"},
    "评查 of CASE_A": {"reviewer"},
    "override CASE_A's grade": {"reviewer"},
    "save a checklist template": {"admin"},
    "change the calendar": {"admin"},
    "change the grading scheme": {"admin"},
    "add an account": {"admin"},
    "unlock an account": {"admin"},
    "assign CASE_B's owner": {"admin"},
    "practise a sample": {"prosecutor", "department_head", "reviewer", "trainer", "admin"},
}

CELLS = [(action, role) for action in ACTIONS for role in ROLE_LOGINS]


@pytest.mark.parametrize(("action", "role"), CELLS, ids=[f"{a}-{r}" for a, r in CELLS])
def test_permission_matrix(world: Services, action: str, role: str) -> None:
    login = ROLE_LOGINS[role]
    do = ACTIONS[action]
    act(world, "admin")
    before = world.cases.status_of(CASE_A)
    actor = act(world, login)
    if role in ALLOWED[action]:
        do(world, actor)
    else:
        with pytest.raises(PermissionDenied):
            do(world, actor)
        act(world, "admin")
        assert world.cases.status_of(CASE_A) == before, "a refused action changes nothing"
        assert world.cases.get(CASE_A).title != "改名案"


def test_the_matrix_covers_every_action_and_role() -> None:
    assert set(ALLOWED) == set(ACTIONS) and len(CELLS) == len(ACTIONS) * 5


# --- 回避 ----------------------------------------------------------------------------------------------------------
def test_reviewer_recuses_from_a_case_they_own(world: Services) -> None:
    reviewer = act(world, "rev")
    world.cases.create(reviewer, make_case("京朝检刑诉〔2026〕404号", prosecutor="某丙", department="第三检察部"))
    with pytest.raises(PermissionDenied, match="回避"):
        world.inspections.open(reviewer, "京朝检刑诉〔2026〕404号", "review")


def test_reviewer_recuses_from_a_case_naming_them_as_prosecutor(world: Services) -> None:
    admin = act(world, "admin")
    world.cases.create(admin, make_case("京朝检刑诉〔2026〕405号", prosecutor="评查员甲", department="第三检察部"))
    with pytest.raises(PermissionDenied, match="回避"):
        world.inspections.open(act(world, "rev"), "京朝检刑诉〔2026〕405号", "review")


def test_reviewer_recuses_from_own_department_only_when_the_setting_asks(world: Services) -> None:
    admin = act(world, "admin")
    world.cases.create(admin, make_case("京朝检刑诉〔2026〕406号", prosecutor="某丁", department="案件管理部"))
    reviewer = act(world, "rev")
    with pytest.raises(PermissionDenied, match="本部门"):
        world.inspections.open(reviewer, "京朝检刑诉〔2026〕406号", "review")
    accounts.change_setting(world.database, admin, "recuse_same_department", False)
    assert world.inspections.open(reviewer, "京朝检刑诉〔2026〕406号", "review").info.kind == "review"


def test_a_recused_reviewer_cannot_override_an_existing_review(world: Services) -> None:
    review = _inspection(world, "rev", "review")
    admin = act(world, "admin")
    accounts.assign_owner(world.database, admin, CASE_A, "rev")
    with pytest.raises(PermissionDenied, match="回避"):
        world.inspections.override_grade(act(world, "rev"), review, "qualified", "理由", "excellent", 95.0)


# --- visibility --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("login", "seen"), [("jcg", {CASE_A}), ("head", {CASE_A}), ("rev", {CASE_A, CASE_B}),
                                              ("trainer", {CASE_A, CASE_B}), ("admin", {CASE_A, CASE_B})])
def test_each_role_lists_only_the_cases_it_may_see(world: Services, login: str, seen: set[str]) -> None:
    from desktop_app.services.cases import CaseQuery

    act(world, login)
    ids = world.cases.list_ids(CaseQuery())
    assert {r.case_no for r in world.cases.rows(ids).values()} == seen
    assert world.cases.count(CaseQuery()) == len(seen)


def test_a_head_sees_every_case_of_the_department(world: Services) -> None:
    other = act(world, "admin")
    world.cases.create(other, make_case("京朝检刑诉〔2026〕407号", prosecutor="某戊", department="第一检察部"))
    head = act(world, "head")
    assert world.cases.get("京朝检刑诉〔2026〕407号").department == "第一检察部"
    world.inspections.open(head, "京朝检刑诉〔2026〕407号", "department")


def test_the_inspector_printed_is_the_account_real_name(world: Services) -> None:
    from desktop_app.services.exports import build_scorecard

    view = world.inspections.open(act(world, "jcg"), CASE_A, "self")
    world.inspections.answer(world.actor, view.info.id, view.template.items[0].id, "pass")
    assert build_scorecard(world, CASE_A, TODAY).inspector == "检察官甲"


def test_audit_entries_name_the_acting_account(world: Services) -> None:
    from desktop_app.services.audit import history

    actor = act(world, "jcg")
    world.cases.archive(actor, CASE_A)
    entry = history(world.database, "case", CASE_A)[0]
    assert (entry.action, entry.actor) == ("case.archive", "检察官甲")
    from db.models import AuditEntry

    with world.database.sessions() as session:
        assert session.get(AuditEntry, entry.id).user_id == actor.id  # type: ignore[union-attr]


def test_the_deadline_board_and_filters_show_only_visible_cases(world: Services) -> None:
    from desktop_app.services.board import deadline_board

    admin = act(world, "admin")
    assert {r.case_no for r in deadline_board(world.database, TODAY, viewer=admin)} == {CASE_A, CASE_B}
    assert "某乙" in world.cases.distinct_values("prosecutor")
    prosecutor = act(world, "jcg")
    assert {r.case_no for r in deadline_board(world.database, TODAY, viewer=prosecutor)} == {CASE_A}
    assert world.cases.distinct_values("prosecutor") == ["检察官甲"]
