"""The program as pip, pipx or an IT department installs it: a wheel in a fresh virtual environment.

The wheel must carry every data file and the Alembic scripts, so the installed program runs from any folder with
no source tree beside it. The fresh environment borrows the already-installed dependencies through a `.pth` line
(the test must not need the network), but gets the program itself only from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the program installed from a freshly built wheel; returns its bin folder."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    # Build from a copy, so the build leaves nothing (build/, *.egg-info) in the checkout.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                                                "__pycache__", "*.db", "*.db-*"))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(base / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-3000:]
    (wheel,) = (base / "dist").glob("casecheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not any(name.startswith("resources/") for name in names), "a generic top-level resources package"
    for needed in ("desktop_app/resources/checklists/criminal.prosecution_review.yaml",
                   "desktop_app/resources/deadlines/periods.yaml", "desktop_app/resources/fonts/wqy-microhei.ttc",
                   "desktop_app/resources/calendars/cn_holidays.yaml", "desktop_app/resources/icons/casecheck.svg",
                   "desktop_app/resources/translations/casecheck_en.qm",
                   "db/migrations/env.py", "db/migrations/script.py.mako",
                   "db/migrations/versions/0001_initial_schema.py"):
        assert needed in names
    shipped = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert {f"desktop_app/resources/{p}" for p in shipped} <= set(names)

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr[-3000:]
    fresh_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                capture_output=True, text=True, check=True).stdout.strip()
    Path(fresh_site, "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return bin_dir


def _run(bin_dir: Path, program: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "CASECHECK_DB"}}
    env.update(QT_QPA_PLATFORM="offscreen", CASECHECK_HOME=str(cwd / "home"))
    return subprocess.run([str(bin_dir / program), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def _shipped_dir(bin_dir: Path, cwd: Path) -> Path:
    run = subprocess.run([str(bin_dir / "python"), "-c",
                          "from desktop_app.core.datafile import resources_dir; print(resources_dir())"],
                         cwd=cwd, capture_output=True, text=True, check=True)
    return Path(run.stdout.strip())


@pytest.mark.slow
def test_the_installed_wheel_runs_every_main_command(installed: Path, tmp_path: Path) -> None:
    shipped = _shipped_dir(installed, tmp_path)
    assert ROOT not in shipped.parents, "the installed program read the source tree's data"
    db = str(tmp_path / "w.db")
    for args in (("init",), ("demo", "--cases", "12")):
        run = _run(installed, "casecheck", "--db", db, *args, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
    sample = shipped / "samples" / "criminal.prosecution_review.json"
    run = _run(installed, "casecheck", "evaluate", str(sample), "--format", "json", "--today", "2026-03-20",
               cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["format"] == "casecheck.result/1"
    for fmt in ("xlsx", "pdf"):
        out = tmp_path / f"all.{fmt}"
        run = _run(installed, "casecheck", "--db", db, "export", "--format", fmt, "--out", str(out), "--all",
                   cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert out.stat().st_size > 1000
    gui = _run(installed, "casecheck-gui", "--db", db, "--smoke-test", cwd=tmp_path)
    assert gui.returncode == 0, gui.stderr[-3000:]
    assert "smoke-test ok: 12 cases, 9 checklists, font WenQuanYi Micro Hei" in gui.stdout


@pytest.mark.slow
def test_a_missing_shipped_file_is_a_broken_installation_not_the_users_mistake(installed: Path,
                                                                              tmp_path: Path) -> None:
    periods = _shipped_dir(installed, tmp_path) / "deadlines" / "periods.yaml"
    kept = periods.read_bytes()
    periods.unlink()
    try:
        sample = periods.parents[1] / "samples" / "criminal.prosecution_review.json"
        run = _run(installed, "casecheck", "evaluate", str(sample), cwd=tmp_path)
    finally:
        periods.write_bytes(kept)
    assert run.returncode == 3
    assert "请重新安装" in run.stderr and "periods.yaml" in run.stderr
    assert "Traceback" not in run.stderr
