"""The program shows a window before it loads the database layer, so a person sees it start at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "reportlab", "desktop_app.services")


def test_the_start_up_window_module_loads_no_database_or_report_code() -> None:
    code = ("import sys, desktop_app.ui.app; "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"
