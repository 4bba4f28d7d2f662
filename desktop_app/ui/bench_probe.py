"""Measurement hooks for `casecheck bench`, switched on by the CASECHECK_BENCH_PROBE environment variable.

The benchmark starts the real program in a child process and needs to know when a person would first see
something. An application-wide event filter watches paint events: `first_paint` reports the first painted window
(the login dialog where accounts exist), `cases_visible` the first painted register page that holds cases,
`gui_stall` then runs the aggregate export in the background and reports the longest gap between GUI-thread
timer ticks, and `dashboard_open` opens 视图 → 质量看板 and reports the time until every chart is filled (with the
longest stall meanwhile). Each report is one JSON line on stdout, after which the process ends at once (`os._exit`), so the
measured time stops at the event itself, not at a tidy shutdown.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

PROBE_VARIABLE = "CASECHECK_BENCH_PROBE"
PROBES = ("first_paint", "cases_visible", "gui_stall", "dashboard_open")
_installed: list[QObject] = []


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process image. Linux's VmHWM starts afresh at exec, whereas `ru_maxrss` keeps
    the peak of the parent that forked it (a benchmark started from a large process would report that one)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def report_and_exit(**values: Any) -> None:
    print(json.dumps({"peak_rss_mb": peak_rss_mb(), **values}), flush=True)
    os._exit(0)


def _shows_cases(widget: QWidget) -> bool:
    view = widget.parent()
    if not isinstance(view, QAbstractItemView) or view.viewport() is not widget:
        return False
    model = view.model()
    return model is not None and model.rowCount() > 0 and model.data(model.index(0, 0)) not in (None, "")


class _PaintWatcher(QObject):
    def __init__(self, probe: str, on_cases_visible: Any) -> None:
        super().__init__()
        self.probe = probe
        self.on_cases_visible = on_cases_visible
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self.done or event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        if self.probe == "first_paint" and watched.isWindow():
            report_and_exit(event="first_paint")
        elif self.probe != "first_paint" and _shows_cases(watched):
            self.done = True
            if self.probe == "cases_visible":
                report_and_exit(event="cases_visible")
            QTimer.singleShot(0, self.on_cases_visible)
        return False


def install_probe(app: QApplication, window_factory: Any) -> None:
    """Watch paints as the environment asks; `window_factory()` returns the main window once it exists."""
    probe = os.environ.get(PROBE_VARIABLE, "")
    if probe not in PROBES:
        return
    after = _measure_dashboard if probe == "dashboard_open" else _measure_stall
    watcher = _PaintWatcher(probe, lambda: after(window_factory()))
    app.installEventFilter(watcher)
    _installed.append(watcher)  # the Python object must outlive this call for its eventFilter to run


class _StallClock:
    """The longest gap between 1 ms GUI-thread ticks since `start`: how long the window could not paint."""

    def __init__(self, parent: QObject) -> None:
        self.clock = QElapsedTimer()
        self.last = 0
        self.worst = 0
        self.timer = QTimer(parent)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now


def _measure_dashboard(window: Any) -> None:
    """视图 → 质量看板 as a person opens it; done when the dialog has filled every chart and painted them."""
    stall = _StallClock(window)
    stall.start()
    started = time.perf_counter()
    dialog = window.show_dashboard()

    def filled() -> None:
        dialog.repaint()  # the visible chart painted with its figures, not only handed them
        stall.tick()
        report_and_exit(event="dashboard_open", open_s=round(time.perf_counter() - started, 4),
                        stall_ms=stall.worst, cases=dialog.stats.cases if dialog.stats else None)

    dialog.refreshed.connect(filled)


def _measure_stall(window: Any) -> None:
    """Export every case to one workbook in the background; the longest gap between 1 ms ticks is the stall."""
    from desktop_app.services.cases import CaseQuery
    from desktop_app.services.exports import export_scorecards
    from desktop_app.ui.workers import run_in_background

    services = window.services
    ids = services.cases.list_ids(CaseQuery(sort="case_no", descending=False))
    case_nos = [row.case_no for row in services.cases.rows(ids).values()]
    out = os.environ.get("CASECHECK_BENCH_OUT", "bench-stall.xlsx")
    stall = _StallClock(window)
    stall.start()
    started = time.perf_counter()

    def job(progress: Any, cancelled: Any) -> None:
        export_scorecards(services, case_nos, "xlsx", out, "combined", progress=progress, cancelled=cancelled)

    def finished(_: Any) -> None:
        stall.tick()
        report_and_exit(event="gui_stall", stall_ms=stall.worst, export_s=round(time.perf_counter() - started, 3),
                        cases=len(case_nos))

    run_in_background(window, "导出", job, on_success=finished,
                      on_failure=lambda exc: report_and_exit(event="gui_stall", error=str(exc)))
