"""The person at this workstation: their real name (printed as 检查人) and role."""

from __future__ import annotations

from db.engine import Database
from db.models import User
from desktop_app.core.i18n import tr
from desktop_app.services import audit
from desktop_app.services.actors import Actor, actor_of, role_code
from desktop_app.services.errors import PermissionDenied, ServiceError
from desktop_app.services.uow import UnitOfWork


def update_profile(database: Database, actor: Actor, display_name: str, role: str) -> Actor:
    """Let the person at this workstation put their real name (printed on scorecards as 检查人) and role.

    On a database with accounts the role is the administrator's to give: an account changes only its name."""
    name = display_name.strip()
    if not name or len(name) > 64:
        raise ServiceError(tr("姓名不能为空，且不超过 64 个字", "the name must be 1 to 64 characters"))
    role = role_code(role)
    if actor.account and role != actor.role:
        raise PermissionDenied(tr("账户的身份由管理员设定", "an account's role is set by an administrator"))
    with UnitOfWork(database) as uow:
        user = uow.session.get(User, actor.id)
        if user is None:
            raise ServiceError(tr("当前用户不存在", "the current user does not exist"))
        before = {"display_name": user.display_name, "role": user.role}
        user.display_name, user.role = name, role
        updated = actor_of(user)
        audit.record(uow.session, updated, "user.profile", "user", user.login,
                     audit.changes(before, {"display_name": name, "role": role}))
        uow.commit()
        return updated
