"""Fixtures for the acceptance tests written from the shared specs.

Every test that uses `cli` runs twice, on an SQLite file and on a PostgreSQL database of the throw-away cluster
(`db_target`): `cli.db` is what `--db` takes. A test marked `no_database` (it only evaluates case files) or
`sqlite_only(reason)` runs on SQLite alone (see tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spec_support import CLI


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db_target: str,
        another_database: Callable[[str], str]) -> CLI:
    return CLI(tmp_path, monkeypatch, capsys, db_target, another_database)
