"""The demo generator: realistic, reproducible, valid cases that a demo database and the benchmark can rely on."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import pytest

from desktop_app.core.case import ANSWER_VALUES, CASE_TYPES, Case
from desktop_app.core.case_format import case_from_dict, case_to_dict
from desktop_app.core.demo import HISTORY_DAYS, demo_answers, generate_cases
from desktop_app.core.evaluation import EvaluationContext, evaluate_case

TODAY = dt.date(2026, 3, 20)
CASE_NO = re.compile(r"^[\u4e00-\u9fff]{2,4}检[\u4e00-\u9fff]{2,3}〔(\d{4})〕[1-9]\d*号$")


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return list(generate_cases(3000, seed=11, today=TODAY))


@pytest.fixture(scope="module")
def context() -> EvaluationContext:
    return EvaluationContext.load()


def test_same_seed_gives_the_same_cases_and_another_seed_others() -> None:
    first = [case_to_dict(c) for c in generate_cases(300, seed=5, today=TODAY)]
    again = [case_to_dict(c) for c in generate_cases(300, seed=5, today=TODAY)]
    other = [case_to_dict(c) for c in generate_cases(300, seed=6, today=TODAY)]
    assert first == again
    assert [c["case_no"] for c in first] != [c["case_no"] for c in other]


def test_all_nine_case_types_appear_and_most_cases_are_criminal() -> None:
    counts = Counter(c.case_type for c in generate_cases(200, seed=1, today=TODAY))
    assert set(counts) == set(CASE_TYPES)
    criminal = sum(n for case_type, n in counts.items() if case_type.startswith("criminal."))
    assert criminal > 100


def test_twenty_thousand_cases_have_unique_case_numbers_in_the_real_format() -> None:
    numbers = [(c.case_no, c.received_on.year) for c in generate_cases(20_000, seed=3, today=TODAY)]
    assert len(numbers) == 20_000
    assert len({n for n, _ in numbers}) == 20_000
    for case_no, year in numbers[:5000]:
        match = CASE_NO.match(case_no)
        assert match, case_no
        assert int(match.group(1)) == year


def test_case_numbers_use_the_abbreviation_of_the_case_type() -> None:
    seen = {c.case_type: c.case_no for c in generate_cases(400, seed=2, today=TODAY)}
    assert "检刑诉〔" in seen["criminal.prosecution_review"]
    assert "检刑批捕〔" in seen["criminal.arrest_review"]
    assert "检民监〔" in seen["civil.judgment_supervision"]
    assert "检行监〔" in seen["administrative.litigation_supervision"]


def test_names_are_anonymised_and_fields_are_filled(cases: list[Case]) -> None:
    for case in cases:
        assert "某" in case.title and "某" in case.prosecutor
        assert case.department.startswith("第") and case.department.endswith("检察部")
        assert case.evidence, case.case_no
        assert [e.id for e in case.evidence] == [f"E{i}" for i in range(1, len(case.evidence) + 1)]
        if case.is_criminal:
            assert case.charges and all(charge.endswith("罪") for charge in case.charges)
            assert case.possible_sentence and case.investigated_by


def test_every_case_survives_the_interchange_format(cases: list[Case]) -> None:
    for case in cases:
        data = case_to_dict(case)
        text = json.dumps(data, ensure_ascii=False)
        assert case_to_dict(case_from_dict(json.loads(text), case.case_no)) == data


def test_dates_are_in_a_realistic_order(cases: list[Case]) -> None:
    for case in cases:
        assert TODAY - dt.timedelta(days=HISTORY_DAYS) <= case.received_on <= TODAY
        if case.closed_on is not None:
            assert case.received_on <= case.closed_on <= TODAY
        days = [e.date for e in case.events]
        assert days == sorted(days) and all(d <= TODAY for d in days), case.case_no
        assert all(e.collected_on is None or e.collected_on <= TODAY for e in case.evidence)
        kinds = [e.kind for e in case.events]
        for kind in ("arrest_decided", "prosecution_decided", "non_prosecution_decided", "opinion_referred"):
            if case.case_type != "criminal.prosecution_review" or kind != "arrest_decided":
                assert all(e.date >= case.received_on for e in case.events if e.kind == kind), case.case_no
        rounds = [k for k in kinds if k in ("returned_for_investigation", "resubmitted")]
        assert rounds[::2] == ["returned_for_investigation"] * len(rounds[::2])
        assert rounds[1::2] == ["resubmitted"] * len(rounds[1::2])
        if case.case_type == "civil.enforcement_termination":
            filed, ruled = case.first_event("execution_filed"), case.first_event("termination_ruled")
            assert filed and ruled and filed.date < ruled.date < case.received_on
            assert all(e.date > ruled.date for e in case.events_of("property_queried"))


def test_some_cases_are_still_open_and_open_clean_periods_are_running(cases: list[Case]) -> None:
    open_cases = [c for c in cases if c.closed_on is None]
    assert 0 < len(open_cases) < len(cases) / 4
    decided = {"arrest_decided", "prosecution_decided", "non_prosecution_decided"}
    assert any(c.is_criminal and not decided & {e.kind for e in c.events} for c in open_cases)


def test_about_a_quarter_of_cases_carry_a_flag_of_many_kinds(cases: list[Case], context: EvaluationContext) -> None:
    flagged = Counter()
    rules: set[str] = set()
    for case in cases[:2000]:
        evaluation = evaluate_case(case, TODAY, context)
        if evaluation.flags:
            flagged[case.case_type] += 1
            rules.update(f.rule for f in evaluation.flags)
    share = sum(flagged.values()) / 2000
    assert 0.15 < share < 0.35
    assert len(flagged) >= 8
    assert {"EVID-EDATA-NO-HASH", "EVID-ZERO-CONFESSION", "ENF-PROPERTY-QUERY-MISSED", "DMG-CLAIM-EXCEEDS-CAP",
            "DL-PROSECUTION-REVIEW", "REF-NO-PROCURATORIAL-OPINION"} <= rules


def test_a_generator_builds_cases_lazily() -> None:
    cases = generate_cases(100_000, seed=0, today=TODAY)
    assert isinstance(next(cases), Case)
    assert list(generate_cases(0, today=TODAY)) == []


def test_demo_answers_are_plausible_and_reproducible(cases: list[Case]) -> None:
    items = [f"item-{n}" for n in range(40)]
    closed = [c for c in cases if c.closed_on is not None][:50]
    values: Counter[str] = Counter()
    for case in closed:
        answers = demo_answers(case, items, seed=1)
        assert answers == demo_answers(case, items, seed=1)
        assert list(answers) == items
        for answer in answers.values():
            assert answer.value in ANSWER_VALUES
            if answer.value in ("fail", "unsure"):
                assert answer.note
            values[answer.value] += 1
    assert values["pass"] > 0.7 * sum(values.values())
    assert values["fail"] and values["na"] and values["unsure"]
    still_open = next(c for c in cases if c.closed_on is None)
    partial = demo_answers(still_open, items, seed=1)
    assert 0 < len(partial) < len(items) and list(partial) == items[: len(partial)]
