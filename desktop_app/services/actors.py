"""Who is acting. Every service call is told; on a database without accounts, a default local user acts.

Role codes are stable (`prosecutor`, `department_head`, `reviewer`, `trainer`, `admin`); the Chinese labels and the
codes used before accounts existed (`lead`) are accepted as input and mapped by `role_code`.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import User
from desktop_app.core.i18n import tr
from desktop_app.services.errors import ServiceError

ROLES: dict[str, str] = {
    "prosecutor": "检察官",
    "department_head": "部门负责人",
    "reviewer": "案管评查员",
    "trainer": "培训员",
    "admin": "管理员",
}

#: Older codes and labels that still name a role: `lead` as `casecheck profile` stored it, and the former labels.
ROLE_ALIASES: dict[str, str] = {
    "lead": "department_head",
    "案管评查人员": "reviewer",
    "培训人员": "trainer",
    **{label: code for code, label in ROLES.items()},
}

#: What a role may do on a database without accounts (the single local user): the rules of the program before
#: accounts existed, kept so existing scripts behave as they did.
PERMISSIONS: dict[str, frozenset[str]] = {
    "case.write": frozenset(ROLES),
    "case.archive": frozenset({"department_head", "reviewer", "admin", "prosecutor"}),
    "inspection.answer": frozenset(ROLES),
    "grade.override": frozenset({"department_head", "reviewer", "admin"}),
    "template.edit": frozenset({"department_head", "reviewer", "trainer", "admin"}),
}

LOCAL_LOGIN = "local"


def role_code(text: str) -> str:
    """The role code for a code, an older code or a Chinese label; ServiceError (bad input) for anything else."""
    value = text.strip()
    if value in ROLES:
        return value
    if value in ROLE_ALIASES:
        return ROLE_ALIASES[value]
    allowed = "、".join(f"{code}（{label}）" for code, label in ROLES.items())
    raise ServiceError(tr(f"未知的身份 {text!r}，可选：{allowed}", f"unknown role {text!r}; allowed: {', '.join(ROLES)}"))


@dataclass(frozen=True)
class Actor:
    id: int
    login: str
    display_name: str
    role: str
    department: str = ""
    #: True for a logged-in account: ownership, visibility and 回避 are then enforced (see `permissions`).
    account: bool = False

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


#: The actor of a database with accounts before anyone has logged in: may do nothing and sees no case.
NOBODY = Actor(id=0, login="", display_name="", role="", account=True)


def actor_of(user: User) -> Actor:
    return Actor(id=user.id, login=user.login, display_name=user.display_name, role=role_code(user.role),
                 department=user.department or "", account=user.password_hash is not None)


def ensure_user(session: Session, login: str, display_name: str, role: str) -> Actor:
    """A user without a password (a person named in single-user mode); created on first use."""
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        user = User(login=login, display_name=display_name, role=role_code(role), department="")
        session.add(user)
        session.flush()
    return actor_of(user)


def local_actor(session: Session) -> Actor:
    """The default local user; named after the operating-system account so audit entries say who sat there."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "本机用户"
    return ensure_user(session, LOCAL_LOGIN, name or "本机用户", "admin")
