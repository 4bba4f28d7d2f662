"""Scoring an inspection and proposing its grade (评查等次) from a grading scheme kept as data.

The weights, thresholds and labels differ between the 2017 trial rules and the 2026 formal rules, and local
practice adjusts them, so they live in `resources/grading/*.yaml`. Two outcomes are not the scheme's to decide:
a `critical` flag or a failed veto item always gives 不合格 (rules-catalog "Grading"), so they are enforced here.
Every grade carries Chinese sentences saying why, because a prosecutor must be able to contest it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from desktop_app.core.case import Answer, Case
from desktop_app.core.checklist_model import ITEM_SEVERITIES, PROBLEM_HEADINGS, ChecklistTemplate, ItemState
from desktop_app.core.checklists import item_states
from desktop_app.core.datafile import DataFileError, Located, load_yaml, resources_dir
from desktop_app.core.results import SEVERITIES, SEVERITY_ORDER, Flag

FORMAT = "casecheck.grading/1"
DEFAULT_SCHEME = "2017"

#: The contract's grade codes, best first (cli.md); every scheme must label all four, in this order.
GRADE_CODES: tuple[str, ...] = ("excellent", "qualified", "flawed", "unqualified")
ROUNDING_STEPS: tuple[float, ...] = (0.5, 0.1)
ITEM_POINT_MODES: tuple[str, ...] = ("item", "tier")

HeadingOf = Callable[[str], str | None]


def default_heading(rule_id: str) -> str:
    """The problem heading a flag falls under when its rule does not name one."""
    if rule_id.startswith("EVID-"):
        return "证据采信"
    if rule_id.startswith(("DL-", "PROC-")):
        return "办案程序"
    return "法律适用"


def flag_heading(rule_id: str, heading_of: HeadingOf | None = None) -> str:
    """The rule's own heading when it has a valid one, else the default by rule family."""
    heading = heading_of(rule_id) if heading_of else None
    return heading if heading in PROBLEM_HEADINGS else default_heading(rule_id)


@dataclass(frozen=True)
class GradeTier:
    code: str
    label: str
    min_score: float


@dataclass(frozen=True)
class GradeCap:
    """The best grade allowed once a failed item of `item_severity` or a flag of `flag_severity` is present."""

    max_grade: str
    item_severity: str | None = None
    flag_severity: str | None = None


@dataclass(frozen=True)
class GradingScheme:
    id: str
    title: str
    legal_basis: str
    verified: bool
    note: str
    base_score: float
    rounding: float
    flag_deductions: Mapping[str, float]
    item_points: str
    tier_points: Mapping[str, float]
    grades: tuple[GradeTier, ...]
    caps: tuple[GradeCap, ...]
    rectification_due_days: int
    file: str = ""

    def label(self, grade_code: str) -> str:
        return next(tier.label for tier in self.grades if tier.code == grade_code)

    @property
    def labels(self) -> dict[str, str]:
        return {tier.code: tier.label for tier in self.grades}


@dataclass(frozen=True)
class Deduction:
    """One problem that cost points: a failed checklist item (`kind` "item") or a flag ("flag")."""

    source: str
    kind: str
    heading: str
    points: float
    #: Short name of the problem (the item's question or the flag's title), for counting problems by kind.
    title: str
    text: str
    legal_basis: str = ""
    verified: bool = True


@dataclass(frozen=True)
class GradeOverride:
    grade_code: str
    grade: str
    reason: str


@dataclass
class ScoreResult:
    scheme: str
    score: float
    proposed_code: str
    proposed_label: str
    reasons: list[str]
    deductions: list[Deduction]
    #: The scheme's labels, so an override made later is labelled the way the scheme labels it.
    labels: dict[str, str] = field(default_factory=dict)
    base_score: float = 100.0
    override: GradeOverride | None = None

    @property
    def grade_code(self) -> str:
        """The final grade: the reviewer's override when there is one, else the proposed grade."""
        return self.override.grade_code if self.override else self.proposed_code

    @property
    def grade(self) -> str:
        return self.override.grade if self.override else self.proposed_label

    def points_by_heading(self) -> dict[str, float]:
        """Points lost under each of the nine headings (all nine present, in their fixed order)."""
        totals = dict.fromkeys(PROBLEM_HEADINGS, 0.0)
        for deduction in self.deductions:
            totals[deduction.heading] = totals.get(deduction.heading, 0.0) + deduction.points
        return totals


