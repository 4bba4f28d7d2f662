"""量刑偏离度 and 同案不同判: comparable sentence lengths, recommendation against judgment, and peer screening.

A sentence is `facts.sentencing.recommended` / `.imposed`, each `{"kind", "months", "months_min", "months_max",
"probation_months", "fine_yuan"}`. Kinds differ in severity, so they are converted to comparable months by the
factors in `resources/risk/sentencing.yaml` (管制 counts half per 刑法 第41条, and so on). Peer groups are cases
with the same principal charge, amount bracket and set of sentencing circumstances, coarsened until they are big
enough; an outlier lies outside median ± k × MAD of its group. Everything here works on plain rows so that
100,000 cases screen in seconds.
"""

from __future__ import annotations

import bisect
import functools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.datafile import load_yaml, resources_dir
from desktop_app.core.i18n import tr
from desktop_app.core.risk import validate as v

FORMAT = "casecheck.sentencing/1"
KINDS: dict[str, str] = {
    "fixed_term": "有期徒刑",
    "criminal_detention": "拘役",
    "public_surveillance": "管制",
    "life": "无期徒刑",
    "death": "死刑",
    "fine_only": "单处罚金",
    "exempted": "免予刑事处罚",
}
#: Kinds measured in months of the sentence itself.
TERM_KINDS = ("fixed_term", "criminal_detention", "public_surveillance")
METHODS = ("mad",)
#: How far a group is coarsened, finest first.
LEVELS: tuple[str, ...] = ("charge_amount_circumstances", "charge_amount", "charge")


@dataclass(frozen=True)
class Sentence:
    kind: str
    months: float | None = None
    months_min: float | None = None
    months_max: float | None = None
    probation_months: float | None = None
    fine_yuan: float | None = None

    @classmethod
    def parse(cls, raw: Any) -> Sentence | None:
        """A sentence from case facts, or None when it is absent or has no known kind (facts are free-form)."""
        if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
            return None
        return cls(kind=raw["kind"], months=_num(raw.get("months")), months_min=_num(raw.get("months_min")),
                   months_max=_num(raw.get("months_max")), probation_months=_num(raw.get("probation_months")),
                   fine_yuan=_num(raw.get("fine_yuan")))

    @property
    def suspended(self) -> bool:
        return bool(self.probation_months)

    def describe(self) -> str:
        label = KINDS[self.kind]
        if self.kind in TERM_KINDS:
            if self.months_min is not None and self.months_max is not None:
                label += f"{_n(self.months_min)}至{_n(self.months_max)}个月"
            elif self.months is not None:
                label += f"{_n(self.months)}个月"
        if self.suspended:
            label += f"，缓刑{_n(self.probation_months or 0)}个月"
        if self.fine_yuan:
            label += f"，并处（单处）罚金{_n(self.fine_yuan)}元"
        return label


@dataclass(frozen=True)
class SentencingSettings:
    version: str
    factors: dict[str, float]
    probation_factor: float
    min_group_size: int
    method: str
    k: float
    mad_scale: float
    min_spread: float
    brackets: tuple[float, ...]

    def bounds(self, sentence: Sentence) -> tuple[float, float] | None:
        """The comparable range of a sentence: a recommendation may give months_min–months_max."""
        if sentence.kind in TERM_KINDS:
            low = sentence.months_min if sentence.months_min is not None else sentence.months
            high = sentence.months_max if sentence.months_max is not None else sentence.months
            if low is None or high is None:
                return None
            factor = self.factors[sentence.kind] * (self.probation_factor if sentence.suspended else 1.0)
            return low * factor, high * factor
        value = self.factors[sentence.kind]
        return value, value

    def months(self, sentence: Sentence) -> float | None:
        """One comparable value: the middle of a range."""
        bounds = self.bounds(sentence)
        return None if bounds is None else (bounds[0] + bounds[1]) / 2

    def bracket(self, amount: float | None) -> str:
        if amount is None:
            return "数额不详"
        index = bisect.bisect_right(self.brackets, amount)
        low = self.brackets[index - 1] if index > 0 else 0
        if index == len(self.brackets):
            return f"{_yuan(low)}以上"
        return f"{_yuan(low)}–{_yuan(self.brackets[index])}"


def not_adopted(recommended: Sentence, imposed: Sentence, settings: SentencingSettings) -> bool:
    """The judgment left the recommendation: another kind, probation given or refused, or a length outside it."""
    if recommended.kind != imposed.kind or recommended.suspended != imposed.suspended:
        return True
    wanted, got = settings.bounds(recommended), settings.bounds(imposed)
    if wanted is None or got is None:
        return False
    return got[0] < wanted[0] - 1e-9 or got[1] > wanted[1] + 1e-9


