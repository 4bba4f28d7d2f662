"""GUI fixtures: a real SQLite database in a temporary folder, and settings kept out of the user's home."""

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
