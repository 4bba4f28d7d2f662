"""Local accounts: argon2 password hashes, log-in with lock-out, and the administrator's account management.

A password is only ever hashed (argon2id via argon2-cffi) and compared; it is never stored, logged or audited in
clear. A log-in that succeeds on a clean account writes nothing, so read-only commands work on a read-only copy;
a failed one is recorded (the count, and the lock once `max_failed_logins` is reached).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import AccountSetting, User, utcnow
from desktop_app.core.i18n import tr
from desktop_app.services import audit
from desktop_app.services.actors import ROLES, Actor, actor_of, role_code
from desktop_app.services.errors import PermissionDenied, ServiceError
from desktop_app.services.permissions import SETTINGS, check, setting
from desktop_app.services.uow import UnitOfWork

MIN_PASSWORD = 8
_hasher = PasswordHasher()


class AuthenticationFailed(PermissionDenied):
    """Wrong name or password (which of the two is not said)."""


class AccountLocked(PermissionDenied):
    """Too many failed log-ins: the account waits until `until`, or an administrator unlocks it."""


@dataclass(frozen=True)
class AccountInfo:
    login: str
    real_name: str
    role: str
    role_label: str
    department: str
    active: bool
    locked_until: dt.datetime | None
    failed_logins: int


def has_accounts(session: Session) -> bool:
    return bool(session.scalar(select(func.count(User.id)).where(User.password_hash.is_not(None))))


def database_has_accounts(database: Database) -> bool:
    with database.sessions() as session:
        return has_accounts(session)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _valid_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ServiceError(tr(f"密码至少 {MIN_PASSWORD} 个字符", f"the password needs at least {MIN_PASSWORD} characters"))
    return password


def _valid_login(login: str) -> str:
    name = login.strip()
    if not name or len(name) > 64 or any(ch.isspace() for ch in name):
        raise ServiceError(tr("账户名不能为空、不能含空格，且不超过 64 个字符",
                              "the account name must be 1 to 64 characters without spaces"))
    return name


def _info(user: User) -> AccountInfo:
    code = role_code(user.role)
    return AccountInfo(login=user.login, real_name=user.display_name, role=code, role_label=ROLES[code],
                       department=user.department or "", active=user.active, locked_until=user.locked_until,
                       failed_logins=user.failed_logins)


def _account(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login, User.password_hash.is_not(None)))
    if user is None:
        raise ServiceError(tr(f"账户 {login} 不存在", f"no account {login!r}"))
    return user


# --- logging in --------------------------------------------------------------------------------------------------
def login(database: Database, name: str, password: str, now: dt.datetime | None = None) -> Actor:
    """The account's actor when the password matches; AuthenticationFailed / AccountLocked otherwise."""
    now = now or utcnow()
    with UnitOfWork(database) as uow:
        session = uow.session
        user = session.scalar(select(User).where(User.login == name.strip(), User.password_hash.is_not(None)))
        if user is None or user.password_hash is None:
            raise AuthenticationFailed(tr("认证失败：账户名或密码不正确", "authentication failed: wrong name or password"))
        if not user.active:
            raise PermissionDenied(tr(f"账户 {user.login} 已停用", f"account {user.login} is disabled"))
        if user.locked_until is not None and user.locked_until > now:
            raise AccountLocked(tr(
                f"账户 {user.login} 因多次登录失败已锁定，至 {_local(user.locked_until)} 解锁，或请管理员执行 user unlock",
                f"account {user.login} is locked after repeated failures until {_local(user.locked_until)}"
                " (or an administrator runs `user unlock`)"))
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_logins += 1
            detail: dict[str, Any] = {"failed_logins": user.failed_logins}
            if user.failed_logins >= int(setting(session, "max_failed_logins")):
                user.locked_until = now + dt.timedelta(minutes=int(setting(session, "lockout_minutes")))
                user.failed_logins = 0
                detail["locked_until"] = user.locked_until.isoformat(timespec="seconds")
            audit.record(session, actor_of(user), "user.login_failed", "user", user.login, detail)
            uow.commit()
            if user.locked_until is not None:
                raise AccountLocked(tr(f"认证失败，账户 {user.login} 已锁定至 {_local(user.locked_until)}",
                                       f"authentication failed; account {user.login} is locked until "
                                       f"{_local(user.locked_until)}")) from None
            raise AuthenticationFailed(tr("认证失败：账户名或密码不正确",
                                          "authentication failed: wrong name or password")) from None
        if user.failed_logins or user.locked_until is not None:
            user.failed_logins, user.locked_until = 0, None
            uow.commit()
        return actor_of(user)


