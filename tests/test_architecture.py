"""The domain, services, reports and storage must never import Qt: the CLI and tests run them with no GUI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = [
    ROOT / "desktop_app" / "core",
    ROOT / "desktop_app" / "services",
    ROOT / "desktop_app" / "reports",
    ROOT / "db",
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("folder", QT_FREE, ids=lambda p: p.name)
def test_no_qt_outside_ui(folder: Path) -> None:
    files = list(folder.rglob("*.py"))
    assert files, f"{folder} has no Python files"
    offenders = {
        str(p.relative_to(ROOT))
        for p in files
        for name in _imports(p)
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
    }
    assert not offenders


def test_widgets_run_no_sql() -> None:
    """Widgets go through services; neither SQLAlchemy nor the models are imported in the UI."""
    offenders = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "desktop_app" / "ui").rglob("*.py")
        for name in _imports(p)
        if name.split(".")[0] in {"sqlalchemy", "sqlite3"} or name == "db.models"
    }
    assert not offenders
