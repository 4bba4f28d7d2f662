"""Practice results, saved per trainee with the outcome of every checklist item, so a 培训员 sees a class.

A trainee is their account where the database has accounts; on a database without accounts everybody acts as the
local user, so the name in their profile (本人信息) at the time of practice tells trainees apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db.engine import Database
from db.models import TrainingItemOutcome, TrainingResult, User
from desktop_app.core.practice import PracticeResult
from desktop_app.services import permissions
from desktop_app.services.actors import Actor
from desktop_app.services.uow import UnitOfWork


@dataclass(frozen=True)
class TrainingRow:
    login: str
    trainee: str
    sample: str
    score: float
    #: Items scored, agreed with the key, problems missed and false alarms.
    scored: int
    agreed: int
    missed: int
    false_alarms: int
    at: dt.datetime


@dataclass(frozen=True)
class TraineeSummary:
    trainee: str
    login: str
    runs: int
    average_score: float
    best_score: float
    last_at: dt.datetime


@dataclass(frozen=True)
class MissedItem:
    item_id: str
    question: str
    #: Runs in which the key expected 不符合 and the trainee did not say so, of the runs that scored this item.
    missed: int
    false_alarms: int
    runs: int
    trainees: int


@dataclass(frozen=True)
class ClassReport:
    rows: list[TrainingRow]
    trainees: list[TraineeSummary]
    most_missed: list[MissedItem]


def save_result(database: Database, actor: Actor, sample: str, result: PracticeResult) -> None:
    """Keep one practice run of the acting trainee (any role may practise), every item's outcome with it."""
    permissions.check(actor, "training.practise")
    if not actor.id:
        return
    with UnitOfWork(database) as uow:
        row = TrainingResult(user_id=actor.id, trainee=actor.display_name[:64], sample=sample[:128],
                             score=float(result.score),
                             found=sum(1 for o in result.items if o.expected == "fail" and o.agreed),
                             missed=len(result.missed), wrong=len(result.false_alarms),
                             scored=len(result.items), agreed=len(result.agreed))
        row.items = [TrainingItemOutcome(item_id=o.item_id[:64], question=o.question[:500], expected=o.expected,
                                         answer=o.answer, outcome=o.outcome) for o in result.items]
        uow.session.add(row)
        uow.commit()


@dataclass
class _ItemTally:
    question: str
    missed: int = 0
    false_alarms: int = 0
    runs: int = 0
    trainees: set[str] = field(default_factory=set)


def class_report(database: Database, actor: Actor, sample: str | None = None) -> ClassReport:
    """Runs newest first, a line per trainee and the items most often missed. A 培训员, 管理员 or anybody on a
    database without accounts sees everybody's; others only their own."""
    with database.sessions() as session:
        stmt = select(TrainingResult, User).join(User, User.id == TrainingResult.user_id) \
            .options(selectinload(TrainingResult.items)) \
            .order_by(TrainingResult.at.desc(), TrainingResult.id.desc())
        if actor.account and actor.role not in {"trainer", "admin"}:
            stmt = stmt.where(TrainingResult.user_id == actor.id)
        if sample:
            stmt = stmt.where(TrainingResult.sample == sample)
        runs = [(result, user, list(result.items)) for result, user in session.execute(stmt)]
    rows: list[TrainingRow] = []
    per_trainee: dict[str, list[TrainingRow]] = defaultdict(list)
    tallies: dict[str, _ItemTally] = {}
    for result, user, outcomes in runs:
        account = user.password_hash is not None
        row = TrainingRow(user.login if account else "", result.trainee or user.display_name, result.sample,
                          result.score, result.scored, result.agreed, result.missed, result.wrong, result.at)
        rows.append(row)
        who = f"@{user.login}" if account else row.trainee  # an account, else the profile name
        per_trainee[who].append(row)
        for outcome in outcomes:
            tally = tallies.setdefault(outcome.item_id, _ItemTally(outcome.question))
            tally.runs += 1
            if outcome.outcome == "missed":
                tally.missed += 1
                tally.trainees.add(who)
            elif outcome.outcome == "false_alarm":
                tally.false_alarms += 1
                tally.trainees.add(who)
    trainees = [TraineeSummary(group[0].trainee, group[0].login, len(group), sum(r.score for r in group) / len(group),
                               max(r.score for r in group), max(r.at for r in group))
                for group in per_trainee.values()]
    trainees.sort(key=lambda t: (t.average_score, t.trainee))
    missed = [MissedItem(item_id, t.question, t.missed, t.false_alarms, t.runs, len(t.trainees))
              for item_id, t in tallies.items() if t.missed or t.false_alarms]
    missed.sort(key=lambda m: (-m.missed, -m.false_alarms, m.item_id))
    return ClassReport(rows, trainees, missed)
