"""社会危险性量化评估 (三色码): the model file, and the colour, reasons and gaps of one case.

The model is data (`resources/risk/social_danger.yaml`): indicators under the five circumstances of 刑事诉讼法
第81条第1款 plus 第4款 and the mitigating factors of its 第2款, each with a weight; per-charge weight replacements;
two thresholds. The 应当逮捕 situations of 第81条第3款 are law, not weights, so they are decided here and make the
case red whatever the score.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.case import Case
from desktop_app.core.datafile import Located, load_yaml, resources_dir
from desktop_app.core.i18n import tr
from desktop_app.core.risk import validate as v

FORMAT = "casecheck.risk/1"
COLOURS: dict[str, str] = {"red": "红色", "yellow": "黄色", "green": "绿色"}
COLOUR_ORDER: tuple[str, ...] = ("red", "yellow", "green")
#: The circumstances of 第81条第1款 in order, then 第4款 and the mitigating factors.
CIRCUMSTANCES: tuple[str, ...] = ("new_crime", "public_danger", "evidence_tampering", "retaliation",
                                  "suicide_or_flight", "violation_81_4", "mitigating")
#: Case fields an indicator may be read from when `facts.social_danger` does not answer it.
CASE_FIELDS: tuple[str, ...] = ("plea_agreement", "suspect_minor")
MANDATORY_INDICATOR = "mandatory_81_3"
MANDATORY_BASIS = "《中华人民共和国刑事诉讼法》第81条第3款；《人民检察院刑事诉讼规则》第136条"
#: 可能判处十年有期徒刑以上刑罚.
TEN_YEARS_UP = frozenset({"over_10y", "life", "death"})
ASSESSED_TYPES = ("criminal.arrest_review", "criminal.prosecution_review")

_INDICATOR_FIELDS = ("id", "text", "circumstance", "weight", "basis", "evidence", "verified", "case_field")
_TOP_FIELDS = ("format", "model", "version", "title", "thresholds", "circumstances", "indicators",
               "crime_adjustments")


@dataclass(frozen=True)
class Indicator:
    id: str
    text: str
    circumstance: str
    weight: float
    basis: str
    evidence: str
    verified: bool
    case_field: str | None = None

    @property
    def mitigating(self) -> bool:
        return self.circumstance == "mitigating"


@dataclass(frozen=True)
class SocialDangerModel:
    version: str
    title: str
    red: float
    yellow: float
    circumstances: dict[str, tuple[str, str]]  # id -> (text, basis)
    indicators: tuple[Indicator, ...]
    #: charge (without the trailing 罪) -> indicator id -> weight
    adjustments: dict[str, dict[str, float]] = field(default_factory=dict)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def weights_for(self, charge: str | None) -> dict[str, float]:
        weights = {i.id: i.weight for i in self.indicators}
        weights.update(self.adjustments.get(_charge_key(charge), {}))
        return weights

    def colour_of(self, score: float, mandatory: bool) -> str:
        if mandatory or score >= self.red:
            return "red"
        return "yellow" if score >= self.yellow else "green"


@dataclass(frozen=True)
class Reason:
    indicator: str
    weight: float | None
    legal_basis: str
    text: str

    def to_json(self) -> dict[str, Any]:
        weight: float | int | None = self.weight
        if weight is not None and float(weight).is_integer():
            weight = int(weight)
        return {"indicator": self.indicator, "weight": weight, "legal_basis": self.legal_basis}


@dataclass(frozen=True)
class RiskAssessment:
    model: str
    version: str
    score: float
    colour: str
    mandatory: bool
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]

    @property
    def colour_label(self) -> str:
        return COLOURS[self.colour]

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "version": self.version,
            "score": int(self.score) if float(self.score).is_integer() else self.score,
            "colour": self.colour,
            "mandatory": self.mandatory,
            "reasons": [r.to_json() for r in self.reasons],
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class ColourChange:
    """One answer that would move the colour: set `indicator` to `value` and the code becomes `colour`."""

    indicator: str
    text: str
    value: bool
    colour: str


def _charge_key(charge: str | None) -> str:
    return (charge or "").strip().removesuffix("罪")


def applies(case: Case) -> bool:
    """审查逮捕 always; 审查起诉 only while the suspect is in custody (羁押必要性 is still live)."""
    return case.case_type == ASSESSED_TYPES[0] or (case.case_type == ASSESSED_TYPES[1] and case.in_custody)


def imprisonment_possible(case: Case) -> bool:
    """徒刑以上: a `possible_sentence` other than `under_1y`, or the fact `imprisonment_possible: true`."""
    sentence = case.possible_sentence
    return (sentence is not None and sentence != "under_1y") or case.facts.get("imprisonment_possible") is True


def mandatory_reasons(case: Case) -> list[str]:
    """The 应当逮捕 situations of 第81条第3款 the case shows, in words."""
    reasons = []
    if case.possible_sentence in TEN_YEARS_UP:
        reasons.append("可能判处十年有期徒刑以上刑罚")
    if imprisonment_possible(case):
        if case.facts.get("prior_intentional_crime") is True:
            reasons.append("可能判处徒刑以上刑罚，曾经故意犯罪")
        if case.facts.get("identity_unknown") is True:
            reasons.append("可能判处徒刑以上刑罚，身份不明")
    return reasons


def answers_of(case: Case) -> dict[str, bool | None]:
    raw = case.facts.get("social_danger")
    if not isinstance(raw, dict):
        return {}
    return {str(k): (value if isinstance(value, bool) else None) for k, value in raw.items()}


def assess(case: Case, model: SocialDangerModel, answers: dict[str, bool | None] | None = None) -> RiskAssessment:
    """Score, colour, the reasons (the mandatory one first) and the indicators not yet answered."""
    answers = answers_of(case) if answers is None else answers
    weights = model.weights_for(case.charges[0] if case.charges else None)
    reasons: list[Reason] = []
    mandatory = mandatory_reasons(case)
    if mandatory:
        reasons.append(Reason(MANDATORY_INDICATOR, None, MANDATORY_BASIS, "应当逮捕：" + "；".join(mandatory)))
    score = 0.0
    missing = []
    for indicator in model.indicators:
        value = _value(case, indicator, answers)
        if value is None:
            missing.append(indicator.id)
        elif value:
            weight = weights[indicator.id]
            score += weight
            reasons.append(Reason(indicator.id, weight, indicator.basis, indicator.text))
    return RiskAssessment(
        model="social_danger", version=model.version, score=round(score, 2),
        colour=model.colour_of(score, bool(mandatory)), mandatory=bool(mandatory),
        reasons=tuple(reasons), missing=tuple(missing),
    )


def colour_changes(case: Case, model: SocialDangerModel) -> list[ColourChange]:
    """Each single answer that would change the colour: an open indicator answered yes, or a yes withdrawn."""
    answers = answers_of(case)
    current = assess(case, model, answers)
    changes = []
    for indicator in model.indicators:
        value = _value(case, indicator, answers)
        if value is None:
            trial = True
        elif value:
            trial = False
        else:
            continue
        colour = assess(case, model, {**answers, indicator.id: trial}).colour
        if colour != current.colour and not (trial is False and indicator.case_field):
            changes.append(ColourChange(indicator.id, indicator.text, trial, colour))
    return changes


def _value(case: Case, indicator: Indicator, answers: dict[str, bool | None]) -> bool | None:
    value = answers.get(indicator.id)
    if value is None and indicator.case_field and getattr(case, indicator.case_field) is True:
        return True
    return value


# --- the model file -----------------------------------------------------------------------------------------
def shipped_model_path() -> Path:
    return resources_dir() / "risk" / "social_danger.yaml"


@functools.cache
def load_shipped_model() -> SocialDangerModel:
    return load_model(shipped_model_path())


def load_model(path: str | Path) -> SocialDangerModel:
    """Read and check a model file; every mistake names the file, line and field."""
    located = load_yaml(path)
    data = v.mapping(located, "", located.data)
    v.known_keys(located, "", data, _TOP_FIELDS, _TOP_FIELDS)
    if data["format"] != FORMAT:
        raise located.error("format", tr(f"应为 {FORMAT}", f"must be {FORMAT}"))
    if data["model"] != "social_danger":
        raise located.error("model", tr("应为 social_danger", "must be social_danger"))
    thresholds = v.mapping(located, "thresholds", data["thresholds"])
    v.known_keys(located, "thresholds", thresholds, ("red", "yellow"), ("red", "yellow"))
    red = v.number(located, "thresholds.red", thresholds["red"])
    yellow = v.number(located, "thresholds.yellow", thresholds["yellow"])
    if yellow >= red:
        raise located.error("thresholds.yellow", tr("黄色阈值应低于红色阈值", "yellow must be below red"))
    circumstances = _circumstances(located, v.mapping(located, "circumstances", data["circumstances"]))
    indicators = _indicators(located, data["indicators"])
    return SocialDangerModel(
        version=v.text(located, "version", str(data["version"])), title=v.text(located, "title", data["title"]),
        red=red, yellow=yellow, circumstances=circumstances, indicators=indicators,
        adjustments=_adjustments(located, data["crime_adjustments"], indicators),
    )


def _circumstances(located: Located, data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    result = {}
    for key in CIRCUMSTANCES:
        if key not in data:
            raise located.error("circumstances", tr(f"缺少情形 {key}", f"missing circumstance {key}"))
    for key, entry in data.items():
        path = f"circumstances.{key}"
        v.choice(located, path, key, CIRCUMSTANCES)
        entry = v.mapping(located, path, entry)
        v.known_keys(located, path, entry, ("text", "basis"), ("text", "basis"))
        result[key] = (v.text(located, f"{path}.text", entry["text"]), v.basis(located, f"{path}.basis", entry["basis"]))
    return result


def _indicators(located: Located, entries: Any) -> tuple[Indicator, ...]:
    if not isinstance(entries, list) or not entries:
        raise located.error("indicators", tr("应为非空的指标列表", "must be a non-empty list of indicators"))
    result: list[Indicator] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        path = f"indicators[{index}]"
        entry = v.mapping(located, path, entry)
        v.known_keys(located, path, entry, _INDICATOR_FIELDS, _INDICATOR_FIELDS[:-1])
        indicator_id = v.text(located, f"{path}.id", entry["id"])
        if indicator_id in seen or indicator_id == MANDATORY_INDICATOR:
            raise located.error(f"{path}.id", tr(f"指标编号 {indicator_id} 重复或为保留编号",
                                                 f"indicator id {indicator_id} is duplicate or reserved"))
        seen.add(indicator_id)
        circumstance = v.choice(located, f"{path}.circumstance", entry["circumstance"], CIRCUMSTANCES)
        weight = v.number(located, f"{path}.weight", entry["weight"])
        if (circumstance == "mitigating") != (weight < 0):
            raise located.error(f"{path}.weight", tr("从宽因素的权重应为负数，其他指标的权重应为正数",
                                                     "mitigating weights are negative, all others positive"))
        case_field = entry.get("case_field")
        if case_field is not None:
            v.choice(located, f"{path}.case_field", case_field, CASE_FIELDS)
        result.append(Indicator(
            id=indicator_id, text=v.text(located, f"{path}.text", entry["text"]), circumstance=circumstance,
            weight=weight, basis=v.basis(located, f"{path}.basis", entry["basis"]),
            evidence=v.text(located, f"{path}.evidence", entry["evidence"]),
            verified=v.flag(located, f"{path}.verified", entry["verified"]), case_field=case_field,
        ))
    return tuple(result)


def _adjustments(located: Located, entries: Any, indicators: tuple[Indicator, ...]) -> dict[str, dict[str, float]]:
    if not isinstance(entries, list):
        raise located.error("crime_adjustments", tr("应为列表", "must be a list"))
    by_id = {i.id: i for i in indicators}
    result: dict[str, dict[str, float]] = {}
    for index, entry in enumerate(entries):
        path = f"crime_adjustments[{index}]"
        entry = v.mapping(located, path, entry)
        v.known_keys(located, path, entry, ("charge", "weights"), ("charge", "weights"))
        charge = _charge_key(v.text(located, f"{path}.charge", entry["charge"]))
        if charge in result:
            raise located.error(f"{path}.charge", tr("罪名重复", "duplicate charge"))
        weights: dict[str, float] = {}
        for key, value in v.mapping(located, f"{path}.weights", entry["weights"]).items():
            where = f"{path}.weights.{key}"
            if key not in by_id:
                raise located.error(where, tr(f"未知的指标 {key}", f"unknown indicator {key}"))
            weights[key] = v.number(located, where, value)
            if (by_id[key].mitigating) != (weights[key] < 0):
                raise located.error(where, tr("调整后的权重与指标性质（从宽为负）不符",
                                              "the adjusted weight has the wrong sign for the indicator"))
        result[charge] = weights
    return result
