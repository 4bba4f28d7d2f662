"""Two people editing the same case, inspection or 整改 line: the second save, made on what they loaded before the
first was saved, is refused with a message naming who changed it and when; the first person's data stays.

Runs on SQLite, and on PostgreSQL on the throw-away server of the `db_target` fixture."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from desktop_app.cli import main
from desktop_app.services.actors import Actor, ensure_user
from desktop_app.services.audit import verify_chain
from desktop_app.services.container import Services, open_services
from desktop_app.services.errors import EditConflict
from desktop_app.services.exports import sync_rectifications
from tests.factories import make_case

CASE_NO = "京朝检刑诉〔2026〕7号"
TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def team(db_target: str) -> Iterator[tuple[Services, Services]]:
    """Two programs on one database, acting as two reviewers (王评查, 赵评查), with one case in it."""
    first = open_services(db_target, today=lambda: TODAY)
    second = open_services(db_target, today=lambda: TODAY)
    with first.database.sessions() as session:
        first.actor = ensure_user(session, "wang", "王评查", "reviewer")
        second.actor = ensure_user(session, "zhao", "赵评查", "reviewer")
        session.commit()
    first.cases.create(first.actor, make_case(CASE_NO))
    yield first, second
    first.close()
    second.close()


def test_the_second_case_save_on_a_stale_version_is_refused_naming_the_first(team: tuple[Services, Services]) -> None:
    wang, zhao = team
    case_w, version_w = wang.cases.get_with_version(CASE_NO)
    case_z, version_z = zhao.cases.get_with_version(CASE_NO)
    assert version_w == version_z
    wang.cases.update(wang.actor, CASE_NO, dataclasses.replace(case_w, title="王改的案名"), expected_version=version_w)
    with pytest.raises(EditConflict) as caught:
        zhao.cases.update(zhao.actor, CASE_NO, dataclasses.replace(case_z, title="赵改的案名"),
                          expected_version=version_z)
    assert "王评查" in str(caught.value) and "请重新加载" in str(caught.value)
    assert caught.value.by == "王评查" and caught.value.at is not None
    assert zhao.cases.get(CASE_NO).title == "王改的案名"  # the first save stays, nothing of the second
    # Reloaded, the second reviewer can save on top of it.
    fresh, version = zhao.cases.get_with_version(CASE_NO)
    assert version == caught.value.version == version_z + 1
    zhao.cases.update(zhao.actor, CASE_NO, dataclasses.replace(fresh, title="赵改的案名"), expected_version=version)
    assert wang.cases.get(CASE_NO).title == "赵改的案名"
    assert verify_chain(wang.database).first_broken is None


def test_archiving_a_case_changed_since_is_refused(team: tuple[Services, Services]) -> None:
    wang, zhao = team
    case, version = wang.cases.get_with_version(CASE_NO)
    zhao.cases.update(zhao.actor, CASE_NO, dataclasses.replace(case, title="新案名"), expected_version=version)
    with pytest.raises(EditConflict):
        wang.cases.archive(wang.actor, CASE_NO, expected_version=version)
    assert wang.cases.status_of(CASE_NO) != "archived"


def test_answers_saved_as_you_go_never_conflict_with_themselves(team: tuple[Services, Services]) -> None:
    wang, _ = team
    view = wang.inspections.open(wang.actor, CASE_NO, "review")
    version = view.info.version
    for item in view.template.items[:5]:
        version = wang.inspections.answer(wang.actor, view.info.id, item.id, "pass", "", expected_version=version)
    assert version == view.info.version + 5
    assert len(wang.inspections.view(view.info.id).answers) == 5


def test_an_answer_from_a_stale_window_is_refused_and_the_newer_answer_stays(team: tuple[Services, Services]) -> None:
    wang, _ = team
    view = wang.inspections.open(wang.actor, CASE_NO, "self")
    item = view.template.items[0].id
    # The same person in a second program (the window and a command, or two windows) answers first.
    other = wang.inspections.view(view.info.id)
    wang.inspections.answer(wang.actor, view.info.id, item, "fail", "缺材料", expected_version=other.info.version)
    with pytest.raises(EditConflict) as caught:
        wang.inspections.answer(wang.actor, view.info.id, item, "pass", "", expected_version=view.info.version)
    assert "该检查记录" in str(caught.value) and "王评查" in str(caught.value)
    assert wang.inspections.view(view.info.id).answers[item].value == "fail"


def test_two_reviewers_overriding_one_grade_the_second_is_told(team: tuple[Services, Services]) -> None:
    wang, zhao = team
    prosecutor = wang.inspections.open(wang.actor, CASE_NO, "self")
    shown_w = wang.inspections.view(prosecutor.info.id).info.version
    shown_z = zhao.inspections.view(prosecutor.info.id).info.version
    wang.inspections.override_grade(wang.actor, prosecutor.info.id, "flawed", "证据链有缺口", "qualified", 88.0,
                                    expected_version=shown_w)
    with pytest.raises(EditConflict) as caught:
        zhao.inspections.override_grade(zhao.actor, prosecutor.info.id, "excellent", "无问题", "qualified", 88.0,
                                        expected_version=shown_z)
    assert "王评查" in str(caught.value)
    override = zhao.inspections.override_of(prosecutor.info.id)
    assert override is not None and override.grade_code == "flawed" and override.reason == "证据链有缺口"


def test_a_rectification_line_changed_since_is_refused(team: tuple[Services, Services]) -> None:
    wang, zhao = team
    view = wang.inspections.open(wang.actor, CASE_NO, "self")
    wang.inspections.answer(wang.actor, view.info.id, view.template.items[0].id, "fail", "缺材料")
    key = sync_rectifications(wang, CASE_NO, TODAY)[0].key
    row_w = next(r for r in wang.rectifications.rows(case_no=CASE_NO) if r.key == key)
    row_z = next(r for r in zhao.rectifications.rows(case_no=CASE_NO) if r.key == key)
    wang.rectifications.update(wang.actor, CASE_NO, key, status="pending", owner="王某", expected_version=row_w.version)
    with pytest.raises(EditConflict) as caught:
        zhao.rectifications.update(zhao.actor, CASE_NO, key, status="pending", owner="赵某",
                                   expected_version=row_z.version)
    assert "王评查" in str(caught.value)
    assert next(r for r in zhao.rectifications.rows(case_no=CASE_NO) if r.key == key).owner == "王某"


def test_the_command_line_exits_1_on_a_stale_version(db_target: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = db_target
    services = open_services(db, today=lambda: TODAY)
    actor: Actor = services.actor
    services.cases.create(actor, make_case(CASE_NO))
    view = services.inspections.open(actor, CASE_NO, "self")
    services.inspections.answer(actor, view.info.id, view.template.items[0].id, "fail", "缺材料")
    key = sync_rectifications(services, CASE_NO, TODAY)[0].key
    services.close()
    capsys.readouterr()
    assert main(["--db", db, "rectify", "list", "--case", CASE_NO]) == 0
    listed = capsys.readouterr().out.splitlines()[0].split("\t")
    assert listed[1] == key
    version = listed[-1]  # the version to hand back, last on the line
    assert main(["--db", db, "rectify", "set", CASE_NO, key, "--status", "pending", "--owner", "甲",
                 "--expect-version", version]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"\t{int(version) + 1}")  # the version after this change
    assert main(["--db", db, "rectify", "set", CASE_NO, key, "--status", "pending", "--owner", "乙",
                 "--expect-version", version]) == 1
    err = capsys.readouterr().err
    assert "已被" in err and "未保存" in err and "Traceback" not in err


def test_giving_a_prosecutor_s_cases_to_an_account_counts_their_versions_up(team: tuple[Services, Services]) -> None:
    """The administrator's bulk assignment is a change of each case: an editor who loaded one before must reload."""
    from desktop_app.services.accounts import add_account, assign_cases_of, login

    wang, zhao = team
    case, version = zhao.cases.get_with_version(CASE_NO)
    add_account(wang.database, None, "guanli", "admin", "Guanli-2026-pass")
    admin = login(wang.database, "guanli", "Guanli-2026-pass")
    add_account(wang.database, admin, "lisi", "prosecutor", "Lisi-2026-pass", "李四")
    assert assign_cases_of(wang.database, admin, case.prosecutor, "lisi") == 1
    with pytest.raises(EditConflict):
        zhao.cases.update(zhao.actor, CASE_NO, dataclasses.replace(case, title="旧版本上改的"), expected_version=version)
    assert zhao.cases.get_with_version(CASE_NO)[1] == version + 1