# --------------------------------------------------------------------------------------------------- loading


def list_grading_schemes() -> list[str]:
    """Names of the shipped schemes, for a settings drop-down or `--grading`."""
    return sorted(p.stem for p in (resources_dir() / "grading").glob("*.yaml"))


def load_grading_scheme(name_or_path: str | Path = DEFAULT_SCHEME) -> GradingScheme:
    """A shipped scheme by name ("2017", "2026") or a scheme file by path, validated."""
    path = Path(name_or_path)
    if not (isinstance(name_or_path, Path) or path.suffix in (".yaml", ".yml") or len(path.parts) > 1):
        path = resources_dir() / "grading" / f"{name_or_path}.yaml"
        if not path.is_file():
            known = "、".join(list_grading_schemes())
            raise DataFileError(path, None, "", f"未知的评分标准“{name_or_path}”（可选：{known}）")
    return _parse_scheme(load_yaml(path))


def _number(doc: Located, value: Any, where: str, *, minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise doc.error(where, "应为数字")
    if value < minimum:
        raise doc.error(where, f"不能小于 {minimum:g}")
    return float(value)


def _text(doc: Located, data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise doc.error(f"{where}{key}", "缺少或不是非空文本")
    return value.strip()


def _mapping(doc: Located, value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise doc.error(where, "应为映射（键: 值）")
    return value


def _parse_scheme(doc: Located) -> GradingScheme:
    data = _mapping(doc, doc.data, "")
    if data.get("format") != FORMAT:
        raise doc.error("format", f"应为 {FORMAT}")
    scheme_id = data.get("id")
    if isinstance(scheme_id, int) and not isinstance(scheme_id, bool):
        scheme_id = str(scheme_id)
    if not isinstance(scheme_id, str) or not scheme_id.strip():
        raise doc.error("id", "缺少评分标准编号")
    source = _mapping(doc, data.get("source"), "source")
    verified = source.get("verified")
    if not isinstance(verified, bool):
        raise doc.error("source.verified", "应为 true 或 false")
    rounding = _number(doc, data.get("rounding"), "rounding")
    if rounding not in ROUNDING_STEPS:
        raise doc.error("rounding", "只能是 0.5 或 0.1")
    flag_deductions = _mapping(doc, data.get("flag_deductions"), "flag_deductions")
    for key in flag_deductions:
        if key not in SEVERITIES:
            raise doc.error(f"flag_deductions.{key}", f"未知的风险等级（应为 {'、'.join(SEVERITIES)}）")
    for key in SEVERITIES:
        if key not in flag_deductions:
            raise doc.error("flag_deductions", f"缺少 {key} 的扣分")
    due_days = data.get("rectification_due_days")
    if isinstance(due_days, bool) or not isinstance(due_days, int) or due_days < 1:
        raise doc.error("rectification_due_days", "应为正整数（天数）")
    item_points, tier_points = _parse_item_deductions(doc, data.get("item_deductions"))
    grades = _parse_grades(doc, data.get("grades"))
    return GradingScheme(
        id=scheme_id.strip(),
        title=_text(doc, data, "title", ""),
        legal_basis=_text(doc, source, "legal_basis", "source."),
        verified=verified,
        note=str(source.get("note") or "").strip(),
        base_score=_number(doc, data.get("base_score"), "base_score", minimum=1.0),
        rounding=rounding,
        flag_deductions={k: _number(doc, flag_deductions[k], f"flag_deductions.{k}") for k in SEVERITIES},
        item_points=item_points,
        tier_points=tier_points,
        grades=grades,
        caps=_parse_caps(doc, data.get("caps", [])),
        rectification_due_days=due_days,
        file=doc.file,
    )


def _parse_item_deductions(doc: Located, value: Any) -> tuple[str, dict[str, float]]:
    data = _mapping(doc, value, "item_deductions")
    mode = data.get("points")
    if mode not in ITEM_POINT_MODES:
        raise doc.error("item_deductions.points", "应为 item（按检查项自身扣分）或 tier（按错误等级扣分）")
    if mode == "item":
        return mode, {}
    tiers = _mapping(doc, data.get("tier_points"), "item_deductions.tier_points")
    for key in tiers:
        if key not in ITEM_SEVERITIES:
            raise doc.error(f"item_deductions.tier_points.{key}",
                            f"未知的错误等级（应为 {'、'.join(ITEM_SEVERITIES)}）")
    missing = [tier for tier in ITEM_SEVERITIES if tier not in tiers]
    if missing:
        raise doc.error("item_deductions.tier_points", f"缺少错误等级：{'、'.join(missing)}")
    return mode, {k: _number(doc, tiers[k], f"item_deductions.tier_points.{k}") for k in ITEM_SEVERITIES}


def _parse_grades(doc: Located, value: Any) -> tuple[GradeTier, ...]:
    if not isinstance(value, list) or len(value) != len(GRADE_CODES):
        raise doc.error("grades", f"应列出四个等次：{'、'.join(GRADE_CODES)}")
    tiers: list[GradeTier] = []
    for index, (raw, code) in enumerate(zip(value, GRADE_CODES, strict=True)):
        where = f"grades[{index}]"
        entry = _mapping(doc, raw, where)
        if entry.get("code") != code:
            raise doc.error(f"{where}.code", f"第 {index + 1} 档应为 {code}（等次按从高到低排列）")
        min_score = _number(doc, entry.get("min_score"), f"{where}.min_score")
        if tiers and min_score >= tiers[-1].min_score:
            raise doc.error(f"{where}.min_score", "分数线应从高到低严格递减")
        tiers.append(GradeTier(code=code, label=_text(doc, entry, "label", f"{where}."), min_score=min_score))
    if tiers[-1].min_score != 0:
        raise doc.error(f"grades[{len(tiers) - 1}].min_score", "最后一档的分数线必须为 0")
    return tuple(tiers)


def _parse_caps(doc: Located, value: Any) -> tuple[GradeCap, ...]:
    if not isinstance(value, list):
        raise doc.error("caps", "应为列表")
    caps: list[GradeCap] = []
    for index, raw in enumerate(value):
        where = f"caps[{index}]"
        entry = _mapping(doc, raw, where)
        item_severity, flag_severity = entry.get("item_severity"), entry.get("flag_severity")
        if (item_severity is None) == (flag_severity is None):
            raise doc.error(where, "应且只应写明 item_severity 或 flag_severity 之一")
        if item_severity is not None and item_severity not in ITEM_SEVERITIES:
            raise doc.error(f"{where}.item_severity", f"未知的错误等级（应为 {'、'.join(ITEM_SEVERITIES)}）")
        if flag_severity is not None and flag_severity not in SEVERITIES:
            raise doc.error(f"{where}.flag_severity", f"未知的风险等级（应为 {'、'.join(SEVERITIES)}）")
        if entry.get("max_grade") not in GRADE_CODES:
            raise doc.error(f"{where}.max_grade", f"应为 {'、'.join(GRADE_CODES)} 之一")
        caps.append(GradeCap(max_grade=entry["max_grade"], item_severity=item_severity, flag_severity=flag_severity))
    return tuple(caps)


# --------------------------------------------------------------------------------------------------- scoring


def _round(value: float, step: float) -> float:
    """Half-up rounding to the scheme's step, in decimal so that 92.25 → 92.5 and not 92.0."""
    units = (Decimal(str(value)) / Decimal(str(step))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(units * Decimal(str(step)))


def _points(value: float) -> str:
    return f"{value:g}"


def score_case(
    case: Case,
    template: ChecklistTemplate | None,
    answers: Mapping[str, Answer],
    flags: Sequence[Flag],
    scheme: GradingScheme,
    *,
    heading_of: HeadingOf | None = None,
    states: list[ItemState] | None = None,
) -> ScoreResult:
    """Deduct for failed applicable items and for flags, then grade, then apply caps and the two absolute rules.

    `states` are the template's item states for this case and these answers when the caller has them already."""
    rank = {code: index for index, code in enumerate(GRADE_CODES)}
    deductions: list[Deduction] = []
    caps: list[tuple[str, str]] = []  # (grade code, reason)
    pending = 0

    if states is None:
        states = item_states(template, case, answers) if template else []
    for state in states:
        item = state.item
        if not state.applicable:
            continue
        if state.value in (None, "unsure"):
            pending += 1
            continue
        if state.value != "fail":
            continue
        points = item.deduction if scheme.item_points == "item" else scheme.tier_points[item.severity]
        text = f"{item.question}（{item.severity}）" + (f"：{state.note}" if state.note else "")
        deductions.append(
            Deduction(item.id, "item", item.heading, points, item.question, text, item.legal_basis, item.verified)
        )
        if item.veto:
            caps.append(("unqualified", f"否决项“{item.question}”（{item.id}）不符合，依规定直接评为不合格。"))
        for cap in scheme.caps:
            if cap.item_severity == item.severity:
                caps.append((cap.max_grade, f"检查项“{item.question}”（{item.id}）不符合，属{item.severity}，"
                                            f"等次最高评为{scheme.label(cap.max_grade)}。"))

    for flag in sorted(flags, key=lambda f: SEVERITY_ORDER.get(f.severity, len(SEVERITY_ORDER))):
        points = scheme.flag_deductions.get(flag.severity, 0.0)
        if flag.severity != "info" or points > 0:
            deductions.append(
                Deduction(flag.rule, "flag", flag_heading(flag.rule, heading_of), points, flag.title,
                          f"{flag.title}：{flag.message}", flag.legal_basis, flag.verified)
            )
        if flag.severity == "critical":
            caps.append(("unqualified", f"存在严重风险“{flag.title}”（{flag.rule}），依规定直接评为不合格。"))
        for cap in scheme.caps:
            if cap.flag_severity == flag.severity:
                caps.append((cap.max_grade, f"存在{SEVERITIES[flag.severity]}风险“{flag.title}”（{flag.rule}），"
                                            f"等次最高评为{scheme.label(cap.max_grade)}。"))

    lost = sum(d.points for d in deductions)
    score = _round(max(0.0, scheme.base_score - lost), scheme.rounding)
    by_score = next(tier for tier in scheme.grades if score >= tier.min_score)
    reasons = [f"得分 {_points(score)} 分（基准分 {_points(scheme.base_score)} 分，扣 {_points(lost)} 分），"
               f"按分数线对应{by_score.label}。"]
    code = by_score.code
    for cap_code, reason in caps:
        if rank[cap_code] > rank[by_score.code]:
            reasons.append(reason)
            code = max(code, cap_code, key=rank.__getitem__)
    if pending:
        reasons.append(f"尚有 {pending} 个适用的检查项未作答或待核实，本等次为暂定。")
    return ScoreResult(
        scheme=scheme.id,
        score=score,
        proposed_code=code,
        proposed_label=scheme.label(code),
        reasons=reasons,
        deductions=deductions,
        labels=scheme.labels,
        base_score=scheme.base_score,
    )


def apply_override(result: ScoreResult, grade_code: str, reason: str) -> ScoreResult:
    """A reviewer's final grade; the proposed grade and its reasons stay so both show in reports and the audit."""
    if grade_code not in GRADE_CODES:
        raise ValueError(f"未知的等次代码：{grade_code}")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("改定等次必须写明理由")
    label = result.labels.get(grade_code, grade_code)
    return dataclasses.replace(
        result,
        reasons=list(result.reasons),
        deductions=list(result.deductions),
        override=GradeOverride(grade_code=grade_code, grade=label, reason=reason.strip()),
    )