@dataclass(frozen=True)
class SentencingRow:
    """What screening needs of one case, read straight from the register."""

    case_no: str
    charge: str
    amount: float | None
    circumstances: tuple[str, ...]
    value_months: float
    #: "imposed" or "recommended": which sentence the value is.
    source: str


def sentencing_row(case_no: str, charges: Any, facts: Any, settings: SentencingSettings) -> SentencingRow | None:
    """The imposed value where present, else the recommended one; None for a case without either."""
    raw = facts.get("sentencing") if isinstance(facts, dict) else None
    if not isinstance(raw, dict) or not charges:
        return None
    for source in ("imposed", "recommended"):
        sentence = Sentence.parse(raw.get(source))
        value = settings.months(sentence) if sentence else None
        if value is not None:
            circumstances = raw.get("circumstances")
            items = tuple(sorted({str(c) for c in circumstances})) if isinstance(circumstances, list) else ()
            return SentencingRow(case_no=case_no, charge=str(charges[0]), amount=_num(raw.get("amount_involved")),
                                 circumstances=items, value_months=value, source=source)
    return None


@dataclass(frozen=True)
class PeerGroup:
    level: str
    key: tuple[str, ...]
    members: tuple[SentencingRow, ...]
    median: float
    spread: float
    low: float
    high: float

    @property
    def label(self) -> str:
        parts = [self.key[0]]
        if len(self.key) > 1:
            parts.append(f"数额{self.key[1]}")
        if len(self.key) > 2:
            parts.append(f"情节：{self.key[2] or '无'}")
        return "，".join(parts)


@dataclass(frozen=True)
class Outlier:
    case_no: str
    charge: str
    group_size: int
    group_median_months: float
    value_months: float
    deviation: float | None
    reason: str
    group: PeerGroup

    def to_json(self) -> dict[str, Any]:
        return {"case_no": self.case_no, "charge": self.charge, "group_size": self.group_size,
                "group_median_months": _r(self.group_median_months), "value_months": _r(self.value_months),
                "deviation": None if self.deviation is None else round(self.deviation, 4), "reason": self.reason}


@dataclass(frozen=True)
class Screening:
    cases_screened: int
    groups: dict[tuple[str, tuple[str, ...]], PeerGroup]
    group_of: dict[str, tuple[str, tuple[str, ...]]]
    outliers: list[Outlier]

    def to_json(self) -> dict[str, Any]:
        return {"format": "casecheck.screening/1", "cases_screened": self.cases_screened,
                "groups": len(self.groups), "ungrouped": self.cases_screened - len(self.group_of),
                "outliers": [o.to_json() for o in self.outliers]}

    def peers_of(self, case_no: str) -> PeerGroup | None:
        key = self.group_of.get(case_no)
        return self.groups[key] if key else None


def screen(rows: list[SentencingRow], settings: SentencingSettings, min_group_size: int | None = None) -> Screening:
    """Give each case its finest peer group with at least N members, then flag values outside the band."""
    size = settings.min_group_size if min_group_size is None else min_group_size
    keys = [_keys(row, settings) for row in rows]
    counts = [Counter(k[level] for k in keys) for level in range(len(LEVELS))]
    chosen: dict[str, tuple[str, tuple[str, ...]]] = {}
    members: dict[tuple[str, tuple[str, ...]], list[SentencingRow]] = defaultdict(list)
    for level in range(len(LEVELS)):
        for row, k in zip(rows, keys, strict=True):
            members[(LEVELS[level], k[level])].append(row)
    for row, k in zip(rows, keys, strict=True):
        for level in range(len(LEVELS)):
            if counts[level][k[level]] >= size:
                chosen[row.case_no] = (LEVELS[level], k[level])
                break
    groups = {key: _group(key, members[key], settings) for key in set(chosen.values())}
    outliers = []
    for row in rows:
        key = chosen.get(row.case_no)
        if key is None:
            continue
        group = groups[key]
        if group.low - 1e-9 <= row.value_months <= group.high + 1e-9:
            continue
        deviation = (row.value_months - group.median) / group.median if group.median else None
        outliers.append(Outlier(case_no=row.case_no, charge=row.charge, group_size=len(group.members),
                                group_median_months=group.median, value_months=row.value_months,
                                deviation=deviation, reason=_reason(row, group, settings), group=group))
    outliers.sort(key=lambda o: (-(abs(o.deviation) if o.deviation is not None else float("inf")), o.case_no))
    return Screening(cases_screened=len(rows), groups=groups, group_of=chosen, outliers=outliers)


