"""Background jobs: progress reaches the dialog, Cancel stops the job, errors reach the right callback or dialog."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from db.engine import DatabaseEnvironmentError
from desktop_app.services.errors import ServiceError
from desktop_app.ui.errors import CrashDialog
from desktop_app.ui.workers import CancelledFn, JobCancelled, ProgressDialog, ProgressFn, run_in_background


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_job_reports_progress_and_delivers_its_result(qtbot: QtBot, parent: QWidget) -> None:
    release = threading.Event()
    results: list[object] = []

    def job(progress: ProgressFn, cancelled: CancelledFn) -> str:
        progress(3, 10)
        release.wait(5)
        progress(10, 10)
        return "完成"

    handle = run_in_background(parent, "正在处理…", job, on_success=results.append, show_after_ms=0)
    qtbot.waitUntil(lambda: handle.dialog is not None and handle.dialog.bar.value() == 3)
    dialog = handle.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.bar.maximum() == 10
    assert "3/10" in dialog.label.text()
    with qtbot.waitSignal(handle.finished):
        release.set()
    assert results == ["完成"]
    assert handle.dialog is None
    assert not dialog.isVisible()


def test_quick_job_does_not_flash_a_progress_dialog(qtbot: QtBot, parent: QWidget) -> None:
    results: list[object] = []
    handle = run_in_background(parent, "正在处理…", lambda p, c: 42, on_success=results.append)
    with qtbot.waitSignal(handle.finished):
        pass
    assert results == [42]
    assert not parent.findChildren(ProgressDialog)


def test_cancel_button_stops_the_job(qtbot: QtBot, parent: QWidget) -> None:
    seen: list[str] = []
    steps: list[int] = []

    def job(progress: ProgressFn, cancelled: CancelledFn) -> None:
        for step in range(10_000):
            if cancelled():
                raise JobCancelled()
            steps.append(step)
            progress(step, 10_000)
            time.sleep(0.002)
        seen.append("ran to the end")

    handle = run_in_background(parent, "正在导出…", job, on_success=lambda _r: seen.append("success"),
                               on_failure=lambda _e: seen.append("failure"),
                               on_cancelled=lambda: seen.append("cancelled"), show_after_ms=0)
    qtbot.waitUntil(lambda: handle.dialog is not None and handle.dialog.isVisible())
    assert handle.dialog is not None
    cancel = handle.dialog.cancel_button
    assert cancel.text() == "取消"
    with qtbot.waitSignal(handle.finished):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert seen == ["cancelled"]
    assert len(steps) < 10_000


def test_failure_reaches_the_failure_callback(qtbot: QtBot, parent: QWidget) -> None:
    failures: list[BaseException] = []
    successes: list[object] = []

    def job(progress: ProgressFn, cancelled: CancelledFn) -> None:
        raise ValueError("文件损坏")

    handle = run_in_background(parent, "正在导入…", job, on_success=successes.append, on_failure=failures.append)
    with qtbot.waitSignal(handle.finished):
        pass
    assert successes == []
    assert len(failures) == 1 and isinstance(failures[0], ValueError) and str(failures[0]) == "文件损坏"


def test_unhandled_bad_input_is_a_plain_message(qtbot: QtBot, parent: QWidget) -> None:
    def job(progress: ProgressFn, cancelled: CancelledFn) -> None:
        raise ServiceError("a.json: case_no: 不能为空", ["a.json: case_no: 不能为空", "b.json: title: 不能为空"])

    handle = run_in_background(parent, "正在导入…", job)
    with qtbot.waitSignal(handle.finished):
        pass
    boxes = [w for w in parent.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    assert "case_no: 不能为空" in boxes[0].text()
    assert "b.json: title" in boxes[0].detailedText()
    assert not parent.findChildren(CrashDialog)


@pytest.mark.parametrize("error, expected", [
    (DatabaseEnvironmentError("disk_full", "磁盘已满，修改未能保存。请清理磁盘空间后重试。", "The disk is full.",
                              "/data/casecheck.db"), "磁盘已满"),
    (OperationalError("UPDATE cases", {}, sqlite3.OperationalError("database is locked")), "已锁定"),
], ids=["environment-error", "driver-error"])
def test_database_trouble_is_explained_without_a_traceback(qtbot: QtBot, parent: QWidget, error: Exception,
                                                           expected: str) -> None:
    def job(progress: ProgressFn, cancelled: CancelledFn) -> None:
        raise error

    handle = run_in_background(parent, "正在保存…", job)
    with qtbot.waitSignal(handle.finished):
        pass
    boxes = [w for w in parent.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    assert expected in boxes[0].text() and "Traceback" not in boxes[0].text()
    assert not parent.findChildren(CrashDialog)


def test_a_bug_gets_a_crash_report_that_is_logged_and_copyable(qtbot: QtBot, parent: QWidget, home: Path) -> None:
    def job(progress: ProgressFn, cancelled: CancelledFn) -> None:
        raise RuntimeError("意外的错误")

    handle = run_in_background(parent, "正在计算…", job)
    with qtbot.waitSignal(handle.finished):
        pass
    dialogs = parent.findChildren(CrashDialog)
    assert len(dialogs) == 1
    report = dialogs[0].text.toPlainText()
    assert "RuntimeError: 意外的错误" in report and "Traceback" in report
    assert str(home / "logs" / "casecheck.log") in report
    dialogs[0].copy_report()
    assert QApplication.clipboard().text() == report
    assert "意外的错误" in (home / "logs" / "casecheck.log").read_text(encoding="utf-8")
