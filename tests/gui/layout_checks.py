"""Layout checks on a 1280×720 screen; run by test_small_screen.py in a process whose offscreen screen has that size.

Not collected on its own (the default offscreen screen is 800×800): every window and dialog a person opens must
keep its buttons on the screen, and no widget placed by a layout may be drawn over another.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services.container import Services
from desktop_app.services.demo import fill_demo
from desktop_app.ui.case_editor import CaseEditor
from desktop_app.ui.export_dialogs import ExportDialog
from desktop_app.ui.grade_override import GradeOverrideDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.profile_dialog import ProfileDialog
from desktop_app.ui.shortcuts_dialog import ShortcutsDialog
from desktop_app.ui.training import TrainingDialog
from tests.gui.windows import open_main_window

SCREEN = (1280, 720)


@pytest.fixture(autouse=True)
def _small_screen() -> None:
    screen = QGuiApplication.primaryScreen()
    if (screen.geometry().width(), screen.geometry().height()) != SCREEN:
        pytest.skip("needs a 1280×720 screen (run through test_small_screen.py)")


def _layout_widgets(layout: QLayout) -> Iterator[QWidget]:
    for number in range(layout.count()):
        item = layout.itemAt(number)
        if item.widget() is not None:
            yield item.widget()
        elif item.layout() is not None:
            yield from _layout_widgets(item.layout())


def overlaps(window: QWidget) -> list[str]:
    """Pairs of visible widgets placed by the same layout whose rectangles intersect."""
    found = []
    for parent in [window, *window.findChildren(QWidget)]:
        layout = parent.layout()
        if layout is None or not parent.isVisible():
            continue
        placed = [w for w in _layout_widgets(layout) if w.isVisible() and not w.isWindow()]
        for i, first in enumerate(placed):
            for second in placed[i + 1:]:
                if first.geometry().intersected(second.geometry()).isValid():
                    found.append(f"{type(first).__name__}({first.objectName() or first.property('text') or ''})"
                                 f" × {type(second).__name__}({second.objectName() or second.property('text') or ''})"
                                 f" in {type(parent).__name__}")
    return found


def off_screen_buttons(window: QWidget) -> list[str]:
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    problems = [] if screen.contains(frame) else [f"window {frame} outside {screen}"]
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window:
            continue
        rect = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        if not screen.contains(rect):
            problems.append(f"{button.text() or type(button).__name__} at {rect}")
    return problems


def check(qtbot: QtBot, window: QWidget) -> None:
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert off_screen_buttons(window) == []
    assert overlaps(window) == []


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    fill_demo(services, 12, seed=3)
    main = open_main_window(qtbot, services)
    return main


def test_main_window_and_case_workspace_fit(qtbot: QtBot, window: MainWindow) -> None:
    check(qtbot, window)
    window.focus_results()
    workspace = window.open_case(window.current_case_no() or "")
    check(qtbot, window)
    for index in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        check(qtbot, window)


def test_every_dialog_fits(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    window.focus_results()
    case_no = window.current_case_no() or ""
    workspace = window.open_case(case_no)
    assert workspace.inspection is not None and workspace.score is not None
    dialogs: list[QWidget] = [
        CaseEditor(services, None, window), CaseEditor(services, case_no, window),
        ExportDialog(services, [case_no], window.model.query, window.model.rowCount(), window.settings, window),
        TrainingDialog(services, window), ShortcutsDialog(window), ProfileDialog(services, window),
        GradeOverrideDialog(services, workspace.inspection.info.id, workspace.score, window),
        window.show_rectification_overview(),
    ]
    for dialog in dialogs:
        dialog.show()
        check(qtbot, dialog)
        dialog.close()
