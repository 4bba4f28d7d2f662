"""The installer build: PyInstaller freezes the program with its data, and the frozen program starts and runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_frozen_program_starts_on_a_demo_database(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(tmp_path / "dist"),
         "--workpath", str(tmp_path / "build"), str(ROOT / "installer.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    (folder,) = (tmp_path / "dist").iterdir()
    exe = folder / ("casecheck.exe" if os.name == "nt" else "casecheck")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CASECHECK_HOME": str(tmp_path / "home")}
    run = subprocess.run([str(exe), "--db", str(tmp_path / "demo.db"), "--demo", "--smoke-test"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "smoke-test ok: 200 cases, 9 checklists, font WenQuanYi Micro Hei" in run.stdout
