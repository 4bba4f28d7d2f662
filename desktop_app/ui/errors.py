"""The two kinds of error a person meets: a problem they can act on, and a bug they can only report.

A locked or full database, or a rejected input, is shown as a plain Chinese message with no traceback. Anything
else is a bug: it is written to the log file and shown in a dialog whose report can be copied into an e-mail.
"""

from __future__ import annotations

import platform
import sys
import traceback
from collections.abc import Sequence
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.engine import DatabaseEnvironmentError, classify_error
from desktop_app import __version__, paths
from desktop_app.logs import log, setup_file_logging
from desktop_app.services.errors import ServiceError

#: Dialogs without a parent window, held here while open so Python does not delete them the moment they appear.
_orphans: set[QDialog] = set()


def _show(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if dialog.parent() is None:
        _orphans.add(dialog)
        dialog.finished.connect(lambda _result: _orphans.discard(dialog))
    dialog.open()


def environment_problem(exc: BaseException) -> DatabaseEnvironmentError | None:
    """The database failure behind an exception (locked, read-only, full, corrupt…), or None for anything else."""
    if isinstance(exc, DatabaseEnvironmentError):
        return exc
    if getattr(exc, "orig", None) is not None:  # a driver error wrapped by the storage layer (DBAPIError)
        return classify_error(exc)
    return None


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """What a maintainer needs to reproduce a bug: versions, where the log is, and the traceback."""
    lines = [
        QCoreApplication.translate("errors", "案件质量自查 版本 {0}").format(__version__),
        f"Python {platform.python_version()} · Qt {qVersion()} · {platform.platform()}",
        QCoreApplication.translate("errors", "日志文件：{0}").format(paths.log_file()),
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return "\n".join(lines)


def show_message(parent: QWidget | None, title: str, message: str, details: Sequence[str] = ()) -> QMessageBox:
    """A plain warning; `details` (e.g. every problem of a rejected file) go into the expandable part."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if details:
        box.setDetailedText("\n".join(details))
    _show(box)
    return box


def show_environment_error(parent: QWidget | None, problem: DatabaseEnvironmentError) -> QMessageBox:
    message = problem.message_zh
    if problem.path:
        message += QCoreApplication.translate("errors", "\n\n数据库：{0}").format(problem.path)
    return show_message(parent, QCoreApplication.translate("errors", "数据库无法使用"), message)


def show_service_error(parent: QWidget | None, error: ServiceError, title: str = "") -> QMessageBox:
    details = error.problems if len(error.problems) > 1 else ()
    return show_message(parent, title or QCoreApplication.translate("errors", "操作未完成"), str(error), details)


class CrashDialog(QDialog):
    """Tells the person something went wrong and gives them a report to copy and send."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出错"))
        self.resize(720, 460)
        self.report = report
        intro = QLabel(self.tr("很抱歉，程序遇到了意外错误。已保存的数据不受影响，未保存的修改可能丢失。\n请点击“复制报告”，将报告发送给技术支持人员。"))
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("复制报告"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


def show_crash(parent: QWidget | None, exc: BaseException) -> CrashDialog:
    """Log the bug and show the crash dialog (non-blocking, so the program keeps running)."""
    setup_file_logging()
    report = crash_report(type(exc), exc, exc.__traceback__)
    log.error("未处理的异常\n%s", report)
    dialog = CrashDialog(report, parent)
    _show(dialog)
    return dialog


def report_exception(parent: QWidget | None, exc: BaseException) -> QDialog:
    """Show any exception the right way: a plain message for the environment or bad input, else a crash report."""
    problem = environment_problem(exc)
    if problem is not None:
        log.warning("数据库环境问题：%s", problem.message_zh)
        return show_environment_error(parent, problem)
    if isinstance(exc, ServiceError):
        return show_service_error(parent, exc)
    return show_crash(parent, exc)


def install_exception_hook() -> None:
    """Route every uncaught exception (also those raised in Qt slots) to `report_exception`."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        try:
            report_exception(QApplication.activeWindow(), exc)
        except Exception:  # noqa: BLE001 - the error dialog itself failed; fall back to the console
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
