"""`casecheck bench`: what users wait for, each measured next to its floor, on a throw-away demo database.

Benchmarks live here, not in unit tests, so the test suite stays deterministic while the numbers stay honest.
Every metric has a baseline measured in the same run (`floors.py`, `startup.py`), so a reader can tell what is
slow: `ratio` is value / baseline, and `met` says whether the goal the project set for it holds. Timings are
medians of several repeats.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.bench import floors, startup
from desktop_app.bench.targets import ServerTarget, SqliteTarget, Target

BENCH_FORMAT = "casecheck.bench/1"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Goal:
    """`ratio <= max_ratio`, `value <= max_value` or `value >= min_value`; every bound given must hold."""

    text: str
    max_ratio: float | None = None
    max_value: float | None = None
    min_value: float | None = None

    def met(self, value: float, ratio: float | None) -> bool:
        return ((self.max_ratio is None or (ratio is not None and ratio <= self.max_ratio))
                and (self.max_value is None or value <= self.max_value)
                and (self.min_value is None or value >= self.min_value))


GOALS: dict[str, Goal] = {
    "startup_first_paint": Goal("ratio ≤ 1.5", max_ratio=1.5),
    "startup_cases_visible": Goal("ratio ≤ 3", max_ratio=3),
    "page_query": Goal("ratio ≤ 3 and ≤ 10 ms", max_ratio=3, max_value=10),
    "search": Goal("ratio ≤ 3", max_ratio=3),
    "evaluate_all": Goal("≥ 10,000 cases/s", min_value=10_000),
    "export_xlsx": Goal("ratio ≤ 1.5", max_ratio=1.5),
    "export_pdf": Goal("ratio ≤ 1.5", max_ratio=1.5),
    "gui_stall": Goal("≤ 50 ms", max_value=50),
    "rss_main_window": Goal("≤ 200 MB", max_value=200),
    "demo_generation": Goal("ratio ≤ 3", max_ratio=3),
    "screening": Goal("≤ 10 s", max_value=10),
    "dashboard": Goal("≤ 1 s", max_value=1),
    "dashboard_open": Goal("≤ 1 s", max_value=1),
}


def metric(name: str, value: float, unit: str, baseline: float | None) -> dict[str, Any]:
    """The reported numbers agree with each other: the ratio is that of the value and baseline as printed."""
    value = round(value, 3)
    floor = None if baseline is None else round(baseline, 3)
    ratio = round(value / floor, 2) if floor else None
    goal = GOALS[name]
    return {"value": value, "unit": unit, "baseline": floor, "ratio": ratio, "goal": goal.text,
            "met": goal.met(value, ratio)}


def machine() -> dict[str, Any]:
    memory = None
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {"system": platform.system(), "release": platform.release(), "arch": platform.machine(),
            "cpus": os.cpu_count(), "memory_gb": memory, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "program_version": __version__}


def run_bench(cases: int, progress: Progress | None = None, repeats: int = 3, *, db_url: str | None = None,
              only: Collection[str] | None = None) -> dict[str, Any]:
    """Fill a throw-away database with `cases` demo cases and measure every metric (or those in `only`) against
    its floor. The database is a temporary SQLite file, or with `db_url` a fresh database on that PostgreSQL
    server, dropped afterwards."""
    say = progress or (lambda _: None)
    with tempfile.TemporaryDirectory(prefix="casecheck-bench-") as tmp:
        folder = Path(tmp)
        target: Target = ServerTarget(db_url) if db_url else SqliteTarget(folder)
        try:
            return {"format": BENCH_FORMAT, "cases": cases, "machine": {**machine(), "database": target.description},
                    "metrics": _Run(folder, cases, repeats, say, target, only).all()}
        finally:
            target.close()


class _Run:
    def __init__(self, folder: Path, cases: int, repeats: int, say: Progress, target: Target,
                 only: Collection[str] | None = None) -> None:
        self.folder = folder
        self.cases = cases
        self.repeats = max(1, repeats)
        self.say = say
        self.target = target
        self.db = target.url
        self.wanted = set(GOALS) if only is None else set(only)
        self.home = folder / "home"
        self.today = dt.date.today()
        #: The raw-sqlite3 time of the dashboard's SQL, measured by `dashboard`; the floor of `dashboard_open` too.
        self.dashboard_floor: float | None = None

    def all(self) -> dict[str, dict[str, Any]]:
        from desktop_app.services.container import open_services

        results: dict[str, dict[str, Any]] = {}
        self.say("demo_generation")
        results["demo_generation"] = self.demo_generation()
        services = open_services(self.db)
        try:
            for name, measure in (("page_query", self.page_query), ("search", self.search),
                                  ("evaluate_all", self.evaluate_all), ("screening", self.screening),
                                  ("dashboard", self.dashboard),
                                  ("export_xlsx", self.export_xlsx),
                                  ("export_pdf", self.export_pdf)):
                if name in self.wanted:
                    self.say(name)
                    results[name] = measure(services)
        finally:
            services.close()
        if self.wanted & {"startup_first_paint", "startup_cases_visible", "rss_main_window"}:
            self.say("startup")
            results.update(self.startup())
        if "gui_stall" in self.wanted:
            self.say("gui_stall")
            results["gui_stall"] = self.gui_stall()
        if "dashboard_open" in self.wanted:
            self.say("dashboard_open")
            results["dashboard_open"] = self.dashboard_open()
        return {name: results[name] for name in GOALS if name in results and name in self.wanted}

    # --- data ----------------------------------------------------------------------------------------------
    def demo_generation(self) -> dict[str, Any]:
        from desktop_app.services.container import open_services
        from desktop_app.services.demo import fill_demo

        # The kept database is the last one generated; earlier repeats go to a scratch database. Each starts empty.
        # When the metric itself is not asked for, the database is generated once, for the others.
        times = []
        repeats = self.repeats if "demo_generation" in self.wanted else 1
        for index in range(repeats):
            where = self.target.fresh(final=index == repeats - 1)
            start = time.perf_counter()
            services = open_services(where)
            try:
                fill_demo(services, self.cases, seed=7, today=self.today)
            finally:
                services.close()
            times.append(time.perf_counter() - start)
        if "demo_generation" not in self.wanted:
            return metric("demo_generation", statistics.median(times), "s", None)
        floor = floors.median_seconds(self.target.copy_rows_job(), self.repeats)
        return metric("demo_generation", statistics.median(times), "s", floor)

    # --- queries -------------------------------------------------------------------------------------------
    def _versus_raw(self, services: Any, calls: list[Callable[[], Any]]) -> tuple[float, float]:
        """Median over the calls of (median service time, median raw-sqlite3 time of the SQL it sent), in ms."""
        raw = self.target.raw_connection()
        try:
            ours: list[float] = []
            floor: list[float] = []
            for call in calls:
                call()  # warm the statement cache, as a person's second query would
                with floors.captured_sql(services.database.engine) as sent:
                    call()
                ours.append(floors.median_seconds(call, self.repeats * 3))
                floor.append(floors.median_seconds(partial(floors.replay, raw, sent), self.repeats * 3))
        finally:
            raw.close()
        return statistics.median(ours) * 1000, statistics.median(floor) * 1000

    def page_query(self, services: Any) -> dict[str, Any]:
        from desktop_app.core.case import CASE_TYPES
        from desktop_app.services.cases import SORT_COLUMNS, CaseQuery

        pick = random.Random(11)
        prosecutors = services.cases.distinct_values("prosecutor")
        departments = services.cases.distinct_values("department")
        types: list[str | None] = [None, *CASE_TYPES]
        calls: list[Callable[[], Any]] = []
        for index in range(50):
            query = CaseQuery(case_type=pick.choice(types), sort=pick.choice(sorted(SORT_COLUMNS)),
                              descending=pick.random() < 0.5,
                              prosecutor=pick.choice(prosecutors) if prosecutors and index % 3 == 0 else None,
                              department=pick.choice(departments) if departments and index % 4 == 1 else None)
            calls.append(partial(services.cases.page, query, 0, 100))
        value, floor = self._versus_raw(services, calls)
        return metric("page_query", value, "ms", floor)

    def search(self, services: Any) -> dict[str, Any]:
        from desktop_app.services.cases import CaseQuery

        titles = [row.title + row.charges for row in services.cases.page(CaseQuery(sort="case_no"), 0, 500)]
        pick = random.Random(13)
        terms: list[str] = []
        while len(terms) < 50 and titles:
            text = pick.choice(titles)
            size = 1 + len(terms) % 4
            start = pick.randrange(max(1, len(text) - size))
            term = text[start:start + size].strip()
            if term:
                terms.append(term)
        calls: list[Callable[[], Any]] = [partial(services.cases.page, CaseQuery(text=t), 0, 100) for t in terms]
        value, floor = self._versus_raw(services, calls)
        return metric("search", value, "ms", floor)

    # --- batch work ----------------------------------------------------------------------------------------
    def evaluate_all(self, services: Any) -> dict[str, Any]:
        from desktop_app.core.evaluation import evaluate_case
        from desktop_app.services.cases import CaseQuery

        context = services.context

        def ours() -> int:
            return sum(1 for case in services.cases.iter_cases(CaseQuery(sort="case_no"))
                       if evaluate_case(case, self.today, context) is not None)

        with floors.captured_sql(services.database.engine) as sent:
            ours()
        raw = self.target.raw_connection()
        try:
            floor = floors.median_seconds(lambda: floors.replay(raw, sent), self.repeats)
        finally:
            raw.close()
        seconds = floors.median_seconds(ours, self.repeats)
        return metric("evaluate_all", self.cases / seconds, "cases/s", self.cases / floor)

    def screening(self, services: Any) -> dict[str, Any]:
        """量刑偏离度 / 同案不同判 over every case; the floor reads the same rows through raw sqlite3."""
        from desktop_app.services.cases import CaseQuery
        from desktop_app.services.risk import RiskService

        risk = RiskService(services.database, services.cases)
        with floors.captured_sql(services.database.engine) as sent:
            risk.screening(CaseQuery())
        raw = self.target.raw_connection()
        try:
            floor = floors.median_seconds(partial(floors.replay, raw, sent), self.repeats)
        finally:
            raw.close()
        return metric("screening", floors.median_seconds(lambda: risk.screening(CaseQuery()), self.repeats), "s",
                      floor)

    def dashboard(self, services: Any) -> dict[str, Any]:
        """质量看板 over every case, every figure: what the dashboard's worker runs when it opens."""
        from desktop_app.services.stats import StatsFilters, stats_service

        stats = stats_service(services)
        with floors.captured_sql(services.database.engine) as sent:
            stats.dashboard(StatsFilters(), self.today)
        raw = self.target.raw_connection()
        try:
            floor = floors.median_seconds(partial(floors.replay, raw, sent), self.repeats)
        finally:
            raw.close()
        self.dashboard_floor = floor
        return metric("dashboard", floors.median_seconds(lambda: stats.dashboard(StatsFilters(), self.today),
                                                         self.repeats), "s", floor)

    def _case_nos(self, services: Any, limit: int | None = None) -> list[str]:
        from desktop_app.services.cases import CaseQuery

        ids = services.cases.list_ids(CaseQuery(sort="case_no", descending=False))[:limit]
        rows = services.cases.rows(ids)
        return [rows[i].case_no for i in ids if i in rows]

    def export_xlsx(self, services: Any) -> dict[str, Any]:
        from desktop_app.services.exports import export_scorecards

        case_nos = self._case_nos(services)
        out = self.folder / "all.xlsx"
        value = floors.median_seconds(
            lambda: export_scorecards(services, case_nos, "xlsx", out, "combined", today=self.today), self.repeats)
        floor = floors.median_seconds(floors.write_cells_plainly(out, self.folder / "plain.xlsx"), self.repeats)
        return metric("export_xlsx", value, "s", floor)

    def export_pdf(self, services: Any) -> dict[str, Any]:
        from desktop_app.services.exports import build_scorecard, export_scorecards

        case_nos = self._case_nos(services, 1000)
        value = floors.median_seconds(
            lambda: export_scorecards(services, case_nos, "pdf", self.folder / "pdf", "per_case", today=self.today),
            self.repeats)
        pages = [floors.scorecard_text(build_scorecard(services, n, self.today)) for n in case_nos]
        floor = floors.median_seconds(lambda: floors.draw_plainly(pages, self.folder / "plain-pdf"), self.repeats)
        return metric("export_pdf", value, "s", floor)

    # --- the window ----------------------------------------------------------------------------------------
    def startup(self) -> dict[str, dict[str, Any]]:
        runs: dict[str, list[tuple[float, dict[str, Any]]]] = {"bare": [], "first_paint": [], "cases_visible": []}
        for _ in range(max(3, self.repeats)):
            runs["bare"].append(startup.bare_window(self.home))
            for probe in ("first_paint", "cases_visible"):
                runs[probe].append(startup.program(self.db, self.home, probe))

        def seconds(name: str) -> float:
            return statistics.median(t for t, _ in runs[name])

        def rss(name: str) -> float:
            return statistics.median(r.get("peak_rss_mb") or 0.0 for _, r in runs[name])

        bare = seconds("bare")
        return {"startup_first_paint": metric("startup_first_paint", seconds("first_paint"), "s", bare),
                "startup_cases_visible": metric("startup_cases_visible", seconds("cases_visible"), "s", bare),
                "rss_main_window": metric("rss_main_window", rss("cases_visible"), "MB", rss("bare") or None)}

    def gui_stall(self) -> dict[str, Any]:
        """One whole export from the window: its longest stall is already the worst of thousands of ticks."""
        _, report = startup.program(self.db, self.home, "gui_stall",
                                    {"CASECHECK_BENCH_OUT": str(self.folder / "stall.xlsx")}, timeout=3600)
        if "error" in report:
            raise RuntimeError(f"gui_stall: {report['error']}")
        return metric("gui_stall", float(report["stall_ms"]), "ms", None)


    def dashboard_open(self) -> dict[str, Any]:
        """视图 → 质量看板 in the running program, from the menu command to every chart filled and painted; the
        floor is the raw-sqlite3 time of the figures' SQL (what the worker cannot avoid). Beside the median, every
        run's time and the longest GUI-thread stall of each while it opened (the probe's 1 ms ticks; `gui_stall`
        sets the ≤ 50 ms bound a window must keep), `stall_ms` the worst of them."""
        times: list[float] = []
        stalls: list[float] = []
        for _ in range(max(3, self.repeats)):
            _, report = startup.program(str(self.db), self.home, "dashboard_open", timeout=1800)
            if "open_s" not in report:
                raise RuntimeError(f"dashboard_open: {report}")
            times.append(float(report["open_s"]))
            stalls.append(float(report["stall_ms"]))
        return {**metric("dashboard_open", statistics.median(times), "s", self.dashboard_floor),
                "runs_s": times, "stall_ms": max(stalls), "stalls_ms": stalls}


def format_table(result: dict[str, Any]) -> str:
    """The metrics as a plain-text table a person can read in a terminal."""
    header = ("metric", "value", "baseline", "ratio", "goal", "met")
    rows = [header]
    for name, m in result["metrics"].items():
        baseline = "—" if m["baseline"] is None else f"{m['baseline']:g} {m['unit']}"
        value = f"{m['value']:g} {m['unit']}" + (f" (stall {m['stall_ms']:g} ms)" if "stall_ms" in m else "")
        rows.append((name, value, baseline, "—" if m["ratio"] is None else f"{m['ratio']:g}",
                     m["goal"], "yes" if m["met"] else "NO"))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(header))]
    lines = [f"casecheck bench — {result['cases']} cases, {result['machine']['cpus']} CPUs"]
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)
