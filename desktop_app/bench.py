"""`casecheck bench`: the speed and memory goals, measured on a throw-away database of demo cases.

Benchmarks live here, not in unit tests, so the test suite stays deterministic while the numbers stay honest.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app import __version__


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return round(time.perf_counter() - start, 4), result


def _peak_rss_mb() -> float | None:
    """Peak resident memory of this process; None where the platform does not report it (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def run_bench(cases: int, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Fill a temporary database with `cases` demo cases and time what users wait for."""
    from desktop_app.core.demo import generate_cases
    from desktop_app.core.evaluation import evaluate_case
    from desktop_app.services.cases import CaseQuery
    from desktop_app.services.container import open_services
    from desktop_app.services.demo import fill_demo
    from desktop_app.services.exports import export_scorecards
    from desktop_app.services.risk import RiskService

    today = dt.date.today()
    results: dict[str, Any] = {"format": "casecheck.bench/1", "program_version": __version__,
                               "python": platform.python_version(), "machine": platform.machine(), "cases": cases}
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(str(Path(tmp) / "bench.db"))
        seconds, _ = _timed(lambda: list(generate_cases(cases, seed=7)))
        results["generate_s"] = seconds
        seconds, _ = _timed(lambda: fill_demo(services, cases, seed=7, progress=progress))
        results["import_with_answers_s"] = seconds
        results["import_cases_per_s"] = round(cases / seconds, 1) if seconds else None
        sample = list(generate_cases(min(1000, cases), seed=7))
        seconds, _ = _timed(lambda: [evaluate_case(c, today, services.context) for c in sample])
        results["evaluate_ms_per_case"] = round(1000 * seconds / max(1, len(sample)), 3)
        query = CaseQuery(case_type="criminal.prosecution_review", sort="received_on", descending=True)
        seconds, _ = _timed(lambda: services.cases.page(query, 0, 100))
        results["filtered_sorted_page_ms"] = round(seconds * 1000, 2)
        seconds, ids = _timed(lambda: services.cases.list_ids(CaseQuery()))
        results["all_ids_sorted_ms"] = round(seconds * 1000, 2)
        seconds, _ = _timed(lambda: services.cases.page(CaseQuery(text="盗窃"), 0, 100))
        results["search_substring_ms"] = round(seconds * 1000, 2)
        seconds, _ = _timed(lambda: services.cases.count(CaseQuery(text="盗窃")))
        results["search_count_ms"] = round(seconds * 1000, 2)
        risk = RiskService(services.database, services.cases)
        seconds, screening = _timed(lambda: risk.screening(CaseQuery()))
        results["screen_sentencing_s"], results["screen_sentencing_cases"] = seconds, screening.cases_screened
        seconds, calibration = _timed(lambda: risk.calibration(CaseQuery()))
        results["risk_calibrate_s"], results["risk_calibrate_cases"] = seconds, calibration.assessed
        rows = services.cases.rows(ids[:1000])
        case_nos = [rows[i].case_no for i in ids[:1000] if i in rows]
        out = Path(tmp)
        seconds, _ = _timed(lambda: export_scorecards(services, case_nos, "xlsx", out / "agg.xlsx", "combined",
                                                      today=today))
        results["export_xlsx_cases"] = len(case_nos)
        results["export_xlsx_s"] = seconds
        seconds, _ = _timed(lambda: export_scorecards(services, case_nos[:100], "pdf", out / "all.pdf", "combined",
                                                      today=today))
        results["export_pdf_cases"] = len(case_nos[:100])
        results["export_pdf_s"] = seconds
        services.close()
    results["peak_rss_mb"] = _peak_rss_mb()
    return results
