"""The services of one opened database, built once at start-up and handed to the GUI or the CLI.

Nothing reaches for a global: a window gets this object in its constructor and passes on what a part needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from db.engine import Database, PasswordPrompt, open_database, read_only_file, sqlite_path
from db.models import User
from desktop_app.core.evaluation import EvaluationContext
from desktop_app.paths import user_calendar_file
from desktop_app.services.accounts import has_accounts
from desktop_app.services.actors import LOCAL_LOGIN, NOBODY, Actor, actor_of, local_actor
from desktop_app.services.cases import CaseService
from desktop_app.services.derived import DerivedData
from desktop_app.services.figures import FigureService
from desktop_app.services.inspections import InspectionService
from desktop_app.services.rectifications import RectificationService
from desktop_app.services.templates import TemplateService
from desktop_app.services.uow import UnitOfWork


@dataclass
class Services:
    database: Database
    actor: Actor
    derived: DerivedData
    cases: CaseService
    templates: TemplateService
    inspections: InspectionService
    rectifications: RectificationService
    figures: FigureService

    @property
    def accounts(self) -> bool:
        """Whether this database has accounts, so that someone must log in (`accounts.login`) before acting."""
        return self.actor.account

    @property
    def context(self) -> EvaluationContext:
        return self.derived.context

    def close(self) -> None:
        self.database.dispose()


def open_services(target: str, *, calendar_path: Path | None = None, grading: str = "2017",
                  today: Callable[[], dt.date] = dt.date.today, ask_password: PasswordPrompt | None = None) -> Services:
    """Open and migrate the database, make sure the local user exists, and wire the services together.

    On a database with accounts nobody acts until `services.actor` is set to a logged-in account."""
    if calendar_path is None and user_calendar_file().exists():
        calendar_path = user_calendar_file()
    database = open_database(target, ask_password=ask_password)
    actor = _startup_actor(database)
    context = EvaluationContext.load(calendar_path=calendar_path, grading=grading)
    derived = DerivedData(lambda: context, today)
    templates = TemplateService(database, context.templates)
    templates.sync_builtin()
    inspections = InspectionService(database, templates, on_case_changed=derived.refresh_case)
    cases = CaseService(database, derived, answer_importer=inspections.import_answers,
                        known_items=lambda case_type: {item.id for item in templates.current(case_type)[1].items})
    figures = FigureService(database, cases)
    path = sqlite_path(database.url)
    if path is None or not read_only_file(path):  # an archive copy keeps its figures; days left are derived anyway
        figures.bring_up_to_date()
    services = Services(database=database, actor=actor, derived=derived, cases=cases, templates=templates,
                        inspections=inspections, rectifications=RectificationService(database), figures=figures)
    cases.viewer = services.rectifications.viewer = lambda: services.actor
    return services


def _startup_actor(database: Database) -> Actor:
    """Nobody until someone logs in where accounts exist, else the local user; read without a write when it
    exists, so read-only commands work on a read-only copy."""
    with database.sessions() as session:
        if has_accounts(session):
            return NOBODY
        user = session.scalar(select(User).where(User.login == LOCAL_LOGIN))
        if user is not None:
            return actor_of(user)
    with UnitOfWork(database) as uow:
        actor = local_actor(uow.session)
        uow.commit()
    return actor
