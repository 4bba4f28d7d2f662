"""The shipped sample cases: one per case type, valid, and judged by the program exactly as their answer keys say."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop_app.core.case import CASE_TYPES
from desktop_app.core.case_format import case_to_dict, load_case_file
from desktop_app.core.datafile import resources_dir
from desktop_app.core.deadlines import shipped_periods
from desktop_app.core.evaluation import EvaluationContext, evaluate_case
from desktop_app.core.training import compare_with_key, load_answer_key, sample_pairs

PAIRS = sample_pairs()


@pytest.fixture(scope="module")
def context() -> EvaluationContext:
    return EvaluationContext.load()


def test_there_is_one_sample_with_a_key_for_every_case_type() -> None:
    assert sorted(case.name.removesuffix(".json") for case, _ in PAIRS) == sorted(CASE_TYPES)
    assert len(list((resources_dir() / "samples").glob("*.json"))) == 2 * len(CASE_TYPES)


@pytest.mark.parametrize(("case_path", "key_path"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_sample_loads_and_is_written_the_way_the_program_writes_it(case_path: Path, key_path: Path) -> None:
    case = load_case_file(case_path)
    text = case_path.read_text(encoding="utf-8")
    assert case.case_type == case_path.name.removesuffix(".json")
    assert case_to_dict(case) == json.loads(text)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert load_answer_key(key_path).case_no == case.case_no


@pytest.mark.parametrize(("case_path", "key_path"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_program_finds_exactly_what_the_key_expects(case_path: Path, key_path: Path,
                                                    context: EvaluationContext) -> None:
    key = load_answer_key(key_path)
    evaluation = evaluate_case(load_case_file(case_path), key.today, context)
    report = compare_with_key(key, evaluation)
    assert report.missed == ()
    assert report.extra == ()
    assert all(check.correct for check in report.deadlines), report.lines
    assert all(check.correct for check in report.computations), report.lines
    assert report.score == 100


@pytest.mark.parametrize(("case_path", "key_path"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_key_explains_every_expected_answer_and_names_the_evidence(case_path: Path, key_path: Path,
                                                                   context: EvaluationContext) -> None:
    key = load_answer_key(key_path)
    periods = shipped_periods().periods
    for rule in (*key.expected_flags, *key.expected_deadline_status, *key.explanations):
        assert context.rulebook.get(rule) or rule in periods, f"unknown rule {rule}"
    for rule in (*key.expected_flags, *key.expected_deadline_status):
        assert re.search(r"[\u4e00-\u9fff]", key.explanations.get(rule, "")), f"{rule} has no explanation"
    evaluation = evaluate_case(load_case_file(case_path), key.today, context)
    for flag in evaluation.flags:
        for evidence_id in flag.evidence_ids:
            assert evidence_id in key.explanations[flag.rule]


def test_samples_teach_the_points_they_were_written_for() -> None:
    by_type = {case.name.removesuffix(".json"): (load_case_file(case), load_answer_key(key)) for case, key in PAIRS}
    review, review_key = by_type["criminal.prosecution_review"]
    assert len(review.events_of("returned_for_investigation")) == 2
    assert any(not e.attributes.get("hash_value") for e in review.evidence_of("electronic_data"))
    assert "EVID-EDATA-NO-HASH" in review_key.expected_flags
    assert "ENF-PROPERTY-QUERY-MISSED" in by_type["civil.enforcement_termination"][1].expected_flags
    assert "DMG-CLAIM-EXCEEDS-CAP" in by_type["public_interest.civil"][1].expected_flags
    defamation, defamation_key = by_type["criminal.arrest_review"]
    counted = [p for p in defamation.facts["defamation_posts"] if p["posted_on"] >= "2024-11-18"
               and not p["previously_handled"]]
    assert sum(p["views"] for p in counted) == 4999
    assert "DEF-THRESHOLD-NOT-MET" in defamation_key.expected_flags
    assert by_type["administrative.litigation_supervision"][1].expected_flags == ()
