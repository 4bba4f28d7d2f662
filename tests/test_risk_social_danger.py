"""社会危险性 (三色码): the model file, mandatory arrest, the result key, calibration and disagreements."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import random
from pathlib import Path

import pytest

from desktop_app.core.case import Event
from desktop_app.core.case_format import load_case_file
from desktop_app.core.datafile import DataFileError
from desktop_app.core.evaluation import EvaluationContext, evaluate_case
from desktop_app.core.risk.calibration import Decided, calibrate
from desktop_app.core.risk.social_danger import (
    CIRCUMSTANCES,
    MANDATORY_INDICATOR,
    assess,
    colour_changes,
    load_model,
    load_shipped_model,
    shipped_model_path,
)
from desktop_app.core.rules import RuleBook
from desktop_app.services.errors import ServiceError
from tests.factories import make_case

TODAY = dt.date(2026, 3, 20)
SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
MODEL = load_shipped_model()


def arrest_case(**changes: object):  # type: ignore[no-untyped-def]
    case = make_case(case_no="京朝检刑批捕〔2026〕1号", case_type="criminal.arrest_review", in_custody=True)
    for key, value in changes.items():
        setattr(case, key, value)
    return case


def test_shipped_model_covers_the_law_and_the_issue() -> None:
    circumstances = {i.circumstance for i in MODEL.indicators}
    assert circumstances == set(CIRCUMSTANCES)
    texts = "".join(i.text for i in MODEL.indicators if i.mitigating)
    for words in ("认罪认罚", "赔偿", "初犯", "未成年", "在校学生", "严重疾病", "怀孕", "哺乳", "唯一扶养人", "固定住所"):
        assert words in texts
    for charge in ("盗窃", "诈骗", "故意伤害", "危险驾驶", "帮助信息网络犯罪活动", "寻衅滋事"):
        assert charge in MODEL.adjustments
    assert all(i.basis.startswith("《") and i.evidence for i in MODEL.indicators)


@pytest.mark.parametrize(("old", "new", "field"), [
    ("    weight: -3\n", "    weight: 3\n", "indicators[20].weight"),
    ("    circumstance: new_crime\n", "    circumstance: somewhere\n", "indicators[0].circumstance"),
    ("  yellow: 3\n", "  yellow: 9\n", "thresholds.yellow"),
    ("      repeated_offending: 4\n", "      repeated_offendin: 4\n", "crime_adjustments[0].weights.repeated_offendin"),
    ("    basis: 《人民检察院刑事诉讼规则》第129条第1项\n", "    basis: 规则129\n", "indicators[0].basis"),
])
def test_a_broken_model_names_file_line_and_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = shipped_model_path().read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "model.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_model(broken)
    assert raised.value.field == field and raised.value.line and str(broken) in str(raised.value)


def test_mandatory_arrest_is_red_whatever_the_indicators() -> None:
    rng = random.Random(4)
    mitigating = {i.id: True for i in MODEL.indicators if i.mitigating}
    situations = [
        {"possible_sentence": "over_10y"}, {"possible_sentence": "life"}, {"possible_sentence": "death"},
        {"possible_sentence": "1_to_3y", "facts": {"prior_intentional_crime": True}},
        {"possible_sentence": "3_to_10y", "facts": {"identity_unknown": True}},
        {"possible_sentence": "under_1y", "facts": {"identity_unknown": True, "imprisonment_possible": True}},
    ]
    for situation in situations:
        for _ in range(30):
            answers = {i.id: rng.choice((True, False, None)) for i in MODEL.indicators}
            answers.update(mitigating)
            facts = {**dict(situation.get("facts", {})), "social_danger": answers}  # type: ignore[arg-type]
            case = arrest_case(possible_sentence=situation["possible_sentence"], facts=facts, plea_agreement=True)
            result = assess(case, MODEL)
            assert result.colour == "red" and result.mandatory, situation
            assert result.reasons[0].indicator == MANDATORY_INDICATOR
            assert "第81条第3款" in result.reasons[0].legal_basis


def test_not_mandatory_without_imprisonment() -> None:
    for facts in ({"prior_intentional_crime": True}, {"identity_unknown": True}):
        for sentence in ("under_1y", None):
            result = assess(arrest_case(possible_sentence=sentence, facts=dict(facts)), MODEL)
            assert not result.mandatory and result.colour == "green"


def test_score_colour_reasons_missing_and_charge_adjustment() -> None:
    facts = {"social_danger": {"repeated_offending": True, "threatened_retaliation": True, "first_offender": False,
                               "prior_flight": None}}
    theft = assess(arrest_case(charges=["盗窃罪"], facts=facts), MODEL)
    assert theft.score == 4 + 5 and theft.colour == "red"  # 盗窃 raises 多次作案 from 3 to 4
    assert [(r.indicator, r.weight) for r in theft.reasons] == [("repeated_offending", 4), ("threatened_retaliation", 5)]
    assert "prior_flight" in theft.missing and "first_offender" not in theft.missing
    other = assess(arrest_case(charges=["抢劫罪"], facts=facts, possible_sentence="1_to_3y"), MODEL)
    assert other.score == 3 + 5
    pleaded = assess(arrest_case(charges=["盗窃罪"], facts=facts, plea_agreement=True), MODEL)
    assert pleaded.score == 6 and "plea_agreement" not in pleaded.missing  # 认罪认罚 read from the case itself


def test_what_would_change_the_colour() -> None:
    case = arrest_case(facts={"social_danger": {"repeated_offending": True, "prior_flight": None}})
    assert assess(case, MODEL).colour == "yellow"
    changes = {c.indicator: c for c in colour_changes(case, MODEL)}
    assert changes["prior_flight"].value is True and changes["prior_flight"].colour == "red"
    assert changes["repeated_offending"].value is False and changes["repeated_offending"].colour == "green"


def test_evaluate_adds_assessments_only_where_they_belong() -> None:
    context = EvaluationContext.load()
    without_sentencing_pack = dataclasses.replace(context, rulebook=RuleBook(
        [r for r in context.rulebook.rules if not r.id.startswith("SENT-")]))
    for path in sorted(SAMPLES.glob("*.json")):
        if path.name.endswith(".key.json"):
            continue
        case = load_case_file(path)
        result = evaluate_case(case, TODAY, context).to_json()
        before = evaluate_case(case, TODAY, without_sentencing_pack).to_json()
        expected = case.case_type == "criminal.arrest_review" or (
            case.case_type == "criminal.prosecution_review" and case.in_custody)
        assert ("assessments" in result) is expected, path.name
        result.pop("assessments", None)
        before.pop("assessments", None)
        assert result == before, path.name
    free = evaluate_case(make_case(in_custody=False), TODAY, context).to_json()
    assert "assessments" not in free
    held = evaluate_case(make_case(in_custody=True), TODAY, context).to_json()
    (entry,) = held["assessments"]
    assert set(entry) == {"model", "version", "score", "colour", "mandatory", "reasons", "missing"}
    assert entry["model"] == "social_danger" and entry["version"] == MODEL.version
    json.dumps(held)


def test_calibration_on_a_hand_made_set() -> None:
    rows = [
        Decided("1", "盗窃罪", "red", "approved", frozenset({"a"})),
        Decided("2", "盗窃罪", "red", "approved", frozenset({"a"})),
        Decided("3", "盗窃罪", "red", "rejected", frozenset()),
        Decided("4", "盗窃罪", "green", "rejected", frozenset({"b"})),
        Decided("5", "诈骗罪", "green", "approved", frozenset({"a", "b"})),
        Decided("6", "诈骗罪", "green", "rejected", frozenset({"b"})),
        Decided("7", "诈骗罪", "yellow", "approved", frozenset()),
        Decided("8", "诈骗罪", "yellow", "rejected", frozenset()),
    ]
    result = calibrate(rows)
    assert result.assessed == 8
    assert result.matrix == {"red": {"approved": 2, "rejected": 1}, "yellow": {"approved": 1, "rejected": 1},
                             "green": {"approved": 1, "rejected": 2}}
    assert result.agreement == pytest.approx(4 / 6)
    assert result.by_charge == {"盗窃罪": (4, 3, 0.75), "诈骗罪": (2, 1, 0.5)}
    stats = {s.indicator: s for s in result.indicators}
    # 4 of 8 approved overall; "a" appears in 3 cases, all approved -> lift 2.0; "b" in 3, one approved.
    assert stats["a"].cases == 3 and stats["a"].lift == pytest.approx(2.0)
    assert stats["b"].frequency == pytest.approx(3 / 8) and stats["b"].lift == pytest.approx((1 / 3) / 0.5)
    assert calibrate([]).agreement is None


def test_disagreement_needs_a_reason_and_is_audited(services) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.audit import history
    from desktop_app.services.risk import RiskService

    case = arrest_case(facts={"social_danger": {"first_offender": True}},
                       events=[Event("arrest_decided", dt.date(2026, 3, 5), "approved")])
    services.cases.create(services.actor, case)
    risk = RiskService(services.database, services.cases)
    view = risk.view(case.case_no)
    assert view is not None and view.assessment.colour == "green" and view.disagrees
    with pytest.raises(ServiceError):
        risk.record_disagreement(services.actor, case.case_no, "  ", TODAY)
    assert services.cases.get(case.case_no).facts.get("social_danger_review") is None
    updated = risk.record_disagreement(services.actor, case.case_no, "同案犯在逃，有串供可能", TODAY)
    assert updated.review and updated.review["reason"] == "同案犯在逃，有串供可能"
    assert updated.review["colour"] == "green" and updated.review["decision"] == "approved"
    entries = history(services.database, "case", case.case_no)
    assert any("social_danger_review" in json.dumps(e.detail, ensure_ascii=False) for e in entries)
    agreeing = arrest_case(case_no="京朝检刑批捕〔2026〕2号",
                           events=[Event("arrest_decided", dt.date(2026, 3, 5), "rejected")])
    services.cases.create(services.actor, agreeing)
    with pytest.raises(ServiceError):
        risk.record_disagreement(services.actor, agreeing.case_no, "理由", TODAY)


def test_demo_indicators_follow_the_decisions() -> None:
    from desktop_app.core.demo import generate_cases
    from desktop_app.core.risk.social_danger import applies
    from desktop_app.services.risk import decision_of

    rows = []
    for case in itertools.islice(generate_cases(3000, seed=5, today=TODAY), 3000):
        if applies(case) and (decision := decision_of(case)):
            result = assess(case, MODEL)
            rows.append(Decided(case.case_no, case.charges[0], result.colour, decision, frozenset()))
    result = calibrate(rows)
    assert result.assessed > 1000
    assert result.agreement is not None and 0.6 < result.agreement < 0.97
    assert all(sum(row.values()) > 0 for row in result.matrix.values())
