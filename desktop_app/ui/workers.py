"""Long work (import, export, reports) off the GUI thread, so the window keeps painting and Cancel stays clickable.

A job is a plain callable `fn(progress, cancelled)`: it reports `progress(done, total)` (total 0 = unknown) and
polls `cancelled()`, stopping by raising (e.g. `JobCancelled`). It never touches a widget; its result or error
is handed to callbacks that run on the GUI thread. The progress dialog appears only when the job takes longer
than half a second, so quick jobs do not flash a window.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.errors import report_exception

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
JobFn = Callable[[ProgressFn, CancelledFn], Any]

SHOW_AFTER_MS = 500
#: Progress is forwarded at most this often; a job reporting every row would otherwise flood the event queue.
PROGRESS_INTERVAL_S = 0.05


class JobCancelled(Exception):
    """Raised inside a job to stop it because the person pressed Cancel."""


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: JobFn, signals: _Signals, cancel_event: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._fn = fn
        self._signals = signals
        self._cancel_event = cancel_event
        self._last_report = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last_report >= PROGRESS_INTERVAL_S or (total and done >= total):
            self._last_report = now
            self._signals.progressed.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._cancel_event.is_set)
        except BaseException as exc:  # every failure must reach the GUI thread, never die silently in the pool
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)


class ProgressDialog(QDialog):
    """Label, bar and Cancel. Unlike QProgressDialog, setting a value never spins a nested event loop, which
    could deliver the job's own completion while the progress update is still running."""

    canceled = Signal()

    def __init__(self, label: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("workers", title))
        self.setMinimumWidth(380)
        self.label = QLabel(label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(self.tr("取消"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)

    def set_progress(self, done: int, total: int) -> None:
        """A known total fills the bar; total 0 shows a busy bar."""
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def reject(self) -> None:
        """Cancel, Esc and the close button ask the job to stop; the dialog closes when the job has ended."""
        self.cancel_button.setEnabled(False)
        self.canceled.emit()


class Job(QObject):
    """One background job and its (lazily shown) progress dialog; `finished` fires after the callback ran."""

    finished = Signal()
    _running: ClassVar[set[Job]] = set()

    def __init__(self, parent: QWidget | None, label: str, fn: JobFn, *,
                 on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[BaseException], None] | None = None,
                 on_cancelled: Callable[[], None] | None = None,
                 title: str = QT_TRANSLATE_NOOP("workers", "请稍候"), show_after_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__()
        self._parent_widget = parent
        self._label = label
        self._title = title
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._cancel_event = threading.Event()
        self._progress = (0, 0)
        self.done = False
        self.dialog: ProgressDialog | None = None
        self._signals = _Signals()
        self._signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(fn, self._signals, self._cancel_event)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(show_after_ms)
        self._show_timer.timeout.connect(self._show_dialog)

    @classmethod
    def running(cls) -> list[Job]:
        return list(cls._running)

    def start(self) -> Job:
        Job._running.add(self)
        self._show_timer.start()
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def cancel(self) -> None:
        self._cancel_event.set()
        if self.dialog is not None:
            self.dialog.label.setText(self.tr("正在取消…"))

    def is_cancelled(self) -> bool:
        return self._cancel_event.is_set()

    @Slot()
    def _show_dialog(self) -> None:
        if self.done:
            return
        dialog = ProgressDialog(self._label, self._title, self._parent_widget)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self._apply_progress()
        dialog.show()

    def _apply_progress(self) -> None:
        if self.dialog is None:
            return
        done, total = self._progress
        self.dialog.set_progress(done, total)
        if total > 0 and not self.is_cancelled():
            self.dialog.label.setText(self.tr("{0}（{1}/{2}）").format(self._label, done, total))

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)
        self._apply_progress()

    def _finish(self) -> None:
        self.done = True
        self._show_timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        Job._running.discard(self)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self._finish()
        try:
            if self._on_success is not None:
                self._on_success(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        try:
            if self.is_cancelled():
                if self._on_cancelled is not None:
                    self._on_cancelled()
            elif self._on_failure is not None:
                self._on_failure(exc)
            else:
                report_exception(self._parent_widget, exc)
        finally:
            self.finished.emit()


def run_in_background(parent: QWidget | None, label: str, fn: JobFn, *,
                      on_success: Callable[[Any], None] | None = None,
                      on_failure: Callable[[BaseException], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None,
                      title: str = QT_TRANSLATE_NOOP("workers", "请稍候"), show_after_ms: int = SHOW_AFTER_MS) -> Job:
    """Start `fn(progress, cancelled)` in the thread pool; without `on_failure`, errors get the standard dialogs.

    A job that raises after Cancel was pressed counts as cancelled (`on_cancelled`), whatever it raised; a job
    that completes despite a late Cancel counts as a success, because its work is done.
    """
    return Job(parent, label, fn, on_success=on_success, on_failure=on_failure, on_cancelled=on_cancelled,
               title=title, show_after_ms=show_after_ms).start()


def wait_for_jobs(timeout_ms: int = 10000) -> bool:
    """Ask every running job to stop and wait for the threads (on quit, before the database is closed)."""
    for job in Job.running():
        job.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
