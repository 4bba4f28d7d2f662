"""Practice results, saved per account so each person (and a 培训员) can see how their practice went."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from db.engine import Database
from db.models import TrainingResult, User
from desktop_app.core.practice import PracticeResult
from desktop_app.services import permissions
from desktop_app.services.actors import Actor
from desktop_app.services.uow import UnitOfWork


@dataclass(frozen=True)
class TrainingRow:
    login: str
    real_name: str
    sample: str
    score: float
    found: int
    missed: int
    wrong: int
    at: dt.datetime


def save_result(database: Database, actor: Actor, result: PracticeResult) -> None:
    """Keep one practice run of the acting account (any role may practise)."""
    permissions.check(actor, "training.practise")
    if not actor.id:
        return
    with UnitOfWork(database) as uow:
        uow.session.add(TrainingResult(user_id=actor.id, sample=result.case_no[:128], score=float(result.score),
                                       found=len(result.found), missed=len(result.missed), wrong=len(result.wrong)))
        uow.commit()


def results(database: Database, actor: Actor) -> list[TrainingRow]:
    """One's own results; a 培训员, 管理员 or a database without accounts sees everybody's."""
    with database.sessions() as session:
        stmt = select(TrainingResult, User).join(User, User.id == TrainingResult.user_id) \
            .order_by(TrainingResult.at.desc(), TrainingResult.id.desc())
        if actor.account and actor.role not in {"trainer", "admin"}:
            stmt = stmt.where(TrainingResult.user_id == actor.id)
        return [TrainingRow(u.login, u.display_name, r.sample, r.score, r.found, r.missed, r.wrong, r.at)
                for r, u in session.execute(stmt)]
