"""Shared fixtures. Qt runs offscreen so GUI tests work with no display; every test gets its own home folder."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.i18n import set_language  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings, logs and the default database go to a throw-away folder, never the developer's own."""
    monkeypatch.setenv("CASECHECK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CASECHECK_DB", raising=False)
    yield
    set_language("zh")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.db"


@pytest.fixture
def services(db_path: Path):  # type: ignore[no-untyped-def]
    from desktop_app.services.container import open_services

    opened = open_services(str(db_path), today=lambda: dt.date(2026, 3, 20))
    yield opened
    opened.close()
