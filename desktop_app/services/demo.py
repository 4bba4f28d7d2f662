"""Filling a database with demo cases, each with a 自查 already under way, for trying the program and teaching."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop_app.core.case import Case
from desktop_app.core.checklists import item_states
from desktop_app.core.demo import demo_answers, generate_cases
from desktop_app.services.accounts import AccountInfo, add_account, assign_cases_of, login
from desktop_app.services.container import Services

DEMO_CHUNK = 2000

#: The demo accounts `casecheck demo --accounts` adds (the README lists them): login, role, real name, department.
#: The prosecutor and the department head take the name and department of the first demo case, so that they own
#: and see cases. Every demo account has the password DEMO_PASSWORD.
DEMO_PASSWORD = "demo-2026"
DEMO_ACCOUNTS = (
    ("admin", "admin", "演示管理员", "案件管理部"),
    ("jianchaguan", "prosecutor", None, None),
    ("buzhang", "department_head", "演示部门负责人", None),
    ("pingcha", "reviewer", "演示评查员", "案件管理部"),
    ("peixun", "trainer", "演示培训员", "案件管理部"),
)


def fill_demo(services: Services, count: int, *, seed: int = 1, today: dt.date | None = None,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Generate `count` cases (deterministic for a seed and day) with plausible answers.

    Demo data is imported a chunk per transaction, so a benchmark-sized demo never holds all cases in memory.
    """
    templates = services.context.templates
    done = 0
    chunk: list[Case] = []
    for case in generate_cases(count, seed=seed, today=today):
        template = templates.get(case.case_type)
        if template is not None:
            applicable = [s.item.id for s in item_states(template, case, {}) if s.applicable]
            case.answers = demo_answers(case, applicable, seed)
        chunk.append(case)
        if len(chunk) == DEMO_CHUNK or done + len(chunk) == count:
            done += services.cases.import_cases(services.actor, chunk, source="demo")
            chunk = []
            if progress:
                progress(done, count)
    return done


def add_demo_accounts(services: Services) -> list[AccountInfo]:
    """The documented demo accounts; the demo prosecutor owns the demo cases that name them as prosecutor.

    Only on a database without accounts, since the first account must be the administrator who adds the rest."""
    from desktop_app.services.cases import CaseQuery

    ids = services.cases.list_ids(CaseQuery(sort="case_no", descending=False))[:1]
    first = services.cases.get_by_id(ids[0]) if ids else None
    prosecutor = first.prosecutor if first else "演示检察官"
    department = first.department if first else "第一检察部"
    added: list[AccountInfo] = []
    admin = services.actor if services.accounts else None
    for name, role, real_name, where in DEMO_ACCOUNTS:
        added.append(add_account(services.database, admin, name, role, DEMO_PASSWORD,
                                 real_name or prosecutor, department if where is None else where))
        if admin is None:
            admin = login(services.database, name, DEMO_PASSWORD)
    assert admin is not None
    assign_cases_of(services.database, admin, prosecutor, "jianchaguan")
    return added
