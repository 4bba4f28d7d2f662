"""Starting the desktop program: options, fonts, error handling, the database, then the main window.

A database that cannot be opened (locked, read-only, corrupt, from a newer version) is explained in one plain
sentence and the program exits cleanly; only real bugs reach the crash dialog.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QLineEdit, QMainWindow, QMessageBox

from desktop_app import __version__, paths
from desktop_app.core.datafile import BrokenInstallationError, DataFileError, resources_dir
from desktop_app.core.i18n import LANGUAGES, set_language
from desktop_app.logs import log, setup_file_logging
from desktop_app.ui.fonts import install_fonts
from desktop_app.ui.language import install_qt_translations, saved_language
from desktop_app.ui.layout import APP_TITLE, SETTINGS_APPLICATION, SETTINGS_ORGANIZATION, app_settings, fit_to_screen

if TYPE_CHECKING:
    from desktop_app.services.container import Services
    from desktop_app.ui.main_window import MainWindow

DEMO_CASES = 200
DEMO_SEED = 1


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and whatever is left over for Qt (e.g. -platform)."""
    parser = argparse.ArgumentParser(
        prog="casecheck-gui", description=QCoreApplication.translate("app", "案件质量自查（图形界面）")
    )
    parser.add_argument(
        "--db",
        help=QCoreApplication.translate(
            "app", "数据库文件路径或 SQLAlchemy URL（默认为用户数据目录中的 casecheck.db）"
        ),
    )
    parser.add_argument("--demo", action="store_true", help=QCoreApplication.translate("app", "数据库为空时填入演示案件"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=QCoreApplication.translate("app", "界面和提示信息的语言（zh 或 en；默认为“工具 → 界面语言”的选择，即中文）"))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--smoke-test", action="store_true",
                        help=QCoreApplication.translate("app", "打开主窗口、显示后立即退出，并输出案件数（用于检验安装包）"))
    return parser.parse_known_args(list(argv))


def fill_demo_if_empty(services: Services) -> int:
    """The same demo cases as `casecheck demo`, for a new, empty database; one holding cases is left alone."""
    from desktop_app.services.cases import CaseQuery
    from desktop_app.services.demo import fill_demo

    if services.cases.count(CaseQuery()) > 0:
        return 0
    return fill_demo(services, DEMO_CASES, seed=DEMO_SEED, today=services.derived.today())


def _fatal(title: str, text: str, details: str = "", *, interactive: bool = True) -> None:
    """Tell the person why the program cannot start; a smoke test has nobody to click OK, so it prints instead."""
    if not interactive:
        print(f"{title}: {text}\n{details}", file=sys.stderr, flush=True)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if details:
        box.setDetailedText(details)
    box.exec()


def data_file_advice(error: DataFileError) -> str:
    """What the person can do about a broken data file: an imported calendar can simply be removed."""
    calendar = paths.user_calendar_file()
    if Path(error.file).resolve() == calendar.resolve():
        return QCoreApplication.translate("app", "这是本机导入的节假日历。请改正该文件，或将其删除以恢复使用内置节假日历：\n{0}").format(calendar)
    return QCoreApplication.translate("app", "请改正该文件后重新启动程序。")


@dataclass
class Started:
    """A program ready for its event loop."""

    app: QApplication
    window: MainWindow
    services: Services
    smoke_test: bool = False


def show_startup_shell() -> QMainWindow:
    """An empty window with the program's title, painted before SQLAlchemy, Alembic, the services and the report
    writers are imported: that takes most of a second, and the person should see at once that the program starts.

    Events are processed once so that the window system shows it; clicks and key presses wait until the program is
    ready for them."""
    shell = QMainWindow()
    shell.setWindowTitle(QCoreApplication.translate("layout", APP_TITLE))
    label = QLabel(QCoreApplication.translate("app", "正在打开案件登记簿……"), shell)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    shell.setCentralWidget(label)
    fit_to_screen(shell, 1600, 1000)
    shell.show()
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    return shell


def start(argv: Sequence[str]) -> Started | int:
    """Everything before the event loop; an exit code instead when the program cannot start."""
    args, qt_args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "casecheck", *qt_args])
    assert isinstance(app, QApplication)
    args.lang = args.lang or saved_language(app_settings())
    set_language(args.lang)
    opened: list[MainWindow] = []
    if os.environ.get("CASECHECK_BENCH_PROBE"):
        from desktop_app.ui.bench_probe import install_probe

        install_probe(app, lambda: opened[0])
    app.setOrganizationName(SETTINGS_ORGANIZATION)
    app.setApplicationName(SETTINGS_APPLICATION)
    app.setApplicationVersion(__version__)
    install_fonts(app)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "casecheck.svg")))
    install_qt_translations(app, args.lang)
    app.setApplicationDisplayName(QCoreApplication.translate("layout", APP_TITLE))
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    shell = show_startup_shell()
    try:
        return _open_and_show(app, args, opened)
    finally:
        shell.close()
        shell.deleteLater()


