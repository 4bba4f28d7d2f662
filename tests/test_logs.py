"""The log file is attached once and rotated, so a long-running workstation never fills its disk with logs."""

from __future__ import annotations

import logging

import pytest

from desktop_app import logs


def test_log_file_is_attached_once_and_rotates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    before = list(logs.log.handlers)
    try:
        path = logs.setup_file_logging()
        assert path is not None and logs.setup_file_logging() == path
        added = [h for h in logs.log.handlers if h not in before]
        assert len(added) == 1
        for n in range(200):
            logs.log.info("第 %d 条记录：案件质量自查", n)
        assert path.exists() and path.with_name(path.name + ".1").exists()
        assert path.stat().st_size <= 2000
    finally:
        for handler in [h for h in logs.log.handlers if h not in before]:
            logs.log.removeHandler(handler)
            handler.close()
    assert all(not isinstance(h, logging.FileHandler) for h in logs.log.handlers if h not in before)
