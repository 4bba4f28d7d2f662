"""Runs the layout checks on a 1280×720 offscreen screen, in a process of their own (a screen's size is fixed
when Qt starts). The offscreen platform takes its screens from a JSON file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def offscreen_platform(tmp_path: Path, width: int, height: int) -> str:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
                                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def test_windows_and_dialogs_fit_a_1280x720_screen(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": offscreen_platform(tmp_path, 1280, 720)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", str(ROOT / "tests/gui/layout_checks.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "skipped" not in result.stdout, "the screen was not 1280×720: " + result.stdout[-2000:]
