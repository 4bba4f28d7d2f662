"""Workstation choices that change how cases are judged: the holiday calendar and the grading scheme.

Changing either re-derives every case's periods and flags, because the deadline board and reports read them.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.calendar import HolidayCalendar, load_calendar
from desktop_app.core.scoring import load_grading_scheme
from desktop_app.paths import user_calendar_file
from desktop_app.services import audit, permissions
from desktop_app.services.container import Services
from desktop_app.services.uow import UnitOfWork

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


def install_calendar(services: Services, source: Path) -> HolidayCalendar:
    """Validate a `casecheck.calendar/1` file (DataFileError names file, line and field) and make it the calendar
    of this workstation. The database is not touched here; call `rederive_all` afterwards."""
    permissions.check(services.actor, "calendar.edit")
    calendar = load_calendar(source)
    target = user_calendar_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".part")
    shutil.copyfile(source, temp)
    os.replace(temp, target)
    services.derived.replace_context(dataclasses.replace(services.context, calendar=calendar))
    _record(services, "calendar.install", str(source), {"years": calendar.years})
    return calendar


def reset_calendar(services: Services) -> HolidayCalendar:
    """Go back to the shipped calendar."""
    permissions.check(services.actor, "calendar.edit")
    user_calendar_file().unlink(missing_ok=True)
    calendar = load_calendar()
    services.derived.replace_context(dataclasses.replace(services.context, calendar=calendar))
    _record(services, "calendar.reset", "shipped", {"years": calendar.years})
    return calendar


def choose_grading(services: Services, name: str, *, restoring: bool = False) -> str:
    """Use another grading scheme (e.g. "2026") from now on; returns its title. `restoring` re-applies the choice
    this workstation already made (at start-up, before anyone logs in), which needs no permission."""
    if not restoring:
        permissions.check(services.actor, "grading.edit")
    scheme = load_grading_scheme(name)
    services.derived.replace_context(dataclasses.replace(services.context, scheme=scheme))
    return scheme.title


def rederive_all(services: Services, progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> int:
    """Recompute the stored periods and flags of every case, a batch per transaction (safe to cancel between)."""
    from desktop_app.services.cases import CaseQuery

    ids = services.cases.list_ids(CaseQuery())
    done = 0
    for start in range(0, len(ids), 500):
        if cancelled and cancelled():
            break
        done += services.cases.rederive(ids[start:start + 500])
        if progress:
            progress(done, len(ids))
    return done


def _record(services: Services, action: str, key: str, detail: dict[str, object]) -> None:
    with UnitOfWork(services.database) as uow:
        audit.record(uow.session, services.actor, action, "settings", key, detail)
        uow.commit()
