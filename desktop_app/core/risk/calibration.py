"""Calibrating the 三色码 against what prosecutors decided: agreement, confusion matrix, indicator lift.

Agreement counts red with an approved arrest and green with a refusal. Yellow means "look closer", so it is
reported as its own row and left out of the rate. An indicator's lift is how much likelier an arrest is among the
cases showing it than among all assessed cases (1.0 = no information); it tells a procuratorate which weights its
own decisions support.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

OUTCOMES: tuple[str, ...] = ("approved", "rejected")
AGREEING: dict[str, str] = {"red": "approved", "green": "rejected"}


@dataclass(frozen=True)
class Decided:
    """One assessed case with a recorded arrest decision."""

    case_no: str
    charge: str
    colour: str
    outcome: str
    #: Indicators answered yes (including mandatory_81_3 when it applied).
    present: frozenset[str]


@dataclass(frozen=True)
class IndicatorStat:
    indicator: str
    cases: int
    frequency: float
    approved_rate: float
    lift: float | None

    def to_json(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "cases": self.cases, "frequency": round(self.frequency, 4),
                "approved_rate": round(self.approved_rate, 4),
                "lift": None if self.lift is None else round(self.lift, 3)}


@dataclass(frozen=True)
class Calibration:
    assessed: int
    agreement: float | None
    matrix: dict[str, dict[str, int]]
    indicators: list[IndicatorStat]
    #: charge -> (cases counted for agreement, agreeing, rate)
    by_charge: dict[str, tuple[int, int, float | None]]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "casecheck.calibration/1",
            "assessed": self.assessed,
            "agreement": None if self.agreement is None else round(self.agreement, 4),
            "matrix": self.matrix,
            "indicators": [s.to_json() for s in self.indicators],
            "by_crime_type": [{"charge": charge, "counted": n, "agree": agree,
                               "agreement": None if rate is None else round(rate, 4)}
                              for charge, (n, agree, rate) in self.by_charge.items()],
        }


def calibrate(rows: Iterable[Decided]) -> Calibration:
    rows = [r for r in rows if r.outcome in OUTCOMES]
    matrix = {colour: dict.fromkeys(OUTCOMES, 0) for colour in ("red", "yellow", "green")}
    for r in rows:
        matrix[r.colour][r.outcome] += 1
    counted = [r for r in rows if r.colour in AGREEING]
    agreement = _rate(sum(AGREEING[r.colour] == r.outcome for r in counted), len(counted))
    approved_all = _rate(sum(r.outcome == "approved" for r in rows), len(rows)) or 0.0
    seen: Counter[str] = Counter()
    approved: Counter[str] = Counter()
    for r in rows:
        for indicator in r.present:
            seen[indicator] += 1
            approved[indicator] += r.outcome == "approved"
    stats = []
    for indicator, n in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0])):
        rate = approved[indicator] / n
        stats.append(IndicatorStat(indicator, n, n / len(rows), rate, rate / approved_all if approved_all else None))
    groups: dict[str, list[Decided]] = defaultdict(list)
    for r in counted:
        groups[r.charge].append(r)
    by_charge = {}
    for charge in sorted(groups, key=lambda c: (-len(groups[c]), c)):
        agree = sum(AGREEING[r.colour] == r.outcome for r in groups[charge])
        by_charge[charge] = (len(groups[charge]), agree, _rate(agree, len(groups[charge])))
    return Calibration(assessed=len(rows), agreement=agreement, matrix=matrix, indicators=stats,
                       by_charge=by_charge)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None