def _keys(row: SentencingRow, settings: SentencingSettings) -> tuple[tuple[str, ...], ...]:
    bracket = settings.bracket(row.amount)
    return ((row.charge, bracket, "、".join(row.circumstances)), (row.charge, bracket), (row.charge,))


def _group(key: tuple[str, tuple[str, ...]], rows: list[SentencingRow], settings: SentencingSettings) -> PeerGroup:
    values = [r.value_months for r in rows]
    median = statistics.median(values)
    mad = statistics.median(abs(x - median) for x in values) * settings.mad_scale
    spread = max(mad, settings.min_spread)
    return PeerGroup(level=key[0], key=key[1], members=tuple(rows), median=median, spread=spread,
                     low=median - settings.k * spread, high=median + settings.k * spread)


def _reason(row: SentencingRow, group: PeerGroup, settings: SentencingSettings) -> str:
    side = "高于" if row.value_months > group.high else "低于"
    edge = group.high if row.value_months > group.high else group.low
    which = "判处刑罚" if row.source == "imposed" else "量刑建议"
    return (f"同类案件组（{group.label}）共 {len(group.members)} 件，中位数 {_n(group.median)} 个月，"
            f"离散度（MAD）{_n(group.spread)} 个月；本案{which}折合 {_n(row.value_months)} 个月，"
            f"{side}中位数 ± {_n(settings.k)}×MAD 的界限 {_n(edge)} 个月。")


# --- the settings file --------------------------------------------------------------------------------------
def shipped_settings_path() -> Path:
    return resources_dir() / "risk" / "sentencing.yaml"


@functools.cache
def load_shipped_settings() -> SentencingSettings:
    return load_settings(shipped_settings_path())


def load_settings(path: str | Path) -> SentencingSettings:
    located = load_yaml(path)
    data = v.mapping(located, "", located.data)
    top = ("format", "version", "comparable_months", "basis", "screening")
    v.known_keys(located, "", data, top, top)
    if data["format"] != FORMAT:
        raise located.error("format", tr(f"应为 {FORMAT}", f"must be {FORMAT}"))
    factors_raw = v.mapping(located, "comparable_months", data["comparable_months"])
    names = (*KINDS, "probation_factor")
    v.known_keys(located, "comparable_months", factors_raw, names, names)
    factors = {}
    for name in names:
        factors[name] = v.number(located, f"comparable_months.{name}", factors_raw[name])
        if factors[name] < 0:
            raise located.error(f"comparable_months.{name}", tr("不能为负数", "must not be negative"))
    for key, value in v.mapping(located, "basis", data["basis"]).items():
        v.choice(located, f"basis.{key}", key, tuple(KINDS))
        v.basis(located, f"basis.{key}", value)
    raw = v.mapping(located, "screening", data["screening"])
    fields = ("min_group_size", "method", "k", "mad_scale", "min_spread_months", "amount_brackets")
    v.known_keys(located, "screening", raw, fields, fields)
    size = raw["min_group_size"]
    if isinstance(size, bool) or not isinstance(size, int) or size < 2:
        raise located.error("screening.min_group_size", tr("应为不小于 2 的整数", "must be an integer of at least 2"))
    brackets = raw["amount_brackets"]
    if (not isinstance(brackets, list)
            or any(isinstance(b, bool) or not isinstance(b, int | float) for b in brackets)
            or list(brackets) != sorted(set(brackets))):
        raise located.error("screening.amount_brackets", tr("应为由小到大、不重复的数额列表",
                                                            "must be increasing, distinct amounts"))
    k = v.number(located, "screening.k", raw["k"])
    if k <= 0:
        raise located.error("screening.k", tr("应为正数", "must be positive"))
    return SentencingSettings(
        version=v.text(located, "version", str(data["version"])),
        factors={kind: factors[kind] for kind in KINDS}, probation_factor=factors["probation_factor"],
        min_group_size=size, method=v.choice(located, "screening.method", raw["method"], METHODS), k=k,
        mad_scale=v.number(located, "screening.mad_scale", raw["mad_scale"]),
        min_spread=v.number(located, "screening.min_spread_months", raw["min_spread_months"]),
        brackets=tuple(float(b) for b in brackets),
    )


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _n(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def _r(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def _yuan(value: float) -> str:
    return f"{value / 10000:g}万元" if value >= 10000 else f"{value:g}元"