def _ask_database_password(where: str) -> str | None:
    """The password of a database server that PGPASSWORD and .pgpass did not provide; None when cancelled."""
    QGuiApplication.restoreOverrideCursor()
    password, ok = QInputDialog.getText(None, QCoreApplication.translate("app", "数据库密码"),
                                        QCoreApplication.translate("app", "请输入数据库服务器的密码：\n{0}").format(where),
                                        QLineEdit.EchoMode.Password)
    return password if ok else None


def _open_and_show(app: QApplication, args: argparse.Namespace, opened: list[MainWindow]) -> Started | int:
    """Open the database and show the login dialog or the main window; the heavy modules load here, after the
    start-up window has been painted."""
    from db.engine import DatabaseEnvironmentError
    from desktop_app.services.container import open_services
    from desktop_app.ui.errors import CrashDialog, crash_report, install_exception_hook
    from desktop_app.ui.login_dialog import LoginDialog
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.tools_menu import apply_saved_grading

    log_path = setup_file_logging()
    install_exception_hook()

    target = paths.resolve_database(args.db)
    try:
        services = open_services(target, ask_password=None if args.smoke_test else _ask_database_password)
        apply_saved_grading(services, app_settings())
        if args.demo:
            added = fill_demo_if_empty(services)
            if added:
                log.info("已填入 %d 件演示案件", added)
    except DatabaseEnvironmentError as exc:
        QGuiApplication.restoreOverrideCursor()
        log.warning("无法打开数据库 %s：%s", target, exc.message_zh)
        _fatal(
            QCoreApplication.translate("app", "数据库无法使用"),
            QCoreApplication.translate("app", "{0}\n\n数据库：{1}").format(exc.message_zh, exc.path or target),
            interactive=not args.smoke_test,
        )
        return 2
    except BrokenInstallationError as exc:
        QGuiApplication.restoreOverrideCursor()
        log.error("安装不完整：%s", exc)
        _fatal(QCoreApplication.translate("app", "程序安装不完整"), str(exc), interactive=not args.smoke_test)
        return 3
    except DataFileError as exc:
        QGuiApplication.restoreOverrideCursor()
        log.warning("数据文件有错误，无法启动：%s", exc)
        _fatal(
            QCoreApplication.translate("app", "数据文件有错误"),
            QCoreApplication.translate("app", "程序无法启动，因为下面这个数据文件有错误：\n\n{0}\n\n{1}").format(
                exc, data_file_advice(exc)
            ),
            interactive=not args.smoke_test,
        )
        return 2
    except Exception as exc:
        QGuiApplication.restoreOverrideCursor()
        report = crash_report(type(exc), exc, exc.__traceback__)
        log.error("启动失败\n%s", report)
        if args.smoke_test:
            print(report, file=sys.stderr, flush=True)
        else:
            CrashDialog(report).exec()
        return 3
    QGuiApplication.restoreOverrideCursor()
    log.info("已打开数据库 %s（日志 %s）", services.database.display_path, log_path)
    if services.accounts and not args.smoke_test:
        login = LoginDialog(services.database)
        if login.exec() != LoginDialog.DialogCode.Accepted or login.actor is None:
            services.close()
            return 0
        services.actor = login.actor
        log.info("已登录：%s", services.actor.login)
    window = MainWindow(services)
    opened.append(window)
    window.show()
    return Started(app, window, services, smoke_test=args.smoke_test)


#: Allocations between young-generation collections, and how many of those make a middle-aged one, how many of
#: those an old one (Python's defaults: 700, 10, 10).
COLLECTOR_THRESHOLDS = (20_000, 50, 100)


def tune_collector() -> None:
    """Keep Python's cycle collector from freezing the window while a background job runs.

    A collection holds the interpreter lock for as long as it walks its generation; with the modules, Qt wrappers
    and mappers of a started program in the oldest one, each full collection during a 20,000-case export stopped
    the GUI thread for up to a second. What exists once the window is up lives as long as the program, so it is
    moved out of the collector's sight (`gc.freeze`), and collections come less often, each over younger objects."""
    import gc

    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def main(argv: Sequence[str] | None = None) -> int:
    started = start(sys.argv[1:] if argv is None else argv)
    if isinstance(started, int):
        return started
    tune_collector()
    try:
        if started.smoke_test:
            QTimer.singleShot(0, lambda: _smoke_report(started))
        return started.app.exec()
    finally:
        started.services.close()
        if not started.smoke_test:
            _rolling_backup(started.services)


def _rolling_backup(services: Services) -> None:
    """The daily backup on exit; a failure is logged and never keeps the program from closing."""
    from db.engine import sqlite_path
    from desktop_app.services.backups import auto_backup
    from desktop_app.services.errors import ServiceError

    try:
        path = sqlite_path(services.database.url)
        made = auto_backup(path) if path is not None else None
    except (ServiceError, OSError) as exc:
        log.warning("自动备份失败：%s", exc)
        return
    if made is not None:
        log.info("已自动备份到 %s", made)


def _smoke_report(started: Started) -> None:
    """Prove that the whole program runs (Qt, fonts, database, register) and leave."""
    from desktop_app.services.cases import CaseQuery

    count = started.services.cases.count(CaseQuery())
    print(f"smoke-test ok: {count} cases, {len(started.services.context.templates)} checklists, "
          f"font {started.app.font().family()}", flush=True)
    started.window.close()
    started.app.quit()
