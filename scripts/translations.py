"""Bring the English translation of the desktop program up to date: `python scripts/translations.py`.

1. Writes `desktop_app/ui/label_catalogue.py` (the core labels the UI translates) from `desktop_app.ui.labels`.
2. Runs `pyside6-lupdate` over every module of `desktop_app/ui/` into `resources/translations/casecheck_en.ts`
   (Chinese is the source language; new texts arrive as unfinished, vanished ones are dropped).
3. Compiles the .ts into `casecheck_en.qm` with `pyside6-lrelease`.

Translate the unfinished messages in the .ts (Qt Linguist, `pyside6-linguist`, or any editor) and run the script
again. The .qm is committed, so the wheel and the frozen build carry it; a test checks it is current.
`--check` changes nothing and exits 1 when the .ts or .qm would change or a message is untranslated.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "desktop_app" / "ui"
CATALOGUE = UI / "label_catalogue.py"
TS = ROOT / "resources" / "translations" / "casecheck_en.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    """The Qt tool next to this Python (a venv's bin/Scripts), else from PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6")
    return found


def sources() -> list[Path]:
    return sorted(path for path in UI.rglob("*.py") if "__pycache__" not in path.parts)


def update_ts(ts: Path) -> None:
    subprocess.run([_tool("pyside6-lupdate"), *map(str, sources()), "-ts", str(ts), "-no-obsolete",
                    "-locations", "none", "-source-language", "zh_CN", "-target-language", "en"],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def unfinished(ts: Path) -> int:
    return len(re.findall(r'type="unfinished"', ts.read_text(encoding="utf-8")))


def catalogue_text() -> str:
    sys.path.insert(0, str(ROOT))
    from desktop_app.ui.labels import catalogue_source

    return catalogue_source()


def check() -> list[str]:
    """What is out of date, without changing anything."""
    problems = []
    if not CATALOGUE.exists() or CATALOGUE.read_text(encoding="utf-8") != catalogue_text():
        problems.append(f"{CATALOGUE.relative_to(ROOT)} is not current")
    with tempfile.TemporaryDirectory() as tmp:
        ts, qm = Path(tmp) / TS.name, Path(tmp) / QM.name
        shutil.copyfile(TS, ts)
        update_ts(ts)
        if ts.read_text(encoding="utf-8") != TS.read_text(encoding="utf-8"):
            problems.append(f"{TS.relative_to(ROOT)} is not current with the sources")
        if unfinished(ts):
            problems.append(f"{unfinished(ts)} messages are not translated")
        compile_qm(TS, qm)
        if not QM.exists() or qm.read_bytes() != QM.read_bytes():
            problems.append(f"{QM.relative_to(ROOT)} is not compiled from the current .ts")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report what is out of date and change nothing")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    CATALOGUE.write_text(catalogue_text(), encoding="utf-8")
    TS.parent.mkdir(parents=True, exist_ok=True)
    update_ts(TS)
    compile_qm(TS, QM)
    left = unfinished(TS)
    print(f"{TS.relative_to(ROOT)}: {left} messages to translate" if left else f"{QM.relative_to(ROOT)} is current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
