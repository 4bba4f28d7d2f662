"""Who is acting. Every service call is told; until accounts exist, a default local user acts."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import User
from desktop_app.core.i18n import tr
from desktop_app.services.errors import PermissionDenied

ROLES: dict[str, str] = {
    "prosecutor": "检察官",
    "lead": "部门负责人",
    "reviewer": "案管评查人员",
    "trainer": "培训人员",
    "admin": "管理员",
}

#: Which roles may do what. A prosecutor keeps the register and walks checklists; grade overrides and template
#: edits need a lead, reviewer or admin.
PERMISSIONS: dict[str, frozenset[str]] = {
    "case.write": frozenset(ROLES),
    "case.archive": frozenset({"lead", "reviewer", "admin", "prosecutor"}),
    "inspection.answer": frozenset(ROLES),
    "grade.override": frozenset({"lead", "reviewer", "admin"}),
    "template.edit": frozenset({"lead", "reviewer", "trainer", "admin"}),
}

LOCAL_LOGIN = "local"


@dataclass(frozen=True)
class Actor:
    id: int
    login: str
    display_name: str
    role: str

    def require(self, permission: str) -> None:
        if self.role not in PERMISSIONS.get(permission, frozenset()):
            raise PermissionDenied(tr(f"当前用户（{ROLES.get(self.role, self.role)}）无权执行此操作",
                                      f"role {self.role!r} may not do {permission!r}"))


def _actor(user: User) -> Actor:
    return Actor(id=user.id, login=user.login, display_name=user.display_name, role=user.role)


def ensure_user(session: Session, login: str, display_name: str, role: str) -> Actor:
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        user = User(login=login, display_name=display_name, role=role)
        session.add(user)
        session.flush()
    return _actor(user)


def local_actor(session: Session) -> Actor:
    """The default local user; named after the operating-system account so audit entries say who sat there."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "本机用户"
    return ensure_user(session, LOCAL_LOGIN, name or "本机用户", "admin")

