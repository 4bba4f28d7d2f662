"""Practice on the real walk: a trainee's answers against the key's expected answer per checklist item."""

from __future__ import annotations

import datetime as dt

from desktop_app.core.checklist_model import ChecklistItem, ItemState
from desktop_app.core.practice import compare_walk
from desktop_app.core.training import AnswerKey, ItemKey

BASIS = "《中华人民共和国刑事诉讼法》第91条第3款"


def _item(item_id: str, basis: str = BASIS) -> ChecklistItem:
    return ChecklistItem(id=item_id, question=f"问题 {item_id}", guidance="", legal_basis=basis, verified=True,
                         heading="办案程序", severity="一般错误", deduction=2.0)


def _key(items: dict[str, ItemKey]) -> AnswerKey:
    return AnswerKey("京朝检刑批捕〔2026〕37号", dt.date(2026, 3, 20), (), {}, {}, items=items)


# The known answer set: ten keyed items of which one does not apply to the case.
KEY = _key({
    "A1": ItemKey("pass"), "A2": ItemKey("pass"), "A3": ItemKey("fail", "未在七日内作出决定"),
    "A4": ItemKey("fail", "未告知诉讼权利"), "A5": ItemKey("fail", "证据未经核实"), "A6": ItemKey("pass"),
    "A7": ItemKey("na"), "A8": ItemKey("pass", "已依法告知", BASIS), "A9": ItemKey("fail", "缺少笔录"),
    "A10": ItemKey("pass"),
})
#: The trainee's walk (A10 is not applicable to the case, A11 is not in the key).
ANSWERS = {"A1": "pass", "A2": "pass", "A3": "fail", "A4": "pass", "A5": None, "A6": "fail", "A7": "pass",
           "A8": "fail", "A9": "unsure", "A10": None, "A11": "fail"}


def _states() -> list[ItemState]:
    return [ItemState(_item(i), applicable=i != "A10", value=v) for i, v in ANSWERS.items()]


def test_known_answer_set_gives_the_hand_computed_agreement_and_score() -> None:
    result = compare_walk(KEY, _states())
    # Scored: A1–A9 (A10 does not apply, A11 has no key). Agreed: A1, A2, A3 = 3 of 9 → 33.3 → 33.
    assert [o.item_id for o in result.items] == [f"A{n}" for n in range(1, 10)]
    assert [o.item_id for o in result.agreed] == ["A1", "A2", "A3"]
    # Missed: key 不符合 answered 符合 (A4), unanswered (A5) or 待核实 (A9).
    assert [o.item_id for o in result.missed] == ["A4", "A5", "A9"]
    # False alarms: 不符合 where the key says 符合.
    assert [o.item_id for o in result.false_alarms] == ["A6", "A8"]
    # A7: key 不适用, trainee 符合 — a disagreement that is neither.
    assert [o.item_id for o in result.disagreements] == ["A4", "A5", "A6", "A7", "A8", "A9"]
    assert result.score == 33
    assert result.not_scored == ("A10",)


def test_a_disagreement_carries_the_explanation_and_the_article_text() -> None:
    result = compare_walk(KEY, _states())
    a4 = next(o for o in result.items if o.item_id == "A4")
    assert a4.explanation == "未告知诉讼权利" and a4.answer_label == "符合"
    assert a4.articles and "第九十一条" in a4.articles[0].heading
    assert "三日以内" in a4.articles[0].body or "七日" in a4.articles[0].body
    agreed = next(o for o in result.items if o.item_id == "A1")
    assert agreed.articles == ()


def test_answering_every_item_as_the_key_scores_100_and_nothing_keyed_scores_100() -> None:
    states = [ItemState(_item(i), True, k.expected) for i, k in KEY.items.items()]
    assert compare_walk(KEY, states).score == 100
    assert compare_walk(_key({}), states).score == 100
    assert compare_walk(_key({}), states).items == ()


def test_score_rounds_half_up() -> None:
    key = _key({"B1": ItemKey("pass"), "B2": ItemKey("fail", "x"), "B3": ItemKey("pass"), "B4": ItemKey("pass"),
                "B5": ItemKey("pass"), "B6": ItemKey("pass"), "B7": ItemKey("pass"), "B8": ItemKey("pass")})
    states = [ItemState(_item(i), True, "pass") for i in key.items]
    # 7 of 8 → 87.5 → 88.
    assert compare_walk(key, states).score == 88
