"""Filling a database with demo cases, each with a 自查 already under way, for trying the program and teaching."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop_app.core.checklists import item_states
from desktop_app.core.demo import demo_answers, generate_cases
from desktop_app.services.container import Services


def fill_demo(services: Services, count: int, *, seed: int = 1, today: dt.date | None = None,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Generate `count` cases (deterministic for a seed and day) with plausible answers, imported in one transaction."""
    templates = services.context.templates
    cases = list(generate_cases(count, seed=seed, today=today))
    for case in cases:
        template = templates.get(case.case_type)
        if template is not None:
            applicable = [s.item.id for s in item_states(template, case, {}) if s.applicable]
            case.answers = demo_answers(case, applicable, seed)
    return services.cases.import_cases(services.actor, cases, source="demo", progress=progress)
