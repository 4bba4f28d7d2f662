"""The shipped sample cases: at least two per case type, valid, and judged by the program exactly as their answer keys
say, with a key answer for every checklist item that applies to the case."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop_app.core.case import CASE_TYPES
from desktop_app.core.case_format import case_to_dict, load_case_file
from desktop_app.core.checklists import load_builtin_templates
from desktop_app.core.conditions import condition_holds
from desktop_app.core.datafile import resources_dir
from desktop_app.core.deadlines import shipped_periods
from desktop_app.core.evaluation import EvaluationContext, evaluate_case
from desktop_app.core.laws import default_library, parse_basis
from desktop_app.core.training import compare_with_key, load_answer_key, sample_pairs

PAIRS = sample_pairs()


@pytest.fixture(scope="module")
def context() -> EvaluationContext:
    return EvaluationContext.load()


def _case_type_of(case_path: Path) -> str:
    """`<case_type>.json` or `<case_type>.<slug>.json`: the case type is the longest known prefix of the name."""
    stem = case_path.name.removesuffix(".json")
    return max((t for t in CASE_TYPES if stem == t or stem.startswith(t + ".")), key=len, default="")


def test_every_case_type_has_at_least_two_samples_with_keys() -> None:
    per_type = {case_type: [c for c, _ in PAIRS if _case_type_of(c) == case_type] for case_type in CASE_TYPES}
    assert all(len(cases) >= 2 for cases in per_type.values()), {t: len(c) for t, c in per_type.items()}
    assert len(PAIRS) >= 20
    cases = [p for p in (resources_dir() / "samples").glob("*.json") if not p.name.endswith(".key.json")]
    assert len(cases) == len(PAIRS), "every sample case has its answer key beside it"


@pytest.mark.parametrize(("case_path", "key_path"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_sample_loads_and_is_written_the_way_the_program_writes_it(case_path: Path, key_path: Path) -> None:
    case = load_case_file(case_path)
    text = case_path.read_text(encoding="utf-8")
    assert case.case_type == _case_type_of(case_path)
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
    assert {d.rule for d in evaluation.deadlines} == set(key.expected_deadline_status), "every period has a status"
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


TEMPLATES = load_builtin_templates()
KEYED_ITEMS = [(case, key) for case, key in PAIRS if "items" in json.loads(key.read_text(encoding="utf-8"))]


def test_most_samples_carry_an_answer_per_checklist_item() -> None:
    assert len(KEYED_ITEMS) >= 13


@pytest.mark.parametrize(("case_path", "key_path"), KEYED_ITEMS, ids=[p.name for p, _ in KEYED_ITEMS])
def test_key_answers_exactly_the_checklist_items_that_apply(case_path: Path, key_path: Path) -> None:
    case = load_case_file(case_path)
    items = json.loads(key_path.read_text(encoding="utf-8"))["items"]
    template = TEMPLATES[case.case_type]
    known = {item.id for item in template.items}
    assert not set(items) - known, f"items not in the {case.case_type} checklist: {sorted(set(items) - known)}"
    applicable = {item.id for item in template.items if condition_holds(item.applies_when, case)}
    assert set(items) == applicable, (sorted(applicable - set(items)), sorted(set(items) - applicable))
    for item_id, answer in items.items():
        assert set(answer) == {"expected", "explanation", "basis"}, item_id
        assert answer["expected"] in {"pass", "fail", "na"}, item_id
        assert re.search(r"[\u4e00-\u9fff]", answer["explanation"]), f"{item_id} has no explanation"
        assert re.search(r"[\u4e00-\u9fff]", answer["basis"]), f"{item_id} has no basis"


@pytest.mark.parametrize(("case_path", "key_path"), KEYED_ITEMS, ids=[p.name for p, _ in KEYED_ITEMS])
def test_a_defect_the_program_flags_is_a_failed_item_in_the_key(case_path: Path, key_path: Path) -> None:
    """A flag the sample is built to raise shows in the walk as a failed item (零口供 alone is no defect)."""
    key = load_answer_key(key_path)
    answers = [a["expected"] for a in json.loads(key_path.read_text(encoding="utf-8"))["items"].values()]
    if set(key.expected_flags) - {"EVID-ZERO-CONFESSION"}:
        assert "fail" in answers
    assert "pass" in answers


def test_every_article_a_key_cites_exists_in_the_statute_library() -> None:
    """Explanations and item bases name real articles, 款 and 项 (instruments outside the library are not checked)."""
    library = default_library()
    wrong = []
    for _, key_path in PAIRS:
        data = json.loads(key_path.read_text(encoding="utf-8"))
        texts = [(f"explanations.{rule}", text) for rule, text in data["explanations"].items()]
        for item_id, answer in data.get("items", {}).items():
            texts += [(f"items.{item_id}.basis", answer["basis"]), (f"items.{item_id}.explanation", answer["explanation"])]
        wrong += [f"{key_path.name}: {where}: {problem}" for where, text in texts
                  for citation in parse_basis(text) if (problem := library.check(citation))]
    assert wrong == []


#: The flags of `rules-catalog.md` (periods there yield a flag of the same id when overdue).
MANDATORY_FLAGS = {
    "DL-ARREST-REVIEW", "DL-PROSECUTION-REVIEW", "DL-SUPPLEMENTARY-INVESTIGATION", "DL-SUPERVISORY-DETENTION",
    "DL-DETENTION-NECESSITY-REPLY", "DL-CIVIL-SUPERVISION-REVIEW", "DL-SUGGESTION-REPLY", "DL-ENF-CLUE-CHECK",
    "PROC-SUPPLEMENTARY-ROUNDS", "PROC-FAST-TRACK-INELIGIBLE", "EVID-CONFESSION-ONLY", "EVID-ZERO-CONFESSION",
    "EVID-RECORDING-MISSING", "EVID-RECORDING-UNKNOWN", "EVID-INTERROGATION-PLACE", "EVID-EDATA-NO-HASH",
    "EVID-EDATA-HASH-MISMATCH", "EVID-WITNESS-MISSING", "EVID-WITNESS-DISQUALIFIED", "EVID-MLA-USE-LIMIT",
    "DEF-THRESHOLD-NOT-MET", "DEF-PUBLIC-PROSECUTION-BASIS", "ENF-TERMINATION-TOO-EARLY", "ENF-NO-APPLICANT-INTERVIEW",
    "ENF-PROPERTY-QUERY-MISSED", "REF-NO-PROCURATORIAL-OPINION", "REF-SEIZURE-NOT-LIFTED", "PIL-NO-PUBLIC-NOTICE",
    "PIL-SUIT-BEFORE-NOTICE-END", "PIL-NO-PRE-SUIT-SUGGESTION", "DMG-CLAIM-EXCEEDS-CAP",
}


def test_the_library_teaches_every_mandatory_flag_and_every_period_status() -> None:
    keys = [load_answer_key(key) for _, key in PAIRS]
    expected_flags = {rule for key in keys for rule in key.expected_flags}
    assert MANDATORY_FLAGS - expected_flags == set()
    statuses = {(rule, status) for key in keys for rule, status in key.expected_deadline_status.items()}
    assert {status for _, status in statuses} == {"met", "overdue", "due_soon", "open", "suspended"}
    assert {("DL-PROSECUTION-REVIEW", "suspended"), ("DL-SUPPLEMENTARY-INVESTIGATION", "open")} <= statuses
    assert {rule for rule, _ in statuses} >= {
        "DL-SUPERVISORY-DETENTION", "DL-DETENTION-NECESSITY-REPLY", "DL-CIVIL-SUPERVISION-REVIEW",
        "DL-SUGGESTION-REPLY", "DL-ENF-CLUE-CHECK", "DL-ADMIN-SUPERVISION-REVIEW", "DL-PIL-NOTICE",
        "DL-REFERRAL-TRANSFER", "DL-REFERRAL-REVIEW", "DL-DEFENSE-RIGHT-NOTICE", "DL-VICTIM-RIGHTS-NOTICE",
    }
