"""Filling a database with demo cases, each with a 自查 already under way, for trying the program and teaching."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop_app.core.case import Case
from desktop_app.core.checklists import item_states
from desktop_app.core.demo import demo_answers, generate_cases
from desktop_app.services.container import Services

DEMO_CHUNK = 2000


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
