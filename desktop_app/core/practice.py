"""Practice on a sample case: the trainee ticks the problems they see, and the answer key tells them how they did.

`training.compare_with_key` judges the program's evaluation; this judges a person. A trainee learns as much from
a problem they saw where there is none as from one they missed, so a wrong tick costs as much as a miss: the score
is the problems found divided by the problems expected plus the wrong ticks. The choices offered are every rule
that can apply to the case's type and an overdue problem for each statutory period the case runs, so the list
itself gives nothing away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.core.case import Case
from desktop_app.core.results import SEVERITY_ORDER, Deadline
from desktop_app.core.rules import RuleBook
from desktop_app.core.training import AnswerKey

#: How each ticked or expected problem turned out, as the trainee reads it.
OUTCOMES: dict[str, str] = {"found": "已发现", "missed": "遗漏", "wrong": "误选"}
#: An overdue period is a `major` flag under the period's own id (see `deadlines.overdue_flags`).
OVERDUE_SEVERITY = "major"


@dataclass(frozen=True)
class PracticeChoice:
    """One problem a trainee may tick."""

    rule: str
    title: str
    severity: str
    legal_basis: str
    verified: bool


@dataclass(frozen=True)
class PracticeLine:
    rule: str
    #: "found", "missed" or "wrong" (see OUTCOMES).
    outcome: str
    #: The key's explanation for this rule; empty when the key gives none.
    explanation: str

    @property
    def outcome_label(self) -> str:
        return OUTCOMES[self.outcome]


@dataclass(frozen=True)
class PracticeResult:
    case_no: str
    found: tuple[str, ...]
    missed: tuple[str, ...]
    wrong: tuple[str, ...]
    #: 0–100: found ÷ (expected + wrongly ticked) × 100, rounded half up; 100 when nothing was expected or ticked.
    score: int
    #: Found, then missed, then wrongly ticked problems, each with the key's explanation.
    lines: tuple[PracticeLine, ...]
    #: The key's other explanations (e.g. why a period was met), as (rule, text), in the key's order.
    notes: tuple[tuple[str, str], ...]

    @property
    def perfect(self) -> bool:
        return self.score == 100


def practice_choices(case: Case, rulebook: RuleBook, deadlines: Iterable[Deadline]) -> list[PracticeChoice]:
    """The rules that apply to the case's type and an overdue problem per period the case has, gravest first."""
    choices = [PracticeChoice(r.id, r.title, r.severity, r.legal_basis, r.verified)
               for r in rulebook.rules if r.applies_to(case.case_type)]
    known = {choice.rule for choice in choices}
    for deadline in deadlines:
        if deadline.rule not in known:
            known.add(deadline.rule)
            choices.append(PracticeChoice(deadline.rule, f"{deadline.name}超期", OVERDUE_SEVERITY,
                                          deadline.legal_basis, deadline.verified))
    return sorted(choices, key=lambda c: SEVERITY_ORDER.get(c.severity, len(SEVERITY_ORDER)))


def grade_practice(key: AnswerKey, ticked: set[str]) -> PracticeResult:
    """Compare the trainee's ticks with the key's `expected_flags`."""
    expected = set(key.expected_flags)
    found = tuple(rule for rule in key.expected_flags if rule in ticked)
    missed = tuple(rule for rule in key.expected_flags if rule not in ticked)
    wrong = tuple(sorted(ticked - expected))
    asked = len(expected) + len(wrong)
    score = int(100 * len(found) / asked + 0.5) if asked else 100
    lines = tuple(PracticeLine(rule, outcome, key.explanations.get(rule, ""))
                  for outcome, rules in (("found", found), ("missed", missed), ("wrong", wrong)) for rule in rules)
    shown = expected | ticked
    notes = tuple((rule, text) for rule, text in key.explanations.items() if rule not in shown)
    return PracticeResult(key.case_no, found, missed, wrong, score, lines, notes)
