"""Fixtures for the acceptance tests written from the shared specs."""

from __future__ import annotations

from pathlib import Path

import pytest
from spec_support import CLI


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CLI:
    return CLI(tmp_path, monkeypatch, capsys)
