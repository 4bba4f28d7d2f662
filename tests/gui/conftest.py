"""GUI fixtures: a real database (an SQLite file in a temporary folder, or a PostgreSQL database) and settings kept
out of the user's home.

A module whose windows read and write cases runs on both databases by asking for `db_target` (tests/conftest.py):
`pytestmark = pytest.mark.usefixtures("db_target")`. Its tests then run once on the SQLite file `home / "t.db"`
and once on a fresh database of the session's PostgreSQL cluster; `services` and `gui_database` follow. The other
modules (pure widgets, start-up, files only SQLite has) stay on the SQLite file.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.services.container import Services, open_services

#: "Today" for every GUI test, so deadline statuses do not depend on the day the tests run.
TODAY = dt.date(2026, 3, 20)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that opens no database (a pure widget in a module on both databases) runs once, on the SQLite side."""
    here = Path(__file__).parent
    idle = [item for item in items if here in item.path.parents and "gui_database" not in item.fixturenames
            and getattr(item, "callspec", None) is not None and item.callspec.params.get("db_target") == "postgresql"]
    if idle:
        config.hook.pytest_deselected(items=idle)
        items[:] = [item for item in items if item not in set(idle)]


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASECHECK_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def db_path(home: Path) -> Path:
    """db_target's SQLite file is the GUI tests' own, so both kinds of module see the same file on SQLite."""
    return home / "t.db"


@pytest.fixture
def gui_database(request: pytest.FixtureRequest, db_path: Path) -> str:
    """What the test's program opens (`--db`): db_target's database in a module that uses it, else the SQLite file."""
    if "db_target" in request.fixturenames:
        return str(request.getfixturevalue("db_target"))
    return str(db_path)


@pytest.fixture
def services(gui_database: str) -> Iterator[Services]:
    opened = open_services(gui_database, today=lambda: TODAY)
    yield opened
    opened.close()


@pytest.fixture
def app_main(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run `app.main` inside the test: its exception hook, log handler and translations are undone afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handlers = list(logging.getLogger("casecheck").handlers)
    translators = set(QApplication.instance().findChildren(QTranslator))
    yield
    for translator in set(QApplication.instance().findChildren(QTranslator)) - translators:
        QApplication.removeTranslator(translator)
        translator.deleteLater()
    for handler in logging.getLogger("casecheck").handlers:
        if handler not in handlers:
            logging.getLogger("casecheck").removeHandler(handler)
            handler.close()
