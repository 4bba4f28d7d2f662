"""Practice on a sample case: the trainee walks the sample's checklist as at work, and the key says how it went.

`training.compare_with_key` judges the program's evaluation; this judges a person's walk. The key gives the
expected answer of each checklist item it covers (符合 / 不符合 / 不适用); every such item the case makes applicable
is scored, one point for the same answer. A problem the key expects and the trainee did not call (answered 符合,
待核实 or left unanswered) is *missed*; a 不符合 where the key expects 符合 is a *false alarm*. For each
disagreement the trainee reads the key's explanation and the text of the articles it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.case import ANSWER_VALUES
from desktop_app.core.checklist_model import ItemState
from desktop_app.core.laws import Excerpt, article_excerpts
from desktop_app.core.training import AnswerKey

#: How each scored item turned out, as the trainee reads it.
OUTCOMES: dict[str, str] = {"agreed": "一致", "missed": "遗漏问题", "false_alarm": "误报问题", "differs": "判断不同"}


@dataclass(frozen=True)
class ItemOutcome:
    item_id: str
    question: str
    expected: str
    #: The trainee's answer (`pass`, `fail`, `na`, `unsure`) or None when left unanswered.
    answer: str | None
    #: "agreed", "missed", "false_alarm" or "differs" (see OUTCOMES).
    outcome: str
    explanation: str
    basis: str
    #: The texts of the articles `basis` cites that the statute library holds (only for disagreements).
    articles: tuple[Excerpt, ...] = ()

    @property
    def agreed(self) -> bool:
        return self.outcome == "agreed"

    @property
    def outcome_label(self) -> str:
        return OUTCOMES[self.outcome]

    @property
    def answer_label(self) -> str:
        return ANSWER_VALUES[self.answer] if self.answer else "未答"


@dataclass(frozen=True)
class PracticeResult:
    case_no: str
    #: Every scored item in checklist order.
    items: tuple[ItemOutcome, ...]
    #: 0–100: agreed ÷ scored × 100, rounded half up; 100 when the key scores no item of this case.
    score: int
    #: Key items the case does not make applicable (not scored: the walk offers no answer for them).
    not_scored: tuple[str, ...] = ()

    @property
    def agreed(self) -> tuple[ItemOutcome, ...]:
        return tuple(i for i in self.items if i.outcome == "agreed")

    @property
    def missed(self) -> tuple[ItemOutcome, ...]:
        return tuple(i for i in self.items if i.outcome == "missed")

    @property
    def false_alarms(self) -> tuple[ItemOutcome, ...]:
        return tuple(i for i in self.items if i.outcome == "false_alarm")

    @property
    def disagreements(self) -> tuple[ItemOutcome, ...]:
        return tuple(i for i in self.items if not i.agreed)

    @property
    def perfect(self) -> bool:
        return self.score == 100


def outcome_of(expected: str, answer: str | None) -> str:
    if answer == expected:
        return "agreed"
    if expected == "fail" and answer in (None, "pass", "unsure"):
        return "missed"
    if expected == "pass" and answer == "fail":
        return "false_alarm"
    return "differs"


def compare_walk(key: AnswerKey, states: Sequence[ItemState]) -> PracticeResult:
    """Score a trainee's walk (the item states as the walk shows them) against the key's expected answers."""
    by_id = {state.item.id: state for state in states}
    outcomes: list[ItemOutcome] = []
    for state in states:
        item_key = key.items.get(state.item.id)
        if item_key is None or not state.applicable:
            continue
        outcome = outcome_of(item_key.expected, state.value)
        basis = item_key.basis or state.item.legal_basis
        articles = () if outcome == "agreed" else tuple(article_excerpts(basis))
        outcomes.append(ItemOutcome(state.item.id, state.item.question, item_key.expected, state.value, outcome,
                                    item_key.explanation, basis, articles))
    agreed = sum(o.agreed for o in outcomes)
    score = int(100 * agreed / len(outcomes) + 0.5) if outcomes else 100
    not_scored = tuple(i for i in key.items if i not in by_id or not by_id[i].applicable)
    return PracticeResult(key.case_no, tuple(outcomes), score, not_scored)
