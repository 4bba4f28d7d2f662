"""Practice on a sample case: a trainee's ticks scored against the answer key, and the problems offered to tick."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.core.calendar import load_calendar
from desktop_app.core.case_format import load_case_file
from desktop_app.core.deadlines import compute_deadlines
from desktop_app.core.practice import grade_practice, practice_choices
from desktop_app.core.results import Deadline
from desktop_app.core.rules import load_rulebook
from desktop_app.core.training import AnswerKey, load_answer_key, sample_pairs

KEY = AnswerKey(
    case_no="京朝检刑批捕〔2026〕37号",
    today=dt.date(2026, 3, 20),
    expected_flags=("DEF-PUBLIC-PROSECUTION-BASIS", "DEF-THRESHOLD-NOT-MET"),
    expected_deadline_status={"DL-ARREST-REVIEW": "met"},
    explanations={"DEF-THRESHOLD-NOT-MET": "浏览次数未达五千次。",
                  "DEF-PUBLIC-PROSECUTION-BASIS": "诽谤罪告诉的才处理。",
                  "EVID-ZERO-CONFESSION": "本案有供述，不是零口供。",
                  "DL-ARREST-REVIEW": "七日内作出决定，没有超期。"},
)


def test_ticking_exactly_the_expected_problems_scores_100() -> None:
    result = grade_practice(KEY, {"DEF-THRESHOLD-NOT-MET", "DEF-PUBLIC-PROSECUTION-BASIS"})
    assert result.score == 100 and result.perfect
    assert result.found == KEY.expected_flags
    assert result.missed == () and result.wrong == ()
    assert [(line.rule, line.outcome_label) for line in result.lines] == [
        ("DEF-PUBLIC-PROSECUTION-BASIS", "已发现"), ("DEF-THRESHOLD-NOT-MET", "已发现")]
    assert result.lines[1].explanation == "浏览次数未达五千次。"


def test_a_wrong_tick_costs_as_much_as_a_miss() -> None:
    # one found, one missed, one wrongly ticked: 1 / (2 expected + 1 wrong) = 33
    result = grade_practice(KEY, {"DEF-THRESHOLD-NOT-MET", "EVID-ZERO-CONFESSION"})
    assert result.found == ("DEF-THRESHOLD-NOT-MET",)
    assert result.missed == ("DEF-PUBLIC-PROSECUTION-BASIS",)
    assert result.wrong == ("EVID-ZERO-CONFESSION",)
    assert result.score == 33 and not result.perfect
    assert [(line.outcome, line.explanation) for line in result.lines] == [
        ("found", "浏览次数未达五千次。"), ("missed", "诽谤罪告诉的才处理。"), ("wrong", "本案有供述，不是零口供。")]


def test_explanations_of_problems_neither_expected_nor_ticked_are_kept_as_notes() -> None:
    result = grade_practice(KEY, {"DEF-THRESHOLD-NOT-MET", "DEF-PUBLIC-PROSECUTION-BASIS"})
    assert result.notes == (("EVID-ZERO-CONFESSION", "本案有供述，不是零口供。"),
                            ("DL-ARREST-REVIEW", "七日内作出决定，没有超期。"))
    assert [rule for rule, _text in grade_practice(KEY, {"EVID-ZERO-CONFESSION"}).notes] == ["DL-ARREST-REVIEW"]


@pytest.mark.parametrize(("ticked", "score"), [
    (set(), 0),
    ({"DEF-THRESHOLD-NOT-MET"}, 50),
    ({"DEF-THRESHOLD-NOT-MET", "DEF-PUBLIC-PROSECUTION-BASIS", "A", "B"}, 50),
    ({"DEF-THRESHOLD-NOT-MET", "A", "B", "C", "D", "E", "F"}, 13),  # 1 / 8 = 12.5, rounded half up
])
def test_score_is_found_over_expected_plus_wrong(ticked: set[str], score: int) -> None:
    assert grade_practice(KEY, ticked).score == score


def test_a_case_without_problems_rewards_ticking_nothing() -> None:
    clean = AnswerKey(case_no="X", today=dt.date(2026, 3, 20), expected_flags=(), expected_deadline_status={},
                      explanations={})
    assert grade_practice(clean, set()).score == 100
    assert grade_practice(clean, {"EVID-ZERO-CONFESSION"}).score == 0


def test_choices_are_the_rules_of_the_case_type_and_its_periods_gravest_first() -> None:
    rulebook = load_rulebook()
    case_path, _key_path = next(p for p in sample_pairs() if p[0].name == "criminal.arrest_review.json")
    case = load_case_file(case_path)
    period = Deadline(rule="DL-ARREST-REVIEW", name="审查逮捕期限", start=dt.date(2026, 3, 9),
                      due=dt.date(2026, 3, 16), status="met", days_left=None, legal_basis="《中华人民共和国刑事诉讼法》第91条")
    choices = practice_choices(case, rulebook, [period, period])
    rules = [choice.rule for choice in choices]
    assert len(rules) == len(set(rules))
    assert {r.id for r in rulebook.rules if r.applies_to("criminal.arrest_review")} <= set(rules)
    assert "MLA-PURPOSE-NOT-STATED" not in rules, "a rule of another case type is not offered"
    overdue = next(choice for choice in choices if choice.rule == "DL-ARREST-REVIEW")
    assert (overdue.title, overdue.severity) == ("审查逮捕期限超期", "major")
    order = {"critical": 0, "major": 1, "minor": 2, "info": 3}
    assert [order[c.severity] for c in choices] == sorted(order[c.severity] for c in choices)


def test_every_shipped_key_can_be_answered_perfectly_from_the_choices_offered() -> None:
    rulebook = load_rulebook()
    calendar = load_calendar()
    for case_path, key_path in sample_pairs():
        case, key = load_case_file(case_path), load_answer_key(key_path)
        offered = {c.rule for c in practice_choices(case, rulebook, compute_deadlines(case, key.today, calendar))}
        assert set(key.expected_flags) <= offered, case_path.name
        assert grade_practice(key, set(key.expected_flags)).score == 100
