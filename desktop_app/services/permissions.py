"""The one place that decides what an actor may do; services call `check` before they change anything.

On a database without accounts the local user acts and only the role rules of `actors.PERMISSIONS` apply, as before
accounts existed. A logged-in account is held to the full rules:

- a 检察官 edits only the cases they own and does only their own 自查;
- a 部门负责人 edits and does 部门核查 on the cases of their department;
- a 案管评查员 does 评查 and grade overrides, and is refused (回避) on a case they handled — they own it, or are
  named as its prosecutor — or, when the setting `recuse_same_department` is on, one of their own department;
- a 培训员 practises and reads every case, but changes none;
- only a 管理员 manages accounts, checklist templates, calendars and grading schemes, and assigns case owners.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import Session

from db.models import AccountSetting, CaseRecord
from desktop_app.core.i18n import tr
from desktop_app.services.actors import PERMISSIONS, ROLES, Actor
from desktop_app.services.errors import PermissionDenied

#: Security settings of a database and their defaults (an administrator changes them with `casecheck user settings`).
SETTINGS: dict[str, Any] = {"max_failed_logins": 5, "lockout_minutes": 15, "recuse_same_department": True}

#: The rule of the single-user mode that stands for each action.
_LEGACY: dict[str, str] = {
    "case.create": "case.write", "case.edit": "case.write", "case.archive": "case.archive",
    "inspection.self": "inspection.answer", "inspection.department": "inspection.answer",
    "inspection.review": "inspection.answer", "rectification.edit": "inspection.answer",
    "grade.override": "grade.override", "template.edit": "template.edit",
}

#: Actions only an administrator takes.
ADMIN_ONLY = frozenset({"user.manage", "template.edit", "calendar.edit", "grading.edit", "case.assign",
                        "settings.edit"})

#: Every action `check` knows, for the permission matrix in the tests and the documentation.
ACTIONS = ("case.read", "case.create", "case.edit", "case.archive", "case.assign", "inspection.self",
           "inspection.department", "inspection.review", "grade.override", "rectification.edit", "template.edit",
           "calendar.edit", "grading.edit", "user.manage", "settings.edit", "training.practise")


def setting(session: Session, key: str) -> Any:
    stored = session.get(AccountSetting, key)
    return stored.value.get("value", SETTINGS[key]) if stored is not None else SETTINGS[key]


def check(actor: Actor, action: str, case: CaseRecord | None = None, session: Session | None = None) -> None:
    """Raise PermissionDenied, saying why, unless `actor` may take `action` (on `case`, where it concerns one)."""
    reason = refusal(actor, action, case, session)
    if reason is not None:
        raise PermissionDenied(tr(reason[0], reason[1]))


def allowed(actor: Actor, action: str, case: CaseRecord | None = None, session: Session | None = None) -> bool:
    return refusal(actor, action, case, session) is None


def refusal(actor: Actor, action: str, case: CaseRecord | None = None,
            session: Session | None = None) -> tuple[str, str] | None:
    """(Chinese, English) reason for refusing, or None when the action is allowed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    role = ROLES.get(actor.role, actor.role or "未登录")
    if not actor.account:
        legacy = _LEGACY.get(action)
        if legacy is None or actor.role in PERMISSIONS[legacy]:
            return None
        return f"当前用户（{role}）无权执行此操作", f"role {actor.role!r} may not do {action!r}"
    if not actor.role:
        return "请先登录", "log in first"
    denied = f"{role}无权执行此操作（{action}）", f"role {actor.role!r} may not do {action!r}"
    if action == "training.practise" or actor.role == "admin" and action not in {
            "inspection.self", "inspection.department", "inspection.review", "grade.override"}:
        return None
    if action in ADMIN_ONLY:
        return denied
    if action == "case.read":
        return None if case is None or _sees(actor, case) else (
            "无权查看该案件（不是本人或本部门的案件）", "this case is neither yours nor your department's")
    if action == "case.create":
        return None if actor.role in {"prosecutor", "department_head", "reviewer", "admin"} else denied
    if case is None:
        raise ValueError(f"{action} needs a case")
    if action in {"case.edit", "case.archive"}:
        return None if _edits(actor, case) else ("只能修改本人（部门负责人：本部门）的案件",
                                                 "you may edit only your own (or your department's) cases")
    if action == "rectification.edit":
        return None if _edits(actor, case) or (actor.role == "reviewer" and _recusal(actor, case, session) is None) \
            else denied
    if action == "inspection.self":
        return None if case.owner_id == actor.id and actor.role != "trainer" else (
            "只能对本人承办的案件进行自查", "自查 is for the case's own prosecutor")
    if action == "inspection.department":
        return None if actor.role == "department_head" and _same_department(actor, case) else (
            "部门核查只能由本部门的部门负责人进行", "部门核查 is for a head of the case's department")
    # 评查 and grade overrides
    if actor.role != "reviewer":
        return denied
    return _recusal(actor, case, session)


def default_kind(actor: Actor) -> str:
    """The inspection an account opens a case with: its own part (评查, 部门核查, else 自查)."""
    if not actor.account:
        return "self"
    return {"reviewer": "review", "department_head": "department"}.get(actor.role, "self")


def visible_clause(actor: Actor) -> ColumnElement[bool] | None:
    """The SQL condition on cases an actor may see; None for all."""
    if not actor.account or actor.role in {"reviewer", "admin", "trainer"}:
        return None
    if actor.role == "department_head" and actor.department:
        return or_(CaseRecord.department == actor.department, CaseRecord.owner_id == actor.id)
    if actor.role in {"prosecutor", "department_head"}:
        return CaseRecord.owner_id == actor.id
    return false()


def visible(actor: Actor, stmt: Any) -> Any:
    """`stmt` (a select over cases) restricted to what `actor` sees."""
    clause = visible_clause(actor)
    return stmt if clause is None else stmt.where(clause)


def visible_ids(session: Session, actor: Actor, ids: list[int]) -> set[int]:
    return set(session.scalars(visible(actor, select(CaseRecord.id).where(CaseRecord.id.in_(ids)))))


def _sees(actor: Actor, case: CaseRecord) -> bool:
    return actor.role in {"reviewer", "admin", "trainer"} or _edits(actor, case)


def _edits(actor: Actor, case: CaseRecord) -> bool:
    if actor.role == "trainer" or actor.role == "reviewer":
        return False
    return case.owner_id == actor.id or actor.role == "department_head" and _same_department(actor, case)


def _same_department(actor: Actor, case: CaseRecord) -> bool:
    return bool(actor.department) and case.department == actor.department


def _recusal(actor: Actor, case: CaseRecord, session: Session | None) -> tuple[str, str] | None:
    """回避: a reviewer does not review a case they handled, nor (when the setting asks) one of their department."""
    if case.owner_id == actor.id or case.prosecutor == actor.display_name:
        return "回避：不能评查本人承办的案件", "recusal: you handled this case"
    if _same_department(actor, case) and (session is None or setting(session, "recuse_same_department")):
        return "回避：按设置不能评查本部门的案件", "recusal: the setting excludes cases of your own department"
    return None