def _local(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


# --- managing accounts -------------------------------------------------------------------------------------------
def add_account(database: Database, actor: Actor | None, name: str, role: str, password: str,
                real_name: str | None = None, department: str = "") -> AccountInfo:
    """A new account. On a database without accounts the first one must be the administrator and needs no actor;
    after that only an administrator adds accounts."""
    code = role_code(role)
    name = _valid_login(name)
    real = (real_name or name).strip()
    if not real or len(real) > 64:
        raise ServiceError(tr("姓名不能为空，且不超过 64 个字", "the real name must be 1 to 64 characters"))
    _valid_password(password)
    with UnitOfWork(database) as uow:
        session = uow.session
        first = not has_accounts(session)
        if first and code != "admin":
            raise ServiceError(tr("数据库还没有账户：第一个账户必须是管理员（--role admin）",
                                  "the database has no accounts yet: the first one must be an administrator"))
        if not first:
            if actor is None:
                raise PermissionDenied(tr("请用 --user 指定管理员账户", "give an administrator with --user"))
            check(actor, "user.manage")
        if session.scalar(select(User).where(User.login == name)) is not None:
            raise ServiceError(tr(f"账户名 {name} 已被使用", f"the name {name!r} is taken"))
        user = User(login=name, display_name=real, role=code, department=department.strip(),
                    password_hash=hash_password(password), active=True, failed_logins=0)
        session.add(user)
        session.flush()
        by = actor if actor is not None and not first else actor_of(user)
        audit.record(session, by, "user.add", "user", name,
                     {"role": code, "real_name": real, "department": user.department, "first_admin": first})
        uow.commit()
        return _info(user)


def list_accounts(database: Database, actor: Actor) -> list[AccountInfo]:
    """Every account, for an administrator; reads only."""
    check(actor, "user.manage")
    with database.sessions() as session:
        users = session.scalars(select(User).where(User.password_hash.is_not(None)).order_by(User.login))
        return [_info(u) for u in users]


def set_active(database: Database, actor: Actor, name: str, active: bool) -> AccountInfo:
    check(actor, "user.manage")
    with UnitOfWork(database) as uow:
        user = _account(uow.session, name)
        if not active and user.id == actor.id:
            raise ServiceError(tr("不能停用自己的账户", "you cannot disable your own account"))
        if user.active != active:
            audit.record(uow.session, actor, "user.enable" if active else "user.disable", "user", name,
                         {"active": [user.active, active]})
            user.active = active
            uow.commit()
        return _info(user)


def unlock(database: Database, actor: Actor, name: str) -> AccountInfo:
    check(actor, "user.manage")
    with UnitOfWork(database) as uow:
        user = _account(uow.session, name)
        audit.record(uow.session, actor, "user.unlock", "user", name,
                     {"locked_until": [user.locked_until.isoformat() if user.locked_until else None, None]})
        user.locked_until, user.failed_logins = None, 0
        uow.commit()
        return _info(user)


def change_password(database: Database, actor: Actor, name: str, new_password: str) -> None:
    """Anyone changes their own password; an administrator sets anyone's. The hash changes, the audit says only
    that it did."""
    _valid_password(new_password)
    if name != actor.login:
        check(actor, "user.manage")
    with UnitOfWork(database) as uow:
        user = _account(uow.session, name)
        user.password_hash = hash_password(new_password)
        user.failed_logins, user.locked_until = 0, None
        audit.record(uow.session, actor, "user.passwd", "user", name, {"password": "changed"})
        uow.commit()


def reset_admin(database: Database, new_password: str, by: str) -> AccountInfo:
    """The recovery path when the only administrator is locked out or forgot the password: run by the owner of the
    database file, or of the server database (the caller checks that). The first administrator gets the new
    password, is enabled and unlocked; with no administrator at all, one named `admin` is made. `by` (the
    operating-system user, or the owner's database role) is audited."""
    _valid_password(new_password)
    with UnitOfWork(database) as uow:
        session = uow.session
        user = session.scalar(select(User).where(User.role == "admin", User.password_hash.is_not(None))
                              .order_by(User.id).limit(1))
        if user is None:
            user = User(login="admin", display_name="管理员", role="admin", department="", failed_logins=0)
            session.add(user)
        user.password_hash = hash_password(new_password)
        user.active, user.failed_logins, user.locked_until = True, 0, None
        session.flush()
        audit.record(session, actor_of(user), "user.reset_admin", "user", user.login, {"by_file_owner": by})
        uow.commit()
        return _info(user)


def change_setting(database: Database, actor: Actor, key: str, value: Any) -> None:
    if key not in SETTINGS:
        raise ServiceError(tr(f"未知的设置 {key!r}", f"unknown setting {key!r}"))
    check(actor, "settings.edit")
    with UnitOfWork(database) as uow:
        old = setting(uow.session, key)
        stored = uow.session.get(AccountSetting, key)
        if stored is None:
            uow.session.add(AccountSetting(key=key, value={"value": value}))
        else:
            stored.value = {"value": value}
        audit.record(uow.session, actor, "settings.change", "settings", key, {"value": [old, value]})
        uow.commit()


def current_settings(database: Database) -> dict[str, Any]:
    with database.sessions() as session:
        return {key: setting(session, key) for key in SETTINGS}


def assign_owner(database: Database, actor: Actor, case_no: str, name: str) -> None:
    """An administrator gives a case to another account (e.g. when its prosecutor changes)."""
    from db.models import CaseRecord

    check(actor, "case.assign")
    with UnitOfWork(database) as uow:
        user = _account(uow.session, name)
        case = uow.session.scalar(select(CaseRecord).where(CaseRecord.case_no == case_no))
        if case is None:
            raise ServiceError(tr(f"案件 {case_no} 不存在", f"case {case_no} not found"))
        old = uow.session.get(User, case.owner_id) if case.owner_id else None
        case.owner_id = user.id
        audit.record(uow.session, actor, "case.assign", "case", case_no,
                     {"owner": [old.login if old else None, user.login]})
        uow.commit()


def assign_cases_of(database: Database, actor: Actor, prosecutor: str, name: str) -> int:
    """An administrator gives every case naming `prosecutor` to an account (e.g. after creating it)."""
    from sqlalchemy import update

    from db.models import CaseRecord

    check(actor, "case.assign")
    with UnitOfWork(database) as uow:
        user = _account(uow.session, name)
        count = uow.session.scalar(select(func.count(CaseRecord.id)).where(CaseRecord.prosecutor == prosecutor)) or 0
        # A bulk UPDATE bypasses the ORM's version counter: count it up here, so an editor holding one of these cases
        # gets a conflict instead of saving over the new owner.
        uow.session.execute(update(CaseRecord).where(CaseRecord.prosecutor == prosecutor)
                            .values(owner_id=user.id, version=CaseRecord.version + 1))
        audit.record(uow.session, actor, "case.assign", "user", name, {"prosecutor": prosecutor, "count": count})
        uow.commit()
        return count
