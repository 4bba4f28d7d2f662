"""Window sizes taken from the screen a window opens on, and splitter positions remembered between sessions.

A 1280×720 laptop and a 1920×1080 monitor both have to show a window's buttons: a window asks for a share of the
available screen, capped at the size it would like, instead of a fixed number of pixels.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

from desktop_app.paths import config_dir

APP_TITLE = QT_TRANSLATE_NOOP("layout", "案件质量自查")
SETTINGS_ORGANIZATION = "casecheck"
SETTINGS_APPLICATION = "casecheck"
#: The share of the available screen a window takes at most, leaving room for its frame and title bar.
SCREEN_SHARE = 0.92


def app_settings() -> QSettings:
    """The user's settings; under CASECHECK_HOME (tests, portable use) an INI file in that folder."""
    if os.environ.get("CASECHECK_HOME"):
        path = config_dir() / f"{SETTINGS_APPLICATION}.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(SETTINGS_ORGANIZATION, SETTINGS_APPLICATION)


def available_size(widget: QWidget | None = None) -> QSize:
    """The available geometry of the screen the widget is on (or the primary screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else QSize(1280, 720)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to the wished size, or to the share of the screen that fits, whichever is smaller; the window's
    minimum size is lowered to fit too, so its buttons stay on the screen."""
    screen = available_size(window)
    limit = QSize(int(screen.width() * SCREEN_SHARE), int(screen.height() * SCREEN_SHARE))
    hint = window.minimumSizeHint()
    window.setMinimumSize(min(hint.width(), limit.width()), min(hint.height(), limit.height()))
    window.resize(min(width, limit.width()), min(height, limit.height()))


def remember_splitter(splitter: QSplitter, key: str, settings: QSettings | None = None) -> None:
    """Restore the splitter's saved position now and save it whenever the person moves it."""
    store = settings or app_settings()
    splitter.setObjectName(key)
    state = store.value(f"splitters/{key}")
    if state is not None:
        splitter.restoreState(state)

    def save(_pos: int, _index: int) -> None:
        store.setValue(f"splitters/{key}", splitter.saveState())

    splitter.splitterMoved.connect(save)
