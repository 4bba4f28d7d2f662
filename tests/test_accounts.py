"""Accounts: the first one is the administrator, passwords are argon2 hashes, five failures lock, recovery works."""

from __future__ import annotations

import datetime as dt

import pytest

from db.engine import database_url, make_engine, open_database, upgrade
from db.models import User, utcnow
from desktop_app.services import accounts
from desktop_app.services.container import Services
from desktop_app.services.errors import PermissionDenied, ServiceError
from tests.factories import stored_rows

PASSWORD = "correct-horse"


def _admin(services: Services) -> None:
    accounts.add_account(services.database, None, "admin", "admin", PASSWORD, "王管理员", "案件管理部")


def test_the_first_account_must_be_the_administrator(services: Services) -> None:
    assert not services.accounts
    with pytest.raises(ServiceError, match="管理员") as caught:
        accounts.add_account(services.database, None, "zhang", "prosecutor", PASSWORD)
    assert not isinstance(caught.value, PermissionDenied)
    _admin(services)
    with pytest.raises(PermissionDenied):
        accounts.add_account(services.database, None, "zhang", "prosecutor", PASSWORD)
    admin = accounts.login(services.database, "admin", PASSWORD)
    info = accounts.add_account(services.database, admin, "zhang", "检察官", PASSWORD, "张某", "第一检察部")
    assert (info.role, info.real_name, info.department) == ("prosecutor", "张某", "第一检察部")
    prosecutor = accounts.login(services.database, "zhang", PASSWORD)
    with pytest.raises(PermissionDenied):
        accounts.add_account(services.database, prosecutor, "li", "prosecutor", PASSWORD)


def test_passwords_are_argon2_hashes_and_never_stored_in_clear(services: Services, db_target: str) -> None:
    _admin(services)
    raw = stored_rows(db_target)
    assert raw and PASSWORD.encode() not in raw
    with services.database.sessions() as session:
        stored = session.query(User).filter_by(login="admin").one().password_hash
    assert stored is not None and stored.startswith("$argon2id$")


def test_five_failures_lock_the_account_until_an_administrator_unlocks(services: Services) -> None:
    _admin(services)
    admin = accounts.login(services.database, "admin", PASSWORD)
    accounts.add_account(services.database, admin, "zhang", "prosecutor", PASSWORD)
    for attempt in range(5):
        with pytest.raises(accounts.AccountLocked if attempt == 4 else accounts.AuthenticationFailed):
            accounts.login(services.database, "zhang", "wrong-password")
    with pytest.raises(accounts.AccountLocked, match="锁定"):
        accounts.login(services.database, "zhang", PASSWORD)
    later = utcnow() + dt.timedelta(minutes=16)
    assert accounts.login(services.database, "zhang", PASSWORD, now=later).login == "zhang", "15 minutes, then open"
    for attempt in range(5):
        with pytest.raises(accounts.AccountLocked if attempt == 4 else accounts.AuthenticationFailed):
            accounts.login(services.database, "zhang", "wrong-password")
    accounts.unlock(services.database, admin, "zhang")
    assert accounts.login(services.database, "zhang", PASSWORD).role == "prosecutor"


def test_the_lockout_length_is_a_setting(services: Services) -> None:
    _admin(services)
    admin = accounts.login(services.database, "admin", PASSWORD)
    accounts.add_account(services.database, admin, "zhang", "prosecutor", PASSWORD)
    accounts.change_setting(services.database, admin, "lockout_minutes", 60)
    for attempt in range(5):
        with pytest.raises(accounts.AccountLocked if attempt == 4 else accounts.AuthenticationFailed):
            accounts.login(services.database, "zhang", "wrong-password")
    with pytest.raises(accounts.AccountLocked):
        accounts.login(services.database, "zhang", PASSWORD, now=utcnow() + dt.timedelta(minutes=30))


def test_disabled_accounts_cannot_log_in_and_passwords_change(services: Services) -> None:
    _admin(services)
    admin = accounts.login(services.database, "admin", PASSWORD)
    accounts.add_account(services.database, admin, "zhang", "prosecutor", PASSWORD)
    zhang = accounts.login(services.database, "zhang", PASSWORD)
    accounts.change_password(services.database, zhang, "zhang", "another-pass")
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.login(services.database, "zhang", PASSWORD)
    with pytest.raises(PermissionDenied):
        accounts.change_password(services.database, zhang, "admin", "taken-over")
    with pytest.raises(ServiceError, match="至少"):
        accounts.change_password(services.database, zhang, "zhang", "short")
    accounts.set_active(services.database, admin, "zhang", False)
    with pytest.raises(PermissionDenied, match="停用"):
        accounts.login(services.database, "zhang", "another-pass")


def test_reset_admin_recovers_a_locked_out_administrator_and_is_audited(services: Services) -> None:
    from desktop_app.services.audit import history, verify_chain

    _admin(services)
    for attempt in range(5):
        with pytest.raises(accounts.AccountLocked if attempt == 4 else accounts.AuthenticationFailed):
            accounts.login(services.database, "admin", "forgotten")
    accounts.reset_admin(services.database, "new-admin-pass", "ops")
    assert accounts.login(services.database, "admin", "new-admin-pass").role == "admin"
    assert history(services.database, "user", "admin")[0].detail == {"by_file_owner": "ops"}
    assert verify_chain(services.database).first_broken is None


def test_stored_profile_roles_migrate_to_the_new_codes(empty_db_target: str) -> None:
    url = database_url(empty_db_target)
    engine = make_engine(url)
    upgrade(engine, url, revision="0004")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO users (login, display_name, role, created_at) VALUES "
                             "('local', '王检察官', 'lead', '2026-01-01 00:00:00'),"
                             "('p2', '周某', 'reviewer', '2026-01-01 00:00:00')")
    engine.dispose()
    database = open_database(empty_db_target)
    try:
        with database.sessions() as session:
            rows = {u.login: u.role for u in session.query(User)}
            local = session.query(User).filter_by(login="local").one()
            assert (local.password_hash, local.department, local.active) == (None, "", True)
    finally:
        database.dispose()
    assert rows == {"local": "department_head", "p2": "reviewer"}


def test_a_database_without_accounts_keeps_the_local_user_and_old_rules(services: Services) -> None:
    from tests.factories import make_case

    assert services.actor.login == "local" and not services.actor.account
    services.cases.create(services.actor, make_case())
    from desktop_app.services.cases import CaseQuery

    assert services.cases.count(CaseQuery()) == 1
