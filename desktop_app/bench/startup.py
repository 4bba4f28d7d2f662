"""Whole-process start-up measurements: the real program against a bare PySide6 window, both in child processes.

Start-up is what a prosecutor waits for dozens of times a day, so it is measured as they see it: from launching
the process to its first painted window, and to the first painted page of cases. The floor is a program that does
nothing but show an empty QMainWindow; both leave on the painted frame (see `desktop_app/ui/bench_probe.py`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

BARE_WINDOW = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
from desktop_app.ui.bench_probe import report_and_exit

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType() and watched.isWindow():
            report_and_exit(event="bare_paint")
        return False

app = QApplication(sys.argv)
watch = Watch()
app.installEventFilter(watch)
window = QMainWindow()
window.resize(800, 600)
window.show()
app.exec()
"""


def _environment(home: Path, probe: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CASECHECK_BENCH_PROBE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["CASECHECK_HOME"] = str(home)
    if probe:
        env["CASECHECK_BENCH_PROBE"] = probe
    return env


def run_child(args: list[str], env: dict[str, str], timeout: float = 600) -> tuple[float, dict[str, Any]]:
    """Wall-clock seconds from spawn to exit, and the probe's JSON report."""
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    seconds = time.perf_counter() - start
    reports = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not reports:
        raise RuntimeError(f"{' '.join(args[:3])}… exited {done.returncode}: {done.stderr[-1500:]}")
    return seconds, json.loads(reports[-1])


def bare_window(home: Path) -> tuple[float, dict[str, Any]]:
    return run_child([sys.executable, "-c", BARE_WINDOW], _environment(home))


def program(database: str, home: Path, probe: str, extra_env: dict[str, str] | None = None,
            timeout: float = 600) -> tuple[float, dict[str, Any]]:
    """`python main.py --db DATABASE` (or the same call of the installed package where there is no source tree)."""
    env = {**_environment(home, probe), **(extra_env or {})}
    main = ROOT / "main.py"
    launcher = [str(main)] if main.exists() else ["-c", "from desktop_app.ui.app import main; raise SystemExit(main())"]
    return run_child([sys.executable, *launcher, "--db", database], env, timeout=timeout)
