"""GUI fixtures: a real SQLite database in a temporary folder, and settings kept out of the user's home."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.container import Services, open_services

#: "Today" for every GUI test, so deadline statuses do not depend on the day the tests run.
TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASECHECK_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def services(home: Path) -> Iterator[Services]:
    opened = open_services(str(home / "t.db"), today=lambda: TODAY)
    yield opened
    opened.close()
