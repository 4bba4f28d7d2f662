"""The person at this workstation: their real name (printed as 检查人) and role."""

from __future__ import annotations

from db.engine import Database
from db.models import User
from desktop_app.core.i18n import tr
from desktop_app.services import audit
from desktop_app.services.actors import ROLES, Actor
from desktop_app.services.errors import ServiceError
from desktop_app.services.uow import UnitOfWork


def update_profile(database: Database, actor: Actor, display_name: str, role: str) -> Actor:
    """Let the person at this workstation put their real name (printed on scorecards as 检查人) and role."""
    name = display_name.strip()
    if not name or len(name) > 64:
        raise ServiceError(tr("姓名不能为空，且不超过 64 个字", "the name must be 1 to 64 characters"))
    if role not in ROLES:
        raise ServiceError(tr(f"未知的身份 {role!r}", f"unknown role {role!r}"))
    with UnitOfWork(database) as uow:
        user = uow.session.get(User, actor.id)
        if user is None:
            raise ServiceError(tr("当前用户不存在", "the current user does not exist"))
        before = {"display_name": user.display_name, "role": user.role}
        user.display_name, user.role = name, role
        updated = Actor(id=user.id, login=user.login, display_name=user.display_name, role=user.role)
        audit.record(uow.session, updated, "user.profile", "user", user.login,
                     audit.changes(before, {"display_name": name, "role": role}))
        uow.commit()
        return updated
